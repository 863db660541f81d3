"""`make bench`: the public pages under concurrent load through the production stack, side by
side with a static file served by the same stack (issue 18, point 7).

The stack is what docs/deploy.md starts: gunicorn with sync workers, production settings
(DEBUG off), WhiteNoise for the static files (collected, hashed, compressed), the bench's own
database (Django's pool on PostgreSQL). The load generator is wrk (Debian's package) on the same
machine, so the figures are for loopback and shared cores: the ratio to the static file is the
figure that travels, not the absolute numbers. Without wrk or gunicorn this part says why and is
skipped."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

KOP = (
    f"{'onder last (gunicorn, wrk)':<36}{'status':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    f"{'× statisch':>12}"
)
#: the columns a national run adds: p50 and p99 as a multiple of the regional run's
KOP_VERGELIJK = f"{'p50 × reg':>10}{'p99 × reg':>10}"
DUUR_S = 5
#: the warm-up run per page before its measurement
WARM_S = 2
STATISCH = "statisch bestand (css, WhiteNoise)"
VERBINDINGEN = 16


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    instellingen = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(instellingen['NAME']).resolve()}"
    return os.environ["DATABASE_URL"]


def _omgeving(static_root: str, database_url: str | None = None) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-alleen-op-loopback",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": static_root,
        "DATABASE_URL": database_url or _database_url(),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def _wacht(url: str, seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            if time.monotonic() > einde:
                raise
        time.sleep(0.2)


@contextmanager
def stack(workers: int | None = None, *, database_url: str | None = None, log=None):
    """gunicorn with the production settings on a free loopback port; yields its base URL.
    `database_url` serves another database than the bench's own, `log` (an open file) takes
    gunicorn's output instead of the terminal."""
    workers = workers or 2 * (os.cpu_count() or 1) + 1
    with tempfile.TemporaryDirectory(prefix="regioportaal-static-") as static_root:
        omgeving = _omgeving(static_root, database_url)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=omgeving,
            check=True,
        )
        poort = _vrije_poort()
        proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "regio.wsgi",
                "--bind",
                f"127.0.0.1:{poort}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=omgeving,
            start_new_session=True,
            stdout=log,
            stderr=log,
        )
        basis = f"http://127.0.0.1:{poort}"
        try:
            _wacht(f"{basis}/healthz")
            manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
            yield basis, manifest["paths"]
        finally:
            os.killpg(proces.pid, signal.SIGTERM)
            proces.wait(timeout=30)


def _tijd_ms(tekst: str) -> float:
    getal, eenheid = re.fullmatch(r"([\d.]+)(us|ms|s)", tekst).groups()
    return float(getal) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[eenheid]


def wrk(url: str, duur: int = DUUR_S, verbindingen: int = VERBINDINGEN) -> dict:
    """Requests per second, p50 and p99 in ms, and non-2xx/3xx answers, from one wrk run."""
    uit = subprocess.run(
        ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    verdeling = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", uit, re.M))
    fouten = re.search(r"Non-2xx or 3xx responses: (\d+)", uit)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1)),
        "p50": _tijd_ms(verdeling["50"]),
        "p99": _tijd_ms(verdeling["99"]),
        "fouten": int(fouten.group(1)) if fouten else 0,
    }


def _warm(url: str) -> None:
    """A short wrk run whose figures are not kept (a slow page may time out in it)."""
    subprocess.run(
        ["wrk", "-t2", f"-c{VERBINDINGEN}", f"-d{WARM_S}s", url], capture_output=True, check=False
    )


def _cpu_tijden() -> tuple[int, int] | None:
    """The machine's CPU time so far, all and idle (in ticks), from /proc/stat; None elsewhere."""
    try:
        with open("/proc/stat") as f:
            getallen = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return None
    return sum(getallen), getallen[3] + getallen[4]  # idle and iowait


