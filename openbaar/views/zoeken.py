"""Search at /zoeken/?q= (issue 18, point 3): a GET form whose results depend only on the query
string, the same for every visitor (only what is public is searched)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from openbaar.zoeken import MAX_LENGTE, Filters, ZoekForm, zoek
from regio.permissions import openbaar


@require_safe
@openbaar
def zoeken(request: HttpRequest) -> HttpResponse:
    form = ZoekForm(request.GET, auto_id="zoeken-%s")
    # base.html's search box shows request.GET.q back: the cleaned one (no NUL byte, which
    # is not valid HTML), as this page's own field does
    request.GET = form.data
    context = {"form": form, "max_lengte": MAX_LENGTE, "resultaat": None, "q": ""}
    if form.is_valid():
        data = form.cleaned_data
        context["q"] = data["q"]
        if data["q"] or form.heeft_filter:
            context["resultaat"] = zoek(
                data["q"],
                Filters(
                    soort=data["soort"],
                    thema=data["thema"],
                    gemeente=data["gemeente"],
                    status=data["status"],
                    jaar=data["jaar"],
                    vervangen=data["vervangen"],
                ),
                request.GET.get("pagina"),
            )
    return render(request, "openbaar/zoeken.html", context)


urlpatterns = [
    path("zoeken/", zoeken, name="zoeken"),
]
