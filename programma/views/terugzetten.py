"""Reverting a concept opgave or a concept's programme text to an earlier recorded state."""

from django.http import Http404, HttpRequest, HttpResponse

from regio.permissions import ingelogd


@ingelogd
def opgave(request: HttpRequest, jaar: int, slug: str, stand: int) -> HttpResponse:
    raise Http404


@ingelogd
def visie(request: HttpRequest, jaar: int, stand: int) -> HttpResponse:
    raise Http404
