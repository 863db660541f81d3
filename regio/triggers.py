"""Database triggers generated from the register of frozen kinds (regio.bevriezing), plus the
guard that keeps every history table append-only, on PostgreSQL and SQLite.

For each registered model the SQL condition "this row is frozen" is built from its declared
path by following the foreign keys in the models' _meta: no per-table SQL is written by hand.
A raw UPDATE or DELETE of a frozen row, or an INSERT or UPDATE that puts a row under a frozen
owner, fails with an IntegrityError. On PostgreSQL a statement trigger also refuses a TRUNCATE
of a table that holds frozen rows (row triggers do not fire on TRUNCATE).

History rows (simple-history) are only ever inserted. UPDATE and DELETE of them (and TRUNCATE on
PostgreSQL) are refused unless a transaction-local flag says otherwise: `purge_historie` sets it
to "historie" and may then delete old history rows; the `flush` command that empties the whole
database (also the test runner's) sets it to "alles". On PostgreSQL the flag is the setting
`regioportaal.purge` (`set_config(..., true)`, gone at the end of the transaction); SQLite has no
such setting, so there it is a row in the small table `regioportaal_vlag`, written and removed
inside the command's transaction.

Why not in migrations: the triggers are derived from the register, which is the single source of
what is frozen; a migration would freeze a copy of today's SQL that the next declaration silently
disagrees with, and a stale trigger is worse than none. SQLite also rebuilds a table for most
ALTERs, which fails while triggers of other tables name it. So `manage.py migrate`
(regio/management/commands/migrate.py) installs them: on PostgreSQL they stay on while migrating
and are reinstalled (idempotently, in one transaction) at the end; on SQLite they are dropped
first and reinstalled at the end; both in a `finally`, so a failed migration never leaves a
database without them. `installeer()` removes triggers of kinds no longer registered."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connections, models, transaction

from regio import bevriezing

MELDING = "Regioportaal: deze rij is vastgelegd en bevroren"
HISTORIE_MELDING = "Regioportaal: de historie wordt alleen aangevuld"
PREFIXEN = ("bevroren_", "historie_", "levensloop_")
VLAG = "regioportaal.purge"
VLAGTABEL = "regioportaal_vlag"


@dataclass
class Groep:
    """Statements that install triggers; installed only when all `tabellen` exist (a partial
    migrate on an empty database has not made them all yet)."""

    tabellen: set[str]
    statements: list[str]
    #: (table, trigger name) of each trigger, to check they are present
    namen: set[tuple[str, str]] = field(default_factory=set)


_EXTRA: list[Callable[[str], list[Groep]]] = []


def registreer_extra(maker: Callable[[str], list[Groep]]) -> None:
    """Add hand-written triggers that are rules rather than frozen kinds (a lifecycle)."""
    if maker not in _EXTRA:
        _EXTRA.append(maker)


def qn(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


def literal(waarde: str) -> str:
    return "'" + str(waarde).replace("'", "''") + "'"


def vlag(vendor: str, *waarden: str) -> str:
    """SQL that is true when the transaction-local flag has one of these values."""
    lijst = ", ".join(literal(w) for w in waarden)
    if vendor == "postgresql":
        return f"COALESCE(current_setting('{VLAG}', true), '') IN ({lijst})"
    return f"EXISTS (SELECT 1 FROM {VLAGTABEL} WHERE naam IN ({lijst}))"


def conditie(model: type[models.Model], pad: bevriezing.Pad, rij: str) -> str:
    """SQL that is true when the row `rij` (OLD, NEW or a table alias) is frozen along `pad`."""
    schakels = pad.schakels(model)
    if not schakels:
        waarde = f"{rij}.{qn(model._meta.get_field(pad.lookup).column)}"
    else:
        eerste = schakels[0]
        joins = []
        for i, fk in enumerate(schakels):
            doel = fk.related_model
            alias = f"t{i + 1}"
            if i > 0:
                joins.append(
                    f"JOIN {qn(doel._meta.db_table)} {alias} ON "
                    f"{alias}.{qn(fk.target_field.column)} = t{i}.{qn(fk.column)}"
                )
        laatste = schakels[-1].related_model
        kolom = qn(laatste._meta.get_field(pad.delen[-1]).column)
        waarde = (
            f"(SELECT t{len(schakels)}.{kolom} FROM {qn(eerste.related_model._meta.db_table)} t1 "
            + "".join(f"{j} " for j in joins)
            + f"WHERE t1.{qn(eerste.target_field.column)} = {rij}.{qn(eerste.column)})"
        )
    if pad.waarden:
        return f"{waarde} IN ({', '.join(literal(w) for w in pad.waarden)})"
    return f"{waarde} IS NOT NULL"


def _of(delen: list[str]) -> str:
    return " OR ".join(f"({d})" for d in delen) if delen else "FALSE"


def tabellen_van(soort: bevriezing.Soort) -> set[str]:
    tabellen = {soort.model._meta.db_table}
    for pad in soort.paden:
        tabellen |= {fk.related_model._meta.db_table for fk in pad.schakels(soort.model)}
    return tabellen


def soort_groep(soort: bevriezing.Soort, vendor: str, naam: str | None = None) -> Groep:
    """The triggers of one frozen kind on one database."""
    tabel = soort.model._meta.db_table
    naam = naam or f"bevroren_{tabel}"
    oud = lambda rij: _of([conditie(soort.model, p, rij) for p in soort.paden])  # noqa: E731
    # Freezing the owner itself is allowed (that is the proposal); moving a row under a
    # frozen owner, or adding one to it, is not.
    nieuw = lambda rij: _of([conditie(soort.model, p, rij) for p in soort.fk_paden])  # noqa: E731
    alles = vlag(vendor, "alles")
    stmts: list[str] = []
    namen: set[tuple[str, str]] = set()
    if vendor == "sqlite":
        checks = {"update": oud("OLD"), "delete": f"({oud('OLD')}) AND NOT {alles}"}
        if soort.fk_paden:
            checks["update"] = f"({oud('OLD')}) OR ({nieuw('NEW')})"
            checks["insert"] = nieuw("NEW")
        for actie, cond in checks.items():
            trigger = f"{naam}_{actie}"
            stmts += [
                f"DROP TRIGGER IF EXISTS {trigger}",
                f"CREATE TRIGGER {trigger} BEFORE {actie.upper()} ON {qn(tabel)} FOR EACH ROW "
                f"WHEN {cond} BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
            ]
            namen.add((tabel, trigger))
    elif vendor == "postgresql":
        acties = "INSERT OR UPDATE OR DELETE" if soort.fk_paden else "UPDATE OR DELETE"
        stmts += [
            f"""CREATE OR REPLACE FUNCTION {naam}() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND {alles} THEN RETURN OLD; END IF;
  IF (TG_OP IN ('UPDATE', 'DELETE') AND ({oud("OLD")}))
     OR (TG_OP IN ('INSERT', 'UPDATE') AND ({nieuw("NEW")})) THEN
    RAISE EXCEPTION '{MELDING} (% op %)', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {naam} ON {qn(tabel)}",
            f"CREATE TRIGGER {naam} BEFORE {acties} ON {qn(tabel)} "
            f"FOR EACH ROW EXECUTE FUNCTION {naam}()",
            # Row triggers do not fire on TRUNCATE: a statement trigger refuses it while the
            # table holds frozen rows (the database-wide flush sets the flag).
            f"""CREATE OR REPLACE FUNCTION {naam}_truncate() RETURNS trigger AS $$
BEGIN
  IF NOT {alles} AND EXISTS (SELECT 1 FROM {qn(tabel)} r WHERE {oud("r")}) THEN
    RAISE EXCEPTION '{MELDING} (TRUNCATE op %)', TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {naam}_truncate ON {qn(tabel)}",
            f"CREATE TRIGGER {naam}_truncate BEFORE TRUNCATE ON {qn(tabel)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {naam}_truncate()",
        ]
        namen |= {(tabel, naam), (tabel, f"{naam}_truncate")}
    return Groep(tabellen=tabellen_van(soort), statements=stmts, namen=namen)


def historie_modellen() -> list[type[models.Model]]:
    """Every simple-history table: the record of who changed what."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


