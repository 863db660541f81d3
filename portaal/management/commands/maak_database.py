"""`manage.py maak_database`: create the PostgreSQL database DATABASE_URL names, if it does not
exist yet (for `make bench`, which loads its own databases). On SQLite there is nothing to do."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Maakt de PostgreSQL-database van DATABASE_URL aan als die nog niet bestaat."
    requires_system_checks = []

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Geen PostgreSQL: niets aan te maken.")
            return
        import psycopg
        from psycopg import sql

        params = connection.get_connection_params()
        naam = params.pop("dbname")
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("pool", None)
        try:
            with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as c:
                if c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
                    return
                c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
        except psycopg.OperationalError as fout:
            raise CommandError(
                f"PostgreSQL is niet bereikbaar ({fout}). make bench meet tegen PostgreSQL: "
                "start de server of zet BENCH_PG."
            ) from fout
        self.stdout.write(f"Database {naam} aangemaakt.")
