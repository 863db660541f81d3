"""Selectors for every figure a page shows: one source per figure (issue 14, point 1).

Budget, FTE, co-funding, bijdragen and counts, per opgave, per thema, per niveau, per gemeente
and per version, come from here and nowhere else; pages, and later PDFs, CSV and the API, read
these objects. A per-opgave figure is a correlated subquery on its own table, never a `Sum` or
`Count` across a join that multiplies rows (two one-to-many joins side by side multiply each
other: that once turned € 13.350.000 co-funding into € 38.000.000). Totals are added up from
those per-opgave rows here, in one place. tests/reconciliatie/ recomputes every figure from the
raw rows and compares it with each surface, cell by cell."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Niveau,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from programma.selectors import (
    Deelname,
    bereken_bijdragen,
    bijdragen_van,
    deelname_van,
    deelnemers_van,
    jaren_overzicht,
    volgt_referentie,
)
from regio.models import Gemeente


def _per_opgave(model, functie, veld: str, fk: str = "programma_opgave"):
    """A correlated subquery: `functie(veld)` over the rows of `model` of the outer opgave."""
    rijen = (
        model._base_manager.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(uitkomst=functie(veld))
        .values("uitkomst")[:1]
    )
    return Coalesce(Subquery(rijen), Value(0), output_field=IntegerField())


def met_cijfers(qs: QuerySet[ProgrammaOpgave]) -> QuerySet[ProgrammaOpgave]:
    """Programme opgaven annotated with their own figures, each by its own subquery."""
    return qs.annotate(
        cofinanciering=_per_opgave(ExterneRegeling, Sum, "verwachte_cofinanciering"),
        aantal_regelingen=_per_opgave(ExterneRegeling, Count, "pk"),
        aantal_stuurgroepleden=_per_opgave(StuurgroepLid, Count, "pk"),
        # A synergy is stored once (van < naar) and counts for both its ends.
        aantal_synergieen=_per_opgave(Synergie, Count, "pk", fk="van")
        + _per_opgave(Synergie, Count, "pk", fk="naar"),
    )


def _synergieprioriteit(opgaven: list[ProgrammaOpgave]) -> None:
    """Number each opgave by its synergy score (more synergy, more priority; ties share)."""
    plaats: dict[int, int] = {}
    positie = 1
    for score in sorted({po.aantal_synergieen for po in opgaven}, reverse=True):
        plaats[score] = positie
        positie += sum(1 for po in opgaven if po.aantal_synergieen == score)
    for po in opgaven:
        po.synergieprioriteit = plaats[po.aantal_synergieen]


@dataclass
class ThemaCijfers:
    thema: object
    opgaven: list = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.opgaven)

    @property
    def budget(self) -> int:
        return sum(po.budget for po in self.opgaven)

    @property
    def fte(self) -> Decimal:
        return sum((po.capaciteit_fte for po in self.opgaven), Decimal(0))

    @property
    def cofinanciering(self) -> int:
        return sum(po.cofinanciering for po in self.opgaven)

    @property
    def naam(self) -> str:
        """The thema's name as the version shows it (as proposed, once frozen)."""
        return self.opgaven[0].thema_weergave if self.opgaven else self.thema.naam


@dataclass
class GemeenteRegel:
    gemeente: Gemeente
    inwoners: int
    bedragen: list[int]
    naam: str = ""  # as the version shows it (as proposed, once frozen)

    @property
    def totaal(self) -> int:
        return sum(self.bedragen)


def _deelnemers(versie: ProgrammaVersie) -> list[Deelnemer]:
    """The gemeenten that share in this version, with the inwoners it splits by: stored for a
    frozen version or a correction, following the reference data for a first concept."""
    return deelnemers_van(versie)


