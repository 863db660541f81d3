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

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().login(request, extra_context)


class RegioAdminConfig(AdminConfig):
    default_site = "regio.admin_site.RegioAdminSite"
