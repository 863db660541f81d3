"""Drafting the Jaarprogramma in the browser, through the real URLs (form posts)."""

import re

import pytest
from django.db.models import Sum

from programma import selectors
from programma.models import (
    Bijdrage,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Status,
    Synergie,
)
from regio.exceptions import Bevroren
from tests.factories import opgave_post

BASIS = "/programma/2028/bewerken"


def _html(response) -> str:
    return response.content.decode()


def _po(slug, jaar=2028, nummer=None):
    qs = ProgrammaOpgave.objects.filter(opgave__slug=slug, versie__jaarprogramma__jaar=jaar)
    if nummer:
        qs = qs.filter(versie__nummer=nummer)
    return qs.order_by("-versie__nummer").select_related("versie").first()


def _huidige_versie(jaar):
    """The version the public pages of a proposed year show: the latest frozen one (the demo's
    2027 has two, the proposal v1 and its correction v2)."""
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


def _opgave_post(po, **wijziging) -> dict:
    """The edit form of an opgave as the browser would send it, with changes."""
    return opgave_post(po, **wijziging)


@pytest.fixture
def bestuur(demo, client, login):
    return login("regiobestuur")


def test_overzicht_met_synergiescore_en_sortering(bestuur, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(f"{BASIS}/?sorteer=synergie")
    html = _html(response)
    assert response.status_code == 200
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    scores = {
        po.opgave.titel: Synergie.objects.van_opgave(po).count() for po in versie.opgaven.all()
    }
    meeste = max(scores, key=scores.get)
    # sorted by synergy: the opgave with the most synergieën comes first
    eerste = re.search(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html).group(1)
    from django.utils.html import escape

    assert eerste == escape(meeste)
    assert client.get(f"{BASIS}/?sorteer=rangorde").status_code == 200
    assert client.get(f"{BASIS}/?sorteer=onzin").status_code == 200


@pytest.mark.parametrize(
    "invoer, opgeslagen",
    [
        ("1.250.000", 1_250_000),
        ("€ 250.000", 250_000),
        ("1250000", 1_250_000),
        ("1.250.000,00", 1_250_000),
    ],
)
def test_nederlandse_bedragen_worden_goed_opgeslagen(bestuur, client, invoer, opgeslagen):
    po = _po("energietransitie")
    response = client.post(f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, budget=invoer))
    assert response.status_code == 302, _html(response)[:3000]
    po.refresh_from_db()
    assert po.budget == opgeslagen
    assert po.history.first().history_user == bestuur


@pytest.mark.parametrize(
    "veld, invoer, melding",
    [
        ("budget", "1.250.000,50", "hele euro"),
        ("budget", "veel geld", "geen bedrag"),
        ("budget", "€ 1,2 mln", "voluit"),
        ("budget", "-5.000", "negatief"),
        ("capaciteit_fte", "-1", "niet negatief"),
        ("capaciteit_fte", "twee", "geen getal"),
        ("capaciteit_fte", "2,555", "hoogstens 2 cijfers"),
        ("doel", "", "Dit veld is verplicht"),
    ],
)
def test_onzin_wordt_geweigerd_en_de_invoer_blijft_staan(bestuur, client, veld, invoer, melding):
    po = _po("energietransitie")
    voor = (po.budget, po.capaciteit_fte, po.doel, po.wijzigingsnummer)
    response = client.post(
        f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, **{veld: invoer, "mandaat": "Nieuw"})
    )
    assert response.status_code == 200
    html = _html(response)
    assert melding in html
    if invoer:
        from django.utils.html import escape

        assert f'value="{escape(invoer)}"' in html
    assert re.search(r">\s*Nieuw</textarea>", html)  # the rest of what was typed is kept too
    po.refresh_from_db()
    assert (po.budget, po.capaciteit_fte, po.doel, po.wijzigingsnummer) == voor


def test_fte_met_komma(bestuur, client):
    po = _po("energietransitie")
    client.post(f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, capaciteit_fte="3,25"))
    po.refresh_from_db()
    assert str(po.capaciteit_fte) == "3.25"


