"""The yearly cycle of 2028 in Chromium, as its users live it (issue 19, point 1).

The regiobestuur drafts the 2028 concept (a new opgave, a synergy, the verdeelsleutel) and
proposes it; the griffier of Rozendaal downloads the raadsvoorstel and opens the voting windows;
three raadsleden vote on the new opgave, one of them with the keyboard alone, and changes their
vote; the griffier records the rest of the raad (one member absent), closes and confirms, and
leads the raad through the other opgaven; the regiobestuur closes the round; a visitor without
an account reads the Besluit, the votes per fractie and the coverage matrix. Every step is a
screenshot in test-artifacts/.

Rozendaal has the smallest raad of the region (9 seats in three fracties), so its whole meeting
fits in one walk. What no page offers is set up through the ORM or the services, and says so:
login accounts for two more raadsleden (the demo has one raadslid account per gemeente), and the
decisions of the 17 other raden, without which the round cannot be closed completely."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter, defaultdict

import pytest
from playwright.sync_api import expect

from tests.browser.test_opstellen import demo_live  # noqa: F401 - the live demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JAAR = 2028
GEMEENTE = "rozendaal"
NIEUW = "Regionale energieopslag: batterijen bij zon- en windparken"
BUDGET = 1_250_000
#: the opgave the raad of Rozendaal votes down (as it did in 2026): it ends niet gedekt
VERWORPEN = "mobiliteitscorridor"
#: the fracties of Rozendaal (portaal/demo/data/raden.toml)
R74, PA, BGR = "Rosendael '74", "Progressief Akkoord", "Belangengemeenschap Rozendaal"
NBSP = "\u00a0"


def _euro(bedrag: int) -> str:
    """€ 1.250.000 as the pages write it (regio.geld), for comparing with what they show."""
    return f"€{NBSP}{bedrag:,}".replace(",", ".")


def _venster(chromium, breedte: int = 1280):
    context = chromium.new_context(viewport={"width": breedte, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _inloggen(page, url: str, gebruiker: str) -> None:
    """From the home page, as anyone arrives: Inloggen in the header, then Mijn."""
    page.goto(f"{url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inloggen").click()
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


_GEFOCUST = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "";
    if (e.tagName === "INPUT") return "input:" + e.name;
    return e.innerText.trim();
}"""


def _tab_naar(page, doel: str, *, maximaal: int = 150) -> None:
    """Tab until the focused element reads `doel` (an input: its name as "input:<name>");
    nothing to do if it has the focus already (autofocus)."""
    for _ in range(maximaal):
        if page.evaluate(_GEFOCUST) == doel:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{doel!r} is not reached with the keyboard")


# --- setup that no page offers ------------------------------------------------------------


def _accounts_voor_raadsleden() -> dict[str, object]:
    """SETUP (no page links an account to a seated raadslid; the raad page adds new members
    only): the first member without an account of Rosendael '74 and of Belangengemeenschap
    Rozendaal gets a login, password "demo", like the demo's own raadslid of Progressief
    Akkoord. Returns the three voting seats by fractie name."""
    from django.contrib.auth import get_user_model

    from raden.models import Raadslid

    zetels = {PA: Raadslid.objects.get(user__username=f"raadslid-{GEMEENTE}")}
    for i, fractie in enumerate((R74, BGR), start=2):
        lid = (
            Raadslid.objects.zittend()
            .filter(gemeente__slug=GEMEENTE, fractie__naam=fractie, user__isnull=True)
            .order_by("pk")
            .first()
        )
        lid.user = get_user_model().objects.create_user(
            username=f"raadslid-{GEMEENTE}-{i}",
            password="demo",
            first_name=lid.voornaam,
            last_name=lid.achternaam,
        )
        lid.save(update_fields=["user"])
        zetels[fractie] = lid
    return zetels


