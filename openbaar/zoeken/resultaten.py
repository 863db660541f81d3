"""One search: the count per kind, one page of results across the kinds (ranked, then newest
year first), and for that page only the details, links and highlighted snippets.

Queries, whatever the number of hits: one count per kind, one union for the page, one detail
query per kind on the page (at most 7), plus the form's choices (3)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from openbaar.zoeken import bronnen
from openbaar.zoeken.bronnen import BRONNEN, CONFIG, Filters, is_postgres, laatste_nummer
from openbaar.zoeken.formulier import OPGAVEN, PROGRAMMA, SOORTEN, VRAGEN
from openbaar.zoeken.tekst import BEGIN, EIND, markeer, uit_headline, woorden_van
from programma.models import ProgrammaOpgave, ProgrammaVersie, Status
from raden.models import Vraag

PER_PAGINA = 20

_SOORT_VAN = {b.volgorde: b.soort for b in BRONNEN.values()}
_LABEL = dict(SOORTEN)
_STATUS = dict(Status.choices)


@dataclass
class Resultaat:
    """One result as the page shows it."""

    soort: str
    soort_label: str
    titel_html: SafeString  # escaped, the words found in <mark>
    url: str
    jaar: int
    fragment: SafeString
    versie: int | None = None
    vervangen: bool = False  # from a version that a correction superseded
    thema: str = ""
    status: str = ""
    extra: str = ""  # who asked, for a question


@dataclass
class Zoekresultaat:
    aantallen: dict[str, int] = field(default_factory=dict)
    pagina: Page | None = None

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def per_soort(self) -> list[tuple[str, str, int]]:
        return [(s, _LABEL[s], self.aantallen[s]) for s, _l in SOORTEN if s in self.aantallen]


class _Treffers:
    """The union of the kinds as a Paginator's object list: its count is the sum of the
    counts already made; a slice is one query for the rows and one per kind for details."""

    def __init__(self, union, totaal: int, q: str):
        self.union, self.totaal, self.q = union, totaal, q

    def count(self) -> int:
        return self.totaal

    def __getitem__(self, plak: slice) -> list[Resultaat]:
        rijen = list(self.union[plak]) if self.union is not None else []
        per_soort: dict[str, list[int]] = {}
        for volgorde, pk, *_rest in rijen:
            per_soort.setdefault(_SOORT_VAN[volgorde], []).append(pk)
        details = {}
        for soort, pks in per_soort.items():
            for r_pk, resultaat in _DETAILS[soort](pks, self.q):
                details[(soort, r_pk)] = resultaat
        return [details[(_SOORT_VAN[v], pk)] for v, pk, *_rest in rijen]


def zoek(q: str, filters: Filters, pagina: str | int | None) -> Zoekresultaat:
    """Search what is public for `q` (may be empty: then the filters alone choose)."""
    soorten = [filters.soort] if filters.soort else [s for s, _l in SOORTEN]
    delen = {}
    for soort in soorten:
        qs = bronnen.treffers(soort, q, filters)
        if qs is not None:
            delen[soort] = qs
    uit = Zoekresultaat(aantallen={s: qs.count() for s, qs in delen.items()})
    union = None
    gevonden = [qs for s, qs in delen.items() if uit.aantallen[s]]
    if gevonden:
        union = gevonden[0].union(*gevonden[1:], all=True) if len(gevonden) > 1 else gevonden[0]
        volgorde = ("-z_rang", "-z_jaar", "z_soort", "z_titel", "-z_pk")
        union = union.order_by(*volgorde)
    uit.pagina = Paginator(_Treffers(union, uit.totaal, q), PER_PAGINA).get_page(pagina)
    return uit


# --- details for one page --------------------------------------------------------------------


def _fragment(obj, velden: tuple[str, ...], q: str) -> SafeString:
    if is_postgres() and q:
        return uit_headline(obj.z_headline)
    tekst = " … ".join(getattr(obj, v) for v in velden if getattr(obj, v, ""))
    return markeer(tekst, woorden_van(q) if q else [])


def _titel(obj, titel: str, q: str) -> SafeString:
    if is_postgres() and q and obj.z_titel:
        return uit_headline(obj.z_titel)
    return markeer(titel, woorden_van(q) if q else [], venster=len(titel) + 1)


def _met_headline(qs, titel: str, velden: tuple[str, ...], q: str):
    """On PostgreSQL with a query: ts_headline over the texts (the best fragments) and over
    the title (all of it), in the `dutch` configuration."""
    if not (is_postgres() and q):
        return qs
    query = SearchQuery(q, search_type="websearch", config=CONFIG)
    delen = []
    for veld in velden:
        if delen:
            delen.append(Value(" … "))
        delen.append(F(veld))
    markering = {"config": CONFIG, "start_sel": BEGIN, "stop_sel": EIND}
    return qs.annotate(
        z_headline=SearchHeadline(
            Concat(*delen, output_field=CharField()),
            query,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **markering,
        ),
        z_titel=SearchHeadline(F(titel), query, highlight_all=True, **markering),
    )


def _opgaven(pks: list[int], q: str):
    velden = ("doel", "resultaat", "mandaat", "sturing", "capaciteit_toelichting")
    qs = _met_headline(
        ProgrammaOpgave.objects.filter(pk__in=pks)
        .select_related("versie__jaarprogramma", "opgave")
        .annotate(z_laatste=laatste_nummer("versie__jaarprogramma")),
        "opgave_titel",
        velden,
        q,
    )
    for po in qs:
        versie = po.versie
        vervangen = versie.nummer != po.z_laatste
        url = (
            reverse("programma-versie", kwargs={"jaar": versie.jaar, "nummer": versie.nummer})
            + "#opgaven-kop"
            if vervangen
            else reverse("opgave-jaar", kwargs={"slug": po.opgave.slug, "jaar": versie.jaar})
        )
        yield (
            po.pk,
            Resultaat(
                soort=OPGAVEN,
                soort_label=_("Opgave"),
                titel_html=_titel(po, po.opgave_titel or po.opgave.titel, q),
                url=url,
                jaar=versie.jaar,
                versie=versie.nummer,
                vervangen=vervangen,
                thema=po.thema_naam,
                status=str(_STATUS.get(versie.jaarprogramma.status, "")),
                fragment=_fragment(po, velden, q),
            ),
        )


def _programma(pks: list[int], q: str):
    velden = ("visie_fundament", "visie_actualiteit", "visie_perspectief")
    qs = _met_headline(
        ProgrammaVersie.objects.filter(pk__in=pks)
        .select_related("jaarprogramma")
        .annotate(z_laatste=laatste_nummer("jaarprogramma")),
        "titel",
        velden,
        q,
    )
    for versie in qs:
        vervangen = versie.nummer != versie.z_laatste
        kw = {"jaar": versie.jaar}
        url = (
            reverse("programma-versie", kwargs={**kw, "nummer": versie.nummer})
            if vervangen
            else reverse("programma", kwargs=kw)
        )
        yield (
            versie.pk,
            Resultaat(
                soort=PROGRAMMA,
                soort_label=_("Programmatekst"),
                titel_html=_titel(versie, versie.titel, q),
                url=url + "#visie-kop",
                jaar=versie.jaar,
                versie=versie.nummer,
                vervangen=vervangen,
                status=str(_STATUS.get(versie.jaarprogramma.status, "")),
                fragment=_fragment(versie, velden, q),
            ),
        )


def _vragen(pks: list[int], q: str):
    velden = ("vraag", "antwoord")
    in_huidige = ProgrammaOpgave.objects.filter(
        opgave=OuterRef("programma_opgave__opgave"),
        versie__jaarprogramma=OuterRef("programma_opgave__versie__jaarprogramma"),
        versie__bevroren_op__isnull=False,
        versie__nummer=laatste_nummer("versie__jaarprogramma"),
    )
    qs = _met_headline(
        Vraag.objects.filter(pk__in=pks)
        .select_related("programma_opgave__versie__jaarprogramma", "programma_opgave__opgave")
        .annotate(z_op_pagina=Exists(in_huidige)),
        "programma_opgave__opgave_titel",
        velden,
        q,
    )
    for vraag in qs:
        po = vraag.programma_opgave
        versie = po.versie
        if vraag.z_op_pagina:  # the opgave page of its year lists every answered question
            url = reverse("opgave-jaar", kwargs={"slug": po.opgave.slug, "jaar": versie.jaar})
        else:  # its opgave left the year's programme by a correction
            url = reverse("programma-versie", kwargs={"jaar": versie.jaar, "nummer": versie.nummer})
        yield (
            vraag.pk,
            Resultaat(
                soort=VRAGEN,
                soort_label=_("Technische vraag"),
                titel_html=_titel(vraag, po.opgave_titel or po.opgave.titel, q),
                url=url + (f"#vraag-{vraag.pk}" if vraag.z_op_pagina else "#opgaven-kop"),
                jaar=versie.jaar,
                versie=versie.nummer,
                thema=po.thema_naam,
                status=str(_STATUS.get(versie.jaarprogramma.status, "")),
                extra=_("gesteld door %(naam)s (%(gemeente)s)")
                % {"naam": vraag.raadslid_naam, "gemeente": vraag.gemeente_naam},
                fragment=_fragment(vraag, velden, q),
            ),
        )


_DETAILS = {OPGAVEN: _opgaven, PROGRAMMA: _programma, VRAGEN: _vragen}
