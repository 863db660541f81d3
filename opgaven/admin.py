from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from opgaven.models import Opgave


@admin.register(Opgave)
class OpgaveAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["titel", "thema", "sinds"]
    list_filter = ["thema"]
    search_fields = ["titel", "slug"]
    list_select_related = ["thema"]

    def get_queryset(self, request):
        # An opgave that exists only in a concept stays secret for whoever may not draft.
        qs = super().get_queryset(request)
        if request.user.has_perm("programma.bekijk_concept"):
            return qs
        return qs.filter(
            Q(versies__isnull=True) | Q(versies__versie__bevroren_op__isnull=False)
        ).distinct()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.versies.filter(versie__bevroren_op__isnull=False).exists():
            return ["titel", "slug", "thema", "sinds"]
        return ["slug"] if obj is not None else []  # the address never changes

    def get_prepopulated_fields(self, request, obj=None):
        # only while adding; simple-history's history form reads the class attribute, so none
        return {"slug": ["titel"]} if obj is None else {}

    def history_view(self, request, object_id, extra_context=None):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
