"""Remove history rows older than a date: the one way past the append-only history triggers.

    manage.py purge_historie --voor 2020-01-01 --reden "bewaartermijn verstreken"

Runs in one transaction with the flag "historie" set (regio.triggers.vrijbrief); logs what it
removed, per table, with the reason."""

import datetime
import logging

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from regio import triggers

logger = logging.getLogger("regioportaal.historie")


class Command(BaseCommand):
    help = "Verwijder historie van voor een datum (bewaartermijn), met reden, gelogd."

    def add_arguments(self, parser):
        parser.add_argument("--voor", required=True, help="datum JJJJ-MM-DD (exclusief)")
        parser.add_argument("--reden", required=True, help="waarom deze historie weg mag")
        parser.add_argument("--model", action="append", default=[], help="app.Model (herhaalbaar)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, voor: str, reden: str, model: list[str], database: str, **options):
        try:
            datum = datetime.date.fromisoformat(voor)
        except ValueError as fout:
            raise CommandError("--voor moet een datum JJJJ-MM-DD zijn.") from fout
        if not reden.strip():
            raise CommandError("Geef met --reden op waarom deze historie weg mag.")
        grens = timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))
        historie = triggers.historie_modellen()
        if model:
            gekozen = []
            for label in model:
                try:
                    m = apps.get_model(label)
                except (LookupError, ValueError) as fout:
                    raise CommandError(f"Onbekend model {label}.") from fout
                m = getattr(m, "history", None) and m.history.model or m
                if m not in historie:
                    raise CommandError(f"{label} heeft geen historie.")
                gekozen.append(m)
            historie = gekozen
        verwijderd = {}
        with transaction.atomic(using=database), triggers.vrijbrief("historie", using=database):
            for m in historie:
                aantal, _ = m._base_manager.using(database).filter(history_date__lt=grens).delete()
                if aantal:
                    verwijderd[m._meta.db_table] = aantal
        for tabel, aantal in verwijderd.items():
            logger.warning(
                "historie gewist: %s rijen uit %s van voor %s; reden: %s",
                aantal,
                tabel,
                datum.isoformat(),
                reden.strip(),
            )
        totaal = sum(verwijderd.values())
        self.stdout.write(f"{totaal} historierijen van voor {datum:%d-%m-%Y} verwijderd.")
        return None
