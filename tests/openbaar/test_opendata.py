"""Open data at /open-data/: the page lists every proposed version with its files, the schema
documents every column and the licence, a concept never appears (for nobody, logged in or not),
CSV cells are safe from formula injection, and the query count does not grow with the data.
That the files match the database is tests/openbaar/test_opendata_reconciliatie.py."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openbaar.opendata import schema
from opgaven.models import Opgave
from programma import services
from programma.models import ProgrammaVersie
from tests.factories import OpgaveFactory, opgave_inhoud

CONCEPT_OPGAVE = "grensoverschrijdende-samenwerking"  # only in the 2028 concept
BESTANDEN = [*schema.TABELLEN, schema.PROGRAMMA, "datapackage"]
# measured: the page 1; a file 4 (the version, what superseded it, its stand in two) + the
# table's own reads: at most 11 (opgaven)
MAX_PAGINA = 3
MAX_BESTAND = 12
MAX_PROGRAMMA = 22  # every table at once: 20 measured


def _bestand_urls(jaar: int, nummer: int) -> list[str]:
    urls = [f"/open-data/{jaar}/v{nummer}/{t}.json" for t in BESTANDEN]
    urls += [f"/open-data/{jaar}/v{nummer}/{t}.csv" for t in schema.TABELLEN]
    return urls


def test_de_concept_opgave_bestaat_alleen_in_het_concept(demo):
    assert Opgave.objects.filter(slug=CONCEPT_OPGAVE).exists()
    versies = set(
        ProgrammaVersie.objects.filter(opgaven__opgave__slug=CONCEPT_OPGAVE).values_list(
            "jaarprogramma__jaar", "bevroren_op"
        )
    )
    assert versies == {(2028, None)}


def test_de_pagina_noemt_elke_voorgestelde_versie_met_haar_bestanden(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_PAGINA):
        response = client.get("/open-data/")
    assert response.status_code == 200
    tekst = response.content.decode()
    for jaar, nummer in [(2026, 1), (2027, 1), (2027, 2)]:
        assert f'data-versie="{jaar}-{nummer}"' in tekst
        for url in _bestand_urls(jaar, nummer):
            assert f'href="{url}"' in tekst
    # the superseded version says so, the current one too
    assert re.search(r'id="versie-2027-1">Versie 1 — vervangen<', tekst)
    assert re.search(r'id="versie-2027-2">Versie 2 — geldend<', tekst)
    assert "2028" not in tekst.split("<main", 1)[1]
    assert schema.LICENTIE_URL in tekst and 'rel="license"' in tekst
    assert 'href="/open-data/schema/"' in tekst


def test_de_schemapagina_beschrijft_elke_kolom_en_de_licentie(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_PAGINA):
        response = client.get("/open-data/schema/")
    tekst = response.content.decode()
    assert schema.LICENTIE_URL in tekst and "CC0 1.0" in tekst
    for tabel in schema.TABELLEN.values():
        assert f'data-schema="{tabel.naam}"' in tekst
        for kolom in tabel.kolommen:
            assert f'data-kolom-naam="{kolom.naam}"' in tekst


def test_het_schema_als_json_is_een_table_schema_per_tabel(demo, client):
    document = client.get("/open-data/schema.json").json()
    assert document["licenses"][0]["path"] == schema.LICENTIE_URL
    tabellen = {t["name"]: t for t in document["tables"]}
    assert set(tabellen) == set(schema.TABELLEN)
    for naam, tabel in schema.TABELLEN.items():
        velden = tabellen[naam]["schema"]["fields"]
        assert [v["name"] for v in velden] == tabel.kolomnamen
        assert all(v["type"] in schema.TYPE_UITLEG and v["description"] for v in velden)


def test_elk_json_bestand_noemt_licentie_bron_en_vingerafdruk(demo, client):
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=1)
    for naam in [*schema.TABELLEN, schema.PROGRAMMA]:
        document = client.get(f"/open-data/2027/v1/{naam}.json").json()
        assert document["licentie"]["url"] == schema.LICENTIE_URL
        assert document["licentie"]["id"] == "CC0-1.0"
        assert document["url"].endswith(f"/open-data/2027/v1/{naam}.json")
        assert document["schema"].endswith("/open-data/schema.json")
        assert document["vingerafdruk"]["sha256"] == versie.vingerafdruk.sha256
        assert document["geldend"] is False and document["vervangen_door"] == 2


def test_csv_heeft_kop_en_bestandsnaam(demo, client):
    response = client.get("/open-data/2027/v2/bijdragen.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="regioportaal-2027-v2-bijdragen.csv"'
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    kop = next(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert kop == schema.BIJDRAGEN.kolomnamen


def test_het_datapackage_wijst_naar_elk_csv_bestand(demo, client):
    document = client.get("/open-data/2026/v1/datapackage.json").json()
    assert document["licenses"][0]["name"] == "CC0-1.0"
    paden = [r["path"] for r in document["resources"]]
    basis = settings.PORTAAL_URL.rstrip("/")
    assert paden == [f"{basis}/open-data/2026/v1/{t}.csv" for t in schema.TABELLEN]


# --- concepts never ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gebruiker", [None, "regiobestuur", "programmabureau", "portefeuillehouder", "beheer"]
)
def test_het_concept_is_overal_een_404(demo, client, login, gebruiker):
    if gebruiker:
        login(gebruiker)
    # the concept's opgave page exists for these drafters: open data is still a 404
    for url in _bestand_urls(2028, 1):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "url",
    [
        "/open-data/2027/v3/opgaven.csv",
        "/open-data/2027/v0/opgaven.json",
        "/open-data/1999/v1/opgaven.csv",
        "/open-data/2027/v2/bestaat-niet.csv",
        "/open-data/2027/v2/bestaat-niet.json",
        "/open-data/2027/v2/programma.csv",
        "/open-data/2027/v2/datapackage.csv",
    ],
)
def test_onbekend_is_een_404(demo, client, url):
    assert client.get(url).status_code == 404


def test_geen_bestand_en_geen_pagina_noemt_het_concept(demo, client, login):
    login("regiobestuur")  # a drafter, who may see the concept elsewhere
    urls = ["/open-data/", "/open-data/schema/", "/open-data/schema.json"]
    for jaar, nummer in [(2026, 1), (2027, 1), (2027, 2)]:
        urls += _bestand_urls(jaar, nummer)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert CONCEPT_OPGAVE not in response.content.decode(), url
    for naam in schema.TABELLEN:
        rijen = client.get(f"/open-data/2027/v2/{naam}.json").json()["rijen"]
        assert all(r["jaar"] != 2028 for r in rijen)


# --- formula injection ---------------------------------------------------------------------

GEVAARLIJK = '=HYPERLINK("http://example.com","klik")'


@pytest.fixture
def vijandig(concept, bestuur):
    """The 2040 concept with an opgave whose texts a spreadsheet would run, proposed."""
    houder = concept.opgaven.first().portefeuillehouder
    services.neem_opgave_op(
        versie=concept,
        opgave=OpgaveFactory(titel=GEVAARLIJK, slug="vijandig"),
        acting_user=bestuur,
        portefeuillehouder=houder,
        **opgave_inhoud(
            doel="+31 6 12345678",
            resultaat="@SUM(A1:A9)",
            mandaat="-2+3",
            sturing="\tTab",
            budget=123_457,
            capaciteit_fte=Decimal("1.25"),
        ),
    )
    return services.stel_programma_voor(versie=concept, acting_user=bestuur)


def test_csv_cellen_worden_nooit_een_formule(vijandig, client):
    response = client.get("/open-data/2040/v1/opgaven.csv")
    assert response.status_code == 200
    rijen = {r["opgave"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    rij = rijen["vijandig"]
    assert rij["titel"] == "'" + GEVAARLIJK
    assert rij["doel"] == "'+31 6 12345678"
    assert rij["resultaat"] == "'@SUM(A1:A9)"
    assert rij["mandaat"] == "'-2+3"
    assert rij["sturing"] == "'\tTab"
    # numbers stay numbers
    assert rij["budget"] == "123457" and rij["capaciteit_fte"] == "1.25"
    for rij in rijen.values():
        for waarde in rij.values():
            assert not waarde.startswith(("=", "+", "-", "@", "\t", "\r")), waarde
    # JSON is no spreadsheet: the text as it was written
    document = client.get("/open-data/2040/v1/opgaven.json").json()
    (json_rij,) = [r for r in document["rijen"] if r["opgave"] == "vijandig"]
    assert json_rij["titel"] == GEVAARLIJK and json_rij["budget"] == 123457
    assert json_rij["capaciteit_fte"] == 1.25


# --- queries, conditional requests ---------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(vastgelegd)


@pytest.mark.parametrize("bestand", BESTANDEN)
def test_queries_groeien_niet_met_de_gegevens(demo, client, bestand):
    """2026 v1 has 12 opgaven and 216 confirmed votes, 2027 v2 14 opgaven and 56: the same
    number of queries, and never more than MAX_BESTAND."""
    groot = _queries(client, f"/open-data/2026/v1/{bestand}.json")
    klein = _queries(client, f"/open-data/2027/v2/{bestand}.json")
    assert groot == klein <= (MAX_PROGRAMMA if bestand == schema.PROGRAMMA else MAX_BESTAND)
    if bestand in schema.TABELLEN:
        assert _queries(client, f"/open-data/2026/v1/{bestand}.csv") == groot


def test_een_bestand_dat_niet_veranderde_is_een_304(demo, client):
    response = client.get("/open-data/2026/v1/besluiten.csv")
    etag = response["ETag"]
    assert etag and response["Last-Modified"]
    document = client.get("/open-data/2026/v1/besluiten.json").json()
    assert document["stand_op"] >= document["voorgesteld_op"]
    opnieuw = client.get("/open-data/2026/v1/besluiten.csv", HTTP_IF_NONE_MATCH=etag)
    assert opnieuw.status_code == 304
    assert opnieuw.content == b""
    # another file has another validator
    assert (
        client.get("/open-data/2026/v1/bijdragen.csv", HTTP_IF_NONE_MATCH=etag).status_code == 200
    )


def test_een_afgesloten_jaar_is_geen_304_meer(demo, client):
    """Closing the year moves none of the version's own moments, but changes the files' status
    column: the validator (the publication stand) moves with it (review finding)."""
    from django.contrib.auth import get_user_model

    from programma.models import Jaarprogramma
    from programma.services import sluit_programma_af

    response = client.get("/open-data/2026/v1/versie.csv")
    sluit_programma_af(
        jaarprogramma=Jaarprogramma.objects.get(jaar=2026),
        acting_user=get_user_model().objects.get(username="regiobestuur"),
    )
    opnieuw = client.get("/open-data/2026/v1/versie.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert opnieuw.status_code == 200
    assert "afgesloten" in opnieuw.content.decode()


def test_json_is_utf8_en_leesbaar(demo, client):
    inhoud = client.get("/open-data/2027/v2/opgaven.json").content
    document = json.loads(inhoud.decode("utf-8"))
    assert all(isinstance(r["budget"], int) for r in document["rijen"])
    assert all(isinstance(r["toegezegd"], int) for r in document["rijen"])
