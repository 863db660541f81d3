"""The stored documents of frozen programme versions and the fingerprint of each version.

A frozen version row cannot take new fields (its trigger refuses every UPDATE), so what is
made of it later lives beside it: one `Vingerafdruk` per version, written when it is proposed,
and one `Document` row per rendered PDF. Both are frozen kinds of their own: once written they
never change, on every path (model, queryset, trigger)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio import bevriezing
from regio.bevriezing import Bevriesbaar, BevrorenQuerySet

VASTGELEGD = _("Dit document is vastgelegd en verandert niet meer.")


class DocumentSoort(models.TextChoices):
    RAADSVOORSTEL = "raadsvoorstel", _("raadsvoorstel")
    PROGRAMMA = "programma", _("programmadocument")
    BESLUITEN = "besluiten", _("besluitenoverzicht")


@bevriezing.registreer(pad="berekend_op", melding=VASTGELEGD, kopieer=False)
class Vingerafdruk(Bevriesbaar):
    """The SHA-256 of a frozen version's canonical content (programma.documenten.vingerafdruk),
    computed when it is proposed."""

    versie = models.OneToOneField(
        "programma.ProgrammaVersie",
        on_delete=models.PROTECT,
        related_name="vingerafdruk",
        verbose_name=_("programmaversie"),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    #: the version of the canonical form, so a later form never silently re-reads old prints
    vorm = models.PositiveSmallIntegerField(_("vorm"), default=1)
    berekend_op = models.DateTimeField(_("berekend op"))

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        verbose_name = _("vingerafdruk")
        verbose_name_plural = _("vingerafdrukken")

    def __str__(self) -> str:
        return self.sha256


@bevriezing.registreer(pad="gemaakt_op", melding=VASTGELEGD, kopieer=False)
class Document(Bevriesbaar):
    """One rendered PDF of a frozen version: a raadsvoorstel (per gemeente), the programme
    document or the besluitenoverzicht (per `stand` of the decisions), with its file in
    STORAGES."""

    soort = models.CharField(_("soort"), max_length=20, choices=DocumentSoort.choices)
    versie = models.ForeignKey(
        "programma.ProgrammaVersie",
        on_delete=models.PROTECT,
        related_name="documenten",
        verbose_name=_("programmaversie"),
    )
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    #: what else the content depends on besides the frozen version ('' for none): the state of
    #: the decisions a besluitenoverzicht shows
    stand = models.CharField(_("stand"), max_length=64, blank=True, default="")
    bestand = models.FileField(_("bestand"), upload_to="documenten/%Y/", max_length=300)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64, db_index=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    paginas = models.PositiveIntegerField(_("pagina's"))
    rendertijd_ms = models.PositiveIntegerField(_("rendertijd (ms)"))
    vingerafdruk = models.CharField(_("vingerafdruk van de versie"), max_length=64)
    gemaakt_op = models.DateTimeField(_("gemaakt op"))

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["versie", "soort", "gemeente__naam", "-gemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "versie", "gemeente", "stand"],
                condition=models.Q(gemeente__isnull=False),
                name="document_per_gemeente_uniek",
            ),
            models.UniqueConstraint(
                fields=["soort", "versie", "stand"],
                condition=models.Q(gemeente__isnull=True),
                name="document_per_versie_uniek",
            ),
        ]

    def __str__(self) -> str:
        return self.bestandsnaam
