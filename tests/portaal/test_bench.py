"""`manage.py bench` measures proposing and the PDF documents without changing the demo: every
proposal and every render is rolled back, and nothing is stored in MEDIA_ROOT."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from portaal.bench import documenten, historie, paginas, voorstellen
from programma.documenten import opslag
from programma.documenten.models import Document, DocumentSoort
from programma.models import Bijdrage, Jaarprogramma, ProgrammaVersie, Status
from regio.models import Gemeente, Lidmaatschap


def test_bench_meet_voorstellen_en_draait_ze_terug(demo, monkeypatch):
    # A small generated programme: the shape of the measurement, not its size, is tested here.
    monkeypatch.setattr(voorstellen, "GROOT_OPGAVEN", 3)
    monkeypatch.setattr(voorstellen, "GROOT_GEMEENTEN", 5)
    monkeypatch.setattr(paginas, "PAGINAS", paginas.PAGINAS[:1])
    echt = historie.meet
    monkeypatch.setattr(historie, "meet", lambda factoren, **_: echt((1, 2)))
    from raden.models import Stem

    stemhistorie = Stem.history.count()
    voor = (Bijdrage.objects.count(), Gemeente.objects.count(), Lidmaatschap.objects.count())
    uit = StringIO()
    call_command(
        "bench",
        herhalingen=1,
        voorstellen=2,
        zonder_documenten=True,
        zonder_last=True,  # gunicorn cannot reach the test database
        stdout=uit,
    )
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

    # the export as its history grows: measured, and the copies rolled back
    regels = re.findall(r"historie × (\d+)\s+(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+", tabel)
    assert [r[0] for r in regels] == ["1", "2"], tabel
    assert int(regels[1][1]) == 2 * int(regels[0][1]) and int(regels[1][2]) > int(regels[0][2])
    assert Stem.history.count() == stemhistorie

    assert Jaarprogramma.objects.get(jaar=2028).status == Status.CONCEPT
    assert not Jaarprogramma.objects.filter(jaar=voorstellen.GROOT_JAAR).exists()
    assert not Gemeente.objects.filter(cbs_code__startswith="GM9").exists()
    na = (Bijdrage.objects.count(), Gemeente.objects.count(), Lidmaatschap.objects.count())
    assert na == voor
    assert not Lidmaatschap.objects.filter(einde__isnull=False).exists()


def test_de_nationale_audit_export_wordt_tot_een_grens_gelezen(demo):
    """At national scale the export is read up to a bound (most of an hour in full); the line
    says so, and a history below the bound is read whole and not marked."""
    (heel,) = historie.meet((1,))
    (begrensd,) = historie.meet((1,), hoogstens=50)
    assert "eerste regels" not in heel
    assert "historie × 1 (eerste regels)" in begrensd
    getallen = r"\s+(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+$"
    assert int(re.search(getallen, begrensd)[2]) == 50
    assert int(re.search(getallen, heel)[2]) > 50
    assert re.search(getallen, heel)[1] == re.search(getallen, begrensd)[1]


def _bestanden(settings) -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT).rglob("*"))


def test_bench_meet_documenten_en_slaat_niets_op(demo, settings):
    voor = (Document.objects.count(), _bestanden(settings))
    tabel = "\n".join(documenten.meet(renders=1, downloads=2, voorstellen=2))

    getal = r"\s+(\d+)"
    rv = re.search(r"raadsvoorstel Nijmegen 2027 v2" + getal * 4, tabel)
    assert rv and int(rv[1]) >= 1 and int(rv[3]) == 1, tabel
    assert re.search(r"programmadocument 2027 v2" + getal * 4, tabel), tabel
    assert re.search(r"besluitenoverzicht 2026 v1(" + getal * 4 + r"|\s+niet gemeten)", tabel)
    assert re.search(r"2 raadsvoorstellen 2027 v2 \(samen\)" + getal * 4, tabel), tabel
    # the reference has as many pages as the raadsvoorstel, and the targets say met or not
    referentie = re.search(r"referentie: platte tekst \(\d+ al\.\)" + getal, tabel)
    assert referentie and referentie[1] == rv[1], tabel
    assert re.search(
        r"raadsvoorstel / referentie: [\d.]+x\s+<= 1.5x  (gehaald|NIET GEHAALD)", tabel
    )
    assert re.search(
        r"herhaalde download \(opgeslagen\).*% van een render, <= 5%  (gehaald|NIET)", tabel
    )
    assert re.search(r"met If-None-Match \(304\)\s+[\d.]+\s+2", tabel), tabel
    assert re.search(r"piekgeheugen één raadsvoorstel\s+[\d.]+ MB", tabel)
    assert re.search(r"max RSS van het proces\s+\d+ MB", tabel)
    assert "documenten: niet gemeten" not in tabel, tabel

    assert (Document.objects.count(), _bestanden(settings)) == voor


def test_herhaalde_download_leest_een_al_opgeslagen_document(demo, settings):
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=2)
    nijmegen = Gemeente.objects.get(slug="nijmegen")
    doc = opslag.document(DocumentSoort.RAADSVOORSTEL, versie, nijmegen)
    meting = documenten._Meting()
    documenten._download(meting, versie, nijmegen, 2, 1000.0)
    assert "herhaalde download (opgeslagen)" in meting.regels[0], meting.regels
    assert Document.objects.get() == doc
    assert doc.bestand.storage.exists(doc.bestand.name)


def test_de_referentie_vult_haar_laatste_pagina():
    alineas = documenten.alineas_voor(2)
    assert documenten._platte_pdf(alineas)[1] == 2
    assert documenten._platte_pdf(alineas + 1)[1] == 3


WRK_UIT = """Running 5s test @ http://127.0.0.1:1/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.30ms    1.20ms  31.20ms   90.00%
  Latency Distribution
     50%    5.31ms
     75%    5.90ms
     90%    6.80ms
     99%    1.20s{spatie}
  14512 requests in 5.00s, 560.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2902.40
