"""Issue 18, point 5, in Chromium: axe-core finds no violation of WCAG 2.1 A/AA (nor of its
best practices) on any public page, at 1280 px and at 320 px; the main pages do not scroll
sideways at 390 and 320 px; everything a keyboard reaches shows its focus; a printed page has
no menu. Screenshots of each width are kept as artefacts (test-artifacts/)."""

from __future__ import annotations

import pytest

from tests.browser.toegankelijkheid import PAGINAS, axe_schendingen, nog_niet_gebouwd

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMAL = (390, 320)


@pytest.fixture
def demo_live(demo_vastgelegd, live_server):
    """The committed demo region (tests/conftest.py) behind a live server; its URL."""
    return live_server.url


def _open(page, url: str, pagina) -> bool:
    """Load the page; False for a URL that is still a placeholder on this branch."""
    antwoord = page.goto(url + pagina.pad)
    if antwoord.status == 404 and nog_niet_gebouwd(pagina.pad):
        return False
    verwacht = 404 if pagina.naam == "niet-gevonden" else 200
    assert antwoord.status == verwacht, f"{pagina.pad}: {antwoord.status}"
    return True


def _samenvatting(fouten: dict[str, list[str]]) -> str:
    return "\n".join(f"{pad}\n  " + "\n  ".join(regels) for pad, regels in fouten.items())


def test_axe_vindt_niets_op_elke_openbare_pagina(pagina, demo_live):
    fouten: dict[str, list[str]] = {}
    bekeken = []
    for p in PAGINAS:
        if not _open(pagina, demo_live, p):
            continue
        bekeken.append(p.pad)
        if regels := axe_schendingen(pagina):
            fouten[p.pad] = regels
    assert not fouten, "axe-core (1280 px):\n" + _samenvatting(fouten)
    assert len(bekeken) >= 18, bekeken


ENGELS = [
    "/",
    "/programma/2027/",
    "/opgaven/energietransitie/",
    "/gemeenten/arnhem/",
    "/programma/2027/synergie/",
    "/programma/2027/dekking/",
    "/toegankelijkheid/",
]


def test_axe_vindt_niets_in_het_engels(chromium, demo_live):
    """The English interface (LocaleMiddleware, from the browser's language) on the main pages."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    fouten: dict[str, list[str]] = {}
    try:
        for pad in ENGELS:
            antwoord = page.goto(demo_live + pad)
            if antwoord.status == 404 and nog_niet_gebouwd(pad):
                continue
            assert antwoord.status == 200, pad
            assert page.get_attribute("html", "lang") == "en"
            if regels := axe_schendingen(page):
                fouten[pad] = regels
    finally:
        context.close()
    assert not fouten, "axe-core (English):\n" + _samenvatting(fouten)


def test_een_mislukte_inlog_is_toegankelijk(pagina, demo_live):
    """The login form with its error message (the state a user meets when something is wrong)."""
    pagina.goto(demo_live + "/accounts/login/")
    pagina.get_by_label("Gebruikersnaam").fill("bestaat-niet")
    pagina.get_by_label("Wachtwoord").fill("fout")
    pagina.get_by_role("button", name="Inloggen").click()
    # the error summary (GOV.UK pattern) has the focus and names what failed
    samenvatting = pagina.locator(".foutsamenvatting")
    assert samenvatting.get_attribute("role") == "alert"
    assert pagina.evaluate("document.activeElement.classList.contains('foutsamenvatting')")
    assert "Inloggen is niet gelukt" in samenvatting.inner_text()
    assert axe_schendingen(pagina) == []


def test_smalle_schermen_zonder_zijwaarts_scrollen(chromium, demo_live, foto):
    """At 390 and 320 px the page body is never wider than the screen (a wide table or the
    synergy map scrolls inside its own region), and axe still finds nothing."""
    te_breed: dict[str, list[str]] = {}
    for breedte in SMAL:
        context = chromium.new_context(viewport={"width": breedte, "height": 800}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for p in PAGINAS:
                if not p.smal or not _open(page, demo_live, p):
                    continue
                foto(page, f"{p.naam}-{breedte}")
                breed = page.evaluate("document.documentElement.scrollWidth")
                if breed > breedte:
                    te_breed.setdefault(p.pad, []).append(f"{breedte} px: {breed} px breed")
                if breedte == 320:
                    for regel in axe_schendingen(page):
                        te_breed.setdefault(p.pad, []).append(f"axe bij 320 px: {regel}")
        finally:
            context.close()
    assert not te_breed, _samenvatting(te_breed)


ZICHTBARE_FOCUS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const lijn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent';
  const schaduw = s.boxShadow && s.boxShadow !== 'none';
  const vlak = s.backgroundColor === 'rgb(255, 191, 71)';
  // text on the yellow focus background must be dark (white on yellow is 1.6:1)
  const leesbaar = !vlak || s.color === 'rgb(11, 12, 12)';
  return {zichtbaar: (lijn || schaduw || vlak) && leesbaar,
          nr: Array.prototype.indexOf.call(document.querySelectorAll('*'), el),
          wat: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
               (el.textContent || el.value || '').trim().slice(0, 40)};
}"""


