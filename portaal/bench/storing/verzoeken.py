"""The fault run's load, its probe of the database, and how requests fall before, during and
after the restart."""

from __future__ import annotations

import collections
import http.client
import re
import time

from django.conf import settings


def verzoek(poort: int, pad: str, cookie: str) -> tuple[float, float, str]:
    """One GET on a fresh connection: (start, end, failure or "")."""
    headers = {"Accept-Language": "nl"}
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    begin = time.monotonic()
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    try:
        verbinding.request("GET", pad, headers=headers)
        antwoord = verbinding.getresponse()
        antwoord.read()
        fout = "" if antwoord.status == 200 else f"HTTP {antwoord.status}"
    except (OSError, http.client.HTTPException) as e:
        fout = type(e).__name__
    finally:
        verbinding.close()
    return begin, time.monotonic(), fout


def laad(poort: int, soort: int, pad: str, cookie: str, stop, teller, uit: list) -> None:
    while not stop.is_set():
        uit.append((soort, *verzoek(poort, pad.format(n=next(teller)), cookie)))


def peil(params: dict, stop, uit: list) -> None:
    """Whether a new connection gets an answer, every 50 ms: (moment, answered)."""
    import psycopg

    while not stop.is_set():
        moment = time.monotonic()
        try:
            with psycopg.connect(**{**params, "connect_timeout": 1}, autocommit=True) as c:
                c.execute("SELECT 1")
            uit.append((moment, True))
        except psycopg.Error:
            uit.append((moment, False))
        stop.wait(0.05)


def terug_op(peilingen: list[tuple[float, bool]], herstart: float, klaar: float) -> float:
    """When the database answered again: the first answered probe after the first unanswered
    one from the restart on; without a miss (a restart between two probes), when the restart
    command returned."""
    weg = next((t for t, ok in peilingen if t >= herstart and not ok), None)
    if weg is None:
        return klaar
    return next((t for t, ok in peilingen if t > weg and ok), klaar)


def fase(begin: float, einde: float, herstart: float, terug: float) -> str:
    """Before ends before the restart, after starts once the database answers again, during
    is the rest (what was in flight at either edge included)."""
    return "voor" if einde < herstart else "na" if begin >= terug else "tijdens"


def fasen(
    verzoeken: list[tuple[int, float, float, str]], herstart: float, terug: float
) -> dict[tuple[int, str], list[tuple[float, str]]]:
    """Requests per (kind, phase) as (duration s, failure)."""
    uit: dict[tuple[int, str], list] = collections.defaultdict(list)
    for soort, begin, einde, fout in verzoeken:
        uit[soort, fase(begin, einde, herstart, terug)].append((einde - begin, fout))
    return uit


def telling(fouten) -> str:
    return ", ".join(f"{f} ×{n}" for f, n in collections.Counter(fouten).most_common()) or "geen"


_UITZONDERING = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Shutdown|Timeout)): ?(.*)$")


def oorzaken(tekst: str) -> str:
    """Why requests failed, from the log of gunicorn and the writer: the exception each
    traceback ends in (Django logs a 500 with its traceback; the exceptions it was raised from
    come before it), with its message, and workers that timed out."""
    regels = tekst.splitlines()
    gevonden = collections.Counter()
    for i, regel in enumerate(regels):
        if "WORKER TIMEOUT" in regel:
            gevonden["worker gestopt (timeout)"] += 1
        treffer = _UITZONDERING.match(regel)
        if treffer is None:
            continue
        volgende = next((r for r in regels[i + 1 :] if r.strip()), "")
        if volgende.startswith(("The above exception", "During handling")):
            continue  # a cause, not the end of the traceback
        soort, bericht = treffer.groups()
        gevonden[f"{soort.rsplit('.', 1)[-1]} ({bericht[:60]})"] += 1
    return telling(gevonden.elements())
