"""Pages of the reference data: the gemeenten of the region, and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from regio.permissions import openbaar
from regio.selectors import gemeenten_overzicht


@require_safe
@openbaar
def gemeenten(request: HttpRequest) -> HttpResponse:
    overzicht = gemeenten_overzicht()
    return render(
        request,
        "regio/gemeenten.html",
        {
            "gemeenten": overzicht.gemeenten,
            "totaal": overzicht.inwoners,
            "peildatum": overzicht.peildatum,
        },
    )


@never_cache
@require_safe
@openbaar
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as fout:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "fout", "database": str(fout)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
