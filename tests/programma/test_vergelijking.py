"""Comparing versions and years: the figures reconciled cell by cell with the raw rows (page and
CSV), the CSV equal to the page's rows, field differences of an opgave changed through the
services, who may see which comparison, and a number of queries that does not grow."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from programma import services
from programma.models import Niveau, ProgrammaVersie
from programma.vergelijking import (
    Getal,
    Wijziging,
    met_inhoud,
    rijen_csv,
    vergelijk_versies,
    verschillen_opgave,
)
from tests.factories import GemeenteFactory, OpgaveFactory, PartnerFactory, opgave_inhoud
from tests.reconciliatie.oppervlak import HtmlPagina, klopt, lees
from tests.reconciliatie.vergelijking import CsvVergelijking, alleen_csv, namen, verwacht
from tests.reconciliatie.verwacht import Rijen

# Both versions through versie_voor, each with its opgaven, stuurgroep, regelingen, synergieën
# (two), members and bijdragen; the session and user of a logged-in request besides.
MAX_QUERIES = 22


def _versie(jaar: int, nummer: int | None = None) -> ProgrammaVersie:
    versies = ProgrammaVersie.objects.filter(jaarprogramma__jaar=jaar)
    if nummer is None:
        return versies.bevroren().order_by("-nummer").first()
    return versies.get(nummer=nummer)


def _client(username: str | None = None) -> Client:
    c = Client()
    if username:
        c.force_login(get_user_model().objects.get(username=username))
    return c


@pytest.fixture
def rijen(demo) -> Rijen:
    return Rijen.lees()


# --- the figures, reconciled --------------------------------------------------------------

GEVALLEN = [
    # (page, csv, old version, new version)
    ("/programma/2027/vergelijk/1/2/", "/programma/2027/vergelijk/1/2.csv", (2027, 1), (2027, 2)),
    ("/programma/2027/vergelijk/2/1/", "/programma/2027/vergelijk/2/1.csv", (2027, 2), (2027, 1)),
    (
        "/programma/vergelijk/2026/2027/",
        "/programma/vergelijk/2026/2027.csv",
        (2026, None),
        (2027, None),
    ),
]


@pytest.mark.parametrize("pagina,csv_url,van,naar", GEVALLEN)
def test_elk_cijfer_van_pagina_en_csv_klopt_met_de_ruwe_rijen(
    rijen, pagina, csv_url, van, naar, django_assert_max_num_queries
):
    oud, nieuw = _versie(*van), _versie(*naar)
    k = verwacht(rijen, oud.pk, nieuw.pk)
    client = _client()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(pagina)
    klopt(HtmlPagina.van(response, pagina), k)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(csv_url)
    assert response.status_code == 200
    titels, gemeenten = namen(rijen, oud.pk, nieuw.pk)
    klopt(CsvVergelijking(response.content, titels, gemeenten, csv_url), alleen_csv(k))


def test_de_bijdragen_van_2027_zijn_de_opgeslagen_rijen(rijen):
    """v1 → v2 of 2027: one opgave's budget changed, and the stored bijdragen of each version
    add up to its budget; the comparison shows those, not a new computation."""
    oud, nieuw = _versie(2027, 1), _versie(2027, 2)
    v = vergelijk_versies(oud, nieuw)
    assert [o.wijziging for o in v.opgaven].count(Wijziging.GEWIJZIGD) == 1
    (gewijzigd,) = v.gewijzigd
    assert gewijzigd.budget.gewijzigd and not gewijzigd.velden  # only the budget differs
    assert sum(b.bedrag.nieuw for b in gewijzigd.bijdragen) == gewijzigd.budget.nieuw
    assert sum(b.bedrag.oud for b in gewijzigd.bijdragen) == gewijzigd.budget.oud
    opgeslagen = rijen.bijdragen_van(nieuw.pk)
    assert v.bijdragen_totaal.nieuw == sum(opgeslagen.values()) == v.budget.nieuw
    assert not v.toegevoegd and not v.verwijderd
    assert v.met_verschil == [gewijzigd]


# --- the CSV is the page's rows -----------------------------------------------------------


def _secties(html: str) -> dict[str, list[str]]:
    """Per opgave section on the page (its slug), the labels of the fields it shows changed."""
    uitkomst = {}
    for m in re.finditer(
        r'<article class="opgaveverschil" id="opgave-([^"]+)".*?</article>', html, re.S
    ):
        uitkomst[m.group(1)] = [
            re.sub(r"<[^>]+>|\s+\(.*?\)\s*$", "", label).strip()
            for label in re.findall(
                r'class="veldverschil__label">(.*?)</(?:h4|summary)>', m.group(0), re.S
            )
        ]
    return uitkomst


def test_de_csv_heeft_precies_de_rijen_van_de_pagina(rijen):
    url = "/programma/vergelijk/2026/2027/"
    client = _client()
    html = client.get(url).content.decode()
    response = client.get(url.rstrip("/") + ".csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="vergelijking-2026-v1-2027-v2.csv"'
    )
    oud, nieuw = _versie(2026), _versie(2027)
    titels, gemeenten = namen(rijen, oud.pk, nieuw.pk)
    csv_ = CsvVergelijking(response.content, titels, gemeenten)
    assert csv_.koppen == [
        "soort",
        "opgave",
        "gemeente",
        "veld",
        "oud",
        "nieuw",
        "verschil",
        "verschil_procent",
    ]
    # Every figure cell of the page's tables is a CSV cell with the same text, and back.
    pagina = {
        s: w
        for s, w in HtmlPagina(html).cellen().items()
        if s[0] != "samenvatting" and not s[0].startswith("opgave:")
    }

    assert set(pagina) == set(csv_.cellen())
    assert {s: lees(w) for s, w in pagina.items()} == {s: lees(w) for s, w in csv_.cellen().items()}
    # Every changed field the page shows per opgave is a CSV row, and back.
    op_pagina = {(slug, label) for slug, labels in _secties(html).items() for label in labels}
    in_csv = {(slug, veld) for soort, slug, veld in csv_.velden if soort != "programma"}
    assert op_pagina == in_csv and in_csv
    programma = {veld for soort, _, veld in csv_.velden if soort == "programma"}
    assert {"Titel", "Visie: fundament"} <= programma
    for veld in programma:
        assert f"{veld} <span" in html or f">{veld}</h3>" in html  # h3: under the h2 of its section
    # Amounts as plain integers, percentages with a decimal comma (Dutch Excel).
    budget = next(r for r in csv_.rijen if r[0] == "totaal" and r[3] == "Budget")
    assert re.fullmatch(r"\d+", budget[4]) and re.fullmatch(r"-?\d+,\d", budget[7])
    assert len(rijen_csv(vergelijk_versies(oud, nieuw))) == len(csv_.rijen)


# --- field differences ---------------------------------------------------------------------


@pytest.fixture
def tweede_versie(concept, bestuur):
    """2040: v1 proposed, then corrected into a concept v2 with changes made by the services:
    a long doel rewritten in part, the budget, a partner in the stuurgroep, a regeling, one
    opgave removed and a new one added."""
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    v2 = services.corrigeer_programma(
        jaarprogramma=concept.jaarprogramma, reden="Budget bijgesteld", acting_user=bestuur
    )
    eerste, tweede = v2.opgaven.order_by("budget").reverse()
    lang_oud = eerste.doel
    waarden = {
        "doel": lang_oud + " " + "De regio bouwt samen aan de energietransitie. " * 4,
        "resultaat": eerste.resultaat,
        "mandaat": eerste.mandaat,
        "sturing": eerste.sturing,
        "budget": 1_100_000,
        "capaciteit_fte": eerste.capaciteit_fte,
        "capaciteit_toelichting": eerste.capaciteit_toelichting,
        "rangorde": eerste.rangorde,
        "partners": [PartnerFactory(naam="Kennisinstelling Veertig")],
        "bestuurders": [],
    }
    services.werk_opgave_bij(
        programma_opgave=eerste,
        verwacht_wijzigingsnummer=eerste.wijzigingsnummer,
        acting_user=bestuur,
        **waarden,
    )
    services.voeg_externe_regeling_toe(
        programma_opgave=eerste,
        naam="Regio Deal",
        niveau=Niveau.RIJK,
        verwachte_cofinanciering=250_000,
        acting_user=bestuur,
    )
    services.verwijder_opgave_uit_programma(programma_opgave=tweede, acting_user=bestuur)
    services.neem_opgave_op(
        versie=v2,
        opgave=OpgaveFactory(titel="Nieuwe opgave"),
        acting_user=bestuur,
        portefeuillehouder=eerste.portefeuillehouder,
        **opgave_inhoud(budget=400_000, capaciteit_fte=Decimal("1.5")),
    )
    return concept, v2


def test_verschillen_per_veld_na_een_correctie(tweede_versie):
    v1, v2 = tweede_versie
    v = vergelijk_versies(v1, v2)
    assert [o.titel for o in v.toegevoegd] == ["Nieuwe opgave"]
    assert len(v.verwijderd) == 1 and len(v.gewijzigd) == 1 and not v.ongewijzigd
    (o,) = v.gewijzigd
    assert o.budget == Getal(1_000_000, 1_100_000)
    assert o.budget.verschil == 100_000 and o.budget.procent == Decimal("10.0")
    velden = {veld.veld: veld for veld in verschillen_opgave(o.oud, o.nieuw)}
    # The synergy went with the removed opgave: it is a change of this one too.
    assert set(velden) == {"doel", "budget", "stuurgroep", "externe_regelingen", "synergieen"}
    doel = velden["doel"]
    assert doel.lang and not doel.herschreven
    assert doel.nieuw_weergave.startswith(doel.oud_weergave)
    assert velden["budget"].oud_weergave == "€\u00a01.000.000" and not velden["budget"].lang
    assert velden["stuurgroep"].nieuw_weergave == "Kennisinstelling Veertig"
    assert velden["externe_regelingen"].oud_weergave == ""
    assert "Regio Deal (Rijk): €\u00a0250.000" in velden["externe_regelingen"].nieuw_weergave
    # Budget and FTE are the comparison's figures, not its text fields.
    assert {veld.veld for veld in o.velden} == set(velden) - {"budget"}
    # An added opgave differs in every field it fills in; the same opgave twice in none.
    (nieuw,) = v.toegevoegd
    alle = {veld.veld for veld in verschillen_opgave(None, nieuw.nieuw)}
    assert {"titel", "thema", "doel", "budget", "capaciteit_fte", "portefeuillehouder"} <= alle
    assert verschillen_opgave(o.nieuw, o.nieuw) == []
    # The concept's bijdragen are computed; a gemeente's total is the sum of its shares.
    for g in v.gemeenten:
        assert g.bedrag.nieuw == sum(
            b.bedrag.nieuw for x in v.opgaven for b in x.bijdragen if b.gemeente == g.gemeente
        )
    assert v.bijdragen_totaal.nieuw == v.budget.nieuw == 1_500_000


def test_de_pagina_toont_de_woorden_die_veranderden(tweede_versie, client, login):
    login("test-regiobestuur")
    html = client.get("/programma/2040/vergelijk/1/2/").content.decode()
    assert "Versie 1 en versie 2 van het programma 2040 vergeleken" in html
    # the word diff of the long doel: what was added is inserted, the old words stay
    assert re.search(r"<ins>[^<]*De regio bouwt samen aan de energietransitie", html)
    assert "Het doel van de " in html
    assert "<del>€\u00a01.000.000</del>" not in html  # budget is a figure, shown as such
    assert "Nieuwe opgave" in html and "toegevoegd" in html and "verwijderd" in html
    assert "/programma/2040/vergelijk/1/2.csv" in html


def test_verschillen_opgave_vraagt_niets_meer_op_opgehaalde_rijen(tweede_versie):
    v1, v2 = tweede_versie
    oud = {po.opgave_id: po for po in met_inhoud(v1.opgaven.all())}
    nieuw = {po.opgave_id: po for po in met_inhoud(v2.opgaven.all())}
    with CaptureQueriesContext(connection) as vragen:
        for i in set(oud) | set(nieuw):
            verschillen_opgave(oud.get(i), nieuw.get(i))
    assert len(vragen) == 0


# --- who may see what ------------------------------------------------------------------------


def test_een_concept_is_404_voor_het_publiek_en_zichtbaar_voor_opstellers(tweede_versie, client):
    assert client.get("/programma/2040/vergelijk/1/2/").status_code == 404
    assert client.get("/programma/2040/vergelijk/1/2.csv").status_code == 404
    # a version of its own year compared with itself, or one that does not exist
    assert client.get("/programma/2040/vergelijk/1/1/").status_code == 404
    assert client.get("/programma/2040/vergelijk/1/3/").status_code == 404
    bestuur = _client("test-regiobestuur")
    assert bestuur.get("/programma/2040/vergelijk/1/2/").status_code == 200
    assert bestuur.get("/programma/2040/vergelijk/2/1.csv").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/programma/2028/vergelijk/1/2/",  # 2028 has a concept v1 only
        "/programma/vergelijk/2027/2028/",  # the public sees no 2028
        "/programma/vergelijk/2027/2028.csv",
        "/programma/vergelijk/1999/2027/",
        "/programma/2027/vergelijk/1/9/",
        "/programma/2027/vergelijk/2/2/",
        "/programma/vergelijk/2027/2027/",
    ],
)
def test_onbekend_of_geheim_is_404(demo, client, url):
    assert client.get(url).status_code == 404


def test_de_concepten_van_2028_voor_wie_ze_mag_zien(demo):
    url = "/programma/vergelijk/2027/2028/"
    assert _client("raadslid-arnhem").get(url).status_code == 404
    response = _client("programmabureau").get(url)
    assert response.status_code == 200
    assert "Het programma 2027 en het programma 2028 vergeleken" in response.content.decode()


# --- a fixed number of queries -------------------------------------------------------------


def _aantal(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as vragen:
        assert client.get(url).status_code == 200
    return len(vragen)


def test_het_aantal_queries_groeit_niet_met_het_programma(tweede_versie, demo, bestuur):
    """2040 (two opgaven, three gemeenten) and 2027 (fourteen opgaven, eighteen gemeenten) take
    the same number of queries, page and CSV; a concept at most a few more (its members and
    bijdragen are read from the reference data)."""
    v1, v2 = tweede_versie
    services.stel_programma_voor(versie=v2, acting_user=bestuur)
    client = _client("test-regiobestuur")
    for pad in ("/", ".csv"):
        klein = _aantal(client, f"/programma/2040/vergelijk/1/2{pad}".replace("/.csv", ".csv"))
        groot = _aantal(client, f"/programma/2027/vergelijk/1/2{pad}".replace("/.csv", ".csv"))
        assert klein == groot <= MAX_QUERIES


def test_een_concept_zonder_berekenbare_bijdragen_zegt_dat(demo, concept, client, login):
    """A member without inwoners: the concept's bijdragen leave it out (it shows with € 0); the
    page says why instead of showing that without a word."""
    GemeenteFactory(naam="Zonder Inwonertal")
    login("test-regiobestuur")
    response = client.get("/programma/vergelijk/2027/2040/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Let op bij de bijdragen van deze versie: Geen inwonertal op" in html
    v = response.context["vergelijking"]
    assert "Zonder Inwonertal" in v.probleem_nieuw and v.probleem_oud is None
    assert v.bijdragen_totaal.nieuw == v.budget.nieuw == 1_250_001


def test_jaren_met_genoemde_versies(demo, client):
    """?versie_van/&versie_naar name the versions of a year comparison (a history entry links
    to the very versions it compares); anything but a number is a 404."""
    r = client.get("/programma/vergelijk/2026/2027/?versie_van=1&versie_naar=1")
    assert r.status_code == 200
    assert (r.context["oud"].jaar, r.context["oud"].nummer) == (2026, 1)
    assert (r.context["nieuw"].jaar, r.context["nieuw"].nummer) == (2027, 1)
    assert "versie_van=1" in r.context["csv_url"]
    csv = client.get(r.context["csv_url"])
    assert csv.status_code == 200 and "2027-v1" in csv["Content-Disposition"]
    for fout in ("x", "-1", "99999", "7"):
        assert client.get(f"/programma/vergelijk/2026/2027/?versie_naar={fout}").status_code == 404
    assert client.get("/programma/vergelijk/2027/2028/?versie_naar=1").status_code == 404
