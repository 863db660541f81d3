"""The public programme pages of issue 18 (points 1, 2 and 5) read as a visitor would: the home
page's vision with doel 2050, its five thema's linked, opgaven as cards, where the decision round
stands; estimated inwoners marked on every page that shows inwoners; and markup that keeps its
meaning at 390 px and for a screen reader (data-label on every cell, th with scope, headings in
order, one link per card)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.models import Gemeente, Inwonertal, Thema
from regio.selectors import is_schatting

PAGINAS = [
    "/",
    "/programma/2026/",
    "/programma/2027/",
    "/programma/2027/v1/",
    "/themas/circulaire-regio/",
    "/programma/2027/themas/vitale-regio/",
    "/opgaven/energietransitie/",
    "/opgaven/mobiliteitscorridor/2026/",
    "/gemeenten/",
    "/gemeenten/druten/",
    "/gemeenten/nijmegen/",
]


class _Boom(HTMLParser):
    """The few structures these tests look at: table cells, headings, cards and their links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stapel: list[str] = []
        self.cellen: list[tuple[str, dict]] = []  # (tag, attrs) of every td and th
        self.koppen: list[int] = []
        self.kaarten: list[int] = []  # links per card
        self.rijen: dict[str, str] = {}  # data-rij of a <tr> -> its text
        self._rij: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("td", "th"):
            self.cellen.append((tag, attrs))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.koppen.append(int(tag[1]))
        if tag == "li" and "kaart" in attrs.get("class", "").split():
            self.kaarten.append(0)
            self.stapel.append("kaart")
        elif tag == "li":
            self.stapel.append("li")
        if tag == "a" and "kaart" in self.stapel:
            self.kaarten[-1] += 1
        if tag == "tr":
            self._rij = [attrs.get("data-rij", ""), []]

    def handle_endtag(self, tag):
        if tag == "li" and self.stapel:
            self.stapel.pop()
        if tag == "tr" and self._rij:
            self.rijen[self._rij[0]] = " ".join("".join(self._rij[1]).split())
            self._rij = None

    def handle_data(self, data):
        if self._rij is not None:
            self._rij[1].append(data)


def _boom(client, url) -> tuple[_Boom, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    boom = _Boom()
    boom.feed(html)
    return boom, html


@pytest.mark.parametrize("url", PAGINAS)
def test_elke_cel_houdt_haar_betekenis_op_een_telefoon(demo, client, url):
    boom, _ = _boom(client, url)
    assert boom.cellen
    for tag, attrs in boom.cellen:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row", "colgroup", "rowgroup"), (url, attrs)
        elif attrs:  # an empty filler cell of a total row has no attributes and no content
            assert attrs.get("data-label"), (url, attrs)


@pytest.mark.parametrize("url", PAGINAS)
def test_koppen_in_volgorde(demo, client, url):
    boom, _ = _boom(client, url)
    assert boom.koppen[0] == 1 and boom.koppen.count(1) == 1, url
    for vorige, kop in zip(boom.koppen, boom.koppen[1:], strict=False):
        assert kop <= vorige + 1, (url, boom.koppen)


def test_home_visie_doel_2050_themas_en_kaarten(demo, client):
    boom, html = _boom(client, "/")
    for deel in ("Fundament", "Actualiteit", "Perspectief", "Doel in 2050"):
        assert deel in html
    for thema in Thema.objects.all():
        assert f'href="/themas/{thema.slug}/"' in html
    assert boom.kaarten and all(n == 1 for n in boom.kaarten)  # one link per card
    # the home version's round (2026, closed) and the round that runs (2027)
    assert 'data-tabel="ronde:2026"' in html and 'data-tabel="ronde:2027"' in html
    assert 'href="/programma/2026/dekking/"' in html and 'href="/programma/2027/dekking/"' in html
    assert "De besluitronde is gesloten" in html and "De besluitronde loopt" in html
    assert "gedekt" in html and "Regionaal portefeuillehouder" in html


def _geschatte_gemeenten() -> set[str]:
    nieuwste = {}
    for t in Inwonertal.objects.order_by("peildatum").values("gemeente__slug", "bron"):
        nieuwste[t["gemeente__slug"]] = t["bron"]
    return {slug for slug, bron in nieuwste.items() if is_schatting(bron)}


def test_de_demo_heeft_vier_geschatte_inwonertallen(demo):
    assert len(_geschatte_gemeenten()) == 4


@pytest.mark.parametrize(
    ("url", "tabel"),
    [
        ("/", "bijdragen"),
        ("/programma/2027/", "bijdragen"),
        ("/programma/2027/themas/vitale-regio/", "thema-bijdragen"),
        ("/gemeenten/", "gemeenten"),
    ],
)
def test_een_geschat_inwonertal_is_gemarkeerd(demo, client, url, tabel):
    geschat = _geschatte_gemeenten()
    boom, html = _boom(client, url)
    for g in Gemeente.objects.all():
        rij = boom.rijen[f"gemeente:{g.slug}"]
        assert ("≈" in rij and "(geschat)" in rij) == (g.slug in geschat), (url, g.slug, rij)
    assert 'id="noot-schatting"' in html
    noot = html.split('id="noot-schatting"', 1)[1].split("</p>", 1)[0]
    for g in Gemeente.objects.filter(slug__in=geschat):
        assert g.naam in noot
    assert "Schatting" in noot  # the source, as the inwonertal names it


def test_de_gemeentepagina_markeert_een_geschat_inwonertal(demo, client):
    geschat = _geschatte_gemeenten()
    for slug in ("druten", "arnhem"):
        _, html = _boom(client, f"/gemeenten/{slug}/")
        kern = html.split('data-tabel="kerncijfers"', 1)[1].split("</dl>", 1)[0]
        assert ("(geschat)" in kern) == (slug in geschat)
        assert ('id="noot-schatting"' in html) == (slug in geschat)


def test_de_markering_kost_geen_query_per_gemeente(demo, client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/gemeenten/").status_code == 200
    assert len(queries) == 2  # the publication stand (the page cache) and the page's one
