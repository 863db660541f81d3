"""The public page cache and conditional GET (issue 18, point 7): whole pages for anonymous
visitors, kept until what they show changes and invalidated exactly then; ETag and Last-Modified
with 304; one query for a hit or a 304, whatever the size of the page."""

from __future__ import annotations

import pytest
from django.utils.http import http_date

from programma import services as programma_services
from programma.models import ProgrammaVersie
from raden import services as raden_services
from raden.models import Keuze, Vraag
from regio import publicatie
from regio.models import Gemeente, OpenbareWijziging
from regio.paginacache import HEADER
from tests.factories import inhoud_van
from tests.raden.test_dekking import (
    besluit,
    gebruiker,
    huidige_versie,
    open_stemming,
    zonder_besluiten,
)

PAGINAS = [
    "/",
    "/programma/2027/",
    "/programma/2027/v1/",
    "/opgaven/energietransitie/",
    "/opgaven/energietransitie/2026/",
    "/gemeenten/",
    "/gemeenten/arnhem/",
    "/programma/2027/begroting/",
]


@pytest.mark.parametrize("url", PAGINAS)
def test_een_tweede_bezoek_komt_uit_de_cache_in_een_query(
    demo_vastgelegd, client, django_assert_num_queries, url
):
    eerste = client.get(url)
    assert eerste.status_code == 200
    assert eerste[HEADER] == "miss"
    with django_assert_num_queries(1):  # the publication stand; nothing else
        tweede = client.get(url)
    assert tweede[HEADER] == "hit"
    assert tweede.content == eerste.content
    assert tweede["ETag"] == eerste["ETag"]
    assert tweede["Content-Language"] == "nl"


@pytest.mark.parametrize("url", PAGINAS)
def test_een_voorwaardelijk_verzoek_krijgt_304(demo, client, django_assert_num_queries, url):
    eerste = client.get(url)
    stand = publicatie.stand()
    assert eerste["Last-Modified"] == http_date(stand.moment.timestamp())
    assert "Accept-Language" in eerste["Vary"] and "Cookie" in eerste["Vary"]
    with django_assert_num_queries(1):
        niet_gewijzigd = client.get(url, HTTP_IF_NONE_MATCH=eerste["ETag"])
    assert niet_gewijzigd.status_code == 304
    assert niet_gewijzigd.content == b""
    assert niet_gewijzigd["ETag"] == eerste["ETag"]
    # an old ETag gets the whole page
    assert client.get(url, HTTP_IF_NONE_MATCH='"oud"').status_code == 200
    # a date alone is no validator: whole seconds, and the moment a change was written rather
    # than committed, can miss a change (review finding); the ETag cannot
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=eerste["Last-Modified"]).status_code == 200


def test_elke_pagina_en_taal_een_eigen_etag(demo, client):
    etags = {client.get(url)["ETag"] for url in PAGINAS}
    assert len(etags) == len(PAGINAS)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["ETag"] not in etags
    # so an ETag of one page is no 304 for another, nor for an address that does not exist
    etag = client.get("/opgaven/energietransitie/")["ETag"]
    assert client.get("/opgaven/bestaat-niet/", HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_een_nieuwe_dag_is_een_nieuwe_stand(demo, client, monkeypatch):
    """The home page shows the programme of the current year: it changes at midnight without a
    publication, so the day is part of the key and the ETag (review finding)."""
    import datetime

    from django.utils import timezone

    etag = client.get("/")["ETag"]
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: morgen)
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_een_verzonnen_parameter_vult_de_cache_niet(demo_vastgelegd, client):
    """Each page is kept under the parameters it reads; any other parameter gets a fresh,
    unkept page, so made-up addresses cannot fill the cache (review finding)."""
    from django.core.cache import caches

    for i in range(5):
        response = _bezoek(client, f"/?x={i}")
        assert HEADER not in response and "ETag" not in response
    assert _bezoek(client, "/zoeken/?q=energie&pagina=1")[HEADER] == "miss"
    # the same search with its parameters in another order is the same page
    assert _bezoek(client, "/zoeken/?pagina=1&q=energie")[HEADER] == "hit"
    assert len(caches["default"]._cache) == 1


