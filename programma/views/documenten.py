"""The PDF documents of a programme version, and the zip with all of them.

Public once a version is proposed (served from storage, rendered on first request); a concept
is a preview for those who draft it, rendered on every request, marked CONCEPT on every page
and never stored; 404 for everyone else, for a gemeente that does not take part in the version
and for a besluitenoverzicht before there are decisions."""

from __future__ import annotations

import hashlib
import io
import zipfile
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from programma import selectors
from programma.documenten import opslag, pdf, soorten
from programma.documenten.models import DocumentSoort
from programma.models import ProgrammaVersie
from regio.models import Gemeente
from regio.permissions import openbaar


def versie_van_document(user, jaar: int, nummer: int | None) -> ProgrammaVersie:
    """The version a document URL shows: the published one (or /v<n>/); a concept only for
    whoever may draft it (a portefeuillehouder reads the concept's pages, not its previews)."""
    versie = selectors.versie_voor(user, jaar, nummer)
    if not versie.is_bevroren and not selectors.mag_concepten_zien(user):
        raise Http404("Geen programma voor dit jaar.")
    return versie


def _zonder_pdf(view):
    """A document that must be rendered while WeasyPrint cannot load here (Pango missing):
    503 with the command that fixes it, not a 500. Stored documents are still served."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except pdf.PdfNietBeschikbaar:
            response = HttpResponse(
                _(
                    "Dit document kan nu niet worden gemaakt: op deze server ontbreekt Pango, "
                    "dat WeasyPrint nodig heeft om PDF's te maken. De beheerder installeert het "
                    "met:\n\n    %(commando)s\n\nen probeert het daarna opnieuw."
                )
                % {"commando": pdf.INSTALLATIE},
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            patch_cache_control(response, no_store=True)
            return response
        except FileNotFoundError:
            # A stored document whose file is gone (a database restored without its media):
            # its row is frozen, so say what is wrong instead of a 500.
            response = HttpResponse(
                _(
                    "Het opgeslagen bestand van dit document ontbreekt op deze server. De "
                    "beheerder zet de map met documenten (MEDIA_ROOT) terug uit de back-up."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            patch_cache_control(response, no_store=True)
            return response

    return wrapper


def _schijf(
    inhoud: bytes, *, bestandsnaam: str, etag: str | None, soort: str, bijlage: bool = False
) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=soort)
    wijze = "attachment" if bijlage else "inline"
    response["Content-Disposition"] = f'{wijze}; filename="{bestandsnaam}"'
    response["Content-Length"] = str(len(inhoud))
    if etag:
        _cache(response, etag)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _cache(response: HttpResponse, etag: str) -> None:
    response["ETag"] = f'"{etag}"'
    patch_cache_control(response, public=True, max_age=300)


def _ongewijzigd(etag: str) -> HttpResponse:
    """304, with the headers the 200 would have had (RFC 9110 15.4.5)."""
    response = HttpResponseNotModified()
    _cache(response, etag)
    return response


def _niet_gewijzigd(request: HttpRequest, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110 13.1.2): a proxy that compressed the response
    sends the ETag back as W/"..."."""
    gevraagd = [
        d.strip().removeprefix("W/") for d in request.headers.get("If-None-Match", "").split(",")
    ]
    return f'"{etag}"' in gevraagd or "*" in gevraagd


def _document(request: HttpRequest, code: str, versie: ProgrammaVersie, gemeente) -> HttpResponse:
    soort = soorten.soort(code)
    if not soort.bestaat_voor(versie):
        raise Http404("Dit document bestaat (nog) niet voor deze versie.")
    if not versie.is_bevroren:
        inhoud = opslag.render(soort, versie, gemeente)[0]
        return _schijf(
            inhoud,
            bestandsnaam="CONCEPT-" + soort.bestandsnaam(versie, gemeente),
            etag=None,
            soort="application/pdf",
        )
    doc = opslag.document(code, versie, gemeente)
    if _niet_gewijzigd(request, doc.sha256):
        return _ongewijzigd(doc.sha256)
    return _schijf(
        opslag.inhoud_van(doc),
        bestandsnaam=doc.bestandsnaam,
        etag=doc.sha256,
        soort="application/pdf",
    )


def _deelnemer_of_404(versie: ProgrammaVersie, slug: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, slug=slug)
    if gemeente.pk not in {d.gemeente_id for d in selectors.deelnemers_van(versie)}:
        raise Http404("Deze gemeente neemt niet deel aan deze programmaversie.")
    return gemeente


@require_safe
@_zonder_pdf
@openbaar
def raadsvoorstel(
    request: HttpRequest, jaar: int, gemeente: str, nummer: int | None = None
) -> HttpResponse:
    versie = versie_van_document(request.user, jaar, nummer)
    return _document(
        request, DocumentSoort.RAADSVOORSTEL, versie, _deelnemer_of_404(versie, gemeente)
    )


@require_safe
@_zonder_pdf
@openbaar
def programmadocument(request: HttpRequest, jaar: int, nummer: int | None = None) -> HttpResponse:
    versie = versie_van_document(request.user, jaar, nummer)
    return _document(request, DocumentSoort.PROGRAMMA, versie, None)


@require_safe
@_zonder_pdf
@openbaar
def besluiten(request: HttpRequest, jaar: int, nummer: int | None = None) -> HttpResponse:
    versie = versie_van_document(request.user, jaar, nummer)
    return _document(request, DocumentSoort.BESLUITEN, versie, None)


@require_safe
@_zonder_pdf
@openbaar
def raadsvoorstellen_zip(
    request: HttpRequest, jaar: int, nummer: int | None = None
) -> HttpResponse:
    """Every document of a proposed version in one zip, for the programmabureau to send on.
    A concept has none: a zip is for sending out, and a concept is not sent out."""
    versie = versie_van_document(request.user, jaar, nummer)
    if not versie.is_bevroren:
        raise Http404("Een concept wordt niet als zip verstuurd.")
    documenten = opslag.alle_documenten(versie)
    etag = hashlib.sha256("".join(d.sha256 for d in documenten).encode()).hexdigest()
    if _niet_gewijzigd(request, etag):
        return _ongewijzigd(etag)
    buffer = io.BytesIO()
    # PDFs are compressed already: stored, not deflated again
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as z:
        for doc in documenten:
            gemaakt = timezone.localtime(doc.gemaakt_op).timetuple()[:6]
            info = zipfile.ZipInfo(doc.bestandsnaam, date_time=gemaakt)
            # a ZipInfo of our own starts without permissions: unzip would make unreadable files
            info.external_attr = 0o644 << 16
            z.writestr(info, opslag.inhoud_van(doc))
    return _schijf(
        buffer.getvalue(),
        bestandsnaam=f"raadsvoorstellen-{jaar}-v{versie.nummer}.zip",
        etag=etag,
        soort="application/zip",
        bijlage=True,
    )