Transfer/sec:    112.00MB
""".format(spatie=" ")  # wrk pads a value in seconds with a space


def test_de_lastmeting_leest_wrk(monkeypatch):
    """The load table's figures are wrk's own: requests per second, p50 and p99, failures."""
    import subprocess

    from portaal.bench import last

    class Uit:
        stdout = WRK_UIT

    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Uit())
    assert last.wrk("http://127.0.0.1:1/") == {
        "rps": 2902.40,
        "p50": 5.31,
        "p99": 1200.0,
        "fouten": 3,
    }


def test_de_verhouding_is_tot_de_statische_meting_vlak_ervoor():
    """Each page is divided by the static file's run right before it, not by one run at the
    start: the machine drifts over a minute of load. The static row is the median of its runs;
    the targets read the same ratio as the table."""
    from portaal.bench import doelen, last

    resultaten = [
        (last.STATISCH, 200, {"rps": 2000.0, "p50": 5.0, "p99": 12.0, "fouten": 0}),
        ("home", 200, {"rps": 1200.0, "p50": 9.0, "p99": 30.0, "fouten": 0, "statisch": 2400.0}),
        (
            "gemeente",
            200,
            {"rps": 900.0, "p50": 15.0, "p99": 60.0, "fouten": 0, "statisch": 1500.0},
        ),
    ]
    tabel = last.regels(resultaten)
    verhoudingen = [float(r.split()[-1]) for r in tabel]
    assert verhoudingen == [1.0, 0.5, 0.6]
    cijfers = {"last": {n: r for n, _, r in resultaten}, "paginas": {}, "voorstellen": {}}
    uit = "\n".join(doelen.doelen(cijfers, None))
    assert "gehaald     home: 0.50 × statisch" in uit
    assert "gehaald     gemeente: 0.60 × statisch" in uit
    assert "NIET GEHAALD gemeente: p99 60.0 ms" in uit


def test_de_lastmeting_meet_het_statische_bestand_voor_elke_pagina(monkeypatch):
    import contextlib
    import io
    import shutil
    import urllib.request

    from portaal.bench import last

    @contextlib.contextmanager
    def stack():
        yield "http://stack", {"css/regio.css": "css/regio.abc.css"}

    class Antwoord(io.BytesIO):
        status = 200

    gevraagd = []

    def wrk(url):
        gevraagd.append(url)
        statisch = url.endswith(".css")
        rps = 2000.0 * sum(g.endswith(".css") for g in gevraagd) if statisch else 500.0
        return {"rps": rps, "p50": 1.0, "p99": 2.0, "fouten": 0}

    monkeypatch.setattr(shutil, "which", lambda naam: "/usr/bin/" + naam)
    monkeypatch.setattr(last, "stack", stack)
    monkeypatch.setattr(last, "wrk", wrk)
    # the warm-up: every worker has the page before it is measured
    monkeypatch.setattr(last, "_warm", lambda url: gevraagd.append(f"warm {url}"))
    monkeypatch.setattr(last, "_wacht_tot_stil", lambda: gevraagd.append("stil"))
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: Antwoord(b""))
    uit = last.metingen([("home", "/"), ("opgave", "/opgaven/x/")])
    statisch = "http://stack/static/css/regio.abc.css"
    assert gevraagd == [
        "warm http://stack/",
        "stil",
        statisch,
        "http://stack/",
        "warm http://stack/opgaven/x/",
        "stil",
        statisch,
        "http://stack/opgaven/x/",
    ]
    assert [(n, r["rps"], r.get("statisch")) for n, _, r in uit] == [
        (last.STATISCH, 3000.0, None),  # the median of 2000 and 4000
        ("home", 500.0, 2000.0),
        ("opgave", 500.0, 4000.0),
    ]


def test_de_lastmeting_wacht_tot_de_machine_stil_is(monkeypatch):
    """After the warm-up, the measurement waits until no worker is still rendering: the busy
    fraction per window from /proc/stat's counters (all, idle), until under the threshold."""
    import time

    import pytest

    from portaal.bench import last

    # (all ticks, idle ticks): busy 90 %, then 50 %, then 5 %
    standen = iter([(0, 0), (100, 10), (100, 10), (200, 60), (200, 60), (300, 155)])
    monkeypatch.setattr(last, "_cpu_tijden", lambda: next(standen))
    monkeypatch.setattr(time, "sleep", lambda s: None)
    assert last._wacht_tot_stil(drempel=0.15) == pytest.approx(0.05)
    assert next(standen, None) is None  # three windows

    monkeypatch.setattr(last, "_cpu_tijden", lambda: (0, 0))  # never idle: no ticks pass
    assert last._wacht_tot_stil(hoogstens=0) == 1.0  # gives up at once, and says how busy
    monkeypatch.setattr(last, "_cpu_tijden", lambda: None)
    assert last._wacht_tot_stil() is None
