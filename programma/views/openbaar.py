"""Public read pages of the programme: home, a year, a version, a thema, an opgave, a gemeente.

Views only ask selectors what this user may see; a concept is a 404 for everyone else."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from programma import cijfers, selectors, services
from programma.documenten import soorten
from programma.documenten.models import DocumentSoort
from programma.documenten.vingerafdruk import vingerafdruk_van
from programma.forms import PortefeuillehouderForm
from regio.exceptions import DomeinFout
from regio.permissions import heeft_recht, openbaar
from regio.selectors import gemeente_met_inwoners, thema_of_404, themas

#: Functions (request, context) that add to the home, programme and thema pages what the apps
#: above programma know: raden adds where the decision round stands and each opgave's state in
#: it. They register in their AppConfig.ready(), so programma imports none of them.
aanvullingen: list[Callable[[HttpRequest, dict], None]] = []


def _aanvullen(request: HttpRequest, context: dict) -> dict:
    for aanvulling in aanvullingen:
        aanvulling(request, context)
    return context


def _programma_context(versie) -> dict:
    figuren = cijfers.versie_cijfers(versie)
    andere_versies = list(versie.jaarprogramma.versies.order_by("nummer"))
    return {
        "versie": versie,
        "deelname": figuren.deelname,
        "deelname_tekst": selectors.deelname_omschrijving(figuren.deelname),
        "programma": versie.jaarprogramma,
        "cijfers": figuren,
        "andere_versies": andere_versies,
        # what superseded this version, from the versions of its year already read
        "vervanging": selectors.vervanging_van(versie, versies=andere_versies),
    }


def _zichtbare_andere_versies(request: HttpRequest, context: dict) -> dict:
    zichtbaar = set(
        selectors.zichtbare_versies(request.user)
        .filter(jaarprogramma=context["programma"])
        .values_list("pk", flat=True)
    )
    context["andere_versies"] = [v for v in context["andere_versies"] if v.pk in zichtbaar]
    return context


def _vergelijkingen(context: dict) -> dict:
    """What this version can be compared with, among what this user may see (the versions of
    the year and the years in the context are filtered already, so no query): the version
    before it and the previous year's version."""
    versie = context["versie"]
    context["vergelijk_versie"] = next(
        (v for v in context["andere_versies"] if v.nummer == versie.nummer - 1), None
    )
    context["vergelijk_jaar"] = next(
        (v for v in context.get("jaren", []) if v.jaar == versie.jaar - 1), None
    )
    return context


@require_safe
@openbaar
def home(request: HttpRequest) -> HttpResponse:
    versie = selectors.huidige_versie(timezone.localdate().year)
    context = {"jaren": selectors.jaren_overzicht(request.user), "versie": None, "home": True}
    if versie is not None:
        context.update(_zichtbare_andere_versies(request, _programma_context(versie)))
        _vergelijkingen(context)
        context["themas"] = cijfers.per_thema(context["cijfers"], themas())
    return render(request, "programma/home.html", _aanvullen(request, context))


def _documenten(user, versie, deelname) -> dict | None:
    """The links to a version's documents (always its /v<n>/ URLs): public once proposed; a
    concept's previews only for whoever may draft it (like the document views), never a zip."""
    if not versie.is_bevroren and not selectors.mag_concepten_zien(user):
        return None
    kw = {"jaar": versie.jaar, "nummer": versie.nummer}
    algemeen, raadsvoorstellen = [], []
    for soort in soorten.soorten():
        if not soort.bestaat_voor(versie):
            continue
        if soort.per_gemeente:
            raadsvoorstellen = sorted(
                (
                    (
                        d.gemeente_naam or d.gemeente.naam,
                        reverse(
                            f"{soort.code}-pdf-versie", kwargs={**kw, "gemeente": d.gemeente.slug}
                        ),
                    )
                    for d in deelname.deelnemers
                ),
                key=lambda t: t[0],
            )
        else:
            algemeen.append(
                (DocumentSoort(soort.code).label, reverse(f"{soort.code}-pdf-versie", kwargs=kw))
            )
    return {
        "algemeen": algemeen,
        "raadsvoorstellen": raadsvoorstellen,
        "zip": reverse("raadsvoorstellen-zip-versie", kwargs=kw) if versie.is_bevroren else None,
    }