def _de_andere_raden_besluiten() -> int:
    """SETUP (the browser walks one raad; the round closes completely only when all 18 have
    decided): each of the 17 other raden decides on every opgave of the proposed version, all
    members voor, through the services their griffiers' pages call: open the windows, record
    the votes (the quick entry's service, for the whole raad at once), close, confirm. Returns
    the number of Besluiten."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from programma.models import ProgrammaVersie
    from raden import services
    from raden.models import Keuze

    versie = ProgrammaVersie.objects.filter(jaarprogramma__jaar=JAAR).bevroren().get()
    besluiten = 0
    # one commit for them all: quicker, and no page shows half of them
    with transaction.atomic():
        for deelnemer in versie.deelnemers.exclude(gemeente__slug=GEMEENTE).select_related(
            "gemeente"
        ):
            gemeente = deelnemer.gemeente
            griffier = get_user_model().objects.get(username=f"griffier-{gemeente.slug}")
            for stemming in services.open_stemmingen(
                gemeente=gemeente,
                versie=versie,
                vergaderdatum=timezone.localdate(),
                acting_user=griffier,
            ):
                services.stem_fractie(
                    stemming=stemming, fractie=None, keuze=Keuze.VOOR, acting_user=griffier
                )
                stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
                besluit = services.bevestig_stemming(stemming=stemming, acting_user=griffier)
                besluiten += besluit is not None
    return besluiten


def _routine_via_services(versie, *, behalve: set[str], over: int) -> None:
    """SETUP (time: each vote is five clicks and a reload in the browser): Rozendaal's
    unanimous routine votes of the meeting, recorded through the services the griffier's pages
    call, except the opgaven in `behalve` and the first `over` others, which the browser does."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from raden import services
    from raden.models import Keuze, Stemming

    griffier = get_user_model().objects.get(username=f"griffier-{GEMEENTE}")
    open_ = (
        Stemming.objects.filter(
            gemeente__slug=GEMEENTE, versie=versie, gesloten_op__isnull=True, vervallen_reden=""
        )
        .exclude(programma_opgave__opgave__slug__in=behalve)
        .order_by("programma_opgave__rangorde")
    )
    with transaction.atomic():
        for stemming in list(open_)[over:]:
            services.stem_fractie(
                stemming=stemming, fractie=None, keuze=Keuze.VOOR, acting_user=griffier
            )
            stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
            services.bevestig_stemming(stemming=stemming, acting_user=griffier)


# --- the steps ----------------------------------------------------------------------------