def _bezoek(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_een_besluit_maakt_de_paginas_ongeldig_en_stemmen_niet(demo_vastgelegd, client):
    """Votes being cast change no public page: the cache stays warm while a raad votes. The
    confirmation (a Besluit) is seen on the next request."""
    versie = huidige_versie()
    po = zonder_besluiten(versie, "nijmegen")[0]
    url = f"/opgaven/{po.opgave.slug}/2027/"
    voor = _bezoek(client, url)
    stemming = open_stemming("nijmegen", po)  # the coverage matrix shows an open vote
    open_gezien = _bezoek(client, url)
    assert open_gezien[HEADER] == "miss" and open_gezien["ETag"] != voor["ETag"]
    stand = publicatie.stand()
    griffier = gebruiker("griffier-nijmegen")
    for fractie in stemming.gemeente.fracties.all():
        raden_services.stem_fractie(
            stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier
        )
    assert publicatie.stand() == stand, "votes of an open stemming are not public"
    assert _bezoek(client, url)[HEADER] == "hit"
    besluit("nijmegen", po, stemming=stemming)
    na = _bezoek(client, url)
    assert na[HEADER] == "miss"
    assert na["ETag"] != open_gezien["ETag"]
    assert na.content != open_gezien.content


def test_een_antwoord_maakt_de_opgavepagina_ongeldig(demo_vastgelegd, client):
    vraag = Vraag.objects.filter(beantwoord_op__isnull=True).select_related("programma_opgave")
    vraag = vraag.first()
    if vraag is None:
        po = huidige_versie().opgaven.get(opgave__slug="energietransitie")
        vraag = raden_services.stel_vraag(
            programma_opgave=po,
            tekst="Hoeveel laadpalen?",
            acting_user=gebruiker("raadslid-arnhem"),
        )
    po = vraag.programma_opgave
    url = f"/opgaven/{po.opgave.slug}/{po.versie.jaar}/"
    _bezoek(client, url)
    antwoord = "Tweehonderdvijftig laadpalen in de hele regio."
    assert antwoord not in _bezoek(client, url).content.decode()
    raden_services.beantwoord_vraag(
        vraag=vraag, antwoord=antwoord, acting_user=gebruiker("programmabureau")
    )
    na = _bezoek(client, url)
    assert na[HEADER] == "miss"
    assert antwoord in na.content.decode()


def test_een_concept_bewerken_raakt_geen_openbare_pagina(demo_vastgelegd, client):
    _bezoek(client, "/")
    stand = publicatie.stand()
    concept = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028, bevroren_op__isnull=True)
    po = concept.opgaven.get(opgave__slug="energietransitie")
    programma_services.werk_opgave_bij(
        programma_opgave=po,
        **inhoud_van(po, doel="Een nieuw doel dat nog niemand mag zien."),
        verwacht_wijzigingsnummer=None,
        acting_user=gebruiker("regiobestuur"),
    )
    assert publicatie.stand() == stand
    assert _bezoek(client, "/")[HEADER] == "hit"


def test_een_voorstel_maakt_alles_ongeldig(demo_vastgelegd, client):
    voor = _bezoek(client, "/programma/2027/")
    concept = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028, bevroren_op__isnull=True)
    assert client.get("/programma/2028/").status_code == 404
    programma_services.stel_programma_voor(versie=concept, acting_user=gebruiker("regiobestuur"))
    assert client.get("/programma/2028/").status_code == 200
    assert _bezoek(client, "/programma/2027/")["ETag"] != voor["ETag"]


def test_referentiegegevens_in_de_admin_maken_ongeldig(demo_vastgelegd, client):
    _bezoek(client, "/gemeenten/")
    gemeente = Gemeente.objects.get(slug="renkum")
    gemeente.naam = "Renkum aan de Rijn"
    gemeente.save()
    na = _bezoek(client, "/gemeenten/")
    assert na[HEADER] == "miss"
    assert "Renkum aan de Rijn" in na.content.decode()


