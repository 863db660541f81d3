"""The public coverage matrix /programma/<jaar>/dekking/ and closing the decision round: the
state of every cell, the figures from raden.cijfers, the live poll answered 304 while nothing
changed, and who may close the round."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programma import services as programma_services
from programma.models import Jaarprogramma, ProgrammaOpgave, ProgrammaVersie, Status
from raden import services
from raden.cijfers import dekking_van
from raden.models import Dekking, Fractie, Keuze, Partij, Reden, Stemming
from regio.exceptions import DomeinFout
from regio.models import Gemeente
from tests.factories import UserFactory
from tests.reconciliatie.oppervlak import HtmlPagina

URL = "/programma/2027/dekking/"
# The most queries the page may take, whatever the number of gemeenten or votes: 8 measured for
# 18 and for 3 gemeenten (the version, the stamp, six for the matrix); a logged-in visitor adds
# the session and the user.
MAX_QUERIES = 10


# --- helpers (also used by tests/raden/test_openbaar.py and tests/reconciliatie/) ---------


def gebruiker(naam: str):
    return get_user_model().objects.get(username=naam)


def huidige_versie(jaar: int = 2027) -> ProgrammaVersie:
    return ProgrammaVersie.objects.bevroren().filter(jaarprogramma__jaar=jaar).latest("nummer")


def opgaven(versie: ProgrammaVersie) -> list[ProgrammaOpgave]:
    return list(versie.opgaven.select_related("opgave").order_by("rangorde", "pk"))


def vergaderdatum(versie: ProgrammaVersie):
    return max(timezone.localdate(), timezone.localtime(versie.bevroren_op).date())


def open_stemming(slug: str, po: ProgrammaOpgave) -> Stemming:
    gemeente = Gemeente.objects.get(slug=slug)
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=po.versie,
        vergaderdatum=vergaderdatum(po.versie),
        acting_user=gebruiker(f"griffier-{slug}"),
        opgaven=[po],
    )
    return stemming


def stem_per_fractie(stemming: Stemming, keuze_van) -> None:
    """Every fractie votes `keuze_van(fractie)` (voor / tegen), recorded by the griffier."""
    griffier = gebruiker(f"griffier-{stemming.gemeente.slug}")
    for fractie in Fractie.objects.filter(gemeente_id=stemming.gemeente_id).order_by("pk"):
        services.stem_fractie(
            stemming=stemming, fractie=fractie, keuze=keuze_van(fractie), acting_user=griffier
        )


def stakend(stemming: Stemming) -> None:
    """A tie in an incomplete meeting: one or two members absent, the rest half voor, half
    tegen (each recorded by the griffier)."""
    griffier = gebruiker(f"griffier-{stemming.gemeente.slug}")
    leden = list(services.stemgerechtigden(stemming).order_by("pk"))
    afwezig = 1 if len(leden) % 2 else 2
    for i, lid in enumerate(leden):
        if i < afwezig:
            keuze, reden = Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG
        else:
            keuze, reden = (Keuze.VOOR if (i - afwezig) % 2 == 0 else Keuze.TEGEN), ""
        services.stem(
            stemming=stemming, raadslid=lid, keuze=keuze, reden=reden, acting_user=griffier
        )


def besluit(
    slug: str,
    po: ProgrammaOpgave,
    *,
    ja: bool = True,
    bevestig: bool = True,
    keuze_van=None,
    stemming: Stemming | None = None,
):
    """A whole vote of one raad on one opgave: opened (or `stemming`, a window already open),
    voted per fractie, closed, confirmed."""
    if stemming is None:
        stemming = open_stemming(slug, po)
    if keuze_van is None:

        def keuze_van(fractie):
            return Keuze.VOOR if ja else Keuze.TEGEN

    stem_per_fractie(stemming, keuze_van)
    griffier = gebruiker(f"griffier-{slug}")
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    if bevestig:
        services.bevestig_stemming(stemming=stemming, acting_user=griffier)
    return Stemming.objects.get(pk=stemming.pk)


def lopend(slug: str, po: ProgrammaOpgave) -> Stemming | None:
    """The window open now for this raad on this opgave, if any (the demo opened one for Arnhem
    on every opgave of 2027)."""
    return Stemming.objects.filter(
        gemeente__slug=slug,
        programma_opgave=po,
        gesloten_op__isnull=True,
        vervallen_reden="",
    ).first()


def gemengd(fractie) -> str:
    """A split council: the largest fractie against, the others in favour."""
    grootste = (
        Fractie.objects.filter(gemeente_id=fractie.gemeente_id).order_by("-zetels", "naam").first()
    )
    return Keuze.TEGEN if fractie.pk == grootste.pk else Keuze.VOOR


# The demo's round of 2027 is under way on version 2: Arnhem has a window open on every opgave,
# Mook en Middelaar, Doesburg, Westervoort and Heumen decided, Rozendaal decided on version 1
# only. These raden have nothing at all on version 2 (zonder_besluiten checks it).
VRIJ = ("nijmegen", "berg-en-dal", "beuningen", "renkum", "rheden", "wijchen", "duiven")


def zonder_besluiten(versie: ProgrammaVersie, *slugs: str) -> list[ProgrammaOpgave]:
    """The opgaven of the version on which none of these raden has a vote (open, closed or
    confirmed) yet."""
    assert slugs
    bezet = set(
        Stemming.objects.filter(versie=versie, gemeente__slug__in=slugs).values_list(
            "programma_opgave_id", flat=True
        )
    )
    return [po for po in opgaven(versie) if po.pk not in bezet]


def zetel_raden(gemeenten, bestuur) -> None:
    """Each gemeente (of the `kleine_regio` fixture) with a griffier `griffier-<slug>` and a full
    council of one fractie (art. 8 size for its inwoners), as tests/raden/test_ronde.py does."""
    partij = Partij.objects.create(naam="Testpartij")
    for gemeente in gemeenten:
        griffier = UserFactory(username=f"griffier-{gemeente.slug}")
        services.benoem_griffier(gemeente=gemeente, user=griffier, acting_user=bestuur)
        zetels = services.zetels_van(gemeente)
        (fractie,) = services.stel_fracties_vast(
            gemeente=gemeente, zetels={partij: zetels}, acting_user=griffier
        )
        for i in range(zetels):
            services.voeg_raadslid_toe(
                gemeente=gemeente,
                fractie=fractie,
                voornaam="Lid",
                achternaam=f"{gemeente.naam} {i}",
                begin=datetime.date(2022, 3, 30),
                acting_user=griffier,
            )


def cel(pagina: HtmlPagina, po: ProgrammaOpgave, slug: str) -> str:
    return pagina.cellen()[("dekking", f"opgave:{po.opgave.slug}", f"gemeente:{slug}")]


# --- the page -------------------------------------------------------------------------------


def test_elke_stand_in_woorden(demo, client, django_assert_max_num_queries):
    versie = huidige_versie()
    slugs = ("berg-en-dal", "nijmegen", "renkum", "rheden", "rozendaal", "wijchen")
    po, po2 = zonder_besluiten(versie, *slugs)[:2]
    voor = next(r.gedekt for r in dekking_van(versie).rijen if r.programma_opgave.pk == po.pk)
    besluit("berg-en-dal", po, ja=True)
    besluit("nijmegen", po, ja=False)
    open_stemming("renkum", po)
    besluit("rheden", po, bevestig=False)
    stemming = open_stemming("rozendaal", po)
    stakend(stemming)
    griffier = gebruiker("griffier-rozendaal")
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.uitkomst == "uitgesteld"
    services.bevestig_stemming(stemming=stemming, acting_user=griffier)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    pagina = HtmlPagina.van(response)
    assert "✓ ja" in cel(pagina, po, "berg-en-dal")
    assert "✗ nee" in cel(pagina, po, "nijmegen")
    assert "stemming open" in cel(pagina, po, "renkum")
    assert "stemming open" in cel(pagina, po, "arnhem")  # the demo's window
    assert "wacht op bevestiging" in cel(pagina, po, "rheden")
    assert "staken, volgende vergadering" in cel(pagina, po, "rozendaal")
    assert "nog niet" in cel(pagina, po, "wijchen")
    assert "nog niet" in cel(pagina, po2, "berg-en-dal")
    # the figures are those of the one source: Berg en Dal's yes adds its bijdrage
    matrix = dekking_van(versie)
    rij = next(r for r in matrix.rijen if r.programma_opgave.pk == po.pk)
    berg_en_dal = Gemeente.objects.get(slug="berg-en-dal")
    bijdrage = next(c.bijdrage for c in rij.cellen if c.gemeente_id == berg_en_dal.pk)
    assert bijdrage > 0
    assert rij.gedekt == voor + bijdrage
    assert rij.gedekt == sum(c.bijdrage for c in rij.cellen if c.stand == "ja")
    cellen = pagina.cellen()
    assert cellen[("dekking", f"opgave:{po.opgave.slug}", "gedekt")] == (
        f"€ {rij.gedekt:,}".replace(",", ".")
    )
    assert cellen[("dekking", "totaal", "gemeente:berg-en-dal")].startswith("€")
    tekst = response.content.decode()
    assert "Legenda" in tekst and "versie" in tekst
    # no inline script: the page polls with htmx attributes only
    assert 'hx-trigger="every 10s"' in tekst
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", tekst)
    assert re.search(r"script-src 'self'(;|$)", response["Content-Security-Policy"])


def test_opnieuw_besluiten_na_een_correctie(demo, client):
    versie = huidige_versie()
    po = zonder_besluiten(versie, "berg-en-dal")[0]
    besluit("berg-en-dal", po, ja=True)
    bestuur = gebruiker("regiobestuur")
    jaarprogramma = versie.jaarprogramma
    nieuw = programma_services.corrigeer_programma(
        jaarprogramma=jaarprogramma, reden="Rekenfout in de toelichting", acting_user=bestuur
    )
    programma_services.stel_programma_voor(versie=nieuw, acting_user=bestuur)
    response = client.get(URL)
    pagina = HtmlPagina.van(response)
    assert "opnieuw besluiten" in cel(pagina, po, "berg-en-dal")
    assert "eerder ja" in cel(pagina, po, "berg-en-dal")
    assert "nog niet" in cel(pagina, po, "nijmegen")
    tekst = response.content.decode()
    assert "moeten opnieuw besluiten over versie" in tekst
    assert f"versie {nieuw.nummer}" in tekst


def test_404_voor_onbekend_jaar_en_concept(demo, client, login):
    assert client.get("/programma/1999/dekking/").status_code == 404
    assert client.get("/programma/2028/dekking/").status_code == 404
    login("regiobestuur")
    assert client.get("/programma/2028/dekking/").status_code == 404


def test_htmx_krijgt_alleen_de_matrix(demo, client):
    response = client.get(URL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert tekst.lstrip().startswith('<div id="dekking-matrix"')
    assert "<html" not in tekst
    assert "HX-Request" in response["Vary"]
    assert "HX-Request" in client.get(URL)["Vary"]


# --- live: the conditional request ----------------------------------------------------------


def test_ongewijzigde_matrix_geeft_304_zonder_rekenen(demo, client, django_assert_max_num_queries):
    eerste = client.get(URL, HTTP_HX_REQUEST="true")
    etag = eerste["ETag"]
    with django_assert_max_num_queries(3):
        tweede = client.get(URL, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=etag)
    assert tweede.status_code == 304
    assert tweede.content == b""
    # the whole page has its own ETag: a cached partial never stands for the page
    assert client.get(URL)["ETag"] != etag

    po = zonder_besluiten(huidige_versie(), "nijmegen")[0]
    besluit("nijmegen", po)
    derde = client.get(URL, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=etag)
    assert derde.status_code == 200
    assert derde["ETag"] != etag


def test_etag_verandert_bij_openen_en_sluiten(demo, client):
    etag = client.get(URL)["ETag"]
    stemming = open_stemming("nijmegen", zonder_besluiten(huidige_versie(), "nijmegen")[0])
    tweede = client.get(URL)["ETag"]
    assert tweede != etag
    stem_per_fractie(stemming, lambda f: Keuze.VOOR)
    services.sluit_stemming(stemming=stemming, acting_user=gebruiker("griffier-nijmegen"))
    assert client.get(URL)["ETag"] != tweede


def test_aantal_queries_groeit_niet_met_gemeenten_of_besluiten(
    demo, client, concept, bestuur, django_assert_max_num_queries
):
    # 18 gemeenten (the demo's 2027), before and after decisions
    with CaptureQueriesContext(connection) as leeg:
        assert client.get(URL).status_code == 200
    versie = huidige_versie()
    vrij = zonder_besluiten(versie, "nijmegen", "berg-en-dal", "beuningen")
    for slug in ("nijmegen", "berg-en-dal", "beuningen"):
        besluit(slug, vrij[0], keuze_van=gemengd)
    besluit("nijmegen", vrij[1], ja=False)
    # and the demo's open window of Arnhem closed and confirmed
    besluit("arnhem", vrij[1], stemming=lopend("arnhem", vrij[1]))
    with CaptureQueriesContext(connection) as vol:
        assert client.get(URL).status_code == 200
    # 3 gemeenten: the small region's proposed programme 2040
    programma_services.stel_programma_voor(versie=concept, acting_user=bestuur)
    with CaptureQueriesContext(connection) as klein:
        assert client.get("/programma/2040/dekking/").status_code == 200
    assert len(leeg) == len(vol) == len(klein) <= MAX_QUERIES, (len(leeg), len(vol), len(klein))


# --- closing the round ----------------------------------------------------------------------


def test_sluiten_zonder_vinkje_geweigerd_als_besluiten_ontbreken(demo, client, login):
    login("regiobestuur")
    pagina = client.get(URL).content.decode()
    assert 'name="onvolledig"' in pagina and "ook al hebben niet alle gemeenten besloten" in pagina
    response = client.post("/programma/2027/besluitronde/sluiten/", {})
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "besluiten van gemeenten ontbreken" in tekst
    assert 'id="dekking-matrix"' in tekst  # the page, re-rendered with the message
    assert Jaarprogramma.objects.get(jaar=2027).status == Status.VOORGESTELD
    assert not Dekking.objects.filter(programma_opgave__versie__jaarprogramma__jaar=2027).exists()


def test_sluiten_stelt_gedekt_en_niet_gedekt_vast(
    concept, kleine_regio, bestuur, client, django_assert_max_num_queries
):
    # a round of its own: the small region's programme 2040, proposed, three raden seated
    versie = programma_services.stel_programma_voor(versie=concept, acting_user=bestuur)
    zetel_raden(kleine_regio, bestuur)
    url = "/programma/2040/dekking/"
    gedekt, half = opgaven(versie)
    for d in versie.deelnemers.select_related("gemeente"):
        besluit(d.gemeente.slug, gedekt, ja=True)
    besluit("aaa", half, ja=True)
    besluit("bbb", half, ja=False)
    open_stemming("ccc", half)  # lapses when the round closes

    client.force_login(bestuur)
    response = client.post("/programma/2040/besluitronde/sluiten/", {"onvolledig": "on"})
    assert response.status_code == 302 and response["Location"] == url
    assert Jaarprogramma.objects.get(jaar=2040).status == Status.VASTGESTELD
    dekkingen = {
        d.programma_opgave_id: d for d in Dekking.objects.filter(programma_opgave__versie=versie)
    }
    assert set(dekkingen) == {gedekt.pk, half.pk}
    assert dekkingen[gedekt.pk].gedekt is True
    assert dekkingen[gedekt.pk].gedekt_bedrag == gedekt.budget
    assert dekkingen[half.pk].gedekt is False
    assert 0 < dekkingen[half.pk].gedekt_bedrag < half.budget  # Aaa's bijdrage only
    assert Stemming.objects.get(gemeente__slug="ccc", programma_opgave=half).is_vervallen

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    pagina = HtmlPagina.van(response)
    cellen = pagina.cellen()
    assert cellen[("dekking", f"opgave:{gedekt.opgave.slug}", "uitkomst")] == "gedekt"
    assert cellen[("dekking", f"opgave:{half.opgave.slug}", "uitkomst")] == "niet gedekt"
    tekst = response.content.decode()
    assert 'name="onvolledig"' not in tekst  # no closing form any more
    assert 'hx-trigger="every 10s"' not in tekst  # nothing changes any more: no polling
    assert "besluitronde 2040 is gesloten" in tekst

    # a second close is refused and shown on the page
    response = client.post("/programma/2040/besluitronde/sluiten/", {"onvolledig": "on"})
    assert response.status_code == 200
    assert "Alleen de besluitronde van een voorgesteld programma" in response.content.decode()


@pytest.mark.parametrize(
    "naam", ["programmabureau", "griffier-arnhem", "raadslid-arnhem", "portefeuillehouder"]
)
def test_sluiten_alleen_door_het_regiobestuur(naam, demo, client, login):
    login(naam)
    assert 'name="onvolledig"' not in client.get(URL).content.decode()
    response = client.post("/programma/2027/besluitronde/sluiten/", {"onvolledig": "on"})
    assert response.status_code == 403
    assert Jaarprogramma.objects.get(jaar=2027).status == Status.VOORGESTELD
    with pytest.raises(DomeinFout):
        services.sluit_besluitronde(
            jaarprogramma=Jaarprogramma.objects.get(jaar=2027),
            acting_user=gebruiker(naam),
            onvolledig=True,
        )


def test_sluiten_anoniem_naar_inloggen(demo, client):
    response = client.post("/programma/2027/besluitronde/sluiten/", {"onvolledig": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/programma/2027/besluitronde/sluiten/").status_code == 405
