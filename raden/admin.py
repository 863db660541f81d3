from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from raden.models import Fractie, Raadslid


@admin.register(Fractie)
class FractieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente"]
    search_fields = ["naam"]
    list_select_related = ["gemeente"]


@admin.register(Raadslid)
class RaadslidAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "gemeente", "fractie", "begin", "einde"]
    list_filter = ["gemeente", "einde"]
    list_select_related = ["gemeente", "fractie", "user"]
    autocomplete_fields = ["user", "fractie"]
