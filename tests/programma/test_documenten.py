"""The documents of a programme version (issue 16, points 3 to 5): rendered once and stored,
served with an ETag and a file name, a concept previewed and never stored, frozen on every
write path, PDF/UA, the zip of all of them, a bounded number of queries, and a 503 that
names the fix when WeasyPrint cannot load.

Rendering costs time: each document is rendered as few times as the test needs, and the PDF/UA
checks share one rendering (`voorstel_pdf`)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from programma import selectors
from programma.documenten import opslag, pdf, soorten
from programma.documenten.models import Document, DocumentSoort, Vingerafdruk
from programma.models import ProgrammaVersie
from regio.exceptions import Bevroren
from regio.models import Gemeente
from tests.programma.test_bevriezing import wijziging

PDF = "application/pdf"


def _versie(jaar: int, nummer: int) -> ProgrammaVersie:
    return ProgrammaVersie.objects.select_related("jaarprogramma").get(
        jaarprogramma__jaar=jaar, nummer=nummer
    )


def _voorstel_url(jaar: int, slug: str, nummer: int | None = None) -> str:
    if nummer is None:
        return reverse("raadsvoorstel-pdf", kwargs={"jaar": jaar, "gemeente": slug})
    return reverse(
        "raadsvoorstel-pdf-versie", kwargs={"jaar": jaar, "nummer": nummer, "gemeente": slug}
    )


@pytest.fixture
def renders(monkeypatch) -> list[tuple]:
    """Every render from now on, as (kind, year, version number, gemeente slug or None)."""
    gedaan: list[tuple] = []
    echt = opslag.render

    def tellend(soort, versie, gemeente):
        gedaan.append(
            (soort.code, versie.jaarprogramma.jaar, versie.nummer, gemeente and gemeente.slug)
        )
        return echt(soort, versie, gemeente)

    monkeypatch.setattr(opslag, "render", tellend)
    return gedaan


def _pagina_teksten(inhoud: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(inhoud)).pages]


def _marge_teksten(inhoud: bytes, *, boven: bool) -> list[str]:
    """Per page the text in the top margin (the running header) or the bottom margin (the
    footer): text drawn within 24 mm of the page's top or 22 mm of its bottom edge."""
    mm = 72 / 25.4
    uit = []
    for pagina in pypdf.PdfReader(io.BytesIO(inhoud)).pages:
        hoogte = float(pagina.mediabox.height)
        stukken: list[str] = []

        def bezoek(tekst, cm, tm, _font, _grootte, stukken=stukken, hoogte=hoogte):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if (y > hoogte - 24 * mm) if boven else (y < 22 * mm):
                stukken.append(tekst)

        pagina.extract_text(visitor_text=bezoek)
        uit.append(re.sub(r"\s+", " ", "".join(stukken)).strip())
    return uit


# --- rendered once, stored, served ---------------------------------------------------------


def test_eenmaal_gemaakt_opgeslagen_en_zo_geserveerd(
    demo, client, renders, django_assert_max_num_queries
):
    versie = _versie(2027, 2)
    url = _voorstel_url(2027, "arnhem")
    eerste = client.get(url)
    assert eerste.status_code == 200
    assert eerste["Content-Type"] == PDF
    assert renders == [("raadsvoorstel", 2027, 2, "arnhem")]

    doc = Document.objects.get()
    inhoud = eerste.content
    assert (doc.soort, doc.versie, doc.gemeente.slug, doc.stand) == (
        DocumentSoort.RAADSVOORSTEL,
        versie,
        "arnhem",
        "",
    )
    assert doc.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert doc.grootte == len(inhoud) == int(eerste["Content-Length"])
    assert doc.paginas == len(pypdf.PdfReader(io.BytesIO(inhoud)).pages) > 0
    assert doc.rendertijd_ms > 0
    assert doc.vingerafdruk == Vingerafdruk.objects.get(versie=versie).sha256
    assert doc.bestandsnaam == "raadsvoorstel-2027-v2-arnhem.pdf"
    assert default_storage.exists(doc.bestand.name)
    with default_storage.open(doc.bestand.name, "rb") as f:
        assert f.read() == inhoud

    # Served from storage: nothing rendered, the same bytes, a small fixed number of queries.
    with django_assert_max_num_queries(5):
        tweede = client.get(url)
    assert tweede.status_code == 200 and tweede.content == inhoud
    assert len(renders) == 1

    assert tweede["ETag"] == f'"{doc.sha256}"'
    assert tweede["Content-Disposition"] == 'inline; filename="raadsvoorstel-2027-v2-arnhem.pdf"'
    assert "public" in tweede["Cache-Control"]
    for gevraagd in (f'"{doc.sha256}"', f'W/"{doc.sha256}"', f'"anders", "{doc.sha256}"'):
        niet_gewijzigd = client.get(url, headers={"if-none-match": gevraagd})
        assert niet_gewijzigd.status_code == 304, gevraagd
        assert niet_gewijzigd.content == b""
        assert niet_gewijzigd["ETag"] == f'"{doc.sha256}"'
    assert client.get(url, headers={"if-none-match": '"anders"'}).status_code == 200

    # /programma/2027/ is the published version 2: the very same document
    via_versie = client.get(_voorstel_url(2027, "arnhem", 2))
    assert via_versie.content == inhoud and via_versie["ETag"] == tweede["ETag"]
    assert Document.objects.count() == 1 and len(renders) == 1

    # version 1 is a document of its own
    v1 = client.get(_voorstel_url(2027, "arnhem", 1))
    assert v1.status_code == 200 and v1.content != inhoud
    assert renders[1:] == [("raadsvoorstel", 2027, 1, "arnhem")]
    assert Document.objects.get(versie__nummer=1).bestandsnaam == (
        "raadsvoorstel-2027-v1-arnhem.pdf"
    )
    assert v1["Content-Disposition"] == 'inline; filename="raadsvoorstel-2027-v1-arnhem.pdf"'