@pytest.mark.parametrize(
    "pad", ["/", "/programma/2027/synergie/", "/programma/2027/dekking/", "/accounts/login/"]
)
def test_elk_element_dat_het_toetsenbord_bereikt_toont_focus(pagina, demo_live, pad):
    """Tab through the page: every element that receives the focus shows it (an outline, a
    ring or the yellow background), in the header on green as well as on white."""
    pagina.goto(demo_live + pad)
    onzichtbaar = []
    gezien = set()
    for _ in range(150):
        pagina.keyboard.press("Tab")
        uitkomst = pagina.evaluate(ZICHTBARE_FOCUS)
        if uitkomst["nr"] in gezien or uitkomst["wat"].startswith("body"):
            break  # round the page once
        gezien.add(uitkomst["nr"])
        if not uitkomst["zichtbaar"]:
            onzichtbaar.append(uitkomst["wat"])
    assert len(gezien) > 5
    assert not onzichtbaar, onzichtbaar


def test_de_skiplink_is_het_eerste_en_brengt_naar_de_inhoud(pagina, demo_live):
    pagina.goto(demo_live + "/programma/2027/")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.className") == "skiplink"
    assert pagina.locator(".skiplink").is_visible()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**#inhoud")  # the jump is not there the moment Enter returns


def test_de_synergiekaart_is_een_plaatje_met_een_tabel_ernaast(pagina, demo_live, foto):
    """No links inside the SVG (axe: nested-interactive); every line of the map is a row of
    the table after it, with links to both opgaven; at 320 px the map scrolls in its own
    region and the page does not."""
    from programma.models import ProgrammaVersie, Synergie

    pagina.goto(demo_live + "/programma/2027/synergie/")
    kaart = pagina.locator(".synergiekaart svg[role=img]")
    assert kaart.count() == 1
    assert kaart.locator("a").count() == 0
    versie = ProgrammaVersie.objects.filter(jaarprogramma__jaar=2027).bevroren().order_by("-nummer")
    versie = versie.first()
    aantal = Synergie.objects.filter(van__versie=versie).count()
    assert aantal and pagina.locator(".synergiekaart line").count() == aantal
    rijen = pagina.locator("#synergie-tabel tbody tr")
    assert rijen.count() == aantal
    assert rijen.first.locator("a").count() == 2
    pagina.set_viewport_size({"width": 320, "height": 800})
    rol = pagina.locator(".synergiekaart__rol")
    assert rol.get_attribute("tabindex") == "0"
    assert rol.evaluate("e => e.scrollWidth > e.clientWidth")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 320
    foto(pagina, "synergie-320")


def test_tabellen_houden_hun_kolomnamen_op_een_telefoon(pagina, demo_live):
    """At 390 px the header row of a card-style table is gone, so each figure carries its
    column's name (data-label) and shows it before the value."""
    pagina.set_viewport_size({"width": 390, "height": 800})
    for pad in ("/programma/2027/begroting/", "/programma/2027/synergie/"):
        pagina.goto(demo_live + pad)
        cellen = pagina.locator("main table.tabel:not(.matrix):not(.stemtabel) tbody td")
        assert cellen.count() > 10
        zonder = cellen.evaluate_all("cs => cs.filter(c => !c.dataset.label).map(c => c.outerHTML)")
        assert not zonder, (pad, zonder[:3])
        voor = cellen.first.evaluate("c => getComputedStyle(c, '::before').content")
        assert voor not in ("none", "normal", ""), voor


def test_een_afgedrukte_pagina_heeft_geen_menu_en_herhaalt_de_tabelkop(pagina, demo_live, tmp_path):
    pagina.goto(demo_live + "/programma/2027/begroting/")
    pagina.emulate_media(media="print")
    for onderdeel in (".kop nav", ".zoekveld", ".skiplink", ".voet__links"):
        assert not pagina.locator(onderdeel).first.is_visible(), onderdeel
    kop = pagina.locator("main table thead").first
    assert kop.evaluate("e => getComputedStyle(e).display") == "table-header-group"
    assert pagina.locator("h1").evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    pagina.pdf(path=str(tmp_path / "begroting.pdf"))  # renders with the print stylesheet
