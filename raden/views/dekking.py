"""The coverage matrix of a year's decision round (public, live) and closing the round.

Every figure comes from raden.cijfers.dekking_van, the one source. The page polls its matrix
with htmx; the poll is a conditional request whose ETag is raden.cijfers.dekking_stempel, so an
unchanged matrix answers 304 without being computed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from programma.models import ProgrammaVersie, Status
from programma.permissions import VOORSTELLEN
from programma.selectors import gepubliceerde_versies
from raden.cijfers import dekking_stempel, dekking_van
from raden.services import sluit_besluitronde
from regio.exceptions import DomeinFout
from regio.permissions import heeft_recht, openbaar


class SluitRondeForm(forms.Form):
    onvolledig = forms.BooleanField(
        label=gettext_lazy("ook al hebben niet alle gemeenten besloten"), required=False
    )


def _gepubliceerde_versie(jaar: int) -> ProgrammaVersie | None:
    """The current published version of the year (None for an unknown or concept-only year)."""
    return gepubliceerde_versies().filter(jaarprogramma__jaar=jaar).first()


def _versie_of_404(jaar: int) -> ProgrammaVersie:
    versie = _gepubliceerde_versie(jaar)
    if versie is None:
        raise Http404
    return versie


def _mag_sluiten(request: HttpRequest, versie: ProgrammaVersie) -> bool:
    return versie.jaarprogramma.status == Status.VOORGESTELD and request.user.has_perm(VOORSTELLEN)


def _context(request: HttpRequest, versie: ProgrammaVersie, form=None) -> dict:
    matrix = dekking_van(versie)
    for kolom in matrix.kolommen:  # the names as proposed: the version is already loaded
        kolom.deelnemer.versie = versie
    mag_sluiten = _mag_sluiten(request, versie)
    return {
        "versie": versie,
        "matrix": matrix,
        "gesloten": versie.jaarprogramma.status != Status.VOORGESTELD,
        "opnieuw_besluiten": [k for k in matrix.kolommen if k.opnieuw],
        # each row with its cells beside their columns (the gemeente of each cell)
        "regels": [
            (rij, list(zip(matrix.kolommen, rij.cellen, strict=True))) for rij in matrix.rijen
        ],
        "mag_sluiten": mag_sluiten,
        "form": (form or SluitRondeForm()) if mag_sluiten else None,
    }


def _etag(request: HttpRequest, jaar: int) -> str | None:
    """The matrix's fingerprint, and what else makes this response differ: the partial or the
    whole page, and whether the closing form is on it. None (no ETag) for an unknown year."""
    versie = request.dekking_versie = _gepubliceerde_versie(jaar)
    if versie is None:
        return None
    soort = "deel" if request.htmx else "pagina"
    if _mag_sluiten(request, versie):
        soort += "-sluiten"
    return f"{dekking_stempel(versie)}-{soort}"


@require_safe
@openbaar
@vary_on_headers("HX-Request")
@condition(etag_func=_etag)
def dekking(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = getattr(request, "dekking_versie", None) or _versie_of_404(jaar)
    template = "raden/_dekking_matrix.html" if request.htmx else "raden/dekking.html"
    return render(request, template, _context(request, versie))


@require_POST
@heeft_recht(VOORSTELLEN)
def besluitronde_sluiten(request: HttpRequest, jaar: int) -> HttpResponse:
    """The regiobestuur closes the decision round of a proposed year; a refusal (decisions still
    missing without the explicit choice, the round already closed) shows on the page."""
    versie = _versie_of_404(jaar)
    form = SluitRondeForm(request.POST)
    if form.is_valid():
        try:
            dekkingen = sluit_besluitronde(
                jaarprogramma=versie.jaarprogramma,
                acting_user=request.user,
                onvolledig=form.cleaned_data["onvolledig"],
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            gedekt = sum(1 for d in dekkingen if d.gedekt)
            messages.success(
                request,
                _(
                    "De besluitronde %(jaar)s is gesloten: %(gedekt)s van de %(aantal)s opgaven "
                    "zijn gedekt."
                )
                % {"jaar": jaar, "gedekt": gedekt, "aantal": len(dekkingen)},
            )
            return redirect("dekking", jaar=jaar)
    versie = _versie_of_404(jaar)  # re-read: the status as it is now
    context = _context(request, versie, form)
    if context["form"] is None:  # the round is no longer open: show why anyway
        context["form"] = form
    return render(request, "raden/dekking.html", context)
