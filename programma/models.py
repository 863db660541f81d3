"""The yearly programme: Jaarprogramma (one per year, with its lifecycle), its numbered
ProgrammaVersies, and the content that belongs to one version: the opgaven with budget and
capaciteit, stuurgroep, synergieën, externe regelingen, the deelnemende gemeenten and the
bijdragen.

A version is frozen once proposed (`bevroren_op` is set), and a year once closed. Each model
declares how it freezes in the register (regio.bevriezing, `@bevriezing.registreer`); from that
declaration come the refusals of `save()`/`delete()`, of the querysets' bulk writes, the database
triggers (regio.triggers), the copy on correction and carry-forward, and the freeze tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opgaven.models import Opgave
from regio import bevriezing
from regio.bevriezing import Bevriesbaar, BevrorenQuerySet
from regio.exceptions import Bevroren, DomeinFout
from regio.geld import MAX_BEDRAG, TE_GROOT
from regio.models import Bestuurder, Gemeente, Partner


@dataclass(frozen=True)
class Weergave:
    """What a page shows of a person or organisation named in a version: the state stored at
    its proposal for a frozen version, the reference data as it is now for a concept."""

    naam: str
    functie: str = ""  # label, e.g. "wethouder"
    gemeente: str = ""
    soort: str = ""  # label of a partner's kind, e.g. "kennisinstelling"

    def __str__(self) -> str:
        return self.naam


def _label(choices, waarde: str) -> str:
    return str(dict(choices).get(waarde, waarde))


class Status(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VOORGESTELD = "voorgesteld", _("voorgesteld")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    AFGESLOTEN = "afgesloten", _("afgesloten")


# The lifecycle of DOMAIN.md: each status may only move to the next one.
OVERGANGEN: dict[str, str | None] = {
    Status.CONCEPT: Status.VOORGESTELD,
    Status.VOORGESTELD: Status.VASTGESTELD,
    Status.VASTGESTELD: Status.AFGESLOTEN,
    Status.AFGESLOTEN: None,
}


class Verdeelsleutel(models.TextChoices):
    INWONERS = "inwoners", _("naar inwoners")
    BASIS_PLUS_INWONERS = "basis_plus_inwoners", _("vast deel per gemeente, rest naar inwoners")
    PERCENTAGES = "percentages", _("vaste percentages")


VERSIE_BEVROREN = _("Deze programmaversie is voorgesteld en kan niet meer veranderen.")
JAAR_VAST = _("Het jaar van een voorgesteld programma ligt vast.")


class JaarprogrammaQuerySet(BevrorenQuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            raise DomeinFout(_("De status van een programma verandert alleen via het portaal."))
        if "jaar" in kwargs and self.filter(versies__bevroren_op__isnull=False).exists():
            raise DomeinFout(JAAR_VAST)
        return super().update(**kwargs)

    def delete(self):
        if ProgrammaVersie._base_manager.filter(
            jaarprogramma__in=self, bevroren_op__isnull=False
        ).exists():
            raise Bevroren(_("Een voorgesteld programma kan niet worden verwijderd."))
        return super().delete()


# Set by the lifecycle services only (programma.services.levenscyclus): a status change through
# save() outside them, from the shell or the admin, is refused (the triggers refuse raw SQL that
# goes back or skips a step; a step forward in raw SQL they cannot tell from a service's).
_in_service: ContextVar[bool] = ContextVar("statusovergang", default=False)


@contextmanager
def statusovergang() -> Iterator[None]:
    """Let the lifecycle services move a Jaarprogramma's status one step forward."""
    token = _in_service.set(True)
    try:
        yield
    finally:
        _in_service.reset(token)


