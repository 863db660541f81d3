"""The admin for functioneel beheer. A logged-in user without admin rights gets 403 instead of
Django's login form, as everywhere else in the portal."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin


class RegioAdminSite(admin.AdminSite):
    site_header = "Regioportaal – functioneel beheer"
    site_title = "Regioportaal"
    index_title = "Beheer"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        wrapper.admin_site = self
        return update_wrapper(wrapper, view)

    def get_urls(self):
        # "View on site" follows an object's own address; Django's shortcut does so for any
        # object of any model, which tells a concept opgave's address to whoever guesses its id.
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "view_on_site"]
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.bekijk_op_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def bekijk_op_site(self, request, content_type_id, object_id):
        """Only for an object this user may see in the admin, through its own model admin."""
        # imported here: this module is loaded with INSTALLED_APPS, before the models
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        try:
            zichtbaar = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            zichtbaar = False
        if not zichtbaar:
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin form refuses digits other than 0-9 and ids past 64 bits with a message
        # instead of a 500 (regio.forms.bewaak), whichever admin class registers it.
        admin_class = _veilig(admin_class or admin.ModelAdmin)
        admin_class.inlines = [_veilig(inline) for inline in admin_class.inlines]
        return super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().login(request, extra_context)


def _veilig(klasse):
    from regio.forms import VeiligeInvoerAdmin

    if issubclass(klasse, VeiligeInvoerAdmin):
        return klasse
    return type(klasse.__name__, (VeiligeInvoerAdmin, klasse), {"__module__": klasse.__module__})


class RegioAdminConfig(AdminConfig):
    default_site = "regio.admin_site.RegioAdminSite"


class GeenTerugzetten:
    """simple-history's record page saves whatever is POSTed to it (the old state of the row)
    even with SIMPLE_HISTORY_REVERT_DISABLED, which only hides its button. Here it only shows:
    a POST is answered as a GET with a message, and nothing is written. A revert goes through
    the portal (programma.services.terugzetten), which checks who may and records why."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and getattr(settings, "SIMPLE_HISTORY_REVERT_DISABLED", False):
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied
            request.method = "GET"  # simple-history saves on POST only
            messages.error(
                request,
                _(
                    "Terugzetten kan niet in de beheeromgeving. Het regiobestuur of het "
                    "programmabureau zet een concept terug in het portaal, met een reden."
                ),
            )
        return super().history_form_view(request, object_id, version_id, extra_context)


class HistorieAdmin(GeenTerugzetten, SimpleHistoryAdmin):
    """The admin base of every model with history: its record pages show, never revert."""
