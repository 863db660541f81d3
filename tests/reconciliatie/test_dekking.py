"""The decision round's figures, recomputed from the raw rows and compared cell by cell: the
coverage matrix /programma/<jaar>/dekking/ (every cell's state, gedekt and per cent per opgave,
toegezegd per gemeente, the totals) and the public vote counts per fractie on the gemeente and
opgave pages, through a round built with the services: votes of every kind, a corrected
version, the round closed."""

from __future__ import annotations

import pytest

from programma import services as programma_services
from raden import services
from raden.models import Besluit, Keuze, Stemming, Uitkomst
from tests.raden.test_dekking import (
    besluit,
    gebruiker,
    gemengd,
    huidige_versie,
    lopend,
    open_stemming,
    opgaven,
    stakend,
    zonder_besluiten,
)
from tests.reconciliatie.oppervlak import HtmlPagina, Oppervlak, Sleutel, klopt
from tests.reconciliatie.verwacht import Rijen, Ronde

MAX_QUERIES = 10  # the dekking page (tests/raden/test_dekking.py)
MAX_PAGINA = 14  # the gemeente and opgave pages (tests/reconciliatie/test_demo.py)


class Cijfers(Oppervlak):
    """The figure cells of a page; its cells that show a word are compared apart."""

    def __init__(self, pagina: HtmlPagina, woorden: set[Sleutel]) -> None:
        self.pagina, self.woorden, self.naam = pagina, woorden, pagina.naam

    def cellen(self) -> dict[Sleutel, str]:
        return {k: v for k, v in self.pagina.cellen().items() if k not in self.woorden}

    def ongemarkeerd(self) -> list[str]:
        return self.pagina.ongemarkeerd()

    def dubbel(self) -> list[Sleutel]:
        return self.pagina.dubbel()


def _controleer_dekking(client, jaar: int, django_assert_max_num_queries) -> Ronde:
    ronde = Ronde.lees()
    versie_id = ronde.huidige_versie(jaar)
    verwacht, teksten = ronde.dekking(versie_id)
    url = f"/programma/{jaar}/dekking/"
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    pagina = HtmlPagina.van(response, url)
    getoond = pagina.cellen()
    verschillen = [
        f"{url} {sleutel}: toont {getoond.get(sleutel)!r}, verwacht {tekst!r}"
        for sleutel, tekst in sorted(teksten.items())
        if getoond.get(sleutel) != tekst
    ]
    assert not verschillen, "\n".join(verschillen[:40])
    klopt(Cijfers(pagina, set(teksten)), verwacht)
    return ronde


def _controleer_stemmen(client, slugs, opgave_slugs, django_assert_max_num_queries) -> int:
    """The gemeente and opgave pages, whole: the programme's figures and the vote counts."""
    rijen, ronde = Rijen.lees(), Ronde.lees()
    gezien = 0
    for slug in slugs:
        url = f"/gemeenten/{slug}/"
        with django_assert_max_num_queries(MAX_PAGINA):
            pagina = HtmlPagina.van(client.get(url), url)
        stemmen = ronde.stemmen_gemeente(slug)
        gezien += len(stemmen)
        klopt(pagina, rijen.gemeente(slug, concepten=False) | stemmen)
    for slug in opgave_slugs:
        url = f"/opgaven/{slug}/2027/"
        with django_assert_max_num_queries(MAX_PAGINA):
            pagina = HtmlPagina.van(client.get(url), url)
        stemmen = ronde.stemmen_opgave(slug, 2027)
        gezien += len(stemmen)
        klopt(pagina, rijen.opgave(slug, 2027, concepten=False) | stemmen)
    return gezien


@pytest.mark.parametrize("jaar", [2026, 2027])
def test_demo(jaar, demo, client, django_assert_max_num_queries):
    _controleer_dekking(client, jaar, django_assert_max_num_queries)


def test_een_hele_besluitronde(demo, client, django_assert_max_num_queries):
    versie = huidige_versie()
    alle = opgaven(versie)
    # the demo's round is under way on this version: Arnhem has a window open on every opgave,
    # a few councils decided (Doesburg voted one opgave down, Heumen tied on one)
    neen = set(
        Stemming.objects.filter(versie=versie)
        .exclude(uitkomst__in=["", Uitkomst.AANGENOMEN])
        .values_list("programma_opgave_id", flat=True)
    )
    a = next(po for po in alle if po.pk not in neen)
    vrij = zonder_besluiten(versie, "nijmegen", "renkum", "rheden", "rozendaal", "duiven")
    b, c = [po for po in vrij if po.pk != a.pk][:2]
    deelnemers = [d.gemeente.slug for d in versie.deelnemers.select_related("gemeente")]
    # a: every raad takes part (gedekt), one split council (Arnhem, in its open window)
    besloten = set(
        Besluit.objects.filter(programma_opgave=a).values_list("gemeente__slug", flat=True)
    )
    assert besloten and "arnhem" not in besloten
    for slug in deelnemers:
        if slug not in besloten:
            besluit(
                slug,
                a,
                keuze_van=gemengd if slug == "arnhem" else None,
                stemming=lopend(slug, a),
            )
    assert all(Besluit.objects.filter(programma_opgave=a).values_list("deelname", flat=True))
    # b: every state a cell can have
    besluit("arnhem", b, ja=True, stemming=lopend("arnhem", b))
    besluit("nijmegen", b, ja=False)
    open_stemming("renkum", b)
    besluit("rheden", b, bevestig=False)
    stemming = open_stemming("rozendaal", b)
    stakend(stemming)
    griffier = gebruiker("griffier-rozendaal")
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    services.bevestig_stemming(stemming=stemming, acting_user=griffier)
    # c: two decisions, and Arnhem's window still open
    besluit("duiven", c, ja=True)
    besluit("wijchen", c, keuze_van=lambda f: Keuze.TEGEN)
    assert lopend("arnhem", c) is not None
    _controleer_dekking(client, 2027, django_assert_max_num_queries)
    opgave_slugs = [po.opgave.slug for po in (a, b, c)]
    gezien = _controleer_stemmen(
        client,
        ["arnhem", "nijmegen", "rozendaal", "wijchen"],
        opgave_slugs,
        django_assert_max_num_queries,
    )
    assert gezien > 50

    # a corrected version: the decisions stay on their version, the councils decide again
    bestuur = gebruiker("regiobestuur")
    nieuw = programma_services.corrigeer_programma(
        jaarprogramma=versie.jaarprogramma, reden="Correctie van een bedrag", acting_user=bestuur
    )
    nieuw = programma_services.stel_programma_voor(versie=nieuw, acting_user=bestuur)
    assert lopend("arnhem", c) is None  # Arnhem's open windows lapsed
    a2 = next(po for po in nieuw.opgaven.select_related("opgave") if po.opgave_id == a.opgave_id)
    besluit("arnhem", a2, ja=False)
    besluit("nijmegen", a2, ja=True)
    _controleer_dekking(client, 2027, django_assert_max_num_queries)
    _controleer_stemmen(client, ["arnhem", "nijmegen"], opgave_slugs, django_assert_max_num_queries)

    # the round closed: each opgave gedekt or niet gedekt as stored
    services.sluit_besluitronde(
        jaarprogramma=versie.jaarprogramma, acting_user=bestuur, onvolledig=True
    )
    ronde = _controleer_dekking(client, 2027, django_assert_max_num_queries)
    assert {po.pk for po in opgaven(nieuw)} <= set(ronde.dekkingen)
