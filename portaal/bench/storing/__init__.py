"""`make bench`, the fault (issue 19, point 5): PostgreSQL restarts while the production stack
is under load and griffiers are voting. The table says how many requests failed before, during
and after the restart (target: none after), how long the database was away, how many writes
were tried and committed, and whether any of them was left half-done.

- The stack is last.stack(): gunicorn, production settings, Django's pool.
- It runs on a copy of the bench database (CREATE DATABASE ... TEMPLATE), dropped afterwards:
  the writes are real commits (votes confirmed into Besluiten, which nothing undoes), and the
  demo the rest of the bench measures must stay as it is, run after run.
- The load is a small client of its own (threads with http.client), not wrk: every request is
  timestamped, so each failure falls before, during or after the outage. Three kinds of page:
  an anonymous one the page cache keeps (a hit reads only the publication stand, over each
  worker's own connection, regio/publicatie.py; each Besluit the writer confirms makes the
  next request in each worker render it anew, through the pool), an anonymous one that is not
  kept (a parameter the cache does not know: always rendered) and a logged-in griffier's
  overview (session and rights from the database). A connection refused or reset and any
  answer but 200 count as failed.
- The writer is a process of its own, as another worker would be: griffiers open a voting
  window on one opgave, record the votes per fractie, close it (the members without a vote are
  recorded absent) and confirm it into a Besluit, through raden.services, one transaction per
  step, each of several statements. It handles its connection as a request does (Django's
  close_old_connections before and after each step) and goes on after an error.
- "During" is from the restart command until a new connection answers again (a probe every
  50 ms); a request in flight at the restart counts as during. "After" runs NA_S seconds more.
- Afterwards the raw rows are checked (controleer): a closed vote's counts equal its votes, a
  confirmed vote has its Besluit with the right bijdrage and its publication row, the newest
  history row equals the row, and every write the writer saw committed is there.

The restart is `pg_ctlcluster <version> <cluster> restart` of the local cluster that serves the
bench database: it needs that cluster on this machine and the right to restart it (root, or
its owner). It restarts the whole server, for every database on it: once per run."""

from __future__ import annotations

import collections
import datetime
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from portaal.bench import last
from portaal.bench.storing.controle import CONTROLES, controleer
from portaal.bench.storing.database import (
    cluster_van,
    herstart_cluster,
    maak_kopie,
    verbindingsparameters,
    verwijder_kopie,
    waarom_niet,
)
from portaal.bench.storing.verzoeken import (
    fase,
    fasen,
    laad,
    oorzaken,
    peil,
    telling,
    terug_op,
    verzoek,
)

KOP = (
    f"{'herstart PostgreSQL (verzoeken/fout)':<36}{'voor':>11}{'tijdens':>11}{'na':>11}"
    f"{'max ms voor':>12}{'max ms na':>11}"
)

FASEN = ("voor", "tijdens", "na")
#: seconds of load before the restart, and after the database answers again
VOOR_S = 5.0
NA_S = 15.0
#: client threads per kind of page
DRADEN = 2

#: the writer, started as a process of its own
SCHRIJVER = "from portaal.bench.storing.schrijver import schrijf; schrijf()"

#: the pages under load: (row name, path, logged in); {n} makes each path new
PAGINAS = [
    ("anoniem, via de paginacache", "/programma/2027/", False),
    ("anoniem, niet bewaard", "/opgaven/energietransitie/?storing={n}", False),
    ("ingelogd (griffier, /mijn/)", "/mijn/", True),
]


@dataclass
class Meting:
    """What one run saw: the requests, the probes' verdict, the writes and gunicorn's log."""

    verzoeken: list = field(default_factory=list)  # (kind, start, end, failure)
    herstart: float = 0.0  # the restart command started
    klaar: float = 0.0  # ... and returned
    terug: float = 0.0  # the database answered again
    fout: str = ""  # the restart command's error output
    sinds: datetime.datetime | None = None  # the writer's start: its votes are opened after it
    schrijfacties: list = field(default_factory=list)
    oorzaken: str = ""
    reden: str = ""  # why nothing was measured


