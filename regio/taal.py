"""The language of the record. A visitor reads the portal in Dutch or English (LocaleMiddleware,
the switch in regio.views.taal), but what a write stores is Dutch, the language of the council's
record: the reasons in the history, the lapse reason of a vote, the messages in the e-mails. The
services translate those texts when they write, so a request that may write (anything but GET,
HEAD, OPTIONS) is handled in Dutch, its answer included: a form shown again with its errors, an
htmx fragment, the message after a redirect. The page after the redirect is in the visitor's
language again. (The other way, translating only around each service call, would need every
service to keep its stored texts lazy; the public portal, the part that is read in English, has
no forms that write.)"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

VEILIG = frozenset({"GET", "HEAD", "OPTIONS"})


class SchrijvenInHetNederlands:
    """Middleware, after LocaleMiddleware: writes are handled in the record's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in VEILIG:
            return self.get_response(request)
        with translation.override(settings.LANGUAGE_CODE):
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            response = self.get_response(request)
        # what this answer says, if it says anything (LocaleMiddleware keeps a header it finds)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
