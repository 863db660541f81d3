"""The public gemeente and opgave pages with what the councils did: the programme's own page
context (programma.views.openbaar) plus the Besluiten, the confirmed votes per fractie and per
raadslid, and the answered technische vragen (raden.selectors_openbaar). Programma does not
know the councils; these views join the two, and `besluitronde` adds where the decision round
stands to programma's home, programme and thema pages (registered in RadenConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from programma.models import Status
from programma.views.openbaar import gemeente_context, opgave_context
from raden.selectors_openbaar import (
    beantwoorde_vragen,
    besluiten_van_gemeente,
    besluiten_van_opgave,
    besluitrondes,
    stemmen_van_gemeente,
    stemmen_van_opgave,
)
from regio.permissions import openbaar


def besluitronde(request: HttpRequest, context: dict) -> None:
    """Where the decision round of the page's version stands, and each opgave's state in it;
    the home page adds the running round of any other year (the 2027 round while the home page
    shows 2026)."""
    versie = context.get("versie")
    if versie is None or not versie.is_bevroren:
        return
    versies = [versie]
    if context.get("home"):
        versies += [
            v
            for v in context.get("jaren", [])
            if v.is_bevroren and v.pk != versie.pk and v.jaarprogramma.status == Status.VOORGESTELD
        ]
    rondes = besluitrondes(versies)
    eigen = rondes[0]
    if figuren := context.get("cijfers"):
        for po in figuren.opgaven:
            po.stand = eigen.per_opgave.get(po.pk)
    context["rondes"] = sorted(rondes, key=lambda r: r.versie.jaar, reverse=True)


@require_safe
@openbaar
def gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    context = gemeente_context(request, slug)
    context["stemmen"] = stemmen_van_gemeente(context["gemeente"])
    besluiten = besluiten_van_gemeente(context["stemmen"])
    for jaar in context["jaren"]:
        for po, _bedrag in jaar.regels:
            po.besluit = besluiten.get((jaar.versie.jaarprogramma_id, po.opgave_id))
    return render(request, "programma/gemeente.html", context)


@require_safe
@openbaar
def opgave(request: HttpRequest, slug: str, jaar: int | None = None) -> HttpResponse:
    """/opgaven/<slug>/ and /opgaven/<slug>/<jaar>/, with the year's Besluiten, votes and
    questions."""
    context = opgave_context(request, slug, jaar)
    po = context["inhoud"]
    context["stemmen"] = stemmen_van_opgave(po)
    besluiten = besluiten_van_opgave(context["stemmen"])
    for deelnemer, _bedrag in context["detail"].bijdragen:
        deelnemer.besluit = besluiten.get(deelnemer.gemeente_id)
    context["vragen"] = beantwoorde_vragen(po)
    return render(request, "programma/opgave.html", context)
