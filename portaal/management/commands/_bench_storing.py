"""`make bench`, the fault (issue 19, point 5): PostgreSQL restarts while the production stack
is under load and griffiers are voting. The table says how many requests failed before, during
and after the restart (target: none after), how long the database was away, how many writes
were tried and committed, and whether any of them was left half-done.

- The stack is _bench_last.stack(): gunicorn, production settings, Django's pool.
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
import http.client
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

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
#: the writer's pause between two steps (a busy griffier, not a bulk load)
PAUZE_S = 0.02

#: the pages under load: (row name, path, logged in); {n} makes each path new
PAGINAS = [
    ("anoniem, via de paginacache", "/programma/2027/", False),
    ("anoniem, niet bewaard", "/opgaven/energietransitie/?storing={n}", False),
    ("ingelogd (griffier, /mijn/)", "/mijn/", True),
]

_LOKAAL = ("", "localhost", "127.0.0.1", "::1")


def _verbindingsparameters(dbname: str | None = None) -> dict:
    """psycopg.connect() arguments for the bench database (or another on the same server)."""
    from django.db import connection

    params = {
        k: v
        for k, v in connection.get_connection_params().items()
        if k not in ("cursor_factory", "context", "prepare_threshold")
    }
    if dbname:
        params["dbname"] = dbname
    return params


def _cluster() -> tuple[str, str] | str:
    """(version, cluster) of the local PostgreSQL that serves the bench database, or why not."""
    from django.db import connection

    instellingen = connection.settings_dict
    host = instellingen.get("HOST") or ""
    if host not in _LOKAAL and not host.startswith("/"):
        return f"de database draait niet op deze machine ({host})"
    if shutil.which("pg_lsclusters") is None or shutil.which("pg_ctlcluster") is None:
        return "pg_ctlcluster ontbreekt (postgresql-common)"
    poort = str(instellingen.get("PORT") or 5432)
    uit = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout
    for regel in uit.splitlines():
        # Ver Cluster Port Status Owner Data-directory Log-file
        delen = regel.split()
        if len(delen) >= 6 and delen[2] == poort and delen[3].startswith("online"):
            versie, naam, eigenaar = delen[0], delen[1], delen[4]
            if os.geteuid() != 0 and _gebruiker() != eigenaar:
                return f"geen recht om PostgreSQL te herstarten (root of {eigenaar} nodig)"
            return versie, naam
    return f"geen lokaal PostgreSQL-cluster op poort {poort} (pg_lsclusters)"


def _gebruiker() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def waarom_niet() -> str | None:
    """Why this part of the bench cannot run here, or None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"de benchdatabase is {connection.vendor}, niet PostgreSQL"
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return "gunicorn ontbreekt (make setup)"
    cluster = _cluster()
    return cluster if isinstance(cluster, str) else None


# -- the copy of the bench database ------------------------------------------------------------


def _maak_kopie() -> tuple[str, str]:
    """A copy of the bench database; returns its name and its DATABASE_URL. Django's own
    connections (and their pool) are closed first: a template may have no other sessions."""
    import psycopg
    from django.db import connection, connections
    from psycopg import sql

    naam = f"{connection.settings_dict['NAME']}_storing"[:63]
    connections.close_all()
    connection.close_pool()
    with psycopg.connect(**_verbindingsparameters("postgres"), autocommit=True) as beheer:
        beheer.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
        )
        beheer.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(naam), sql.Identifier(connection.settings_dict["NAME"])
            )
        )
    adres = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{naam}").geturl()
    return naam, adres


def _verwijder_kopie(naam: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(**_verbindingsparameters("postgres"), autocommit=True) as beheer:
        beheer.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
        )


# -- the writer process ------------------------------------------------------------------------


class Klaar(Exception):
    """There is nothing left to vote on."""


