"""Reads of reference data that pages share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, OuterRef, QuerySet, Subquery, Value, When
from django.http import Http404

from regio.models import Gemeente, Inwonertal, Thema

#: An Inwonertal whose `bron` says this is an estimate, not the official CBS figure (the demo
#: data marks four gemeenten so); pages mark such a figure as estimated.
SCHATTING = "schatting"


def is_schatting(bron: str | None) -> bool:
    """Whether an inwonertal with this `bron` is an estimate."""
    return bool(bron) and SCHATTING in bron.casefold()


def geschat(veld: str) -> Case:
    """A boolean expression: the text field (or annotation) `veld` names an estimate."""
    return Case(
        When(**{f"{veld}__icontains": SCHATTING}, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def gemeenten_met_inwoners() -> QuerySet[Gemeente]:
    """All gemeenten with their newest inwonertal, its peildatum and its source (and whether
    that is an estimate: `inwoners_geschat`), in one query."""
    nieuwste = Inwonertal.objects.filter(gemeente=OuterRef("pk")).order_by("-peildatum")
    return (
        Gemeente.objects.annotate(
            inwoners=Subquery(nieuwste.values("inwoners")[:1]),
            peildatum=Subquery(nieuwste.values("peildatum")[:1]),
            inwoners_bron=Subquery(nieuwste.values("bron")[:1]),
        )
        .annotate(inwoners_geschat=geschat("inwoners_bron"))
        .order_by("naam")
    )


def gemeente_met_inwoners(slug: str) -> Gemeente:
    """One gemeente with its newest inwonertal; 404 when unknown."""
    gemeente = gemeenten_met_inwoners().filter(slug=slug).first()
    if gemeente is None:
        raise Http404("Onbekende gemeente.")
    return gemeente


@dataclass
class GemeentenOverzicht:
    gemeenten: list[Gemeente]

    @property
    def inwoners(self) -> int:
        return sum(g.inwoners or 0 for g in self.gemeenten)

    @property
    def peildatum(self) -> datetime.date | None:
        return max((g.peildatum for g in self.gemeenten if g.peildatum), default=None)

    @property
    def geschat(self) -> list[Gemeente]:
        """The gemeenten whose newest inwonertal is an estimate (the total is one then too)."""
        return [g for g in self.gemeenten if g.inwoners_geschat]


def gemeenten_overzicht() -> GemeentenOverzicht:
    """The gemeenten page: every gemeente with its newest inwoners, and their total."""
    return GemeentenOverzicht(gemeenten=list(gemeenten_met_inwoners()))


def themas() -> list[Thema]:
    """The thema's of the region, in their order (one query)."""
    return list(Thema.objects.order_by("volgorde", "naam"))


def thema_of_404(slug: str, themas: list[Thema]) -> Thema:
    """The thema with this slug among `themas`; 404 when unknown."""
    thema = next((t for t in themas if t.slug == slug), None)
    if thema is None:
        raise Http404("Onbekend thema.")
    return thema
