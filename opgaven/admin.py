from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from opgaven.models import Opgave


@admin.register(Opgave)
class OpgaveAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["titel", "thema", "sinds"]
    list_filter = ["thema"]
    search_fields = ["titel", "slug"]
    prepopulated_fields = {"slug": ["titel"]}
    list_select_related = ["thema"]