def _regiobestuur_stelt_op_en_voor(p, url: str, foto) -> str:
    """The regiobestuur drafts and proposes 2028; the new opgave's slug."""
    _inloggen(p, url, "regiobestuur")
    p.get_by_role("link", name=re.compile(f"Regionaal programma {JAAR}")).first.click()
    expect(p.get_by_role("heading", level=1)).to_contain_text(f"Regionaal programma {JAAR}")

    # a new opgave, with a Dutch amount and a decimal comma
    p.get_by_role("link", name="Opgave toevoegen").click()
    p.get_by_label("Titel van een nieuwe opgave").fill(NIEUW)
    p.get_by_label("Thema van een nieuwe opgave").select_option(label="Circulaire regio")
    p.get_by_role("textbox", name="Doel", exact=True).fill(
        "Zon- en windparken leveren meer stroom aan het net, ook als het net vol is: batterijen "
        "vangen de pieken op."
    )
    p.get_by_role("textbox", name="Resultaat", exact=True).fill(
        "Eind 2028 staat bij vijf parken samen 40 MWh opslag, aangesloten zonder extra "
        "netcapaciteit."
    )
    p.get_by_role("textbox", name="Mandaat", exact=True).fill(
        "De portefeuillehouder sluit namens de regio samenwerkingsafspraken met netbeheerder en "
        "parkeigenaren, binnen het budget; raadsbevoegdheden blijven bij de raden."
    )
    p.get_by_role("textbox", name="Sturing", exact=True).fill(
        "De stuurgroep Energie stuurt; rapportage per tertiaal aan regiobestuur en raden."
    )
    p.get_by_label("Budget (euro)").fill("1.250.000")
    p.get_by_label("Capaciteit (fte)").fill("2,5")
    p.get_by_label("Rangorde van het regiobestuur").fill("3")
    p.get_by_label("Regionaal portefeuillehouder").select_option(
        label="Marieke van der Linden – wethouder Lingewaard"
    )
    foto(p, "01-nieuwe-opgave")
    p.get_by_role("button", name="Toevoegen").click()
    expect(p.locator(".melding")).to_contain_text(f"{NIEUW} staat in het programma.")
    slug = re.search(r"/bewerken/opgaven/([\w-]+)/$", p.url).group(1)

    # a synergy with the energy transition, inline (htmx)
    sectie = p.locator("#synergieen")
    sectie.get_by_label("Andere opgave").select_option(
        label="Energietransitie: duurzame opwek en netcongestie"
    )
    sectie.get_by_label("Waarin zit de synergie?").fill(
        "Opslag bij de parken haalt de druk van het net dat de energietransitie vult."
    )
    sectie.get_by_role("button", name="Synergie toevoegen").click()
    expect(sectie.locator("ul.synergieen")).to_contain_text(
        "Energietransitie: duurzame opwek en netcongestie: Opslag bij de parken"
    )
    foto(p, "02-synergie")

    # the concept overview lists it, with its budget, in the total
    p.get_by_role("link", name=f"Concept {JAAR}, versie 1").click()
    rij = p.get_by_role("row").filter(has=p.get_by_role("link", name=NIEUW, exact=True))
    expect(rij).to_contain_text(_euro(BUDGET))
    expect(rij).to_contain_text("2,5 fte")
    expect(p.get_by_role("row", name=re.compile("^Totaal"))).to_contain_text(
        _euro(17_800_000 + BUDGET)
    )

    # the verdeelsleutel: 10 % in equal parts, the rest by inwoners
    p.get_by_role("link", name="Verdeelsleutel en bijdragen").click()
    p.get_by_label("vast deel per gemeente, rest naar inwoners").check()
    p.get_by_label("Vast deel per gemeente (%)").fill("10")
    p.get_by_role("button", name="Voorbeeld berekenen").click()
    expect(p.locator("#voorbeeld")).to_contain_text("precies op tot het budget")
    p.get_by_role("button", name="Opslaan").click()
    expect(p.locator(".melding")).to_contain_text("De verdeelsleutel is opgeslagen.")
    foto(p, "03-verdeelsleutel")

    # propose: the public programme page shows the new opgave with its budget
    p.get_by_role("link", name=f"Concept {JAAR}, versie 1").click()
    p.get_by_role("link", name="Naar voorstellen").click()
    expect(p.locator("[data-kolom=opgaven]")).to_have_text("15")
    expect(p.locator("[data-kolom=budget]")).to_have_text(_euro(17_800_000 + BUDGET))
    expect(p.locator("main")).to_contain_text("vast deel per gemeente, rest naar inwoners")
    foto(p, "04-voorstellen")
    p.get_by_role("button", name="Voorstellen aan de raden").click()
    expect(p.locator(".melding")).to_contain_text("is voorgesteld aan de raden")
    expect(p.get_by_role("heading", level=1)).to_contain_text(f"Regionaal programma {JAAR}")
    kaart = p.locator(f"li.kaart[data-rij='opgave:{slug}']")
    expect(kaart.get_by_role("link")).to_have_text(NIEUW)
    expect(kaart.locator("[data-kolom=budget]")).to_have_text(_euro(BUDGET))
    expect(kaart.locator("[data-kolom=fte]")).to_have_text("2,5 fte")
    expect(kaart).to_contain_text("Marieke van der Linden")
    expect(p.locator("p.versie-info .status").first).to_have_text("voorgesteld")
    foto(p, "05-voorgesteld")
    return slug


