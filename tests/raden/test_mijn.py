"""Mijn overzicht: per role what to do, each task one click away, with the figures of the one
coverage matrix; the header link on every page; landing there after login."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from programma.models import ProgrammaVersie
from raden import services
from raden.cijfers import dekking_van
from raden.models import Keuze, Raadslid, Vraag
from raden.views.mijn import ronde_versie
from regio import urls as regio_urls
from regio.models import Gemeente
from regio.templatetags.regio import euro
from tests.reconciliatie.oppervlak import HtmlPagina

pytestmark = pytest.mark.django_db

# The griffier's and raadslid's voting pages (`besluiten`, `stemming`) come from another part of
# the round; this urlconf stands in for them, so the links Mijn renders once they exist are
# tested here too (without them Mijn shows the task as text).
urlpatterns = [
    *regio_urls.urlpatterns,
    path("t/<slug:slug>/<int:jaar>/besluiten/", lambda r, **kw: None, name="besluiten"),
    path("t/<slug:slug>/stemmingen/<int:pk>/", lambda r, **kw: None, name="stemming"),
]
User = get_user_model()

# A griffier's or raadslid's page: a fixed number of queries whatever the size of the region
# (measured: see test_querytelling_groeit_niet).
MAX_QUERIES = 20


def _euro(bedrag: int) -> str:
    """As the page reader sees it (whitespace collapsed)."""
    return " ".join(euro(bedrag).split())


def _user(naam: str):
    return User.objects.get(username=naam)


def _versie() -> ProgrammaVersie:
    versie = ronde_versie()
    assert versie.jaar == 2027
    return versie


def _open_in_nijmegen(aantal: int = 2):
    """The griffier of Nijmegen opens votes on the first opgaven of the version in the round.
    (The demo has a window open in Arnhem on every opgave of 2027; Nijmegen, 39 seats too, has
    nothing on 2027 yet.)"""
    versie = _versie()
    opgaven = list(versie.opgaven.order_by("rangorde")[:aantal])
    return services.open_stemmingen(
        gemeente=Gemeente.objects.get(slug="nijmegen"),
        versie=versie,
        vergaderdatum=timezone.localdate(),
        acting_user=_user("griffier-nijmegen"),
        opgaven=opgaven,
    )


def test_anoniem_naar_inloggen(client, demo):
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/mijn/")


def test_griffier_ziet_zijn_gemeente_met_de_cijfers_van_de_matrix(
    client, demo, login, django_assert_max_num_queries
):
    login("griffier-nijmegen")
    versie = _versie()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/mijn/")
    html = response.content.decode()
    assert "Mijn gemeente: Nijmegen" in html
    assert 'href="/gemeenten/nijmegen/raad/"' in html
    assert "Open een stemming" in html
    # every bijdrage and the total is this gemeente's column of raden.cijfers
    matrix = dekking_van(versie)
    i = next(i for i, k in enumerate(matrix.kolommen) if k.deelnemer.gemeente.slug == "nijmegen")
    cellen = HtmlPagina.van(response).cellen()
    tabel = "mijn-gemeente:nijmegen"
    for rij in matrix.rijen:
        slug = rij.programma_opgave.opgave.slug
        assert cellen[(tabel, f"opgave:{slug}", "bijdrage")] == _euro(rij.cellen[i].bijdrage)
        assert cellen[(tabel, f"opgave:{slug}", "stand")] == "nog geen stemming"
    totaal = sum(r.cellen[i].bijdrage for r in matrix.rijen)
    assert cellen[(tabel, "totaal", "bijdrage")] == _euro(totaal)
    assert cellen[(tabel, "toegezegd", "bijdrage")] == _euro(matrix.kolommen[i].toegezegd)
    assert HtmlPagina.van(response).ongemarkeerd() == []
    assert "Mijn gemeente: Arnhem" not in html


def test_griffier_volgende_stap_per_stemming(client, demo, login):
    eerste, tweede = _open_in_nijmegen()
    services.sluit_stemming(stemming=tweede, acting_user=_user("griffier-nijmegen"))
    login("griffier-nijmegen")
    html = client.get("/mijn/").content.decode()
    cellen = HtmlPagina(html).cellen()
    tabel = "mijn-gemeente:nijmegen"
    slug1 = eerste.programma_opgave.opgave.slug
    slug2 = tweede.programma_opgave.opgave.slug
    assert cellen[(tabel, f"opgave:{slug1}", "stand")] == "stemming open"
    assert cellen[(tabel, f"opgave:{slug2}", "stand")] == "gestemd, wacht op bevestiging"
    assert (
        f"Stemmen vastleggen en de stemming sluiten: {eerste.programma_opgave.opgave.titel}" in html
    )
    assert f"De uitslag bevestigen: {tweede.programma_opgave.opgave.titel}" in html
    # the other opgaven still wait for a vote to be opened
    aantal = _versie().opgaven.count() - 2
    assert f"over {aantal} opgaven heeft de raad nog niet besloten" in html


@pytest.mark.urls("tests.raden.test_mijn")
def test_links_naar_de_stempaginas(client, demo, login):
    eerste, tweede = _open_in_nijmegen()
    services.sluit_stemming(stemming=tweede, acting_user=_user("griffier-nijmegen"))
    login("griffier-nijmegen")
    html = client.get("/mijn/").content.decode()
    assert 'href="/t/nijmegen/2027/besluiten/"' in html
    assert f'href="/t/nijmegen/stemmingen/{eerste.pk}/"' in html
    assert f'href="/t/nijmegen/stemmingen/{tweede.pk}/"' in html
    login("raadslid-nijmegen")
    html = client.get("/mijn/").content.decode()
    assert f'href="/t/nijmegen/stemmingen/{eerste.pk}/">Stem over' in html
    assert "/besluiten/" not in html


def test_raadslid_stemt_en_ziet_zijn_stem(client, demo, login):
    (stemming,) = _open_in_nijmegen(1)
    raadslid = Raadslid.objects.get(user__username="raadslid-nijmegen")
    titel = stemming.programma_opgave.opgave.titel
    login("raadslid-nijmegen")
    html = client.get("/mijn/").content.decode()
    assert f"Stem over {titel}" in html
    assert "u stemde" not in html
    services.stem(stemming=stemming, raadslid=raadslid, keuze=Keuze.VOOR, acting_user=raadslid.user)
    html = client.get("/mijn/").content.decode()
    assert "u stemde voor" in html
    # asking a question is one click from here
    assert f'href="/opgaven/{stemming.programma_opgave.opgave.slug}/2027/vragen/nieuw/"' in html
    # a raadslid does not manage the raad
    assert "/gemeenten/nijmegen/raad/" not in html


def test_open_vragen_van_de_eigen_raadsleden(client, demo, login):
    po = _versie().opgaven.order_by("rangorde").first()
    services.stel_vraag(
        programma_opgave=po, tekst="Hoeveel MW zon op dak?", acting_user=_user("raadslid-arnhem")
    )
    login("griffier-arnhem")
    html = client.get("/mijn/").content.decode()
    assert "Hoeveel MW zon op dak?" in html
    login("griffier-nijmegen")
    assert "Hoeveel MW zon op dak?" not in client.get("/mijn/").content.decode()
    login("programmabureau")
    html = client.get("/mijn/").content.decode()
    open_ = Vraag.objects.filter(beantwoord_op__isnull=True).count()
    assert f"{open_} open vra" in html
    assert 'href="/vragen/"' in html


def test_querytelling_groeit_niet(client, demo, login):
    """A griffier of one gemeente and of three, with votes and questions: the same count."""
    griffier = login("griffier-nijmegen")

    def tel() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/mijn/").status_code == 200
        return len(ctx.captured_queries)

    een = tel()
    beheer = _user("beheer")
    for slug in ("arnhem", "rheden"):
        services.benoem_griffier(
            gemeente=Gemeente.objects.get(slug=slug), user=griffier, acting_user=beheer
        )
    _open_in_nijmegen(3)
    po = _versie().opgaven.order_by("rangorde").first()
    for naam in ("raadslid-arnhem", "raadslid-nijmegen"):
        services.stel_vraag(programma_opgave=po, tekst="Een vraag.", acting_user=_user(naam))
    drie = tel()
    html = client.get("/mijn/").content.decode()
    assert "Mijn gemeente: Arnhem" in html and "Mijn gemeente: Rheden" in html
    print(f"\n/mijn/ griffier: {een} queries voor 1 gemeente, {drie} voor 3")
    assert drie == een
    assert een <= MAX_QUERIES


NIEUW, VRAGEN, RONDE = 'href="/programma/nieuw/"', 'href="/vragen/"', "Besluitronde 2027"
PER_ROL = {
    "regiobestuur": [NIEUW, RONDE, 'href="/programma/2027/dekking/"', VRAGEN],
    "programmabureau": [NIEUW, RONDE, VRAGEN, 'href="/programma/2028/bewerken/"'],
    "portefeuillehouder": [
        "Mijn opgaven als regionaal portefeuillehouder",
        "/bewerken/opgaven/energietransitie/",
    ],
    "beheer": ['href="/admin/"'],
}


@pytest.mark.parametrize("naam,verwacht", PER_ROL.items())
def test_per_rol_een_klik(client, demo, login, naam, verwacht, django_assert_max_num_queries):
    login(naam)
    with django_assert_max_num_queries(MAX_QUERIES):
        html = client.get("/mijn/").content.decode()
    for tekst in verwacht:
        assert tekst in html, tekst
    assert "Mijn gemeente" not in html


def test_ronde_sluiten_alleen_voor_het_regiobestuur(client, demo, login):
    login("regiobestuur")
    assert "besluiten van gemeenten ontbreken" in client.get("/mijn/").content.decode()
    login("programmabureau")
    assert "besluiten van gemeenten ontbreken" not in client.get("/mijn/").content.decode()


def test_nieuw_jaarprogramma_ook_zonder_concept(client, demo, login):
    ProgrammaVersie.objects.concepten().delete()
    login("regiobestuur")
    html = client.get("/mijn/").content.decode()
    assert "Er is geen concept in voorbereiding." in html
    assert 'href="/programma/nieuw/"' in html


def test_gemeente_die_niet_deelneemt(client, demo, login):
    """A griffier of a gemeente outside the programme of the round is told so, no table."""
    griffier = login("griffier-arnhem")
    buiten = Gemeente.objects.exclude(pk__in=_versie().deelnemers.values("gemeente_id")).first()
    if buiten is None:
        from tests.factories import GemeenteFactory

        buiten = GemeenteFactory(naam="Buitenveld", slug="buitenveld", cbs_code="GM9901")
    services.benoem_griffier(gemeente=buiten, user=griffier, acting_user=_user("beheer"))
    html = client.get("/mijn/").content.decode()
    assert f"{buiten.naam} neemt niet deel aan het jaarprogramma 2027." in html
    assert f'data-tabel="mijn-gemeente:{buiten.slug}"' not in html


# --- the header and the landing after login ---------------------------------------------


@pytest.mark.parametrize("url", ["/", "/gemeenten/", "/programma/2027/", "/mijn/"])
def test_mijn_in_de_kop_op_elke_pagina(client, demo, login, url):
    login("raadslid-arnhem")
    html = client.get(url).content.decode()
    kop = html[html.index('<header class="kop">') : html.index("</header>")]
    assert '<a href="/mijn/"' in kop
    assert "Uitloggen" in kop


def test_geen_mijn_voor_anoniem(client, demo):
    html = client.get("/").content.decode()
    kop = html[html.index('<header class="kop">') : html.index("</header>")]
    assert 'href="/mijn/"' not in kop
    assert "Inloggen" in kop


def test_inloggen_landt_op_mijn(client, demo):
    response = client.post(
        "/accounts/login/", {"username": "griffier-arnhem", "password": "demo"}, follow=True
    )
    assert response.redirect_chain[-1] == ("/mijn/", 302)
    assert "Mijn gemeente: Arnhem" in response.content.decode()


def test_inloggen_next_gaat_voor(client, demo):
    response = client.post(
        "/accounts/login/?next=/gemeenten/",
        {"username": "raadslid-arnhem", "password": "demo", "next": "/gemeenten/"},
        follow=True,
    )
    assert response.redirect_chain[-1] == ("/gemeenten/", 302)
