"""Selectors for every figure a page shows: one source per figure (issue 14, point 1).

Budget, FTE, co-funding, bijdragen and counts, per opgave, per thema, per niveau, per gemeente
and per version, come from here and nowhere else; pages, and later PDFs, CSV and the API, read
these objects. A per-opgave figure is a correlated subquery on its own table, never a `Sum` or
`Count` across a join that multiplies rows (two one-to-many joins side by side multiply each
other: that once turned € 13.350.000 co-funding into € 38.000.000). Totals are added up from
those per-opgave rows here, in one place. tests/reconciliatie/ recomputes every figure from the
raw rows and compares it with each surface, cell by cell."""

from programma.cijfers.gemeente import GemeenteJaar, gemeente_bijdragen
from programma.cijfers.opgave import OpgaveDetail, opgave_detail
from programma.cijfers.thema import ThemaGemeente, per_thema, thema_gemeenten
from programma.cijfers.versie import (
    GemeenteRegel,
    ThemaCijfers,
    VersieCijfers,
    Voorbeeld,
    met_cijfers,
    programma_opgaven,
    verdeling_voorbeeld,
    versie_cijfers,
)

__all__ = [
    "GemeenteJaar",
    "GemeenteRegel",
    "OpgaveDetail",
    "ThemaCijfers",
    "ThemaGemeente",
    "VersieCijfers",
    "Voorbeeld",
    "gemeente_bijdragen",
    "met_cijfers",
    "opgave_detail",
    "per_thema",
    "programma_opgaven",
    "thema_gemeenten",
    "verdeling_voorbeeld",
    "versie_cijfers",
]
