"""Technische vragen: a sitting raadslid of a member gemeente asks about an opgave of the
programme in the decision round; the programmabureau (and the regiobestuur) answer them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from programma.models import ProgrammaOpgave, Status
from programma.permissions import BEWERKEN
from programma.selectors import gepubliceerde_versies
from raden import services
from raden.forms_vragen import AntwoordForm, VraagForm
from raden.models import Raadslid, Vraag
from raden.permissions import RAADSLID_VAN
from regio.exceptions import DomeinFout
from regio.models import Gemeente
from regio.permissions import geheim_object, heeft_recht


def opgave_in_ronde(slug: str, jaar: int) -> ProgrammaOpgave:
    """The opgave in the current version of a year whose decision round runs; 404 otherwise
    (unknown, a concept year, or a year already decided)."""
    versie = (
        gepubliceerde_versies()
        .filter(jaarprogramma__jaar=jaar, jaarprogramma__status=Status.VOORGESTELD)
        .first()
    )
    if versie is None:
        raise Http404("Geen besluitronde in dit jaar.")
    return get_object_or_404(
        ProgrammaOpgave.objects.select_related("opgave", "versie__jaarprogramma"),
        versie=versie,
        opgave__slug=slug,
    )


def _gemeente_van_vrager(user, slug: str, jaar: int) -> Gemeente:
    """The member gemeente in whose raad this user sits; without a seat in one, a member
    gemeente all the same, so that the access rule (the seat, raden.permissions) says no."""
    po = opgave_in_ronde(slug, jaar)
    leden = Gemeente.objects.filter(deelnames__versie_id=po.versie_id).order_by("naam")
    zetel = leden.filter(
        pk__in=Raadslid.objects.zittend().filter(user=user).values("gemeente_id")
    ).first()
    gemeente = zetel or leden.first()
    if gemeente is None:
        raise Http404
    return gemeente


@require_http_methods(["GET", "HEAD", "POST"])
@geheim_object(_gemeente_van_vrager, objectrecht=RAADSLID_VAN)
def vraag_stellen(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    po = opgave_in_ronde(slug, jaar)
    form = VraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stel_vraag(
                programma_opgave=po, tekst=form.cleaned_data["vraag"], acting_user=request.user
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                _("Uw vraag over %(opgave)s is gesteld. U krijgt een e-mail als zij beantwoord is.")
                % {"opgave": po.opgave.titel},
            )
            return redirect("mijn")
    return render(
        request,
        "raden/vragen/stellen.html",
        {"po": po, "versie": po.versie, "gemeente": request.toegang_object, "form": form},
    )


def _vragen_pagina(
    request: HttpRequest, *, fout: tuple[int, AntwoordForm] | None = None
) -> HttpResponse:
    vragen = list(
        Vraag.objects.select_related(
            "raadslid__gemeente",
            "raadslid__fractie",
            "programma_opgave__opgave",
            "programma_opgave__versie__jaarprogramma",
            "beantwoord_door",
        ).order_by("gesteld_op", "pk")
    )
    open_ = []
    for v in vragen:
        if v.is_beantwoord:
            continue
        form = fout[1] if fout and fout[0] == v.pk else AntwoordForm(auto_id=f"id_%s_{v.pk}")
        open_.append((v, form))
    beantwoord = sorted(
        (v for v in vragen if v.is_beantwoord), key=lambda v: v.beantwoord_op, reverse=True
    )
    return render(request, "raden/vragen/lijst.html", {"open": open_, "beantwoord": beantwoord})


@require_safe
@heeft_recht(BEWERKEN)
def vragen(request: HttpRequest) -> HttpResponse:
    return _vragen_pagina(request)


@require_POST
@heeft_recht(BEWERKEN)
def beantwoorden(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = get_object_or_404(Vraag.objects.select_related("programma_opgave__opgave"), pk=pk)
    if vraag.is_beantwoord:
        messages.info(request, _("Deze vraag is al beantwoord; het antwoord verandert niet meer."))
        return redirect("vragen")
    form = AntwoordForm(request.POST, auto_id=f"id_%s_{vraag.pk}")
    if form.is_valid():
        try:
            services.beantwoord_vraag(
                vraag=vraag, antwoord=form.cleaned_data["antwoord"], acting_user=request.user
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                _("Het antwoord op de vraag over %(opgave)s is gepubliceerd.")
                % {"opgave": vraag.programma_opgave.opgave.titel},
            )
            return redirect("vragen")
    return _vragen_pagina(request, fout=(vraag.pk, form))
