"""Two editors work on the same concept opgave at the same time, each in their own browser.
What only one of them changed is kept without a question; the field both changed is asked."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_opstellen import demo_live  # noqa: F401 - the live demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/programma/2028/bewerken/opgaven/energietransitie/"


def _inloggen(chromium, basis: str, naam: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    p = context.new_page()
    p.set_default_timeout(15_000)
    p.goto(f"{basis}/accounts/login/")
    p.get_by_label("Gebruikersnaam").fill(naam)
    p.get_by_label("Wachtwoord").fill("demo")
    p.get_by_role("button", name="Inloggen").click()
    expect(p.get_by_role("heading", level=1)).to_contain_text("Welkom")
    return context, p


def _opslaan(p):
    p.get_by_role("button", name="Opslaan", exact=True).click()


def test_twee_redacteuren_houden_allebei_hun_wijziging(demo_live, chromium, foto):  # noqa: F811
    from programma.models import ProgrammaOpgave

    def po():
        return ProgrammaOpgave.objects.get(
            versie__jaarprogramma__jaar=2028, opgave__slug="energietransitie"
        )

    ctx_anja, anja = _inloggen(chromium, demo_live, "programmabureau")
    ctx_bert, bert = _inloggen(chromium, demo_live, "regiobestuur")
    try:
        # 1. different fields: both saves simply succeed
        anja.goto(demo_live + URL)
        bert.goto(demo_live + URL)
        anja.get_by_label("Budget (euro)").fill("2.750.000")
        _opslaan(anja)
        expect(anja.locator(".melding")).to_contain_text("is opgeslagen")
        bert.get_by_label("Mandaat").fill(
            "De portefeuillehouder sluit namens de regio convenanten met netbeheerders."
        )
        _opslaan(bert)
        expect(bert.locator(".melding--success")).to_contain_text("is opgeslagen")
        expect(bert.locator(".melding--info")).to_contain_text(
            "Demo Programmabureau had intussen ook opgeslagen. Die wijziging in Budget (euro)"
        )
        foto(bert, "1-samengevoegd")
        assert po().budget == 2_750_000
        assert po().mandaat.startswith("De portefeuillehouder sluit namens de regio")

        # 2. the same field: only that field is asked, with the words each changed marked
        anja.goto(demo_live + URL)
        bert.goto(demo_live + URL)
        oud = po().doel
        woorden = oud.split()
        anja.get_by_label("Doel").fill(" ".join([*woorden[:3], "uiterlijk", *woorden[3:]]))
        anja.get_by_label("Capaciteit (fte)").fill("7,5")
        _opslaan(anja)
        expect(anja.locator(".melding")).to_contain_text("is opgeslagen")
        bert.get_by_label("Doel").fill(oud + " Met voorrang voor wijken met energiearmoede.")
        bert.get_by_label("Sturing").fill("Stuurgroep Energie, elk kwartaal, met de netbeheerder.")
        _opslaan(bert)
        conflict = bert.locator("#conflict")
        expect(conflict).to_contain_text("Iemand anders heeft intussen opgeslagen")
        expect(conflict.locator("legend")).to_have_text(["Doel"])
        expect(conflict.locator("ins").first).to_be_visible()
        foto(bert, "2-conflict")
        bert.set_viewport_size({"width": 390, "height": 844})
        foto(bert, "2-conflict-smal")
        bert.set_viewport_size({"width": 1280, "height": 900})
        assert po().sturing != "Stuurgroep Energie, elk kwartaal, met de netbeheerder."

        # saving without a choice asks again
        conflict.get_by_role("button", name="Keuzes opslaan").click()
        expect(bert.locator("#conflict")).to_contain_text("kies bij elk veld")
        bert.locator("#conflict").get_by_label("Mijn versie").check()
        bert.locator("#conflict").get_by_role("button", name="Keuzes opslaan").click()
        expect(bert.locator(".melding").first).to_contain_text("is opgeslagen")
        expect(bert.get_by_label("Capaciteit (fte)")).to_have_value(re.compile(r"^7,5"))
        foto(bert, "3-opgelost")

        # both changes kept: Anja's capaciteit, Bert's sturing and (his choice) his doel
        nu = po()
        assert str(nu.capaciteit_fte) == "7.50"
        assert nu.sturing == "Stuurgroep Energie, elk kwartaal, met de netbeheerder."
        assert nu.doel.endswith("Met voorrang voor wijken met energiearmoede.")
        assert nu.budget == 2_750_000
    finally:
        ctx_anja.close()
        ctx_bert.close()
