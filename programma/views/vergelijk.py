"""Comparing two versions of one year, or the programmes of two years (page and CSV)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from regio.permissions import openbaar


@require_safe
@openbaar
def versies(request: HttpRequest, jaar: int, van: int, naar: int) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def versies_csv(request: HttpRequest, jaar: int, van: int, naar: int) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def jaren(request: HttpRequest, van: int, naar: int) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def jaren_csv(request: HttpRequest, van: int, naar: int) -> HttpResponse:
    raise Http404
