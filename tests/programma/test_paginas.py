"""The public read pages, through the real URLs, on the demo region."""

import pytest
from django.db.models import Sum
from django.utils.html import escape

from portaal.demo import inhoud
from programma.models import Bijdrage, Jaarprogramma, ProgrammaOpgave, ProgrammaVersie, Status
from regio.geld import format_bedrag
from regio.models import Gemeente


def _tekst(response) -> str:
    return response.content.decode()


def _bevat(html: str, tekst: str) -> bool:
    return escape(tekst) in html


def _huidige_versie(jaar):
    """The version a proposed year's public pages show: its latest frozen one (the demo's 2027
    has two, the proposal v1 and its correction v2)."""
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


def test_home_toont_het_huidige_programma_met_budgetten_en_totaal(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.status_code == 200
    html = _tekst(response)
    assert _bevat(html, inhoud.VISIE[2026]["titel"])
    assert _bevat(html, inhoud.VISIE[2026]["fundament"].split("\n\n")[0])
    for thema in inhoud.THEMAS:
        assert _bevat(html, thema["naam"])
    opgaven_2026 = [o for o in inhoud.OPGAVEN if 2026 in o["jaren"]]
    for o in opgaven_2026:
        assert _bevat(html, o["titel"])
        assert format_bedrag(o["jaren"][2026]["budget"]) in html
    totaal = sum(o["jaren"][2026]["budget"] for o in opgaven_2026)
    assert format_bedrag(totaal) in html
    assert "CONCEPT" not in html


def test_programma_pagina_per_jaar_en_per_versie(demo, client, django_assert_max_num_queries):
    # the decision round of issue 18 takes two queries, whatever the number of raden and votes
    with django_assert_max_num_queries(12):
        response = client.get("/programma/2027/")
    assert response.status_code == 200
    html = _tekst(response)
    assert _bevat(html, inhoud.VISIE[2027]["titel"])
    assert "voorgesteld" in html
    assert client.get("/programma/2027/v1/").status_code == 200
    assert client.get("/programma/2027/v9/").status_code == 404
    assert client.get("/programma/1999/").status_code == 404


def test_bijdragen_op_de_programmapagina_tellen_op(demo, client):
    html = _tekst(client.get("/programma/2027/"))
    versie = _huidige_versie(2027)
    assert versie.nummer == 2
    for gemeente in Gemeente.objects.all():
        totaal = Bijdrage.objects.filter(
            gemeente=gemeente, programma_opgave__versie=versie
        ).aggregate(s=Sum("bedrag"))["s"]
        assert format_bedrag(totaal) in html


@pytest.mark.parametrize("url", ["/programma/2028/", "/programma/2028/v1/"])
def test_een_concept_is_nooit_zichtbaar_voor_anonieme_bezoekers(demo, client, url):
    assert Jaarprogramma.objects.get(jaar=2028).status == Status.CONCEPT
    assert client.get(url).status_code == 404
    assert "2028" not in _tekst(client.get("/")).split("Programmajaren")[1].split("</nav>")[0]


def test_concept_opgave_is_geheim_voor_wie_niet_mag_opstellen(demo, client, login):
    nieuw = [o for o in inhoud.OPGAVEN if set(o["jaren"]) == {2028}]
    assert nieuw, "the demo has an opgave that only exists in the 2028 concept"
    url = f"/opgaven/{nieuw[0]['slug']}/"
    assert client.get(url).status_code == 404
    login("griffier-arnhem")
    assert client.get(url).status_code == 404
    login("regiobestuur")
    response = client.get(url)
    assert response.status_code == 200
    assert "CONCEPT" in _tekst(response)


@pytest.mark.parametrize(
    "username, zichtbaar",
    [
        ("regiobestuur", True),
        ("programmabureau", True),
        ("portefeuillehouder", True),
        ("griffier-arnhem", False),
        ("raadslid-nijmegen", False),
        ("beheer", False),
    ],
)
def test_wie_het_concept_ziet(demo, client, login, username, zichtbaar):
    login(username)
    response = client.get("/programma/2028/")
    assert response.status_code == (200 if zichtbaar else 404)
    if zichtbaar:
        assert "CONCEPT" in _tekst(response)
        assert "niet openbaar" in _tekst(response)


def test_opgave_pagina_toont_elk_veld(demo, client, django_assert_max_num_queries):
    po = ProgrammaOpgave.objects.select_related("portefeuillehouder").get(
        opgave__slug="energietransitie", versie=_huidige_versie(2027)
    )
    with django_assert_max_num_queries(12):
        response = client.get("/opgaven/energietransitie/")
    assert response.status_code == 200
    html = _tekst(response)
    for tekst in (po.doel, po.resultaat, po.mandaat, po.sturing, po.capaciteit_toelichting):
        for alinea in tekst.split("\n\n"):
            assert escape(alinea.strip()) in html
    assert format_bedrag(po.budget) in html
    assert _bevat(html, po.portefeuillehouder.naam)
    for lid in po.stuurgroep.select_related("partner", "bestuurder"):
        assert escape(str(lid.partner.naam if lid.partner else lid.bestuurder.naam)) in html
    for regeling in po.externe_regelingen.all():
        assert escape(regeling.naam) in html
        assert format_bedrag(regeling.verwachte_cofinanciering) in html
    # synergieën from both sides, linked
    for s in inhoud.SYNERGIEEN:
        if "energietransitie" in (s["van"], s["naar"]):
            andere = s["naar"] if s["van"] == "energietransitie" else s["van"]
            if ProgrammaOpgave.objects.filter(opgave__slug=andere, versie=po.versie).exists():
                # linked to the same year's content of the other opgave
                assert f'href="/opgaven/{andere}/{po.versie.jaar}/"' in html
    # and every year it was in, at that year's current version (2027: the correction v2)
    assert 'href="/programma/2026/v1/"' in html
    assert f'href="/programma/2027/v{po.versie.nummer}/"' in html and po.versie.nummer == 2
    assert client.get("/opgaven/bestaat-niet/").status_code == 404


def test_gemeenten_overzicht(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/gemeenten/")
    html = _tekst(response)
    assert response.status_code == 200
    for gemeente in Gemeente.objects.all():
        assert _bevat(html, gemeente.naam) and gemeente.cbs_code in html
    assert "167.651" in html  # Arnhem
    assert "Mook en Middelaar" in html and "Limburg" in html


def test_gemeente_pagina_toont_bijdragen_per_programma(demo, client, django_assert_max_num_queries):
    # 6 before issue 18; + the proposed versions it takes part in (its raadsvoorstellen) + the
    # publication stand (the page cache's key and ETag)
    with django_assert_max_num_queries(8):
        response = client.get("/gemeenten/berg-en-dal/")
    assert response.status_code == 200
    html = _tekst(response)
    assert "GM1945" in html
    for jaar in (2026, 2027):
        bijdragen = Bijdrage.objects.filter(
            gemeente__slug="berg-en-dal", programma_opgave__versie=_huidige_versie(jaar)
        )
        for b in bijdragen.select_related("programma_opgave__opgave"):
            assert format_bedrag(b.bedrag) in html
        assert format_bedrag(bijdragen.aggregate(s=Sum("bedrag"))["s"]) in html
    assert not _bevat(html, inhoud.VISIE[2028]["titel"])  # the concept stays out
    assert client.get("/gemeenten/atlantis/").status_code == 404


def test_healthz(demo, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_inloggen_en_uitloggen(demo, client):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "regiobestuur", "password": "demo"})
    assert response.status_code == 302
    assert "Uitloggen" in _tekst(client.get("/"))
    assert client.get("/accounts/logout/").status_code == 405  # logout only by POST
    client.post("/accounts/logout/")
    assert "Inloggen" in _tekst(client.get("/"))
    fout = client.post("/accounts/login/", {"username": "regiobestuur", "password": "fout"})
    assert fout.status_code == 200
    assert "regiobestuur" in _tekst(fout)  # what was typed is kept


def test_onbekende_url_geeft_404(demo, client):
    assert client.get("/bestaat/niet/").status_code == 404


def test_gemeentepagina_groeit_niet_in_queries_met_meer_jaren(
    demo, client, django_assert_num_queries
):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programma import services

    with CaptureQueriesContext(connection) as voor:
        client.get("/gemeenten/berg-en-dal/")
    bestuur = get_user_model().objects.get(username="regiobestuur")
    nieuw = services.maak_jaarprogramma(
        jaar=2029, titel="P 2029", overnemen=True, acting_user=bestuur
    )
    services.stel_programma_voor(versie=nieuw, acting_user=bestuur)
    with CaptureQueriesContext(connection) as na:
        html = client.get("/gemeenten/berg-en-dal/").content.decode()
    assert "P 2029" in html
    assert len(na.captured_queries) == len(voor.captured_queries)
