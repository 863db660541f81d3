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
