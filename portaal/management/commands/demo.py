"""`manage.py demo`: load the demo region (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portaal.demo.laden import laad_demo


class Command(BaseCommand):
    help = (
        "Laadt de demoregio: 18 gemeenten, thema's, opgaven, jaarprogramma's 2026-2028 en "
        "demo-accounts (wachtwoord 'demo'). Kan vaker worden uitgevoerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat (maakt accounts met wachtwoord 'demo').",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: de demo maakt accounts met het wachtwoord 'demo'. "
                "Gebruik --force als u dat echt wilt."
            )
        aantallen = laad_demo()
        samenvatting = ", ".join(f"{n} {wat}" for wat, n in aantallen.items())
        self.stdout.write(self.style.SUCCESS(f"Demoregio geladen: {samenvatting}."))
