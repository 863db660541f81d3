"""Votes and decisions of a gemeenteraad on a proposed programme.

A `Stemming` is one council vote of one gemeente on one opgave of one frozen programme version,
at a meeting date. It is opened (the voting window), closed, and confirmed by the griffier; the
confirmation freezes it with its `Stem`men and the `Besluit` it produced, through the one freeze
register (regio.bevriezing): a confirmed vote changes by no path, raw SQL included.

Whose vote counts, and the outcome, follow DOMAIN.md (Gemeentewet art. 20, 28, 32) and are
computed by the pure function raden.uitslag.bereken from the Stemmen and the council."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programma.models import ProgrammaOpgave, ProgrammaVersie
from raden.models.raad import Raadslid
from regio import bevriezing
from regio.bevriezing import Bevriesbaar, BevrorenQuerySet
from regio.models import Gemeente

BEVESTIGD = _("Deze stemming is bevestigd en verandert niet meer.")


class Uitkomst(models.TextChoices):
    AANGENOMEN = "aangenomen", _("aangenomen")
    VERWORPEN = "verworpen", _("verworpen")
    #: staken der stemmen in an incomplete meeting: voted again at a next meeting (art. 32)
    UITGESTELD = "uitgesteld", _("staken der stemmen, uitgesteld")
    GEEN_QUORUM = "geen_quorum", _("geen quorum")


class Keuze(models.TextChoices):
    VOOR = "voor", _("voor")
    TEGEN = "tegen", _("tegen")
    NIET_DEELGENOMEN = "niet_deelgenomen", _("niet deelgenomen")


class Reden(models.TextChoices):
    """Why a member did not take part (only with Keuze.NIET_DEELGENOMEN)."""

    AFWEZIG = "afwezig", _("afwezig")
    #: present, but excused from voting for a personal interest (Gemeentewet art. 28)
    PERSOONLIJK_BELANG = "persoonlijk_belang", _("onthouden wegens persoonlijk belang")


# A bulk update may not set what only the services decide: the outcome and the lapse.
@bevriezing.registreer(
    pad="bevestigd_op",
    melding=BEVESTIGD,
    kopieer=False,
    beschermd=["vervallen_reden", "uitkomst", "gesloten_op", "geopend_op"],
)
class Stemming(Bevriesbaar):
    """One council vote of a gemeente on one opgave of a frozen programme version."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="stemmingen", verbose_name=_("gemeente")
    )
    versie = models.ForeignKey(
        ProgrammaVersie,
        on_delete=models.PROTECT,
        related_name="stemmingen",
        verbose_name=_("programmaversie"),
    )
    # The subject. Later a motie is a second, nullable subject with a check that exactly one
    # is set; the whole programme at once is a Stemming per opgave, opened together.
    programma_opgave = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.PROTECT,
        related_name="stemmingen",
        verbose_name=_("opgave"),
    )
    vergaderdatum = models.DateField(_("vergaderdatum"))
    #: the vote this one repeats after a tie in an incomplete meeting (art. 32)
    herstemming_van = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herstemming",
        verbose_name=_("herstemming van"),
    )
    geopend_op = models.DateTimeField(_("geopend op"))
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geopend door"),
    )
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesloten door"),
    )
    #: why it closed without a result: a corrected version was proposed
    vervallen_reden = models.CharField(_("vervallen"), max_length=300, blank=True)
    # The result as computed when the window closed (raden.uitslag), stored with the votes.
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True)
    zittend = models.PositiveSmallIntegerField(_("zittende leden"), default=0)
    voor = models.PositiveSmallIntegerField(_("voor"), default=0)
    tegen = models.PositiveSmallIntegerField(_("tegen"), default=0)
    afwezig = models.PositiveSmallIntegerField(_("afwezig"), default=0)
    onthouden = models.PositiveSmallIntegerField(
        _("onthouden wegens persoonlijk belang"), default=0
    )
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam", "programma_opgave__rangorde", "geopend_op"]
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        indexes = [
            # the span of a version's council meetings (raden.selectors_openbaar.besluitrondes,
            # per opgave): two index lookups instead of reading every vote of the version,
            # 65,000 at national scale, once per opgave
            models.Index(fields=["versie", "vergaderdatum"], name="stemming_versie_datum"),
        ]
        constraints = [
            # one running vote per gemeente and opgave of a version
            models.UniqueConstraint(
                fields=["gemeente", "programma_opgave"],
                condition=models.Q(bevestigd_op__isnull=True) & models.Q(vervallen_reden=""),
                name="stemming_een_lopend",
            ),
            models.CheckConstraint(
                condition=models.Q(bevestigd_op__isnull=True) | models.Q(gesloten_op__isnull=False),
                name="stemming_bevestigd_na_sluiten",
            ),
            models.CheckConstraint(
                condition=models.Q(bevestigd_op__isnull=True) | ~models.Q(uitkomst=""),
                name="stemming_bevestigd_met_uitkomst",
            ),
        ]

    def __str__(self) -> str:
        return f"Stemming {self.pk} ({self.vergaderdatum:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.gesloten_op is None

    @property
    def is_bevestigd(self) -> bool:
        return self.bevestigd_op is not None

    @property
    def is_vervallen(self) -> bool:
        return bool(self.vervallen_reden)

    @property
    def stand(self) -> str:
        """open / gesloten / bevestigd / vervallen."""
        if self.is_vervallen:
            return "vervallen"
        if self.is_bevestigd:
            return "bevestigd"
        return "open" if self.is_open else "gesloten"