@bevriezing.registreer(
    pad="status",
    waarden=[Status.AFGESLOTEN],
    melding=_("Dit programmajaar is afgesloten en verandert niet meer."),
    kopieer=False,
)
class Jaarprogramma(Bevriesbaar):
    """A programme year. Its status only moves forward (OVERGANGEN) and only through the
    services; its jaar is fixed once a version is proposed; a closed year is frozen."""

    jaar = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT, editable=False
    )

    history = HistoricalRecords()
    objects = JaarprogrammaQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar"]
        verbose_name = _("jaarprogramma")
        verbose_name_plural = _("jaarprogramma's")
        permissions = [
            ("bekijk_concept", _("Mag conceptprogramma's zien")),
            ("bewerk_concept", _("Mag conceptprogramma's en hun opgaven bewerken")),
            ("stel_voor", _("Mag een programma voorstellen, vaststellen en afsluiten")),
            ("benoem_portefeuillehouder", _("Mag regionaal portefeuillehouders benoemen")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="jaarprogramma_status_geldig"
            )
        ]

    def __str__(self) -> str:
        return f"Jaarprogramma {self.jaar}"

    def _weiger_overgang(self) -> None:
        if self.pk is None:
            return
        oud = type(self)._base_manager.filter(pk=self.pk).values("status", "jaar").first()
        if oud is None:
            return
        if self.status not in (oud["status"], OVERGANGEN[oud["status"]]):
            raise DomeinFout(
                _("Een programma met status '%(van)s' kan niet naar '%(naar)s'.")
                % {"van": Status(oud["status"]).label, "naar": Status(self.status).label}
            )
        if self.status != oud["status"] and not _in_service.get():
            raise DomeinFout(
                _(
                    "De status van een programma verandert alleen door voorstellen, vaststellen "
                    "of afsluiten in het portaal."
                )
            )
        if (
            self.jaar != oud["jaar"]
            and ProgrammaVersie._base_manager.filter(
                jaarprogramma_id=self.pk, bevroren_op__isnull=False
            ).exists()
        ):
            raise DomeinFout(JAAR_VAST)

    def save(self, *args, **kwargs):
        self._weiger_overgang()
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self._weiger_overgang()

    def get_absolute_url(self) -> str:
        return reverse("programma", kwargs={"jaar": self.jaar})

    @property
    def is_gepubliceerd(self) -> bool:
        return self.status != Status.CONCEPT

    def volgende_status(self) -> str | None:
        return OVERGANGEN[self.status]

    def delete(self, *args, **kwargs):
        if self.versies.filter(bevroren_op__isnull=False).exists():
            raise Bevroren(_("Een voorgesteld programma kan niet worden verwijderd."))
        return super().delete(*args, **kwargs)


class VersieInhoud(Bevriesbaar):
    """Base of every row that belongs to one programme version and freezes with it; how it
    finds its version is its declaration in the register (regio.bevriezing)."""

    class Meta:
        abstract = True


class ProgrammaVersieQuerySet(BevrorenQuerySet):
    def bevroren(self):
        return self.filter(bevroren_op__isnull=False)

    def concepten(self):
        return self.filter(bevroren_op__isnull=True)


