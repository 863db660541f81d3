"""`manage.py demo`: load the demo region (idempotent), or the demo at national scale."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portaal.demo.laden import NATIONAAL, REGIONAAL, DemoFout, laad_demo


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

        parser.add_argument(
            "--scale",
            choices=[REGIONAAL, NATIONAAL],
            default=REGIONAAL,
            help=(
                "regional: de 18 gemeenten van de Groene Metropoolregio; national: daarbij vanaf "
                "2027 342 gemeenten, 200 opgaven, ~9.000 raadsleden en ~1,8 miljoen stemmen "
                "(voor make bench; vraagt een lege database)."
            ),
        )

    def handle(self, *args, force: bool = False, scale: str = REGIONAAL, **options):
        self.verbosity = options.get("verbosity", 1)
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: de demo maakt accounts met het wachtwoord 'demo'. "
                "Gebruik --force als u dat echt wilt."
            )
        begin = time.monotonic()
        try:
            aantallen = laad_demo(scale, melding=self._melding(begin))
        except DemoFout as fout:
            raise CommandError(str(fout)) from fout
        samenvatting = ", ".join(f"{n} {wat}" for wat, n in aantallen.items())
        duur = time.monotonic() - begin
        self.stdout.write(self.style.SUCCESS(f"Demoregio geladen in {duur:.0f} s: {samenvatting}."))

    def _melding(self, begin: float):
        def melding(tekst: str) -> None:
            if self.verbosity >= 1:
                self.stdout.write(f"{time.monotonic() - begin:6.0f} s  {tekst}")
                self.stdout.flush()

        return melding
