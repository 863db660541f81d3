"""The bench's page timings: each page rendered (page cache cleared) as often as ten seconds
allow, with its query count and the public page cache's hit."""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from opgaven.models import Opgave
from regio.models import Gemeente
from regio.paginacache import HEADER

PAGINAS = [
    ("home", "/", None),
    ("programma 2027", "/programma/2027/", None),
    ("programma 2028 (concept)", "/programma/2028/", "regiobestuur"),
    ("opgave", "/opgaven/energietransitie/", None),
    ("gemeenten", "/gemeenten/", None),
    ("gemeente", "/gemeenten/nijmegen/", None),
    ("begroting 2027", "/programma/2027/begroting/", None),
    ("synergiekaart 2027", "/programma/2027/synergie/", None),
    ("opstellen: overzicht 2028", "/programma/2028/bewerken/", "regiobestuur"),
    ("opstellen: opgave", "/programma/2028/bewerken/opgaven/energietransitie/", "regiobestuur"),
    ("opstellen: verdeelsleutel", "/programma/2028/bewerken/verdeelsleutel/", "regiobestuur"),
    ("mijn overzicht", "/mijn/", "griffier-arnhem"),
    ("raad (griffier)", "/gemeenten/arnhem/raad/", "griffier-arnhem"),
    ("dekking 2027 (besluitronde)", "/programma/2027/dekking/", None),
    ("dekking 2026 (vastgesteld)", "/programma/2026/dekking/", None),
    ("geschiedenis opgave", "/opgaven/energietransitie/geschiedenis/", None),
    (
        "geschiedenis opgave (regiobestuur)",
        "/opgaven/energietransitie/geschiedenis/",
        "regiobestuur",
    ),
    ("geschiedenis 2027", "/programma/2027/geschiedenis/", None),
    ("geschiedenis 2027 (regiobestuur)", "/programma/2027/geschiedenis/", "regiobestuur"),
    ("geschiedenis gemeente (griffier)", "/gemeenten/arnhem/geschiedenis/", "griffier-arnhem"),
    ("auditbestand 2027 (CSV, regiobestuur)", "/programma/2027/geschiedenis.csv", "regiobestuur"),
    ("vergelijk 2027 v1 en v2", "/programma/2027/vergelijk/1/2/", None),
    ("vergelijk 2026 en 2027", "/programma/vergelijk/2026/2027/", None),
    ("vergelijk 2026 en 2027 (CSV)", "/programma/vergelijk/2026/2027.csv", None),
    ("healthz", "/healthz", None),
]

#: pages not measured at national scale: the export of 1.7 million votes' history is
#: measured once by historie.meet, not rendered three times here
NIET_NATIONAAL = ("auditbestand 2027 (CSV, regiobestuur)",)

#: the public pages measured under load through the production stack (issue 18, point 7)
ONDER_LAST = [
    ("home", "/"),
    ("programma 2027", "/programma/2027/"),
    ("thema", "/themas/circulaire-regio/"),
    ("opgave", "/opgaven/energietransitie/"),
    ("gemeente", "/gemeenten/nijmegen/"),
    ("dekking 2027", "/programma/2027/dekking/"),
    ("zoeken", "/zoeken/?q=energietransitie"),
    ("open data", "/open-data/"),
]


def _haal(client: Client, url: str) -> tuple:
    """GET a page and read all of it (a streamed download too): (response, body)."""
    response = client.get(url)
    if response.streaming:
        return response, b"".join(response.streaming_content)
    return response, response.content


def meet(herhalingen: int, zonder: tuple[str, ...] = ()) -> list[tuple]:
    regels = []
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
        for naam, url, gebruiker in PAGINAS:
            if naam in zonder:
                continue
            client = Client()
            if gebruiker:
                client.force_login(get_user_model().objects.get(username=gebruiker))
            _haal(client, url)  # warm up templates and connections
            caches["default"].clear()  # count the queries of a rendering
            reset_queries()
            response, inhoud = _haal(client, url)
            queries = len(connection.queries)
            tijden = []
            # at most ten seconds per page (a national matrix renders for seconds)
            while len(tijden) < herhalingen and sum(tijden) < 10_000 or not tijden:
                caches["default"].clear()  # the rendering, not the page cache
                begin = time.perf_counter()
                _haal(client, url)
                tijden.append((time.perf_counter() - begin) * 1000)
            tijden.sort()
            # a hit of the public page cache (anonymous visitors; None where it does not apply)
            # (the counts above run with DEBUG on, where the cache is off: here it is not)
            hit = None
            if gebruiker is None:
                with override_settings(DEBUG=False):
                    _haal(client, url)
                    if _haal(client, url)[0].get(HEADER) == "hit":
                        treffers = []
                        for _ in range(herhalingen):
                            begin = time.perf_counter()
                            _haal(client, url)
                            treffers.append((time.perf_counter() - begin) * 1000)
                        hit = statistics.median(treffers)
            regels.append(
                (
                    naam,
                    response.status_code,
                    queries,
                    statistics.median(tijden),
                    tijden[max(int(len(tijden) * 0.95) - 1, 0)],
                    len(inhoud) // 1024,
                    hit,
                )
            )
    return regels


def omvang() -> str:
    from raden.models import Raadslid, Stem

    return (
        f"{Gemeente.objects.count()} gemeenten, {Opgave.objects.count()} opgaven, "
        f"{Raadslid.objects.count()} raadsleden, {Stem.objects.count()} stemmen"
    )
