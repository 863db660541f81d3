"""`manage.py bench` measures proposing without changing the demo: every proposal is rolled back."""

import re
from io import StringIO

from django.core.management import call_command

from portaal.management.commands import bench
from programma.models import Bijdrage, Jaarprogramma, ProgrammaVersie, Status
from regio.models import Gemeente, Lidmaatschap


def test_bench_meet_voorstellen_en_draait_ze_terug(demo, monkeypatch):
    # A small generated programme: the shape of the measurement, not its size, is tested here.
    monkeypatch.setattr(bench, "GROOT_OPGAVEN", 3)
    monkeypatch.setattr(bench, "GROOT_GEMEENTEN", 5)
    monkeypatch.setattr(bench, "PAGINAS", bench.PAGINAS[:1])
    voor = (Bijdrage.objects.count(), Gemeente.objects.count(), Lidmaatschap.objects.count())
    uit = StringIO()
    call_command("bench", herhalingen=1, voorstellen=2, stdout=uit)
    tabel = uit.getvalue()

    assert re.search(r"\d+ cores", tabel)
    concept = re.search(
        r"concept 2028 \((\d+) opgaven × 18 gem\.\)\s+(\d+)\s+\d+\s+\d+\s+2\s+(\d+)", tabel
    )
    assert concept, tabel
    opgaven_2028 = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028).opgaven.count()
    assert int(concept[1]) == opgaven_2028
    assert int(concept[2]) > 0
    assert int(concept[3]) == opgaven_2028 * 18
    groot = re.search(r"3 opgaven × 5 gemeenten\s+(\d+)\s+\d+\s+\d+\s+2\s+15\b", tabel)
    assert groot and int(groot[1]) > 0, tabel

    assert Jaarprogramma.objects.get(jaar=2028).status == Status.CONCEPT
    assert not Jaarprogramma.objects.filter(jaar=bench.GROOT_JAAR).exists()
    assert not Gemeente.objects.filter(cbs_code__startswith="GM9").exists()
    na = (Bijdrage.objects.count(), Gemeente.objects.count(), Lidmaatschap.objects.count())
    assert na == voor
    assert not Lidmaatschap.objects.filter(einde__isnull=False).exists()
