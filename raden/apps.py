from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadenConfig(AppConfig):
    name = "raden"
    verbose_name = _("Raden")