def meet() -> list[str]:
    """The table rows (KOP): per kind of page the requests and failures before, during and
    after the restart, then the outage, the writes and the check of the rows."""
    reden = waarom_niet()
    if reden:
        return [f"herstart PostgreSQL: overgeslagen, {reden}"]
    import psycopg

    cluster = cluster_van()
    try:
        kopie, adres = maak_kopie()
    except psycopg.Error as fout:  # another session on the bench database, no disk space
        return [f"herstart PostgreSQL: niet gemeten, geen kopie van de benchdatabase: {fout}"]
    try:
        meting = _draai(cluster, adres)
        if meting.reden:
            return [f"herstart PostgreSQL: niet gemeten, {meting.reden}"]
        with (
            psycopg.connect(**verbindingsparameters(kopie)) as verbinding,
            verbinding.cursor() as cursor,
        ):
            controle = controleer(cursor, meting.sinds, meting.schrijfacties)
        return _regels(meting, cluster, *controle)
    finally:
        verwijder_kopie(kopie)


def _draai(cluster: tuple[str, str], adres: str) -> Meting:
    """The stack on the copy at `adres`, the writer, the load; the restart after VOOR_S, and
    NA_S seconds more once the database answers again."""
    meting = Meting()
    with (
        tempfile.TemporaryDirectory(prefix="regioportaal-storing-") as map_,
        open(Path(map_) / "gunicorn.log", "w") as log,
        last.stack(database_url=adres, log=log) as (basis, _),
    ):
        poort = urlsplit(basis).port
        omgeving = {
            **last._omgeving(map_, adres),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "regio.settings"),
        }
        schrijver = subprocess.Popen(
            [sys.executable, "-c", SCHRIJVER],
            cwd=settings.BASE_DIR,
            env=omgeving,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,  # its pool's warnings with gunicorn's
            text=True,
        )
        lezer = threading.Thread(
            target=lambda: meting.schrijfacties.extend(json.loads(r) for r in schrijver.stdout),
            daemon=True,
        )
        try:
            begin = json.loads(schrijver.stdout.readline() or "{}")
            if "sessie" not in begin:
                meting.reden = begin.get("fout", "de schrijver startte niet")
                return meting
            meting.sinds = datetime.datetime.fromisoformat(begin["sinds"])
            lezer.start()
            meting.reden = _belast(meting, poort, begin["sessie"], cluster, adres)
        finally:
            schrijver.stdin.close()
            try:
                schrijver.wait(timeout=60)
            except subprocess.TimeoutExpired:
                schrijver.kill()
                schrijver.wait()
        lezer.join(timeout=10)
        log.flush()
        meting.oorzaken = oorzaken((Path(map_) / "gunicorn.log").read_text(errors="replace"))
    return meting


def _belast(meting: Meting, poort: int, sessie: str, cluster: tuple[str, str], adres: str) -> str:
    """The load and the probes around the restart, into `meting`; why not, or ""."""
    # every worker's page cache warm, and the session valid
    workers = 2 * (os.cpu_count() or 1) + 1
    for naam, pad, ingelogd in PAGINAS:
        for n in range(3 * workers):
            *_, fout = verzoek(poort, pad.format(n=n), sessie if ingelogd else "")
            if fout:
                return f"{naam} gaf {fout}"
    peilingen: list = []
    stop = threading.Event()
    teller = itertools.count()
    draden = [
        threading.Thread(
            target=laad,
            args=(poort, soort, pad, sessie if ingelogd else "", stop, teller, meting.verzoeken),
            daemon=True,
        )
        for soort, (_, pad, ingelogd) in enumerate(PAGINAS)
        for _ in range(DRADEN)
    ]
    params = verbindingsparameters(urlsplit(adres).path.lstrip("/"))
    draden.append(threading.Thread(target=peil, args=(params, stop, peilingen), daemon=True))
    for draad in draden:
        draad.start()
    time.sleep(VOOR_S)
    meting.herstart, meting.klaar, meting.fout = herstart_cluster(cluster)
    while not any(ok for t, ok in peilingen if t > meting.klaar):
        if time.monotonic() - meting.klaar > 60:
            break
        time.sleep(0.05)
    meting.terug = terug_op(list(peilingen), meting.herstart, meting.klaar)
    time.sleep(max(0.0, meting.terug + NA_S - time.monotonic()))
    stop.set()
    for draad in draden:
        draad.join(timeout=90)
    return ""


