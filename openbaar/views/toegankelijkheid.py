"""The accessibility statement (Toegankelijkheidsverklaring): a static page, public, the same
for every visitor, in the shape Dutch public bodies use (status per WCAG 2.1 AA, how it was
tested, known limitations, how to report a problem)."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from regio.permissions import openbaar

# When the statement was last reviewed against the tests in tests/browser/test_toegankelijkheid.py.
DATUM_VERKLARING = datetime.date(2026, 11, 26)
CONTACT = "toegankelijkheid@groenemetropoolregio.nl"


@require_safe
@openbaar
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "openbaar/toegankelijkheid.html",
        {"datum": DATUM_VERKLARING, "contact": CONTACT},
    )


urlpatterns = [
    path("toegankelijkheid/", toegankelijkheid, name="toegankelijkheid"),
]
