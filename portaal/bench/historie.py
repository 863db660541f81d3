"""`manage.py bench`: the audit export as its history grows. The 2027 history of the votes is
copied into its history table n times over (inside a transaction that is rolled back, so the
demo stays as it is), and the export of the year is read to its end for the regiobestuur:
rows, seconds, and the peak of the memory Python allocated meanwhile (tracemalloc). A streamed
export keeps that peak flat while the rows grow; one that loaded the history would not."""

from __future__ import annotations

import itertools
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.db import transaction

from historie import export
from historie.zicht import zicht_voor
from programma.models import Jaarprogramma
from raden.models import Stem

KOP = (
    f"{'auditbestand 2027 (regiobestuur)':<36}{'stemrijen':>11}{'CSV-regels':>12}"
    f"{'s':>7}{'piek MB':>9}"
)


class _Terug(Exception):
    pass


def _vermenigvuldig(keer: int) -> int:
    """Add keer-1 copies of every recorded vote of 2027 to the history (the same moments)."""
    historie = Stem.history.model
    rijen = list(historie.objects.filter(stemming__versie__jaarprogramma__jaar=2027).values())
    for _ in range(keer - 1):
        kopieen = [historie(**{k: v for k, v in r.items() if k != "history_id"}) for r in rijen]
        historie.objects.bulk_create(kopieen, batch_size=2000)
    return len(rijen) * keer


def _lees(jaarprogramma, zicht, hoogstens: int | None) -> tuple[int, float, float]:
    tracemalloc.start()
    begin = time.perf_counter()
    aantal = sum(1 for _ in itertools.islice(export.regels(jaarprogramma, zicht), hoogstens))
    seconden = time.perf_counter() - begin
    _nu, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return aantal, seconden, piek / 2**20


def meet(factoren=(1, 10, 50), hoogstens: int | None = None) -> list[str]:
    """One line per size of the history: vote records, CSV rows, seconds, peak MB. With
    `hoogstens`, the export is read up to that many rows (its first, oldest changes): at national
    scale the year's history is millions of rows, the streamed export's rate and memory show in
    its first part, and reading it all would take the bench most of an hour."""
    jaarprogramma = Jaarprogramma.objects.get(jaar=2027)
    zicht = zicht_voor(get_user_model().objects.get(username="regiobestuur"))
    regels = []
    for keer in factoren:
        try:
            with transaction.atomic():
                stemrijen = _vermenigvuldig(keer)
                aantal, seconden, piek = _lees(jaarprogramma, zicht, hoogstens)
                raise _Terug
        except _Terug:
            pass
        naam = f"  historie × {keer}" + (" (eerste regels)" if aantal == hoogstens else "")
        regels.append(f"{naam:<36}{stemrijen:>11}{aantal:>12}{seconden:>7.1f}{piek:>9.1f}")
    return regels