def test_twee_mensen_bewerken_dezelfde_opgave_tegelijk(demo, client, login):
    from django.test import Client

    po = _po("energietransitie")
    anja = Client()
    anja.force_login(login("programmabureau"))
    bert = client
    login("regiobestuur")
    # both open the form at the same moment
    formulier_anja = _opgave_post(po, doel="Doel volgens Anja.")
    formulier_bert = _opgave_post(po, doel="Doel volgens Bert.", budget="2.000.000")
    assert anja.post(f"{BASIS}/opgaven/energietransitie/", formulier_anja).status_code == 302
    conflict = bert.post(f"{BASIS}/opgaven/energietransitie/", formulier_bert)
    html = _html(conflict)
    assert conflict.status_code == 200
    assert "Iemand anders heeft intussen opgeslagen" in html
    assert "Doel volgens Anja." in html  # what is saved now
    assert "Doel volgens Bert." in html  # Bert's own input, kept
    assert "Demo Programmabureau" in html
    po.refresh_from_db()
    assert po.doel == "Doel volgens Anja."  # nothing silently overwritten
    # Bert decides to keep his version: the form now carries the new wijzigingsnummer
    nummer = re.search(r'name="wijzigingsnummer" value="(\d+)"', html).group(1)
    assert int(nummer) == po.wijzigingsnummer
    formulier_bert["wijzigingsnummer"] = nummer
    assert bert.post(f"{BASIS}/opgaven/energietransitie/", formulier_bert).status_code == 302
    po.refresh_from_db()
    assert (po.doel, po.budget) == ("Doel volgens Bert.", 2_000_000)


def test_conflict_op_de_visie(demo, client, login):
    from django.test import Client

    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    basis = {
        "titel": versie.titel,
        "visie_fundament": versie.visie_fundament,
        "visie_actualiteit": versie.visie_actualiteit,
        "visie_perspectief": versie.visie_perspectief,
        "wijzigingsnummer": versie.wijzigingsnummer,
    }
    ander = Client()
    ander.force_login(login("programmabureau"))
    login("regiobestuur")
    assert ander.post(f"{BASIS}/visie/", {**basis, "titel": "Titel A"}).status_code == 302
    response = client.post(f"{BASIS}/visie/", {**basis, "titel": "Titel B"})
    assert response.status_code == 200
    assert "Titel A" in _html(response) and "Titel B" in _html(response)
    versie.refresh_from_db()
    assert versie.titel == "Titel A"