@require_safe
@openbaar
def programma(request: HttpRequest, jaar: int, nummer: int | None = None) -> HttpResponse:
    versie = selectors.versie_voor(request.user, jaar, nummer)
    context = _zichtbare_andere_versies(request, _programma_context(versie))
    context["jaren"] = selectors.jaren_overzicht(request.user)
    _vergelijkingen(context)
    context["vingerafdruk"] = vingerafdruk_van(versie)
    context["documenten"] = _documenten(request.user, versie, context["deelname"])
    # the thema's with opgaven in this version (the home and thema pages list all five)
    context["themas"] = [(g.thema, g) for g in context["cijfers"].themas]
    _aanvullen(request, context)
    user = request.user
    context["mag_bewerken"] = not versie.is_bevroren and user.has_perm("programma.bewerk_concept")
    context["mag_corrigeren"] = (
        versie.is_bevroren
        and versie.jaarprogramma.status == "voorgesteld"
        and user.has_perm("programma.stel_voor")
        and not versie.jaarprogramma.versies.concepten().exists()
    )
    return render(request, "programma/programma.html", context)


def opgave_context(request: HttpRequest, slug: str, jaar: int | None = None) -> dict:
    """The opgave page's context (404 if hidden or absent), also for pages that add to it."""
    detail = cijfers.opgave_detail(request.user, slug, jaar)
    return {
        "detail": detail,
        "opgave": detail.opgave,
        "inhoud": detail.inhoud,
        "versie": detail.versie,
        "synergieen": detail.synergieen,
        "jaren": detail.jaren,
        "stuurgroep": detail.stuurgroep,
        "regelingen": detail.regelingen,
    }


@require_safe
@openbaar
def opgave(request: HttpRequest, slug: str, jaar: int | None = None) -> HttpResponse:
    """/opgaven/<slug>/ follows the newest published year; /opgaven/<slug>/<jaar>/ shows the
    opgave as that year's programme has it."""
    return render(request, "programma/opgave.html", opgave_context(request, slug, jaar))


def gemeente_context(request: HttpRequest, slug: str) -> dict:
    """The gemeente page's context (404 if unknown), also for pages that add to it."""
    gemeente = gemeente_met_inwoners(slug)
    return {
        "gemeente": gemeente,
        "jaren": cijfers.gemeente_bijdragen(request.user, gemeente),
        "raadsvoorstellen": _raadsvoorstellen(gemeente),
    }


def _raadsvoorstellen(gemeente) -> list[tuple[object, list[tuple[str, str]]]]:
    """Per proposed version the gemeente takes part in: its documents for this gemeente (the
    raadsvoorstel), as (title, URL of the PDF of that very version)."""
    per_gemeente = [s for s in soorten.soorten() if s.per_gemeente]
    uit = []
    for versie in selectors.bevroren_versies_van_gemeente(gemeente):
        kw = {"jaar": versie.jaar, "nummer": versie.nummer, "gemeente": gemeente.slug}
        links = [
            (DocumentSoort(s.code).label, reverse(f"{s.code}-pdf-versie", kwargs=kw))
            for s in per_gemeente
            if s.bestaat_voor(versie)
        ]
        if links:
            uit.append((versie, links))
    return uit


@require_safe
@openbaar
def gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "programma/gemeente.html", gemeente_context(request, slug))