def test_in_een_open_transactie_geen_cache_wel_een_etag(demo, client):
    """A request on a connection inside a transaction (as in a test with a rolled-back
    database) may see what is not committed: never kept, never served from the cache."""
    for _ in range(2):
        response = _bezoek(client, "/gemeenten/")
        assert HEADER not in response
        assert response["ETag"]
    assert client.get("/gemeenten/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_een_teruggedraaide_wijziging_laat_de_stand_staan(demo):
    from django.db import transaction

    stand = publicatie.stand()
    with pytest.raises(RuntimeError), transaction.atomic():
        publicatie.gewijzigd("proef")
        binnen = publicatie.stand()
        assert binnen.laatste > stand.laatste and binnen.sleutel != stand.sleutel
        raise RuntimeError
    assert publicatie.stand() == stand
    assert OpenbareWijziging.objects.order_by("-pk").first().pk == stand.laatste


def test_een_late_commit_onder_de_nieuwste_verandert_de_stand(demo):
    """PostgreSQL hands out ids before commit: a transaction that took id n and commits after
    one with id n+1 adds a row below the newest. The stand still moves: it reads the newest
    rows, not only the newest id."""
    vrij = OpenbareWijziging.objects.order_by("-pk").first().pk + 10
    OpenbareWijziging.objects.create(pk=vrij + 1, reden="later genomen, eerder vastgelegd")
    voor = publicatie.stand()
    OpenbareWijziging.objects.create(pk=vrij, reden="eerder genomen, later vastgelegd")
    na = publicatie.stand()
    assert na.laatste == voor.laatste == vrij + 1
    assert na.sleutel != voor.sleutel


def test_ingelogd_en_met_een_melding_nooit_uit_de_cache(demo_vastgelegd, client, login):
    _bezoek(client, "/")
    login("griffier-arnhem")
    response = _bezoek(client, "/")
    assert HEADER not in response and "ETag" not in response
    assert "Uitloggen" in response.content.decode()
    client.logout()
    client.cookies["messages"] = "iets"
    assert HEADER not in _bezoek(client, "/")


def test_htmx_fragmenten_en_posts_niet(demo, client):
    assert HEADER not in client.get("/programma/2027/dekking/", HTTP_HX_REQUEST="true")
    assert client.post("/").status_code == 405


def test_elke_taal_een_eigen_pagina_en_content_language(demo_vastgelegd, client):
    nl = _bezoek(client, "/gemeenten/")
    en = client.get("/gemeenten/", HTTP_ACCEPT_LANGUAGE="en")
    assert en["Content-Language"] == "en" and nl["Content-Language"] == "nl"
    assert en["ETag"] != nl["ETag"]
    assert en.content != nl.content
    assert '<html lang="en">' in en.content.decode()
    assert client.get("/gemeenten/", HTTP_ACCEPT_LANGUAGE="en")[HEADER] == "hit"


def test_de_taalkeuze_is_een_link_die_terugkeert(demo, client):
    response = client.get("/taal/en/?volgende=/gemeenten/arnhem/")
    assert response.status_code == 302
    assert response["Location"] == "/gemeenten/arnhem/"
    assert response.cookies["django_language"].value == "en"
    pagina = client.get("/gemeenten/arnhem/")
    assert pagina["Content-Language"] == "en"
    html = pagina.content.decode()
    assert '<html lang="en">' in html
    assert 'href="/taal/nl/?volgende=/gemeenten/arnhem/"' in html
    # back to Dutch
    client.get("/taal/nl/?volgende=/")
    assert client.get("/gemeenten/arnhem/")["Content-Language"] == "nl"


@pytest.mark.parametrize(
    "volgende", ["https://kwaadaardig.example/", "//kwaadaardig.example/", "javascript:alert(1)"]
)
def test_de_taalkeuze_stuurt_niet_naar_buiten(demo, client, volgende):
    response = client.get("/taal/en/", {"volgende": volgende})
    assert response.status_code == 302 and response["Location"] == "/"


def test_een_onbekende_taal_is_404(demo, client):
    assert client.get("/taal/fr/").status_code == 404


def test_het_net_kent_elk_domeinmodel():
    """Every model of the domain apps is either watched or named as never public: a new model
    cannot change a public page unseen."""
    from django.apps import apps
    from django.db.models.signals import post_save

    for app in publicatie.DOMEIN_APPS:
        for model in apps.get_app_config(app).get_models():
            label = f"{model._meta.app_label}.{model._meta.model_name}"
            if label in publicatie.NOOIT_OPENBAAR or model.__name__.startswith("Historical"):
                continue
            assert post_save.has_listeners(model), label


def test_head_krijgt_de_kop_van_get_zonder_inhoud(demo_vastgelegd, client):
    get = _bezoek(client, "/gemeenten/")
    for _ in range(2):  # from the cache, then again
        head = client.head("/gemeenten/")
        assert head.status_code == 200 and head.content == b""
        assert head["Content-Length"] == str(len(get.content))
        assert head["ETag"] == get["ETag"]
    assert client.get("/gemeenten/").content == get.content


def test_in_ontwikkeling_geen_cache(demo_vastgelegd, client, settings):
    """`make run` (DEBUG on): a template edit shows at once, no page is kept or validated."""
    settings.DEBUG = True
    for _ in range(2):
        response = _bezoek(client, "/gemeenten/")
        assert HEADER not in response and "ETag" not in response


@pytest.fixture
def eigen_verbinding(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the stand's own connection is for PostgreSQL")
    settings.STAND_EIGEN_VERBINDING = True
    yield
    publicatie.sluit_eigen_verbinding()  # or the test database cannot be dropped


def test_de_stand_over_een_eigen_verbinding(demo_vastgelegd, eigen_verbinding, settings):
    """Production reads the stand over a worker's own connection: the same stand as Django's
    connection sees, a commit moves it, and a broken connection is replaced."""
    from django.db import connection

    eigen = publicatie.stand()
    assert publicatie._lezer.verbinding is not None
    settings.STAND_EIGEN_VERBINDING = False
    assert publicatie.stand() == eigen
    settings.STAND_EIGEN_VERBINDING = True
    publicatie.gewijzigd("proef")  # autocommit: committed at once
    assert publicatie.stand() != eigen
    publicatie._lezer.verbinding.close()  # as after a restart of PostgreSQL
    assert publicatie.stand().laatste > eigen.laatste
    assert not publicatie._lezer.verbinding.closed
    # inside a transaction the request's own connection is read (it sees its own changes)
    from django.db import transaction

    with transaction.atomic():
        publicatie.gewijzigd("nog niet vastgelegd")
        binnen = publicatie.stand()
        assert binnen.laatste == max(
            OpenbareWijziging.objects.using(connection.alias).values_list("pk", flat=True)
        )


def test_elke_bewaarde_paginanaam_bestaat():
    """The cache names its pages by URL name: a renamed URL would silently stop being cached."""
    from django.urls import get_resolver

    from regio.paginacache import CACHEBAAR

    namen = {naam for naam in get_resolver().reverse_dict if isinstance(naam, str)}
    assert set(CACHEBAAR) <= namen, set(CACHEBAAR) - namen
