"""The Atom feed of publications and decisions at /feed.atom (openbaar/feed.py), advertised in
the <head> of every page. Public, the same for everyone who reads it."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from openbaar.feed import PublicatieFeed
from regio.permissions import openbaar

_feed = PublicatieFeed()


@require_safe
@openbaar
def feed(request: HttpRequest) -> HttpResponse:
    return _feed(request)


urlpatterns = [
    path("feed.atom", feed, name="feed"),
]
