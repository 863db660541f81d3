"""Field by field: what differs between two contents of an opgave, or two programme versions.

Public API for the comparison pages and the history pages alike: `verschillen_opgave` takes two
ProgrammaOpgave rows (either may be None: added or removed) and returns one VeldVerschil per
field that differs. On rows read through `met_inhoud` it asks the database nothing more."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from programma.models import (
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
    Verdeelsleutel,
)
from regio.geld import format_bedrag, format_fte
from regio.tekstverschil import is_herschreven, is_lang


@dataclass(frozen=True)
class VeldVerschil:
    """One field that differs: its code and label, the old and new value (None where the side
    is absent), as the page shows them, and whether it reads better as a word diff."""

    veld: str
    label: str
    oud: object
    nieuw: object
    oud_weergave: str
    nieuw_weergave: str
    lang: bool

    @cached_property  # a frozen dataclass still has a __dict__ to cache in
    def herschreven(self) -> bool:
        """A long text rewritten rather than edited (less than a third of the old text kept,
        and the new one less than a third old): shown as the old and the new text, since a
        word diff of it reads as noise. A text that only grew or shrank is no rewrite."""
        return self.lang and is_herschreven(self.oud_weergave, self.nieuw_weergave)


Waarde = tuple[object, str]  # (value compared, text shown)


def _tekst(waarde: str | None) -> Waarde:
    return (waarde or "", waarde or "")


def _stuurgroep(po: ProgrammaOpgave) -> Waarde:
    namen = sorted(lid.weergave.naam for lid in po.stuurgroep.all())
    return (tuple(namen), ", ".join(namen))


def _regelingen(po: ProgrammaOpgave) -> Waarde:
    regels = sorted(
        (r.naam, r.get_niveau_display(), r.verwachte_cofinanciering, r.toelichting)
        for r in po.externe_regelingen.all()
    )
    tekst = "\n".join(
        f"{naam} ({niveau}): {format_bedrag(bedrag)}" + (f" — {toelichting}" if toelichting else "")
        for naam, niveau, bedrag, toelichting in regels
    )
    return (tuple(regels), tekst)


def _synergieen(po: ProgrammaOpgave) -> Waarde:
    # A synergy is stored once (van < naar); the other end is named by its lasting identity, so
    # the same link in two versions (two different rows) compares equal.
    paren = [(s.naar, s.toelichting) for s in po.synergieen_van.all()] + [
        (s.van, s.toelichting) for s in po.synergieen_naar.all()
    ]
    regels = sorted((ander.titel_weergave, toelichting) for ander, toelichting in paren)
    tekst = "\n".join(f"{titel}: {toelichting}" for titel, toelichting in regels)
    return (tuple(regels), tekst)


def _portefeuillehouder(po: ProgrammaOpgave) -> Waarde:
    houder = po.portefeuillehouder_weergave
    if houder is None:
        return ("", "")
    extra = " ".join(d for d in (houder.functie, houder.gemeente) if d)
    return (houder.naam, f"{houder.naam} ({extra})" if extra else houder.naam)


#: the fields of an opgave's content in a version, in the order a page lists them
OPGAVE_VELDEN: list[tuple[str, object, Callable[[ProgrammaOpgave], Waarde]]] = [
    ("titel", gettext_lazy("Titel"), lambda po: _tekst(po.titel_weergave)),
    ("thema", gettext_lazy("Thema"), lambda po: _tekst(po.thema_weergave)),
    ("doel", gettext_lazy("Doel"), lambda po: _tekst(po.doel)),
    ("resultaat", gettext_lazy("Resultaat"), lambda po: _tekst(po.resultaat)),
    ("mandaat", gettext_lazy("Mandaat"), lambda po: _tekst(po.mandaat)),
    ("sturing", gettext_lazy("Sturing"), lambda po: _tekst(po.sturing)),
    ("budget", gettext_lazy("Budget"), lambda po: (po.budget, format_bedrag(po.budget))),
    (
        "capaciteit_fte",
        gettext_lazy("Capaciteit"),
        lambda po: (po.capaciteit_fte, format_fte(po.capaciteit_fte)),
    ),
    (
        "capaciteit_toelichting",
        gettext_lazy("Wie levert de capaciteit"),
        lambda po: _tekst(po.capaciteit_toelichting),
    ),
    ("portefeuillehouder", gettext_lazy("Regionaal portefeuillehouder"), _portefeuillehouder),
    ("rangorde", gettext_lazy("Rangorde"), lambda po: (po.rangorde, str(po.rangorde))),
    ("stuurgroep", gettext_lazy("Stuurgroep"), _stuurgroep),
    ("externe_regelingen", gettext_lazy("Externe regelingen"), _regelingen),
    ("synergieen", gettext_lazy("Synergieën"), _synergieen),
]

#: the figures of an opgave: the comparison shows them as figures (with a difference), not text
CIJFERVELDEN = ("budget", "capaciteit_fte")

LEEG: Waarde = (None, "")


def _verschillen(
    velden, oud, nieuw, *, leeg_gelijk: Callable[[object, object], bool]
) -> list[VeldVerschil]:
    uitkomst = []
    for veld, label, lees in velden:
        o_waarde, o_tekst = lees(oud) if oud is not None else LEEG
        n_waarde, n_tekst = lees(nieuw) if nieuw is not None else LEEG
        if o_waarde == n_waarde or leeg_gelijk(o_waarde, n_waarde):
            continue
        uitkomst.append(
            VeldVerschil(
                veld=veld,
                label=str(label),
                oud=o_waarde,
                nieuw=n_waarde,
                oud_weergave=o_tekst,
                nieuw_weergave=n_tekst,
                lang=is_lang(o_tekst, n_tekst),
            )
        )
    return uitkomst


def _leeg(waarde) -> bool:
    return waarde is None or waarde == "" or waarde == ()


def verschillen_opgave(
    oud: ProgrammaOpgave | None, nieuw: ProgrammaOpgave | None
) -> list[VeldVerschil]:
    """The fields of an opgave's content that differ between two versions (None: absent)."""
    # An absent side differs from every field the other side fills in, not from an empty one.
    return _verschillen(OPGAVE_VELDEN, oud, nieuw, leeg_gelijk=lambda o, n: _leeg(o) and _leeg(n))