@dataclass
class VersieCijfers:
    """Every figure of one programme version. Bijdragen are read (or, for a concept, computed)
    only when a page asks for them."""

    versie: ProgrammaVersie
    opgaven: list[ProgrammaOpgave]

    def __post_init__(self) -> None:
        _synergieprioriteit(self.opgaven)

    @property
    def aantal_opgaven(self) -> int:
        return len(self.opgaven)

    @property
    def budget(self) -> int:
        return sum(po.budget for po in self.opgaven)

    @property
    def fte(self) -> Decimal:
        return sum((po.capaciteit_fte for po in self.opgaven), Decimal(0))

    @property
    def cofinanciering(self) -> int:
        return sum(po.cofinanciering for po in self.opgaven)

    @property
    def aantal_synergieen(self) -> int:
        # Each synergy counts at both ends.
        return sum(po.aantal_synergieen for po in self.opgaven) // 2

    @cached_property
    def themas(self) -> list[ThemaCijfers]:
        groepen: dict[int, ThemaCijfers] = {}
        for po in self.opgaven:
            groep = groepen.setdefault(po.opgave.thema_id, ThemaCijfers(thema=po.opgave.thema))
            groep.opgaven.append(po)
        return list(groepen.values())

    @cached_property
    def per_niveau(self) -> list[tuple[str, str, int]]:
        """(code, label, co-funding) per level, every level listed, from one grouped query."""
        bedragen = dict.fromkeys(Niveau.values, 0)
        for niveau, bedrag in (
            ExterneRegeling.objects.filter(programma_opgave__versie=self.versie)
            .order_by()
            .values("niveau")
            .annotate(bedrag=Sum("verwachte_cofinanciering"))
            .values_list("niveau", "bedrag")
        ):
            bedragen[niveau] = bedrag
        return [(n, Niveau(n).label, b) for n, b in bedragen.items()]

    @property
    def cofinanciering_per_niveau_totaal(self) -> int:
        return sum(b for _, _, b in self.per_niveau)

    @cached_property
    def deelnemers(self) -> list[Deelnemer]:
        return self.deelname.deelnemers

    @cached_property
    def deelname(self) -> Deelname:
        """Who shares in this version, by which inwoners and peildatum (selectors.deelname_van)."""
        return deelname_van(self.versie)

    @property
    def aantal_deelnemers(self) -> int:
        return len(self.deelnemers)

    @cached_property
    def gemeenten(self) -> list[GemeenteRegel]:
        """A row per deelnemende gemeente with its bijdrage per opgave, in the opgaven order."""
        bedragen = bijdragen_van(self.versie, self.deelnemers)
        return [
            GemeenteRegel(
                gemeente=d.gemeente,
                inwoners=d.inwoners,
                bedragen=[bedragen.get((po.pk, d.gemeente_id), 0) for po in self.opgaven],
                naam=d.gemeente_weergave,
            )
            for d in self.deelnemers
        ]

    @property
    def bijdragen_totaal(self) -> int:
        return sum(r.totaal for r in self.gemeenten)

    @property
    def kolomtotalen(self) -> list[int]:
        """The bijdragen of each opgave added up (equal to its budget)."""
        return [sum(r.bedragen[i] for r in self.gemeenten) for i in range(len(self.opgaven))]


def programma_opgaven(versie: ProgrammaVersie) -> QuerySet[ProgrammaOpgave]:
    """The opgaven of a version with their figures, in the order of the programme page."""
    return met_cijfers(
        versie.opgaven.select_related(
            "opgave", "opgave__thema", "portefeuillehouder", "portefeuillehouder__gemeente"
        )
    ).order_by("opgave__thema__volgorde", "rangorde", "opgave__titel")


def versie_cijfers(versie: ProgrammaVersie) -> VersieCijfers:
    """The figures of one programme version (every page of a version reads this)."""
    return VersieCijfers(versie=versie, opgaven=list(programma_opgaven(versie)))


# --- the verdeelsleutel preview ----------------------------------------------------------


