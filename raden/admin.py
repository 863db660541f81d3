"""Admin of the councils for functioneel beheer. Parties, fracties and raadsleden are reference
data that staff with the permission may correct. Votes, decisions, coverage and questions are
made by the services only (they check the voting rules): here they can be looked at, changed
only (where a field is not the services' own) before they are frozen, never added or
deleted. The models and the database refuse changes to frozen rows as well, so the read-only
display is courtesy, not the guard."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from raden.models import Besluit, Dekking, Fractie, Partij, Raadslid, Stem, Stemming, Vraag
from regio.admin_site import HistorieAdmin
from regio.bevriezing import is_bevroren
from regio.rechten import is_beschermd


@admin.register(Partij)
class PartijAdmin(HistorieAdmin):
    list_display = ["naam", "lokaal"]
    list_filter = ["lokaal"]
    search_fields = ["naam"]


@admin.register(Fractie)
class FractieAdmin(HistorieAdmin):
    list_display = ["naam", "gemeente", "partij", "zetels"]
    list_filter = ["gemeente"]
    search_fields = ["naam", "partij__naam"]
    list_select_related = ["gemeente", "partij"]
    autocomplete_fields = ["partij"]


class RaadslidAdminForm(forms.ModelForm):
    class Meta:
        model = Raadslid
        fields = ["gemeente", "fractie", "voornaam", "achternaam", "user", "begin", "einde"]

    def clean_user(self):
        user = self.cleaned_data.get("user")
        acting = self.acting_user
        if (
            user is not None
            and user.pk != self.initial.get("user")
            and not acting.is_superuser
            and (user.pk == acting.pk or is_beschermd(user))
        ):
            # a seat is a right (raden.permissions): the rule of regio.rechten for rows
            raise forms.ValidationError(
                _("Alleen een superuser koppelt dit account aan een raadszetel.")
            )
        return user


@admin.register(Raadslid)
class RaadslidAdmin(HistorieAdmin):
    form = RaadslidAdminForm
    list_display = ["__str__", "gemeente", "fractie", "begin", "einde"]
    list_filter = ["gemeente", "einde"]
    search_fields = ["voornaam", "achternaam", "user__username"]
    list_select_related = ["gemeente", "fractie", "user"]
    autocomplete_fields = ["user", "fractie"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.acting_user = request.user
        return form


class AlleenLezenAlsBevroren:
    """Made by the services only; read-only once frozen (regio.bevriezing)."""

    # simple-history looks the object up before it asks for permission: without the right to
    # see the model, refuse first, so an unknown id answers the same as a known one
    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        bevroren = obj is not None and is_bevroren(obj)
        return not bevroren and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # a vote, a decision or a question is evidence: the services lapse or replace them
        return False


class StemInline(AlleenLezenAlsBevroren, admin.TabularInline):
    model = Stem
    extra = 0
    fields = ["raadslid", "fractie_naam", "keuze", "reden", "uitgebracht_door", "uitgebracht_op"]
    readonly_fields = fields


@admin.register(Stemming)
class StemmingAdmin(AlleenLezenAlsBevroren, HistorieAdmin):
    list_display = [
        "__str__",
        "gemeente",
        "vergaderdatum",
        "uitkomst",
        "voor",
        "tegen",
        "bevestigd_op",
    ]
    list_filter = ["gemeente", "uitkomst"]
    list_select_related = True
    date_hierarchy = "vergaderdatum"
    inlines = [StemInline]
    readonly_fields = [
        "gemeente",
        "versie",
        "programma_opgave",
        "herstemming_van",
        "vervallen_reden",
        "geopend_op",
        "geopend_door",
        "gesloten_op",
        "gesloten_door",
        "uitkomst",
        "zittend",
        "voor",
        "tegen",
        "afwezig",
        "onthouden",
        "bevestigd_op",
        "bevestigd_door",
    ]


@admin.register(Stem)
class StemAdmin(AlleenLezenAlsBevroren, HistorieAdmin):
    list_display = ["__str__", "stemming", "fractie_naam", "keuze", "reden", "uitgebracht_op"]
    list_filter = ["keuze", "reden"]
    list_select_related = True
    # the counts of the vote are made from these when it closes: no hand edits
    readonly_fields = [
        "stemming",
        "raadslid",
        "keuze",
        "reden",
        "fractie_naam",
        "uitgebracht_door",
        "uitgebracht_op",
    ]


@admin.register(Besluit)
class BesluitAdmin(AlleenLezenAlsBevroren, HistorieAdmin):
    list_display = ["__str__", "gemeente", "programma_opgave", "deelname", "bijdrage"]
    list_filter = ["gemeente", "deelname"]
    list_select_related = True
    readonly_fields = ["gemeente", "programma_opgave", "stemming", "deelname", "bijdrage"]


@admin.register(Dekking)
class DekkingAdmin(AlleenLezenAlsBevroren, HistorieAdmin):
    list_display = ["__str__", "budget", "gedekt_bedrag", "gedekt", "vastgesteld_op"]
    list_filter = ["gedekt"]
    list_select_related = True
    readonly_fields = [
        "programma_opgave",
        "budget",
        "gedekt_bedrag",
        "gedekt",
        "vastgesteld_op",
        "vastgesteld_door",
    ]


@admin.register(Vraag)
class VraagAdmin(AlleenLezenAlsBevroren, HistorieAdmin):
    list_display = ["__str__", "raadslid", "gesteld_op", "beantwoord_op"]
    list_select_related = True
    search_fields = ["vraag", "antwoord"]
    readonly_fields = [
        "programma_opgave",
        "raadslid",
        "gesteld_op",
        "beantwoord_op",
        "beantwoord_door",
    ]
