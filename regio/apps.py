import sqlite3

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class RegioConfig(AppConfig):
    name = "regio"
    verbose_name = _("Regio en referentiegegevens")

    def ready(self) -> None:
        connection_created.connect(_sqlite_limiet, dispatch_uid="regio_sqlite_limiet")
        from regio import publicatie

        publicatie.verbind()


def _sqlite_limiet(sender, connection, **kwargs) -> None:
    # Django 5.2 assumes SQLite's old limit of 999 parameters per statement and splits bulk
    # writes into batches that size; SQLite >= 3.32 allows 32766. Reading the real limit makes
    # proposing a programme one INSERT per table instead of one per 999 parameters.
    if connection.vendor == "sqlite":
        connection.features.max_query_params = connection.connection.getlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
        )
