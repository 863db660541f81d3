from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgrammaConfig(AppConfig):
    name = "programma"
    verbose_name = _("Jaarprogramma's")

    def ready(self) -> None:
        from programma import triggers

        # SQLite rebuilds a table on many ALTERs and drops its triggers with it; installing them
        # again after every migrate keeps the database-level freeze whatever later migrations do.
        post_migrate.connect(triggers.installeer_na_migrate, sender=self)
