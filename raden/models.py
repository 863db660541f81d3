"""The councils: fracties and raadsleden of a gemeente. A raadslid is a person with an account;
their right to act for the gemeente is a guardian object permission (raden.services)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.models import Gemeente


class Fractie(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="fracties", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        verbose_name = _("fractie")
        verbose_name_plural = _("fracties")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="fractie_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class RaadslidQuerySet(models.QuerySet):
    def zittend(self):
        return self.filter(einde__isnull=True)


class Raadslid(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="raadsleden", verbose_name=_("gemeente")
    )
    fractie = models.ForeignKey(
        Fractie, on_delete=models.PROTECT, related_name="leden", verbose_name=_("fractie")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="raadslidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    begin = models.DateField(_("lid sinds"))
    einde = models.DateField(_("lid tot"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RaadslidQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam", "fractie__naam", "user__last_name", "user__first_name"]
        verbose_name = _("raadslid")
        verbose_name_plural = _("raadsleden")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "user"],
                condition=models.Q(einde__isnull=True),
                name="raadslid_een_zetel_per_gemeente",
            ),
            models.CheckConstraint(
                condition=models.Q(einde__isnull=True) | models.Q(einde__gte=models.F("begin")),
                name="raadslid_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.fractie.naam}, {self.gemeente})"

    @property
    def naam(self) -> str:
        return self.user.get_full_name() or self.user.username
