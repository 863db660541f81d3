from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class ProgrammaConfig(AppConfig):
    name = "programma"
    verbose_name = _("Jaarprogramma's")

    def ready(self) -> None:
        from programma import triggers

        # The freeze triggers live outside the migrations: SQLite rebuilds a table on many
        # ALTERs, which fails while triggers of other tables name it. So they are taken away
        # before every migrate and installed again after it, on PostgreSQL and SQLite alike.
        pre_migrate.connect(triggers.verwijder_voor_migrate, sender=self)
        post_migrate.connect(triggers.installeer_na_migrate, sender=self)
