"""The besluitenoverzicht of a frozen programme version: the coverage matrix of its decision
round and, per gemeente, the votes per fractie of every confirmed stemming.

It exists once a raad has confirmed a stemming on the version (`bestaat`). What it shows
besides the frozen version is keyed by `stand`: the confirmed votes of the year up to this
version, the Dekking rows, the programme's status and the version that replaced it. A vote
that opens or closes changes neither the key nor the document: the document shows confirmed
decisions only, so the same key always gives the same content, and a newly confirmed stemming
gives a new stored document while the old one stays.

Every coverage figure comes from raden.cijfers.dekking_van; the votes per fractie from
raden.selectors.stemmen_per_fractie_van_versie."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from programma import cijfers
from programma.documenten.models import DocumentSoort
from programma.documenten.soorten import Soort, registreer
from programma.models import ProgrammaOpgave, ProgrammaVersie, Status
from programma.selectors import Vervanging, vervanging_van
from raden.cijfers import Cel, Kolom, Rij, Stand, dekking_van
from raden.models import Besluit, Dekking, Stemming, Uitkomst
from raden.selectors import stemmen_per_fractie_van_versie
from raden.selectors_openbaar import FractieStemmen, OpenbareStemming

#: the outcome of a vote in a narrow column (the legend gives the full words)
UITKOMST_KORT = {
    Uitkomst.AANGENOMEN: "aangenomen",
    Uitkomst.VERWORPEN: "verworpen",
    Uitkomst.UITGESTELD: "uitgesteld",
    Uitkomst.GEEN_QUORUM: "geen quorum",
}


def _bevestigd(versie: ProgrammaVersie):
    return Stemming.objects.filter(versie=versie, bevestigd_op__isnull=False)


def bestaat(versie: ProgrammaVersie) -> bool:
    """A besluitenoverzicht exists for a frozen version on which a raad confirmed a vote."""
    return versie.is_bevroren and _bevestigd(versie).exists()


@dataclass(frozen=True)
class StandGegevens:
    """What the overview shows besides the frozen version, read in three queries."""

    stemmingen: int
    laatste_stemming: object
    dekkingen: int
    laatste_dekking: object
    #: what superseded this version, if anything (programma.selectors.vervanging_van)
    vervanging: Vervanging | None

    @property
    def vervangen_door(self) -> ProgrammaVersie | None:
        """The version that superseded this one (the next proposed version)."""
        return self.vervanging.door if self.vervanging else None

    @property
    def datum(self):
        """The date of the newest decision the overview shows."""
        momenten = [d for d in (self.laatste_stemming, self.laatste_dekking) if d]
        return timezone.localdate(max(momenten)) if momenten else None


def stand_gegevens(versie: ProgrammaVersie) -> StandGegevens:
    """The confirmed votes of the year up to this version (the older ones say who must decide
    again), the Dekking rows of the version, and the version that replaced it."""
    stemmingen = Stemming.objects.filter(
        versie__jaarprogramma_id=versie.jaarprogramma_id,
        versie__nummer__lte=versie.nummer,
        bevestigd_op__isnull=False,
    ).aggregate(aantal=Count("pk"), laatste=Max("bevestigd_op"))
    dekking = Dekking.objects.filter(programma_opgave__versie=versie).aggregate(
        aantal=Count("pk"), laatste=Max("vastgesteld_op")
    )
    return StandGegevens(
        stemmingen=stemmingen["aantal"],
        laatste_stemming=stemmingen["laatste"],
        dekkingen=dekking["aantal"],
        laatste_dekking=dekking["laatste"],
        vervanging=vervanging_van(versie),
    )


def stand(versie: ProgrammaVersie) -> str:
    """A short key of what the overview shows besides the frozen version: the confirmed votes
    of the year up to this version (a confirmation adds one and nothing removes one), the
    Dekking rows of the closed round, the programme's status and the version that replaced
    this one. Open and closed votes that are not confirmed do not count: the document does
    not show them."""
    g = stand_gegevens(versie)
    status = versie.jaarprogramma.status
    v = g.vervanging
    # by which version, and which holds now when that is a later one (both are named)
    vervangen = ""
    if v is not None:
        vervangen = str(v.door.nummer)
        if v.geldend.pk != v.door.pk:
            vervangen += f"-geldend-v{v.geldend.nummer}"
    delen = [
        versie.pk,
        status,
        g.stemmingen,
        g.laatste_stemming,
        g.dekkingen,
        g.laatste_dekking,
        vervangen,
    ]
    if v is not None:
        # the overview of a superseded version also gives the reason and the current version
        # (since issue 17): one stored before that is rendered once more; the keys of versions
        # that hold are unchanged
        delen.append("met reden")
    afdruk = hashlib.sha256("|".join(str(x) for x in delen).encode()).hexdigest()[:16]
    return f"{g.stemmingen}-{g.dekkingen}-{status}{f'-v{vervangen}' if vervangen else ''}-{afdruk}"


# --- the content ---------------------------------------------------------------------------


@dataclass
class MatrixCel:
    """A cell of the matrix as the document shows it: the decision on this version, or why
    there is none yet, from confirmed votes only."""

    stand: str
    tekst: str
    titel: str


@dataclass
class MatrixRegel:
    kolom: Kolom
    naam: str
    cellen: list[MatrixCel]


@dataclass
class FractieRegel:
    naam: str
    leden: int
    #: per stemming (in the table's column order) the fractie's votes, or None if it cast none
    cellen: list[FractieStemmen | None]


@dataclass
class StemmingKolom:
    nummer: int
    stemming: OpenbareStemming
    uitkomst: str


@dataclass
class GemeenteStemmen:
    naam: str
    slug: str
    kolommen: list[StemmingKolom]
    fracties: list[FractieRegel] = field(default_factory=list)

    @property
    def vergaderdata(self) -> list:
        return sorted({k.stemming.stemming.vergaderdatum for k in self.kolommen})


def _documentcel(cel: Cel, opgave_id: int, uitgesteld: set, eerder: dict) -> MatrixCel:
    if cel.stand == Stand.JA:
        return MatrixCel(Stand.JA, "ja", "neemt deel")
    if cel.stand == Stand.NEE:
        return MatrixCel(Stand.NEE, "nee", "neemt niet deel")
    # No decision on this version yet. A running vote is not shown (it is not confirmed): what
    # the cell says comes from confirmed votes only, so the stored document stays true.
    if (cel.gemeente_id, opgave_id) in uitgesteld:
        return MatrixCel(Stand.UITGESTELD, "uitgesteld", "staken der stemmen, volgende vergadering")
    if (cel.gemeente_id, opgave_id) in eerder:
        was = "ja" if eerder[(cel.gemeente_id, opgave_id)] else "nee"
        return MatrixCel(
            Stand.OPNIEUW, f"opnieuw ({was})", f"besloot {was} over een eerdere versie"
        )
    return MatrixCel(Stand.GEEN, "–", "nog geen besluit")


def _eerdere_besluiten(versie: ProgrammaVersie) -> dict[tuple[int, int], bool]:
    """(gemeente, opgave) -> deelname of the latest decision on an older version of the year."""
    rijen = (
        Besluit.objects.filter(
            programma_opgave__versie__jaarprogramma_id=versie.jaarprogramma_id,
            programma_opgave__versie__nummer__lt=versie.nummer,
        )
        .order_by("programma_opgave__versie__nummer")
        .values_list("gemeente_id", "programma_opgave__opgave_id", "deelname")
    )
    return {(g, o): deelname for g, o, deelname in rijen}


def _fracties(stemmingen: list[OpenbareStemming]) -> list[FractieRegel]:
    """The fracties that voted in any of these stemmingen, largest first, each with its votes
    per stemming."""
    namen: dict[str, int] = {}
    for s in stemmingen:
        for f in s.fracties:
            namen[f.naam] = max(namen.get(f.naam, 0), f.voor + f.tegen + f.niet_deelgenomen)
    regels = []
    for naam, leden in sorted(namen.items(), key=lambda x: (-x[1], x[0].casefold())):
        cellen = [next((f for f in s.fracties if f.naam == naam), None) for s in stemmingen]
        regels.append(FractieRegel(naam=naam, leden=leden, cellen=cellen))
    return regels


def besluiten_context(versie: ProgrammaVersie, gemeente=None) -> dict:
    """What the besluitenoverzicht shows: the coverage per opgave, the matrix of decisions per
    gemeente and opgave, and the votes per fractie of every confirmed stemming."""
    matrix = dekking_van(versie)
    for kolom in matrix.kolommen:  # the names as proposed: the version is already loaded
        kolom.deelnemer.versie = versie
    # The opgaven numbered as in the programme document (the programme's order).
    volgorde = list(cijfers.programma_opgaven(versie).values_list("pk", flat=True))
    nummers = {pk: i for i, pk in enumerate(volgorde, start=1)}
    rijen: list[Rij] = sorted(matrix.rijen, key=lambda r: nummers[r.programma_opgave.pk])
    opgaven: list[tuple[int, ProgrammaOpgave]] = [
        (nummers[r.programma_opgave.pk], r.programma_opgave) for r in rijen
    ]

    stemmingen = stemmen_per_fractie_van_versie(versie)
    uitgesteld = {
        (s.stemming.gemeente_id, s.stemming.programma_opgave_id)
        for s in stemmingen
        if s.stemming.uitkomst == Uitkomst.UITGESTELD
    }
    po_van_opgave = {r.programma_opgave.opgave_id: r.programma_opgave.pk for r in rijen}
    eerder = {
        (g, po_van_opgave[opgave_id]): deelname
        for (g, opgave_id), deelname in _eerdere_besluiten(versie).items()
        if opgave_id in po_van_opgave
    }
    plaats = {id(k): i for i, k in enumerate(matrix.kolommen)}
    regels = []
    for kolom in matrix.kolommen:
        i = plaats[id(kolom)]
        regels.append(
            MatrixRegel(
                kolom=kolom,
                naam=kolom.deelnemer.gemeente_weergave,
                cellen=[
                    _documentcel(r.cellen[i], r.programma_opgave.pk, uitgesteld, eerder)
                    for r in rijen
                ],
            )
        )

    per_gemeente: dict[int, list[OpenbareStemming]] = {}
    for s in stemmingen:
        per_gemeente.setdefault(s.stemming.gemeente_id, []).append(s)
    gemeenten, zonder = [], []
    for kolom in matrix.kolommen:
        eigen = per_gemeente.get(kolom.deelnemer.gemeente_id, [])
        if not eigen:
            zonder.append(kolom.deelnemer.gemeente_weergave)
            continue
        eigen.sort(
            key=lambda s: (
                nummers[s.stemming.programma_opgave_id],
                s.stemming.geopend_op,
                s.stemming.pk,
            )
        )
        g = GemeenteStemmen(
            naam=kolom.deelnemer.gemeente_weergave,
            slug=kolom.deelnemer.gemeente.slug,
            kolommen=[
                StemmingKolom(
                    nummer=nummers[s.stemming.programma_opgave_id],
                    stemming=s,
                    uitkomst=UITKOMST_KORT.get(s.stemming.uitkomst, s.stemming.uitkomst),
                )
                for s in eigen
            ],
        )
        g.fracties = _fracties(eigen)
        gemeenten.append(g)

    gesloten = versie.jaarprogramma.status != Status.VOORGESTELD
    gegevens = stand_gegevens(versie)
    return {
        "matrix": matrix,
        "rijen": [(n, r) for (n, _), r in zip(opgaven, rijen, strict=True)],
        "opgaven": opgaven,
        "regels": regels,
        "gesloten": gesloten,
        "gesloten_op": max(
            (r.dekking.vastgesteld_op for r in rijen if r.dekking is not None), default=None
        ),
        "stand_datum": gegevens.datum,
        "vervangen_door": gegevens.vervangen_door,
        "vervanging": gegevens.vervanging,
        # the round on this version is over: closed, or the version was replaced
        "afgelopen": gesloten or gegevens.vervangen_door is not None,
        "aantal_stemmingen": len(stemmingen),
        "gemeenten_stemmen": gemeenten,
        "zonder_stemmingen": zonder,
    }


def _jaar(versie: ProgrammaVersie) -> int:
    return versie.jaarprogramma.jaar


def _bestandsnaam(versie: ProgrammaVersie, gemeente=None) -> str:
    datum = stand_gegevens(versie).datum
    stand_tekst = f"-stand-{datum:%Y-%m-%d}" if datum else ""
    return f"besluitenoverzicht-{_jaar(versie)}-v{versie.nummer}{stand_tekst}.pdf"


registreer(
    Soort(
        code=DocumentSoort.BESLUITEN,
        sjabloon="besluiten.html",
        context=besluiten_context,
        titel=lambda v, g: (
            f"Besluitenoverzicht jaarprogramma {_jaar(v)} Groene Metropoolregio "
            f"Arnhem-Nijmegen (versie {v.nummer})"
        ),
        bestandsnaam=_bestandsnaam,
        stand=stand,
        bestaat=bestaat,
    )
)