@dataclass
class Voorbeeld:
    opgaven: list[ProgrammaOpgave]
    regels: list[GemeenteRegel]
    niet_opgeslagen: bool = False

    @property
    def totaal(self) -> int:
        return sum(po.budget for po in self.opgaven)

    @property
    def bijdragen_totaal(self) -> int:
        return sum(r.totaal for r in self.regels)

    @property
    def kolomtotalen(self) -> list[int]:
        return [sum(r.bedragen[i] for r in self.regels) for i in range(len(self.opgaven))]

    @property
    def kolommen(self) -> list[tuple[ProgrammaOpgave, int]]:
        return list(zip(self.opgaven, self.kolomtotalen, strict=True))

    @property
    def tabel(self) -> list[tuple[GemeenteRegel, list[tuple[ProgrammaOpgave, int]]]]:
        return [(r, list(zip(self.opgaven, r.bedragen, strict=True))) for r in self.regels]

    @property
    def klopt(self) -> bool:
        return self.kolomtotalen == [po.budget for po in self.opgaven] and (
            self.bijdragen_totaal == self.totaal
        )

    @property
    def staven(self) -> list[tuple[GemeenteRegel, float]]:
        """Each row with the width of its bar (the largest total is 400 wide)."""
        grootste = max((r.totaal for r in self.regels), default=0) or 1
        return [(r, round(400 * r.totaal / grootste, 1)) for r in self.regels]

    @property
    def hoogte(self) -> int:
        return 26 * len(self.regels) + 10


def verdeling_voorbeeld(
    versie: ProgrammaVersie,
    deelnemers: list[Deelnemer],
    *,
    verdeelsleutel: str,
    basisaandeel,
    percentages: dict | None,
    niet_opgeslagen: bool = False,
) -> Voorbeeld:
    """The bijdragen a concept would have under a (not yet saved) verdeelsleutel."""
    opgaven = list(programma_opgaven(versie))
    bedragen = bereken_bijdragen(
        versie,
        verdeelsleutel=verdeelsleutel,
        basisaandeel=basisaandeel,
        percentages=percentages,
        deelnemers=deelnemers,
    )
    regels = [
        GemeenteRegel(
            gemeente=d.gemeente,
            inwoners=d.inwoners,
            bedragen=[bedragen.get((po.pk, d.gemeente_id), 0) for po in opgaven],
            naam=d.gemeente_weergave,
        )
        for d in deelnemers
    ]
    return Voorbeeld(opgaven=opgaven, regels=regels, niet_opgeslagen=niet_opgeslagen)


# --- one opgave, in one year -------------------------------------------------------------


@dataclass
class OpgaveDetail:
    """An opgave as one year's programme has it, with its figures and the years it ran."""

    opgave: object
    inhoud: ProgrammaOpgave
    synergieen: list
    jaren: list[ProgrammaOpgave]
    bijdragen: list[tuple[Gemeente, int]]

    @property
    def versie(self) -> ProgrammaVersie:
        return self.inhoud.versie

    @property
    def regelingen(self) -> list[ExterneRegeling]:
        return list(self.inhoud.externe_regelingen.all())

    @property
    def stuurgroep(self) -> list[StuurgroepLid]:
        return list(self.inhoud.stuurgroep.all())

    @property
    def cofinanciering(self) -> int:
        return self.inhoud.cofinanciering

    @property
    def bijdragen_totaal(self) -> int:
        return sum(b for _, b in self.bijdragen)


