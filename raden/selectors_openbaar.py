"""What the public sees of the councils' decisions: confirmed votes per fractie and per raadslid,
and answered technische vragen. Only confirmed votes and answered questions: a running vote
and an open question are never public. Each selector takes one query."""

from __future__ import annotations

from dataclasses import dataclass, field

from programma.models import ProgrammaOpgave
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


def _per_stemming(stemmen) -> list[OpenbareStemming]:
    """Stem rows of confirmed votes (each with its Stemming, in the order to show), grouped per
    vote and counted per fractie, in the one query that reads them. A confirmed vote always
    has its Stem rows: closing records every sitting member who did not vote as absent."""
    per_stemming: dict[int, tuple[Stemming, dict[str, FractieStemmen]]] = {}
    keuzes = dict(Keuze.choices)
    for stem in stemmen:
        _, fracties = per_stemming.setdefault(stem.stemming_id, (stem.stemming, {}))
        fractie = fracties.setdefault(stem.fractie_naam, FractieStemmen(naam=stem.fractie_naam))
        fractie.leden.append(
            LidStem(
                naam=stem.raadslid_naam,
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
    for stemming, per_fractie in per_stemming.values():
        fracties = sorted(per_fractie.values(), key=lambda f: (-len(f.leden), f.naam.casefold()))
        uit.append(
            OpenbareStemming(
                stemming=stemming,
                fracties=fracties,
                voor=sum(f.voor for f in fracties),
                tegen=sum(f.tegen for f in fracties),
                niet_deelgenomen=sum(f.niet_deelgenomen for f in fracties),
            )
        )
    return uit


def _bevestigde_stemmen():
    return Stem.objects.filter(stemming__bevestigd_op__isnull=False).select_related(
        "raadslid",
        "stemming__gemeente",
        "stemming__versie__jaarprogramma",
        "stemming__programma_opgave__opgave",
    )


_PER_LID = ("fractie_naam", "raadslid__achternaam", "raadslid__voornaam", "pk")


def stemmen_van_gemeente(gemeente: Gemeente) -> list[OpenbareStemming]:
    """Every confirmed vote of this gemeente's raad, also those on a version that a correction
    superseded (they are the raad's public record; the page names the version), newest year
    and version first (one query)."""
    return _per_stemming(
        _bevestigde_stemmen()
        .filter(stemming__gemeente=gemeente)
        .order_by(
            "-stemming__versie__jaarprogramma__jaar",
            "-stemming__versie__nummer",
            "stemming__programma_opgave__rangorde",
            "stemming__geopend_op",
            "stemming_id",
            *_PER_LID,
        )
    )


def stemmen_van_opgave(po: ProgrammaOpgave) -> list[OpenbareStemming]:
    """The confirmed votes of every raad on this opgave in the year of `po` (any published
    version of that year), per gemeente (one query; none for a concept: nothing is voted)."""
    if po.versie.bevroren_op is None:
        return []
    return _per_stemming(
        _bevestigde_stemmen()
        .filter(
            stemming__programma_opgave__opgave_id=po.opgave_id,
            stemming__versie__jaarprogramma_id=po.versie.jaarprogramma_id,
        )
        .order_by(
            "stemming__gemeente__naam",
            "stemming__versie__nummer",
            "stemming__geopend_op",
            "stemming_id",
            *_PER_LID,
        )
    )


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
