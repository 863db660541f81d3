"""What the public sees of the councils' decisions: confirmed votes per fractie and per raadslid,
and answered technische vragen. Only confirmed votes and answered questions: a running vote
and an open question are never public. Each selector takes one query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, Sum

from programma.models import Deelnemer, ProgrammaOpgave, ProgrammaVersie, Status
from raden.models import Besluit, Dekking, Keuze, Stem, Stemming, Vraag
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


# --- where a decision round stands (home, programme and thema pages) ------------------------


@dataclass
class OpgaveStand:
    """One opgave in its decision round: the Besluiten on its version so far, and, once the
    round is closed, whether the bijdragen of the gemeenten that take part cover its budget."""

    ja: int = 0
    nee: int = 0
    toegezegd: int = 0
    #: the stored outcome of a closed round (None while the round runs)
    gedekt: bool | None = None

    @property
    def code(self) -> str:
        if self.gedekt is not None:
            return "gedekt" if self.gedekt else "niet-gedekt"
        return "besluitvorming"


@dataclass
class Besluitronde:
    """Where the decision round of one frozen version stands: how many raden decided on every
    opgave of it, how many on some, the span of the council meetings, and per opgave."""

    versie: ProgrammaVersie
    raden: int = 0
    besloten: int = 0
    deels: int = 0
    opgaven: int = 0
    eerste: datetime.date | None = None
    laatste: datetime.date | None = None
    per_opgave: dict[int, OpgaveStand] = field(default_factory=dict)

    @property
    def gesloten(self) -> bool:
        return self.versie.jaarprogramma.status != Status.VOORGESTELD

    @property
    def nog_niet(self) -> int:
        return self.raden - self.besloten - self.deels

    @property
    def gedekte_opgaven(self) -> int:
        return sum(1 for s in self.per_opgave.values() if s.gedekt)


def besluitrondes(versies: list[ProgrammaVersie]) -> list[Besluitronde]:
    """The decision round of each frozen version given (a concept has none), in the order
    given. Counted by the database: six queries whatever the number of versions, raden and
    votes; none for no version. Only confirmed Besluiten count (a running vote is no decision)."""
    versies = [v for v in versies if v.bevroren_op is not None]
    if not versies:
        return []
    ids = [v.pk for v in versies]
    rondes = {v.pk: Besluitronde(versie=v) for v in versies}
    for versie_id, aantal in (
        Deelnemer.objects.filter(versie__in=ids)
        .order_by()
        .values_list("versie_id")
        .annotate(n=Count("pk"))
    ):
        rondes[versie_id].raden = aantal
    per_opgave: dict[int, int] = {}
    for versie_id, po_id in ProgrammaOpgave.objects.filter(versie__in=ids).values_list(
        "versie_id", "pk"
    ):
        per_opgave[po_id] = versie_id
        rondes[versie_id].opgaven += 1
        rondes[versie_id].per_opgave[po_id] = OpgaveStand()
    besluiten = Besluit.objects.filter(programma_opgave__versie__in=ids).order_by()
    for versie_id, _gemeente, aantal in besluiten.values_list(
        "programma_opgave__versie_id", "gemeente_id"
    ).annotate(n=Count("pk")):
        ronde = rondes[versie_id]
        if aantal >= ronde.opgaven:
            ronde.besloten += 1
        else:
            ronde.deels += 1
    for po_id, ja, nee, toegezegd in besluiten.values_list("programma_opgave_id").annotate(
        ja=Count("pk", filter=Q(deelname=True)),
        nee=Count("pk", filter=Q(deelname=False)),
        toegezegd=Sum("bijdrage", filter=Q(deelname=True)),
    ):
        stand = rondes[per_opgave[po_id]].per_opgave[po_id]
        stand.ja, stand.nee, stand.toegezegd = ja, nee, toegezegd or 0
    for versie_id, eerste, laatste in (
        Stemming.objects.filter(versie__in=ids, vervallen_reden="")
        .order_by()
        .values_list("versie_id")
        .annotate(eerste=Min("vergaderdatum"), laatste=Max("vergaderdatum"))
    ):
        rondes[versie_id].eerste, rondes[versie_id].laatste = eerste, laatste
    for po_id, gedekt in Dekking.objects.filter(programma_opgave__versie__in=ids).values_list(
        "programma_opgave_id", "gedekt"
    ):
        rondes[per_opgave[po_id]].per_opgave[po_id].gedekt = gedekt
    return [rondes[i] for i in ids]


def besluiten_van_gemeente(gemeente: Gemeente) -> dict[tuple[int, int], Besluit]:
    """The Besluiten of this gemeente's raad, keyed by (jaarprogramma id, opgave id): per
    opgave and year the decision on the newest version it decided on (one query)."""
    uit: dict[tuple[int, int], Besluit] = {}
    for b in (
        Besluit.objects.filter(gemeente=gemeente)
        .select_related("programma_opgave__versie", "stemming")
        .order_by("programma_opgave__versie__nummer")
    ):
        po = b.programma_opgave
        uit[(po.versie.jaarprogramma_id, po.opgave_id)] = b
    return uit


def besluiten_van_opgave(po: ProgrammaOpgave) -> dict[int, Besluit]:
    """The Besluiten of every raad on this opgave in the year of `po`, keyed by gemeente id:
    the decision on the newest version each raad decided on (one query; none for a concept)."""
    if po.versie.bevroren_op is None:
        return {}
    uit: dict[int, Besluit] = {}
    for b in (
        Besluit.objects.filter(
            programma_opgave__opgave_id=po.opgave_id,
            programma_opgave__versie__jaarprogramma_id=po.versie.jaarprogramma_id,
        )
        .select_related("programma_opgave__versie", "stemming")
        .order_by("programma_opgave__versie__nummer")
    ):
        uit[b.gemeente_id] = b
    return uit
