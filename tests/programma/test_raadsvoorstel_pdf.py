"""The raadsvoorstel as a griffier receives it: read back from the PDF (pypdf), through the URLs a
user opens; the bar chart and the shortened texts on their own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import dateformat, timezone, translation

from programma import services
from programma.documenten import grafiek, opslag, pdf, soorten
from programma.documenten.inhoud import kort
from programma.documenten.models import DocumentSoort, Vingerafdruk
from programma.models import ProgrammaOpgave, ProgrammaVersie
from regio.models import Gemeente
from tests.factories import BestuurderFactory, OpgaveFactory, opgave_inhoud
from tests.reconciliatie.oppervlak import PdfTabel, PdfTekst

RAADSVOORSTEL = soorten.soort(DocumentSoort.RAADSVOORSTEL)
GEPUBLICEERD = "/programma/2027/raadsvoorstel/berg-en-dal.pdf"
CONCEPT = "/programma/2028/raadsvoorstel/nijmegen.pdf"

# Each PDF is rendered once for this module: (url, username) -> the response's bytes. The demo
# is committed once per session and these tests only read it.
_PDF: dict[tuple[str, str], bytes] = {}


def _haal(url: str, username: str = "") -> bytes:
    if (url, username) not in _PDF:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response["Content-Type"] == "application/pdf"
        _PDF[(url, username)] = response.content
    return _PDF[(url, username)]


@pytest.fixture
def gepubliceerd(demo) -> PdfTekst:
    return PdfTekst(_haal(GEPUBLICEERD), GEPUBLICEERD)


@pytest.fixture
def versie_2027(demo) -> ProgrammaVersie:
    return ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=2)


def _datum(versie) -> str:
    with translation.override("nl"):
        return dateformat.format(timezone.localdate(versie.bevroren_op), "j F Y")


# --- PDF/UA and metadata ------------------------------------------------------------------


def test_pdf_ua_taal_en_titel(gepubliceerd, versie_2027):
    reader = gepubliceerd.reader
    catalogus = reader.trailer["/Root"]
    xmp = catalogus["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), xmp[:400]
    assert catalogus["/Lang"] == "nl"
    assert bool(catalogus["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogus
    titel = RAADSVOORSTEL.titel(versie_2027, Gemeente.objects.get(slug="berg-en-dal"))
    assert reader.metadata.title == titel
    assert reader.metadata.author == opslag.AUTEUR
    assert titel in " ".join(gepubliceerd.inhoud[0][:4])


def test_de_gemeente_de_datum_en_het_onderwerp_op_pagina_1(gepubliceerd, versie_2027):
    eerste = "\n".join(gepubliceerd.inhoud[0])
    assert "Gemeente Berg en Dal" in eerste
    assert f"Datum {_datum(versie_2027)} (voorgesteld door het regiobestuur)" in eerste
    assert "Jaarprogramma 2027, versie 2 (correctie op versie 1)" in eerste
    assert "Beslispunten" in eerste
    assert "registratienummer" not in gepubliceerd.tekst.lower()


def test_portefeuillehouder_uit_de_gemeente_of_het_college(demo, versie_2027):
    """The regional portefeuillehouders from this gemeente; else the college."""
    houders = {
        po.portefeuillehouder_gemeente: po.portefeuillehouder_naam
        for po in ProgrammaOpgave.objects.filter(versie=versie_2027)
    }
    met = Gemeente.objects.get(naam="Berg en Dal")
    zonder = Gemeente.objects.filter(deelnames__versie=versie_2027).exclude(naam__in=houders)[0]
    assert met.naam in houders
    html = opslag.html_van(RAADSVOORSTEL, versie_2027, met)
    regel = re.search(r"Portefeuille&shy;houder</th><td>(.*?)</td>", html).group(1)
    assert houders[met.naam] in regel
    html = opslag.html_van(RAADSVOORSTEL, versie_2027, zonder)
    regel = re.search(r"Portefeuille&shy;houder</th><td>(.*?)</td>", html).group(1)
    assert regel == "het college van burgemeester en wethouders"


def test_de_delen_van_een_raadsvoorstel_in_hun_volgorde(gepubliceerd, versie_2027):
    regels = gepubliceerd.regels
    koppen = [
        "Beslispunten",
        "Inleiding",
        "De opgaven",
        "Financiële paragraaf",
        "Ontwerpbesluit",
        "Echtheid van dit document",
    ]
    assert [regels.index(k) for k in koppen] == sorted(regels.index(k) for k in koppen)
    besluit = regels[regels.index("Ontwerpbesluit") :]
    assert besluit[1] == "De raad van de gemeente Berg en Dal;"
    assert besluit[2] == (
        f"gelezen het voorstel van het college van burgemeester en wethouders van "
        f"{_datum(versie_2027)};"
    )
    assert "besluit:" in besluit
    assert "De griffier, De voorzitter," in besluit
    # the ontwerpbesluit opens its own page
    pagina = next(p for p in gepubliceerd.inhoud if "Ontwerpbesluit" in p)
    assert pagina[0] == "Ontwerpbesluit"


def test_elke_opgave_met_doel_resultaat_budget_capaciteit_sturing_mandaat(
    gepubliceerd, versie_2027
):
    tekst = "\n".join(gepubliceerd.regels)
    for po in ProgrammaOpgave.objects.filter(versie=versie_2027).select_related("opgave"):
        begin = tekst.index(f". {po.titel_weergave}\n")
        einde = tekst.index("Bijdrage Berg en Dal:", begin)
        sectie = tekst[begin:einde].split("\n")
        for label in ("DOEL", "RESULTAAT", "BUDGET", "CAPACITEIT", "STURING", "MANDAAT"):
            assert label in sectie, (po.titel_weergave, label)
        assert "EXTERNE REGELINGEN" in sectie


# --- made well ---------------------------------------------------------------------------


def test_pagina_x_van_y_en_geen_lege_pagina(gepubliceerd):
    n = len(gepubliceerd.paginas)
    assert n > 1
    for i, tekst in enumerate(gepubliceerd.paginas, start=1):
        assert f"pagina {i} van {n}" in tekst
    for inhoud in gepubliceerd.inhoud:
        assert len(inhoud) >= 5, inhoud


def test_vingerafdruk_op_elke_pagina_en_in_de_verificatie(gepubliceerd, versie_2027):
    sha = Vingerafdruk.objects.get(versie=versie_2027).sha256
    assert all(f"Vingerafdruk {sha}" in tekst for tekst in gepubliceerd.paginas)
    slot = gepubliceerd.regels[gepubliceerd.regels.index("Echtheid van dit document") :]
    assert sha in "".join(slot)
    assert gepubliceerd.reader.metadata["/Vingerafdruk"] == sha


def test_geen_kop_alleen_onderaan_een_pagina(gepubliceerd, versie_2027):
    titels = {
        po.titel_weergave
        for po in ProgrammaOpgave.objects.filter(versie=versie_2027).select_related("opgave")
    }
    labels = {"DOEL", "RESULTAAT", "BUDGET", "CAPACITEIT", "STURING", "MANDAAT"}
    labels |= {"EXTERNE REGELINGEN", "Stuurgroep", "De opgaven", "Financiële paragraaf"}
    for inhoud in gepubliceerd.inhoud[:-1]:
        # list markers are drawn after the text of a page
        tekst = [r for r in inhoud if not re.fullmatch(r"([a-z0-9]+\.\s*)+", r)]
        laatste = tekst[-1]
        assert laatste not in labels, tekst[-3:]
        assert re.sub(r"^\d+\. ", "", laatste) not in titels, tekst[-3:]


def test_een_voorgestelde_versie_is_nergens_concept(gepubliceerd):
    assert "CONCEPT" not in gepubliceerd.tekst
    assert not any(gepubliceerd.schuin)


def test_een_concept_zegt_concept_op_elke_pagina(demo, django_assert_max_num_queries):
    client = Client()
    client.force_login(get_user_model().objects.get(username="regiobestuur"))
    with django_assert_max_num_queries(20):
        response = client.get(CONCEPT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('inline; filename="CONCEPT-')
    concept = PdfTekst(response.content, CONCEPT)
    assert len(concept.paginas) > 1
    for i, (tekst, merk) in enumerate(zip(concept.paginas, concept.schuin, strict=True), 1):
        assert merk == "CONCEPT", f"pagina {i} heeft geen CONCEPT-merk"
        assert "Nijmegen · Jaarprogramma 2028 · versie 1 · CONCEPT" in tekst, i
    assert "Een concept heeft geen vingerafdruk" in concept.tekst


# --- user text stays text; long tables, long words ------------------------------------------

VET = "<b>vet</b><script>x</script>"


def _voeg_toe(versie, bestuur, n: int, **inhoud):
    houder = BestuurderFactory(gemeente=Gemeente.objects.get(slug="aaa"))
    for i in range(n):
        services.neem_opgave_op(
            versie=versie,
            opgave=OpgaveFactory(
                titel=f"Opgave {i:02d}: een lange titel die in de tabel over twee regels loopt"
            ),
            acting_user=bestuur,
            portefeuillehouder=houder,
            **opgave_inhoud(budget=100_000 + i, **inhoud),
        )


def test_html_in_een_opgave_staat_er_als_tekst(concept, bestuur, kleine_regio):
    services.neem_opgave_op(
        versie=concept,
        opgave=OpgaveFactory(titel="Titel met <i>schuin</i> & meer"),
        acting_user=bestuur,
        portefeuillehouder=BestuurderFactory(gemeente=kleine_regio[0]),
        **opgave_inhoud(doel=f"{VET}\n\nTweede alinea.", budget=500_000),
    )
    html = opslag.html_van(RAADSVOORSTEL, concept, kleine_regio[0])
    assert "<script>" not in html and "<b>vet" not in html and "<i>schuin" not in html
    assert (
        "<p>&lt;b&gt;vet&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;</p><p>Tweede alinea.</p>" in html
    )
    inhoud, _, _ = opslag.render(RAADSVOORSTEL, concept, kleine_regio[0])
    tekst = PdfTekst(inhoud)
    assert VET in tekst.regels
    assert "Tweede alinea." in tekst.regels
    # the title, in the sections, the table and the chart's label
    assert sum("Titel met <i>schuin</i> & meer" in r for r in tekst.regels) >= 3
    assert any(re.fullmatch(r"\d+\. Titel met <i>schuin</i> & meer", r) for r in tekst.regels)


def test_een_lange_tabel_herhaalt_haar_kop_en_niets_loopt_van_de_pagina(
    concept, bestuur, kleine_regio
):
    url = "https://www.voorbeeld.nl/" + "heel-lang-pad-zonder-spaties-" * 5
    _voeg_toe(concept, bestuur, 30, doel=f"Zie {url} voor de achtergrond.")
    html = opslag.html_van(RAADSVOORSTEL, concept, kleine_regio[1])
    inhoud, paginas, _ = opslag.render(RAADSVOORSTEL, concept, kleine_regio[1])
    tekst = PdfTekst(inhoud)
    koppen = [
        i for i, p in enumerate(tekst.inhoud) if any(r.startswith("Opgave Budget") for r in p)
    ]
    assert len(koppen) >= 2, "de financiële tabel past op één pagina: maak haar langer"
    assert koppen == list(range(koppen[0], koppen[0] + len(koppen)))
    # every row once, the total once, at the end
    rijen = {po.opgave.titel: po.opgave.slug for po in concept.opgaven.select_related("opgave")}
    tabel = PdfTabel(
        "financien",
        r"Opgave Budget Bijdrage .+ Aandeel",
        ("b", "g", "a"),
        rijen | {"Totaal": "totaal"},
    )
    gelezen = PdfTekst(inhoud, tabellen=[tabel])
    assert {s[1] for s in gelezen.cellen()} == set(rijen.values()) | {"totaal"}
    assert not gelezen.dubbel() and not gelezen.ongemarkeerd()
    # the long URL wrapped: all of it is there
    assert url in "".join(tekst.regels)
    assert paginas == len(tekst.paginas)
    # and no line box of any page reaches past the right margin
    buiten = _buiten_de_bladspiegel(html)
    assert buiten == [], "\n".join(buiten)


def _buiten_de_bladspiegel(html: str) -> list[str]:
    """Text and boxes that stick out of the content area of their page (WeasyPrint's layout,
    with the documents' own stylesheets)."""
    weasyprint, fonts_klasse = pdf._weasyprint()
    fonts = fonts_klasse()
    css = [weasyprint.CSS(filename=str(p), font_config=fonts) for p in pdf.STIJLEN]
    document = weasyprint.HTML(string=html, base_url=str(pdf.BASIS)).render(
        stylesheets=css, font_config=fonts
    )
    fouten = []
    for nummer, pagina in enumerate(document.pages, 1):
        blad = pagina._page_box
        rechts = blad.content_box_x() + blad.width + 0.5
        onder = blad.content_box_y() + blad.height + 0.5
        for kader in _kaders(blad):
            soort = type(kader).__name__
            if soort not in ("TextBox", "LineBox", "TableBox", "BlockBox", "InlineReplacedBox"):
                continue
            if kader.element_tag in ("html", "body"):
                continue
            # the border box: an empty margin may run into the page margin
            if (
                kader.border_box_x() + kader.border_width() > rechts
                or kader.border_box_y() + kader.border_height() > onder
            ):
                tekst = getattr(kader, "text", "")[:40]
                fouten.append(f"pagina {nummer}: {soort} {kader.element_tag} {tekst!r}")
    return fouten


def _kaders(kader):
    from weasyprint.formatting_structure import boxes

    if kader.style["position"] in ("absolute", "fixed"):
        return  # the CONCEPT mark is meant to cross the page
    yield kader
    if isinstance(kader, boxes.ParentBox):
        for kind in kader.children:
            if isinstance(kind, boxes.MarginBox):
                continue
            yield from _kaders(kind)


# --- the chart and the shortened texts ----------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def test_staafdiagram_is_svg_met_titel_beschrijving_en_bedragen():
    markup = grafiek.staafdiagram(
        [("1. Wonen", 142_020), ("2. <script>Water</script>", 31_463), ("3. Nul", 0)],
        titel="Bijdrage Berg en Dal per opgave",
    )
    svg = ET.fromstring(str(markup))
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == "Bijdrage Berg en Dal per opgave"
    beschrijving = svg.find(f"{SVG}desc").text
    assert "1. Wonen: € 142.020" in beschrijving.replace("\xa0", " ")
    teksten = [t.text.replace("\xa0", " ") for t in svg.iter(f"{SVG}text")]
    assert "2. <script>Water</script>" in teksten  # as text, escaped in the markup
    assert "<script>" not in str(markup)
    assert {"€ 142.020", "€ 31.463", "€ 0"} <= set(teksten)
    # a round axis in Dutch money format, up to the largest amount or just past it
    as_ = [t.text.replace("\xa0", " ") for t in svg.iter(f"{SVG}text") if t.get("fill") == "#444"]
    assert as_ == ["€ 0", "€ 50.000", "€ 100.000", "€ 150.000"]
    assert len(svg.findall(f"{SVG}rect")) == 3


def test_staafdiagram_zonder_bedragen():
    for reeks in ([], [("Niets", 0)]):
        ET.fromstring(str(grafiek.staafdiagram(reeks, titel="Leeg")))


@pytest.mark.parametrize(
    ("grootste", "stap"),
    [(9, 2), (104_876, 25_000), (714_062, 200_000), (1_000_000, 200_000), (4_100_098, 1_000_000)],
)
def test_staafdiagram_as_in_ronde_stappen(grootste, stap):
    assert grafiek._stap(grootste) == stap
    assert grootste / stap <= 5


def test_korte_labels():
    assert grafiek.korte_labels(["Wonen: betaalbaar bouwen", "Water"]) == ["Wonen", "Water"]
    dubbel = ["Energie: zon", "Energie: wind"]
    assert grafiek.korte_labels(dubbel) == dubbel


def test_kort_neemt_hele_zinnen_van_de_eerste_alinea():
    assert kort("Kort.\n\nTweede alinea.") == "Kort."
    lang = "Een zin van tien woorden die heel gewoon is en eindigt. " * 20
    uit = kort(lang, 200)
    assert len(uit) <= 200 and uit.endswith("eindigt.")
    zonder_punt = "woord " * 100
    uit = kort(zonder_punt, 50)
    assert len(uit) <= 51 and uit.endswith("…") and not uit.endswith(" …")


@pytest.mark.parametrize(
    ("sleutel", "basis", "zin"),
    [
        ("inwoners", "0", "verdeeld naar inwoners (volgens het CBS op 1 januari 2039)."),
        (
            "basis_plus_inwoners",
            "12.5",
            "verdeeld met een vast deel van 12,5 % in gelijke delen en de rest naar inwoners "
            "(volgens het CBS op 1 januari 2039).",
        ),
    ],
)
def test_de_verdeelsleutel_in_een_zin(concept, bestuur, kleine_regio, sleutel, basis, zin):
    from decimal import Decimal

    services.werk_verdeelsleutel_bij(
        versie=concept,
        verdeelsleutel=sleutel,
        basisaandeel=Decimal(basis),
        percentages=None,
        acting_user=bestuur,
    )
    concept.refresh_from_db()
    html = opslag.html_van(RAADSVOORSTEL, concept, kleine_regio[2])
    assert zin in html.replace("&nbsp;", " ")
