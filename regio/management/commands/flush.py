"""`flush` that may empty a database holding frozen rows and history.

Emptying every table is the one deliberate act that removes frozen rows (the test runner does it
after each transactional test). It runs in one transaction with the flag "alles" set
(regio.triggers.vrijbrief), so the triggers let its TRUNCATE (PostgreSQL) or DELETE (SQLite)
through; a TRUNCATE or DELETE of a table outside this command is still refused. What it removed
of frozen rows is logged."""

import logging

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import transaction

from regio import bevriezing, triggers

logger = logging.getLogger("regioportaal.bevriezing")


class Command(DjangoFlush):
    def handle(self, **options):
        database = options["database"]
        with transaction.atomic(using=database), triggers.vrijbrief("alles", using=database):
            bevroren = {
                s.model._meta.label: s.model._base_manager.using(database)
                .filter(s.bevroren_q())
                .count()
                for s in bevriezing.soorten()
            }
            super().handle(**options)
        if any(bevroren.values()):
            logger.warning(
                "flush van database %r: bevroren rijen verwijderd: %s",
                database,
                ", ".join(f"{label} {n}" for label, n in bevroren.items() if n),
            )
