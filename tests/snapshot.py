"""A snapshot of the test database, taken once right after the demo region is loaded, and put
back after a transactional test emptied every table with `flush`; loading the demo again through
the services costs 25 s on SQLite and 40-60 s on PostgreSQL, putting the snapshot back well
under a second.

What `flush` empties is every table of the installed apps; its post_migrate then makes content
types, permissions and the role groups again (with new ids). So the snapshot holds every table
of the database but django_migrations (never emptied) and regioportaal_vlag (the triggers'
flag, empty outside a command), and `herstel` empties all of them again before it puts the rows
back: afterwards the database holds exactly the rows, ids and sequence positions it held right
after the demo was loaded.

- PostgreSQL: per table COPY ... TO STDOUT (binary) into memory. Restored in one transaction
  while the triggers are off (the frozen rows' triggers refuse an INSERT under a frozen owner,
  the history's a DELETE): DELETE of every table (after a flush they hold only what
  post_migrate made; a TRUNCATE of all of them takes seconds), COPY ... FROM STDIN, and every
  sequence set to where it was. A superuser switches the triggers off with `SET LOCAL
  session_replication_role = replica` (this transaction only; the foreign keys' too); any
  other owner of the tables disables its own triggers per table (ALTER TABLE is transactional)
  and the foreign keys, all DEFERRABLE INITIALLY DEFERRED, are checked before they go back on.
- SQLite: the sqlite3 backup API copies the whole database (schema, triggers and
  sqlite_sequence included) into a second in-memory database, and back. This also works for
  the shared in-memory test database the live server thread uses.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field

from django.db import connections, transaction

#: never emptied by flush (django_migrations) or empty outside a command (the triggers' flag)
NIET = {"django_migrations", "regioportaal_vlag"}
#: tables whose every row is compared after a restore, not only counted
SLEUTELTABELLEN = (
    "auth_user",
    "programma_programmaversie",
    "programma_programmaopgave",
    "programma_bijdrage",
    "raden_stemming",
    "raden_stem",
    "raden_besluit",
)


def qn(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


@dataclass
class Snapshot:
    using: str
    vendor: str
    #: table -> number of rows when the snapshot was taken
    aantallen: dict[str, int]
    #: `vingerafdruk()` of the database when the snapshot was taken
    afdruk: dict[str, object]
    #: PostgreSQL: table -> COPY data (binary); sequence -> (last_value, is_called)
    kopie: dict[str, bytes] = field(default_factory=dict)
    reeksen: dict[str, tuple[int, bool]] = field(default_factory=dict)
    #: SQLite: the whole database, in a private in-memory database
    sqlite: sqlite3.Connection | None = None

    def aanwezig(self) -> bool:
        """Whether the database still holds the snapshot's rows (not emptied by a flush). The
        demo's users, contributions and votes are only ever there all at once."""
        connection = connections[self.using]
        with connection.cursor() as cursor:
            for tabel in ("auth_user", "programma_bijdrage", "raden_stem"):
                cursor.execute(f"SELECT COUNT(*) FROM {qn(tabel)}")
                if cursor.fetchone()[0] != self.aantallen[tabel]:
                    return False
        return True


def tabellen(using: str = "default") -> list[str]:
    connection = connections[using]
    return sorted(set(connection.introspection.table_names()) - NIET)


def vingerafdruk(using: str = "default") -> dict[str, object]:
    """Rows per table, and a checksum of every row of the key tables (ordered by id)."""
    connection = connections[using]
    afdruk: dict[str, object] = {}
    with connection.cursor() as cursor:
        for tabel in tabellen(using):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(tabel)}")
            afdruk[tabel] = cursor.fetchone()[0]
        for tabel in SLEUTELTABELLEN:
            cursor.execute(f"SELECT * FROM {qn(tabel)} ORDER BY id")
            som = hashlib.sha256()
            for rij in cursor.fetchall():
                som.update(repr(rij).encode())
            afdruk[f"{tabel} (sha256)"] = som.hexdigest()
    return afdruk


def neem(using: str = "default") -> Snapshot:
    """Take a snapshot of every table (see the module's docstring)."""
    connection = connections[using]
    connection.ensure_connection()
    namen = tabellen(using)
    with connection.cursor() as cursor:
        aantallen = {}
        for tabel in namen:
            cursor.execute(f"SELECT COUNT(*) FROM {qn(tabel)}")
            aantallen[tabel] = cursor.fetchone()[0]
    snapshot = Snapshot(using, connection.vendor, aantallen, vingerafdruk(using))
    if connection.vendor == "postgresql":
        _neem_pg(connection, snapshot, namen)
    elif connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise RuntimeError("SQLite: a snapshot only outside a transaction")
        snapshot.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot.sqlite)
    else:
        raise NotImplementedError(connection.vendor)
    return snapshot


def herstel(snapshot: Snapshot, *, superuser: bool | None = None) -> None:
    """Put the snapshot back: afterwards every table holds exactly its rows. `superuser`
    (PostgreSQL) forces how the triggers are switched off; by default as the role can."""
    connection = connections[snapshot.using]
    connection.ensure_connection()
    if snapshot.vendor == "postgresql":
        _herstel_pg(connection, snapshot, superuser)
    else:
        if connection.in_atomic_block:
            raise RuntimeError("SQLite: a restore only outside a transaction")
        snapshot.sqlite.backup(connection.connection)
    # flush's post_migrate made content types with other ids, and cached them
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _neem_pg(connection, snapshot: Snapshot, namen: list[str]) -> None:
    with transaction.atomic(using=snapshot.using):
        with connection.cursor() as cursor:
            for tabel in namen:
                for reeks in connection.introspection.get_sequences(cursor, tabel):
                    naam = qn(reeks["name"])
                    cursor.execute(f"SELECT last_value, is_called FROM {naam}")
                    snapshot.reeksen[naam] = tuple(cursor.fetchone())
        with connection.connection.cursor() as cursor:
            for tabel in namen:
                if not snapshot.aantallen[tabel]:
                    continue
                data = bytearray()
                with cursor.copy(f"COPY {qn(tabel)} TO STDOUT (FORMAT BINARY)") as copy:
                    for blok in copy:
                        data += blok
                snapshot.kopie[tabel] = bytes(data)


def _herstel_pg(connection, snapshot: Snapshot, superuser: bool | None) -> None:
    namen = list(snapshot.aantallen)
    with transaction.atomic(using=snapshot.using), connection.connection.cursor() as cursor:
        if superuser is None:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            superuser = cursor.fetchone()[0]
        if superuser:
            # no trigger fires in this transaction, the foreign keys' included
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            for tabel in namen:
                cursor.execute(f"ALTER TABLE {qn(tabel)} DISABLE TRIGGER USER")
        # DELETE, not TRUNCATE: after a flush the tables hold only what post_migrate made, and
        # a TRUNCATE of all of them (new files for every table and index) takes seconds
        for tabel in namen:
            cursor.execute(f"DELETE FROM {qn(tabel)}")
        for tabel, data in snapshot.kopie.items():
            with cursor.copy(f"COPY {qn(tabel)} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(data)
        if snapshot.reeksen:
            cursor.execute(
                "SELECT " + ", ".join("setval(%s, %s, %s)" for _ in snapshot.reeksen),
                [w for naam, stand in snapshot.reeksen.items() for w in (naam, *stand)],
            )
        if not superuser:
            # the foreign keys' checks now (ALTER TABLE refuses while they are pending)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for tabel in namen:
                cursor.execute(f"ALTER TABLE {qn(tabel)} ENABLE TRIGGER USER")