def met_inhoud(qs: QuerySet[ProgrammaOpgave]) -> QuerySet[ProgrammaOpgave]:
    """Programme opgaven with everything `verschillen_opgave` reads, in a fixed number of
    queries (one per relation, whatever the number of opgaven)."""
    return qs.select_related(
        "versie",
        "versie__jaarprogramma",
        "opgave",
        "opgave__thema",
        "portefeuillehouder",
        "portefeuillehouder__gemeente",
    ).prefetch_related(
        Prefetch(
            "stuurgroep",
            queryset=StuurgroepLid.objects.select_related(
                "partner", "bestuurder", "bestuurder__gemeente"
            ),
        ),
        Prefetch("externe_regelingen", queryset=ExterneRegeling.objects.all()),
        Prefetch(
            "synergieen_van",
            queryset=Synergie.objects.select_related("naar__opgave", "naar__versie"),
        ),
        Prefetch(
            "synergieen_naar",
            queryset=Synergie.objects.select_related("van__opgave", "van__versie"),
        ),
    )


# --- the programme itself ------------------------------------------------------------------


def _procent(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}".replace(".", ",") + "\u00a0%"


def _datum(waarde: datetime.date | None) -> str:
    return date_format(waarde, "j F Y") if waarde else ""


def programma_velden(peildatum: Callable[[ProgrammaVersie], datetime.date | None]):
    """The fields of a version itself; `peildatum` gives the inwoners' reference date it
    splits by (for a first concept not its stored field, but the reference data's)."""
    return [
        ("titel", gettext_lazy("Titel"), lambda v: _tekst(v.titel)),
        ("visie_fundament", gettext_lazy("Visie: fundament"), lambda v: _tekst(v.visie_fundament)),
        (
            "visie_actualiteit",
            gettext_lazy("Visie: actualiteit"),
            lambda v: _tekst(v.visie_actualiteit),
        ),
        (
            "visie_perspectief",
            gettext_lazy("Visie: perspectief"),
            lambda v: _tekst(v.visie_perspectief),
        ),
        (
            "verdeelsleutel",
            gettext_lazy("Verdeelsleutel"),
            lambda v: (v.verdeelsleutel, str(Verdeelsleutel(v.verdeelsleutel).label)),
        ),
        (
            "basisaandeel",
            gettext_lazy("Vast deel per gemeente"),
            lambda v: (v.basisaandeel, _procent(v.basisaandeel)),
        ),
        (
            "peildatum_inwoners",
            gettext_lazy("Peildatum inwoners"),
            lambda v: (peildatum(v), _datum(peildatum(v))),
        ),
    ]


def verschillen_versie(
    oud: ProgrammaVersie, nieuw: ProgrammaVersie, peildatum=None
) -> list[VeldVerschil]:
    """The fields of the programme itself that differ between two versions."""
    velden = programma_velden(peildatum or (lambda v: v.peildatum_inwoners))
    return _verschillen(velden, oud, nieuw, leeg_gelijk=lambda o, n: False)


__all__ = [
    "CIJFERVELDEN",
    "OPGAVE_VELDEN",
    "VeldVerschil",
    "met_inhoud",
    "verschillen_opgave",
    "verschillen_versie",
]
