"""What superseded a proposed version: the banner of its pages and documents, and the verifier."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from programma.models import ProgrammaVersie


@dataclass(frozen=True)
class Vervanging:
    """A proposed version that a later proposal of the same year superseded: by which version,
    when and why, and which version of the year holds now."""

    versie: ProgrammaVersie
    #: the next proposed version (the correction that superseded this one)
    door: ProgrammaVersie
    #: the current version of the year: the newest proposed one
    geldend: ProgrammaVersie
    #: every proposed version of the year after this one, oldest first
    later: tuple[ProgrammaVersie, ...] = ()

    @property
    def op(self) -> datetime.datetime:
        return self.door.bevroren_op

    @property
    def reden(self) -> str:
        """The reason of the correction as one sentence (a full stop added if it has none)."""
        reden = " ".join(self.door.reden.split())
        return reden if not reden or reden[-1] in ".!?" else f"{reden}."

    @property
    def geldend_url(self) -> str:
        return self.geldend.get_absolute_url()


def vervanging_van(
    versie: ProgrammaVersie, versies: list[ProgrammaVersie] | None = None
) -> Vervanging | None:
    """What superseded a proposed version (None for the current version and for a concept);
    one query, none when `versies` holds every version of its year already (a page has them)."""
    if not versie.is_bevroren:
        return None
    if versies is None:
        versies = list(
            ProgrammaVersie.objects.bevroren()
            .filter(jaarprogramma_id=versie.jaarprogramma_id, nummer__gt=versie.nummer)
            .select_related("jaarprogramma")
        )
    later = sorted(
        (v for v in versies if v.is_bevroren and v.nummer > versie.nummer), key=lambda v: v.nummer
    )
    if not later:
        return None
    return Vervanging(versie=versie, door=later[0], geldend=later[-1], later=tuple(later))
