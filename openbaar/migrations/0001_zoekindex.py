"""The search vectors of the public search (openbaar.zoeken), on PostgreSQL only.

Each searchable table gets a stored generated `zoekvector` column (`dutch` configuration, the
title weighted A, the main texts B, the rest C) with a GIN index. The database computes it on
every INSERT and UPDATE, so it can never go stale; adding it rewrites the table without firing
the frozen rows' triggers. Django's models do not declare the column (it belongs to other apps'
tables and exists on PostgreSQL only); openbaar.zoeken.bronnen reads it by name. SQLite searches
the same fields with a plain LIKE instead (no schema change there).

Beware for later migrations: PostgreSQL refuses to change the type of, or drop, a column that a
generated column reads; drop the `zoekvector` column first and add it again after."""

from django.db import migrations


def _vector(delen: list[tuple[str, list[str]]]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('dutch'::regconfig, "
        + " || ' ' || ".join(f"coalesce({kolom}, '')" for kolom in kolommen)
        + f"), '{gewicht}')"
        for gewicht, kolommen in delen
    )


#: table -> the weighted columns of its vector (openbaar.zoeken.bronnen searches the same)
VECTOREN = {
    "programma_programmaopgave": [
        ("A", ["opgave_titel"]),
        ("B", ["doel", "resultaat"]),
        ("C", ["mandaat", "sturing", "capaciteit_toelichting"]),
    ],
    "programma_programmaversie": [
        ("A", ["titel"]),
        ("B", ["visie_fundament", "visie_actualiteit", "visie_perspectief"]),
    ],
    "raden_vraag": [
        ("B", ["vraag", "antwoord"]),
    ],
}


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, delen in VECTOREN.items():
        schema_editor.execute(
            f"ALTER TABLE {tabel} ADD COLUMN zoekvector tsvector "
            f"GENERATED ALWAYS AS ({_vector(delen)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {tabel}_zoekvector ON {tabel} USING gin (zoekvector)"
        )


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in VECTOREN:
        schema_editor.execute(f"ALTER TABLE {tabel} DROP COLUMN zoekvector")


class Migration(migrations.Migration):
    dependencies = [
        ("programma", "0008_opgave_titel_bij_voorstel"),
        ("raden", "0005_momentopname_namen"),
    ]

    operations = [migrations.RunPython(maak, verwijder, elidable=False)]
