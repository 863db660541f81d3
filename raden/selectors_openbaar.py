"""What the public sees of the councils' decisions: confirmed votes per fractie and per raadslid,
and answered technische vragen. Only confirmed votes and answered questions: a running vote
and an open question are never public. Each selector takes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from programma.models import ProgrammaOpgave
from programma.selectors import gepubliceerde_versies
from raden.models import Keuze, Stem, Stemming, Vraag
from regio.models import Gemeente


@dataclass
class LidStem:
    naam: str
    fractie: str
    keuze: str
    keuze_weergave: str
    reden_weergave: str


@dataclass
class FractieStemmen:
    naam: str
    voor: int = 0
    tegen: int = 0
    niet_deelgenomen: int = 0
    leden: list[LidStem] = field(default_factory=list)


@dataclass
class OpenbareStemming:
    """One confirmed vote with its votes counted per fractie (from the Stem rows as cast)."""

    stemming: Stemming
    fracties: list[FractieStemmen]
    voor: int = 0
    tegen: int = 0
    niet_deelgenomen: int = 0

    @property
    def leden(self) -> list[LidStem]:
        return [lid for f in self.fracties for lid in f.leden]


def _met_stemmen(stemmingen: list[Stemming]) -> list[OpenbareStemming]:
    """The Stem rows of these confirmed votes, in one query, counted per fractie."""
    per_stemming: dict[int, dict[str, FractieStemmen]] = {s.pk: {} for s in stemmingen}
    keuzes = dict(Keuze.choices)
    for stem in (
        Stem.objects.filter(stemming__in=[s.pk for s in stemmingen])
        .select_related("raadslid")
        .order_by("fractie_naam", "raadslid__achternaam", "raadslid__voornaam", "pk")
    ):
        fracties = per_stemming[stem.stemming_id]
        fractie = fracties.setdefault(stem.fractie_naam, FractieStemmen(naam=stem.fractie_naam))
        fractie.leden.append(
            LidStem(
                naam=stem.raadslid.naam,
                fractie=stem.fractie_naam,
                keuze=stem.keuze,
                keuze_weergave=str(keuzes.get(stem.keuze, stem.keuze)),
                reden_weergave=stem.get_reden_display() if stem.reden else "",
            )
        )
        if stem.keuze == Keuze.VOOR:
            fractie.voor += 1
        elif stem.keuze == Keuze.TEGEN:
            fractie.tegen += 1
        else:
            fractie.niet_deelgenomen += 1
    uit = []
    for s in stemmingen:
        fracties = sorted(
            per_stemming[s.pk].values(), key=lambda f: (-len(f.leden), f.naam.casefold())
        )
        uit.append(
            OpenbareStemming(
                stemming=s,
                fracties=fracties,
                voor=sum(f.voor for f in fracties),
                tegen=sum(f.tegen for f in fracties),
                niet_deelgenomen=sum(f.niet_deelgenomen for f in fracties),
            )
        )
    return uit


def _bevestigd():
    return Stemming.objects.filter(bevestigd_op__isnull=False).select_related(
        "gemeente", "versie__jaarprogramma", "programma_opgave__opgave"
    )


def stemmen_van_gemeente(gemeente: Gemeente) -> list[OpenbareStemming]:
    """The confirmed votes of this gemeente's raad on the opgaven of the current published
    version of each year, newest year first (two queries)."""
    stemmingen = list(
        _bevestigd()
        .filter(gemeente=gemeente, versie__in=gepubliceerde_versies().values("pk"))
        .order_by("-versie__jaarprogramma__jaar", "programma_opgave__rangorde", "geopend_op", "pk")
    )
    return _met_stemmen(stemmingen)


def stemmen_van_opgave(po: ProgrammaOpgave) -> list[OpenbareStemming]:
    """The confirmed votes of every raad on this opgave in the year of `po` (any published
    version of that year), per gemeente (two queries). None for a concept: nothing is voted."""
    if po.versie.bevroren_op is None:
        return []
    stemmingen = list(
        _bevestigd()
        .filter(
            programma_opgave__opgave_id=po.opgave_id,
            versie__jaarprogramma_id=po.versie.jaarprogramma_id,
        )
        .order_by("gemeente__naam", "versie__nummer", "geopend_op", "pk")
    )
    return _met_stemmen(stemmingen)


def beantwoorde_vragen(po: ProgrammaOpgave) -> list[Vraag]:
    """The answered technische vragen about this opgave in the year of `po`, oldest first (one
    query). An unanswered question is never public."""
    if po.versie.bevroren_op is None:
        return []
    return list(
        Vraag.objects.filter(
            beantwoord_op__isnull=False,
            programma_opgave__opgave_id=po.opgave_id,
            programma_opgave__versie__jaarprogramma_id=po.versie.jaarprogramma_id,
        )
        .select_related("raadslid__gemeente", "programma_opgave__versie")
        .order_by("gesteld_op", "pk")
    )
