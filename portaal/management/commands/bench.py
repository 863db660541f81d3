"""`manage.py bench`: page timings and query counts on the loaded demo (portaal/bench/paginas.py),
the public pages under load through the production stack (last.py) and through a PostgreSQL
restart (storing/), the PDF documents (documenten.py), the cost of proposing a programme and of
a council vote (voorstellen.py) and of the audit export as history grows (historie.py), printed
as one table with the targets of issue 19 (doelen.py). Every write runs inside a transaction
that is rolled back, or on a copy of the database, so the demo stays as it is. Run through
`make bench`, never as part of the timed test suite."""

from __future__ import annotations

import json
import os
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection

from portaal.bench import documenten, historie, last, paginas, voorstellen
from portaal.bench.doelen import doelen
from programma.verdeling import verdeel
from regio.models import Inwonertal

#: raadsvoorstellen rendered together at national scale (all 342 would take minutes; the
#: figure is the time per document)
NATIONAAL_VOORSTELLEN = 24
#: the national audit export is read this far (its rate and memory; the whole is 1.7 million
#: votes' history, most of an hour)
NATIONAAL_AUDITREGELS = 200_000


def _analyseer() -> float | None:
    """VACUUM (ANALYZE) of the freshly loaded database before anything is measured: otherwise
    autovacuum works through the demo's new rows in the middle of the load runs (on two cores
    shared with wrk and gunicorn), and the planner has no statistics yet. Seconds, or None
    where it cannot run (SQLite, or inside a transaction: the tests)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - begin


class Command(BaseCommand):
    help = "Meet laadtijden en queries per pagina en het voorstellen van een programma."

    def add_arguments(self, parser):
        parser.add_argument("--herhalingen", type=int, default=30)
        parser.add_argument(
            "--voorstellen", dest="keer", type=int, default=3, help="herhalingen per voorstel"
        )
        parser.add_argument("--renders", type=int, default=5, help="herhalingen per document")
        parser.add_argument("--downloads", type=int, default=20, help="herhaalde downloads")
        parser.add_argument("--zonder-documenten", action="store_true", help="geen PDF's meten")
        parser.add_argument(
            "--zonder-last", action="store_true", help="geen lastmeting door gunicorn en wrk"
        )
        parser.add_argument(
            "--scale",
            choices=["regional", "national"],
            default="regional",
            help="de schaal van de geladen demo (manage.py demo --scale)",
        )
        parser.add_argument("--bewaar", help="schrijf de cijfers als JSON naar dit bestand")
        parser.add_argument(
            "--storing",
            action="store_true",
            help="herstart PostgreSQL tijdens een lastmeting (portaal/bench/storing)",
        )
        parser.add_argument(
            "--vergelijk", help="JSON van een regionale meting: zet de cijfers ernaast"
        )

    def handle(
        self,
        *args,
        herhalingen: int,
        keer: int,
        renders: int,
        downloads: int,
        zonder_documenten: bool,
        zonder_last: bool,
        scale: str = "regional",
        bewaar: str | None = None,
        vergelijk: str | None = None,
        storing: bool = False,
        **options,
    ):
        regionaal = None
        if vergelijk:
            with open(vergelijk) as f:
                regionaal = json.load(f)
        # At national scale the year's audit trail is millions of rows: the export is measured
        # once, in the history part, not three times as a page; the documents fewer times.
        nationaal = scale == "national"
        analyse_s = _analyseer()
        regels = paginas.meet(herhalingen, zonder=paginas.NIET_NATIONAAL if nationaal else ())
        onder_last = [] if zonder_last else last.metingen(paginas.ONDER_LAST)
        herstart = []
        if storing:
            from portaal.bench import storing

            herstart = [storing.KOP, *storing.meet()]
        # Before the proposals: the generated programme would set the process's peak memory.
        pdfs = (
            []
            if zonder_documenten
            else documenten.meet(
                renders=min(renders, 2) if nationaal else renders,
                downloads=downloads,
                voorstellen=NATIONAAL_VOORSTELLEN if nationaal else None,
            )
        )
        inwoners = dict(Inwonertal.objects.values_list("gemeente__cbs_code", "inwoners"))
        begin = time.perf_counter()
        aantal = 10_000
        for budget in range(1_000_000, 1_000_000 + aantal):
            verdeel(budget, inwoners)
        verdeel_us = (time.perf_counter() - begin) / aantal * 1e6
        bestuur = get_user_model().objects.get(username="regiobestuur")
        voorstel = [voorstellen.voorstel_2028(bestuur, keer)]
        opbouw_s = None
        if scale == "regional":  # at national scale the 2028 concept is that programme itself
            groot, opbouw_s = voorstellen.voorstel_groot(bestuur, keer)
            voorstel.append(groot)
        stemming = voorstellen.stemming()
        historie_regels = (
            historie.meet((1,), hoogstens=NATIONAAL_AUDITREGELS)
            if nationaal
            else historie.meet((1, 10, 50))
        )

        cores = os.cpu_count()
        beschikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
        omvang = paginas.omvang()
        self.stdout.write(
            f"Regioportaal bench · schaal {scale} ({omvang}) · database {connection.vendor} · "
            f"{cores} cores ({beschikbaar} beschikbaar) · {herhalingen} herhalingen · "
            f"DEBUG={settings.DEBUG}"
        )
        kop = (
            f"{'pagina (zonder paginacache)':<36}{'status':>7}{'queries':>9}{'p50 ms':>9}"
            f"{'p95 ms':>9}{'kB':>12}{'cache ms':>10}"
        )
        if regionaal:
            kop += f"{'q reg':>7}{'p50 × reg':>10}"
        lijn = "-" * len(kop)
        self.stdout.write(kop)
        self.stdout.write(lijn)
        for naam, status, queries, p50, p95, kb, hit in regels:
            treffer = f"{hit:>10.2f}" if hit is not None else f"{'-':>10}"
            regel = f"{naam:<36}{status:>7}{queries:>9}{p50:>9.1f}{p95:>9.1f}{kb:>12}{treffer}"
            if regionaal and naam in regionaal["paginas"]:
                r = regionaal["paginas"][naam]
                regel += f"{r['queries']:>7}{p50 / r['p50']:>10.2f}"
            self.stdout.write(regel)
        self.stdout.write(lijn)
        if isinstance(onder_last, str):
            self.stdout.write(onder_last)
            self.stdout.write(lijn)
        elif onder_last:
            self.stdout.write(last.KOP + (last.KOP_VERGELIJK if regionaal else ""))
            for regel in last.regels(onder_last, regionaal["last"] if regionaal else None):
                self.stdout.write(regel)
            self.stdout.write(lijn)
        for regel in herstart:
            self.stdout.write(regel)
        if herstart:
            self.stdout.write(lijn)
        if pdfs:
            self.stdout.write(documenten.KOP)
            for regel in pdfs:
                self.stdout.write(regel)
            self.stdout.write(lijn)
        self.stdout.write(
            f"{'voorstellen (teruggedraaid)':<36}{'':>7}{'queries':>9}{'p50 ms':>9}{'max ms':>9}"
            f"{'n':>4}{'bijdr.':>8}"
        )
        for regel in voorstel:
            if isinstance(regel, str):
                self.stdout.write(regel)
                continue
            naam, queries, tijden, bijdragen = regel
            self.stdout.write(
                f"{naam:<36}{'':>7}{queries:>9}{statistics.median(tijden):>9.0f}"
                f"{max(tijden):>9.0f}{len(tijden):>4}{bijdragen:>8}"
            )
        self.stdout.write(lijn)
        self.stdout.write(historie.KOP)
        for regel in historie_regels:
            self.stdout.write(regel)
        self.stdout.write(lijn)
        self.stdout.write(stemming)
        self.stdout.write(
            f"verdeel(): één budget over {len(inwoners)} gemeenten in {verdeel_us:.1f} µs"
        )
        if analyse_s is not None:
            self.stdout.write(f"VACUUM (ANALYZE) vooraf, na het laden: {analyse_s:.1f} s")
        if opbouw_s is not None:
            self.stdout.write(
                f"opbouw van het gegenereerde programma (niet in de meting): {opbouw_s:.1f} s"
            )
        cijfers = {
            "schaal": scale,
            "paginas": {r[0]: {"queries": r[2], "p50": r[3], "p95": r[4]} for r in regels},
            "last": {n: r for n, _, r in onder_last} if isinstance(onder_last, list) else {},
            "voorstellen": {
                v[0]: statistics.median(v[2]) for v in voorstel if not isinstance(v, str)
            },
        }
        for regel in doelen(cijfers, regionaal):
            self.stdout.write(regel)
        if bewaar:
            os.makedirs(os.path.dirname(os.path.abspath(bewaar)), exist_ok=True)
            with open(bewaar, "w") as f:
                json.dump(cijfers, f, indent=1)