def test_concept_is_een_voorbeeld_dat_nooit_wordt_opgeslagen(demo, client, login, renders):
    url = _voorstel_url(2028, "arnhem")
    # public views: a 404 for whoever may not see the concept, not a login redirect
    assert client.get(url).status_code == 404
    login("portefeuillehouder")
    assert client.get(url).status_code == 404

    login("regiobestuur")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == PDF
    assert renders == [("raadsvoorstel", 2028, 1, "arnhem")]
    assert Document.objects.count() == 0
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert response["Content-Disposition"] == (
        'inline; filename="CONCEPT-raadsvoorstel-2028-v1-arnhem.pdf"'
    )
    teksten = _pagina_teksten(response.content)
    assert teksten
    for nummer, tekst in enumerate(teksten, 1):
        assert "CONCEPT" in tekst, f"pagina {nummer} zegt niet dat zij een concept is"


# --- frozen on every path ------------------------------------------------------------------


@pytest.fixture
def opgeslagen(demo) -> Document:
    """A stored document without a render: the bytes do not matter to the freeze."""
    versie = _versie(2027, 2)
    naam = default_storage.save("documenten/proef/proef.pdf", ContentFile(b"%PDF-proef"))
    return Document.objects.create(
        soort=DocumentSoort.PROGRAMMA,
        versie=versie,
        bestand=naam,
        bestandsnaam="programma-2027-v2.pdf",
        sha256=hashlib.sha256(b"%PDF-proef").hexdigest(),
        grootte=10,
        paginas=1,
        rendertijd_ms=1,
        vingerafdruk=versie.vingerafdruk.sha256,
        gemaakt_op=timezone.now(),
    )


