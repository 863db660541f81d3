from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    """Portal-wide tools above every domain app: the roles, the demo region and the bench."""

    name = "portaal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from portaal import rollen

        # portaal is the last app: when its post_migrate runs, every permission exists.
        post_migrate.connect(rollen.installeer_na_migrate, sender=self)
