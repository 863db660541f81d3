"""Reference data of the region: gemeenten, their inwoners and membership, thema's, partners
and bestuurders. Everything else in the portal points at these rows."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


class Provincie(models.TextChoices):
    GELDERLAND = "gelderland", _("Gelderland")
    LIMBURG = "limburg", _("Limburg")
    OVERIJSSEL = "overijssel", _("Overijssel")
    UTRECHT = "utrecht", _("Utrecht")
    NOORD_BRABANT = "noord-brabant", _("Noord-Brabant")


class GemeenteQuerySet(models.QuerySet):
    def leden_op(self, datum: datetime.date) -> GemeenteQuerySet:
        """The gemeenten that are members of the cooperation on this date."""
        return (
            self.filter(
                lidmaatschappen__begin__lte=datum,
            )
            .filter(
                models.Q(lidmaatschappen__einde__isnull=True)
                | models.Q(lidmaatschappen__einde__gte=datum)
            )
            .distinct()
        )


class Gemeente(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-code ziet eruit als GM0202."))],
        help_text=_("De gemeentecode van het CBS, bijvoorbeeld GM0202 voor Arnhem."),
    )
    provincie = models.CharField(_("provincie"), max_length=20, choices=Provincie.choices)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()
    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        permissions = [
            ("griffier_van", _("Is griffier van deze gemeente")),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("gemeente", kwargs={"slug": self.slug})


class Inwonertal(models.Model):
    """The population of a gemeente on a peildatum, as CBS publishes it."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="inwonertallen", verbose_name=_("gemeente")
    )
    peildatum = models.DateField(_("peildatum"))
    inwoners = models.PositiveIntegerField(_("inwoners"))
    bron = models.CharField(_("bron"), max_length=200, default="CBS StatLine")

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-peildatum"]
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "peildatum"], name="inwonertal_uniek"),
            models.CheckConstraint(condition=models.Q(inwoners__gt=0), name="inwonertal_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.peildatum:%d-%m-%Y}: {self.inwoners}"


class Lidmaatschap(models.Model):
    """A gemeente's membership; a programme year shares among the members of its 1 January."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("gemeente"),
    )
    begin = models.DateField(_("begindatum"))
    einde = models.DateField(_("einddatum"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "begin"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einde__isnull=True) | models.Q(einde__gte=models.F("begin")),
                name="lidmaatschap_einde_na_begin",
            )
        ]

    def __str__(self) -> str:
        einde = f"{self.einde:%d-%m-%Y}" if self.einde else "…"
        return f"{self.gemeente}: {self.begin:%d-%m-%Y} – {einde}"


class Thema(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.naam


class Partner(models.Model):
    """A maatschappelijke partner that can sit in a stuurgroep."""

    class Soort(models.TextChoices):
        KENNISINSTELLING = "kennisinstelling", _("kennisinstelling")
        OVERHEID = "overheid", _("overheid")
        WATERSCHAP = "waterschap", _("waterschap")
        BEDRIJF = "bedrijf", _("bedrijf")
        MAATSCHAPPELIJK = "maatschappelijk", _("maatschappelijke organisatie")

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.naam


class Bestuurder(models.Model):
    """A wethouder or burgemeester of a member gemeente; may be regionaal portefeuillehouder."""

    class Functie(models.TextChoices):
        WETHOUDER = "wethouder", _("wethouder")
        BURGEMEESTER = "burgemeester", _("burgemeester")

    naam = models.CharField(_("naam"), max_length=200)
    functie = models.CharField(_("functie"), max_length=20, choices=Functie.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="bestuurders", verbose_name=_("gemeente")
    )
    portefeuille = models.CharField(_("lokale portefeuille"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bestuurder",
        verbose_name=_("gebruiker"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("bestuurder")
        verbose_name_plural = _("bestuurders")
        constraints = [
            models.UniqueConstraint(fields=["naam", "gemeente"], name="bestuurder_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_functie_display()} {self.gemeente})"


class GemeenteUserObjectPermission(UserObjectPermissionBase):
    """A user's object permission on one gemeente (guardian, direct foreign key)."""

    content_object = models.ForeignKey(Gemeente, on_delete=models.CASCADE)

    history = HistoricalRecords()


class GemeenteGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Gemeente, on_delete=models.CASCADE)

    history = HistoricalRecords()


# Every change of a role or right is in history (issue 13): users with their groups and direct
# permissions, groups with their permissions. Password hashes stay out of the history tables.
def _registreer_rechtenhistorie() -> None:
    from django.contrib.auth.models import Group, User
    from simple_history import register

    from regio.rechten import RechtenHistorie, verbind

    register(
        User,
        app="regio",
        records_class=RechtenHistorie,
        m2m_fields=["groups", "user_permissions"],
        excluded_fields=["password", "last_login"],
    )
    register(Group, app="regio", records_class=RechtenHistorie, m2m_fields=["permissions"])
    verbind()


_registreer_rechtenhistorie()


class OpenbareWijziging(models.Model):
    """One moment at which what the public sees changed: a publication, a Besluit, an answer,
    an edit of reference data. Only ever appended (regio.publicatie); the number of rows and the
    newest one are the key of the public page cache, its ETag and its Last-Modified."""

    moment = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    reden = models.CharField(_("reden"), max_length=200)

    class Meta:
        verbose_name = _("openbare wijziging")
        verbose_name_plural = _("openbare wijzigingen")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M:%S} {self.reden}"
