"""Reads of reference data that pages share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from regio.models import Gemeente, Inwonertal


def gemeenten_met_inwoners() -> QuerySet[Gemeente]:
    """All gemeenten with their newest inwonertal and its peildatum, in one query."""
    nieuwste = Inwonertal.objects.filter(gemeente=OuterRef("pk")).order_by("-peildatum")
    return Gemeente.objects.annotate(
        inwoners=Subquery(nieuwste.values("inwoners")[:1]),
        peildatum=Subquery(nieuwste.values("peildatum")[:1]),
    ).order_by("naam")


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


def gemeenten_overzicht() -> GemeentenOverzicht:
    """The gemeenten page: every gemeente with its newest inwoners, and their total."""
    return GemeentenOverzicht(gemeenten=list(gemeenten_met_inwoners()))
