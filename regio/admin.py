from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema


class InwonertalInline(admin.TabularInline):
    model = Inwonertal
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0


@admin.register(Gemeente)
class GemeenteAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["naam", "cbs_code", "provincie"]
    list_filter = ["provincie"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [InwonertalInline, LidmaatschapInline]


@admin.register(Thema)
class ThemaAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Bestuurder)
class BestuurderAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "functie", "gemeente", "user"]
    list_filter = ["functie", "gemeente"]
    search_fields = ["naam"]
    autocomplete_fields = ["user"]
    list_select_related = ["gemeente", "user"]


@admin.register(Inwonertal)
class InwonertalAdmin(SimpleHistoryAdmin):
    list_display = ["gemeente", "peildatum", "inwoners", "bron"]
    list_filter = ["peildatum"]
    list_select_related = ["gemeente"]
