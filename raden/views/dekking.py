"""The coverage matrix of a year's decision round: public, from raden.cijfers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from programma.selectors import gepubliceerde_versies
from raden.cijfers import dekking_van
from regio.permissions import openbaar


@require_safe
@openbaar
def dekking(request: HttpRequest, jaar: int) -> HttpResponse:
    versie = gepubliceerde_versies().filter(jaarprogramma__jaar=jaar).first()
    if versie is None:
        raise Http404
    return render(request, "raden/dekking.html", {"versie": versie, "matrix": dekking_van(versie)})
