"""Comparing two programme versions, of one year or of two years: one selector for the page,
the CSV and the history pages (which call `verschillen_opgave` for one opgave's changes).

velden: field by field (VeldVerschil, verschillen_opgave, met_inhoud);
versies: the whole comparison (vergelijk_versies, Vergelijking, Getal);
rijen: the same rows flattened for the CSV (rijen_csv)."""

from programma.vergelijking.rijen import KOPPEN, Rij, rijen_csv
from programma.vergelijking.velden import (
    OPGAVE_VELDEN,
    VeldVerschil,
    met_inhoud,
    verschillen_opgave,
    verschillen_versie,
)
from programma.vergelijking.versies import (
    GemeenteVerschil,
    Getal,
    OpgaveVergelijking,
    Vergelijking,
    Wijziging,
    vergelijk_versies,
)

__all__ = [
    "KOPPEN",
    "OPGAVE_VELDEN",
    "GemeenteVerschil",
    "Getal",
    "OpgaveVergelijking",
    "Rij",
    "VeldVerschil",
    "Vergelijking",
    "Wijziging",
    "met_inhoud",
    "rijen_csv",
    "vergelijk_versies",
    "verschillen_opgave",
    "verschillen_versie",
]
