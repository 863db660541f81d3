from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammaConfig(AppConfig):
    name = "programma"
    verbose_name = _("Jaarprogramma's")

    def ready(self) -> None:
        from programma import triggers
        from regio import triggers as database_triggers

        # The frozen kinds of this app are declared on its models (regio.bevriezing); the
        # lifecycle rules that are not frozen kinds are added to what `migrate` installs.
        database_triggers.registreer_extra(triggers.groepen)
        # the raadsvoorstel and the programme document (raden adds the besluitenoverzicht)
        from programma.documenten import inhoud  # noqa: F401