@pytest.mark.parametrize("model", [Document, Vingerafdruk], ids=lambda m: m.__name__)
def test_vastgelegd_op_elk_pad(opgeslagen, model):
    obj = model.objects.filter(versie=opgeslagen.versie).get()
    voor = list(model.objects.filter(pk=obj.pk).values())
    veld, waarde = wijziging(model)
    setattr(obj, veld, waarde)
    with pytest.raises(Bevroren):
        obj.save()
    with pytest.raises(Bevroren):
        obj.delete()
    qs = model.objects.filter(pk=obj.pk)
    with pytest.raises(Bevroren):
        qs.update(**{veld: waarde})
    with pytest.raises(Bevroren):
        qs.delete()
    tabel, kolom = model._meta.db_table, model._meta.get_field(veld).column
    for sql in (
        f"UPDATE {tabel} SET {kolom} = {kolom} WHERE id = {obj.pk}",
        f"DELETE FROM {tabel} WHERE id = {obj.pk}",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert list(model.objects.filter(pk=obj.pk).values()) == voor


def test_een_tweede_rij_voor_hetzelfde_document_wordt_geweigerd(opgeslagen):
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(
            **{
                f.name: getattr(opgeslagen, f.name)
                for f in Document._meta.concrete_fields
                if not f.primary_key
            }
        )


# --- PDF/UA and the document-wide parts -----------------------------------------------------


@pytest.fixture
def voorstel_pdf(demo) -> tuple[bytes, str]:
    """Arnhem's raadsvoorstel of 2027 v2 rendered for the checks below (nothing is stored),
    with its title."""
    versie = _versie(2027, 2)
    gemeente = Gemeente.objects.get(slug="arnhem")
    soort = soorten.soort(DocumentSoort.RAADSVOORSTEL)
    inhoud, _, _ = opslag.render(soort, versie, gemeente)
    return inhoud, str(soort.titel(versie, gemeente))


def test_pdf_ua_kenmerken(voorstel_pdf):
    inhoud, titel = voorstel_pdf
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    catalogus = lezer.trailer["/Root"]
    assert bool(catalogus["/MarkInfo"]["/Marked"]) is True
    assert catalogus["/Lang"] == "nl"
    assert "/StructTreeRoot" in catalogus
    xmp = catalogus["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), "geen PDF/UA-1-identificatie"
    assert lezer.metadata.title == titel
    assert titel in xmp
    assert lezer.metadata.author == opslag.AUTEUR
    assert "Arnhem" in titel and "2027" in titel and "versie 2" in titel


def _fonts(lezer: pypdf.PdfReader) -> list:
    """Every font dictionary the pages use, also inside form XObjects."""
    gevonden: dict[int, object] = {}

    def in_bronnen(bronnen) -> None:
        if not bronnen:
            return
        bronnen = bronnen.get_object()
        for font in (bronnen.get("/Font") or {}).values():
            gevonden[id(font.get_object())] = font.get_object()
        for xobject in (bronnen.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                in_bronnen(xobject.get("/Resources"))

    for pagina in lezer.pages:
        in_bronnen(pagina.get("/Resources"))
    return list(gevonden.values())


def _beschrijving(font):
    if font["/Subtype"] == "/Type0":
        return font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    return font["/FontDescriptor"].get_object()


def test_fonts_ingebed_en_het_is_noto_sans(voorstel_pdf):
    from fontTools.ttLib import TTFont

    fonts = _fonts(pypdf.PdfReader(io.BytesIO(voorstel_pdf[0])))
    assert fonts
    for font in fonts:
        beschrijving = _beschrijving(font)
        bestanden = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in beschrijving]
        assert bestanden, f"{font['/BaseFont']} is niet ingebed"
        programma = TTFont(io.BytesIO(beschrijving[bestanden[0]].get_object().get_data()))
        postscript = programma["name"].getDebugName(6)
        assert postscript.startswith("NotoSans"), f"{font['/BaseFont']} is {postscript}"


def test_fontnaam_in_de_pdf_is_noto_sans(voorstel_pdf):
    for font in _fonts(pypdf.PdfReader(io.BytesIO(voorstel_pdf[0]))):
        assert "NotoSans" in str(font["/BaseFont"]).replace("-", "").replace(" ", "")


def test_paginanummers_en_lopende_kop_op_elke_pagina(voorstel_pdf):
    inhoud = voorstel_pdf[0]
    koppen = _marge_teksten(inhoud, boven=True)
    voeten = _marge_teksten(inhoud, boven=False)
    aantal = len(koppen)
    assert aantal >= 1
    assert f"pagina 1 van {aantal}" in voeten[0]
    assert f"pagina {aantal} van {aantal}" in voeten[-1]
    for nummer, (kop, voet) in enumerate(zip(koppen, voeten, strict=True), 1):
        assert f"pagina {nummer} van {aantal}" in voet, voet
        assert "Arnhem" in kop and "versie 2" in kop, f"pagina {nummer}: kop {kop!r}"


# --- the zip of a version ------------------------------------------------------------------


def test_zip_met_alle_documenten_van_de_versie(
    demo, client, renders, django_assert_max_num_queries
):
    versie = _versie(2027, 2)
    url = reverse("raadsvoorstellen-zip", kwargs={"jaar": 2027})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="raadsvoorstellen-2027-v2.zip"'
    )

    deelnemers = [d.gemeente.slug for d in selectors.deelnemers_van(versie)]
    assert len(deelnemers) == 18
    verwacht = {"programma-2027-v2.pdf"} | {
        f"raadsvoorstel-2027-v2-{slug}.pdf" for slug in deelnemers
    }
    besluiten = [
        s for s in soorten.soorten() if s.code == DocumentSoort.BESLUITEN and s.bestaat_voor(versie)
    ]
    verwacht |= {s.bestandsnaam(versie, None) for s in besluiten}

    archief = zipfile.ZipFile(io.BytesIO(response.content))
    assert archief.testzip() is None
    assert sorted(archief.namelist()) == sorted(verwacht)
    opgeslagen = {d.bestandsnaam: d for d in Document.objects.filter(versie=versie)}
    assert set(opgeslagen) == verwacht
    for info in archief.infolist():
        inhoud = archief.read(info)
        assert hashlib.sha256(inhoud).hexdigest() == opgeslagen[info.filename].sha256
        assert (info.external_attr >> 16) & 0o444 == 0o444, "onleesbaar na uitpakken"
    # each document rendered once
    assert sorted(renders) == sorted(
        [("raadsvoorstel", 2027, 2, slug) for slug in deelnemers]
        + [("programma", 2027, 2, None)]
        + [(s.code, 2027, 2, None) for s in besluiten]
    )

    # once stored: no render, a fixed number of queries whatever the number of gemeenten
    with django_assert_max_num_queries(8):
        weer = client.get(url)
    assert weer.content == response.content
    assert len(renders) == len(verwacht)
    etag = weer["ETag"]
    assert etag == response["ETag"] and re.fullmatch(r'"[0-9a-f]{64}"', etag)
    niet_gewijzigd = client.get(url, headers={"if-none-match": etag})
    assert niet_gewijzigd.status_code == 304 and niet_gewijzigd.content == b""

    # a single document is now served from what the zip stored
    enkel = client.get(_voorstel_url(2027, "nijmegen"))
    assert enkel.content == archief.read("raadsvoorstel-2027-v2-nijmegen.pdf")
    assert len(renders) == len(verwacht)


def test_een_concept_heeft_geen_zip(demo, client, login, renders):
    login("regiobestuur")
    assert client.get(reverse("raadsvoorstellen-zip", kwargs={"jaar": 2028})).status_code == 404
    assert renders == []


# --- without WeasyPrint ---------------------------------------------------------------------


def test_zonder_weasyprint_een_503_die_zegt_wat_te_doen(demo, client, login, monkeypatch):
    def kan_niet():
        raise pdf.PdfNietBeschikbaar(f"WeasyPrint kan Pango niet laden. {pdf.INSTALLATIE}")

    monkeypatch.setattr(pdf, "_weasyprint", kan_niet)
    for url in (
        _voorstel_url(2027, "arnhem"),
        reverse("programma-pdf", kwargs={"jaar": 2027}),
        reverse("raadsvoorstellen-zip", kwargs={"jaar": 2027}),
    ):
        response = client.get(url)
        assert response.status_code == 503, url
        tekst = response.content.decode()
        assert pdf.INSTALLATIE in tekst
        assert "Dit document kan nu niet worden gemaakt" in tekst
        assert "no-store" in response["Cache-Control"]
    assert Document.objects.count() == 0

    login("regiobestuur")
    assert client.get(_voorstel_url(2028, "arnhem")).status_code == 503

    # what is stored needs no WeasyPrint
    versie = _versie(2027, 2)
    naam = default_storage.save("documenten/proef/programma.pdf", ContentFile(b"%PDF-opgeslagen"))
    Document.objects.create(
        soort=DocumentSoort.PROGRAMMA,
        versie=versie,
        bestand=naam,
        bestandsnaam="programma-2027-v2.pdf",
        sha256=hashlib.sha256(b"%PDF-opgeslagen").hexdigest(),
        grootte=15,
        paginas=1,
        rendertijd_ms=1,
        vingerafdruk=versie.vingerafdruk.sha256,
        gemaakt_op=timezone.now(),
    )
    opgeslagen = client.get(reverse("programma-pdf", kwargs={"jaar": 2027}))
    assert opgeslagen.status_code == 200 and opgeslagen.content == b"%PDF-opgeslagen"


# --- the admin: a list to look in, nothing to change ---------------------------------------


def test_admin_toont_documenten_en_verandert_niets(opgeslagen, admin_client):
    lijst = admin_client.get(reverse("admin:programma_document_changelist"))
    assert lijst.status_code == 200
    tekst = lijst.content.decode()
    assert opgeslagen.bestandsnaam in tekst and "1 ms" in tekst
    pk = opgeslagen.pk
    assert (
        admin_client.get(reverse("admin:programma_document_change", args=[pk])).status_code == 200
    )
    assert admin_client.get(reverse("admin:programma_document_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:programma_document_delete", args=[pk])).status_code == 403
    )
    assert (
        admin_client.post(reverse("admin:programma_document_change", args=[pk]), {}).status_code
        == 403
    )
    afdruk = Vingerafdruk.objects.get(versie=opgeslagen.versie)
    lijst = admin_client.get(reverse("admin:programma_vingerafdruk_changelist"))
    assert lijst.status_code == 200 and afdruk.sha256 in lijst.content.decode()
    assert admin_client.get(reverse("admin:programma_vingerafdruk_add")).status_code == 403


def test_een_verloren_bestand_is_een_503_die_zegt_wat_te_doen(opgeslagen, client):
    """A stored document whose file is gone (a database restored without its media): the row
    is frozen and cannot be made again, so the answer says what is wrong, not a 500."""
    default_storage.delete(opgeslagen.bestand.name)
    r = client.get("/programma/2027/programma.pdf")
    assert r.status_code == 503
    assert "ontbreekt" in r.content.decode()
    assert "no-store" in r["Cache-Control"]
