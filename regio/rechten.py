"""Who may grant which role or right, enforced on the models themselves (issue 13).

The admin offers functioneel beheer only what it may assign; these signal guards are the
backstop behind it, so that no form or view, present or future, can grant more. They apply
inside a web request (the acting user comes from simple-history's request middleware); the
command line, migrations and the demo loader run without a request and are trusted, because
only they can make a superuser.

The rules (DOMAIN.md, "Who may do what"):
- a superuser may change every role and right, their own included;
- is_superuser, is_staff, direct user permissions, group permissions and group names are set
  by superusers only;
- functioneel beheer (``auth.change_user``) assigns the groups regiobestuur and programmabureau
  and griffier of a gemeente, to other users that hold no more rights than it can grant;
- a griffier seats raadsleden of their own gemeente;
- the portefeuillehouder right follows the regiobestuur's appointment;
- nobody grants themselves anything, and nobody but a superuser changes a protected user
  (a superuser, staff member or functioneel beheerder) other than themselves.

Every change of a role or right is in history: users (with their groups and direct
permissions) and groups (with their permissions) are registered with simple-history in
regio/models.py, the object permissions have their own history models.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

# Group names as raden's roles define them; regio cannot import raden (imports flow one way).
FUNCTIONEEL_BEHEER = "functioneel beheer"
TOEWIJSBARE_GROEPEN = frozenset({"regiobestuur", "programmabureau"})
# Object permissions on a gemeente that functioneel beheer assigns in the admin.
TOEWIJSBARE_GEMEENTERECHTEN = ("griffier_van",)


class RechtGeweigerd(PermissionDenied):
    """A grant of a role or right that the acting user may not make: 403 wherever it happens."""


_GEEN_VERZOEK = object()


def handelende_gebruiker():
    """The user of the current web request, AnonymousUser included; _GEEN_VERZOEK outside one."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return _GEEN_VERZOEK
    return getattr(request, "user", None)


def _onbeperkt(acting) -> bool:
    return acting is _GEEN_VERZOEK or bool(acting is not None and acting.is_superuser)


def is_beschermd(user) -> bool:
    """A user with more rights than functioneel beheer can grant: only a superuser changes them."""
    if user.is_superuser or user.is_staff:
        return True
    if user.pk is None:
        return False
    return user.groups.filter(name=FUNCTIONEEL_BEHEER).exists() or user.user_permissions.exists()


def mag_gebruiker_beheren(acting, user) -> bool:
    """May this acting user change this user's account, roles and password (not their own)?"""
    if acting is None or not acting.is_authenticated:
        return False
    if acting.is_superuser:
        return True
    return acting.has_perm("auth.change_user") and user.pk != acting.pk and not is_beschermd(user)


def _weiger(bericht) -> None:
    raise RechtGeweigerd(bericht)


def _controleer_groepen(acting, users, groepen) -> None:
    if _onbeperkt(acting):
        return
    if acting is None or not acting.is_authenticated or not acting.has_perm("auth.change_user"):
        _weiger(_("U mag geen rollen toekennen."))
    for user in users:
        if user.pk == acting.pk:
            _weiger(_("Niemand wijzigt zijn eigen rollen of rechten."))
        if is_beschermd(user):
            _weiger(_("Alleen een superuser wijzigt de rollen van een beheerder."))
    if any(g.name not in TOEWIJSBARE_GROEPEN for g in groepen):
        _weiger(_("Functioneel beheer kent alleen de rollen regiobestuur en programmabureau toe."))


def _groepen_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    acting = handelende_gebruiker()
    if _onbeperkt(acting):
        return
    from django.contrib.auth.models import Group, User

    if reverse:  # group.user_set.add(...)
        groepen = [instance]
        users = (
            list(instance.user_set.all())
            if action == "pre_clear"
            else list(User.objects.filter(pk__in=pk_set))
        )
    else:
        users = [instance]
        groepen = (
            list(instance.groups.all())
            if action == "pre_clear"
            else list(Group.objects.filter(pk__in=pk_set))
        )
    _controleer_groepen(acting, users, groepen)


def _alleen_superuser(sender, instance, action, **kwargs) -> None:
    """Direct user permissions and group permissions: superusers only."""
    if action in ("pre_add", "pre_remove", "pre_clear") and not _onbeperkt(handelende_gebruiker()):
        _weiger(_("Alleen een superuser kent rechten rechtstreeks toe."))


def _gebruiker_opgeslagen(sender, instance, update_fields=None, **kwargs) -> None:
    acting = handelende_gebruiker()
    if _onbeperkt(acting) or (update_fields and set(update_fields) == {"last_login"}):
        return  # a login touches no right
    if instance.pk is None:
        if instance.is_superuser or instance.is_staff:
            _weiger(_("Alleen een superuser maakt een beheerder of superuser."))
        return
    oud = type(instance)._base_manager.filter(pk=instance.pk).first()
    if oud is None:
        return
    if (oud.is_superuser, oud.is_staff) != (instance.is_superuser, instance.is_staff):
        _weiger(_("Alleen een superuser wijzigt de status beheerder of superuser."))
    ingelogd = acting is not None and acting.is_authenticated
    if ingelogd and instance.pk == acting.pk and oud.is_active != instance.is_active:
        _weiger(_("Niemand wijzigt zijn eigen rollen of rechten."))
    # A password reset (anonymous, proven by the e-mailed token) may touch anyone; a logged-in
    # user other than the account's owner may not touch a protected account.
    if ingelogd and instance.pk != acting.pk and is_beschermd(oud):
        _weiger(_("Alleen een superuser wijzigt het account van een beheerder of superuser."))


