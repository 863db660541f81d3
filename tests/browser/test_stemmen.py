"""A council vote in Chromium: the griffier of Rozendaal opens a voting window, the raadslid
votes by clicking (htmx, no reload), the griffier records the rest with the quick entry per
fractie, closes and confirms. And the raadslid's vote with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_live(demo_vastgelegd, live_server):
    """The committed demo region (tests/conftest.py) behind a live server; its URL."""
    return live_server.url


def _inloggen(page, url: str, gebruiker: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def _eerste_opgave():
    from programma.models import ProgrammaVersie

    versie = (
        ProgrammaVersie.objects.filter(jaarprogramma__jaar=2027)
        .bevroren()
        .order_by("-nummer")
        .first()
    )
    return (
        versie.opgaven.exclude(stemmingen__gemeente__slug="rozendaal")
        .select_related("opgave")
        .order_by("rangorde")
        .first()
    )


def _stemming_van(stemming_url: str):
    """The Stemming of its page (Rozendaal has the demo's votes of 2026 and 2027 version 1)."""
    from raden.models import Stemming

    pk = int(re.search(r"/stemmingen/(\d+)/", stemming_url).group(1))
    return Stemming.objects.get(pk=pk, gemeente__slug="rozendaal")


def _open_stemming(p, url: str, foto) -> str:
    """As the griffier: open a window on the first opgave; the URL of its Stemming page."""
    from django.utils import timezone

    po = _eerste_opgave()
    _inloggen(p, url, "griffier-rozendaal")
    p.goto(f"{url}/gemeenten/rozendaal/besluiten/2027/")
    expect(p.get_by_role("heading", level=1)).to_contain_text("Besluiten van de raad")
    p.get_by_label("Vergaderdatum").fill(timezone.localdate().isoformat())
    p.get_by_label(po.opgave.titel).check()
    foto(p, "1-ronde")
    p.get_by_role("button", name="Openen over de aangevinkte opgaven").click()
    expect(p.locator(".melding")).to_contain_text("De stemming is geopend over 1 opgave.")
    p.get_by_role("link", name=re.compile(f"Stemming over {re.escape(po.opgave.titel)}")).click()
    expect(p.get_by_role("heading", level=1)).to_contain_text(po.opgave.titel)
    return p.url


def test_griffier_opent_raadslid_stemt_griffier_legt_vast_en_bevestigt(
    demo_live, chromium, pagina, foto
):
    from raden.models import Besluit, Keuze, Raadslid, Reden, Stem, Uitkomst

    griffier = pagina
    stemming_url = _open_stemming(griffier, demo_live, foto)
    stemming = _stemming_van(stemming_url)
    assert stemming.is_open

    # the raadslid, in a browser of their own, votes by clicking: htmx swaps the section
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    r = context.new_page()
    r.set_default_timeout(15_000)
    _inloggen(r, demo_live, "raadslid-rozendaal")
    r.goto(stemming_url)
    r.evaluate("window.__zelfdePagina = true")
    uw_stem = r.locator("#uw-stem")
    uw_stem.get_by_role("button", name="Voor").click()
    expect(uw_stem).to_contain_text("U stemde voor")
    uw_stem.get_by_role("button", name="Tegen").click()
    expect(uw_stem).to_contain_text("U stemde tegen")
    assert r.evaluate("window.__zelfdePagina === true")  # no reload
    foto(r, "2-raadslid")
    zetel = Raadslid.objects.get(user__username="raadslid-rozendaal")
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.TEGEN

    # the griffier records the rest with the quick entry per fractie
    griffier.reload()
    expect(griffier.locator("[data-tabel=telling] [data-kolom=tegen]")).to_have_text("1")
    fracties = {f.naam: f for f in zetel.fractie.__class__.objects.filter(gemeente=zetel.gemeente)}
    # the raadslid's own fractie: voor, except the raadslid (tegen, as voted) and one absent
    eigen = griffier.locator(f"#fractie-{zetel.fractie_id}")
    eigen.get_by_label("voor", exact=True).check()
    afwezig = Raadslid.objects.zittend().filter(fractie=zetel.fractie).exclude(pk=zetel.pk).first()
    eigen.get_by_text("Behalve: leden die anders stemden").click()  # opens the exceptions
    eigen.get_by_label(zetel.naam, exact=True).check()
    eigen.get_by_label(f"{zetel.naam} stemde").select_option("tegen")
    eigen.get_by_label(afwezig.naam, exact=True).check()
    eigen.get_by_label(f"{afwezig.naam} stemde").select_option("afwezig")
    eigen.get_by_role("button", name=re.compile("^Stemmen van")).click()
    expect(griffier.locator(".melding")).to_contain_text("zijn vastgelegd")
    for naam, keuze in (("Rosendael '74", "voor"), ("Belangengemeenschap Rozendaal", "tegen")):
        sectie = griffier.locator(f"#fractie-{fracties[naam].pk}")
        sectie.get_by_label(keuze, exact=True).check()
        sectie.get_by_role("button", name=re.compile("^Stemmen van")).click()
        expect(griffier.locator(".melding")).to_contain_text(f"{naam} zijn vastgelegd")
    foto(griffier, "3-vastgelegd")
    # 4 + 1 voor, 1 + 2 tegen, 1 afwezig
    assert Stem.objects.get(stemming=stemming, raadslid=afwezig).reden == Reden.AFWEZIG
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.TEGEN

    griffier.get_by_role("button", name="Stemming sluiten").click()
    expect(griffier.locator("#uitslag-kop")).to_contain_text("Aangenomen")
    griffier.get_by_label("Zienswijze (niet verplicht)").fill("Graag halfjaarlijks rapporteren.")
    griffier.get_by_role("button", name="Uitslag bevestigen").click()
    expect(griffier.locator(".melding")).to_contain_text("De uitslag is bevestigd")
    foto(griffier, "4-bevestigd")
    stemming.refresh_from_db()
    assert stemming.uitkomst == Uitkomst.AANGENOMEN and stemming.is_bevestigd
    assert (stemming.voor, stemming.tegen, stemming.afwezig) == (5, 3, 1)
    assert Besluit.objects.get(stemming=stemming).zienswijze.startswith("Graag")

    # the raadslid's page is read-only now
    r.reload()
    expect(r.locator("#uw-stem")).to_contain_text("U stemde tegen")
    expect(r.locator("#uw-stem").get_by_role("button")).to_have_count(0)
    context.close()


def _tab_naar(page, naam: str, maximaal: int = 80) -> None:
    for _ in range(maximaal):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.innerText.trim()") == (
            naam
        ):
            return
    raise AssertionError(f"{naam} not reached with Tab")


def test_raadslid_stemt_met_alleen_het_toetsenbord(demo_live, chromium, pagina, foto):
    from raden.models import Keuze, Raadslid, Stem

    stemming_url = _open_stemming(pagina, demo_live, foto)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    r = context.new_page()
    r.set_default_timeout(15_000)
    _inloggen(r, demo_live, "raadslid-rozendaal")
    r.goto(stemming_url)
    zetel = Raadslid.objects.get(user__username="raadslid-rozendaal")
    stemming = _stemming_van(stemming_url)

    _tab_naar(r, "Voor")
    r.keyboard.press("Space")
    expect(r.locator("#uw-stem")).to_contain_text("U stemde voor")
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.VOOR

    _tab_naar(r, "Tegen")
    r.keyboard.press("Enter")
    expect(r.locator("#uw-stem")).to_contain_text("U stemde tegen")
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.TEGEN
    foto(r, "toetsenbord")
    context.close()
