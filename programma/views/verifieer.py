"""/verifieer/: anyone pastes a fingerprint or uploads a PDF and sees which programme version it
belongs to and whether that version is still the current one.

A public check that only reads: it writes no row and keeps no uploaded file. An upload is first
compared byte for byte with the stored documents (Document.sha256); failing that, the
fingerprint the file names is read from it (programma.documenten.vingerafdruk.uit_pdf), and
the answer says plainly that the file names a version but is not a document the portal made."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from programma.documenten import opslag
from programma.documenten.models import Document
from programma.documenten.vingerafdruk import (
    Herkomst,
    OnleesbarePdf,
    VersleuteldePdf,
    herkomst,
    uit_pdf,
    zoek_document,
)
from programma.forms_verifieer import BegrensdeUpload, VerifieerForm
from programma.models import ProgrammaVersie
from regio.permissions import openbaar


class Bevinding(models.TextChoices):
    #: the uploaded file (or the pasted file hash) is exactly a stored document
    DOCUMENT = "document", gettext_lazy("precies een document van Regioportaal")
    #: a pasted fingerprint of a proposed version
    VINGERAFDRUK = "vingerafdruk", gettext_lazy("vingerafdruk van een voorgestelde versie")
    #: the file names a known version, but is not byte for byte a stored document
    GENOEMD = "genoemd", gettext_lazy("noemt een versie, maar is niet hetzelfde bestand")
    #: a fingerprint (pasted or read from the file) of no proposed version
    ONBEKEND = "onbekend", gettext_lazy("onbekende vingerafdruk")
    #: a readable PDF that names no fingerprint at all
    ZONDER = "zonder", gettext_lazy("geen vingerafdruk in het bestand")


@dataclass
class Uitslag:
    bevinding: Bevinding
    vingerafdruk: str | None = None
    herkomst: Herkomst | None = None
    document: Document | None = None
    document_url: str | None = None
    #: the name of the uploaded file ("" for a pasted fingerprint)
    bestandsnaam: str = ""
    #: (title, url) of the portal's own document the file claims to be, when its title says
    origineel: tuple[str, str] | None = None


def document_url(doc: Document) -> str:
    """The URL that serves a stored document's version of this kind (always the /v<n>/ one)."""
    kwargs = {"jaar": doc.versie.jaarprogramma.jaar, "nummer": doc.versie.nummer}
    if doc.gemeente_id is not None:
        kwargs["gemeente"] = doc.gemeente.slug
    return reverse(f"{doc.soort}-pdf-versie", kwargs=kwargs)


def _origineel(versie: ProgrammaVersie, titel: str) -> tuple[str, str] | None:
    """The document of this version whose title the file carries (the title is not proof of
    anything: it only points at the original to compare with)."""
    if not titel:
        return None
    kw = {"jaar": versie.jaarprogramma.jaar, "nummer": versie.nummer}
    with translation.override("nl"):
        for soort, gemeente in opslag.documenten_van(versie):
            if str(soort.titel(versie, gemeente)) == titel:
                extra = {"gemeente": gemeente.slug} if gemeente is not None else {}
                return titel, reverse(f"{soort.code}-pdf-versie", kwargs={**kw, **extra})
    return None


def _van_vingerafdruk(sha: str) -> Uitslag:
    gevonden = herkomst(sha)
    if gevonden is not None:
        return Uitslag(Bevinding.VINGERAFDRUK, vingerafdruk=sha, herkomst=gevonden)
    # someone ran sha256sum on the PDF itself and pasted that: say which file it is
    doc = zoek_document(sha)
    if doc is not None:
        return Uitslag(
            Bevinding.DOCUMENT,
            vingerafdruk=doc.vingerafdruk,
            herkomst=herkomst(doc.vingerafdruk),
            document=doc,
            document_url=document_url(doc),
        )
    return Uitslag(Bevinding.ONBEKEND, vingerafdruk=sha)


def _van_bestand(form: VerifieerForm) -> Uitslag | None:
    naam = form.cleaned_data["bestand"].name
    doc = zoek_document(form.cleaned_data["sha256_bestand"])
    if doc is not None:
        return Uitslag(
            Bevinding.DOCUMENT,
            vingerafdruk=doc.vingerafdruk,
            herkomst=herkomst(doc.vingerafdruk),
            document=doc,
            document_url=document_url(doc),
            bestandsnaam=naam,
        )
    try:
        gegevens = uit_pdf(form.cleaned_data["inhoud"])
    except VersleuteldePdf:
        form.add_error(
            "bestand",
            _(
                "Het bestand %(naam)s is met een wachtwoord beveiligd en kan daardoor niet worden "
                "gecontroleerd. Documenten van Regioportaal hebben geen wachtwoord."
            )
            % {"naam": naam},
        )
        return None
    except OnleesbarePdf:
        form.add_error(
            "bestand",
            _(
                "Het bestand %(naam)s kan niet worden gelezen: het is beschadigd of onvolledig. "
                "Download het document opnieuw en probeer het nog eens."
            )
            % {"naam": naam},
        )
        return None
    if gegevens.vingerafdruk is None:
        return Uitslag(Bevinding.ZONDER, bestandsnaam=naam)
    gevonden = herkomst(gegevens.vingerafdruk)
    if gevonden is None:
        return Uitslag(Bevinding.ONBEKEND, vingerafdruk=gegevens.vingerafdruk, bestandsnaam=naam)
    return Uitslag(
        Bevinding.GENOEMD,
        vingerafdruk=gegevens.vingerafdruk,
        herkomst=gevonden,
        bestandsnaam=naam,
        origineel=_origineel(gevonden.versie, gegevens.titel),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@openbaar
@csrf_exempt
def verifieer(request: HttpRequest) -> HttpResponse:
    # The size limit has to be in place before anything reads the request body, and the CSRF
    # middleware would: so its check is made below (csrf_protect), after the limit is set.
    if request.method == "POST":
        request.upload_handlers.insert(0, BegrensdeUpload(request))
    return _verifieer(request)


@csrf_protect
def _verifieer(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = VerifieerForm(
            request.POST,
            request.FILES,
            upload="vingerafdruk" not in request.POST,
            te_groot=getattr(request, "upload_te_groot", False),
        )
    elif "vingerafdruk" in request.GET:
        # a link from a version page or a document: check at once
        form = VerifieerForm(request.GET)
    else:
        form = VerifieerForm()
    uitslag = None
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("bestand") is not None:
            uitslag = _van_bestand(form)
        else:
            uitslag = _van_vingerafdruk(form.cleaned_data["vingerafdruk"])
    return render(
        request,
        "programma/verifieer.html",
        {"form": form, "uitslag": uitslag, "Bevinding": Bevinding},
    )