@bevriezing.registreer(
    pad="bevroren_op", melding=VERSIE_BEVROREN, beschermd=["bevroren_door", "jaarprogramma"]
)
class ProgrammaVersie(VersieInhoud):
    """One numbered version of a year's programme. At most one concept per year."""

    jaarprogramma = models.ForeignKey(
        Jaarprogramma,
        on_delete=models.CASCADE,
        related_name="versies",
        verbose_name=_("jaarprogramma"),
    )
    nummer = models.PositiveSmallIntegerField(_("versienummer"), default=1)
    titel = models.CharField(_("titel"), max_length=200)
    visie_fundament = models.TextField(
        _("fundament"), blank=True, help_text=_("Waar komen we vandaan, wat is het karakter?")
    )
    visie_actualiteit = models.TextField(
        _("actualiteit"), blank=True, help_text=_("Waar staan we nu, wat is de uitdaging?")
    )
    visie_perspectief = models.TextField(
        _("perspectief"), blank=True, help_text=_("Waar willen we heen, waarmee profileren we ons?")
    )
    verdeelsleutel = models.CharField(
        _("verdeelsleutel"),
        max_length=30,
        choices=Verdeelsleutel.choices,
        default=Verdeelsleutel.INWONERS,
    )
    basisaandeel = models.DecimalField(
        _("vast deel (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Bij 'vast deel per gemeente, rest naar inwoners': het deel van elk budget dat "
            "gelijk wordt verdeeld over de gemeenten."
        ),
    )
    peildatum_inwoners = models.DateField(
        _("peildatum inwoners"),
        help_text=_(
            "Een eerste concept volgt de nieuwste CBS-peildatum op of voor 1 januari; bij het "
            "voorstellen wordt de gebruikte peildatum vastgelegd."
        ),
    )
    percentages = models.JSONField(
        _("percentages per gemeente"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Bij 'vaste percentages' in een eerste concept: het percentage per gemeente (id). "
            "Bij het voorstellen komen ze op de deelnemende gemeenten te staan."
        ),
    )
    vorige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolgers",
        verbose_name=_("overgenomen uit"),
    )
    reden = models.TextField(
        _("reden van de nieuwe versie"),
        blank=True,
        help_text=_("Verplicht bij een correctie van een voorgestelde versie."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    wijzigingsnummer = models.PositiveIntegerField(_("wijzigingsnummer"), default=0, editable=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # a frozen version keeps who made it
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    bevroren_op = models.DateTimeField(_("voorgesteld op"), null=True, blank=True, editable=False)
    bevroren_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )

    history = HistoricalRecords()
    objects = ProgrammaVersieQuerySet.as_manager()

    class Meta:
        ordering = ["jaarprogramma__jaar", "nummer"]
        verbose_name = _("programmaversie")
        verbose_name_plural = _("programmaversies")
        constraints = [
            models.UniqueConstraint(fields=["jaarprogramma", "nummer"], name="versie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["jaarprogramma"],
                condition=models.Q(bevroren_op__isnull=True),
                name="versie_hoogstens_een_concept",
            ),
            models.CheckConstraint(
                condition=models.Q(basisaandeel__gte=0) & models.Q(basisaandeel__lte=100),
                name="versie_basisaandeel_procent",
            ),
            models.CheckConstraint(condition=models.Q(nummer__gte=1), name="versie_nummer_vanaf_1"),
        ]

    def __str__(self) -> str:
        return f"{self.jaarprogramma.jaar} versie {self.nummer}"

    def get_absolute_url(self) -> str:
        return reverse(
            "programma-versie", kwargs={"jaar": self.jaarprogramma.jaar, "nummer": self.nummer}
        )

    @property
    def is_bevroren(self) -> bool:
        return self.bevroren_op is not None

    @property
    def jaar(self) -> int:
        return self.jaarprogramma.jaar


# The members are fixed by their own rule (at proposal, and kept by a correction), never
# carried forward to another year: not copied with the content.
@bevriezing.registreer(pad="versie__bevroren_op", melding=VERSIE_BEVROREN, kopieer=False)
class Deelnemer(VersieInhoud):
    """A gemeente sharing in this version, with the inwoners (or percentage) it was split by."""

    versie = models.ForeignKey(
        ProgrammaVersie,
        on_delete=models.CASCADE,
        related_name="deelnemers",
        verbose_name=_("versie"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("gemeente")
    )
    inwoners = models.PositiveIntegerField(_("inwoners"))
    percentage = models.DecimalField(
        _("percentage"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Alleen bij de verdeelsleutel 'vaste percentages'."),
    )
    # The name as proposed: renaming a gemeente later does not change a proposed programme.
    gemeente_naam = models.CharField(
        _("naam bij het voorstel"), max_length=100, blank=True, editable=False
    )

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name = _("deelnemende gemeente")
        verbose_name_plural = _("deelnemende gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["versie", "gemeente"], name="deelnemer_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.versie}"

    @property
    def gemeente_weergave(self) -> str:
        """The gemeente's name as the version shows it (as proposed, once frozen)."""
        if self.versie.is_bevroren and self.gemeente_naam:
            return self.gemeente_naam
        return self.gemeente.naam


@bevriezing.registreer(pad="versie__bevroren_op", melding=VERSIE_BEVROREN)
class ProgrammaOpgave(VersieInhoud):
    """An opgave as it stands in one programme version: the content the councils decide on."""

    versie = models.ForeignKey(
        ProgrammaVersie, on_delete=models.CASCADE, related_name="opgaven", verbose_name=_("versie")
    )
    opgave = models.ForeignKey(
        Opgave, on_delete=models.PROTECT, related_name="versies", verbose_name=_("opgave")
    )
    wijzigingsnummer = models.PositiveIntegerField(
        _("wijzigingsnummer"),
        default=0,
        editable=False,
        help_text=_(
            "Telt elke bewerking; zo merkt het portaal dat iemand anders tussendoor "
            "heeft opgeslagen."
        ),
    )
    rangorde = models.PositiveSmallIntegerField(
        _("rangorde"),
        default=0,
        help_text=_("De prioriteit die het regiobestuur geeft (1 = hoogst)."),
    )
    doel = models.TextField(_("doel"))
    resultaat = models.TextField(_("resultaat"))
    mandaat = models.TextField(_("mandaat"))
    sturing = models.TextField(_("sturing"))
    budget = models.PositiveBigIntegerField(_("budget (euro)"))
    capaciteit_fte = models.DecimalField(
        _("capaciteit (fte)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    capaciteit_toelichting = models.TextField(_("wie levert de capaciteit"), blank=True)
    portefeuillehouder = models.ForeignKey(
        Bestuurder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portefeuilles",
        verbose_name=_("regionaal portefeuillehouder"),
        help_text=_(
            "Benoemd door het regiobestuur; nodig voordat het programma wordt voorgesteld."
        ),
    )
    # What a frozen version shows, stored by the proposal (renames later leave it alone).
    opgave_titel = models.CharField(
        _("titel bij het voorstel"), max_length=200, blank=True, editable=False
    )
    thema_naam = models.CharField(
        _("thema bij het voorstel"), max_length=100, blank=True, editable=False
    )
    portefeuillehouder_naam = models.CharField(
        _("portefeuillehouder bij het voorstel"), max_length=200, blank=True, editable=False
    )
    portefeuillehouder_functie = models.CharField(
        _("functie bij het voorstel"), max_length=20, blank=True, editable=False
    )
    portefeuillehouder_gemeente = models.CharField(
        _("gemeente bij het voorstel"), max_length=100, blank=True, editable=False
    )

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["versie", "rangorde", "opgave__titel"]
        verbose_name = _("programma-opgave")
        verbose_name_plural = _("programma-opgaven")
        constraints = [
            models.UniqueConstraint(fields=["versie", "opgave"], name="programmaopgave_uniek"),
            models.CheckConstraint(
                condition=models.Q(capaciteit_fte__gte=0), name="programmaopgave_fte_niet_negatief"
            ),
            models.CheckConstraint(
                condition=models.Q(budget__lte=MAX_BEDRAG),
                name="programmaopgave_budget_maximum",
                violation_error_message=TE_GROOT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opgave} ({self.versie})"

    @property
    def titel_weergave(self) -> str:
        """The opgave's title as the version shows it (as proposed, once frozen)."""
        if self.versie.is_bevroren and self.opgave_titel:
            return self.opgave_titel
        return self.opgave.titel

    @property
    def thema_weergave(self) -> str:
        """The thema's name as the version shows it (as proposed, once frozen)."""
        if self.versie.is_bevroren and self.thema_naam:
            return self.thema_naam
        return self.opgave.thema.naam

    @property
    def portefeuillehouder_weergave(self) -> Weergave | None:
        """Name, functie and gemeente of the portefeuillehouder as the version shows them."""
        if self.versie.is_bevroren and self.portefeuillehouder_naam:
            return Weergave(
                naam=self.portefeuillehouder_naam,
                functie=_label(Bestuurder.Functie.choices, self.portefeuillehouder_functie),
                gemeente=self.portefeuillehouder_gemeente,
            )
        houder = self.portefeuillehouder
        if houder is None:
            return None
        return Weergave(
            naam=houder.naam, functie=houder.get_functie_display(), gemeente=houder.gemeente.naam
        )


@bevriezing.registreer(pad="programma_opgave__versie__bevroren_op", melding=VERSIE_BEVROREN)
class StuurgroepLid(VersieInhoud):
    """A partner organisation or a bestuurder in the stuurgroep of an opgave."""

    programma_opgave = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.CASCADE,
        related_name="stuurgroep",
        verbose_name=_("opgave"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("partner")
    )
    bestuurder = models.ForeignKey(
        Bestuurder, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("bestuurder")
    )
    rol = models.CharField(_("rol"), max_length=200, blank=True)
    # What a frozen version shows, stored by the proposal (renames later leave it alone).
    naam = models.CharField(_("naam bij het voorstel"), max_length=200, blank=True, editable=False)
    functie = models.CharField(
        _("functie bij het voorstel"), max_length=20, blank=True, editable=False
    )
    gemeente_naam = models.CharField(
        _("gemeente bij het voorstel"), max_length=100, blank=True, editable=False
    )
    soort = models.CharField(_("soort bij het voorstel"), max_length=20, blank=True, editable=False)

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["programma_opgave", "bestuurder__naam", "partner__naam"]
        verbose_name = _("stuurgroeplid")
        verbose_name_plural = _("stuurgroepleden")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(partner__isnull=False, bestuurder__isnull=True)
                    | models.Q(partner__isnull=True, bestuurder__isnull=False)
                ),
                name="stuurgroeplid_partner_of_bestuurder",
            ),
            models.UniqueConstraint(
                fields=["programma_opgave", "partner"],
                condition=models.Q(partner__isnull=False),
                name="stuurgroeplid_partner_uniek",
            ),
            models.UniqueConstraint(
                fields=["programma_opgave", "bestuurder"],
                condition=models.Q(bestuurder__isnull=False),
                name="stuurgroeplid_bestuurder_uniek",
            ),
        ]

    def __str__(self) -> str:
        return str(self.partner or self.bestuurder)

    @property
    def weergave(self) -> Weergave:
        """Name and role of this member as the version shows them (as proposed, once frozen)."""
        if self.programma_opgave.versie.is_bevroren and self.naam:
            return Weergave(
                naam=self.naam,
                functie=_label(Bestuurder.Functie.choices, self.functie) if self.functie else "",
                gemeente=self.gemeente_naam,
                soort=_label(Partner.Soort.choices, self.soort) if self.soort else "",
            )
        if self.bestuurder_id:
            b = self.bestuurder
            return Weergave(naam=b.naam, functie=b.get_functie_display(), gemeente=b.gemeente.naam)
        return Weergave(naam=self.partner.naam, soort=self.partner.get_soort_display())


class Niveau(models.TextChoices):
    PROVINCIE = "provincie", _("provincie")
    RIJK = "rijk", _("Rijk")
    EU = "eu", _("Europese Unie")


@bevriezing.registreer(pad="programma_opgave__versie__bevroren_op", melding=VERSIE_BEVROREN)
class ExterneRegeling(VersieInhoud):
    """A provincial, national or EU programme the opgave connects to, with expected co-funding."""

    programma_opgave = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.CASCADE,
        related_name="externe_regelingen",
        verbose_name=_("opgave"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    verwachte_cofinanciering = models.PositiveBigIntegerField(
        _("verwachte cofinanciering (euro)"), default=0
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["programma_opgave", "niveau", "naam"]
        verbose_name = _("externe regeling")
        verbose_name_plural = _("externe regelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["programma_opgave", "naam"], name="externeregeling_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(verwachte_cofinanciering__lte=MAX_BEDRAG),
                name="externeregeling_maximum",
                violation_error_message=TE_GROOT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_niveau_display()})"


class SynergieQuerySet(BevrorenQuerySet):
    def van_opgave(self, programma_opgave: ProgrammaOpgave):
        return self.filter(models.Q(van=programma_opgave) | models.Q(naar=programma_opgave))


# A synergy belongs to the versions of both its ends.
@bevriezing.registreer(
    pad=["van__versie__bevroren_op", "naar__versie__bevroren_op"], melding=VERSIE_BEVROREN
)
class Synergie(VersieInhoud):
    """An explained link between two opgaven of one version. Symmetric: stored once, with the
    lower id as `van`, and read from both sides."""

    van = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.CASCADE,
        related_name="synergieen_van",
        verbose_name=_("opgave"),
    )
    naar = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.CASCADE,
        related_name="synergieen_naar",
        verbose_name=_("andere opgave"),
    )
    toelichting = models.TextField(_("toelichting"))

    history = HistoricalRecords()
    objects = SynergieQuerySet.as_manager()

    class Meta:
        ordering = ["van", "naar"]
        verbose_name = _("synergie")
        verbose_name_plural = _("synergieën")
        constraints = [
            models.UniqueConstraint(fields=["van", "naar"], name="synergie_uniek"),
            models.CheckConstraint(
                condition=models.Q(van__lt=models.F("naar")), name="synergie_geordend_paar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van.opgave} ↔ {self.naar.opgave}"

    def save(self, *args, **kwargs):
        if len(self._versie_ids()) > 1:
            raise DomeinFout(_("Synergie kan alleen tussen opgaven van één programmaversie."))
        return super().save(*args, **kwargs)

    def _versie_ids(self) -> set[int | None]:
        return set(
            ProgrammaOpgave._base_manager.filter(pk__in=[self.van_id, self.naar_id]).values_list(
                "versie_id", flat=True
            )
        )

    @classmethod
    def _versie_ids_van(cls, objs):
        ends = {o.van_id for o in objs} | {o.naar_id for o in objs}
        return ProgrammaOpgave._base_manager.filter(pk__in=ends).values("versie_id")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.van_id and self.naar_id:
            if self.van_id == self.naar_id:
                raise ValidationError(_("Een opgave heeft geen synergie met zichzelf."))
            if self.van.versie_id != self.naar.versie_id:
                raise ValidationError(
                    _("Synergie kan alleen tussen opgaven van één programmaversie.")
                )
        super().clean()  # a frozen version refuses, with its message

    def andere(self, programma_opgave: ProgrammaOpgave) -> ProgrammaOpgave:
        return self.naar if self.van_id == programma_opgave.pk else self.van


# Computed when a version is proposed, so never copied into a new concept.
@bevriezing.registreer(
    pad="programma_opgave__versie__bevroren_op", melding=VERSIE_BEVROREN, kopieer=False
)
class Bijdrage(VersieInhoud):
    """One gemeente's share of one opgave's budget in a proposed version, in whole euros."""

    programma_opgave = models.ForeignKey(
        ProgrammaOpgave,
        on_delete=models.CASCADE,
        related_name="bijdragen",
        verbose_name=_("opgave"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="bijdragen", verbose_name=_("gemeente")
    )
    bedrag = models.PositiveBigIntegerField(_("bedrag (euro)"))

    history = HistoricalRecords()
    objects = BevrorenQuerySet.as_manager()

    class Meta:
        ordering = ["programma_opgave", "gemeente__naam"]
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        constraints = [
            models.UniqueConstraint(fields=["programma_opgave", "gemeente"], name="bijdrage_uniek"),
            models.CheckConstraint(
                condition=models.Q(bedrag__lte=MAX_BEDRAG),
                name="bijdrage_maximum",
                violation_error_message=TE_GROOT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.bedrag} voor {self.programma_opgave}"


# Stored beside a frozen version (its row takes no new fields): programma/documenten/models.py
from programma.documenten.models import Document, DocumentSoort, Vingerafdruk  # noqa: E402, F401
