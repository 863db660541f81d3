"""Pages of the reference data: the gemeenten of the region, and the health check."""

import logging
import threading

from django.conf import settings
from django.db import connections
from django.db.utils import load_backend
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
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
            "geschat": overzicht.geschat,
        },
    )


logger = logging.getLogger(__name__)

# A load balancer waits about a second; the answer must come before it gives up.
HEALTHZ_WACHTTIJD = 0.9


def _database_instellingen() -> dict:
    """The default database, on its own connection: no pool whose wait could outlast us."""
    instellingen = {**connections["default"].settings_dict}
    opties = {k: v for k, v in instellingen.get("OPTIONS", {}).items() if k != "pool"}
    if instellingen["ENGINE"].endswith("postgresql"):
        opties.setdefault("connect_timeout", 2)
    instellingen["OPTIONS"] = opties
    return instellingen


def _database_antwoordt(instellingen: dict, wachttijd: float) -> bool:
    """SELECT 1 on a fresh connection in a helper thread, waiting at most `wachttijd` seconds;
    a database that hangs keeps only that thread waiting, until its connect timeout."""
    uitkomst = {"ok": False}

    def vraag() -> None:
        verbinding = load_backend(instellingen["ENGINE"]).DatabaseWrapper(instellingen, "healthz")
        try:
            with verbinding.cursor() as cursor:
                cursor.execute("SELECT 1")
                uitkomst["ok"] = cursor.fetchone() == (1,)
        except Exception:  # noqa: BLE001 - any failure means "not healthy"; logged, not shown
            logger.warning("healthz: database onbereikbaar", exc_info=True)
        finally:
            verbinding.close()

    draad = threading.Thread(target=vraag, name="healthz", daemon=True)
    draad.start()
    draad.join(wachttijd)
    return uitkomst["ok"]


@never_cache
@require_safe
@openbaar
def healthz(request: HttpRequest) -> HttpResponse:
    if not _database_antwoordt(_database_instellingen(), HEALTHZ_WACHTTIJD):
        # No driver message: it names hosts, ports and users.
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@openbaar
def taal(request: HttpRequest, taal: str) -> HttpResponse:
    """The language switch: a plain link (no form, so a cached public page needs no CSRF token)
    that stores the choice in Django's language cookie and returns to the page it came from."""
    if taal not in dict(settings.LANGUAGES):
        raise Http404
    volgende = request.GET.get("volgende") or "/"
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        volgende = "/"
    response = HttpResponseRedirect(volgende)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        taal,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
