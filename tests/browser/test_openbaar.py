"""A visitor without an account, as they would use the public portal: from the home page to the
thema, the search in the header, an opgave, the open data, and the switch to English and back.
The second visit of a page comes from the page cache, unseen."""

import csv
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_opstellen import demo_live  # noqa: F401 - the live demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_een_inwoner_zoekt_leest_en_wisselt_van_taal(demo_live, chromium, foto):  # noqa: F811
    for breedte in (1280, 390):
        context = chromium.new_context(viewport={"width": breedte, "height": 900}, locale="nl-NL")
        p = context.new_page()
        p.set_default_timeout(15_000)
        p.goto(f"{demo_live}/")
        expect(p.get_by_role("heading", name="Besluitvorming in de gemeenteraden")).to_be_visible()

        # a thema from the home page
        p.get_by_role("link", name="Circulaire regio").first.click()
        expect(p.get_by_role("heading", level=1)).to_have_text("Circulaire regio")
        foto(p, f"thema-{breedte}")

        # the search box in the header, then a result
        p.get_by_label("Zoek in het programma").fill("energietransitie")
        p.get_by_label("Zoek in het programma").press("Enter")
        expect(p).to_have_url(re.compile(r"/zoeken/\?q=energietransitie"))
        expect(p.get_by_role("heading", level=2).first).to_contain_text("energietransitie")
        foto(p, f"zoeken-{breedte}")
        p.locator("ol a").first.click()
        expect(p.get_by_role("heading", level=1)).to_contain_text("Energietransitie")
        expect(p.get_by_role("heading", name=re.compile("Bijdragen en besluiten"))).to_be_visible()

        # the open data from the header
        p.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Open data").click()
        expect(p.get_by_role("heading", level=1)).to_have_text("Open data")
        with p.expect_download() as download:
            p.get_by_role("link", name="besluiten.csv").first.click()
        assert download.value.suggested_filename.endswith("-besluiten.csv")
        with open(download.value.path(), encoding="utf-8") as bestand:
            kop = next(csv.reader(bestand))
        assert "gemeente" in kop

        # English, on the same page, and back
        p.get_by_role("link", name="English").click()
        expect(p.locator("html")).to_have_attribute("lang", "en")
        expect(p).to_have_url(re.compile(r"/open-data/$"))
        foto(p, f"open-data-en-{breedte}")
        p.get_by_role("link", name="Nederlands").click()
        expect(p.locator("html")).to_have_attribute("lang", "nl")
        context.close()
