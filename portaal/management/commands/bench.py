"""`manage.py bench`: page timings and query counts on the loaded demo region, the PDF documents
(render time per kind, all raadsvoorstellen of a version, memory, a stored repeat download,
WeasyPrint's time for a plain document of as many pages: _bench_documenten.py), and the cost of
proposing a programme (the demo's 2028 concept, and a generated one of 200 opgaven for 342
gemeenten), printed as one table. Every proposal and every document runs inside a transaction
that is rolled back, so the demo stays as it is. Run through `make bench`, never as part of the
timed test suite."""

from __future__ import annotations

import datetime
import json
import os
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings

from opgaven.models import Opgave
from portaal.management.commands import _bench_documenten, _bench_historie, _bench_last
from programma import services
from programma.models import Bijdrage, Jaarprogramma, ProgrammaVersie
from programma.selectors import concept_versie_van_jaar
from programma.verdeling import verdeel
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema
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


# The generated programme: a year no demo or test uses, CBS codes GM9001-GM9342.
GROOT_JAAR = 2090
GROOT_OPGAVEN = 200
GROOT_GEMEENTEN = 342


class Teruggedraaid(Exception):
    """Raised to leave a transaction.atomic block the bench always rolls back."""


class _Teller:
    """An execute wrapper that counts the statements sent to the database."""

    def __init__(self):
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Meet laadtijden en queries per pagina en het voorstellen van een programma."

    def add_arguments(self, parser):
        parser.add_argument("--herhalingen", type=int, default=30)
        parser.add_argument("--voorstellen", type=int, default=3, help="herhalingen per voorstel")
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
            help="herstart PostgreSQL tijdens een lastmeting (_bench_storing.py)",
        )
        parser.add_argument(
            "--vergelijk", help="JSON van een regionale meting: zet de cijfers ernaast"
        )

    def handle(
        self,
        *args,
        herhalingen: int,
        voorstellen: int,
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
        regels = self._paginas(herhalingen)
        last = [] if zonder_last else _bench_last.metingen(ONDER_LAST)
        herstart = []
        if storing:
            from portaal.management.commands import _bench_storing

            herstart = [_bench_storing.KOP, *_bench_storing.meet()]
        # Before the proposals: the generated programme would set the process's peak memory.
        documenten = (
            []
            if zonder_documenten
            else _bench_documenten.meet(renders=renders, downloads=downloads)
        )
        inwoners = dict(Inwonertal.objects.values_list("gemeente__cbs_code", "inwoners"))
        begin = time.perf_counter()
        aantal = 10_000
        for budget in range(1_000_000, 1_000_000 + aantal):
            verdeel(budget, inwoners)
        verdeel_us = (time.perf_counter() - begin) / aantal * 1e6
        bestuur = get_user_model().objects.get(username="regiobestuur")
        voorstel = [self._voorstel_2028(bestuur, voorstellen)]
        if scale == "regional":  # at national scale the 2028 concept is that programme itself
            voorstel.append(self._voorstel_groot(bestuur, voorstellen))
        stemming = self._stemming()
        historie = _bench_historie.meet()

        cores = os.cpu_count()
        beschikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
        omvang = _omvang()
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
        if isinstance(last, str):
            self.stdout.write(last)
            self.stdout.write(lijn)
        elif last:
            self.stdout.write(_bench_last.KOP + (_bench_last.KOP_VERGELIJK if regionaal else ""))
            for regel in _bench_last.regels(last, regionaal["last"] if regionaal else None):
                self.stdout.write(regel)
            self.stdout.write(lijn)
        for regel in herstart:
            self.stdout.write(regel)
        if herstart:
            self.stdout.write(lijn)
        if documenten:
            self.stdout.write(_bench_documenten.KOP)
            for regel in documenten:
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
        self.stdout.write(_bench_historie.KOP)
        for regel in historie:
            self.stdout.write(regel)
        self.stdout.write(lijn)
        self.stdout.write(stemming)
        self.stdout.write(
            f"verdeel(): één budget over {len(inwoners)} gemeenten in {verdeel_us:.1f} µs"
        )
        if self._opbouw_s is not None:
            self.stdout.write(
                f"opbouw van het gegenereerde programma (niet in de meting): {self._opbouw_s:.1f} s"
            )
        cijfers = {
            "schaal": scale,
            "paginas": {r[0]: {"queries": r[2], "p50": r[3], "p95": r[4]} for r in regels},
            "last": {n: r for n, _, r in last} if isinstance(last, list) else {},
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

    def _paginas(self, herhalingen: int) -> list[tuple]:
        regels = []
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
            for naam, url, gebruiker in PAGINAS:
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

    def _meet(self, naam: str, versie: ProgrammaVersie, bestuur, keer: int) -> tuple | str:
        """Propose `versie` up to `keer` times (fewer once a minute has passed), each inside a
        savepoint that is rolled back. Queries are counted by an execute wrapper: the log that
        CaptureQueriesContext reads keeps only the last 9,000."""
        tijden, queries, bijdragen = [], 0, 0
        while len(tijden) < keer and sum(tijden) < 60_000:
            teller = _Teller()
            try:
                with transaction.atomic():
                    with connection.execute_wrapper(teller):
                        begin = time.perf_counter()
                        services.stel_programma_voor(versie=versie, acting_user=bestuur)
                        tijden.append((time.perf_counter() - begin) * 1000)
                    queries = teller.aantal
                    bijdragen = Bijdrage.objects.filter(programma_opgave__versie=versie).count()
                    raise Teruggedraaid
            except Teruggedraaid:
                pass
            except Exception as fout:  # a refusal is a result of the bench, not a crash
                return f"{naam:<36} niet gemeten: {fout}"
        return naam, queries, tijden, bijdragen

    def _voorstel_2028(self, bestuur, keer: int) -> tuple | str:
        versie = concept_versie_van_jaar(2028)
        if versie is None:
            return f"{'concept 2028':<36} niet gemeten: er is geen concept 2028"
        leden = Gemeente.objects.leden_op(datetime.date(2028, 1, 1)).count()
        naam = f"concept 2028 ({versie.opgaven.count()} opgaven × {leden} gem.)"
        return self._meet(naam, versie, bestuur, keer)

    _opbouw_s: float | None = None

    def _stemming(self) -> str:
        """A whole council vote in Nijmegen (39 members, nothing decided on 2027 in the demo)
        through the services and rolled back: per vote, closing and confirming, and the matrix
        after it."""
        from raden import services as raden
        from raden.cijfers import dekking_van
        from raden.models import Keuze

        griffier = get_user_model().objects.get(username="griffier-nijmegen")
        gemeente = Gemeente.objects.get(slug="nijmegen")
        versie = (
            ProgrammaVersie.objects.bevroren()
            .filter(jaarprogramma__jaar=2027)
            .order_by("-nummer")
            .first()
        )
        uit = "stemming Nijmegen: niet gemeten"
        try:
            with transaction.atomic():
                stemming = raden.open_stemmingen(
                    gemeente=gemeente,
                    versie=versie,
                    vergaderdatum=datetime.date.today(),
                    acting_user=griffier,
                )[0]
                leden = list(raden.stemgerechtigden(stemming).select_related("fractie"))
                teller = _Teller()
                begin = time.perf_counter()
                with connection.execute_wrapper(teller):
                    for i, lid in enumerate(leden):
                        keuze = Keuze.VOOR if i % 3 else Keuze.TEGEN
                        raden.stem(
                            stemming=stemming, raadslid=lid, keuze=keuze, acting_user=griffier
                        )
                per_stem_ms = (time.perf_counter() - begin) * 1000 / len(leden)
                per_stem_q = teller.aantal / len(leden)
                begin = time.perf_counter()
                raden.sluit_stemming(stemming=stemming, acting_user=griffier)
                raden.bevestig_stemming(stemming=stemming, acting_user=griffier)
                afronden_ms = (time.perf_counter() - begin) * 1000
                teller = _Teller()
                with connection.execute_wrapper(teller):
                    begin = time.perf_counter()
                    dekking_van(versie)
                    matrix_ms = (time.perf_counter() - begin) * 1000
                uit = (
                    f"stemming Nijmegen ({len(leden)} leden, teruggedraaid): "
                    f"{per_stem_ms:.1f} ms en {per_stem_q:.0f} queries per stem; sluiten + "
                    f"bevestigen {afronden_ms:.0f} ms; dekkingsmatrix {matrix_ms:.1f} ms, "
                    f"{teller.aantal} queries"
                )
                raise Teruggedraaid
        except Teruggedraaid:
            pass
        except Exception as fout:  # a refusal is a result of the bench, not a crash
            uit = f"stemming Nijmegen: niet gemeten: {fout}"
        return uit

    def _voorstel_groot(self, bestuur, keer: int) -> tuple | str:
        naam = f"{GROOT_OPGAVEN} opgaven × {GROOT_GEMEENTEN} gemeenten"
        if Jaarprogramma.objects.filter(jaar=GROOT_JAAR).exists():
            return f"{naam:<36} niet gemeten: er bestaat al een programma {GROOT_JAAR}"
        uitkomst: tuple | str = ""
        try:
            with transaction.atomic():
                begin = time.perf_counter()
                versie = _genereer(bestuur)
                self._opbouw_s = time.perf_counter() - begin
                uitkomst = self._meet(naam, versie, bestuur, keer)
                raise Teruggedraaid
        except Teruggedraaid:
            pass
        return uitkomst


def _omvang() -> str:
    from raden.models import Raadslid, Stem

    return (
        f"{Gemeente.objects.count()} gemeenten, {Opgave.objects.count()} opgaven, "
        f"{Raadslid.objects.count()} raadsleden, {Stem.objects.count()} stemmen"
    )


#: the targets of issue 19
RATIO_MIN, P99_MAX_MS, NATIONAAL_MAX, VOORSTEL_MAX_MS = 0.5, 50.0, 2.0, 60_000


def doelen(cijfers: dict, regionaal: dict | None) -> list[str]:
    """One line per target of issue 19: met, or not and by how much."""
    uit = ["doelen:"]

    def regel(goed: bool, tekst: str) -> None:
        uit.append(f"  {'gehaald    ' if goed else 'NIET GEHAALD'} {tekst}")

    last = cijfers["last"]
    if last:
        statisch = next(iter(last.values()))["rps"]
        for naam, r in list(last.items())[1:]:
            ratio = r["rps"] / statisch
            regel(ratio >= RATIO_MIN, f"{naam}: {ratio:.2f} × statisch (min. {RATIO_MIN})")
            regel(r["p99"] < P99_MAX_MS, f"{naam}: p99 {r['p99']:.1f} ms (< {P99_MAX_MS:.0f})")
            regel(r["fouten"] == 0, f"{naam}: {r['fouten']} foute antwoorden onder last")
    if regionaal:
        for naam, r in cijfers["paginas"].items():
            reg = regionaal["paginas"].get(naam)
            if reg is None:
                continue
            regel(
                r["queries"] == reg["queries"],
                f"{naam}: {r['queries']} queries (regionaal {reg['queries']})",
            )
            factor = r["p50"] / reg["p50"]
            regel(factor <= NATIONAAL_MAX, f"{naam}: render p50 {factor:.2f} × regionaal")
        for naam, r in last.items():
            reg = regionaal["last"].get(naam)
            if reg is not None:
                factor = r["p50"] / reg["p50"]
                regel(factor <= NATIONAAL_MAX, f"{naam} onder last: p50 {factor:.2f} × regionaal")
        for naam, ms in cijfers["voorstellen"].items():
            if naam.startswith("concept 2028"):
                regel(ms < VOORSTEL_MAX_MS, f"voorstellen {naam}: {ms / 1000:.1f} s (< 60 s)")
    return uit


def _genereer(bestuur) -> ProgrammaVersie:
    """A concept of GROOT_OPGAVEN opgaven for GROOT_GEMEENTEN member gemeenten (and no others)."""
    peildatum = datetime.date(GROOT_JAAR - 1, 1, 1)
    # The demo gemeenten leave before the generated year, so exactly the generated ones share.
    Lidmaatschap.objects.filter(Q(einde__isnull=True) | Q(einde__gte=peildatum)).update(
        einde=peildatum - datetime.timedelta(days=1)
    )
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(
            naam=f"Benchgemeente {n}",
            slug=f"benchgemeente-{n}",
            cbs_code=f"GM{9000 + n:04d}",
            provincie="gelderland",
        )
        for n in range(1, GROOT_GEMEENTEN + 1)
    )
    Inwonertal.objects.bulk_create(
        Inwonertal(gemeente=g, peildatum=peildatum, inwoners=1_000 + (n * 7_919) % 150_000)
        for n, g in enumerate(gemeenten)
    )
    Lidmaatschap.objects.bulk_create(Lidmaatschap(gemeente=g, begin=peildatum) for g in gemeenten)
    houders = Bestuurder.objects.bulk_create(
        Bestuurder(
            naam=f"Benchbestuurder {n}", functie="wethouder", gemeente=gemeenten[n % len(gemeenten)]
        )
        for n in range(20)
    )
    thema = Thema.objects.order_by("volgorde").first()
    partners = list(Partner.objects.order_by("slug")[:2])
    opgaven = Opgave.objects.bulk_create(
        Opgave(titel=f"Benchopgave {n}", slug=f"benchopgave-{n}", thema=thema, sinds=GROOT_JAAR)
        for n in range(1, GROOT_OPGAVEN + 1)
    )
    versie = services.maak_jaarprogramma(
        jaar=GROOT_JAAR, titel=f"Benchprogramma {GROOT_JAAR}", acting_user=bestuur
    )
    vorige = None
    for n, opgave in enumerate(opgaven):
        po = services.neem_opgave_op(
            versie=versie,
            opgave=opgave,
            acting_user=bestuur,
            doel="Doel.",
            resultaat="Resultaat.",
            mandaat="Mandaat.",
            sturing="Sturing.",
            budget=100_000 + n * 12_345,
            capaciteit_fte=Decimal("1.5"),
            portefeuillehouder=houders[n % len(houders)],
            rangorde=n + 1,
            partners=partners,
            bestuurders=[houders[(n + 1) % len(houders)]],
        )
        services.voeg_externe_regeling_toe(
            programma_opgave=po,
            naam="Regeling",
            niveau="provincie",
            verwachte_cofinanciering=50_000,
            acting_user=bestuur,
        )
        if vorige is not None and n % 2:
            services.voeg_synergie_toe(
                van=vorige, naar=po, toelichting="Samen.", acting_user=bestuur
            )
        vorige = po
    return versie
