"""`migrate` that keeps the database triggers (regio.triggers) on, also when a migration fails.

On PostgreSQL the triggers stay in place while migrating, so a data migration cannot change a
frozen row either, and are reinstalled at the end (idempotent, in one transaction) so that they
match the migrated schema and the register. SQLite rebuilds a table for most ALTERs, which fails
while triggers name it: there they are dropped first. Either way the reinstall runs in `finally`:
a failed migration never leaves the database without them."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from regio import triggers


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        database = options["database"]
        if connections[database].vendor == "sqlite":
            triggers.verwijder(database)
        try:
            return super().handle(*args, **options)
        finally:
            triggers.installeer(database)
