"""The regiobestuur drafts the demo 2028 concept to a proposal, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_live(demo_vastgelegd, live_server):
    """The committed demo region (tests/conftest.py) behind a live server; its URL."""
    return live_server.url


def test_regiobestuur_stelt_2028_op_en_voor(demo_live, pagina, foto):
    from programma.models import Bijdrage, ProgrammaOpgave, ProgrammaVersie, Synergie

    p = pagina
    p.goto(f"{demo_live}/accounts/login/")
    p.get_by_label("Gebruikersnaam").fill("regiobestuur")
    p.get_by_label("Wachtwoord").fill("demo")
    p.get_by_role("button", name="Inloggen").click()
    expect(p.get_by_role("heading", level=1)).to_contain_text("Welkom")
    p.get_by_role("link", name=re.compile("Regionaal programma 2028")).click()
    expect(p).to_have_url(f"{demo_live}/programma/2028/bewerken/")
    foto(p, "1-overzicht")

    # 1. an opgave: a Dutch amount and a decimal comma
    p.get_by_role("link", name=re.compile("^Energietransitie")).first.click()
    p.get_by_label("Budget (euro)").fill("2.400.000")
    p.get_by_label("Capaciteit (fte)").fill("6,5")
    p.get_by_role("button", name="Opslaan", exact=True).click()
    expect(p.locator(".melding")).to_contain_text("is opgeslagen")
    po = ProgrammaOpgave.objects.get(
        versie__jaarprogramma__jaar=2028, opgave__slug="energietransitie"
    )
    assert (po.budget, str(po.capaciteit_fte)) == (2_400_000, "6.50")

    # 2. a synergy, inline with htmx: the section changes, the page stays
    p.evaluate("window.__zelfdePagina = true")
    sectie = p.locator("#synergieen")
    sectie.get_by_label("Andere opgave").select_option(
        label=ProgrammaOpgave.objects.get(
            versie__jaarprogramma__jaar=2028, opgave__slug="regionaal-voedselsysteem"
        ).opgave.titel
    )
    sectie.get_by_label("Waarin zit de synergie?").fill(
        "Restwarmte van voedselverwerkers voor kassen en wijken."
    )
    sectie.get_by_role("button", name="Synergie toevoegen").click()
    expect(sectie).to_contain_text("Restwarmte van voedselverwerkers")
    assert p.evaluate("window.__zelfdePagina === true")  # no reload: htmx swapped the section
    assert Synergie.objects.filter(toelichting__startswith="Restwarmte").exists()
    foto(p, "2-synergie")

    # 3. the verdeelsleutel, with a live preview
    p.goto(f"{demo_live}/programma/2028/bewerken/verdeelsleutel/")
    p.get_by_label("vast deel per gemeente, rest naar inwoners").check()
    p.get_by_label("Vast deel per gemeente (%)").fill("20")
    p.get_by_role("button", name="Voorbeeld berekenen").click()
    expect(p.locator("#voorbeeld")).to_contain_text("precies op tot het budget")
    p.get_by_role("button", name="Opslaan").click()
    expect(p.locator(".melding")).to_contain_text("verdeelsleutel is opgeslagen")
    foto(p, "3-verdeelsleutel")

    # 4. propose
    p.goto(f"{demo_live}/programma/2028/bewerken/")
    p.get_by_role("link", name="Naar voorstellen").click()
    foto(p, "4-voorstellen")
    p.get_by_role("button", name="Voorstellen aan de raden").click()
    expect(p.locator(".melding")).to_contain_text("is voorgesteld aan de raden")
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    assert versie.is_bevroren and versie.verdeelsleutel == "basis_plus_inwoners"
    assert (
        Bijdrage.objects.filter(programma_opgave__versie=versie).count()
        == 18 * versie.opgaven.count()
    )

    # 5. the public sees it
    p.get_by_role("button", name="Uitloggen").click()
    p.goto(f"{demo_live}/programma/2028/")
    expect(p.get_by_role("heading", level=1)).to_contain_text("2028")
    expect(p.locator("body")).to_contain_text("€\u00a02.400.000")
    expect(p.locator("body")).not_to_contain_text("CONCEPT")
    foto(p, "5-openbaar")
