"""History tables are append-only: no UPDATE or DELETE of a historical row, except through the
logged `purge_historie` command, and the database-wide `flush` (also the test runner's) still
empties a database that holds frozen rows."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from programma import services
from programma.models import Bijdrage, ProgrammaVersie
from regio import triggers

pytestmark = pytest.mark.django_db


def _geweigerd(sql, *params):
    with (
        pytest.raises(IntegrityError, match="historie"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_elke_historietabel_is_bewaakt():
    tabellen = {m._meta.db_table for m in triggers.historie_modellen()}
    assert "programma_historicalbijdrage" in tabellen
    bewaakt = {t for t, _ in triggers.aanwezig() if t in tabellen}
    assert bewaakt == tabellen


def test_historie_wijzigen_of_wissen_wordt_geweigerd(concept):
    historie = concept.history.model
    rij = historie.objects.filter(id=concept.pk).first()
    _geweigerd(
        "UPDATE programma_historicalprogrammaversie SET titel = 'vervalst' WHERE history_id = %s",
        rij.history_id,
    )
    _geweigerd(
        "DELETE FROM programma_historicalprogrammaversie WHERE history_id = %s", rij.history_id
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        historie.objects.filter(history_id=rij.history_id).update(titel="vervalst")
    with pytest.raises(IntegrityError), transaction.atomic():
        rij.delete()
    rij.refresh_from_db()
    assert rij.titel == concept.titel


def test_purge_historie_wist_alleen_oude_rijen_en_logt(concept, caplog):
    historie = ProgrammaVersie.history.model
    oud = historie.objects.filter(id=concept.pk).order_by("history_id").first()
    # Backdating is itself an UPDATE of history: only under the flag.
    with triggers.vrijbrief("alles"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE programma_historicalprogrammaversie SET history_date = %s "
            "WHERE history_id = %s",
            [timezone.now() - datetime.timedelta(days=4000), oud.history_id],
        )
    aantal = historie.objects.count()
    with caplog.at_level(logging.WARNING, logger="regioportaal.historie"):
        call_command(
            "purge_historie",
            voor=(timezone.now() - datetime.timedelta(days=3000)).date().isoformat(),
            reden="bewaartermijn verstreken",
            model=["programma.ProgrammaVersie"],
        )
    assert historie.objects.count() == aantal - 1
    assert not historie.objects.filter(history_id=oud.history_id).exists()
    assert "bewaartermijn verstreken" in caplog.text
    assert "programma_historicalprogrammaversie" in caplog.text
    # the flag ended with the command
    nog = concept.opgaven.first().history.first()
    _geweigerd(
        "DELETE FROM programma_historicalprogrammaopgave WHERE history_id = %s", nog.history_id
    )


def test_purge_historie_vraagt_een_reden():
    with pytest.raises(CommandError):
        call_command("purge_historie", voor="2020-01-01", reden="  ")


def test_flush_leegt_ook_een_database_met_bevroren_rijen(concept, bestuur, caplog):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # Everything here is undone with the test's transaction.
    with caplog.at_level(logging.WARNING, logger="regioportaal.bevriezing"):
        call_command("flush", interactive=False, reset_sequences=False, verbosity=0)
    assert not Bijdrage.objects.exists()
    assert not ProgrammaVersie.history.model.objects.exists()
    assert "programma.ProgrammaVersie" in caplog.text
    assert triggers.verwacht(connection.vendor) <= triggers.aanwezig()
