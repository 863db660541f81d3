"""An opgave read as it was in any year (issue 14, point 10): /opgaven/<slug>/<jaar>/ shows
that year's published content, and every link from a programme year leads there."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from programma.models import ProgrammaOpgave
from tests.reconciliatie.oppervlak import HtmlPagina, lees


def _budget(jaar: int, slug: str = "energietransitie") -> int:
    return (
        ProgrammaOpgave.objects.filter(
            opgave__slug=slug, versie__jaarprogramma__jaar=jaar, versie__bevroren_op__isnull=False
        )
        .order_by("-versie__nummer")
        .values_list("budget", flat=True)
        .first()
    )


class _Links(HTMLParser):
    """The hrefs inside each element marked data-rij, per (data-tabel, data-rij)."""

    def __init__(self):
        super().__init__()
        self.stapel: list[dict] = []
        self.links: dict[tuple[str, str], list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            rij = next((e["data-rij"] for e in reversed(self.stapel) if "data-rij" in e), None)
            tabel = next(
                (e["data-tabel"] for e in reversed(self.stapel) if "data-tabel" in e), None
            )
            if rij:
                self.links.setdefault((tabel, rij), []).append(attrs["href"])
        if tag not in ("br", "input", "meta", "link", "img", "hr"):
            self.stapel.append(attrs)

    def handle_endtag(self, tag):
        if self.stapel:
            self.stapel.pop()


def _links(response) -> dict[tuple[str, str], list[str]]:
    lezer = _Links()
    lezer.feed(response.content.decode())
    return lezer.links


def _getoond_budget(client, url: str) -> int:
    cellen = HtmlPagina.van(client.get(url), url).cellen()
    return lees(cellen[("kerncijfers", "opgave", "budget")])


def test_elk_jaar_toont_het_budget_van_dat_jaar(demo, client, django_assert_max_num_queries):
    assert len({_budget(2026), _budget(2027)}) == 2, "the demo must differ per year"
    for jaar in (2026, 2027):
        with django_assert_max_num_queries(13):
            assert _getoond_budget(client, f"/opgaven/energietransitie/{jaar}/") == _budget(jaar)
    # without a year: the newest published year
    assert _getoond_budget(client, "/opgaven/energietransitie/") == _budget(2027)


@pytest.mark.parametrize(
    "pagina, tabel",
    [
        ("/programma/2026/", "thema:groeiregio-in-balans"),
        ("/programma/2026/begroting/", "opgaven"),
        ("/programma/2026/synergie/", "prioriteit"),
        ("/gemeenten/arnhem/", "jaar:2026"),
    ],
)
def test_een_klik_vanuit_2026_toont_het_budget_van_2026(demo, client, pagina, tabel):
    from programma.models import Opgave

    thema = Opgave.objects.get(slug="energietransitie").thema.slug
    tabel = tabel.replace("groeiregio-in-balans", thema)
    href = _links(client.get(pagina))[(tabel, "opgave:energietransitie")][0]
    assert href == "/opgaven/energietransitie/2026/"
    assert _getoond_budget(client, href) == _budget(2026) != _budget(2027)


def test_de_jarenlijst_en_de_synergieen_blijven_in_hun_jaar(demo, client):
    response = client.get("/opgaven/energietransitie/2026/")
    links = _links(response)
    for jaar in (2026, 2027):
        assert f"/opgaven/energietransitie/{jaar}/" in links[("jaren", f"jaar:{jaar}")]
    assert ("jaren", "jaar:2028") not in links  # the concept stays out for the public
    html = response.content.decode()
    assert "/opgaven/warmtetransitie/2026/" in html  # a synergy, in the same year
    assert "/opgaven/warmtetransitie/2027/" not in html


def test_een_jaar_zonder_de_opgave_of_geheim_is_404(demo, client, login):
    alleen_2028 = "grensoverschrijdende-samenwerking"
    assert not ProgrammaOpgave.objects.filter(
        opgave__slug=alleen_2028, versie__bevroren_op__isnull=False
    ).exists()
    assert client.get("/opgaven/energietransitie/1999/").status_code == 404
    assert client.get(f"/opgaven/{alleen_2028}/2027/").status_code == 404
    assert client.get(f"/opgaven/{alleen_2028}/2028/").status_code == 404
    assert client.get("/opgaven/energietransitie/2028/").status_code == 404
    login("griffier-arnhem")
    assert client.get("/opgaven/energietransitie/2028/").status_code == 404
    login("regiobestuur")
    response = client.get("/opgaven/energietransitie/2028/")
    assert response.status_code == 200
    assert "CONCEPT" in response.content.decode()
    concept_budget = ProgrammaOpgave.objects.get(
        opgave__slug="energietransitie", versie__jaarprogramma__jaar=2028
    ).budget
    assert _getoond_budget(client, "/opgaven/energietransitie/2028/") == concept_budget
    # a drafter still lands on the published year without a year in the URL
    assert _getoond_budget(client, "/opgaven/energietransitie/") == _budget(2027)
