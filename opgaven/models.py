"""The lasting identity of a regional opgave. What the region asks for it in a given year
(doel, resultaat, budget, ...) belongs to the programme version: see programma.ProgrammaOpgave."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.exceptions import Bevroren
from regio.models import Thema


class OpgaveQuerySet(models.QuerySet):
    def update(self, **kwargs):
        vast = {"titel", "slug", "thema", "thema_id", "sinds"} & set(kwargs)
        if vast and self.filter(versies__versie__bevroren_op__isnull=False).exists():
            raise Bevroren(
                _(
                    "Deze opgave staat in een voorgesteld programma; titel, adres en thema "
                    "liggen vast."
                )
            )
        return super().update(**kwargs)


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

    VASTE_VELDEN = ("titel", "slug", "thema_id", "sinds")

    history = HistoricalRecords()
    objects = OpgaveQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")

    def __str__(self) -> str:
        return self.titel

    def save(self, *args, **kwargs):
        # Once an opgave stands in a proposed programme, its name, address and thema are part of
        # that public document; they cannot change under it (DESIGN.md §3).
        if self.pk is not None and self.versies.filter(versie__bevroren_op__isnull=False).exists():
            oud = type(self)._base_manager.filter(pk=self.pk).values(*self.VASTE_VELDEN).first()
            if oud and any(oud[v] != getattr(self, v) for v in self.VASTE_VELDEN):
                raise Bevroren(
                    _(
                        "Deze opgave staat in een voorgesteld programma; titel, adres en thema "
                        "liggen vast."
                    )
                )
        return super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("opgave", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if (
            self.titel
            and Opgave.objects.exclude(pk=self.pk).filter(titel__iexact=self.titel.strip()).exists()
        ):
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "titel": _("Er bestaat al een opgave met de titel '%(titel)s'.")
                    % {"titel": self.titel}
                }
            )
