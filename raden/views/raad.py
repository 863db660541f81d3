"""The raad page, where a griffier keeps the composition and the raadsleden of their own
gemeente."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raden import selectors, services
from raden.forms import FORMULIER, SAMENSTELLING, RaadslidForm, SamenstellingForm
from raden.models import Partij, Raadslid
from raden.services.raad import voeg_partij_toe
from regio.exceptions import DomeinFout
from regio.models import Gemeente
from regio.permissions import heeft_objectrecht


def _gemeente(slug: str, **kwargs) -> Gemeente:
    return get_object_or_404(Gemeente, slug=slug)


def _raadslid_toevoegen(request: HttpRequest, gemeente: Gemeente, form: RaadslidForm):
    if not form.is_valid():
        return None
    try:
        raadslid = services.voeg_raadslid_toe(
            gemeente=gemeente,
            fractie=form.cleaned_data["fractie"],
            voornaam=form.cleaned_data["voornaam"],
            achternaam=form.cleaned_data["achternaam"],
            email=form.cleaned_data["email"],
            begin=form.cleaned_data["begin"],
            acting_user=request.user,
            basis_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except DomeinFout as fout:
        form.add_error(None, fout)
        return None
    messages.success(
        request,
        _("%(naam)s is toegevoegd als raadslid (%(fractie)s).")
        % {"naam": raadslid.naam, "fractie": raadslid.fractie.naam},
    )
    return redirect("raad", slug=gemeente.slug)


def _samenstelling_vastleggen(request: HttpRequest, gemeente: Gemeente, form: SamenstellingForm):
    if not form.is_valid():
        return None
    try:
        # a new party and the composition it is part of stand or fall together
        with transaction.atomic():
            nieuwe = None
            if form.cleaned_data["nieuwe_naam"]:
                nieuwe = voeg_partij_toe(
                    naam=form.cleaned_data["nieuwe_naam"],
                    lokaal=form.cleaned_data["nieuwe_naam_lokaal"],
                    acting_user=request.user,
                )
            services.stel_fracties_vast(
                gemeente=gemeente, zetels=form.zetels(nieuwe), acting_user=request.user
            )
    except DomeinFout as fout:
        form.add_error(None, fout)
        return None
    messages.success(request, _("De samenstelling van de raad is vastgelegd."))
    return redirect("raad", slug=gemeente.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@heeft_objectrecht("regio.griffier_van", _gemeente)
def raad(request: HttpRequest, slug: str) -> HttpResponse:
    gemeente = request.toegang_object
    fracties = selectors.fracties_van(gemeente).select_related("partij")
    # the composition form's fields carry its prefix; the raadslid form's do not
    samenstelling_gepost = request.POST.get(FORMULIER) == SAMENSTELLING or any(
        k.startswith(f"{SAMENSTELLING}-") for k in request.POST
    )
    samenstelling = SamenstellingForm(
        request.POST if samenstelling_gepost else None,
        prefix=SAMENSTELLING,
        fracties=fracties,
        partijen=Partij.objects.exclude(fracties__gemeente=gemeente),
    )
    form = RaadslidForm(
        request.POST if request.method == "POST" and not samenstelling_gepost else None,
        fracties=fracties,
        acting_user=request.user,
    )
    if request.method == "POST":
        if samenstelling_gepost:
            antwoord = _samenstelling_vastleggen(request, gemeente, samenstelling)
        else:
            antwoord = _raadslid_toevoegen(request, gemeente, form)
        if antwoord is not None:
            return antwoord
    raadsleden = list(selectors.raadsleden_van(gemeente))
    per_fractie: dict[int, list[Raadslid]] = {}
    for lid in raadsleden:
        per_fractie.setdefault(lid.fractie_id, []).append(lid)
    fracties = samenstelling.fracties  # evaluated once, shared with the form
    for fractie in fracties:
        fractie.zittend = per_fractie.get(fractie.pk, [])
    return render(
        request,
        "raden/raad.html",
        {
            "gemeente": gemeente,
            "grootte": services.zetels_van(gemeente),
            "fracties": fracties,
            "zetels_totaal": sum(f.zetels for f in fracties),
            "aantal_zittend": len(raadsleden),
            "form": form,
            "samenstelling": samenstelling,
            "formulier": FORMULIER,
            "samenstelling_waarde": SAMENSTELLING,
        },
    )


@require_POST
@heeft_objectrecht("regio.griffier_van", _gemeente)
def raadslid_beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    gemeente = request.toegang_object
    raadslid = get_object_or_404(
        Raadslid.objects.zittend().select_related("user", "fractie", "gemeente"),
        pk=pk,
        gemeente=gemeente,
    )
    try:
        services.beeindig_raadslidmaatschap(raadslid=raadslid, acting_user=request.user)
    except DomeinFout as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(
            request,
            _("Het raadslidmaatschap van %(naam)s is beëindigd.") % {"naam": raadslid.naam},
        )
    return redirect("raad", slug=gemeente.slug)