@bevriezing.registreer(pad="stemming__bevestigd_op", melding=BEVESTIGD, kopieer=False)
class Stem(Bevriesbaar):
    """One raadslid's vote in one Stemming: voor, tegen, or niet deelgenomen with the reason."""

    stemming = models.ForeignKey(
        Stemming, on_delete=models.PROTECT, related_name="stemmen", verbose_name=_("stemming")
    )
    raadslid = models.ForeignKey(
        Raadslid, on_delete=models.PROTECT, related_name="stemmen", verbose_name=_("raadslid")
    )
    keuze = models.CharField(_("stem"), max_length=20, choices=Keuze.choices)
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices, blank=True)
    #: the member's name and fractie when voting: a later rename or move keeps the record
    raadslid_naam = models.CharField(_("naam"), max_length=301, default="")
    fractie_naam = models.CharField(_("fractie"), max_length=100)
    uitgebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    uitgebracht_op = models.DateTimeField(_("vastgelegd op"))

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["stemming", "fractie_naam", "raadslid__achternaam"]
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [
            models.UniqueConstraint(fields=["stemming", "raadslid"], name="stem_uniek"),
            models.CheckConstraint(
                condition=(
                    models.Q(keuze=Keuze.NIET_DEELGENOMEN) & ~models.Q(reden="")
                    | ~models.Q(keuze=Keuze.NIET_DEELGENOMEN) & models.Q(reden="")
                ),
                name="stem_reden_alleen_bij_niet_deelgenomen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.raadslid_naam}: {self.get_keuze_display()}"


@bevriezing.registreer(pad="stemming__bevestigd_op", melding=BEVESTIGD, kopieer=False)
class Besluit(Bevriesbaar):
    """A gemeente's decision on one opgave of a version: take part with the stored bijdrage, or
    not; made by the confirmation of the Stemming that decided it."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="besluiten", verbose_name=_("gemeente")
    )
    programma_opgave = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.PROTECT,
        related_name="besluiten",
        verbose_name=_("opgave"),
    )
    stemming = models.OneToOneField(
        Stemming, on_delete=models.PROTECT, related_name="besluit", verbose_name=_("stemming")
    )
    deelname = models.BooleanField(_("neemt deel"))
    #: the gemeente's bijdrage in the version voted on, stored with the decision (0 if not)
    bijdrage = models.PositiveBigIntegerField(_("bijdrage (euro)"))
    zienswijze = models.TextField(_("zienswijze"), blank=True)

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam", "programma_opgave__rangorde"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "programma_opgave"], name="besluit_uniek"),
            models.CheckConstraint(
                condition=models.Q(deelname=True) | models.Q(bijdrage=0),
                name="besluit_bijdrage_alleen_bij_deelname",
            ),
        ]

    def __str__(self) -> str:
        return f"Besluit {self.pk} ({'ja' if self.deelname else 'nee'})"


@bevriezing.registreer(pad="vastgesteld_op", kopieer=False)
class Dekking(Bevriesbaar):
    """The outcome of the decision round for one opgave, stored beside the frozen version when
    the regiobestuur closes the round: covered by the bijdragen of the gemeenten that took
    part, or not."""

    programma_opgave = models.OneToOneField(
        ProgrammaOpgave, on_delete=models.PROTECT, related_name="dekking", verbose_name=_("opgave")
    )
    budget = models.PositiveBigIntegerField(_("budget (euro)"))
    gedekt_bedrag = models.PositiveBigIntegerField(_("gedekt (euro)"))
    gedekt = models.BooleanField(_("gedekt"))
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"))
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["programma_opgave__versie", "programma_opgave__rangorde"]
        verbose_name = _("dekking")
        verbose_name_plural = _("dekkingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gedekt=False) | models.Q(gedekt_bedrag__gte=models.F("budget")),
                name="dekking_gedekt_is_gedekt",
            ),
        ]

    def __str__(self) -> str:
        return f"Dekking {self.programma_opgave_id}: {'gedekt' if self.gedekt else 'niet gedekt'}"
