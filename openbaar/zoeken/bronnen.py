"""What the search looks in, per kind: only what is public, for everyone.

- opgaven: a ProgrammaOpgave of a published (frozen) version, by default only of the current
  published version of its year (the one /programma/<jaar>/ shows);
- programma: the titel and visie texts of such a version;
- vragen: an answered technische vraag (asked about a frozen version, by construction; checked
  anyway).

A concept version is never searched, whoever asks: the search page is a public surface, and
each queryset below starts from the frozen rows. On PostgreSQL the kinds match on the generated
`zoekvector` column (migration 0001_zoekindex) with websearch_to_tsquery in the `dutch`
configuration; on SQLite every word must occur in one of the same fields (icontains)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from openbaar.zoeken.formulier import GEDEKT, NIET_GEDEKT, OPGAVEN, PROGRAMMA, VRAGEN
from programma.models import Bijdrage, Deelnemer, ProgrammaOpgave, ProgrammaVersie
from raden.models import Besluit, Vraag
from regio.models import Gemeente

CONFIG = "dutch"


class ZoekVector(Expression):
    """The `zoekvector` column of the queryset's own table (PostgreSQL only; the models do
    not declare it, see openbaar/migrations/0001_zoekindex.py)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{alias}.{connection.ops.quote_name('zoekvector')}", []


@dataclass(frozen=True)
class Bron:
    """One kind: its number (the order among equals), its model, and the fields searched."""

    soort: str
    volgorde: int
    titel: str  # the field that names a result (weighted A on PostgreSQL)
    velden: tuple[str, ...]  # every field searched, the title's included


BRONNEN = {
    OPGAVEN: Bron(
        OPGAVEN,
        1,
        "opgave_titel",
        (
            "opgave_titel",
            "doel",
            "resultaat",
            "mandaat",
            "sturing",
            "capaciteit_toelichting",
        ),
    ),
    PROGRAMMA: Bron(
        PROGRAMMA,
        2,
        "titel",
        ("titel", "visie_fundament", "visie_actualiteit", "visie_perspectief"),
    ),
    VRAGEN: Bron(VRAGEN, 3, "programma_opgave__opgave_titel", ("vraag", "antwoord")),
}


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def laatste_nummer(jaarprogramma: str) -> Subquery:
    """The number of the current published version of the year at `jaarprogramma`."""
    return Subquery(
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma=OuterRef(jaarprogramma))
        .order_by("-nummer")
        .values("nummer")[:1]
    )


@dataclass(frozen=True)
class Filters:
    """The valid filters of the form (empty strings for none)."""

    soort: str = ""
    thema: str = ""
    gemeente: str = ""
    status: str = ""
    jaar: str = ""
    vervangen: bool = False


def _basis(soort: str, f: Filters) -> QuerySet | None:
    """The public rows of one kind with the filters applied; None if a filter rules the whole
    kind out (a thema for programme texts, an opgave's coverage for texts and questions)."""
    opgave_status = f.status in (GEDEKT, NIET_GEDEKT)
    if soort == OPGAVEN:
        qs = ProgrammaOpgave.objects.filter(versie__bevroren_op__isnull=False)
        if not f.vervangen:
            qs = qs.filter(versie__nummer=laatste_nummer("versie__jaarprogramma"))
        pad = "versie__jaarprogramma"
        if f.thema:
            qs = qs.filter(opgave__thema__slug=f.thema)
        if f.gemeente:
            # taking part: a bijdrage in this version, and its raad did not decide against
            gemeente = Gemeente.objects.filter(slug=f.gemeente).values("pk")
            qs = qs.filter(
                Exists(
                    Bijdrage.objects.filter(programma_opgave=OuterRef("pk"), gemeente__in=gemeente)
                )
            ).exclude(
                Exists(
                    Besluit.objects.filter(
                        gemeente__in=gemeente,
                        deelname=False,
                        programma_opgave__opgave=OuterRef("opgave"),
                        programma_opgave__versie__jaarprogramma=OuterRef("versie__jaarprogramma"),
                    )
                )
            )
        if opgave_status:
            qs = qs.filter(dekking__gedekt=f.status == GEDEKT)
    elif soort == PROGRAMMA:
        if f.thema or opgave_status:
            return None
        qs = ProgrammaVersie.objects.bevroren()
        if not f.vervangen:
            qs = qs.filter(nummer=laatste_nummer("jaarprogramma"))
        pad = "jaarprogramma"
        if f.gemeente:
            qs = qs.filter(
                Exists(Deelnemer.objects.filter(versie=OuterRef("pk"), gemeente__slug=f.gemeente))
            )
    else:
        if opgave_status:
            return None
        qs = Vraag.objects.filter(
            beantwoord_op__isnull=False, programma_opgave__versie__bevroren_op__isnull=False
        )
        pad = "programma_opgave__versie__jaarprogramma"
        if f.thema:
            qs = qs.filter(programma_opgave__opgave__thema__slug=f.thema)
        if f.gemeente:
            qs = qs.filter(raadslid__gemeente__slug=f.gemeente)
    if f.status and not opgave_status:
        qs = qs.filter(**{f"{pad}__status": f.status})
    if f.jaar:
        qs = qs.filter(**{f"{pad}__jaar": int(f.jaar)})
    return qs.order_by()


def _match(qs: QuerySet, bron: Bron, q: str) -> QuerySet:
    """Only the rows that match `q`, with their rank as `z_rang`."""
    if not q:
        return qs.annotate(z_rang=Value(0.0, output_field=FloatField()))
    if is_postgres():
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return (
            qs.alias(z_vector=ZoekVector())
            .filter(z_vector=query)
            .annotate(z_rang=SearchRank(ZoekVector(), query))
        )
    from openbaar.zoeken.tekst import woorden_van

    woorden = woorden_van(q)
    if not woorden:
        return qs.none().annotate(z_rang=Value(0.0, output_field=FloatField()))
    # every word in some field; a title that holds them all ranks first
    elk = reduce(
        and_,
        (reduce(or_, (Q(**{f"{veld}__icontains": w}) for veld in bron.velden)) for w in woorden),
    )
    if bron.titel not in bron.velden:  # a question's title (its opgave) is not searched
        return qs.filter(elk).annotate(z_rang=Value(0.5, output_field=FloatField()))
    in_titel = reduce(and_, (Q(**{f"{bron.titel}__icontains": w}) for w in woorden))
    return qs.filter(elk).annotate(
        z_rang=Case(When(in_titel, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    )


def treffers(soort: str, q: str, f: Filters) -> QuerySet | None:
    """The matching public rows of one kind, as (kind, pk, rank, year, title) rows for the
    union that pages them; None if the filters rule the kind out."""
    bron = BRONNEN[soort]
    qs = _basis(soort, f)
    if qs is None:
        return None
    jaar = {
        OPGAVEN: "versie__jaarprogramma__jaar",
        PROGRAMMA: "jaarprogramma__jaar",
        VRAGEN: "programma_opgave__versie__jaarprogramma__jaar",
    }[soort]
    return (
        _match(qs, bron, q)
        .annotate(
            z_soort=Value(bron.volgorde, output_field=IntegerField()),
            z_pk=F("pk"),
            z_jaar=F(jaar),
            z_titel=F(bron.titel),
        )
        .values_list("z_soort", "z_pk", "z_rang", "z_jaar", "z_titel")
    )