def doelen() -> list[tuple]:
    """(griffier, gemeente, versie) for every gemeente that takes part in a round under way
    and has an active griffier: the current version of each year in the round."""
    from programma.models import ProgrammaVersie, Status
    from raden.services.stemmen import huidige_versie_van
    from regio.models import GemeenteUserObjectPermission

    uit = []
    jaren = (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__status=Status.VOORGESTELD)
        .values_list("jaarprogramma_id", flat=True)
        .distinct()
    )
    for jaar_id in sorted(set(jaren)):
        versie = huidige_versie_van(ProgrammaVersie.objects.filter(jaarprogramma_id=jaar_id)[0])
        rechten = (
            GemeenteUserObjectPermission.objects.filter(
                permission__codename="griffier_van",
                user__is_active=True,
                content_object__deelnames__versie=versie,
            )
            .select_related("user", "content_object")
            .order_by("content_object__naam", "user__username")
        )
        gezien = set()
        for recht in rechten:
            if recht.content_object_id not in gezien:
                gezien.add(recht.content_object_id)
                uit.append((recht.user, recht.content_object, versie))
    return uit


def stap(doelwitten: list[tuple], sinds: datetime.datetime) -> dict:
    """One write of the writer, whatever comes next: confirm a closed vote, close a vote
    whose fracties have voted (all but the smallest, whose members closing records absent),
    let the next fractie vote, or open a vote on the next opgave nobody decided or votes on.
    The state is read from the database each time, so a write whose commit went unanswered
    (the server went away) is picked up where it really stands."""
    from django.utils import timezone

    from raden import services as raden
    from raden.models import Besluit, Fractie, Keuze, Stem, Stemming

    griffiers = {g.pk: g for g, _, _ in doelwitten}
    lopend = (
        Stemming.objects.filter(
            geopend_door__in=list(griffiers),
            geopend_op__gte=sinds,
            bevestigd_op__isnull=True,
            vervallen_reden="",
        )
        .order_by("pk")
        .first()
    )
    if lopend is not None:
        griffier = griffiers[lopend.geopend_door_id]
        if not lopend.is_open:
            besluit = raden.bevestig_stemming(stemming=lopend, acting_user=griffier)
            return {"soort": "bevestigen", "stemming": lopend.pk, "besluit": besluit and besluit.pk}
        leden = list(raden.stemgerechtigden(lopend).values_list("pk", "fractie_id"))
        gestemd = set(Stem.objects.filter(stemming=lopend).values_list("raadslid_id", flat=True))
        grootte = collections.Counter(f for _, f in leden)
        # the smallest fractie stays away when there are three or more (quorum holds)
        weg = {min(grootte, key=lambda f: (grootte[f], f))} if len(grootte) >= 3 else set()
        open_fracties = sorted({f for pk, f in leden if pk not in gestemd} - weg)
        if not open_fracties:
            raden.sluit_stemming(stemming=lopend, acting_user=griffier)
            return {"soort": "sluiten", "stemming": lopend.pk}
        fractie = Fractie.objects.get(pk=open_fracties[0])
        # one fractie in three votes against: both outcomes occur
        keuze = Keuze.TEGEN if fractie.pk % 3 == 0 else Keuze.VOOR
        stemmen = raden.stem_fractie(
            stemming=lopend, fractie=fractie, keuze=keuze, acting_user=griffier
        )
        return {"soort": "stemmen", "stemming": lopend.pk, "stemmen": [s.pk for s in stemmen]}
    for griffier, gemeente, versie in doelwitten:
        bezet = set(
            Besluit.objects.filter(gemeente=gemeente, programma_opgave__versie=versie).values_list(
                "programma_opgave_id", flat=True
            )
        ) | set(
            Stemming.objects.filter(
                gemeente=gemeente, versie=versie, bevestigd_op__isnull=True, vervallen_reden=""
            ).values_list("programma_opgave_id", flat=True)
        )
        vrij = versie.opgaven.exclude(pk__in=bezet).order_by("rangorde").first()
        if vrij is not None:
            [stemming] = raden.open_stemmingen(
                gemeente=gemeente,
                versie=versie,
                vergaderdatum=timezone.localdate(),
                acting_user=griffier,
                opgaven=[vrij],
            )
            return {"soort": "openen", "stemming": stemming.pk}
    raise Klaar


