from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RadenConfig(AppConfig):
    name = "raden"
    verbose_name = _("Raden")

    def ready(self) -> None:
        from raden import rollen

        # raden is the last app: when its post_migrate runs, every permission exists.
        post_migrate.connect(rollen.installeer_na_migrate, sender=self)