def _groep_opgeslagen(sender, instance, **kwargs) -> None:
    # Roles are known by their group's name: renaming or creating groups is for superusers.
    if not _onbeperkt(handelende_gebruiker()):
        _weiger(_("Alleen een superuser wijzigt groepen."))


def _objectrecht_gewijzigd(sender, instance, **kwargs) -> None:
    acting = handelende_gebruiker()
    if _onbeperkt(acting):
        return
    if kwargs.get("signal") is pre_save and instance.pk is not None:
        return  # guardian never changes a row in place; a grant is a new row
    ingelogd = acting is not None and acting.is_authenticated
    if not ingelogd:
        _weiger(_("U mag geen rechten toekennen."))
    codename = instance.permission.codename
    user = getattr(instance, "user", None)
    if user is None:  # a group object permission
        _weiger(_("Alleen een superuser kent rechten aan een groep toe."))
    toekennen = kwargs.get("signal") is pre_save
    zelf = user.pk == acting.pk
    if codename == "griffier_van":
        bevoegd = acting.has_perm("auth.change_user")
    elif codename == "portefeuillehouder_van":
        # The regiobestuur appoints (itself too: it holds every right of a portefeuillehouder);
        # others only keep the right in step with appointments already made.
        if acting.has_perm("programma.benoem_portefeuillehouder") or not toekennen:
            return
        bevoegd = not zelf and not is_beschermd(user)
    else:
        bevoegd = False
    if not bevoegd:
        _weiger(_("U mag dit recht niet toekennen of intrekken."))
    if toekennen and zelf:
        _weiger(_("Niemand kent zichzelf rechten toe."))
    if toekennen and is_beschermd(user):
        _weiger(_("Alleen een superuser wijzigt de rechten van een beheerder."))


def _herstel_na_nieuw_wachtwoord(sender, instance, **kwargs) -> None:
    """A new password (a reset by e-mail above all) lifts the lock-out of that account, so the
    advice on the lock-out page works."""
    if getattr(instance, "_password", None) is None:  # set_password() leaves it until saved
        return
    username = instance.get_username()
    if username:  # axes resets everything when given no username
        from axes.utils import reset

        reset(username=username)


class RechtenHistorie(HistoricalRecords):
    """History of users and groups: no row for a login (last_login only), a readable reason for
    a new password, and group changes made from the group's side recorded on each user."""

    def post_save(self, instance, created, using=None, **kwargs):
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)

    def get_history_user(self, instance):
        user = super().get_history_user(instance)
        if user is not None or not isinstance(instance, AbstractBaseUser):
            return user
        acting = handelende_gebruiker()
        if acting is _GEEN_VERZOEK:
            # The command line names no one: `createsuperuser` and `changepassword` are run by
            # the holder of that account (who has no other identity here). Any other write
            # without a request must name its acting user itself.
            if instance.is_superuser or getattr(instance, "_password", None) is not None:
                return instance
            return None
        if not getattr(acting, "is_authenticated", False):
            # Only the account's owner changes an account without being logged in: a new
            # password through the e-mailed link (the token proves who it is).
            return instance
        return None

    def get_change_reason_for_object(self, instance, history_type, using):
        reden = super().get_change_reason_for_object(instance, history_type, using)
        if not reden and getattr(instance, "_password", None) is not None:
            return str(gettext_lazy("Wachtwoord gewijzigd"))
        return reden

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove") and pk_set:
            for rij in self.cls._default_manager.filter(pk__in=pk_set):
                self.create_historical_record(rij, "~")


def verbind() -> None:
    """Connect the guards; called once from regio.models."""
    from django.contrib.auth.models import Group, User

    m2m_changed.connect(_groepen_gewijzigd, sender=User.groups.through, dispatch_uid="rechten_g")
    m2m_changed.connect(
        _alleen_superuser, sender=User.user_permissions.through, dispatch_uid="rechten_up"
    )
    m2m_changed.connect(
        _alleen_superuser, sender=Group.permissions.through, dispatch_uid="rechten_gp"
    )
    pre_save.connect(_gebruiker_opgeslagen, sender=User, dispatch_uid="rechten_user")
    pre_save.connect(_groep_opgeslagen, sender=Group, dispatch_uid="rechten_groep")
    pre_delete.connect(_groep_opgeslagen, sender=Group, dispatch_uid="rechten_groep_weg")
    post_save.connect(_herstel_na_nieuw_wachtwoord, sender=User, dispatch_uid="rechten_axes")
    for model in (
        "regio.GemeenteUserObjectPermission",
        "regio.GemeenteGroupObjectPermission",
    ):
        for signaal in (pre_save, pre_delete):
            signaal.connect(
                _objectrecht_gewijzigd,
                sender=model,
                dispatch_uid=f"rechten_{model}_{id(signaal)}",
            )
