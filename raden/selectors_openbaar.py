"""What the public sees of the councils' decisions: confirmed votes per fractie and per raadslid,
and answered technische vragen. Only confirmed votes and answered questions: a running vote
and an open question are never public. Each selector takes one query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Q, Sum

from programma.models import Deelnemer, ProgrammaOpgave, ProgrammaVersie, Status
from raden.models import Besluit, Keuze, Stem, Stemming, Vraag
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
        "stemming__besluit",  # the Besluit a confirmed vote made (none after a tie or no quorum)
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
    given. Counted by the database: two queries whatever the number of versions, raden and
    votes; none for no version. Only confirmed Besluiten count (a running vote is no decision)."""
    versies = [v for v in versies if v.bevroren_op is not None]
    if not versies:
        return []
    ids = [v.pk for v in versies]
    rondes = {v.pk: Besluitronde(versie=v) for v in versies}
    # Per opgave: one join to its Stemmingen and their Besluiten (one Besluit per Stemming at
    # most, with only the opgave's one-to-one Dekking beside it: nothing to multiply), with the
    # span of the meetings. No subquery anywhere: Django groups by a subquery, and the database
    # then computes it for every row joined (68,000 at national scale: forty minutes).
    geldig = Q(stemmingen__vervallen_reden="")
    for versie_id, po_id, ja, nee, toegezegd, gedekt, eerste, laatste in (
        ProgrammaOpgave.objects.filter(versie__in=ids)
        .order_by()
        .values_list("versie_id", "pk", "dekking__gedekt")
        .annotate(
            ja=Count("stemmingen__besluit", filter=Q(stemmingen__besluit__deelname=True)),
            nee=Count("stemmingen__besluit", filter=Q(stemmingen__besluit__deelname=False)),
            toegezegd=Sum(
                "stemmingen__besluit__bijdrage", filter=Q(stemmingen__besluit__deelname=True)
            ),
            eerste=Min("stemmingen__vergaderdatum", filter=geldig),
            laatste=Max("stemmingen__vergaderdatum", filter=geldig),
        )
        .values_list(
            "versie_id", "pk", "ja", "nee", "toegezegd", "dekking__gedekt", "eerste", "laatste"
        )
    ):
        ronde = rondes[versie_id]
        ronde.opgaven += 1
        if eerste is not None:
            ronde.eerste = min(ronde.eerste or eerste, eerste)
            ronde.laatste = max(ronde.laatste or laatste, laatste)
        ronde.per_opgave[po_id] = OpgaveStand(
            ja=ja, nee=nee, toegezegd=toegezegd or 0, gedekt=gedekt
        )
    # Per raad that takes part: on how many opgaven of the version it decided (a join to the
    # gemeente's Besluiten, counted where they are on this version).
    for versie_id, aantal in (
        Deelnemer.objects.filter(versie__in=ids)
        .order_by()
        .values_list("versie_id", "pk")
        .annotate(
            n=Count(
                "gemeente__besluiten",
                filter=Q(gemeente__besluiten__programma_opgave__versie=F("versie")),
            )
        )
        .values_list("versie_id", "n")
    ):
        ronde = rondes[versie_id]
        ronde.raden += 1
        if ronde.opgaven and aantal >= ronde.opgaven:
            ronde.besloten += 1
        elif aantal:
            ronde.deels += 1
    return [rondes[i] for i in ids]


def _besluiten(stemmingen: list[OpenbareStemming], sleutel) -> dict:
    """The Besluiten the confirmed votes made (read with them: no query), one per key, the one
    on the newest version winning."""
    uit: dict = {}
    for s in stemmingen:
        besluit = getattr(s.stemming, "besluit", None)
        if besluit is None:
            continue
        k = sleutel(s.stemming)
        eerder = uit.get(k)
        if eerder is None or eerder.stemming.versie.nummer < s.stemming.versie.nummer:
            uit[k] = besluit
    return uit


def besluiten_van_gemeente(stemmingen: list[OpenbareStemming]) -> dict[tuple[int, int], Besluit]:
    """The Besluiten of a raad from its confirmed votes (stemmen_van_gemeente), keyed by
    (jaarprogramma id, opgave id): per opgave and year the one on the newest version."""
    return _besluiten(
        stemmingen, lambda st: (st.versie.jaarprogramma_id, st.programma_opgave.opgave_id)
    )


def besluiten_van_opgave(stemmingen: list[OpenbareStemming]) -> dict[int, Besluit]:
    """The Besluiten of every raad on an opgave in one year, from the confirmed votes on it
    (stemmen_van_opgave), keyed by gemeente id: each raad's on the newest version."""
    return _besluiten(stemmingen, lambda st: st.gemeente_id)
