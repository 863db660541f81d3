from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave
from regio.admin import BeperkteObjectrechten
from regio.admin_site import HistorieAdmin

NIET_BESCHIKBAAR = {
    "titel": _("Deze titel is niet beschikbaar; kies een andere."),
    "slug": _("Dit adres is niet beschikbaar; kies een ander."),
}


def _zonder_concepttitels(form_class, request):
    """Someone who may not see concepts learns from a clash neither the title nor that the
    other opgave is a concept: every clash of titel or slug gets the same plain message."""

    class OpgaveForm(form_class):
        def _post_clean(self):
            # read before the model's checks: a field with an error leaves cleaned_data
            waarden = {
                "titel": (self.cleaned_data.get("titel") or "").strip(),
                "slug": self.cleaned_data.get("slug") or "",
            }
            super()._post_clean()
            andere = Opgave.objects.exclude(pk=self.instance.pk)
            for veld, bericht in NIET_BESCHIKBAAR.items():
                if veld not in self.errors or not waarden[veld]:
                    continue
                lookup = "titel__iexact" if veld == "titel" else "slug"
                if andere.filter(**{lookup: waarden[veld]}).exists():
                    self._errors[veld] = self.error_class([bericht])

    return OpgaveForm


@admin.register(Opgave)
class OpgaveAdmin(BeperkteObjectrechten, HistorieAdmin):
    # The portefeuillehouder right follows the regiobestuur's appointment in the portal.
    toewijsbare_objectrechten = ()

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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.has_perm("programma.bekijk_concept"):
            return form
        return _zonder_concepttitels(form, request)

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
