"""A superseded version says so on every page and document, with the date and the reason of the
correction and a link to the current version; the version page links to the comparisons and
to the history (issue 17, point 2).

The demo's 2027 has the proposal v1 and its correction v2; 2028 is a concept. The documents of
a small fresh region show what happens to a document stored before its version was superseded.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pypdf
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import dateformat, timezone, translation

from programma import selectors, services
from programma.documenten import opslag, soorten, vingerafdruk
from programma.documenten.models import Document, DocumentSoort, Vingerafdruk
from programma.models import ProgrammaVersie
from raden.documenten import stand as besluiten_stand
from regio.models import Gemeente

RAADSVOORSTEL = soorten.soort(DocumentSoort.RAADSVOORSTEL)
PROGRAMMA = soorten.soort(DocumentSoort.PROGRAMMA)


def _versie(jaar: int, nummer: int) -> ProgrammaVersie:
    return ProgrammaVersie.objects.select_related("jaarprogramma").get(
        jaarprogramma__jaar=jaar, nummer=nummer
    )


def _datum(moment) -> str:
    with translation.override("nl"):
        return dateformat.format(timezone.localdate(moment), "j F Y")


def _zin(tekst: str) -> str:
    return " ".join(tekst.split())


class _Pagina(HTMLParser):
    """The banner of a page (its text and links) and the links of the comparison nav."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.banners: list[dict] = []
        self.vergelijk: dict[str, tuple[str, str]] = {}
        self.links: list[tuple[str, str]] = []
        self._diepte = 0  # > 0 inside a banner
        self._link: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._diepte:
            self._diepte += 1
        elif tag == "div" and "vervangen" in (a.get("class") or "").split():
            assert a.get("role") == "status"
            self.banners.append({"tekst": "", "links": [], "door": a.get("data-vervangen-door")})
            self._diepte = 1
        if tag == "a":
            self._link = {"href": a.get("href"), "tekst": "", "soort": a.get("data-vergelijk")}

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            link = (self._link["href"], _zin(self._link["tekst"]))
            self.links.append(link)
            if self._diepte:
                self.banners[-1]["links"].append(link)
            if self._link["soort"]:
                self.vergelijk[self._link["soort"]] = link
            self._link = None
        if self._diepte:
            self._diepte -= 1

    def handle_data(self, data):
        if self._diepte:
            self.banners[-1]["tekst"] += data
        if self._link is not None:
            self._link["tekst"] += data


def _pagina(client, url: str) -> _Pagina:
    response = client.get(url)
    assert response.status_code == 200, url
    return _Pagina(response.content.decode())


def _eerste_pagina(inhoud: bytes) -> str:
    return _zin(pypdf.PdfReader(io.BytesIO(inhoud)).pages[0].extract_text())


# --- the selector ---------------------------------------------------------------------------


def test_vervanging_van(demo, django_assert_num_queries):
    v1, v2 = _versie(2027, 1), _versie(2027, 2)
    with django_assert_num_queries(1):
        vervanging = selectors.vervanging_van(v1)
    assert (vervanging.versie, vervanging.door, vervanging.geldend) == (v1, v2, v2)
    assert vervanging.later == (v2,)
    assert vervanging.op == v2.bevroren_op
    assert vervanging.reden == _zin(v2.reden) and vervanging.reden.endswith(".")
    assert vervanging.geldend_url == "/programma/2027/v2/"
    # the current version, a year with one version, and a concept: nothing superseded them
    for versie in (v2, _versie(2026, 1), _versie(2028, 1)):
        assert selectors.vervanging_van(versie) is None
    # a page that has read the versions of the year asks no query
    versies = list(v1.jaarprogramma.versies.all())
    with django_assert_num_queries(0):
        assert selectors.vervanging_van(v1, versies=versies) == vervanging