def opgave_detail(user, slug: str, jaar: int | None = None) -> OpgaveDetail:
    """An opgave as one year's programme has it, with its figures; 404 if hidden or absent."""
    # The year's version is the one /programma/<jaar>/ shows (jaren_overzicht, same rule as
    # versie_voor). Without a year: the newest published year; a concept year only for those
    # who may see it and only when no published year has the opgave.
    from opgaven.models import Opgave

    opgave = Opgave.objects.select_related("thema").filter(slug=slug).first()
    if opgave is None:
        raise Http404("Onbekende opgave.")
    per_versie = {v.pk: v for v in jaren_overzicht(user)}  # one version per year
    jaren = list(
        ProgrammaOpgave.objects.filter(opgave=opgave, versie__in=list(per_versie))
        .only("pk", "versie_id", "budget", "capaciteit_fte")
        .order_by()
    )
    for po in jaren:
        po.versie = per_versie[po.versie_id]
    jaren.sort(key=lambda po: po.versie.jaar, reverse=True)
    if jaar is not None:
        gekozen = next((po for po in jaren if po.versie.jaar == jaar), None)
        if gekozen is None:
            raise Http404("Deze opgave staat niet in het programma van dat jaar.")
    else:
        gepubliceerd = [po for po in jaren if po.versie.is_bevroren]
        gekozen = (gepubliceerd or jaren or [None])[0]
        if gekozen is None:
            raise Http404("Deze opgave staat nog in geen gepubliceerd programma.")
    inhoud = (
        met_cijfers(ProgrammaOpgave.objects.filter(pk=gekozen.pk))
        .select_related(
            "versie", "versie__jaarprogramma", "portefeuillehouder", "portefeuillehouder__gemeente"
        )
        .prefetch_related(
            Prefetch(
                "stuurgroep",
                queryset=StuurgroepLid.objects.select_related(
                    "partner", "bestuurder", "bestuurder__gemeente"
                ),
            ),
            Prefetch("externe_regelingen", queryset=ExterneRegeling.objects.all()),
        )
        .get()
    )
    synergieen = [
        (s.andere(inhoud), s.toelichting)
        for s in Synergie.objects.van_opgave(inhoud)
        .select_related("van__opgave", "naar__opgave")
        .order_by("pk")
    ]
    versie = inhoud.versie
    if versie.is_bevroren:
        bedragen = dict(
            Bijdrage.objects.filter(programma_opgave=inhoud).values_list("gemeente_id", "bedrag")
        )
    else:
        bedragen = {g: b for (po_id, g), b in bijdragen_van(versie).items() if po_id == inhoud.pk}
    bijdragen = [(d, bedragen.get(d.gemeente_id, 0)) for d in _deelnemers(versie)]
    return OpgaveDetail(
        opgave=opgave, inhoud=inhoud, synergieen=synergieen, jaren=jaren, bijdragen=bijdragen
    )


# --- one gemeente, across years ----------------------------------------------------------


@dataclass
class GemeenteJaar:
    versie: ProgrammaVersie
    regels: list = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(bedrag for _, bedrag in self.regels)


def gemeente_bijdragen(user, gemeente: Gemeente) -> list[GemeenteJaar]:
    """For each year the user may see: the gemeente's bijdrage per opgave in that year."""
    # A fixed number of queries however many years there are (a concept adds its computation).
    versies = jaren_overzicht(user)
    deelname = set(
        Deelnemer.objects.filter(gemeente=gemeente, versie__in=[v.pk for v in versies]).values_list(
            "versie_id", flat=True
        )
    )
    # A first concept has no stored members yet: it follows the membership of its 1 January.
    for v in versies:
        if volgt_referentie(v) and (
            Gemeente.objects.leden_op(datetime.date(v.jaar, 1, 1)).filter(pk=gemeente.pk).exists()
        ):
            deelname.add(v.pk)
    versies = [v for v in versies if v.pk in deelname]
    per_versie: dict[int, list[ProgrammaOpgave]] = {v.pk: [] for v in versies}
    for po in (
        ProgrammaOpgave.objects.filter(versie__in=versies)
        .select_related("versie", "opgave", "opgave__thema")
        .order_by("opgave__thema__volgorde", "rangorde", "opgave__titel")
    ):
        per_versie[po.versie_id].append(po)
    bedragen = dict(
        Bijdrage.objects.filter(
            gemeente=gemeente,
            programma_opgave__versie__in=[v for v in versies if v.is_bevroren],
        ).values_list("programma_opgave_id", "bedrag")
    )
    for versie in versies:
        if not versie.is_bevroren:  # only drafters see a concept; its shares are computed
            bedragen.update(
                {po_id: b for (po_id, g), b in bijdragen_van(versie).items() if g == gemeente.pk}
            )
    return [
        GemeenteJaar(
            versie=versie,
            regels=[(po, bedragen.get(po.pk, 0)) for po in per_versie[versie.pk]],
        )
        for versie in versies
    ]
