"""The public page cache: whole pages for visitors without an account, kept until what they show
changes, and conditional GET (ETag, Last-Modified, 304) on the same key.

The key is the publication stand (regio.publicatie): one query tells whether anything the public
sees changed since a page was rendered, so a page is invalidated exactly when a publication, a
Besluit, an answer or an edit of reference data is committed, in every worker at once, and never
while a council votes or the board drafts a concept. It sits high in the middleware stack, before
sessions and authentication, so a hit costs that one query and a cache read.

Only for what is the same for every anonymous visitor: GET and HEAD of the URL names in
`CACHEBAAR`, without a session or messages cookie (a logged-in user, or a message waiting to be
shown, always gets a fresh page), not an htmx fragment, in the visitor's language. A response is
kept only when it is a complete 200 that sets no cookie, rendered outside any open transaction
(a request inside one, as in most tests, gets its ETag but no cache)."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, urlencode

from regio import publicatie

#: the public read pages (URL names) that are the same for every anonymous visitor, with the
#: query parameters each one reads: a request with any other parameter is not cached (a made-up
#: parameter must not fill the cache with copies of a page)
_ZONDER: frozenset[str] = frozenset()
CACHEBAAR: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "home",
            "programma",
            "programma-versie",
            "begroting",
            "synergie",
            "thema",
            "thema-jaar",
            "opgave",
            "opgave-jaar",
            "gemeenten",
            "gemeente",
            "open-data",
            "open-data-schema",
            "open-data-schema-json",
            "open-data-csv",
            "open-data-json",
            "feed",
            "toegankelijkheid",
        ),
        _ZONDER,
    ),
    "dekking": frozenset({"verversen"}),
    "zoeken": frozenset(
        {"q", "soort", "thema", "gemeente", "status", "jaar", "vervangen", "pagina"}
    ),
}

CACHE = "default"
#: a page is kept at most this long even when nothing changes (memory is shared with others)
BEWAARTIJD = 24 * 3600
#: the header that says what the cache did, for tests and the bench
HEADER = "X-Paginacache"


@functools.lru_cache(maxsize=4096)
def _url_naam(pad: str) -> str | None:
    """The URL name of a path (the URLconf does not change while a worker runs); bounded, so
    made-up paths cannot grow it."""
    try:
        return resolve(pad).url_name
    except Resolver404:
        return None


@receiver(setting_changed)
def _andere_urls(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _url_naam.cache_clear()


def _adres(request: HttpRequest) -> str | None:
    """The page this request asks for, normalised (path and its sorted parameters), or None when
    it is not one the cache keeps."""
    if request.method not in ("GET", "HEAD") or "HX-Request" in request.headers:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    naam = _url_naam(request.path_info)
    if naam not in CACHEBAAR or not set(request.GET) <= CACHEBAAR[naam]:
        return None
    return f"{request.path}?{urlencode(sorted(request.GET.lists()), doseq=True)}"


def _sleutel(adres: str, stand: publicatie.Stand, taal: str) -> str:
    """The page's key and validator: its address, the publication stand, the language, and the
    day (pages that show "the current year" change at midnight without a publication)."""
    tekst = f"{stand.sleutel}|{timezone.localdate().isoformat()}|{taal}|{adres}"
    return hashlib.sha256(tekst.encode()).hexdigest()[:32]


def _valideer(response: HttpResponse, etag: str, stand: publicatie.Stand) -> HttpResponse:
    response.headers["ETag"] = etag
    if stand.moment is not None:
        # informative: the validator is the ETag (If-Modified-Since is not honoured)
        response.headers["Last-Modified"] = http_date(stand.moment.timestamp())
    # a browser keeps the page and asks again each time; we answer 304 while it holds
    response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


class PaginaCache:
    """Middleware: serves and keeps the public pages of anonymous visitors (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # in development (DEBUG, `make run`) a template edit must show at once: no cache there
        adres = None if settings.DEBUG else _adres(request)
        if adres is None:
            return self.get_response(request)
        stand = publicatie.stand()
        taal = translation.get_language_from_request(request)
        sleutel = _sleutel(adres, stand, taal)
        etag = f'"{sleutel}"'
        # Validation by ETag only: Last-Modified has whole seconds and records when a change was
        # written, not when it was committed, so a date can miss a change; the stand cannot.
        niet_gewijzigd = get_conditional_response(request, etag=etag)
        if niet_gewijzigd is not None:
            if niet_gewijzigd.status_code == 304:
                niet_gewijzigd.headers["Content-Language"] = taal
                niet_gewijzigd.headers[HEADER] = "304"
                _valideer(niet_gewijzigd, etag, stand)
            return niet_gewijzigd
        if connection.in_atomic_block:
            # this connection may see changes that are not committed (or will be rolled back):
            # what it renders is never kept, and it is not served what others rendered
            response = self.get_response(request)
            if response.status_code == 200 and not response.cookies:
                _valideer(response, etag, stand)
            return response
        cache = caches[CACHE]
        bewaard = cache.get(f"pagina:{sleutel}")
        if bewaard is not None:
            bewaard.headers[HEADER] = "hit"
            return _zonder_inhoud_bij_head(request, bewaard)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            _valideer(response, etag, stand)
            cache.set(f"pagina:{sleutel}", response, BEWAARTIJD)
            response.headers[HEADER] = "miss"
            return _zonder_inhoud_bij_head(request, response)
        return response


def _zonder_inhoud_bij_head(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """HEAD gets the headers of the GET it shares its cache entry with, and no body (a WSGI
    server drops a body sent with it, with a warning)."""
    if request.method == "HEAD":
        lengte = len(response.content)
        response.content = b""
        response.headers["Content-Length"] = str(lengte)
    return response
