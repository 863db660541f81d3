"""A failed migration leaves every trigger in place; on PostgreSQL they stay on while migrating.

`manage.py migrate` runs in a child process on an empty database of its own (a SQLite file, or a
fresh PostgreSQL database next to the test database): first the real migrations, then again with
a test-only app whose migration fails (tests/bevriezing/mislukt)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from regio import triggers

ROOT = Path(__file__).resolve().parents[2]


def _migrate(database_url: str, settings: str = "regio.settings") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings}
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def lege_database(tmp_path):
    """(DATABASE_URL, function returning the (table, trigger) pairs present) of an empty
    database of the vendor under test."""
    if connection.vendor == "sqlite":
        pad = tmp_path / "migratie.sqlite3"

        def aanwezig():
            with sqlite3.connect(pad) as db:
                tabellen = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
                rijen = db.execute(
                    "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
                )
                return tabellen, {(t, n) for t, n in rijen if n.startswith(triggers.PREFIXEN)}

        yield f"sqlite:///{pad}", aanwezig
        return
    import psycopg

    instellingen = connection.settings_dict
    naam = f"{instellingen['NAME']}_migratie_{uuid.uuid4().hex[:8]}"
    verbinding = {
        "host": instellingen["HOST"] or None,
        "port": instellingen["PORT"] or None,
        "user": instellingen["USER"] or None,
        "password": instellingen["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **verbinding) as beheer:
        beheer.execute(f'CREATE DATABASE "{naam}"')

    def aanwezig():
        with psycopg.connect(dbname=naam, **verbinding) as db:
            rijen = db.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            ).fetchall()
            tabellen = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
            return {t for (t,) in tabellen}, {
                (t, n) for t, n in rijen if n.startswith(triggers.PREFIXEN)
            }

    wachtwoord = f":{instellingen['PASSWORD']}" if instellingen["PASSWORD"] else ""
    yield (
        f"postgres://{instellingen['USER']}{wachtwoord}@{instellingen['HOST'] or 'localhost'}"
        f":{instellingen['PORT'] or 5432}/{naam}",
        aanwezig,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **verbinding) as beheer:
        beheer.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def test_een_mislukte_migratie_laat_de_triggers_staan(lege_database):
    url, aanwezig = lege_database
    gelukt = _migrate(url)
    assert gelukt.returncode == 0, gelukt.stderr
    tabellen, na = aanwezig()
    assert triggers.verwacht(connection.vendor) <= na

    mislukt = _migrate(url, settings="tests.bevriezing.instellingen_mislukt")
    assert mislukt.returncode != 0
    tijdens = re.search(r"MISLUKT triggers=(\d+)", mislukt.stderr)
    assert tijdens, mislukt.stderr
    tabellen, na = aanwezig()
    verwacht = triggers.verwacht(connection.vendor)
    assert {tabel for tabel, _ in verwacht} >= {"programma_programmaversie", "programma_bijdrage"}
    assert verwacht <= na
    if connection.vendor == "postgresql":
        # PostgreSQL migrates with the triggers on ...
        assert int(tijdens.group(1)) >= len(verwacht)
    else:
        # ... SQLite must drop them to rebuild tables;
        assert int(tijdens.group(1)) == 0
    # neither is left without them after the failure (checked above).