def schrijf() -> None:
    """The writer process (started by meet() with `python -c`): prints one JSON line with the
    session of a logged-in griffier and its start, then one per write, until stdin closes."""
    import django

    django.setup()
    from django.db import close_old_connections
    from django.test import Client
    from django.utils import timezone

    def meld(**velden) -> None:
        sys.stdout.write(json.dumps(velden) + "\n")
        sys.stdout.flush()

    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    doelwitten = doelen()
    if not doelwitten:
        meld(fout="er loopt geen besluitronde met een griffier")
        return
    client = Client()
    client.force_login(doelwitten[0][0], backend="django.contrib.auth.backends.ModelBackend")
    sinds = timezone.now()
    meld(
        sessie=client.cookies[settings.SESSION_COOKIE_NAME].value,
        sinds=sinds.isoformat(),
        gemeenten=len(doelwitten),
    )
    close_old_connections()
    klaar = False
    while not stop.is_set():
        if klaar:
            stop.wait(0.5)
            continue
        close_old_connections()  # as a request starts: a connection from the pool
        begin = time.monotonic()
        try:
            uitkomst = {"ok": True, **stap(doelwitten, sinds)}
        except Klaar:
            klaar = True
            meld(klaar=True)
            continue
        except Exception as fout:  # noqa: BLE001 - every failure is a result of the bench
            uitkomst = {"ok": False, "fout": f"{type(fout).__name__}: {fout}"[:200]}
        finally:
            close_old_connections()  # as a request ends: back to the pool
        meld(t0=begin, t1=time.monotonic(), **uitkomst)
        stop.wait(PAUZE_S)


# -- the load and the outage -------------------------------------------------------------------


def _verzoek(poort: int, pad: str, cookie: str) -> tuple[float, float, str]:
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


def _laad(poort: int, soort: int, pad: str, cookie: str, stop, teller, uit: list) -> None:
    while not stop.is_set():
        uit.append((soort, *_verzoek(poort, pad.format(n=next(teller)), cookie)))


def _peil(params: dict, stop, uit: list) -> None:
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


def _telling(fouten) -> str:
    return ", ".join(f"{f} ×{n}" for f, n in collections.Counter(fouten).most_common()) or "geen"


# -- the check of the raw rows afterwards ------------------------------------------------------

#: (what must hold, SQL that returns the ids where it does not) for the writer's votes (%(s)s:
#: opened since the writer started)
_CONTROLES = [
    (
        "een gesloten stemming telt precies haar stemmen",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN (SELECT stemming_id, count(*) AS n,
                  count(*) FILTER (WHERE keuze = 'voor') AS voor,
                  count(*) FILTER (WHERE keuze = 'tegen') AS tegen,
                  count(*) FILTER (WHERE reden = 'afwezig') AS afwezig,
                  count(*) FILTER (WHERE reden = 'persoonlijk_belang') AS onthouden
                FROM raden_stem GROUP BY stemming_id) t ON t.stemming_id = s.id
           WHERE s.geopend_op >= %(s)s AND s.gesloten_op IS NOT NULL
             AND (s.zittend, s.voor, s.tegen, s.afwezig, s.onthouden) IS DISTINCT FROM
                 (coalesce(t.n, 0), coalesce(t.voor, 0), coalesce(t.tegen, 0),
                  coalesce(t.afwezig, 0), coalesce(t.onthouden, 0))""",
    ),
    (
        "een open stemming heeft geen uitslag en geen afwezigen van het sluiten",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s AND s.gesloten_op IS NULL
             AND (s.uitkomst <> '' OR s.bevestigd_op IS NOT NULL
                  OR EXISTS (SELECT 1 FROM raden_stem m
                             WHERE m.stemming_id = s.id AND m.reden = 'afwezig'))""",
    ),
    (
        "een bevestigde stemming heeft haar besluit, en alleen zij",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN raden_besluit b ON b.stemming_id = s.id
           WHERE s.geopend_op >= %(s)s
             AND ((s.bevestigd_op IS NOT NULL AND s.uitkomst IN ('aangenomen', 'verworpen'))
                  <> (b.id IS NOT NULL)
               OR b.id IS NOT NULL AND (b.deelname <> (s.uitkomst = 'aangenomen')
                  OR b.gemeente_id <> s.gemeente_id
                  OR b.programma_opgave_id <> s.programma_opgave_id))""",
    ),
    (
        "een besluit om deel te nemen draagt de bijdrage, een ander nul",
        """SELECT s.id FROM raden_stemming s
           JOIN raden_besluit b ON b.stemming_id = s.id
           LEFT JOIN programma_bijdrage d ON d.programma_opgave_id = b.programma_opgave_id
                AND d.gemeente_id = b.gemeente_id
           WHERE s.geopend_op >= %(s)s
             AND b.bijdrage <> CASE WHEN b.deelname THEN coalesce(d.bedrag, 0) ELSE 0 END""",
    ),
    (
        "een bevestigde stemming is gepubliceerd (de paginacache ziet haar)",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s AND s.bevestigd_op IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM regio_openbarewijziging w
                             WHERE w.reden = 'stemming ' || s.id || ' bevestigd')""",
    ),
    (
        "de nieuwste historie van een stemming is de stemming",
        """SELECT s.id FROM raden_stemming s
           LEFT JOIN LATERAL (SELECT * FROM raden_historicalstemming h WHERE h.id = s.id
                              ORDER BY h.history_id DESC LIMIT 1) h ON true
           WHERE s.geopend_op >= %(s)s
             AND (h.id IS NULL OR (h.gesloten_op, h.bevestigd_op, h.uitkomst, h.voor, h.tegen,
                  h.afwezig) IS DISTINCT FROM (s.gesloten_op, s.bevestigd_op, s.uitkomst,
                  s.voor, s.tegen, s.afwezig))""",
    ),
    (
        "elke stem en elk besluit heeft zijn historie",
        """SELECT s.id FROM raden_stemming s
           WHERE s.geopend_op >= %(s)s
             AND (EXISTS (SELECT 1 FROM raden_stem m WHERE m.stemming_id = s.id
                          AND NOT EXISTS (SELECT 1 FROM raden_historicalstem h
                                          WHERE h.id = m.id AND h.keuze = m.keuze))
               OR EXISTS (SELECT 1 FROM raden_besluit b WHERE b.stemming_id = s.id
                          AND NOT EXISTS (SELECT 1 FROM raden_historicalbesluit h
                                          WHERE h.id = b.id)))""",
    ),
]


