"""Admin of the reference data, and of the users and their roles (functioneel beheer)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdminMixin

from regio.admin_site import HistorieAdmin
from regio.models import Bestuurder, Gemeente, Inwonertal, Lidmaatschap, Partner, Thema
from regio.rechten import TOEWIJSBARE_GEMEENTERECHTEN, TOEWIJSBARE_GROEPEN, mag_gebruiker_beheren

User = get_user_model()

GEEN_RECHTEN_VAN_DEZE_GEBRUIKER = _(
    "U mag de rechten van deze gebruiker niet wijzigen: niet van uzelf, en niet van een "
    "superuser of beheerder."
)


class BeperkteObjectrechten(GuardedModelAdminMixin):
    """guardian's object-permission pages, limited for whoever is not a superuser: only the
    rights in `toewijsbare_objectrechten`, only to users they may manage, never to a group."""

    toewijsbare_objectrechten: tuple[str, ...] = ()

    def get_obj_perms_user_select_form(self, request):
        basis = super().get_obj_perms_user_select_form(request)
        acting = request.user

        class GebruikerKiezen(basis):
            def clean_user(self):
                user = super().clean_user()
                if not mag_gebruiker_beheren(acting, user):
                    raise forms.ValidationError(GEEN_RECHTEN_VAN_DEZE_GEBRUIKER)
                return user

        return GebruikerKiezen

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        if not request.user.is_superuser:
            user = User.objects.filter(pk=user_id).first() if str(user_id).isdigit() else None
            if user is None:
                raise Http404
            if not mag_gebruiker_beheren(request.user, user):
                raise PermissionDenied
        return super().obj_perms_manage_user_view(request, object_pk, user_id)

    def _beperkt(self, basis, request, toegestaan):
        if request.user.is_superuser:
            return basis

        class Beperkt(basis):
            def get_obj_perms_field_choices(self):
                return [(c, n) for c, n in super().get_obj_perms_field_choices() if c in toegestaan]

        return Beperkt

    def get_obj_perms_manage_user_form(self, request):
        basis = super().get_obj_perms_manage_user_form(request)
        return self._beperkt(basis, request, self.toewijsbare_objectrechten)

    def get_obj_perms_manage_group_form(self, request):
        # A right given to a group reaches every member, functioneel beheer included.
        return self._beperkt(super().get_obj_perms_manage_group_form(request), request, ())


class InwonertalInline(admin.TabularInline):
    model = Inwonertal
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0


@admin.register(Gemeente)
class GemeenteAdmin(BeperkteObjectrechten, HistorieAdmin):
    toewijsbare_objectrechten = TOEWIJSBARE_GEMEENTERECHTEN
    list_display = ["naam", "cbs_code", "provincie"]
    list_filter = ["provincie"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [InwonertalInline, LidmaatschapInline]


@admin.register(Thema)
class ThemaAdmin(HistorieAdmin):
    list_display = ["naam", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Partner)
class PartnerAdmin(HistorieAdmin):
    list_display = ["naam", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Bestuurder)
class BestuurderAdmin(HistorieAdmin):
    list_display = ["naam", "functie", "gemeente", "user"]
    list_filter = ["functie", "gemeente"]
    search_fields = ["naam"]
    autocomplete_fields = ["user"]
    list_select_related = ["gemeente", "user"]

    def get_form(self, request, obj=None, **kwargs):
        # Linking a bestuurder to an account hands that account the portefeuillehouder rights
        # of the bestuurder's opgaven (programma/apps.py): never to oneself or a beheerder.
        basis = super().get_form(request, obj, **kwargs)
        acting = request.user
        huidig = obj.user_id if obj is not None else None

        class BestuurderForm(basis):
            def clean_user(self):
                user = self.cleaned_data.get("user")
                if (
                    user is not None
                    and user.pk != huidig
                    and not mag_gebruiker_beheren(acting, user)
                ):
                    raise forms.ValidationError(GEEN_RECHTEN_VAN_DEZE_GEBRUIKER)
                return user

        return BestuurderForm


@admin.register(Inwonertal)
class InwonertalAdmin(HistorieAdmin):
    list_display = ["gemeente", "peildatum", "inwoners", "bron"]
    list_filter = ["peildatum"]
    list_select_related = ["gemeente"]


# --- users, groups and object rights: functioneel beheer grants only what it may (issue 13) ---

_RECHTVELDEN = ["is_superuser", "is_staff", "user_permissions"]

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    """Functioneel beheer manages accounts and assigns the roles regiobestuur and
    programmabureau to other users; it changes neither its own rights nor the account of a
    superuser, staff member or other beheerder. It may set the password of an account it may
    manage; its own password it changes with its old one (accounts/wachtwoord/wijzigen/).
    regio.rechten refuses the same on the models, whatever the form."""

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser or obj.pk == request.user.pk:
            return True
        return mag_gebruiker_beheren(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or mag_gebruiker_beheren(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return velden
        velden += _RECHTVELDEN
        if obj is not None and obj.pk == request.user.pk:
            velden += ["groups", "is_active"]  # nobody changes their own roles
        return velden

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=TOEWIJSBARE_GROEPEN)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The form offers only the assignable groups; other groups a user holds stay.
        if not request.user.is_superuser and "groups" in form.cleaned_data and change:
            overig = form.instance.groups.exclude(name__in=TOEWIJSBARE_GROEPEN)
            form.cleaned_data["groups"] = Group.objects.filter(
                pk__in=[
                    *form.cleaned_data["groups"].values_list("pk", flat=True),
                    *overig.values_list("pk", flat=True),
                ]
            )
        super().save_related(request, form, formsets, change)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and not mag_gebruiker_beheren(request.user, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Group)
class GroepAdmin(GroupAdmin):
    """The roles are groups known by name, with permissions that define them: functioneel
    beheer reads them; only a superuser changes them."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
