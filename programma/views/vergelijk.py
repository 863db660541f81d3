"""Comparing two versions of one year, or the programmes of two years (page and CSV).

Both versions come through programma.selectors.versie_voor: a concept this user may not see is
the same 404 as one that does not exist. A version compared with itself is a 404 too: there is
no such comparison to show (the version's own page is the place for it)."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from programma import selectors
from programma.models import ProgrammaVersie
from programma.vergelijking import KOPPEN, rijen_csv, vergelijk_versies
from regio.csvcel import veilige_rij
from regio.permissions import openbaar


def _versies_van_jaar(request: HttpRequest, jaar: int, van: int, naar: int):
    if van == naar:
        raise Http404("Een versie vergelijken met zichzelf kan niet.")
    return (
        selectors.versie_voor(request.user, jaar, van),
        selectors.versie_voor(request.user, jaar, naar),
    )


def _nummer(request: HttpRequest, naam: str) -> int | None:
    """A version number named in the query (?versie_van=1&versie_naar=2): without one, the
    year's current version; anything else than a number is the 404 of a version that is not."""
    waarde = request.GET.get(naam)
    if waarde is None:
        return None
    if not waarde.isdigit() or len(waarde) > 4:
        raise Http404("Geen versie met dit nummer.")
    return int(waarde)


def _versies_van_jaren(request: HttpRequest, van: int, naar: int):
    """The current versions of two years, or the versions the query names (a history entry
    links to the very versions it compares: 2027 v1 with 2026 v1, not with 2027 v2)."""
    if van == naar:
        raise Http404("Een jaar vergelijken met zichzelf kan niet.")
    return (
        selectors.versie_voor(request.user, van, _nummer(request, "versie_van")),
        selectors.versie_voor(request.user, naar, _nummer(request, "versie_naar")),
    )


def _pagina(request: HttpRequest, oud: ProgrammaVersie, nieuw: ProgrammaVersie, csv_url: str):
    if oud.jaar == nieuw.jaar:
        titel = _("Versie %(van)s en versie %(naar)s van het programma %(jaar)s vergeleken") % {
            "van": oud.nummer,
            "naar": nieuw.nummer,
            "jaar": oud.jaar,
        }
        label_oud = _("Versie %(nummer)s") % {"nummer": oud.nummer}
        label_nieuw = _("Versie %(nummer)s") % {"nummer": nieuw.nummer}
    else:
        titel = _("Het programma %(van)s en het programma %(naar)s vergeleken") % {
            "van": oud.jaar,
            "naar": nieuw.jaar,
        }
        label_oud, label_nieuw = str(oud.jaar), str(nieuw.jaar)
    vergelijking = vergelijk_versies(oud, nieuw)
    return render(
        request,
        "programma/vergelijk.html",
        {
            "vergelijking": vergelijking,
            "oud": oud,
            "nieuw": nieuw,
            "titel": titel,
            "label_oud": label_oud,
            "label_nieuw": label_nieuw,
            "kanten": [
                (oud, label_oud, vergelijking.probleem_oud),
                (nieuw, label_nieuw, vergelijking.probleem_nieuw),
            ],
            "csv_url": csv_url,
        },
    )


def _csv(oud: ProgrammaVersie, nieuw: ProgrammaVersie) -> HttpResponse:
    naam = (
        f"vergelijking-{oud.jaar}-v{oud.nummer}-v{nieuw.nummer}.csv"
        if oud.jaar == nieuw.jaar
        else f"vergelijking-{oud.jaar}-v{oud.nummer}-{nieuw.jaar}-v{nieuw.nummer}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8
    schrijver = csv.writer(response, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOPPEN)
    schrijver.writerows(veilige_rij(rij) for rij in rijen_csv(vergelijk_versies(oud, nieuw)))
    return response


@require_safe
@openbaar
def versies(request: HttpRequest, jaar: int, van: int, naar: int) -> HttpResponse:
    oud, nieuw = _versies_van_jaar(request, jaar, van, naar)
    csv_url = reverse("vergelijk-versies-csv", kwargs={"jaar": jaar, "van": van, "naar": naar})
    return _pagina(request, oud, nieuw, csv_url)


@require_safe
@openbaar
def versies_csv(request: HttpRequest, jaar: int, van: int, naar: int) -> HttpResponse:
    return _csv(*_versies_van_jaar(request, jaar, van, naar))


@require_safe
@openbaar
def jaren(request: HttpRequest, van: int, naar: int) -> HttpResponse:
    oud, nieuw = _versies_van_jaren(request, van, naar)
    csv_url = reverse("vergelijk-jaren-csv", kwargs={"van": van, "naar": naar})
    if request.GET:
        csv_url += "?" + urlencode(
            {k: request.GET[k] for k in ("versie_van", "versie_naar") if k in request.GET}
        )
    return _pagina(request, oud, nieuw, csv_url)


@require_safe
@openbaar
def jaren_csv(request: HttpRequest, van: int, naar: int) -> HttpResponse:
    return _csv(*_versies_van_jaren(request, van, naar))
