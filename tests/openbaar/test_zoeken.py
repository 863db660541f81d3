"""The public search at /zoeken/ (issue 18, point 3), on the demo region: what it finds and
where it links, that a concept is never found (also not by a logged-in drafter), the filters,
pagination and query bounds. Runs on SQLite (the fallback) and on PostgreSQL (full-text search
on the generated `zoekvector` columns) alike; tests/openbaar/test_zoeken_invoer.py throws
hostile input at it."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from programma.models import ProgrammaOpgave, ProgrammaVersie
from programma.selectors import gepubliceerde_versies
from raden.models import Vraag

URL = reverse("zoeken")
#: whatever the number of hits: the form's choices (3), a count per kind (3), the page (1), the
#: details per kind on the page (3), and a logged-in client's session and user (2)
MAX_QUERIES = 12


def treffers(response) -> list[tuple[str, str]]:
    """(kind, link) of each result on the page, in order."""
    return [
        (soort, html.unescape(link))
        for soort, link in re.findall(
            r'data-treffer="(\w+)".*?<h3 class="treffer__titel"><a href="([^"]+)"',
            response.content.decode(),
            re.S,
        )
    ]


def aantallen(response) -> dict[str, int]:
    return {
        s: int(n) for s, n in re.findall(r'data-soort="(\w+)">(\d+)<', response.content.decode())
    }


def jaren(response) -> set[int]:
    return {
        int(j)
        for j in re.findall(
            r'<p class="treffer__soort"><span class="label[^"]*">[^<]*</span> (\d{4})',
            response.content.decode(),
        )
    }


def zoek(client, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, params)
    assert response.status_code == 200
    return response


def opgave_url(slug: str, jaar: int) -> str:
    return reverse("opgave-jaar", kwargs={"slug": slug, "jaar": jaar})


# --- what it finds -----------------------------------------------------------------------------


def test_zonder_zoekvraag_het_formulier_en_uitleg(client, demo, django_assert_max_num_queries):
    response = zoek(client, django_assert_max_num_queries)
    inhoud = response.content.decode()
    assert 'id="zoeken-q"' in inhoud and "<legend>Filters</legend>" in inhoud
    assert "Zoek in de opgaven" in inhoud
    assert not treffers(response) and 'class="zoekresultaten"' not in inhoud
    # only spaces is no query either
    assert (
        'class="zoekresultaten"'
        not in zoek(client, django_assert_max_num_queries, q="   ").content.decode()
    )


def test_energietransitie_vindt_de_energieopgave(client, demo, django_assert_max_num_queries):
    response = zoek(client, django_assert_max_num_queries, q="energietransitie")
    links = treffers(response)
    assert links[0] == ("opgaven", opgave_url("energietransitie", 2027))  # ranked first
    assert ("opgaven", opgave_url("energietransitie", 2026)) in links
    # the current published version of each year only: each opgave once per year
    opgaven = [link for soort, link in links if soort == "opgaven"]
    assert len(opgaven) == len(set(opgaven))
    assert "vervangen door" not in response.content.decode()
    # its title carries the match, marked
    assert "<mark>Energietransitie</mark>" in response.content.decode()


def test_een_woord_uit_een_antwoord_vindt_de_vraag(client, demo, django_assert_max_num_queries):
    vraag = Vraag.objects.get(antwoord__contains="windturbine bij Giesbeek")
    response = zoek(client, django_assert_max_num_queries, q="windturbine")
    assert treffers(response) == [
        ("vragen", opgave_url("energietransitie", 2027) + f"#vraag-{vraag.pk}")
    ]
    inhoud = response.content.decode()
    assert re.search(r"<mark>windturbine</mark>", inhoud, re.I)
    assert vraag.raadslid_naam in inhoud  # who asked
    # the anchor is there on the page it links to
    pagina = client.get(opgave_url("energietransitie", 2027)).content.decode()
    assert f'id="vraag-{vraag.pk}"' in pagina


def test_programmatekst_wordt_gevonden_en_linkt_naar_de_visie(
    client, demo, django_assert_max_num_queries
):
    versie = ProgrammaVersie.objects.bevroren().get(jaarprogramma__jaar=2026)
    woord = "metropoolregio"
    assert woord in (versie.visie_fundament + versie.visie_actualiteit + versie.visie_perspectief)
    response = zoek(client, django_assert_max_num_queries, q=woord, soort="programma")
    links = treffers(response)
    assert ("programma", reverse("programma", kwargs={"jaar": 2026}) + "#visie-kop") in links
    assert {soort for soort, _ in links} == {"programma"}


def test_een_onbeantwoorde_vraag_is_niet_te_vinden(client, demo, django_assert_max_num_queries):
    open_vraag = Vraag.objects.filter(beantwoord_op__isnull=True).first()
    assert open_vraag is not None
    woord = "GGD" if "GGD" in open_vraag.vraag else open_vraag.vraag.split()[3]
    response = zoek(client, django_assert_max_num_queries, q=woord, soort="vragen")
    assert not any(f"#vraag-{open_vraag.pk}" in link for _, link in treffers(response))


# --- a concept is never found ------------------------------------------------------------------


def _concept_woorden() -> list[str]:
    """Words that stand only in the 2028 concept: its title and its new opgave."""
    concept = ProgrammaVersie.objects.concepten().get(jaarprogramma__jaar=2028)
    nieuw = ProgrammaOpgave.objects.get(
        versie=concept, opgave__slug="grensoverschrijdende-samenwerking"
    )
    assert not ProgrammaOpgave.objects.filter(
        opgave=nieuw.opgave, versie__bevroren_op__isnull=False
    ).exists()
    return [concept.titel, nieuw.opgave.titel, "grensoverschrijdende samenwerking"]


@pytest.mark.parametrize(
    "gebruiker", [None, "regiobestuur", "programmabureau", "portefeuillehouder"]
)
def test_een_concept_wordt_nooit_gevonden(
    client, demo, login, django_assert_max_num_queries, gebruiker
):
    if gebruiker:
        login(gebruiker)
    for q in _concept_woorden():
        response = zoek(client, django_assert_max_num_queries, q=q, vervangen="on")
        assert 2028 not in jaren(response)
        assert not any("grensoverschrijdende" in link for _, link in treffers(response))
    # filters alone: everything public, page after page, and never 2028
    response = zoek(client, django_assert_max_num_queries, vervangen="on", soort="programma")
    assert jaren(response) == {2026, 2027}
    inhoud = response.content.decode()
    assert '<option value="2028"' not in inhoud
    fout = zoek(client, django_assert_max_num_queries, jaar="2028").content.decode()
    assert "Voor dit jaar is geen programma gepubliceerd" in fout
    assert not treffers(client.get(URL, {"jaar": "2028"}))


# --- superseded versions ---------------------------------------------------------------------


def test_vervangen_versies_alleen_op_verzoek_en_gemarkeerd(
    client, demo, django_assert_max_num_queries
):
    response = zoek(client, django_assert_max_num_queries, q="klimaatadaptatie", soort="opgaven")
    assert ("opgaven", opgave_url("klimaatadaptatie-en-water", 2027)) in treffers(response)
    assert "vervangen door" not in response.content.decode()
    met = zoek(
        client, django_assert_max_num_queries, q="klimaatadaptatie", soort="opgaven", vervangen="on"
    )
    v1 = reverse("programma-versie", kwargs={"jaar": 2027, "nummer": 1}) + "#opgaven-kop"
    assert ("opgaven", v1) in treffers(met)
    assert "vervangen door een latere versie" in met.content.decode()
    assert 'name="vervangen" id="zoeken-vervangen" checked' in met.content.decode()


# --- filters -----------------------------------------------------------------------------------


def test_filter_thema(client, demo, django_assert_max_num_queries):
    opgave = ProgrammaOpgave.objects.select_related("opgave__thema").get(
        opgave__slug="energietransitie", versie__jaarprogramma__jaar=2026
    )
    thema = opgave.opgave.thema
    response = zoek(client, django_assert_max_num_queries, thema=thema.slug)
    verwacht = set(
        ProgrammaOpgave.objects.filter(
            versie__bevroren_op__isnull=False, opgave__thema=thema
        ).values_list("opgave__slug", "versie__jaarprogramma__jaar")
    )
    gevonden = {link for soort, link in treffers(response) if soort == "opgaven"}
    assert gevonden == {opgave_url(slug, jaar) for slug, jaar in verwacht}
    assert aantallen(response).get("programma") is None  # texts have no thema
    assert f'<option value="{thema.slug}" selected>' in response.content.decode()


def test_filter_gemeente_volgt_deelname_en_vragen(client, demo, django_assert_max_num_queries):
    from raden.models import Besluit

    nee = (
        Besluit.objects.filter(deelname=False)
        .select_related(
            "gemeente", "programma_opgave__opgave", "programma_opgave__versie__jaarprogramma"
        )
        .first()
    )
    assert nee is not None
    gemeente = nee.gemeente
    # recomputed from the raw rows: the opgaven of the current versions with a bijdrage of
    # this gemeente, less those of a year in which its raad decided not to take part
    from programma.models import Bijdrage

    huidig = set(gepubliceerde_versies().values_list("pk", flat=True))
    met_bijdrage = {
        (r["programma_opgave__opgave__slug"], r["programma_opgave__versie__jaarprogramma__jaar"])
        for r in Bijdrage.objects.filter(
            gemeente=gemeente, programma_opgave__versie__in=huidig
        ).values("programma_opgave__opgave__slug", "programma_opgave__versie__jaarprogramma__jaar")
    }
    niet = {
        (r["programma_opgave__opgave__slug"], r["programma_opgave__versie__jaarprogramma__jaar"])
        for r in Besluit.objects.filter(gemeente=gemeente, deelname=False).values(
            "programma_opgave__opgave__slug", "programma_opgave__versie__jaarprogramma__jaar"
        )
    }
    verwacht = {opgave_url(slug, jaar) for slug, jaar in met_bijdrage - niet}
    assert niet and verwacht
    gevonden = set()
    for pagina in (1, 2):
        response = zoek(
            client,
            django_assert_max_num_queries,
            gemeente=gemeente.slug,
            soort="opgaven",
            pagina=pagina,
        )
        gevonden |= {link for _, link in treffers(response)}
    assert aantallen(response)["opgaven"] == len(verwacht)
    assert gevonden == verwacht
    jaar = nee.programma_opgave.versie.jaar
    assert opgave_url(nee.programma_opgave.opgave.slug, jaar) not in gevonden
    # questions: those asked by a raadslid of that gemeente
    vraag = (
        Vraag.objects.filter(beantwoord_op__isnull=False)
        .select_related("raadslid__gemeente")
        .first()
    )
    eigen = zoek(
        client, django_assert_max_num_queries, gemeente=vraag.raadslid.gemeente.slug, soort="vragen"
    )
    assert any(link.endswith(f"#vraag-{vraag.pk}") for _, link in treffers(eigen))
    ander = "nijmegen" if vraag.raadslid.gemeente.slug != "nijmegen" else "arnhem"
    anders = zoek(client, django_assert_max_num_queries, gemeente=ander, soort="vragen")
    assert not any(link.endswith(f"#vraag-{vraag.pk}") for _, link in treffers(anders))


def test_filter_status_en_jaar(client, demo, django_assert_max_num_queries):
    vastgesteld = zoek(client, django_assert_max_num_queries, status="vastgesteld")
    assert jaren(vastgesteld) == {2026}
    voorgesteld = zoek(client, django_assert_max_num_queries, status="voorgesteld", q="regio")
    assert jaren(voorgesteld) == {2027}
    jaar = zoek(client, django_assert_max_num_queries, jaar="2026", soort="opgaven")
    assert jaren(jaar) == {2026}
    assert (
        aantallen(jaar)["opgaven"]
        == ProgrammaOpgave.objects.filter(
            versie__bevroren_op__isnull=False, versie__jaarprogramma__jaar=2026
        ).count()
    )
    gedekt = zoek(client, django_assert_max_num_queries, status="gedekt")
    from raden.models import Dekking

    verwacht = Dekking.objects.filter(gedekt=True).count()
    assert aantallen(gedekt) == {"opgaven": verwacht}


@pytest.mark.parametrize(
    "params, melding",
    [
        ({"thema": "bestaat-niet"}, "Dit thema bestaat niet"),
        ({"gemeente": "atlantis"}, "Deze gemeente bestaat niet"),
        ({"status": "concept"}, "Kies een status uit de lijst"),
        ({"jaar": "twintig"}, "Voor dit jaar is geen programma gepubliceerd"),
        ({"jaar": "1999", "q": "energie"}, "Voor dit jaar is geen programma gepubliceerd"),
        ({"soort": "<script>"}, "Kies een soort uit de lijst"),
    ],
)
def test_ongeldig_filter_geeft_een_melding(
    client, demo, django_assert_max_num_queries, params, melding
):
    response = zoek(client, django_assert_max_num_queries, **params)
    inhoud = response.content.decode()
    assert melding in inhoud and "foutsamenvatting" in inhoud
    assert not treffers(response)
    assert "<script>" not in inhoud.split("<main", 1)[1]


# --- pagination and query bounds ---------------------------------------------------------------


def test_paginering_en_vaste_aantallen_queries(client, demo, django_assert_max_num_queries):
    eerste = zoek(client, django_assert_max_num_queries, soort="opgaven")
    totaal = aantallen(eerste)["opgaven"]
    assert totaal == ProgrammaOpgave.objects.filter(versie__in=gepubliceerde_versies()).count()
    assert totaal > 20
    alle = []
    pagina = 1
    while True:
        response = zoek(client, django_assert_max_num_queries, soort="opgaven", pagina=pagina)
        alle.extend(treffers(response))
        inhoud = response.content.decode()
        assert 'aria-label="Paginering van de resultaten"' in inhoud
        assert f'aria-current="page"><span class="sr-only">pagina </span>{pagina}<' in inhoud
        if 'rel="next"' not in inhoud:
            break
        volgende = html.unescape(re.search(r'href="([^"]*)" rel="next"', inhoud).group(1))
        assert volgende == f"?soort=opgaven&pagina={pagina + 1}"
        pagina += 1
    assert len(alle) == totaal == len(set(alle))  # every opgave of every year, once
    assert pagina == -(-totaal // 20)
    # a page past the end, or not a number: the nearest page, no error
    for onzin in ("999", "-1", "twee", "1e9", "99999999999999999999999"):
        assert treffers(zoek(client, django_assert_max_num_queries, soort="opgaven", pagina=onzin))


def test_aantal_queries_groeit_niet_met_de_treffers(
    client, demo, login, django_assert_max_num_queries
):
    login("regiobestuur")
    for params in ({"q": "windturbine"}, {"q": "regio"}, {"vervangen": "on"}, {"q": "de"}):
        zoek(client, django_assert_max_num_queries, **params)


def test_geen_resultaten_een_behulpzame_melding(client, demo, django_assert_max_num_queries):
    response = zoek(client, django_assert_max_num_queries, q="xylofoonquasar", thema="vitale-regio")
    inhoud = response.content.decode()
    assert "Niets gevonden." in inhoud and "Zoek zonder filters" in inhoud
    assert "0 resultaten voor “xylofoonquasar”" in inhoud


# --- the index is current ----------------------------------------------------------------------


def test_een_nieuw_antwoord_is_meteen_te_vinden(client, demo, django_assert_max_num_queries):
    """The database keeps the search vector (PostgreSQL: a generated column), so what the
    programmabureau answers is found at once; before, the open question is not found at all."""
    from django.contrib.auth import get_user_model

    from raden.services import beantwoord_vraag

    vraag = Vraag.objects.filter(beantwoord_op__isnull=True).first()
    woord = "kwartelkoningen"
    assert not treffers(zoek(client, django_assert_max_num_queries, q=woord))
    beantwoord_vraag(
        vraag=vraag,
        antwoord=f"Ja. Ook de {woord} in de uiterwaarden tellen mee in de monitor.",
        acting_user=get_user_model().objects.get(username="programmabureau"),
    )
    links = treffers(zoek(client, django_assert_max_num_queries, q=woord))
    assert len(links) == 1 and links[0][1].endswith(f"#vraag-{vraag.pk}")
