"""Admin for functioneel beheer. Frozen versions and everything in them are read-only here;
the models and the database refuse changes as well, so this is courtesy, not the guard."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from programma.documenten.models import Document, Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from programma.selectors import zichtbare_versies
from regio.admin_site import HistorieAdmin


def _bevroren(obj) -> bool:
    if obj is None:
        return False
    if isinstance(obj, ProgrammaVersie):
        return obj.is_bevroren
    if isinstance(obj, ProgrammaOpgave):
        return obj.versie.is_bevroren
    return False


class AlleenLezenAlsBevroren:
    def has_change_permission(self, request, obj=None):
        return not _bevroren(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _bevroren(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if _bevroren(obj):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)


class AlleenZichtbareVersies:
    """Admin lists go through the same selector as the pages: a concept stays invisible to
    whoever may not draft it, also in the admin."""

    versie_pad = "versie"

    def get_queryset(self, request):
        zichtbaar = zichtbare_versies(request.user).values("pk")
        prefix = f"{self.versie_pad}__" if self.versie_pad else ""
        qs = super().get_queryset(request).filter(**{f"{prefix}pk__in": zichtbaar})
        return qs.distinct() if self.versie_pad == "versies" else qs

    # simple-history shows deleted objects from their history rows, past get_queryset: ask it
    def history_view(self, request, object_id, extra_context=None):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class StuurgroepInline(AlleenLezenAlsBevroren, admin.TabularInline):
    model = StuurgroepLid
    extra = 0
    autocomplete_fields = ["partner", "bestuurder"]


class ExterneRegelingInline(AlleenLezenAlsBevroren, admin.TabularInline):
    model = ExterneRegeling
    extra = 0


class BijdrageInline(AlleenLezenAlsBevroren, admin.TabularInline):
    model = Bijdrage
    extra = 0
    readonly_fields = ["gemeente", "bedrag"]

    def has_add_permission(self, request, obj=None):
        return False


class DeelnemerInline(AlleenLezenAlsBevroren, admin.TabularInline):
    model = Deelnemer
    extra = 0


@admin.register(Jaarprogramma)
class JaarprogrammaAdmin(AlleenZichtbareVersies, HistorieAdmin):
    versie_pad = "versies"

    list_display = ["jaar", "status"]
    readonly_fields = ["status"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.versies.filter(bevroren_op__isnull=False).exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ProgrammaVersie)
class ProgrammaVersieAdmin(AlleenZichtbareVersies, AlleenLezenAlsBevroren, HistorieAdmin):
    versie_pad = ""

    list_display = ["__str__", "titel", "verdeelsleutel", "bevroren_op", "bevroren_door"]
    readonly_fields = ["bevroren_op", "bevroren_door", "aangemaakt_op", "aangemaakt_door"]
    inlines = [DeelnemerInline]
    list_select_related = ["jaarprogramma", "bevroren_door"]


@admin.register(ProgrammaOpgave)
class ProgrammaOpgaveAdmin(AlleenZichtbareVersies, AlleenLezenAlsBevroren, HistorieAdmin):
    def get_readonly_fields(self, request, obj=None):
        # Which version and opgave a row is, and its portefeuillehouder (appointed by the
        # regiobestuur in the portal, which keeps the permissions in step), stay as they are.
        if obj is not None:
            return ["versie", "opgave", "portefeuillehouder", "wijzigingsnummer"]
        return ["wijzigingsnummer"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "versie":
            kwargs["queryset"] = ProgrammaVersie.objects.concepten().select_related("jaarprogramma")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    list_display = ["opgave", "versie", "budget", "capaciteit_fte", "portefeuillehouder"]
    list_filter = ["opgave__thema"]
    search_fields = ["opgave__titel"]
    inlines = [StuurgroepInline, ExterneRegelingInline, BijdrageInline]
    list_select_related = [
        "opgave",
        "versie__jaarprogramma",
        "portefeuillehouder",
        "portefeuillehouder__gemeente",
    ]


@admin.register(Synergie)
class SynergieAdmin(AlleenZichtbareVersies, HistorieAdmin):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("van", "naar"):
            kwargs["queryset"] = ProgrammaOpgave.objects.filter(
                versie__bevroren_op__isnull=True
            ).select_related("opgave", "versie__jaarprogramma")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    versie_pad = "van__versie"

    list_display = ["__str__", "toelichting"]
    list_select_related = ["van__opgave", "naar__opgave"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.van.versie.is_bevroren:
            return False
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission


class AlleenLezen:
    """Made by the portal and frozen from the start (programma.documenten.models): nothing
    to add, change or delete here, by anyone. Only frozen versions have these rows, so there
    is no concept to hide (AlleenZichtbareVersies) either."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = [
        "bestandsnaam",
        "versie",
        "soort",
        "gemeente",
        "grootte",
        "paginas",
        "rendertijd",
        "gemaakt_op",
    ]
    # only versions with documents (frozen ones): a concept's title stays out of the filter
    list_filter = [
        "versie__jaarprogramma__jaar",
        ("versie", admin.RelatedOnlyFieldListFilter),
        "soort",
    ]
    list_select_related = ["versie__jaarprogramma", "gemeente"]
    search_fields = ["bestandsnaam", "sha256", "gemeente__naam"]
    ordering = ["versie__jaarprogramma__jaar", "versie__nummer", "soort", "gemeente__naam"]

    @admin.display(description=_("rendertijd"), ordering="rendertijd_ms")
    def rendertijd(self, obj: Document) -> str:
        return f"{obj.rendertijd_ms} ms"


@admin.register(Vingerafdruk)
class VingerafdrukAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["versie", "sha256", "vorm", "berekend_op"]
    list_select_related = ["versie__jaarprogramma"]
    search_fields = ["sha256"]
    ordering = ["versie__jaarprogramma__jaar", "versie__nummer"]