def test_de_verifier_leest_dezelfde_vervanging(demo):
    """programma/documenten/vingerafdruk.herkomst asks the selector: same answer as before."""
    v1, v2 = _versie(2027, 1), _versie(2027, 2)
    oud = vingerafdruk.herkomst(Vingerafdruk.objects.get(versie=v1).sha256)
    assert (oud.geldend, oud.later, oud.vervangen_door, oud.is_geldend) == (v2, [v2], v2, False)
    nu = vingerafdruk.herkomst(Vingerafdruk.objects.get(versie=v2).sha256)
    assert (nu.geldend, nu.later, nu.vervangen_door, nu.is_geldend) == (v2, [], None, True)


# --- the pages ------------------------------------------------------------------------------


def test_banner_op_de_vervangen_versie(demo, client, django_assert_max_num_queries):
    v2 = _versie(2027, 2)
    with django_assert_max_num_queries(12):
        response = client.get("/programma/2027/v1/")
    pagina = _Pagina(response.content.decode())
    assert len(pagina.banners) == 1
    banner = pagina.banners[0]
    tekst = _zin(banner["tekst"])
    assert tekst.startswith(
        f"Vervangen: versie 1 is op {_datum(v2.bevroren_op)} vervangen door versie 2. "
        f"Reden: {_zin(v2.reden)}"
    ), tekst
    assert tekst.endswith("Bekijk de geldende versie (versie 2).")
    assert banner["links"] == [
        ("/programma/2027/vergelijk/1/2/", "Wat veranderde in versie 2"),
        ("/programma/2027/v2/", "Bekijk de geldende versie (versie 2)"),
    ]
    assert banner["door"] == "2"
    # the banner comes before the programme itself
    html = response.content.decode()
    assert html.index('class="waarschuwing vervangen"') < html.index('id="visie-kop"')


@pytest.mark.parametrize(
    "url", ["/", "/programma/2027/", "/programma/2027/v2/", "/programma/2026/"]
)
def test_geen_banner_op_de_geldende_versie(demo, client, url):
    assert _pagina(client, url).banners == []


def test_geen_banner_op_een_concept(demo, client, login):
    login("regiobestuur")
    for url in ("/programma/2028/", "/programma/2028/v1/"):
        assert _pagina(client, url).banners == []