def _griffier_opent(g, url: str, foto, bijdrage: int) -> None:
    """The griffier reads and downloads the raadsvoorstel (which names Rozendaal, the new opgave
    and Rozendaal's `bijdrage` to it), and opens the windows on every opgave."""
    _inloggen(g, url, f"griffier-{GEMEENTE}")
    sectie = g.locator(f"[data-gemeente={GEMEENTE}]")
    expect(sectie).to_contain_text(f"Regionaal programma {JAAR}")
    expect(sectie.locator("[data-taak=openen]")).to_contain_text("over 15 opgaven")
    sectie.get_by_role("link", name=re.compile(f"^Regionaal programma {JAAR}")).click()
    # the PDF opens in the browser's viewer (inline) ...
    link = g.get_by_role("link", name="Raadsvoorstel Rozendaal (PDF)")
    # (rendered on this first request: allow for a slow machine)
    with g.expect_response(
        re.compile(r"/raadsvoorstel/rozendaal\.pdf$"), timeout=90_000
    ) as antwoord:
        link.click(timeout=90_000)
    assert antwoord.value.status == 200
    assert antwoord.value.headers["content-type"] == "application/pdf"
    assert antwoord.value.headers["content-disposition"] == (
        f'inline; filename="raadsvoorstel-{JAAR}-v1-{GEMEENTE}.pdf"'
    )
    g.go_back()
    # ... and Alt+click saves it, as the griffier does to put it before the raad
    with g.expect_download() as download:
        link.click(modifiers=["Alt"])
    assert download.value.suggested_filename == f"raadsvoorstel-{JAAR}-v1-{GEMEENTE}.pdf"
    pad = download.value.path()
    with open(pad, "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    if shutil.which("pdftotext"):  # poppler-utils
        tekst = subprocess.run(
            ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
        ).stdout
        tekst = re.sub(r"\s+", " ", tekst)
        assert f"Raadsvoorstel Rozendaal: Jaarprogramma {JAAR}" in tekst
        assert NIEUW in tekst
        assert "met een vast deel van 10" in tekst  # the verdeelsleutel as proposed
        # the new opgave's section, from its numbered heading to Rozendaal's bijdrage
        sectie = tekst.split(f". {NIEUW} Thema Circulaire regio", 1)[1]
        bedrag = sectie.split("Bijdrage Rozendaal: ", 1)[1].split(" ", 2)[:2]
        assert " ".join(bedrag) == _euro(bijdrage).replace(NBSP, " ")
    foto(g, "06-raadsvoorstel")

    g.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn").click()
    g.get_by_role("link", name=re.compile("^Open een stemming")).click()
    expect(g.get_by_role("heading", level=1)).to_contain_text(
        f"Besluiten van de raad van Rozendaal over het programma {JAAR} (versie 1)"
    )
    from django.utils import timezone

    g.get_by_label("Vergaderdatum").fill(timezone.localdate().isoformat())
    foto(g, "07-openen")
    g.get_by_role("button", name="Openen over alle opgaven zonder besluit").click()
    expect(g.locator(".melding")).to_have_text("De stemming is geopend over 15 opgaven.")
    expect(g.locator("[data-tabel=besluiten] [data-stand=open]")).to_have_count(15)


def _raadslid_stemt_met_muis(chromium, url: str, gebruiker: str, keuze: str, foto, naam: str):
    """A raadslid on a phone (390 px) votes on the new opgave from Mijn, by tapping."""
    context, r = _venster(chromium, 390)
    _inloggen(r, url, gebruiker)
    r.get_by_role("link", name=f"Stem over {NIEUW}").click()
    expect(r.get_by_role("heading", level=1)).to_have_text(f"Stemming over {NIEUW}")
    uw_stem = r.locator("#uw-stem")
    expect(uw_stem.locator("[data-uw-stem]")).to_have_text("U heeft nog niet gestemd.")
    foto(r, f"{naam}-390-stemmen")
    uw_stem.get_by_role("button", name=keuze.capitalize()).click()
    expect(uw_stem.locator("[data-uw-stem]")).to_have_text(f"U stemde {keuze}.")
    expect(uw_stem.get_by_role("button", name=keuze.capitalize())).to_have_attribute(
        "aria-pressed", "true"
    )
    foto(r, f"{naam}-390-gestemd")
    context.close()


def _raadslid_stemt_met_toetsenbord(chromium, url: str, foto) -> None:
    """The demo raadslid, with the keyboard alone: from the home page to Inloggen, the login
    form, Mijn, the vote; tegen first, then (one Shift+Tab back) voor."""
    context, r = _venster(chromium)
    r.goto(f"{url}/")
    _tab_naar(r, "Inloggen")
    r.keyboard.press("Enter")
    expect(r.get_by_role("heading", level=1)).to_have_text("Inloggen")
    _tab_naar(r, "input:username")
    r.keyboard.type(f"raadslid-{GEMEENTE}")
    r.keyboard.press("Tab")
    assert r.evaluate(_GEFOCUST) == "input:password"
    r.keyboard.type("demo")
    r.keyboard.press("Enter")
    expect(r.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Uitloggen")
    _tab_naar(r, "Mijn")
    r.keyboard.press("Enter")
    expect(r.get_by_role("heading", level=1)).to_have_text("Welkom, Raadslid Rozendaal")
    _tab_naar(r, f"Stem over {NIEUW}")
    r.keyboard.press("Enter")
    expect(r.get_by_role("heading", level=1)).to_have_text(f"Stemming over {NIEUW}")
    _tab_naar(r, "Tegen")
    r.keyboard.press("Space")
    stem = r.locator("#uw-stem [data-uw-stem]")
    expect(stem).to_have_text("U stemde tegen.")
    # the swap keeps the focus on the button pressed, so the other one is one key away
    assert r.evaluate(_GEFOCUST) == "Tegen"
    r.keyboard.press("Shift+Tab")
    assert r.evaluate(_GEFOCUST) == "Voor"
    r.keyboard.press("Enter")
    expect(stem).to_have_text("U stemde voor.")
    foto(r, "09-toetsenbord")
    context.close()


def _snelinvoer(g, fractie_pk: int, naam: str, keuze: str, afwezig: str | None = None) -> None:
    """The griffier's quick entry for one fractie, with at most one absent member."""
    sectie = g.locator(f"#fractie-{fractie_pk}")
    sectie.get_by_label(keuze, exact=True).check()
    if afwezig:
        sectie.get_by_text("Behalve: leden die anders stemden").click()
        sectie.get_by_label(afwezig, exact=True).check()
        sectie.get_by_label(f"{afwezig} stemde").select_option("afwezig")
    sectie.get_by_role("button", name=f"Stemmen van {naam} vastleggen").click()
    expect(g.locator(".melding")).to_have_text(f"De stemmen van {naam} zijn vastgelegd.")


def _sluit_en_bevestig(g, kop: str, zienswijze: str = "") -> None:
    g.get_by_role("button", name="Stemming sluiten").click()
    expect(g.locator(".melding")).to_contain_text("De stemming is gesloten.")
    expect(g.locator("#uitslag-kop")).to_have_text(f"Uitslag: {kop}")
    if zienswijze:
        g.get_by_label("Zienswijze (niet verplicht)").fill(zienswijze)
    g.get_by_role("button", name="Uitslag bevestigen").click()
    expect(g.locator(".melding")).to_have_text("De uitslag is bevestigd.")


def _telling(stemmen: dict[int, tuple[str, str]]) -> dict[str, Counter]:
    """Per fractie how many voted voor, tegen, niet deelgenomen: from what the test did."""
    per_fractie: dict[str, Counter] = defaultdict(Counter)
    for fractie, keuze in stemmen.values():
        per_fractie[fractie][keuze] += 1
    return per_fractie


def test_de_cyclus_van_2028(demo_live, chromium, foto):  # noqa: F811
    from django.contrib.auth import get_user_model

    from programma.models import Bijdrage, Jaarprogramma, ProgrammaOpgave, Status, Synergie
    from raden.models import Besluit, Dekking, Fractie, Keuze, Raadslid, Reden, Stem, Stemming

    url = demo_live
    zetels = _accounts_voor_raadsleden()
    fracties = {f.naam: f for f in Fractie.objects.filter(gemeente__slug=GEMEENTE)}
    assert set(fracties) == {R74, PA, BGR}

    # 1. the regiobestuur drafts and proposes 2028
    bestuur_context, b = _venster(chromium)
    slug = _regiobestuur_stelt_op_en_voor(b, url, foto)
    po = ProgrammaOpgave.objects.get(versie__jaarprogramma__jaar=JAAR, opgave__slug=slug)
    assert (po.budget, str(po.capaciteit_fte), po.versie.is_bevroren) == (BUDGET, "2.50", True)
    assert Synergie.objects.filter(toelichting__startswith="Opslag bij de parken").count() == 1
    bijdrage = Bijdrage.objects.get(programma_opgave=po, gemeente__slug=GEMEENTE).bedrag
    assert sum(Bijdrage.objects.filter(programma_opgave=po).values_list("bedrag", flat=True)) == (
        BUDGET
    )

    # SETUP: the 17 other raden decide (see the function); 17 raden x 15 opgaven
    assert _de_andere_raden_besluiten() == 17 * 15

    # 2. the griffier: the raadsvoorstel, and the windows open
    griffier_context, g = _venster(chromium)
    _griffier_opent(g, url, foto, bijdrage)

    # 3. three raadsleden vote on the new opgave: two on a phone, one with the keyboard alone,
    # who votes tegen and then changes to voor. What each member voted, as the test does it:
    bedoeld: dict[int, tuple[str, str]] = {}
    _raadslid_stemt_met_muis(chromium, url, zetels[R74].user.username, "voor", foto, "08a-r74")
    bedoeld[zetels[R74].pk] = (R74, Keuze.VOOR)
    _raadslid_stemt_met_muis(chromium, url, zetels[BGR].user.username, "tegen", foto, "08b-bgr")
    bedoeld[zetels[BGR].pk] = (BGR, Keuze.TEGEN)
    _raadslid_stemt_met_toetsenbord(chromium, url, foto)
    bedoeld[zetels[PA].pk] = (PA, Keuze.VOOR)
    stemming = Stemming.objects.get(programma_opgave=po, gemeente__slug=GEMEENTE)
    assert Stem.objects.get(stemming=stemming, raadslid=zetels[PA]).keuze == Keuze.VOOR
    assert list(
        Stem.history.filter(stemming_id=stemming.pk, raadslid_id=zetels[PA].pk)
        .order_by("history_date", "history_id")
        .values_list("keuze", flat=True)
    ) == [Keuze.TEGEN, Keuze.VOOR]

    # 4. the griffier sees the tally so far, records the rest of the raad with the quick entry
    # per fractie (one member of Rosendael '74 absent), closes and confirms
    g.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn").click()
    g.get_by_role("link", name=f"Stemmen vastleggen en de stemming sluiten: {NIEUW}").click()
    telling = g.locator("[data-tabel=telling]")
    expect(telling.locator("[data-kolom=voor]")).to_have_text("2")
    expect(telling.locator("[data-kolom=tegen]")).to_have_text("1")
    expect(telling.locator("[data-kolom=afwezig]")).to_have_text("6")
    # the changed vote shows as the new choice
    expect(g.locator(f"#lid-{zetels[PA].pk} [data-kolom=stem]")).to_have_text("voor")
    leden = defaultdict(list)
    for lid in Raadslid.objects.zittend().filter(gemeente__slug=GEMEENTE).order_by("pk"):
        leden[lid.fractie.naam].append(lid)
    afwezig = next(lid for lid in leden[R74] if lid.pk != zetels[R74].pk)
    for fractie, keuze, uitzondering in (
        (PA, Keuze.VOOR, None),
        (R74, Keuze.VOOR, afwezig),
        (BGR, Keuze.TEGEN, None),
    ):
        _snelinvoer(g, fracties[fractie].pk, fractie, keuze, uitzondering and uitzondering.naam)
        for lid in leden[fractie]:
            bedoeld[lid.pk] = (fractie, Keuze.NIET_DEELGENOMEN if lid == uitzondering else keuze)
    expect(g.locator(f"#lid-{afwezig.pk} [data-kolom=stem]")).to_have_text(
        "niet deelgenomen (afwezig)"
    )
    foto(g, "10-vastgelegd")
    per_fractie = _telling(bedoeld)
    totaal = sum(per_fractie.values(), Counter())
    assert totaal[Keuze.VOOR] > totaal[Keuze.TEGEN]  # so the raad takes part
    _sluit_en_bevestig(g, "Aangenomen", zienswijze="Graag de opslag ook bij bedrijventerreinen.")
    uitslag = g.locator("[data-tabel=uitslag]")
    for kolom, waarde in (
        ("voor", totaal[Keuze.VOOR]),
        ("tegen", totaal[Keuze.TEGEN]),
        ("afwezig", totaal[Keuze.NIET_DEELGENOMEN]),
        ("onthouden", 0),
        ("zittend", 9),
    ):
        expect(uitslag.locator(f"[data-kolom={kolom}]")).to_have_text(str(waarde))
    expect(g.locator("main")).to_contain_text("Bevestigd door de griffier op")
    foto(g, "11-bevestigd")

    # 5. the rest of the meeting: the griffier takes the raad through the other 14 opgaven: two
    # from the round page in the browser (the first routine one, and the mobiliteitscorridor,
    # which the raad votes down, as it did in 2026), the twelve other routine ones as SETUP
    mobiliteit = ProgrammaOpgave.objects.get(versie=po.versie, opgave__slug=VERWORPEN)
    _routine_via_services(po.versie, behalve={VERWORPEN}, over=1)
    for _ in range(2):
        g.get_by_role("link", name=f"Besluiten {JAAR}").click()
        g.locator("[data-tabel=besluiten] tr:has([data-stand=open]) a").first.click()
        expect(g.get_by_role("heading", level=1)).to_contain_text("Stemming over")
        kop = g.get_by_role("heading", level=1).inner_text()
        nee = kop == f"Stemming over {mobiliteit.opgave.titel}"
        _snelinvoer(g, fracties[PA].pk, PA, Keuze.VOOR)
        _snelinvoer(g, fracties[R74].pk, R74, Keuze.TEGEN if nee else Keuze.VOOR)
        _snelinvoer(g, fracties[BGR].pk, BGR, Keuze.TEGEN if nee else Keuze.VOOR)
        _sluit_en_bevestig(g, "Verworpen" if nee else "Aangenomen")
    g.get_by_role("link", name=f"Besluiten {JAAR}").click()
    expect(g.locator("[data-tabel=besluiten] [data-stand=ja]")).to_have_count(14)
    expect(g.locator(f"[data-rij='opgave:{VERWORPEN}'] [data-stand=nee]")).to_have_text(
        "besloten: neemt niet deel"
    )
    g.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn").click()
    sectie = g.locator(f"[data-gemeente={GEMEENTE}]")
    expect(sectie.locator("[data-taak=vastleggen]")).to_have_count(0)
    expect(sectie).to_contain_text("De raad heeft over elke opgave van deze versie besloten.")
    tabel = sectie.locator(f"[data-tabel='mijn-gemeente:{GEMEENTE}']")
    expect(tabel.locator(f"[data-rij='opgave:{slug}'] [data-kolom=stand]")).to_have_text(
        "neemt deel"
    )
    expect(tabel.locator(f"[data-rij='opgave:{VERWORPEN}'] [data-kolom=stand]")).to_have_text(
        "neemt niet deel"
    )
    begroot = sum(
        Bijdrage.objects.filter(
            programma_opgave__versie=po.versie, gemeente__slug=GEMEENTE
        ).values_list("bedrag", flat=True)
    )
    niet = Bijdrage.objects.get(programma_opgave=mobiliteit, gemeente__slug=GEMEENTE).bedrag
    expect(tabel.locator("[data-rij=toegezegd]")).to_contain_text(_euro(begroot - niet))
    expect(tabel.locator("[data-rij=toegezegd]")).to_contain_text("15 van 15 besloten")
    foto(g, "12-griffier-klaar")
    griffier_context.close()

    # 6. the regiobestuur closes the round
    b.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn").click()
    expect(b.locator(f"[data-ronde='{JAAR}']")).to_contain_text(
        "Alle gemeenten hebben besloten: de ronde kan worden gesloten."
    )
    b.get_by_role("link", name="Naar de besluiten van de raden").click()
    expect(b.locator("[data-kolom=open_besluiten]")).to_have_text("0")
    foto(b, "13-voor-het-sluiten")
    b.get_by_role("button", name="Besluitronde sluiten").click()
    expect(b.locator(".melding").first).to_have_text(
        f"De besluitronde {JAAR} is gesloten: 14 van de 15 opgaven zijn gedekt."
    )
    foto(b, "14-gesloten")
    bestuur_context.close()

    # 7. a visitor without an account: the Besluit, the votes per fractie, the matrix
    publiek_context, p = _venster(chromium)
    p.goto(f"{url}/")
    p.get_by_role("navigation", name="Programmajaren").get_by_role("link", name=str(JAAR)).click()
    expect(p.locator("main p.versie-info .status").first).to_have_text("vastgesteld")
    p.locator("main").get_by_role("link", name=NIEUW).first.click()
    expect(p.get_by_role("heading", level=1)).to_contain_text(NIEUW)
    rij = p.locator(f"[data-tabel=bijdragen] [data-rij='gemeente:{GEMEENTE}']")
    expect(rij.locator("[data-kolom=bijdrage]")).to_have_text(_euro(bijdrage))
    expect(rij).to_contain_text("neemt deel")
    artikel = p.locator("section.stemmen article").filter(
        has=p.get_by_role("heading", name="Rozendaal", exact=True)
    )
    expect(artikel.locator("p.versie-info")).to_contain_text("over versie 1 — aangenomen")
    for fractie, telling_fractie in per_fractie.items():
        regel = artikel.locator(f'tbody [data-rij="fractie:{fractie}"]')
        expect(regel.locator("[data-kolom=voor]")).to_have_text(str(telling_fractie[Keuze.VOOR]))
        expect(regel.locator("[data-kolom=tegen]")).to_have_text(str(telling_fractie[Keuze.TEGEN]))
        expect(regel.locator("[data-kolom=niet_deelgenomen]")).to_have_text(
            str(telling_fractie[Keuze.NIET_DEELGENOMEN])
        )
    expect(artikel.locator("tbody [data-rij^='fractie:']")).to_have_count(len(per_fractie))
    foto(p, "15-openbaar-opgave")

    p.get_by_role("link", name="Alle besluiten van de raden en de dekking per opgave").first.click()
    expect(p.get_by_role("heading", level=1)).to_have_text(f"Besluiten van de raden {JAAR}")
    matrix = p.locator("[data-tabel=dekking]")
    nieuw_rij = matrix.locator(f"[data-rij='opgave:{slug}']")
    expect(nieuw_rij.locator(f"[data-kolom='gemeente:{GEMEENTE}']")).to_have_attribute(
        "data-stand", "ja"
    )
    expect(nieuw_rij.locator(f"[data-kolom='gemeente:{GEMEENTE}']")).to_have_text("✓ ja")
    expect(nieuw_rij.locator("[data-kolom=uitkomst]")).to_have_text("gedekt")
    expect(nieuw_rij.locator("[data-kolom=gedekt]")).to_have_text(_euro(BUDGET))
    nee_rij = matrix.locator(f"[data-rij='opgave:{VERWORPEN}']")
    expect(nee_rij.locator(f"[data-kolom='gemeente:{GEMEENTE}']")).to_have_text("✗ nee")
    expect(nee_rij.locator("[data-kolom=uitkomst]")).to_have_text("niet gedekt")
    expect(nee_rij.locator("[data-kolom=gedekt]")).to_have_text(_euro(mobiliteit.budget - niet))
    expect(p.locator("[data-kolom=gedekte_opgaven]")).to_have_text("14")
    # the gemeente, the subject of the legend, pays *her* bijdrage (as on every other page)
    expect(p.locator("li.cel--ja")).to_contain_text("neemt deel en betaalt haar bijdrage")
    nieuw_rij.locator(f"[data-kolom='gemeente:{GEMEENTE}']").scroll_into_view_if_needed()
    foto(p, "16-openbaar-matrix")
    publiek_context.close()

    # 8. the rows behind what the pages said
    stemming.refresh_from_db()
    assert stemming.is_bevestigd and stemming.uitkomst == "aangenomen"
    assert (stemming.zittend, stemming.voor, stemming.tegen, stemming.afwezig) == (
        9,
        totaal[Keuze.VOOR],
        totaal[Keuze.TEGEN],
        totaal[Keuze.NIET_DEELGENOMEN],
    )
    rijen = {
        s.raadslid_id: s
        for s in Stem.objects.filter(stemming=stemming).select_related("uitgebracht_door")
    }
    assert {pk: (s.fractie_naam, s.keuze) for pk, s in rijen.items()} == bedoeld
    assert rijen[afwezig.pk].reden == Reden.AFWEZIG
    griffier = get_user_model().objects.get(username=f"griffier-{GEMEENTE}")
    for pk, s in rijen.items():
        # the three own votes stay theirs: the quick entry did not rewrite an equal vote
        eigen = next((z for z in zetels.values() if z.pk == pk), None)
        assert s.uitgebracht_door == (eigen.user if eigen else griffier), s
    besluit = Besluit.objects.get(stemming=stemming)
    assert (besluit.deelname, besluit.bijdrage) == (True, bijdrage)
    assert besluit.zienswijze == "Graag de opslag ook bij bedrijventerreinen."
    assert Besluit.objects.filter(programma_opgave__versie=po.versie).count() == 18 * 15
    assert not Besluit.objects.get(programma_opgave=mobiliteit, gemeente__slug=GEMEENTE).deelname
    assert Dekking.objects.get(programma_opgave=po).gedekt
    assert not Dekking.objects.get(programma_opgave=mobiliteit).gedekt
    assert Jaarprogramma.objects.get(jaar=JAAR).status == Status.VASTGESTELD