def controleer(cursor, sinds: datetime.datetime, schrijfacties: list[dict]) -> tuple[dict, list]:
    """The writer's votes in the raw rows: (counts, [(rule, ids that break it)])."""
    cursor.execute(
        """SELECT count(*), count(*) FILTER (WHERE bevestigd_op IS NOT NULL),
                  (SELECT count(*) FROM raden_besluit b JOIN raden_stemming t
                     ON t.id = b.stemming_id WHERE t.geopend_op >= %(s)s),
                  (SELECT count(*) FROM raden_stem m JOIN raden_stemming t
                     ON t.id = m.stemming_id WHERE t.geopend_op >= %(s)s)
           FROM raden_stemming WHERE geopend_op >= %(s)s""",
        {"s": sinds},
    )
    stemmingen, bevestigd, besluiten, stemmen = cursor.fetchone()
    overtreden = []
    for regel, query in _CONTROLES:
        cursor.execute(query, {"s": sinds})
        ids = [r[0] for r in cursor.fetchall()]
        if ids:
            overtreden.append((regel, ids))
    # every write the writer saw committed is there
    cursor.execute(
        "SELECT id, gesloten_op IS NOT NULL, bevestigd_op IS NOT NULL FROM raden_stemming"
        " WHERE geopend_op >= %(s)s",
        {"s": sinds},
    )
    stand = {pk: (gesloten, bevestigd_) for pk, gesloten, bevestigd_ in cursor.fetchall()}
    cursor.execute(
        "SELECT m.id FROM raden_stem m JOIN raden_stemming t ON t.id = m.stemming_id"
        " WHERE t.geopend_op >= %(s)s",
        {"s": sinds},
    )
    stem_ids = {r[0] for r in cursor.fetchall()}
    kwijt = []
    for actie in schrijfacties:
        if not actie.get("ok"):
            continue
        pk, soort = actie["stemming"], actie["soort"]
        if (
            pk not in stand
            or soort == "sluiten"
            and not stand[pk][0]
            or soort == "bevestigen"
            and not stand[pk][1]
            or soort == "stemmen"
            and not set(actie["stemmen"]) <= stem_ids
        ):
            kwijt.append(pk)
    if kwijt:
        overtreden.append(("een vastgelegde schrijfactie is er nog", sorted(set(kwijt))))
    tellingen = {
        "stemmingen": stemmingen,
        "bevestigd": bevestigd,
        "besluiten": besluiten,
        "stemmen": stemmen,
    }
    return tellingen, overtreden


