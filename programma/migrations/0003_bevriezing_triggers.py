"""Database triggers that refuse UPDATE and DELETE of rows of a frozen programme version
(and INSERT into one). See programma/triggers.py; post_migrate reinstalls them after every
migrate, because SQLite drops a table's triggers when a later migration rebuilds the table."""

from django.db import migrations


def installeer(apps, schema_editor):
    from programma import triggers

    triggers.installeer(schema_editor.connection.alias)


def verwijder(apps, schema_editor):
    from programma import triggers

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for tabel in triggers.BEWAAKT:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS bevroren_{tabel} ON {tabel}")
                cursor.execute(f"DROP FUNCTION IF EXISTS bevroren_{tabel}()")
            else:
                for actie in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS bevroren_{tabel}_{actie}")


class Migration(migrations.Migration):
    dependencies = [("programma", "0002_initial")]

    operations = [migrations.RunPython(installeer, verwijder)]
