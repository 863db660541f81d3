"""/verifieer/ and the fingerprint on the version page, through the URLs a visitor uses, on the
demo region: a pasted fingerprint, an uploaded PDF (exactly the portal's, changed, not a PDF at
all), the errors on the same form, no row written, a bounded number of queries."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.apps import apps
from django.test import Client

from programma.documenten.models import Document, Vingerafdruk
from programma.models import ProgrammaVersie

pytestmark = pytest.mark.django_db


def _tekst(response) -> str:
    """The visible text of a page, tags removed and whitespace collapsed."""
    assert response.status_code == 200, response.status_code
    inline = re.sub(r"</?(?:a|strong|em|code|span)\b[^>]*>", "", response.content.decode())
    zonder = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(html.unescape(zonder).split())


def _afdruk(jaar: int, nummer: int) -> str:
    return Vingerafdruk.objects.get(versie__jaarprogramma__jaar=jaar, versie__nummer=nummer).sha256


def _versie(jaar: int, nummer: int) -> ProgrammaVersie:
    return ProgrammaVersie.objects.get(jaarprogramma__jaar=jaar, nummer=nummer)


def _rijen() -> int:
    """Every row a check could write: documents, prints and every history table."""
    return (
        Document.objects.count()
        + Vingerafdruk.objects.count()
        + sum(m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical"))
    )


def _upload(naam: str, inhoud: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


@pytest.fixture
def programma_pdf(demo, client) -> bytes:
    """The programme document of 2027 as the portal serves it (rendered and stored now)."""
    response = client.get("/programma/2027/programma.pdf")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the page and a pasted fingerprint ----------------------------------------------------


def test_lege_pagina(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/verifieer/")
    tekst = _tekst(response)
    assert "Plak een vingerafdruk" in tekst and "Of kies een PDF-bestand" in tekst
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert "Uitslag" not in tekst


def test_geldende_vingerafdruk(demo, client, django_assert_max_num_queries):
    sha = _afdruk(2027, 2)
    # as someone might paste it: capitals, spaces, a prefix
    geplakt = "SHA256: " + " ".join(sha[i : i + 16] for i in range(0, 64, 16)).upper()
    voor = _rijen()
    with django_assert_max_num_queries(6):
        response = client.post("/verifieer/", {"vingerafdruk": geplakt})
    tekst = _tekst(response)
    assert "Deze vingerafdruk hoort bij versie 2 van het jaarprogramma 2027" in tekst
    assert "Ja, geldend" in tekst and "geldende versie van het jaarprogramma 2027" in tekst
    assert "vervangen door" not in tekst
    assert 'href="/programma/2027/v2/"' in response.content.decode()
    assert "20 oktober 2026" in tekst  # voorgesteld op, from the demo
    assert _rijen() == voor


def test_vervangen_vingerafdruk_met_reden(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/verifieer/", {"vingerafdruk": _afdruk(2027, 1)})
    tekst = _tekst(response)
    assert "hoort bij versie 1 van het jaarprogramma 2027" in tekst
    assert "Nee: vervangen door versie 2 op 20 oktober 2026." in tekst
    assert _versie(2027, 2).reden in tekst
    pagina = response.content.decode()
    assert 'href="/programma/2027/v1/"' in pagina and 'href="/programma/2027/v2/"' in pagina
    # the link of the version page prefills the field and checks at once
    assert _afdruk(2027, 1) in pagina.split('name="vingerafdruk"')[1].split("</textarea>")[0]


def test_vastgestelde_jaar(demo, client):
    tekst = _tekst(client.get("/verifieer/", {"vingerafdruk": _afdruk(2026, 1)}))
    assert "Ja, geldend" in tekst and "vastgesteld" in tekst.lower()


def test_onbekende_vingerafdruk(demo, client):
    tekst = _tekst(client.get("/verifieer/", {"vingerafdruk": "0" * 64}))
    assert (
        "Onbekend: deze vingerafdruk is niet van een voorgestelde versie van Regioportaal" in tekst
    )


@pytest.mark.parametrize(
    ("geplakt", "melding"),
    [
        ("abc123", "precies 64 tekens; hier staan er 6"),
        ("x" * 64, "alleen uit de cijfers 0 tot en met 9"),
        ("", "Plak een vingerafdruk om te controleren"),
    ],
)
def test_verkeerde_vorm_geeft_een_melding_op_het_formulier(demo, client, geplakt, melding):
    response = client.get("/verifieer/", {"vingerafdruk": geplakt})
    tekst = _tekst(response)
    assert melding in tekst
    assert "Uitslag" not in tekst
    if geplakt:  # what was typed stays in the field
        assert f"{geplakt}</textarea>" in response.content.decode()


def test_sha256_van_het_bestand_zelf_geplakt(demo, client, programma_pdf):
    import hashlib

    tekst = _tekst(
        client.get("/verifieer/", {"vingerafdruk": hashlib.sha256(programma_pdf).hexdigest()})
    )
    assert "Dit is de SHA-256 van het bestand programma-2027-v2.pdf" in tekst


# --- an uploaded PDF ---------------------------------------------------------------------


def test_pdf_van_het_portaal_is_precies_een_document(
    demo, client, programma_pdf, django_assert_max_num_queries
):
    voor = _rijen()
    with django_assert_max_num_queries(6):
        response = client.post(
            "/verifieer/", {"bestand": _upload("programma-2027-v2.pdf", programma_pdf)}
        )
    tekst = _tekst(response)
    assert "Dit is precies het document programma-2027-v2.pdf dat Regioportaal maakte op" in tekst
    assert "Jaarprogramma 2027, versie 2" in tekst and "Ja, geldend" in tekst
    assert 'href="/programma/2027/v2/programma.pdf"' in response.content.decode()
    assert _rijen() == voor


def _gewijzigd(inhoud: bytes, **metadata) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(inhoud)))
    writer.add_metadata(metadata)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_gewijzigde_pdf_noemt_de_versie_maar_is_niet_hetzelfde_bestand(
    demo, client, programma_pdf, django_assert_max_num_queries
):
    from pypdf import PdfReader

    # one character of the metadata changed; the title and the fingerprint kept
    onderwerp = PdfReader(io.BytesIO(programma_pdf)).metadata["/Subject"]
    gewijzigd = _gewijzigd(programma_pdf, **{"/Subject": onderwerp + "."})
    assert gewijzigd != programma_pdf
    voor = _rijen()
    with django_assert_max_num_queries(10):
        response = client.post("/verifieer/", {"bestand": _upload("kopie.pdf", gewijzigd)})
    tekst = _tekst(response)
    assert (
        "Het bestand kopie.pdf noemt versie 2 van het jaarprogramma 2027, maar het is niet "
        "hetzelfde bestand als een document dat Regioportaal maakte" in tekst
    )
    assert "precies" not in tekst
    # the original to compare with, found by the title the file carries
    assert 'href="/programma/2027/v2/programma.pdf"' in response.content.decode()
    assert _rijen() == voor


def test_pdf_met_de_vingerafdruk_van_een_vervangen_versie_in_de_metadata(
    demo, client, programma_pdf
):
    gewijzigd = _gewijzigd(programma_pdf, **{"/Vingerafdruk": _afdruk(2027, 1)})
    tekst = _tekst(client.post("/verifieer/", {"bestand": _upload("oud.pdf", gewijzigd)}))
    assert "noemt versie 1 van het jaarprogramma 2027" in tekst
    assert "vervangen door versie 2" in tekst


def test_pdf_van_het_portaal_draagt_de_vingerafdruk_in_de_metadata(demo, programma_pdf):
    from pypdf import PdfReader

    metadata = PdfReader(io.BytesIO(programma_pdf)).metadata
    assert metadata.get("/Vingerafdruk") == _afdruk(2027, 2)


def test_tekstbestand_met_pdf_naam_geeft_een_melding(demo, client):
    voor = _rijen()
    response = client.post(
        "/verifieer/", {"bestand": _upload("raadsvoorstel.pdf", b"Dit is gewoon tekst.\n")}
    )
    tekst = _tekst(response)
    assert "Het bestand raadsvoorstel.pdf is geen PDF-bestand" in tekst
    assert "Uitslag" not in tekst
    pagina = response.content.decode()
    assert 'name="bestand"' in pagina and 'name="vingerafdruk"' in pagina  # the form is kept
    assert 'class="veld veld--fout"' in pagina
    assert _rijen() == voor


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"%PDF-1.7\nkapot", "kan niet worden gelezen"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 40, "kan niet worden gelezen"),
        (b"", "Dit bestand is leeg"),
    ],
)
def test_onleesbare_pdf_geeft_een_melding_geen_fout(demo, client, inhoud, melding):
    tekst = _tekst(client.post("/verifieer/", {"bestand": _upload("stuk.pdf", inhoud)}))
    assert melding in tekst


def test_pdf_met_wachtwoord(demo, client):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("geheim", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    tekst = _tekst(client.post("/verifieer/", {"bestand": _upload("slot.pdf", buffer.getvalue())}))
    assert "met een wachtwoord beveiligd" in tekst


def test_pdf_zonder_vingerafdruk(demo, client):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    tekst = _tekst(client.post("/verifieer/", {"bestand": _upload("leeg.pdf", buffer.getvalue())}))
    assert "In het bestand leeg.pdf staat geen vingerafdruk van Regioportaal" in tekst


def test_te_groot_bestand_wordt_niet_gelezen(demo, client, monkeypatch):
    from programma import forms_verifieer

    monkeypatch.setattr(forms_verifieer, "MAX_GROOTTE", 1000)
    response = client.post(
        "/verifieer/", {"bestand": _upload("groot.pdf", b"%PDF-1.7\n" + b"0" * 5000)}
    )
    # the upload handler stopped reading it: it never reached the form as a file
    assert response.wsgi_request.upload_te_groot is True
    assert "bestand" not in response.wsgi_request.FILES
    tekst = _tekst(response)
    assert "Dit bestand is groter dan 1000" in tekst
    assert "Uitslag" not in tekst


def test_geen_bestand_gekozen(demo, client):
    tekst = _tekst(client.post("/verifieer/", {}))
    assert "Kies een PDF-bestand om te controleren" in tekst


def test_vingerafdruk_en_bestand_tegelijk(demo, client):
    tekst = _tekst(
        client.post(
            "/verifieer/",
            {"vingerafdruk": "0" * 64, "bestand": _upload("a.pdf", b"%PDF-1.7\n")},
        )
    )
    assert "niet allebei tegelijk" in tekst


def test_uploaden_vraagt_het_csrf_token(demo):
    browser = Client(enforce_csrf_checks=True)
    zonder = browser.post("/verifieer/", {"vingerafdruk": "0" * 64})
    assert zonder.status_code == 403
    browser.get("/verifieer/")
    token = browser.cookies["csrftoken"].value
    met = browser.post("/verifieer/", {"vingerafdruk": "0" * 64, "csrfmiddlewaretoken": token})
    assert met.status_code == 200


# --- the version page --------------------------------------------------------------------


def test_versiepagina_toont_vingerafdruk_en_documenten(demo, client, django_assert_max_num_queries):
    sha = _afdruk(2027, 2)
    with django_assert_max_num_queries(12):
        response = client.get("/programma/2027/")
    pagina = response.content.decode()
    tekst = _tekst(response)
    assert f"Vingerafdruk (SHA-256) van versie 2: {sha} controleer" in tekst
    assert f'href="/verifieer/?vingerafdruk={sha}"' in pagina
    assert 'href="/programma/2027/v2/programma.pdf"' in pagina
    assert 'href="/programma/2027/v2/raadsvoorstellen.zip"' in pagina
    raadsvoorstellen = re.findall(r'href="/programma/2027/v2/raadsvoorstel/([a-z-]+)\.pdf"', pagina)
    assert len(raadsvoorstellen) == _versie(2027, 2).deelnemers.count() == 18
    assert "arnhem" in raadsvoorstellen
    # an older version shows its own print and its own documents
    oud = client.get("/programma/2027/v1/").content.decode()
    assert _afdruk(2027, 1) in oud and sha not in oud
    assert 'href="/programma/2027/v1/programma.pdf"' in oud


def test_controleer_link_van_de_versiepagina(demo, client):
    pagina = client.get("/programma/2027/").content.decode()
    link = html.unescape(re.search(r'href="(/verifieer/\?vingerafdruk=[0-9a-f]{64})"', pagina)[1])
    assert "Ja, geldend" in _tekst(client.get(link))


def test_concept_toont_voorbeelden_alleen_aan_opstellers(demo, client, login):
    login("regiobestuur")
    pagina = client.get("/programma/2028/").content.decode()
    assert "Een concept heeft nog geen vingerafdruk" in pagina
    assert 'href="/programma/2028/v1/programma.pdf"' in pagina
    assert "/programma/2028/v1/raadsvoorstellen.zip" not in pagina
    assert "voorbeeld, gemarkeerd als CONCEPT" in pagina
    # the portefeuillehouder reads the concept, but its previews are not theirs to see
    login("portefeuillehouder")
    pagina = client.get("/programma/2028/").content.decode()
    assert "Een concept heeft nog geen vingerafdruk" in pagina
    assert "/programma/2028/v1/programma.pdf" not in pagina