# -- the run -----------------------------------------------------------------------------------


def _herstart(cluster: tuple[str, str]) -> tuple[float, float, str]:
    """Restart the cluster; (start, end, error output if it failed)."""
    begin = time.monotonic()
    uitkomst = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart"],
        capture_output=True,
        text=True,
    )
    fout = "" if uitkomst.returncode == 0 else (uitkomst.stderr or uitkomst.stdout).strip()
    return begin, time.monotonic(), fout


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
    return _telling(gevonden.elements())


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

    cluster = _cluster()
    try:
        kopie, adres = _maak_kopie()
    except psycopg.Error as fout:  # another session on the bench database, no disk space
        return [f"herstart PostgreSQL: niet gemeten, geen kopie van de benchdatabase: {fout}"]
    try:
        meting = _draai(cluster, adres)
        if meting.reden:
            return [f"herstart PostgreSQL: niet gemeten, {meting.reden}"]
        with (
            psycopg.connect(**_verbindingsparameters(kopie)) as verbinding,
            verbinding.cursor() as cursor,
        ):
            controle = controleer(cursor, meting.sinds, meting.schrijfacties)
        return _regels(meting, cluster, *controle)
    finally:
        _verwijder_kopie(kopie)


def _draai(cluster: tuple[str, str], adres: str) -> Meting:
    """The stack on the copy at `adres`, the writer, the load; the restart after VOOR_S, and
    NA_S seconds more once the database answers again."""
    from portaal.management.commands import _bench_last

    meting = Meting()
    with (
        tempfile.TemporaryDirectory(prefix="regioportaal-storing-") as map_,
        open(Path(map_) / "gunicorn.log", "w") as log,
        _bench_last.stack(database_url=adres, log=log) as (basis, _),
    ):
        poort = urlsplit(basis).port
        omgeving = {
            **_bench_last._omgeving(map_, adres),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "regio.settings"),
        }
        schrijver = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import schrijf; schrijf()"],
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
            *_, fout = _verzoek(poort, pad.format(n=n), sessie if ingelogd else "")
            if fout:
                return f"{naam} gaf {fout}"
    peilingen: list = []
    stop = threading.Event()
    teller = itertools.count()
    draden = [
        threading.Thread(
            target=_laad,
            args=(poort, soort, pad, sessie if ingelogd else "", stop, teller, meting.verzoeken),
            daemon=True,
        )
        for soort, (_, pad, ingelogd) in enumerate(PAGINAS)
        for _ in range(DRADEN)
    ]
    params = _verbindingsparameters(urlsplit(adres).path.lstrip("/"))
    draden.append(threading.Thread(target=_peil, args=(params, stop, peilingen), daemon=True))
    for draad in draden:
        draad.start()
    time.sleep(VOOR_S)
    meting.herstart, meting.klaar, meting.fout = _herstart(cluster)
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
        f"fouten tijdens: {_telling(f for _, f in totaal['tijdens'] if f)}"
        f" ({al_bezig} al onderweg bij de herstart)"
    )
    regels.append(f"fouten na: {_telling(f for _, f in totaal['na'] if f)}")
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
        regels.append(f"  mislukt: {_telling(a['fout'].split(':')[0] for a in mislukt)}")
    samen = (
        f"{tellingen['stemmingen']} stemmingen ({tellingen['bevestigd']} bevestigd), "
        f"{tellingen['besluiten']} besluiten, {tellingen['stemmen']} stemmen"
    )
    if overtreden:
        regels.append(f"na afloop HALF GEDAAN in {samen}:")
        regels += [f"  {regel}: niet bij stemming {ids[:10]}" for regel, ids in overtreden]
    else:
        regels.append(f"na afloop: niets half gedaan ({len(_CONTROLES) + 1} regels over {samen})")
    return regels
