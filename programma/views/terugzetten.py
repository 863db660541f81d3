"""Reverting a concept opgave or a concept's programme text to an earlier recorded state: a
confirm page with what would change, then the revert (programma.services.terugzetten)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programma import services
from programma.forms_terugzetten import TerugzettenForm
from programma.permissions import BEWERKEN
from programma.services import terugzetten as tz
from programma.views.opstellen import _concept, _concept_opgave
from regio.exceptions import DomeinFout
from regio.permissions import geheim_object

GET_POST = require_http_methods(["GET", "HEAD", "POST"])

# 404 for whoever may not see the concept (as for one that does not exist), 403 for whoever
# sees it but may not revert (a portefeuillehouder edits texts, never reverts).
concept_terugzetten = geheim_object(_concept, recht=BEWERKEN)
opgave_terugzetten = geheim_object(_concept_opgave, recht=BEWERKEN)


def _fout(form, fout: ValidationError) -> None:
    for bericht in fout.messages:
        form.add_error(None, bericht)


def _ververs(form, huidig: str) -> None:
    """After a refusal the page shows the current differences: the token must be theirs, the
    reason stays as typed."""
    form.data = form.data.copy()
    form.data["huidig"] = huidig


def _door(rec) -> str:
    user = rec.history_user
    if user is None:
        return _("onbekend")
    return user.get_full_name() or user.get_username()


def _bevestig(request, *, versie, titel, rec, verschillen, form, terug) -> HttpResponse:
    return render(
        request,
        "programma/terugzetten.html",
        {
            "titel": titel,
            "datum": tz.datum_van(rec),
            "door": _door(rec),
            "rec": rec,
            "verschillen": verschillen,
            "form": form,
            "terug": terug,
            "versie": versie,
        },
    )


def _terugzetten(request, *, rec, huidig: str, zet_terug, gelukt: str, klaar, pagina):
    """The confirm page and its POST, for an opgave and for the vision alike: the revert runs
    with the token of what this page showed; a refusal shows the current differences again
    with the reason kept. `pagina` gives the page's own context (only read when it is shown)."""
    form = TerugzettenForm(request.POST or None, initial={"huidig": huidig})
    if request.method == "POST" and form.is_valid():
        try:
            zet_terug(
                reden=form.cleaned_data["reden"],
                acting_user=request.user,
                verwacht=form.cleaned_data["huidig"] or None,
            )
        except ValidationError as fout:
            _fout(form, fout)
            _ververs(form, huidig)
        else:
            messages.success(request, gelukt)
            return klaar
    return _bevestig(request, rec=rec, form=form, **pagina())


@GET_POST
@opgave_terugzetten
def opgave(request: HttpRequest, jaar: int, slug: str, stand: int) -> HttpResponse:
    po = request.toegang_object
    try:
        rec = tz.opgave_stand(po, stand)
    except DomeinFout as fout:
        raise Http404(str(fout)) from fout
    return _terugzetten(
        request,
        rec=rec,
        huidig=tz.huidige_stand_opgave(po),
        zet_terug=lambda **kw: services.zet_opgave_terug(programma_opgave=po, stand=stand, **kw),
        gelukt=_("%(titel)s is teruggezet naar de stand van %(datum)s.")
        % {"titel": po.opgave.titel, "datum": tz.datum_van(rec)},
        klaar=redirect("bewerken-opgave", jaar=jaar, slug=slug),
        pagina=lambda: {
            "versie": po.versie,
            "titel": _("Opgave %(titel)s terugzetten") % {"titel": po.opgave.titel},
            "verschillen": tz.verschillen_opgave(po, rec),
            "terug": reverse("bewerken-opgave", kwargs={"jaar": jaar, "slug": slug}),
        },
    )


@GET_POST
@concept_terugzetten
def visie(request: HttpRequest, jaar: int, stand: int) -> HttpResponse:
    versie = request.toegang_object
    try:
        rec = tz.visie_stand(versie, stand)
    except DomeinFout as fout:
        raise Http404(str(fout)) from fout
    return _terugzetten(
        request,
        rec=rec,
        huidig=tz.huidige_stand_visie(versie),
        zet_terug=lambda **kw: services.zet_visie_terug(versie=versie, stand=stand, **kw),
        gelukt=_("De titel en visie zijn teruggezet naar de stand van %(datum)s.")
        % {"datum": tz.datum_van(rec)},
        klaar=redirect("bewerken-visie", jaar=jaar),
        pagina=lambda: {
            "versie": versie,
            "titel": _("Titel en visie terugzetten"),
            "verschillen": tz.verschillen_visie(versie, rec),
            "terug": reverse("bewerken-visie", kwargs={"jaar": jaar}),
        },
    )
