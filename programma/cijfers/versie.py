"""The figures of one programme version: per opgave (each by its own subquery), per thema,
per niveau, per gemeente, and the totals; and the verdeelsleutel preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from programma.models import (
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


class _Sommen:
    """Budget, FTE and co-funding added up over `self.opgaven` (each opgave's own figures come
    from its subqueries): one place for the totals of a thema and of a version."""

    opgaven: list

    @property
    def budget(self) -> int:
        return sum(po.budget for po in self.opgaven)

    @property
    def fte(self) -> Decimal:
        return sum((po.capaciteit_fte for po in self.opgaven), Decimal(0))

    @property
    def cofinanciering(self) -> int:
        return sum(po.cofinanciering for po in self.opgaven)


@dataclass
class ThemaCijfers(_Sommen):
    thema: object
    opgaven: list = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.opgaven)

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
    #: the inwoners are an estimate (regio.selectors.SCHATTING), with the source they came from
    geschat: bool = False
    bron: str = ""

    @property
    def totaal(self) -> int:
        return sum(self.bedragen)


def _regel(d: Deelnemer, bedragen: list[int]) -> GemeenteRegel:
    return GemeenteRegel(
        gemeente=d.gemeente,
        inwoners=d.inwoners,
        bedragen=bedragen,
        naam=d.gemeente_weergave,
        geschat=bool(getattr(d, "inwoners_geschat", False)),
        bron=getattr(d, "inwoners_bron", None) or "",
    )


@dataclass
class VersieCijfers(_Sommen):
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
            _regel(d, [bedragen.get((po.pk, d.gemeente_id), 0) for po in self.opgaven])
            for d in self.deelnemers
        ]

    @property
    def geschat(self) -> list[GemeenteRegel]:
        """The rows whose inwoners are an estimate (a note under the table explains them)."""
        return [r for r in self.gemeenten if r.geschat]

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
        _regel(d, [bedragen.get((po.pk, d.gemeente_id), 0) for po in opgaven]) for d in deelnemers
    ]
    return Voorbeeld(opgaven=opgaven, regels=regels, niet_opgeslagen=niet_opgeslagen)