def _wacht_tot_stil(
    drempel: float = 0.15, venster: float = 0.5, hoogstens: float = 120
) -> float | None:
    """Wait until the machine is idle (under `drempel` busy over `venster` seconds): a slow page
    that the warm-up set rendering in several workers (the national coverage matrix, seconds
    each) must not run through the static file's measurement and the page's own. The busy
    fraction of the last window, or None where /proc/stat is absent."""
    einde = time.monotonic() + hoogstens
    while True:
        voor = _cpu_tijden()
        if voor is None:
            return None
        time.sleep(venster)
        na = _cpu_tijden()
        bezig = 1 - (na[1] - voor[1]) / max(na[0] - voor[0], 1)
        if bezig < drempel or time.monotonic() > einde:
            return bezig


def metingen(paginas: list[tuple[str, str]]) -> list[tuple[str, int, dict]] | str:
    """(name, status, wrk figures) for the static file first, then each page; or why not.

    The static file is measured again right before each page, and a page's ratio is to that
    run (its figures carry it as "statisch"): on two cores shared with wrk and PostgreSQL the
    machine drifts over a minute of load (autovacuum, the page cache of the disk), and a ratio
    to one static run at the start measured the drift as much as the page. The static file's
    own row is the median of its runs."""
    if shutil.which("wrk") is None:
        return "onder last: overgeslagen, wrk ontbreekt (apt-get install wrk)"
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return "onder last: overgeslagen, gunicorn ontbreekt (make setup)"
    with stack() as (basis, statisch):
        statisch_pad = f"/static/{statisch['css/regio.css']}"
        with urllib.request.urlopen(basis + statisch_pad, timeout=30) as antwoord:
            statisch_status = antwoord.status
        statische_runs = []
        resultaten = []
        for naam, pad in paginas:
            # warm every worker's page cache: the table is about the steady state (the
            # rendering itself is in the table above, per page). Requests one after the other
            # may all reach the same idle worker, and a worker that got none rendered the page
            # during the measurement (national home: p99 1 s, p50 9.5 ms); a short wrk run at
            # the measurement's concurrency reaches every worker, and the measurement waits
            # until the renders it started have finished
            with urllib.request.urlopen(basis + pad, timeout=30) as antwoord:
                status = antwoord.status
                antwoord.read()
            _warm(basis + pad)
            _wacht_tot_stil()
            ervoor = wrk(basis + statisch_pad)
            statische_runs.append(ervoor)
            resultaten.append((naam, status, {**wrk(basis + pad), "statisch": ervoor["rps"]}))
    mediaan = {k: statistics.median(r[k] for r in statische_runs) for k in ("rps", "p50", "p99")}
    mediaan["fouten"] = sum(r["fouten"] for r in statische_runs)
    return [(STATISCH, statisch_status, mediaan), *resultaten]


def ratio(r: dict, statisch_rps: float) -> float:
    """A page's requests per second as a multiple of the static file's run right before it
    (or, for figures without one, of the static file's row)."""
    return r["rps"] / r.get("statisch", statisch_rps)


def regels(resultaten: list[tuple[str, int, dict]], vergelijk: dict | None = None) -> list[str]:
    """The table rows, each page with its ratio to the static file (and, given the figures of
    the regional run, its p50 and p99 as a multiple of the regional ones)."""
    referentie = resultaten[0][2]["rps"]
    uit = []
    for naam, status, r in resultaten:
        fout = f" ({r['fouten']} fout)" if r["fouten"] else ""
        regel = (
            f"{naam:<36}{status:>7}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
            f"{ratio(r, referentie):>12.2f}"
        )
        if vergelijk is not None and naam in vergelijk:
            regio = vergelijk[naam]
            regel += f"{r['p50'] / regio['p50']:>10.2f}{r['p99'] / regio['p99']:>10.2f}"
        uit.append(regel + fout)
    return uit


def meet(paginas: list[tuple[str, str]]) -> list[str]:
    """The table rows: the static file first, then each page with its ratio to it."""
    resultaten = metingen(paginas)
    return [resultaten] if isinstance(resultaten, str) else regels(resultaten)