def _regels(
    meting: Meting, cluster: tuple[str, str], tellingen: dict, overtreden: list
) -> list[str]:
    regels = []
    per = fasen(meting.verzoeken, meting.herstart, meting.terug)
    rijen = [
        (naam, [per.get((soort, f), []) for f in FASEN]) for soort, (naam, *_) in enumerate(PAGINAS)
    ]
    rijen.append(("totaal", [sum((r[1][i] for r in rijen), []) for i in range(len(FASEN))]))
    for naam, lijsten in rijen:
        cellen = [f"{len(lijst)}/{sum(1 for _, f in lijst if f)}" for lijst in lijsten]
        voor, na = (max((d * 1000 for d, _ in lijsten[i]), default=0) for i in (0, 2))
        regels.append(
            f"{naam:<36}{cellen[0]:>11}{cellen[1]:>11}{cellen[2]:>11}{voor:>12.0f}{na:>11.0f}"
        )
    totaal = dict(zip(FASEN, rijen[-1][1], strict=True))
    regels.append(
        f"uitval: {meting.terug - meting.herstart:.1f} s van de herstart tot PostgreSQL weer "
        f"antwoordde (pg_ctlcluster {' '.join(cluster)} restart: "
        f"{meting.klaar - meting.herstart:.1f} s)"
        + (f"; FOUT: {meting.fout}" if meting.fout else "")
    )
    al_bezig = sum(
        1 for _, begin, einde, f in meting.verzoeken if f and begin < meting.herstart <= einde
    )
    regels.append(
        f"fouten tijdens: {telling(f for _, f in totaal['tijdens'] if f)}"
        f" ({al_bezig} al onderweg bij de herstart)"
    )
    regels.append(f"fouten na: {telling(f for _, f in totaal['na'] if f)}")
    regels.append(f"oorzaken (gunicorn-log): {meting.oorzaken}")
    acties = [a for a in meting.schrijfacties if "t0" in a]
    mislukt = [a for a in acties if not a["ok"]]
    per_fase = collections.Counter(
        fase(a["t0"], a["t1"], meting.herstart, meting.terug) for a in mislukt
    )
    regels.append(
        f"schrijven (griffiers, raden.services): {len(acties)} geprobeerd, "
        f"{len(acties) - len(mislukt)} vastgelegd, {len(mislukt)} mislukt "
        f"({per_fase['voor']} voor, {per_fase['tijdens']} tijdens, {per_fase['na']} na)"
        + ("; alles gedaan" if any(a.get("klaar") for a in meting.schrijfacties) else "")
    )
    if mislukt:
        regels.append(f"  mislukt: {telling(a['fout'].split(':')[0] for a in mislukt)}")
    samen = (
        f"{tellingen['stemmingen']} stemmingen ({tellingen['bevestigd']} bevestigd), "
        f"{tellingen['besluiten']} besluiten, {tellingen['stemmen']} stemmen"
    )
    if overtreden:
        regels.append(f"na afloop HALF GEDAAN in {samen}:")
        regels += [f"  {regel}: niet bij stemming {ids[:10]}" for regel, ids in overtreden]
    else:
        regels.append(f"na afloop: niets half gedaan ({len(CONTROLES) + 1} regels over {samen})")
    return regels
