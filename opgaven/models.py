"""The lasting identity of a regional opgave. What the region asks for it in a given year
(doel, resultaat, budget, ...) belongs to the programme version: see programma.ProgrammaOpgave."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from regio.models import Thema


class Opgave(models.Model):
    titel = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="opgaven", verbose_name=_("thema")
    )
    sinds = models.PositiveSmallIntegerField(
        _("sinds"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Het eerste programmajaar waarin deze opgave voorkomt."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["titel"]
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        permissions = [
            ("portefeuillehouder_van", _("Is regionaal portefeuillehouder van deze opgave")),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("opgave", kwargs={"slug": self.slug})


class OpgaveUserObjectPermission(UserObjectPermissionBase):
    """A user's object permission on one opgave (guardian, direct foreign key)."""

    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)

    history = HistoricalRecords()


class OpgaveGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)

    history = HistoricalRecords()