_PG_HISTORIE = [
    f"""CREATE OR REPLACE FUNCTION historie_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND {vlag("postgresql", "historie", "alles")} THEN RETURN OLD; END IF;
  IF TG_OP = 'UPDATE' AND {vlag("postgresql", "alles")} THEN RETURN NEW; END IF;
  RAISE EXCEPTION '{HISTORIE_MELDING} (% op %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION historie_truncate() RETURNS trigger AS $$
DECLARE
  gevonden boolean;
BEGIN
  IF {vlag("postgresql", "historie", "alles")} THEN RETURN NULL; END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
    INTO gevonden;
  IF gevonden THEN
    RAISE EXCEPTION '{HISTORIE_MELDING} (TRUNCATE op %)', TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql""",
]


def historie_groep(model: type[models.Model], vendor: str) -> Groep:
    tabel = model._meta.db_table
    if vendor == "sqlite":
        stmts, namen = [], set()
        for actie, toegestaan in (("update", ("alles",)), ("delete", ("historie", "alles"))):
            trigger = f"historie_{tabel}_{actie}"
            stmts += [
                f"DROP TRIGGER IF EXISTS {trigger}",
                f"CREATE TRIGGER {trigger} BEFORE {actie.upper()} ON {qn(tabel)} FOR EACH ROW "
                f"WHEN NOT {vlag(vendor, *toegestaan)} "
                f"BEGIN SELECT RAISE(ABORT, '{HISTORIE_MELDING}'); END",
            ]
            namen.add((tabel, trigger))
        return Groep({tabel}, stmts, namen)
    return Groep(
        {tabel},
        [
            f"DROP TRIGGER IF EXISTS historie_alleen_toevoegen ON {qn(tabel)}",
            f"CREATE TRIGGER historie_alleen_toevoegen BEFORE UPDATE OR DELETE ON {qn(tabel)} "
            "FOR EACH ROW EXECUTE FUNCTION historie_alleen_toevoegen()",
            f"DROP TRIGGER IF EXISTS historie_truncate ON {qn(tabel)}",
            f"CREATE TRIGGER historie_truncate BEFORE TRUNCATE ON {qn(tabel)} "
            "FOR EACH STATEMENT EXECUTE FUNCTION historie_truncate()",
        ],
        {(tabel, "historie_alleen_toevoegen"), (tabel, "historie_truncate")},
    )


