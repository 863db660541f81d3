"""The rows of a comparison, flattened for the CSV: the same rows the page shows, in its order
(totals, the programme's fields, each opgave with its figures and changed fields, its bijdragen
per gemeente where they differ, the bijdragen per gemeente in total). Amounts are plain whole
euros, FTE and percentages have a decimal comma (Dutch Excel reads them as numbers)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from programma.vergelijking.versies import Getal, Vergelijking

KOPPEN = (
    "soort",
    "opgave",
    "gemeente",
    "veld",
    "oud",
    "nieuw",
    "verschil",
    "verschil_procent",
)


class Rij(NamedTuple):
    soort: str
    opgave: str
    gemeente: str
    veld: str
    oud: str
    nieuw: str
    verschil: str
    verschil_procent: str


def _waarde(w: int | Decimal) -> str:
    if isinstance(w, Decimal):
        return f"{w.normalize():f}".replace(".", ",") if w else "0"
    return str(w)


def _cijfer(soort: str, veld: str, g: Getal, *, opgave: str = "", gemeente: str = "") -> Rij:
    procent = g.procent
    return Rij(
        soort,
        opgave,
        gemeente,
        veld,
        _waarde(g.oud),
        _waarde(g.nieuw),
        _waarde(g.verschil),
        "" if procent is None else f"{procent:f}".replace(".", ","),
    )


def soort_opgave(wijziging_label: str) -> str:
    return _("opgave %(wijziging)s") % {"wijziging": wijziging_label}


def rijen_csv(vergelijking: Vergelijking) -> list[Rij]:
    """Every row of the comparison page, flattened (columns: KOPPEN)."""
    v = vergelijking
    totaal = _("totaal")
    rijen = [
        _cijfer(totaal, _("Aantal opgaven"), v.aantal_opgaven),
        _cijfer(totaal, _("Budget"), v.budget),
        _cijfer(totaal, _("Capaciteit (fte)"), v.fte),
    ]
    for veld in v.velden:
        rijen.append(
            Rij(_("programma"), "", "", veld.label, veld.oud_weergave, veld.nieuw_weergave, "", "")
        )
    for o in v.opgaven:
        soort = soort_opgave(o.wijziging_label)
        rijen.append(_cijfer(soort, _("Budget"), o.budget, opgave=o.titel))
        rijen.append(_cijfer(soort, _("Capaciteit (fte)"), o.fte, opgave=o.titel))
        for veld in o.velden:
            rijen.append(
                Rij(soort, o.titel, "", veld.label, veld.oud_weergave, veld.nieuw_weergave, "", "")
            )
        if o.bijdragen_gewijzigd:
            for b in o.bijdragen:
                rijen.append(
                    _cijfer(
                        _("bijdrage opgave"),
                        _("Bijdrage"),
                        b.bedrag,
                        opgave=o.titel,
                        gemeente=b.naam,
                    )
                )
    for b in v.gemeenten:
        rijen.append(_cijfer(_("bijdrage gemeente"), _("Bijdrage"), b.bedrag, gemeente=b.naam))
    rijen.append(_cijfer(totaal, _("Bijdragen"), v.bijdragen_totaal))
    return rijen
