"""Technische vragen: a raadslid asks about an opgave of a proposed version, the programmabureau
answers. An answered question is public on the opgave page and no longer changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programma.models import ProgrammaOpgave
from raden.models.raad import Raadslid
from regio import bevriezing
from regio.bevriezing import Bevriesbaar, BevrorenQuerySet

BEANTWOORD = _("Deze vraag is beantwoord en gepubliceerd; ze verandert niet meer.")


# A question is asked about a frozen version (that is what makes it a question to answer), so
# it cannot freeze with that version: it freezes when it is answered.
@bevriezing.registreer(pad="beantwoord_op", melding=BEANTWOORD, kopieer=False)
class Vraag(Bevriesbaar):
    """A technische vraag of a raadslid about one opgave of a proposed programme version."""

    programma_opgave = models.ForeignKey(
        ProgrammaOpgave, on_delete=models.PROTECT, related_name="vragen", verbose_name=_("opgave")
    )
    raadslid = models.ForeignKey(
        Raadslid, on_delete=models.PROTECT, related_name="vragen", verbose_name=_("gesteld door")
    )
    #: who asked, as it was when asking (the public page shows it)
    raadslid_naam = models.CharField(_("naam"), max_length=301, default="")
    gemeente_naam = models.CharField(_("gemeente"), max_length=100, default="")
    vraag = models.TextField(_("vraag"), max_length=4000)
    gesteld_op = models.DateTimeField(_("gesteld op"))
    antwoord = models.TextField(_("antwoord"), max_length=8000, blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["-gesteld_op"]
        verbose_name = _("technische vraag")
        verbose_name_plural = _("technische vragen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(beantwoord_op__isnull=True) | ~models.Q(antwoord=""),
                name="vraag_beantwoord_met_antwoord",
            ),
        ]

    def __str__(self) -> str:
        return self.vraag[:80]

    @property
    def is_beantwoord(self) -> bool:
        return self.beantwoord_op is not None