def test_vergelijken_en_geschiedenis_vanaf_de_versiepagina(
    demo, client, login, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/programma/2027/v2/")
    v2 = _Pagina(response.content.decode())
    assert v2.vergelijk == {
        "versie": ("/programma/2027/vergelijk/1/2/", "Vergelijk met versie 1"),
        # the very versions: this one, and the one the previous year's link shows
        "jaar": (
            "/programma/vergelijk/2026/2027/?versie_van=1&versie_naar=2",
            "Vergelijk met 2026",
        ),
        "geschiedenis": ("/programma/2027/geschiedenis/", "Geschiedenis"),
    }
    # /programma/2027/ is version 2: the same links
    assert _pagina(client, "/programma/2027/").vergelijk == v2.vergelijk
    # version 1 has no version before it; 2026 no year before it
    assert set(_pagina(client, "/programma/2027/v1/").vergelijk) == {"jaar", "geschiedenis"}
    assert _pagina(client, "/programma/2026/").vergelijk == {
        "geschiedenis": ("/programma/2026/geschiedenis/", "Geschiedenis")
    }
    # the 2028 concept, for whoever may see it, compares with 2027
    login("regiobestuur")
    with django_assert_max_num_queries(16):
        response = client.get("/programma/2028/")
    assert _Pagina(response.content.decode()).vergelijk["jaar"] == (
        "/programma/vergelijk/2027/2028/?versie_van=2&versie_naar=1",
        "Vergelijk met 2027",
    )
    # a superseded version compares itself, not its year's current version
    assert _pagina(client, "/programma/2027/v1/").vergelijk["jaar"][0].endswith("versie_naar=1")


def test_vergelijk_alleen_met_wat_de_gebruiker_mag_zien(demo, rf):
    """The links come from what the view filtered for this user: a year whose only version is
    a concept is no comparison for the public (2029 after the 2028 concept, here pretended)."""
    from programma.views.openbaar import _vergelijkingen

    v2027 = _versie(2027, 2)
    publiek = selectors.jaren_overzicht(AnonymousUser())
    assert 2028 not in {v.jaar for v in publiek}
    nep = ProgrammaVersie(jaarprogramma=_versie(2028, 1).jaarprogramma, nummer=1)
    nep.jaarprogramma.jaar = 2029  # an unsaved copy: 2029's version, after 2028
    context = _vergelijkingen({"versie": nep, "andere_versies": [nep], "jaren": publiek})
    assert context["vergelijk_jaar"] is None and context["vergelijk_versie"] is None
    context = _vergelijkingen(
        {"versie": v2027, "andere_versies": [_versie(2027, 1), v2027], "jaren": publiek}
    )
    assert context["vergelijk_jaar"].jaar == 2026 and context["vergelijk_versie"].nummer == 1


def test_geschiedenis_op_de_opgave_en_de_gemeentepagina(demo, client):
    slug = _versie(2027, 2).opgaven.select_related("opgave").first().opgave.slug
    for url in (f"/opgaven/{slug}/", f"/opgaven/{slug}/2027/"):
        assert (f"/opgaven/{slug}/geschiedenis/", "Geschiedenis van deze opgave") in _pagina(
            client, url
        ).links
    assert ("/gemeenten/arnhem/geschiedenis/", "Geschiedenis van de besluiten") in _pagina(
        client, "/gemeenten/arnhem/"
    ).links


# --- the documents of the demo --------------------------------------------------------------


def _verwachte_zin(v2) -> str:
    return (
        f"Vervangen: versie 1 is op {_datum(v2.bevroren_op)} vervangen door versie 2. "
        f"Reden: {_zin(v2.reden)}"
    )


@pytest.mark.parametrize("soort", ["raadsvoorstel", "programma"])
def test_vervangen_document_zegt_het_op_pagina_1(demo, client, soort):
    v1, v2 = _versie(2027, 1), _versie(2027, 2)
    url = {
        "raadsvoorstel": "/programma/2027/v1/raadsvoorstel/arnhem.pdf",
        "programma": "/programma/2027/v1/programma.pdf",
    }[soort]
    response = client.get(url)
    assert response.status_code == 200
    eerste = _eerste_pagina(response.content)
    assert _verwachte_zin(v2) in eerste, eerste[:800]
    assert "Bekijk de geldende versie (versie 2) op Regioportaal: /programma/2027/v2/" in eerste
    assert "Jaarprogramma 2027 · versie 1 · vervangen door versie 2" in eerste  # running header
    doc = Document.objects.get(versie=v1, soort=soort)
    assert doc.stand == "vervangen-v2"
    # the fingerprint is of the version's content: the same as at its proposal
    afdruk = Vingerafdruk.objects.get(versie=v1)
    assert doc.vingerafdruk == afdruk.sha256 == vingerafdruk.bereken(v1)
    lezer = pypdf.PdfReader(io.BytesIO(response.content))
    assert lezer.metadata[vingerafdruk.PDF_SLEUTEL] == afdruk.sha256


def test_het_geldende_document_zegt_niets_van_vervangen(demo):
    """Without rendering: the HTML of version 2's documents has no banner, its key no stand."""
    v2 = _versie(2027, 2)
    arnhem = Gemeente.objects.get(slug="arnhem")
    for soort, gemeente in ((RAADSVOORSTEL, arnhem), (PROGRAMMA, None)):
        html = opslag.html_van(soort, v2, gemeente)
        assert 'class="vervangen"' not in html and "Vervangen:" not in html
        assert soort.stand_van(v2) == ""
    assert RAADSVOORSTEL.stand_van(_versie(2026, 1)) == ""


def test_besluitenoverzicht_noemt_reden_en_geldende_versie(demo, client):
    v2 = _versie(2027, 2)
    response = client.get("/programma/2027/v1/besluiten.pdf")
    assert response.status_code == 200
    eerste = _eerste_pagina(response.content)
    assert _verwachte_zin(v2) in eerste, eerste[:800]
    assert "Bekijk de geldende versie (versie 2) op Regioportaal: /programma/2027/v2/" in eerste
    assert "versie 1 · vervangen door versie 2" in eerste  # the running header
    # stored under a key that names the version that superseded it
    v1 = _versie(2027, 1)
    doc = Document.objects.get(versie=v1, soort=DocumentSoort.BESLUITEN)
    assert doc.stand == besluiten_stand(v1) and "-v2-" in doc.stand


# --- a document stored before its version was superseded ------------------------------------


def test_opgeslagen_voor_de_correctie_wordt_daarna_niet_meer_geserveerd(
    concept, bestuur, kleine_regio, client, django_assert_max_num_queries
):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    v1 = ProgrammaVersie.objects.select_related("jaarprogramma").get(pk=concept.pk)
    url = "/programma/2040/v1/raadsvoorstel/aaa.pdf"
    voor = client.get(url)
    assert voor.status_code == 200
    eerste = Document.objects.get(versie=v1, soort=DocumentSoort.RAADSVOORSTEL)
    assert eerste.stand == ""
    assert "Vervangen" not in _eerste_pagina(voor.content)
    afdruk = Vingerafdruk.objects.get(versie=v1).sha256

    v2 = services.corrigeer_programma(
        jaarprogramma=v1.jaarprogramma,
        reden="Het budget van de eerste opgave is bijgesteld",
        acting_user=bestuur,
    )
    # a correction in the making supersedes nothing yet: the stored document is still it
    assert client.get(url).content == voor.content
    services.stel_programma_voor(versie=v2, acting_user=bestuur)
    v2.refresh_from_db()

    na = client.get(url)
    assert na.status_code == 200 and na.content != voor.content
    assert na["ETag"] != voor["ETag"]
    tekst = _eerste_pagina(na.content)
    assert (
        f"Vervangen: versie 1 is op {_datum(v2.bevroren_op)} vervangen door versie 2. "
        "Reden: Het budget van de eerste opgave is bijgesteld. "
        "Bekijk de geldende versie (versie 2) op Regioportaal: /programma/2040/v2/"
    ) in tekst, tekst[:800]
    # rendered once: served from storage after that, in a bounded number of queries
    with django_assert_max_num_queries(5):
        assert client.get(url).content == na.content
    documenten = Document.objects.filter(versie=v1, soort=DocumentSoort.RAADSVOORSTEL)
    assert sorted(d.stand for d in documenten) == ["", "vervangen-v2"]
    # the old file stays (the verifier still knows it); the fingerprint did not change
    assert Document.objects.filter(pk=eerste.pk, sha256=eerste.sha256).exists()
    assert Vingerafdruk.objects.get(versie=v1).sha256 == afdruk == vingerafdruk.bereken(v1)
    assert {d.vingerafdruk for d in documenten} == {afdruk}
    # version 2 itself holds: no banner, no stand
    assert RAADSVOORSTEL.stand_van(v2) == ""

    # a second correction: version 1 names the one that superseded it and the one that holds
    v3 = services.corrigeer_programma(
        jaarprogramma=v1.jaarprogramma, reden="Nog een correctie.", acting_user=bestuur
    )
    services.stel_programma_voor(versie=v3, acting_user=bestuur)
    # a version object reads its stand once (a request's worth): read them afresh
    v1 = ProgrammaVersie.objects.select_related("jaarprogramma").get(pk=v1.pk)
    v2 = ProgrammaVersie.objects.select_related("jaarprogramma").get(pk=v2.pk)
    assert RAADSVOORSTEL.stand_van(v1) == "vervangen-v2-geldend-v3"
    assert RAADSVOORSTEL.stand_van(v2) == "vervangen-v3"
    html = opslag.html_van(RAADSVOORSTEL, v1, Gemeente.objects.get(slug="aaa"))
    assert "vervangen door versie 2." in html
    assert "Daarna is versie 3 voorgesteld" in html
    assert '(versie 3) op Regioportaal: <span class="url">/programma/2040/v3/</span>' in html
    pagina = _pagina(client, "/programma/2040/v1/")
    assert pagina.banners[0]["links"] == [
        ("/programma/2040/vergelijk/1/2/", "Wat veranderde in versie 2"),
        ("/programma/2040/v3/", "Bekijk de geldende versie (versie 3)"),
    ]
    assert "Daarna is versie 3 voorgesteld" in _zin(pagina.banners[0]["tekst"])
