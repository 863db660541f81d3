"""`manage.py bench`: page timings and query counts on the loaded demo region, printed as one
table. Run through `make bench`, never as part of the timed test suite."""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from programma.verdeling import verdeel
from regio.models import Inwonertal

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
    ("healthz", "/healthz", None),
]


class Command(BaseCommand):
    help = "Meet laadtijden en queries per pagina op de demoregio."

    def add_arguments(self, parser):
        parser.add_argument("--herhalingen", type=int, default=30)

    def handle(self, *args, herhalingen: int, **options):
        regels = []
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
            for naam, url, gebruiker in PAGINAS:
                client = Client()
                if gebruiker:
                    client.force_login(get_user_model().objects.get(username=gebruiker))
                client.get(url)  # warm up templates and connections
                reset_queries()
                response = client.get(url)
                queries = len(connection.queries)
                tijden = []
                for _ in range(herhalingen):
                    begin = time.perf_counter()
                    client.get(url)
                    tijden.append((time.perf_counter() - begin) * 1000)
                tijden.sort()
                regels.append(
                    (
                        naam,
                        response.status_code,
                        queries,
                        statistics.median(tijden),
                        tijden[int(len(tijden) * 0.95) - 1],
                        len(response.content) // 1024,
                    )
                )

        inwoners = dict(Inwonertal.objects.values_list("gemeente__cbs_code", "inwoners"))
        begin = time.perf_counter()
        aantal = 10_000
        for budget in range(1_000_000, 1_000_000 + aantal):
            verdeel(budget, inwoners)
        verdeel_us = (time.perf_counter() - begin) / aantal * 1e6

        voorstel_ms = self._voorstel_ms()

        db = connection.vendor
        self.stdout.write(
            f"Regioportaal bench · database {db} · {herhalingen} herhalingen · "
            f"DEBUG={settings.DEBUG}"
        )
        kop = f"{'pagina':<28}{'status':>7}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}{'kB':>6}"
        self.stdout.write(kop)
        self.stdout.write("-" * len(kop))
        for naam, status, queries, p50, p95, kb in regels:
            self.stdout.write(f"{naam:<28}{status:>7}{queries:>9}{p50:>9.1f}{p95:>9.1f}{kb:>6}")
        self.stdout.write("-" * len(kop))
        self.stdout.write(
            f"verdeel(): één budget over {len(inwoners)} gemeenten in {verdeel_us:.1f} µs"
        )
        if voorstel_ms is not None:
            self.stdout.write(
                f"voorstellen van het concept 2028 (bijdragen berekenen, opslaan, bevriezen): "
                f"{voorstel_ms:.0f} ms (teruggedraaid)"
            )

    def _voorstel_ms(self) -> float | None:
        """Time the proposal of the demo concept, inside a transaction that is rolled back."""
        from django.db import transaction

        from programma.selectors import concept_versie_van_jaar
        from programma.services import stel_programma_voor

        versie = concept_versie_van_jaar(2028)
        if versie is None:
            return None
        user = get_user_model().objects.get(username="regiobestuur")
        with transaction.atomic():
            begin = time.perf_counter()
            stel_programma_voor(versie=versie, acting_user=user)
            duur = (time.perf_counter() - begin) * 1000
            transaction.set_rollback(True)
        return duur
