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

        from django.db.models.signals import post_save

        from regio.models import Bestuurder

        # regio cannot know about opgaven and programmes; when functioneel beheer links a user
        # to a bestuurder, the object permissions of the opgaven they hold follow here.
        post_save.connect(
            _bestuurder_gewijzigd, sender=Bestuurder, dispatch_uid="programma_bestuurder"
        )


def _bestuurder_gewijzigd(sender, instance, **kwargs) -> None:
    from opgaven.models import Opgave
    from programma.services import synchroniseer_portefeuillehouder

    for opgave in Opgave.objects.filter(versies__portefeuillehouder=instance).distinct():
        synchroniseer_portefeuillehouder(
            opgave=opgave, acting_user=getattr(instance, "_history_user", None)
        )
