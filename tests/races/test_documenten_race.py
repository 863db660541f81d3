"""Two requests for a document that is not stored yet render it once (issue 16.5).

On PostgreSQL with real threads, each with its own connection and transaction: once as two
threads of one process (the process lock and the row lock), once as if they were two processes
(the process lock taken away: the lock on the version row alone must hold); and while a
render holds that lock, the votes of the year and rows that refer to the version need not
wait for it. SQLite serialises
writers, so there the race is simulated: the other request stores the document between this
request's first look and its lock, which is the window a real race hits."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from programma.documenten import opslag
from programma.documenten.models import Document

URL = "/programma/2027/raadsvoorstel/{slug}.pdf"


def _tel_renders(monkeypatch, *, traag: float = 0.0, bezig: threading.Event | None = None) -> list:
    """Count the renders; `traag` seconds more per render, so that the other request surely
    looks while this one is still rendering; `bezig` is set once a render has begun."""
    gedaan: list = []
    echt = opslag.render

    def tellend(soort, versie, gemeente):
        gedaan.append((soort.code, versie.pk, gemeente and gemeente.slug))
        if bezig is not None:
            bezig.set()
        time.sleep(traag)
        return echt(soort, versie, gemeente)

    monkeypatch.setattr(opslag, "render", tellend)
    return gedaan


def _tegelijk(url: str, aantal: int = 2) -> list:
    """GET the url from `aantal` threads at the same moment, each with its own connection."""
    start = threading.Barrier(aantal)
    antwoorden: list = [None] * aantal

    def haal(i: int) -> None:
        try:
            start.wait()
            antwoorden[i] = Client().get(url)
        except Exception as fout:  # a 500 re-raised by the test client
            antwoorden[i] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=haal, args=(i,)) for i in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    fouten = [a for a in antwoorden if isinstance(a, Exception)]
    assert fouten == [], fouten
    return antwoorden


def _houdt_het_jaar_niet_op(monkeypatch) -> None:
    """While a document renders under its lock, a vote of that year (which locks the
    Jaarprogramma row, raden.services.stemmen) and a row that refers to the version (a
    Stemming, a Document: FOR KEY SHARE of the version row) do not have to wait for it."""
    from programma.models import ProgrammaVersie

    bezig = threading.Event()
    _tel_renders(monkeypatch, traag=3.0, bezig=bezig)
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=2)
    uitkomst: list = []
    draad = threading.Thread(
        target=lambda: uitkomst.extend(_tegelijk(URL.format(slug="duiven"), 1))
    )
    draad.start()
    try:
        assert bezig.wait(60), "the render did not begin"
        for sql, pk in (
            (
                "SELECT id FROM programma_jaarprogramma WHERE id = %s FOR UPDATE NOWAIT",
                versie.jaarprogramma_id,
            ),
            (
                "SELECT id FROM programma_programmaversie WHERE id = %s FOR KEY SHARE NOWAIT",
                versie.pk,
            ),
        ):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [pk])  # NOWAIT: a lock held by the render raises here
    finally:
        draad.join()
    assert [r.status_code for r in uitkomst] == [200]
    assert Document.objects.filter(gemeente__slug="duiven").count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: no real race (see the simulated one below)",
)
def test_twee_verzoeken_tegelijk_een_render_en_niemand_anders_wacht(demo_vastgelegd, monkeypatch):
    renders = _tel_renders(monkeypatch, traag=0.5)
    for slug, proces in (
        ("arnhem", opslag._PROCES),
        # as two processes: no lock in common but the version row's
        ("nijmegen", contextlib.nullcontext()),
    ):
        monkeypatch.setattr(opslag, "_PROCES", proces)
        voor = len(renders)
        antwoorden = _tegelijk(URL.format(slug=slug))
        assert [r.status_code for r in antwoorden] == [200, 200], slug
        assert antwoorden[0].content == antwoorden[1].content
        assert len(renders) - voor == 1, f"{slug}: {len(renders) - voor} renders"
        doc = Document.objects.get(gemeente__slug=slug)
        assert antwoorden[0]["ETag"] == antwoorden[1]["ETag"] == f'"{doc.sha256}"'
    assert Document.objects.count() == 2
    # in the same test: a demo load on PostgreSQL costs minutes
    monkeypatch.setattr(opslag, "_PROCES", threading.Lock())
    _houdt_het_jaar_niet_op(monkeypatch)


def test_het_andere_verzoek_slaat_op_tussen_kijken_en_vergrendelen(demo, client, monkeypatch):
    renders = _tel_renders(monkeypatch)
    echt = opslag._gezocht
    eerste = []

    def gezocht(soort, versie, gemeente, stand):
        if not eerste:
            eerste.append(True)
            # the other request renders and stores it now, before this one takes the lock
            monkeypatch.setattr(opslag, "_gezocht", echt)
            opslag.document(soort.code, versie, gemeente)
            monkeypatch.setattr(opslag, "_gezocht", gezocht)
            return None  # this request looked before that, and saw nothing
        return echt(soort, versie, gemeente, stand)

    monkeypatch.setattr(opslag, "_gezocht", gezocht)
    response = client.get(URL.format(slug="arnhem"))
    assert response.status_code == 200
    assert eerste and len(renders) == 1
    doc = Document.objects.get()
    assert response["ETag"] == f'"{doc.sha256}"'
