"""Which programme versions are open data: every proposed one, as an anonymous visitor sees it.

Open data is public, so these reads never look at who asks: a drafter logged in gets the same
404 for the 2028 concept as anyone else. The versions come from programma.selectors (the one
place that decides what is visible), read as the anonymous public, and only frozen ones."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.http import Http404

from programma.documenten.vingerafdruk import vingerafdruk_van
from programma.models import ProgrammaVersie
from programma.selectors import Vervanging, vervanging_van, zichtbare_versies
from raden.models import Dekking, Stemming


def open_versies():
    """Every proposed version, concepts never (the public's view, whoever asks)."""
    return (
        zichtbare_versies(AnonymousUser())
        .bevroren()
        .select_related("jaarprogramma", "vingerafdruk")
    )


@dataclass
class OpenVersie:
    """A proposed version with what the open data says about it."""

    versie: ProgrammaVersie
    vervanging: Vervanging | None

    @property
    def jaar(self) -> int:
        return self.versie.jaar

    @property
    def nummer(self) -> int:
        return self.versie.nummer

    @property
    def geldend(self) -> bool:
        return self.vervanging is None

    @property
    def vingerafdruk(self) -> str:
        return vingerafdruk_van(self.versie) or ""


def per_jaar() -> list[tuple[int, list[OpenVersie]]]:
    """The proposed versions per year, newest year and newest version first (one query)."""
    versies = list(open_versies().order_by("-jaarprogramma__jaar", "-nummer"))
    jaren: dict[int, list[ProgrammaVersie]] = {}
    for versie in versies:
        jaren.setdefault(versie.jaar, []).append(versie)
    return [
        (jaar, [OpenVersie(v, vervanging_van(v, versies=lijst)) for v in lijst])
        for jaar, lijst in jaren.items()
    ]


def open_versie_of_404(jaar: int, nummer: int) -> OpenVersie:
    """One proposed version (two queries); 404 alike for a concept and for what does not exist."""
    versie = open_versies().filter(jaarprogramma__jaar=jaar, nummer=nummer).first()
    if versie is None or not versie.is_bevroren:
        raise Http404("Geen voorgestelde programmaversie.")
    return OpenVersie(versie, vervanging_van(versie))


def stand_van(open_versie: OpenVersie) -> datetime.datetime:
    """The last moment anything in the open data of this version changed: its proposal, the
    proposal that superseded it, the latest confirmed vote on it, the closing of its decision
    round (two queries)."""
    versie = open_versie.versie
    momenten = [versie.bevroren_op]
    if open_versie.vervanging is not None:
        momenten.append(open_versie.vervanging.op)
    momenten.append(
        Stemming.objects.filter(versie=versie, bevestigd_op__isnull=False).aggregate(
            m=Max("bevestigd_op")
        )["m"]
    )
    momenten.append(
        Dekking.objects.filter(programma_opgave__versie=versie).aggregate(m=Max("vastgesteld_op"))[
            "m"
        ]
    )
    return max(m for m in momenten if m is not None)
