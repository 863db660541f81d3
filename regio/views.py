"""Pages of the reference data: the gemeenten of the region, and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from regio.permissions import openbaar
from regio.selectors import gemeenten_met_inwoners


@require_safe
@openbaar
def gemeenten(request: HttpRequest) -> HttpResponse:
    rijen = list(gemeenten_met_inwoners())
    totaal = sum(g.inwoners or 0 for g in rijen)
    peildata = {g.peildatum for g in rijen if g.peildatum}
    return render(
        request,
        "regio/gemeenten.html",
        {"gemeenten": rijen, "totaal": totaal, "peildatum": max(peildata) if peildata else None},
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
