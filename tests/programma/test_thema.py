"""The thema pages (issue 18, point 1): /themas/<slug>/ follows the current programme (the one
the home page shows), /programma/<jaar>/themas/<slug>/ a year's; every figure reconciled with
the raw rows; a fixed number of queries; 404 for an unknown thema or year and for a concept
year to whoever may not see it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from regio.models import Thema
from tests.reconciliatie.oppervlak import HtmlPagina, klopt
from tests.reconciliatie.verwacht import Rijen, Ronde
from tests.reconciliatie.verwacht_paginas import thema_pagina

# measured 9 for the public and 13 for the regiobestuur on the 2028 concept (its session and
# user, and the concept's members and inwoners to compute its bijdragen), whatever the thema,
# the year or the number of raden and votes
MAX_QUERIES = 13
SLUGS = [
    "groeiregio-in-balans",
    "productieve-regio",
    "verbonden-regio",
    "vitale-regio",
    "circulaire-regio",
]


@pytest.fixture
def bestuur(demo) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username="regiobestuur"))
    return c


def _toon(client, url, django_assert_max_num_queries) -> tuple[HtmlPagina, str]:
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    return HtmlPagina.van(response, url), response.content.decode()


def test_elk_thema_in_elk_jaar_klopt_met_de_ruwe_rijen(
    demo, client, bestuur, django_assert_max_num_queries
):
    rijen, ronde = Rijen.lees(), Ronde.lees()
    gezien = 0
    for concepten, bezoeker in ((False, client), (True, bestuur)):
        for jaar, versie in rijen.huidige_versies(concepten=concepten).items():
            for slug in SLUGS:
                url = f"/programma/{jaar}/themas/{slug}/"
                pagina, _ = _toon(bezoeker, url, django_assert_max_num_queries)
                klopt(pagina, thema_pagina(rijen, ronde, versie, slug))
                gezien += 1
    assert gezien == 5 * (2 + 3)
    # without a year: the programme the home page shows
    versie = rijen.home_versie(timezone.localdate())
    for slug in SLUGS:
        pagina, _ = _toon(client, f"/themas/{slug}/", django_assert_max_num_queries)
        klopt(pagina, thema_pagina(rijen, ronde, versie, slug))


def test_de_pagina_toont_omschrijving_opgaven_en_links(demo, client, django_assert_max_num_queries):
    thema = Thema.objects.get(slug="circulaire-regio")
    _, html = _toon(
        client, "/programma/2027/themas/circulaire-regio/", django_assert_max_num_queries
    )
    assert escape(thema.omschrijving.split("\n\n")[0].strip()) in html
    assert 'href="/opgaven/energietransitie/2027/"' in html
    for ander in SLUGS:
        if ander != "circulaire-regio":
            assert f'href="/programma/2027/themas/{ander}/"' in html
    for jaar in (2026, 2027):
        assert f'href="/programma/{jaar}/themas/circulaire-regio/"' in html
    # the concept year is not even named to the public
    assert "/programma/2028/" not in html
    assert "status--concept" not in html and "CONCEPT" not in html
    # each opgave's state in the decision round of 2027 (it runs)
    assert "in besluitvorming" in html


def test_zonder_jaar_linkt_de_pagina_naar_de_andere_themas_zonder_jaar(
    demo, client, django_assert_max_num_queries
):
    _, html = _toon(client, "/themas/vitale-regio/", django_assert_max_num_queries)
    assert 'href="/themas/circulaire-regio/"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/themas/bestaat-niet/",
        "/programma/2027/themas/bestaat-niet/",
        "/programma/1999/themas/vitale-regio/",
        "/programma/2028/themas/vitale-regio/",  # the concept, for the public
    ],
)
def test_onbekend_of_verborgen_is_404(demo, client, url):
    assert client.get(url).status_code == 404


def test_het_concept_voor_wie_het_mag_zien(demo, bestuur):
    response = bestuur.get("/programma/2028/themas/circulaire-regio/")
    assert response.status_code == 200
    assert "CONCEPT" in response.content.decode()


def test_het_aantal_queries_groeit_niet_met_de_gegevens(demo, client):
    """2026 and 2027 differ in opgaven, versions and decided raden; the count does not."""
    tellingen = set()
    for url in (
        "/programma/2026/themas/circulaire-regio/",
        "/programma/2027/themas/circulaire-regio/",
        "/programma/2027/themas/vitale-regio/",
        "/themas/groeiregio-in-balans/",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        tellingen.add(len(queries))
    assert len(tellingen) == 1, tellingen
