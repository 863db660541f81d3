"""Every figure on every public and drafting page of the demo region, recomputed from the raw
rows and compared cell by cell (tests/reconciliatie/oppervlak.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from tests.reconciliatie.oppervlak import HtmlPagina, klopt
from tests.reconciliatie.verwacht import Rijen, Ronde
from tests.reconciliatie.verwacht_paginas import programma_pagina

# The most queries any of these pages may take (a concept adds its computed bijdragen; the
# opgave and gemeente pages read the confirmed votes with their Stem rows, and the answered
# questions, since issue 15).
MAX_QUERIES = 15


@pytest.fixture
def rijen(demo) -> Rijen:
    return Rijen.lees()


@pytest.fixture
def ronde(demo) -> Ronde:
    return Ronde.lees()


@pytest.fixture
def bestuur_client(demo) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username="regiobestuur"))
    return c


def _versie(rijen: Rijen, jaar: int, nummer: int) -> int:
    return next(
        vid for vid, v in rijen.versies.items() if rijen.jaar(vid) == jaar and v["nummer"] == nummer
    )


def _toon(client, url, django_assert_max_num_queries, maximum=MAX_QUERIES) -> HtmlPagina:
    with django_assert_max_num_queries(maximum):
        response = client.get(url)
    return HtmlPagina.van(response, url)


def test_de_demo_heeft_wat_de_suite_nodig_heeft(rijen):
    jaren = {rijen.jaar(vid): rijen.bevroren(vid) for vid in rijen.versies}
    assert jaren == {2026: True, 2027: True, 2028: False}
    assert rijen.regelingen and rijen.synergieen and rijen.bijdragen


def test_home(rijen, ronde, client, django_assert_max_num_queries):
    versie = rijen.home_versie(timezone.localdate())
    pagina = _toon(client, "/", django_assert_max_num_queries)
    klopt(pagina, programma_pagina(rijen, ronde, versie, home=True))


@pytest.mark.parametrize("jaar", [2026, 2027])
def test_programma_per_jaar_en_versie(jaar, rijen, ronde, client, django_assert_max_num_queries):
    versie = rijen.huidige_versies(concepten=False)[jaar]
    klopt(
        _toon(client, f"/programma/{jaar}/", django_assert_max_num_queries),
        programma_pagina(rijen, ronde, versie),
    )
    for vid, v in rijen.versies.items():
        if rijen.jaar(vid) == jaar and rijen.bevroren(vid):
            pagina = _toon(
                client, f"/programma/{jaar}/v{v['nummer']}/", django_assert_max_num_queries
            )
            klopt(pagina, programma_pagina(rijen, ronde, vid))


def test_concept_2028_als_regiobestuur(rijen, ronde, bestuur_client, django_assert_max_num_queries):
    versie = _versie(rijen, 2028, 1)
    for url in ("/programma/2028/", "/programma/2028/v1/"):
        pagina = _toon(bestuur_client, url, django_assert_max_num_queries)
        klopt(pagina, programma_pagina(rijen, ronde, versie))


@pytest.mark.parametrize("jaar", [2026, 2027, 2028])
def test_begroting_en_synergie(jaar, rijen, client, bestuur_client, django_assert_max_num_queries):
    bezoeker = client if jaar < 2028 else bestuur_client
    versie = rijen.huidige_versies(concepten=True)[jaar]
    pagina = _toon(bezoeker, f"/programma/{jaar}/begroting/", django_assert_max_num_queries)
    klopt(pagina, rijen.begroting(versie))
    pagina = _toon(bezoeker, f"/programma/{jaar}/synergie/", django_assert_max_num_queries)
    klopt(pagina, rijen.synergie(versie))


def test_opgave_paginas_per_jaar(
    rijen, ronde, client, bestuur_client, django_assert_max_num_queries
):
    gezien = 0
    met_stemmen = 0
    for concepten, bezoeker in ((False, client), (True, bestuur_client)):
        for slug in sorted(o["slug"] for o in rijen.opgaven.values()):
            jaren = [
                jaar
                for jaar, vid in rijen.huidige_versies(concepten=concepten).items()
                if any(rijen.slug(po) == slug for po in rijen.pos_van(vid))
            ]
            if not jaren:
                assert client.get(f"/opgaven/{slug}/").status_code == 404
                continue
            pagina = _toon(bezoeker, f"/opgaven/{slug}/", django_assert_max_num_queries)
            getoond = rijen.opgave_jaar(slug, concepten=concepten)
            klopt(
                pagina,
                rijen.opgave(slug, None, concepten=concepten) | ronde.stemmen_opgave(slug, getoond),
            )
            for jaar in jaren:
                url = f"/opgaven/{slug}/{jaar}/"
                pagina = _toon(bezoeker, url, django_assert_max_num_queries)
                stemmen = ronde.stemmen_opgave(slug, jaar)
                klopt(pagina, rijen.opgave(slug, jaar, concepten=concepten) | stemmen)
                gezien += 1
                met_stemmen += bool(stemmen)
    assert gezien > 30
    assert met_stemmen >= 2 * 12  # every opgave of 2026 (decided by all 18 raden), both views


def test_gemeenten(rijen, client, django_assert_max_num_queries):
    klopt(_toon(client, "/gemeenten/", django_assert_max_num_queries), rijen.gemeenten_lijst())


def test_gemeente_paginas(rijen, ronde, client, bestuur_client, django_assert_max_num_queries):
    for g in sorted(rijen.gemeenten.values(), key=lambda g: g["slug"]):
        pagina = _toon(client, f"/gemeenten/{g['slug']}/", django_assert_max_num_queries)
        stemmen = ronde.stemmen_gemeente(g["slug"])
        assert stemmen  # every raad decided 2026
        klopt(pagina, rijen.gemeente(g["slug"], concepten=False) | stemmen)
    for slug in ("arnhem", "mook-en-middelaar"):
        pagina = _toon(bestuur_client, f"/gemeenten/{slug}/", django_assert_max_num_queries)
        klopt(pagina, rijen.gemeente(slug, concepten=True) | ronde.stemmen_gemeente(slug))


def test_opstellen_2028(rijen, bestuur_client, django_assert_max_num_queries):
    versie = _versie(rijen, 2028, 1)
    for sorteer in ("thema", "budget", "synergie", "rangorde"):
        url = f"/programma/2028/bewerken/?sorteer={sorteer}"
        klopt(_toon(bestuur_client, url, django_assert_max_num_queries), rijen.overzicht(versie))
    url = "/programma/2028/bewerken/verdeelsleutel/"
    klopt(_toon(bestuur_client, url, django_assert_max_num_queries), rijen.verdeling(versie))
    url = "/programma/2028/bewerken/voorstellen/"
    klopt(_toon(bestuur_client, url, django_assert_max_num_queries), rijen.voorstellen(versie))


def test_opgaven_bewerken_2028(rijen, bestuur_client, django_assert_max_num_queries):
    versie = _versie(rijen, 2028, 1)
    slugs = sorted(rijen.slug(po) for po in rijen.pos_van(versie))
    assert any(rijen.opgave_bewerken(versie, slug) for slug in slugs)
    for slug in slugs:
        url = f"/programma/2028/bewerken/opgaven/{slug}/"
        # the edit page's own bound (tests/programma/test_opstellen.py): forms and choices
        pagina = _toon(bestuur_client, url, django_assert_max_num_queries, maximum=22)
        klopt(pagina, rijen.opgave_bewerken(versie, slug))
