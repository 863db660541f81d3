"""The public gemeente and opgave pages with what the councils did: the programme's own page
context (programma.views.openbaar) plus the confirmed votes per fractie and per raadslid, and
the answered technische vragen (raden.selectors_openbaar). Programma does not know the councils;
these views join the two."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from programma.views.openbaar import gemeente_context, opgave_context
from raden.selectors_openbaar import beantwoorde_vragen, stemmen_van_gemeente, stemmen_van_opgave
from regio.permissions import openbaar


@require_safe
@openbaar
def gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    context = gemeente_context(request, slug)
    context["stemmen"] = stemmen_van_gemeente(context["gemeente"])
    return render(request, "programma/gemeente.html", context)


@require_safe
@openbaar
def opgave(request: HttpRequest, slug: str, jaar: int | None = None) -> HttpResponse:
    """/opgaven/<slug>/ and /opgaven/<slug>/<jaar>/, with the year's votes and questions."""
    context = opgave_context(request, slug, jaar)
    po = context["inhoud"]
    context["stemmen"] = stemmen_van_opgave(po)
    context["vragen"] = beantwoorde_vragen(po)
    return render(request, "programma/opgave.html", context)
