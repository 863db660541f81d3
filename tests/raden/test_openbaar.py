"""The councils' decisions in public: confirmed votes per fractie and per raadslid on the
gemeente and opgave pages, answered technische vragen on the opgave page. A running vote and an
unanswered question are never public."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from programma import services as programma_services
from programma.views import openbaar as programma_openbaar
from raden import services
from raden.models import Stem, Stemming
from tests.raden.test_dekking import (
    besluit,
    gebruiker,
    gemengd,
    huidige_versie,
    open_stemming,
    opgaven,
    zetel_raden,
    zonder_besluiten,
)
from tests.reconciliatie.oppervlak import HtmlPagina

# gemeente page: the programme's own queries plus two for the votes; opgave page: plus three
MAX_GEMEENTE = 8  # 7 measured
MAX_OPGAVE = 13  # 12 measured


def _tellingen(stemming) -> dict:
    """Raw Stem rows counted per fractie: {(fractie, keuze): n}."""
    return Counter(
        (s["fractie_naam"], s["keuze"])
        for s in Stem.objects.filter(stemming=stemming).values("fractie_naam", "keuze")
    )


def _toont_tellingen(pagina: HtmlPagina, stemming) -> None:
    cellen = pagina.cellen()
    tabel = f"stemming:{stemming.pk}"
    tellingen = _tellingen(stemming)
    fracties = {f for f, _ in tellingen}
    assert fracties
    for fractie in fracties:
        for keuze in ("voor", "tegen", "niet_deelgenomen"):
            assert cellen[(tabel, f"fractie:{fractie}", keuze)] == str(tellingen[(fractie, keuze)])
    for keuze in ("voor", "tegen", "niet_deelgenomen"):
        totaal = sum(n for (_, k), n in tellingen.items() if k == keuze)
        assert cellen[(tabel, "totaal", keuze)] == str(totaal)


def _stemtabellen(tekst: str) -> int:
    return tekst.count('data-tabel="stemming:')


def test_gemeentepagina_toont_bevestigde_stemmingen(demo, client, django_assert_max_num_queries):
    versie = huidige_versie()
    eerste, tweede, derde = zonder_besluiten(versie, "nijmegen")[:3]
    # Nijmegen's confirmed votes of 2026 (the demo's round) are on the page already
    ervoor = _stemtabellen(client.get("/gemeenten/nijmegen/").content.decode())
    bevestigd = besluit("nijmegen", eerste, keuze_van=gemengd)
    niet_bevestigd = besluit("nijmegen", tweede, bevestig=False)
    open_stemming("nijmegen", derde)

    with django_assert_max_num_queries(MAX_GEMEENTE):
        response = client.get("/gemeenten/nijmegen/")
    tekst = response.content.decode()
    assert "Hoe stemde de raad" in tekst
    pagina = HtmlPagina.van(response)
    _toont_tellingen(pagina, bevestigd)
    assert not any(t == f"stemming:{niet_bevestigd.pk}" for t, _, _ in pagina.cellen())
    # per raadslid, folded, by the name they had when they voted
    assert "<details>" in tekst
    for stem in Stem.objects.filter(stemming=bevestigd):
        assert stem.raadslid_naam and stem.raadslid_naam in tekst
    assert _stemtabellen(tekst) == ervoor + 1  # only the confirmed one is new


def test_gemeente_zonder_stemmingen_toont_geen_kop(concept, kleine_regio, bestuur, client):
    versie = programma_services.stel_programma_voor(versie=concept, acting_user=bestuur)
    zetel_raden(kleine_regio, bestuur)
    eerste, tweede = opgaven(versie)
    besluit("aaa", eerste, bevestig=False)  # closed, not confirmed: not public
    open_stemming("aaa", tweede)  # running: not public
    for slug in ("aaa", "bbb"):
        assert "Hoe stemde de raad" not in client.get(f"/gemeenten/{slug}/").content.decode()
    # once confirmed, the heading and the vote are there
    services.bevestig_stemming(
        stemming=Stemming.objects.get(gemeente__slug="aaa", programma_opgave=eerste),
        acting_user=gebruiker("griffier-aaa"),
    )
    tekst = client.get("/gemeenten/aaa/").content.decode()
    assert "Hoe stemde de raad" in tekst and _stemtabellen(tekst) == 1


def test_opgavepagina_per_gemeente(demo, client, django_assert_max_num_queries):
    versie = huidige_versie()
    po = zonder_besluiten(versie, "berg-en-dal", "nijmegen", "rheden")[0]
    jaar_url = f"/opgaven/{po.opgave.slug}/{versie.jaar}/"
    # the demo's confirmed votes of 2027 on this opgave (Rozendaal's on version 1 among them)
    ervoor = _stemtabellen(client.get(jaar_url).content.decode())
    assert ervoor > 0
    berg_en_dal = besluit("berg-en-dal", po, keuze_van=gemengd)
    nijmegen = besluit("nijmegen", po, ja=False)
    besluit("rheden", po, bevestig=False)
    for url in (jaar_url, f"/opgaven/{po.opgave.slug}/"):
        with django_assert_max_num_queries(MAX_OPGAVE):
            response = client.get(url)
        pagina = HtmlPagina.van(response)
        _toont_tellingen(pagina, berg_en_dal)
        _toont_tellingen(pagina, nijmegen)
        tekst = response.content.decode()
        assert _stemtabellen(tekst) == ervoor + 2  # Rheden is not confirmed
        assert "verworpen" in tekst and "aangenomen" in tekst
    # another year of the same opgave shows none of 2027's votes
    response = client.get(f"/opgaven/{po.opgave.slug}/2026/")
    if response.status_code == 200:
        tekst = response.content.decode()
        for stemming in (berg_en_dal, nijmegen):
            assert f'data-tabel="stemming:{stemming.pk}"' not in tekst


def test_queries_groeien_niet_met_het_aantal_stemmingen(demo, client):
    versie = huidige_versie()
    vrij = zonder_besluiten(versie, "nijmegen", "berg-en-dal", "beuningen", "renkum")
    po = vrij[0]
    besluit("nijmegen", po)
    with CaptureQueriesContext(connection) as een_g:
        client.get("/gemeenten/nijmegen/")
    with CaptureQueriesContext(connection) as een_o:
        client.get(f"/opgaven/{po.opgave.slug}/2027/")
    for slug in ("berg-en-dal", "beuningen", "renkum"):
        besluit(slug, po, keuze_van=gemengd)
    besluit("nijmegen", vrij[1], ja=False)
    with CaptureQueriesContext(connection) as veel_g:
        client.get("/gemeenten/nijmegen/")
    with CaptureQueriesContext(connection) as veel_o:
        client.get(f"/opgaven/{po.opgave.slug}/2027/")
    assert len(een_g) == len(veel_g) <= MAX_GEMEENTE
    assert len(een_o) == len(veel_o) <= MAX_OPGAVE


def test_beantwoorde_vragen_openbaar_open_vragen_niet(demo, client):
    versie = huidige_versie()
    po = zonder_besluiten(versie, "nijmegen")[0]
    raadslid = gebruiker("raadslid-nijmegen")
    beantwoord = services.stel_vraag(
        programma_opgave=po, tekst="Hoeveel woningen worden er gebouwd?", acting_user=raadslid
    )
    services.beantwoord_vraag(
        vraag=beantwoord,
        antwoord="Naar verwachting 1.200 woningen.",
        acting_user=gebruiker("programmabureau"),
    )
    services.stel_vraag(
        programma_opgave=po, tekst="Een vraag die nog open staat.", acting_user=raadslid
    )
    tekst = client.get(f"/opgaven/{po.opgave.slug}/2027/").content.decode()
    assert "Technische vragen van raadsleden" in tekst
    assert "Hoeveel woningen worden er gebouwd?" in tekst
    assert "Naar verwachting 1.200 woningen." in tekst
    # the asker as they were when they asked
    beantwoord.refresh_from_db()
    assert beantwoord.raadslid_naam == beantwoord.raadslid.naam
    assert beantwoord.gemeente_naam == "Nijmegen"
    assert f"{beantwoord.raadslid_naam} (Nijmegen) vroeg op" in tekst
    assert "Een vraag die nog open staat." not in tekst


def test_de_programmaviews_zonder_raden_renderen_nog(demo):
    verzoek = RequestFactory().get("/")
    verzoek.user = AnonymousUser()
    assert programma_openbaar.gemeente(verzoek, slug="arnhem").status_code == 200
    assert programma_openbaar.opgave(verzoek, slug="energietransitie").status_code == 200
