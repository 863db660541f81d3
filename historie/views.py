"""History pages: a timeline per opgave, programme year and gemeente, and the audit export."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from regio.permissions import openbaar


@require_safe
@openbaar
def opgave(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def programma(request: HttpRequest, jaar: int) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


@require_safe
@openbaar
def programma_csv(request: HttpRequest, jaar: int) -> HttpResponse:
    raise Http404