def groepen(vendor: str) -> list[Groep]:
    """Every trigger this portal installs on a database of this vendor."""
    if vendor not in ("sqlite", "postgresql"):
        return []
    uit = [soort_groep(s, vendor) for s in bevriezing.soorten()]
    if vendor == "postgresql":
        uit.append(Groep(set(), list(_PG_HISTORIE)))
    uit += [historie_groep(m, vendor) for m in historie_modellen()]
    for maker in _EXTRA:
        uit += maker(vendor)
    return uit


def verwacht(vendor: str, tabellen: set[str] | None = None) -> set[tuple[str, str]]:
    """(table, trigger) of every trigger that should be present."""
    return {
        naam
        for g in groepen(vendor)
        if tabellen is None or g.tabellen <= tabellen
        for naam in g.namen
    }


def aanwezig(using: str = "default") -> set[tuple[str, str]]:
    """(table, trigger) of this portal's triggers present in the database."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid)"
            )
        else:
            return set()
        return {(tabel, naam) for tabel, naam in cursor.fetchall() if naam.startswith(PREFIXEN)}


def verwijder(using: str = "default") -> None:
    """Remove every trigger of this portal (SQLite, before a migrate); idempotent."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for tabel, naam in aanwezig(using):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {naam}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {naam} ON {qn(tabel)}")


def installeer(using: str = "default") -> None:
    """(Re)install every trigger in one transaction; idempotent. Triggers that the register no
    longer asks for are removed, and those of tables that do not exist yet are left out."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    tabellen = set(connection.introspection.table_names())
    with transaction.atomic(using=using), connection.cursor() as cursor:
        gewenst = verwacht(connection.vendor, tabellen)
        for tabel, naam in aanwezig(using) - gewenst:
            cursor.execute(
                f"DROP TRIGGER IF EXISTS {naam}"
                if connection.vendor == "sqlite"
                else f"DROP TRIGGER IF EXISTS {naam} ON {qn(tabel)}"
            )
        if connection.vendor == "sqlite":
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {VLAGTABEL} (naam TEXT NOT NULL)")
        for groep in groepen(connection.vendor):
            if groep.tabellen <= tabellen:
                for stmt in groep.statements:
                    # No parameters: the driver then leaves the % of the plpgsql RAISE alone.
                    cursor.execute(stmt)


@contextlib.contextmanager
def vrijbrief(waarde: str, using: str = "default"):
    """Within this block (its own transaction or savepoint) the guards let through what the
    flag `waarde` allows: "historie" deletes history rows, "alles" empties the database."""
    if waarde not in ("historie", "alles"):
        raise ValueError(waarde)
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, %s, true)", [VLAG, waarde])
            elif connection.vendor == "sqlite":
                cursor.execute(f"CREATE TABLE IF NOT EXISTS {VLAGTABEL} (naam TEXT NOT NULL)")
                cursor.execute(f"INSERT INTO {VLAGTABEL} (naam) VALUES (%s)", [waarde])
        yield
        # On an error the transaction (or savepoint) rolls back, and the flag with it.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, '', true)", [VLAG])
            elif connection.vendor == "sqlite":
                cursor.execute(f"DELETE FROM {VLAGTABEL} WHERE naam = %s", [waarde])
