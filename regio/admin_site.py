"""The admin for functioneel beheer. A logged-in user without admin rights gets 403 instead of
Django's login form, as everywhere else in the portal."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied


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
