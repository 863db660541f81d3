"""The coverage matrix of a decision round: gemeenten × opgaven of one frozen version, each cell
the state of that gemeente's decision, each opgave's budget covered by the bijdragen of the
gemeenten that took part. The one source of these figures for every surface (the public page,
Mijn gemeente, closing the round); a fixed number of queries whatever the size of the region."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q

from programma.models import Bijdrage, Deelnemer, ProgrammaOpgave, ProgrammaVersie
from raden.models import Besluit, Dekking, Stemming, Uitkomst


class Stand:
    """The state of one gemeente's decision on one opgave (a cell of the matrix)."""

    JA = "ja"  # Besluit on this version: takes part
    NEE = "nee"  # Besluit on this version: does not take part
    OPEN = "open"  # a voting window is open
    GESLOTEN = "gesloten"  # voted, waiting for the griffier's confirmation
    UITGESTELD = "uitgesteld"  # tie in an incomplete meeting: voted again at a next meeting
    OPNIEUW = "opnieuw"  # decided on an older version: must decide again
    GEEN = "geen"  # nothing yet

    BESLOTEN = (JA, NEE)


def procent(deel: int, geheel: int) -> Decimal:
    """deel / geheel in per cent, one decimal, half up (0 for an empty whole)."""
    if not geheel:
        return Decimal("0.0")
    return (Decimal(deel) * 100 / Decimal(geheel)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Cel:
    gemeente_id: int
    stand: str
    bijdrage: int
    #: the decision on an older version, for OPNIEUW (True/False), else None
    eerder: bool | None = None
    stemming_id: int | None = None


@dataclass
class Rij:
    programma_opgave: ProgrammaOpgave
    budget: int
    cellen: list[Cel]
    gedekt: int = 0
    ja: int = 0
    nee: int = 0
    dekking: Dekking | None = None

    @property
    def procent(self) -> Decimal:
        return procent(self.gedekt, self.budget)

    @property
    def is_gedekt(self) -> bool:
        return self.gedekt >= self.budget

    @property
    def open(self) -> int:
        return len(self.cellen) - self.ja - self.nee


@dataclass
class Kolom:
    deelnemer: Deelnemer
    toegezegd: int = 0
    besloten: int = 0
    opnieuw: int = 0


@dataclass
class DekkingMatrix:
    versie: ProgrammaVersie
    kolommen: list[Kolom]
    rijen: list[Rij]
    budget: int = 0
    gedekt: int = 0
    open_besluiten: int = 0
    opnieuw: int = 0
    stempel: str = field(default="")

    @property
    def procent(self) -> Decimal:
        return procent(self.gedekt, self.budget)

    @property
    def gedekte_opgaven(self) -> int:
        return sum(1 for r in self.rijen if r.is_gedekt)


def dekking_van(versie: ProgrammaVersie) -> DekkingMatrix:
    """The whole grid of one frozen version in six queries."""
    deelnemers = list(
        Deelnemer.objects.filter(versie=versie)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    opgaven = list(
        ProgrammaOpgave.objects.filter(versie=versie)
        .select_related("opgave")
        .order_by("rangorde", "pk")
    )
    bijdragen = {
        (po, g): b
        for po, g, b in Bijdrage.objects.filter(programma_opgave__versie=versie).values_list(
            "programma_opgave_id", "gemeente_id", "bedrag"
        )
    }
    hier: dict[tuple[int, int], tuple[bool, int]] = {}
    eerder: dict[tuple[int, int], bool] = {}
    for po_id, opgave_id, g, deelname, versie_id, stemming_id in (
        Besluit.objects.filter(
            programma_opgave__versie__jaarprogramma_id=versie.jaarprogramma_id,
            programma_opgave__versie__nummer__lte=versie.nummer,
        )
        .values_list(
            "programma_opgave_id",
            "programma_opgave__opgave_id",
            "gemeente_id",
            "deelname",
            "programma_opgave__versie_id",
            "stemming_id",
        )
        .order_by("programma_opgave__versie__nummer")
    ):
        if versie_id == versie.pk:
            hier[(po_id, g)] = (deelname, stemming_id)
        else:
            eerder[(opgave_id, g)] = deelname  # the latest older version wins
    lopend: dict[tuple[int, int], tuple[str, int]] = {}
    # In opening order: a later vote on the same opgave (a repeat after a tie) overrides.
    for po_id, g, pk, gesloten, bevestigd in (
        Stemming.objects.filter(versie=versie, vervallen_reden="")
        .filter(Q(bevestigd_op__isnull=True) | Q(uitkomst=Uitkomst.UITGESTELD))
        .values_list("programma_opgave_id", "gemeente_id", "pk", "gesloten_op", "bevestigd_op")
        .order_by("geopend_op", "pk")
    ):
        if bevestigd is not None:
            lopend[(po_id, g)] = (Stand.UITGESTELD, pk)
        else:
            lopend[(po_id, g)] = (Stand.OPEN if gesloten is None else Stand.GESLOTEN, pk)
    dekkingen = {
        d.programma_opgave_id: d for d in Dekking.objects.filter(programma_opgave__versie=versie)
    }

    kolommen = [Kolom(deelnemer=d) for d in deelnemers]
    matrix = DekkingMatrix(versie=versie, kolommen=kolommen, rijen=[])
    for po in opgaven:
        rij = Rij(programma_opgave=po, budget=po.budget, cellen=[], dekking=dekkingen.get(po.pk))
        for kolom in kolommen:
            g = kolom.deelnemer.gemeente_id
            bijdrage = bijdragen.get((po.pk, g), 0)
            cel = Cel(gemeente_id=g, stand=Stand.GEEN, bijdrage=bijdrage)
            if (po.pk, g) in hier:
                deelname, cel.stemming_id = hier[(po.pk, g)]
                cel.stand = Stand.JA if deelname else Stand.NEE
            elif (po.pk, g) in lopend:
                cel.stand, cel.stemming_id = lopend[(po.pk, g)]
            elif (po.opgave_id, g) in eerder:
                cel.stand, cel.eerder = Stand.OPNIEUW, eerder[(po.opgave_id, g)]
            if cel.stand == Stand.JA:
                rij.gedekt += bijdrage
                rij.ja += 1
                kolom.toegezegd += bijdrage
            elif cel.stand == Stand.NEE:
                rij.nee += 1
            if cel.stand in Stand.BESLOTEN:
                kolom.besloten += 1
            elif cel.stand == Stand.OPNIEUW:
                kolom.opnieuw += 1
                matrix.opnieuw += 1
            rij.cellen.append(cel)
        matrix.budget += rij.budget
        matrix.gedekt += rij.gedekt
        matrix.open_besluiten += rij.open
        matrix.rijen.append(rij)
    return matrix


def dekking_stempel(versie: ProgrammaVersie) -> str:
    """A short fingerprint of everything the matrix of this version shows, in one query: it
    changes when any vote of the year opens, closes, lapses or is confirmed, or the round is
    closed (for the ETag of the polling page)."""
    stemmingen = Stemming.history.filter(versie__jaarprogramma_id=versie.jaarprogramma_id)
    waarden = stemmingen.aggregate(laatste=Max("history_date"), aantal=Count("history_id"))
    sleutel = "|".join(
        str(x)
        for x in (
            versie.pk,
            versie.jaarprogramma.status,
            waarden["laatste"],
            waarden["aantal"],
        )
    )
    return hashlib.sha256(sleutel.encode()).hexdigest()[:32]