def test_synergie_inline_met_htmx_en_van_beide_kanten(bestuur, client):
    van, naar = _po("talent-arbeidsmarkt") or _po("gezonde-regio"), _po("regionaal-voedselsysteem")
    assert van and naar
    Synergie.objects.filter(van__in=[van, naar], naar__in=[van, naar]).delete()
    response = client.post(
        f"{BASIS}/opgaven/{van.opgave.slug}/synergieen/",
        {"andere": naar.pk, "toelichting": "Samen aan gezond voedsel in de wijk."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = _html(response)
    assert "<html" not in html  # a fragment for htmx, not the whole page
    assert "Samen aan gezond voedsel in de wijk." in html
    assert response["Vary"] and "HX-Request" in response["Vary"]
    # the other opgave shows it too, on its edit page and on its public page
    assert "Samen aan gezond voedsel in de wijk." in _html(
        client.get(f"{BASIS}/opgaven/{naar.opgave.slug}/")
    )
    synergie = Synergie.objects.get(toelichting="Samen aan gezond voedsel in de wijk.")
    assert synergie.history.first().history_user == bestuur
    # without JavaScript: an ordinary post and a redirect back
    response = client.post(
        f"{BASIS}/opgaven/{naar.opgave.slug}/synergieen/{synergie.pk}/verwijderen/"
    )
    assert response.status_code == 302
    assert not Synergie.objects.filter(pk=synergie.pk).exists()


def test_synergie_zonder_toelichting_geeft_een_melding(bestuur, client):
    naar = _po("regionaal-voedselsysteem")
    response = client.post(
        f"{BASIS}/opgaven/energietransitie/synergieen/",
        {"andere": naar.pk, "toelichting": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht" in _html(response)
    andere_versie = _po("energietransitie", jaar=2027)
    response = client.post(
        f"{BASIS}/opgaven/energietransitie/synergieen/",
        {"andere": andere_versie.pk, "toelichting": "x"},
    )
    assert "Kies een opgave uit dit programma" in _html(response)
    assert not Synergie.objects.filter(toelichting="x").exists()


def test_externe_regeling_toevoegen_en_verwijderen(bestuur, client):
    po = _po("energietransitie")
    response = client.post(
        f"{BASIS}/opgaven/energietransitie/regelingen/",
        {
            "naam": "Interreg Deutschland-Nederland",
            "niveau": "eu",
            "verwachte_cofinanciering": "€ 300.000",
            "toelichting": "Grensoverschrijdend net",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Interreg Deutschland-Nederland" in _html(response)
    regeling = po.externe_regelingen.get(naam="Interreg Deutschland-Nederland")
    assert regeling.verwachte_cofinanciering == 300_000
    dubbel = client.post(
        f"{BASIS}/opgaven/energietransitie/regelingen/",
        {"naam": "Interreg Deutschland-Nederland", "niveau": "eu", "verwachte_cofinanciering": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "staat al bij deze opgave" in _html(dubbel)
    assert (
        client.post(
            f"{BASIS}/opgaven/energietransitie/regelingen/{regeling.pk}/verwijderen/"
        ).status_code
        == 302
    )
    assert not ExterneRegeling.objects.filter(pk=regeling.pk).exists()


def test_opgave_toevoegen_nieuw_en_bestaand(bestuur, client):
    from opgaven.models import Opgave
    from regio.models import Bestuurder, Thema

    houder = Bestuurder.objects.first()
    inhoud = {
        "doel": "D",
        "resultaat": "R",
        "mandaat": "M",
        "sturing": "S",
        "budget": "450.000",
        "capaciteit_fte": "1,5",
        "rangorde": "0",
        "portefeuillehouder": houder.pk,
    }
    leeg = client.post(f"{BASIS}/opgaven/nieuw/", inhoud)
    assert "Kies een bestaande opgave of geef een nieuwe een titel" in _html(leeg)
    nieuw = client.post(
        f"{BASIS}/opgaven/nieuw/",
        {
            **inhoud,
            "titel": "Nachtnet: ov in de nacht",
            "thema": Thema.objects.get(slug="verbonden-regio").pk,
        },
    )
    assert nieuw.status_code == 302
    po = _po("nachtnet-ov-in-de-nacht")
    assert po.budget == 450_000 and po.opgave.sinds == 2028
    # an opgave of an earlier year that is not in 2028
    oud = Opgave.objects.exclude(versies__versie__jaarprogramma__jaar=2028).first()
    assert (
        client.post(f"{BASIS}/opgaven/nieuw/", {**inhoud, "bestaande_opgave": oud.pk}).status_code
        == 302
    )
    assert _po(oud.slug) is not None


def test_opgave_uit_het_programma_halen(bestuur, client):
    po = _po("warmtetransitie")
    bevestig = client.get(f"{BASIS}/opgaven/warmtetransitie/verwijderen/")
    assert "uit het programma halen?" in _html(bevestig)
    assert client.post(f"{BASIS}/opgaven/warmtetransitie/verwijderen/").status_code == 302
    assert not ProgrammaOpgave.objects.filter(pk=po.pk).exists()
    assert _po("warmtetransitie", jaar=2027) is not None  # other years untouched
    assert not Synergie.objects.filter(van_id=po.pk).exists()


def test_verdeelsleutel_voorbeeld_en_opslaan(bestuur, client):
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    deelnemers = selectors.deelnemers_van(versie)
    # explicit percentages: 18 gemeenten, 17 × 5 % and the rest 15 %
    data = {"verdeelsleutel": "percentages", "basisaandeel": "", "actie": "voorbeeld"}
    for i, d in enumerate(deelnemers):
        data[f"pct_{d.gemeente_id}"] = "15" if i == 0 else "5"
    voorbeeld = client.post(f"{BASIS}/verdeelsleutel/", data, HTTP_HX_REQUEST="true")
    html = _html(voorbeeld)
    assert voorbeeld.status_code == 200 and "<html" not in html
    assert "precies op tot het budget" in html and "<svg" in html
    totaal = sum(versie.opgaven.values_list("budget", flat=True))
    from regio.geld import format_bedrag

    assert format_bedrag(totaal) in html
    versie.refresh_from_db()
    assert versie.verdeelsleutel == "inwoners"  # a preview saves nothing
    # percentages that do not add up
    data[f"pct_{deelnemers[0].gemeente_id}"] = "14,5"
    fout = client.post(f"{BASIS}/verdeelsleutel/", {**data, "actie": "opslaan"})
    assert "tellen op tot 99,5 in plaats van 100" in _html(fout)
    # without JavaScript the preview comes with the whole page
    data[f"pct_{deelnemers[0].gemeente_id}"] = "15"
    pagina = client.post(f"{BASIS}/verdeelsleutel/", data)
    assert "<html" in _html(pagina) and "voorbeeld, nog niet opgeslagen" in _html(pagina)
    assert client.post(f"{BASIS}/verdeelsleutel/", {**data, "actie": "opslaan"}).status_code == 302
    versie.refresh_from_db()
    assert versie.verdeelsleutel == "percentages"
    # a first concept keeps them on the version until the proposal records its members
    assert versie.percentages[str(deelnemers[0].gemeente_id)] == "15"
    assert selectors.deelnemers_van(versie)[0].percentage == 15
    # a fixed base
    client.post(
        f"{BASIS}/verdeelsleutel/",
        {"verdeelsleutel": "basis_plus_inwoners", "basisaandeel": "20", "actie": "opslaan"},
    )
    versie.refresh_from_db()
    assert (versie.verdeelsleutel, versie.basisaandeel) == ("basis_plus_inwoners", 20)


def test_voorstellen_bevriest_op_elk_pad(bestuur, client):
    po = _po("energietransitie")
    response = client.post(f"{BASIS}/voorstellen/")
    assert response.status_code == 302
    versie = po.versie
    versie.refresh_from_db()
    assert versie.is_bevroren and versie.jaarprogramma.status == Status.VOORGESTELD
    for p in versie.opgaven.all():
        assert (
            Bijdrage.objects.filter(programma_opgave=p).aggregate(s=Sum("bedrag"))["s"] == p.budget
        )
    # the UI has nothing left to edit
    assert client.get(f"{BASIS}/").status_code == 404
    assert (
        client.post(f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, budget="1")).status_code
        == 404
    )
    assert client.post(f"{BASIS}/visie/", {"titel": "x"}).status_code == 404
    # the ORM refuses, the admin shows it read-only
    po.refresh_from_db()
    po.budget = 1
    with pytest.raises(Bevroren):
        po.save()
    # and the public sees it now
    client.logout()
    assert client.get("/programma/2028/").status_code == 200


def test_correctie_is_een_nieuwe_versie_met_reden(bestuur, client):
    # the demo's 2027 already has a proposal (v1) and a correction (v2): this is the next one
    vorige = _huidige_versie(2027)
    assert vorige.nummer == 2
    leeg = client.post("/programma/2027/corrigeren/", {"reden": ""})
    assert "Dit veld is verplicht" in _html(leeg)
    response = client.post(
        "/programma/2027/corrigeren/",
        {"reden": "Budget mobiliteit aangepast na besluit provincie."},
    )
    assert response.status_code == 302 and response["Location"] == "/programma/2027/bewerken/"
    nieuw = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=vorige.nummer + 1)
    assert not nieuw.is_bevroren and nieuw.vorige == vorige
    po = _po("mobiliteitscorridor", jaar=2027, nummer=nieuw.nummer)
    client.post(
        "/programma/2027/bewerken/opgaven/mobiliteitscorridor/",
        _opgave_post(po, budget="1.700.000"),
    )
    client.post("/programma/2027/bewerken/voorstellen/")
    nieuw.refresh_from_db()
    assert nieuw.is_bevroren
    client.logout()
    huidig = _html(client.get("/programma/2027/"))
    assert "Budget mobiliteit aangepast na besluit provincie." in huidig
    assert "€\u00a01.700.000" in huidig
    for oud_nummer in (1, vorige.nummer):
        oud = _html(client.get(f"/programma/2027/v{oud_nummer}/"))
        assert "€\u00a01.700.000" not in oud and "€\u00a01.525.000" in oud


def test_nieuw_programma_overnemen_uit_vorig_jaar(bestuur, client):
    response = client.post(
        "/programma/nieuw/", {"jaar": "2029", "titel": "Programma 2029", "start": "overnemen"}
    )
    assert response.status_code == 302
    nieuw = ProgrammaVersie.objects.get(jaarprogramma__jaar=2029)
    oud = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    assert sorted(nieuw.opgaven.values_list("opgave__slug", "budget")) == sorted(
        oud.opgaven.values_list("opgave__slug", "budget")
    )
    assert nieuw.visie_fundament == oud.visie_fundament
    dubbel = client.post("/programma/nieuw/", {"jaar": "2029", "titel": "x", "start": "leeg"})
    assert "Er bestaat al een jaarprogramma 2029" in _html(dubbel)
    assert (
        client.post(
            "/programma/nieuw/", {"jaar": "2030", "titel": "Leeg", "start": "leeg"}
        ).status_code
        == 302
    )
    assert not ProgrammaVersie.objects.get(jaarprogramma__jaar=2030).opgaven.exists()
    assert Jaarprogramma.objects.get(jaar=2030).status == Status.CONCEPT


def test_begrotingsoverzicht(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/programma/2027/begroting/")
    html = _html(response)
    versie = _huidige_versie(2027)
    from regio.geld import format_bedrag, format_fte

    totaal = versie.opgaven.aggregate(s=Sum("budget"))["s"]
    cof = ExterneRegeling.objects.filter(programma_opgave__versie=versie).aggregate(
        s=Sum("verwachte_cofinanciering")
    )["s"]
    fte = versie.opgaven.aggregate(s=Sum("capaciteit_fte"))["s"]
    assert format_bedrag(totaal) in html and format_bedrag(cof) in html
    assert format_fte(fte) in html
    for thema_budget in versie.opgaven.values("opgave__thema__naam").annotate(s=Sum("budget")):
        assert format_bedrag(thema_budget["s"]) in html


def test_synergiekaart_met_tekstalternatief(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/programma/2027/synergie/")
    html = _html(response)
    versie = _huidige_versie(2027)
    aantal = Synergie.objects.filter(van__versie=versie).count()
    assert aantal > 0
    assert html.count("<line ") == aantal
    assert html.count('<circle class="knoop"') == versie.opgaven.count()
    assert 'role="img"' in html and "<desc" in html
    assert html.count(" ↔ ") == aantal  # in the SVG titles
    # the same synergies as a table with both links per row (the map holds no links)
    tabel = html.split('id="synergie-tabel"', 1)[1].split("</table>", 1)[0]
    assert tabel.count("<tr>") == aantal + 1  # the header row and one per synergy
    assert "<a " not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    # coordinates are numbers with a decimal point, whatever the page's language
    for getal in re.findall(r'\b(?:cx|cy|x1|y1|x2|y2|r)="([^"]+)"', html):
        float(getal)


def test_bewerkpagina_van_een_opgave_heeft_een_vast_aantal_queries(
    bestuur, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(22):
        assert client.get(f"{BASIS}/opgaven/energietransitie/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"{BASIS}/verdeelsleutel/").status_code == 200


def test_titel_en_thema_alleen_zolang_de_opgave_nergens_is_voorgesteld(bestuur, client):
    from regio.models import Thema

    nieuw = _po("grensoverschrijdende-samenwerking")  # only in the 2028 concept
    ander_thema = Thema.objects.exclude(pk=nieuw.opgave.thema_id).first()
    response = client.post(
        f"{BASIS}/opgaven/grensoverschrijdende-samenwerking/",
        _opgave_post(nieuw, titel="Samenwerking met Duitsland", thema=ander_thema.pk),
    )
    assert response.status_code == 302
    nieuw.opgave.refresh_from_db()
    assert (nieuw.opgave.titel, nieuw.opgave.thema) == ("Samenwerking met Duitsland", ander_thema)
    assert nieuw.opgave.slug == "grensoverschrijdende-samenwerking"  # the address stays
    # an opgave of a proposed programme: the fields are shown but fixed
    po = _po("energietransitie")
    pagina = client.get(f"{BASIS}/opgaven/energietransitie/").content.decode()
    assert "Ligt vast: de opgave staat al in een voorgesteld programma." in pagina
    client.post(f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, titel="Iets anders"))
    po.opgave.refresh_from_db()
    assert po.opgave.titel != "Iets anders"
