"""Pages of the councils: "mijn overzicht" for every logged-in user, and the raad page where a
griffier keeps the raadsleden of their own gemeente."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raden import selectors, services
from raden.forms import RaadslidForm
from raden.models import Raadslid
from regio.exceptions import DomeinFout
from regio.models import Gemeente
from regio.permissions import heeft_objectrecht


def _gemeente(slug: str, **kwargs) -> Gemeente:
    return get_object_or_404(Gemeente, slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
@heeft_objectrecht("regio.griffier_van", _gemeente)
def raad(request: HttpRequest, slug: str) -> HttpResponse:
    gemeente = request.toegang_object
    form = RaadslidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            raadslid = services.voeg_raadslid_toe(
                gemeente=gemeente,
                fractie_naam=form.cleaned_data["fractie"],
                voornaam=form.cleaned_data["voornaam"],
                achternaam=form.cleaned_data["achternaam"],
                email=form.cleaned_data["email"],
                acting_user=request.user,
                basis_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                _("%(naam)s is toegevoegd als raadslid (%(fractie)s).")
                % {"naam": raadslid.naam, "fractie": raadslid.fractie.naam},
            )
            return redirect("raad", slug=gemeente.slug)
    return render(
        request,
        "raden/raad.html",
        {
            "gemeente": gemeente,
            "raadsleden": selectors.raadsleden_van(gemeente),
            "fracties": selectors.fracties_van(gemeente),
            "form": form,
        },
    )


@require_POST
@heeft_objectrecht("regio.griffier_van", _gemeente)
def raadslid_beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    gemeente = request.toegang_object
    raadslid = get_object_or_404(
        Raadslid.objects.zittend().select_related("user", "fractie"), pk=pk, gemeente=gemeente
    )
    services.beeindig_raadslidmaatschap(raadslid=raadslid, acting_user=request.user)
    messages.success(
        request, _("Het raadslidmaatschap van %(naam)s is beëindigd.") % {"naam": raadslid.naam}
    )
    return redirect("raad", slug=gemeente.slug)
