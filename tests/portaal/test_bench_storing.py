"""The fault part of `make bench` (portaal/bench/storing/) without restarting anything: where a
request falls, when the database was back, the writer's steps, and that the check of the raw
rows finds a write that was left half-done. The restart itself runs in `make bench` only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from portaal.bench import storing
from portaal.bench.storing import controle, database, schrijver, verzoeken

OP_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the check is PostgreSQL's SQL (FILTER, LATERAL), as the bench database is",
)


def test_terug_is_het_eerste_antwoord_na_de_eerste_weigering():
    peilingen = [(0.9, True), (1.05, True), (1.1, False), (1.5, False), (2.2, True), (2.3, True)]
    assert verzoeken.terug_op(peilingen, herstart=1.0, klaar=2.5) == 2.2
    # a restart between two probes: back when the command returned
    assert verzoeken.terug_op([(0.9, True), (1.6, True)], herstart=1.0, klaar=1.4) == 1.4


def test_elk_verzoek_valt_voor_tijdens_of_na():
    gedaan = [
        (0, 0.1, 0.2, ""),  # done before the restart
        (0, 0.9, 1.2, "HTTP 500"),  # in flight at the restart
        (1, 1.5, 1.6, "ConnectionResetError"),
        (1, 2.1, 2.4, ""),  # started before it was back, ended after
        (0, 2.5, 2.6, ""),
    ]
    per = verzoeken.fasen(gedaan, herstart=1.0, terug=2.2)
    assert per[0, "voor"] == [pytest.approx((0.1, ""))]
    assert [f for _, f in per[0, "tijdens"]] == ["HTTP 500"]
    assert [f for _, f in per[1, "tijdens"]] == ["ConnectionResetError", ""]
    assert [f for _, f in per[0, "na"]] == [""] and (1, "na") not in per


def test_overgeslagen_zonder_herstartbare_database(monkeypatch):
    reden = "geen lokaal PostgreSQL-cluster op poort 1"
    monkeypatch.setattr(database, "cluster_van", lambda: reden)
    regels = storing.meet()
    assert len(regels) == 1 and regels[0].startswith("herstart PostgreSQL: overgeslagen, ")
    if connection.vendor == "sqlite":
        assert "niet PostgreSQL" in regels[0]
    else:
        assert "poort 1" in regels[0]


def _schrijf(doelen, sinds, tot: int) -> list[dict]:
    """The writer's steps in this process until `tot` votes are confirmed."""
    acties = []
    while sum(a["soort"] == "bevestigen" for a in acties) < tot:
        acties.append({"ok": True, **schrijver.stap(doelen, sinds)})
    return acties


@OP_POSTGRESQL
def test_de_schrijver_stemt_en_de_controle_vindt_niets_half(demo):
    sinds = timezone.now() - datetime.timedelta(seconds=1)
    doelen = schrijver.doelen()
    assert {g.username for g, _, _ in doelen} >= {"griffier-nijmegen", "griffier-druten"}
    assert all(v.jaar == 2027 for _, _, v in doelen)
    acties = _schrijf(doelen, sinds, tot=2)
    soorten = [a["soort"] for a in acties]
    assert soorten[0] == "openen" and soorten.count("sluiten") == 2
    assert soorten.count("stemmen") >= 2
    with connection.cursor() as cursor:
        tellingen, overtreden = controle.controleer(cursor, sinds, acties)
    assert overtreden == []
    assert tellingen["stemmingen"] == tellingen["bevestigd"] == tellingen["besluiten"] == 2
    assert tellingen["stemmen"] > 20


@OP_POSTGRESQL
def test_de_controle_vindt_een_halve_schrijfactie(demo):
    """Each kind of half-done write the rules are there for: counts that are not the votes,
    and a write the writer saw committed that is not there."""
    from raden.models import Stemming

    sinds = timezone.now() - datetime.timedelta(seconds=1)
    doelen = schrijver.doelen()
    acties = []
    while not acties or acties[-1]["soort"] != "sluiten":
        acties.append({"ok": True, **schrijver.stap(doelen, sinds)})
    gesloten = acties[-1]["stemming"]
    with connection.cursor() as cursor:
        assert controle.controleer(cursor, sinds, acties)[1] == []
        # not confirmed, so not frozen: a raw update goes through
        cursor.execute("UPDATE raden_stemming SET voor = voor + 1 WHERE id = %s", [gesloten])
        nep = {"ok": True, "soort": "bevestigen", "stemming": gesloten}
        _, overtreden = controle.controleer(cursor, sinds, [*acties, nep])
    assert dict(overtreden) == {
        "een gesloten stemming telt precies haar stemmen": [gesloten],
        "de nieuwste historie van een stemming is de stemming": [gesloten],
        "een vastgelegde schrijfactie is er nog": [gesloten],
    }
    assert not Stemming.objects.get(pk=gesloten).is_bevestigd


def test_de_oorzaak_is_de_uitzondering_waarop_een_traceback_eindigt():
    log = """Internal Server Error: /mijn/
Traceback (most recent call last):
  File "django/db/backends/utils.py", line 105, in _execute
psycopg.errors.AdminShutdown: terminating connection due to administrator command

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "django/core/handlers/exception.py", line 55, in inner
django.db.utils.OperationalError: terminating connection due to administrator command
[2025-01-01 10:00:00 +0000] [12] [CRITICAL] WORKER TIMEOUT (pid:13)
Internal Server Error: /programma/2027/
Traceback (most recent call last):
  File "regio/publicatie.py", line 150, in _lees
psycopg.OperationalError: connection failed: Connection refused
"""
    assert verzoeken.oorzaken(log) == (
        "OperationalError (terminating connection due to administrator command) ×1, "
        "worker gestopt (timeout) ×1, OperationalError (connection failed: Connection refused) ×1"
    )
    assert verzoeken.oorzaken("") == "geen"
