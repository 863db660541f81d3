"""The councils: parties, fracties with their seats, and raadsleden.

A raadslid is a person who sits in a fractie for a period (`begin` up to, not including,
`einde`), with or without an account: the griffier records votes for members without one. The
right of a raadslid to act for their gemeente is that period itself (raden.permissions reads it);
no permission row mirrors it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.models import Gemeente

# Gemeentewet article 8: (up to this many inwoners, seats); above the last: 45.
RAADSGROOTTE = (
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
)
GROOTSTE_RAAD = 45


def raadsgrootte(inwoners: int) -> int:
    """The number of seats of a gemeenteraad for this many inwoners (Gemeentewet art. 8)."""
    for tot, zetels in RAADSGROOTTE:
        if inwoners <= tot:
            return zetels
    return GROOTSTE_RAAD


class Partij(models.Model):
    """A political party: a national one by its name, or a local party of one gemeente."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    lokaal = models.BooleanField(
        _("lokale partij"), default=False, help_text=_("Een partij die alleen lokaal meedoet.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")

    def __str__(self) -> str:
        return self.naam


class Fractie(models.Model):
    """The members of one party in one gemeenteraad, with its number of seats."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="fracties", verbose_name=_("gemeente")
    )
    partij = models.ForeignKey(
        Partij, on_delete=models.PROTECT, related_name="fracties", verbose_name=_("partij")
    )
    naam = models.CharField(_("naam"), max_length=100)
    zetels = models.PositiveSmallIntegerField(_("zetels"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-zetels", "naam"]
        verbose_name = _("fractie")
        verbose_name_plural = _("fracties")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="fractie_uniek"),
            models.UniqueConstraint(fields=["gemeente", "partij"], name="fractie_partij_uniek"),
            models.CheckConstraint(
                condition=models.Q(zetels__lte=GROOTSTE_RAAD), name="fractie_zetels"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class RaadslidQuerySet(models.QuerySet):
    def zittend(self, op: datetime.date | None = None) -> RaadslidQuerySet:
        """The members who sit on this date (today by default)."""
        op = op or timezone.localdate()
        return self.filter(begin__lte=op).filter(
            models.Q(einde__isnull=True) | models.Q(einde__gt=op)
        )


class Raadslid(models.Model):
    """One person's seat in a fractie of a gemeenteraad, from `begin` up to `einde`."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="raadsleden", verbose_name=_("gemeente")
    )
    fractie = models.ForeignKey(
        Fractie, on_delete=models.PROTECT, related_name="leden", verbose_name=_("fractie")
    )
    voornaam = models.CharField(_("voornaam"), max_length=150)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raadslidmaatschappen",
        verbose_name=_("account"),
        help_text=_("Leeg voor een raadslid zonder account: de griffier legt diens stem vast."),
    )
    begin = models.DateField(_("lid sinds"))
    einde = models.DateField(
        _("lid tot"),
        null=True,
        blank=True,
        help_text=_("De eerste dag dat hij of zij geen lid meer is."),
    )

    history = HistoricalRecords()
    objects = RaadslidQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam", "fractie__naam", "achternaam", "voornaam"]
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

    # No related rows in __str__: the admin lists thousands of these (a delete confirmation
    # names every protected vote and seat), and each lookup would be a query.
    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    def zit_op(self, datum: datetime.date) -> bool:
        return self.begin <= datum and (self.einde is None or self.einde > datum)
