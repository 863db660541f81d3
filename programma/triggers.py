"""Database triggers that keep frozen programme versions frozen, whatever the ORM does.

Installed after every `migrate` and removed before it (programma.apps), not by a migration:
SQLite rebuilds tables during many schema changes, which fails while triggers name them.

The model and queryset layers refuse changes first, with a Dutch message; these triggers are the
last line: a raw SQL UPDATE or DELETE of a row of a frozen version (or an INSERT into one) fails
with an IntegrityError on PostgreSQL and on SQLite alike."""

from __future__ import annotations

from django.db import connections

VERSIE = "programma_programmaversie"
PO = "programma_programmaopgave"

# table -> SQL expression (with {r} for OLD/NEW) that is true when the row's version is frozen.
_VIA_VERSIE = f"(SELECT bevroren_op FROM {VERSIE} WHERE id = {{r}}.versie_id) IS NOT NULL"


def _via_opgave(kolom: str) -> str:
    return (
        f"(SELECT v.bevroren_op FROM {VERSIE} v JOIN {PO} po ON po.versie_id = v.id "
        f"WHERE po.id = {{r}}.{kolom}) IS NOT NULL"
    )


BEWAAKT: dict[str, str] = {
    VERSIE: "{r}.bevroren_op IS NOT NULL",
    "programma_deelnemer": _VIA_VERSIE,
    PO: _VIA_VERSIE,
    "programma_stuurgroeplid": _via_opgave("programma_opgave_id"),
    "programma_externeregeling": _via_opgave("programma_opgave_id"),
    "programma_bijdrage": _via_opgave("programma_opgave_id"),
    # a synergy belongs to the versions of both its ends
    "programma_synergie": f"({_via_opgave('van_id')}) OR ({_via_opgave('naar_id')})",
}

MELDING = "Regioportaal: deze programmaversie is voorgesteld en bevroren"


def _sqlite_statements(tabel: str, conditie: str) -> list[str]:
    oud, nieuw = conditie.format(r="OLD"), conditie.format(r="NEW")
    checks = {"update": oud, "delete": oud}
    if tabel != VERSIE:
        # Moving a row into a frozen version, or adding one to it, is refused as well.
        checks["update"] = f"({oud}) OR ({nieuw})"
        checks["insert"] = nieuw
    stmts = []
    for actie, cond in checks.items():
        naam = f"bevroren_{tabel}_{actie}"
        stmts.append(f"DROP TRIGGER IF EXISTS {naam}")
        stmts.append(
            f"CREATE TRIGGER {naam} BEFORE {actie.upper()} ON {tabel} FOR EACH ROW "
            f"WHEN {cond} BEGIN SELECT RAISE(ABORT, '{MELDING}'); END"
        )
    return stmts


def _postgres_statements(tabel: str, conditie: str) -> list[str]:
    oud, nieuw = conditie.format(r="OLD"), conditie.format(r="NEW")
    functie = f"bevroren_{tabel}"
    if tabel == VERSIE:
        body = f"IF TG_OP IN ('UPDATE', 'DELETE') AND {oud} THEN"
        acties = "UPDATE OR DELETE"
    else:
        body = (
            f"IF (TG_OP IN ('UPDATE', 'DELETE') AND {oud}) "
            f"OR (TG_OP IN ('INSERT', 'UPDATE') AND {nieuw}) THEN"
        )
        acties = "INSERT OR UPDATE OR DELETE"
    return [
        f"""CREATE OR REPLACE FUNCTION {functie}() RETURNS trigger AS $$
BEGIN
  {body}
    RAISE EXCEPTION '{MELDING} (% op %)', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {functie} ON {tabel}",
        f"CREATE TRIGGER {functie} BEFORE {acties} ON {tabel} "
        f"FOR EACH ROW EXECUTE FUNCTION {functie}()",
    ]


# The identity of an opgave that a frozen version names: title, slug, thema and sinds.
OPGAVE = "opgaven_opgave"
_OPGAVE_BEVROREN = (
    f"EXISTS (SELECT 1 FROM {PO} po JOIN {VERSIE} v ON v.id = po.versie_id "
    "WHERE po.opgave_id = OLD.id AND v.bevroren_op IS NOT NULL)"
)
_OPGAVE_GEWIJZIGD = (
    "(OLD.titel <> NEW.titel OR OLD.slug <> NEW.slug OR OLD.thema_id <> NEW.thema_id "
    "OR OLD.sinds <> NEW.sinds)"
)


def _opgave_statements(vendor: str) -> list[str]:
    cond = f"{_OPGAVE_BEVROREN} AND {_OPGAVE_GEWIJZIGD}"
    naam = f"bevroren_{OPGAVE}"
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {naam}_update",
            f"CREATE TRIGGER {naam}_update BEFORE UPDATE ON {OPGAVE} FOR EACH ROW "
            f"WHEN {cond} BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
        ]
    return [
        f"""CREATE OR REPLACE FUNCTION {naam}() RETURNS trigger AS $$
BEGIN
  IF {cond} THEN
    RAISE EXCEPTION '{MELDING} (% op %)', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {naam} ON {OPGAVE}",
        f"CREATE TRIGGER {naam} BEFORE UPDATE ON {OPGAVE} FOR EACH ROW EXECUTE FUNCTION {naam}()",
    ]


def statements(vendor: str) -> list[str]:
    maker = {"sqlite": _sqlite_statements, "postgresql": _postgres_statements}.get(vendor)
    if maker is None:
        return []
    return [stmt for tabel, cond in BEWAAKT.items() for stmt in maker(tabel, cond)] + (
        _opgave_statements(vendor)
    )


def installeer(using: str = "default") -> None:
    """(Re)install the freeze triggers; idempotent."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for stmt in statements(connection.vendor):
            # No parameters: the driver then leaves the % of the plpgsql RAISE alone.
            cursor.execute(stmt)


def verwijder(using: str = "default") -> None:
    """Remove the freeze triggers (before a migrate); idempotent."""
    connection = connections[using]
    tabellen = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for tabel in [*BEWAAKT, OPGAVE]:
            if connection.vendor == "postgresql" and tabel in tabellen:
                cursor.execute(f"DROP TRIGGER IF EXISTS bevroren_{tabel} ON {tabel}")
            elif connection.vendor == "sqlite":
                for actie in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS bevroren_{tabel}_{actie}")


def verwijder_voor_migrate(sender, using: str = "default", **kwargs) -> None:
    verwijder(using)


def installeer_na_migrate(sender, using: str = "default", **kwargs) -> None:
    installeer(using)


def aanwezig(using: str = "default") -> set[str]:
    """The names of the freeze triggers present in the database (for tests and checks)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'bevroren_%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT trigger_name FROM information_schema.triggers "
                "WHERE trigger_name LIKE 'bevroren_%'"
            )
        return {row[0] for row in cursor.fetchall()}
