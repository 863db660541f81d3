from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadenConfig(AppConfig):
    name = "raden"
    verbose_name = _("Raden")

    def ready(self) -> None:
        # the besluitenoverzicht (beside programma's raadsvoorstel and programme document), and
        # the receiver of programma.signalen.versie_voorgesteld (the version rule)
        from programma.views.openbaar import aanvullingen
        from raden import documenten  # noqa: F401
        from raden.services import ronde  # noqa: F401
        from raden.views.openbaar import besluitronde

        # where the decision round stands, on programma's home, programme and thema pages
        if besluitronde not in aanvullingen:
            aanvullingen.append(besluitronde)