@require_http_methods(["GET", "HEAD", "POST"])
@heeft_recht("programma.benoem_portefeuillehouder")
def portefeuillehouders(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = selectors.concept_versie_van_jaar(jaar)
    form = PortefeuillehouderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        po = (
            versie.opgaven.filter(pk=form.cleaned_data["programma_opgave"]).first()
            if versie
            else None
        )
        try:
            if versie is None:
                raise DomeinFout(
                    _("Alleen in een conceptprogramma kunnen portefeuillehouders worden benoemd.")
                )
            if po is None:
                raise DomeinFout(
                    _("Deze opgave staat niet in het concept van %(jaar)s.") % {"jaar": jaar}
                )
            # what the service saved, not the row read before it (that names the old holder)
            benoemd = services.benoem_portefeuillehouder(
                programma_opgave=po,
                bestuurder=form.cleaned_data["bestuurder"],
                acting_user=request.user,
            )
        except DomeinFout as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                _("%(naam)s is regionaal portefeuillehouder van %(opgave)s.")
                % {"naam": benoemd.portefeuillehouder.naam, "opgave": benoemd.opgave.titel},
            )
            return redirect("portefeuillehouders", jaar=jaar)
    opgaven = list(cijfers.programma_opgaven(versie)) if versie else []
    fout_bij = request.POST.get("programma_opgave") if form.errors else None
    if fout_bij is not None and fout_bij not in {str(po.pk) for po in opgaven}:
        # no row of the table to show the message at: show it above the table
        berichten = list(form.errors.pop("bestuurder", []))
        if form.errors.pop("programma_opgave", None):
            berichten.insert(
                0, _("Deze opgave staat niet in het concept van %(jaar)s.") % {"jaar": jaar}
            )
        for bericht in berichten:
            form.add_error(None, bericht)
    return render(
        request,
        "programma/portefeuillehouders.html",
        {
            "jaar": jaar,
            "versie": versie,
            "opgaven": opgaven,
            "bestuurders": list(selectors.bestuurders_keuze()),
            "form": form,
            "fout_bij": fout_bij,
        },
    )


@require_safe
@openbaar
def begroting(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = selectors.versie_voor(request.user, jaar)
    return render(
        request,
        "programma/begroting.html",
        {"versie": versie, "cijfers": cijfers.versie_cijfers(versie)},
    )


@require_safe
@openbaar
def synergie(request: HttpRequest, jaar: int) -> HttpResponse:
    from programma.synergiekaart import maak_kaart

    versie = selectors.versie_voor(request.user, jaar)
    opgaven = cijfers.versie_cijfers(versie).opgaven
    synergieen = selectors.synergieen_van_versie(versie)
    return render(
        request,
        "programma/synergie.html",
        {
            "versie": versie,
            "opgaven": sorted(opgaven, key=lambda po: (po.synergieprioriteit, po.opgave.titel)),
            "synergieen": synergieen,
            "kaart": maak_kaart(opgaven, synergieen),
        },
    )


@require_safe
@openbaar
def thema(request: HttpRequest, slug: str, jaar: int | None = None) -> HttpResponse:
    """/themas/<slug>/ in the current programme (the one the home page shows), and
    /programma/<jaar>/themas/<slug>/ in a year's (a concept only for those who may see it)."""
    alle = themas()
    gekozen = thema_of_404(slug, alle)
    if jaar is None:
        versie = selectors.huidige_versie(timezone.localdate().year)
    else:
        versie = selectors.versie_voor(request.user, jaar)
    context = {
        "thema": gekozen,
        "jaar": jaar,
        "versie": versie,
        "jaren": selectors.jaren_overzicht(request.user),
        "themas": [(t, None) for t in alle],
        "groep": None,
    }
    if versie is not None:
        figuren = cijfers.versie_cijfers(versie)
        per_thema = cijfers.per_thema(figuren, alle)
        groep = next(g for t, g in per_thema if t.pk == gekozen.pk)
        gemeenten = cijfers.thema_gemeenten(figuren, groep)
        context.update(
            cijfers=figuren,
            themas=per_thema,
            groep=groep,
            gemeenten=gemeenten,
            bijdragen_totaal=sum(g.bijdrage for g in gemeenten),
        )
    return render(request, "programma/thema.html", _aanvullen(request, context))
