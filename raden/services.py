"""Who belongs to which council: griffiers and raadsleden of a gemeente, kept as guardian
object permissions on the Gemeente (with history of who granted or withdrew them)."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import transaction

from regio.history import bewaar, verwijder
from regio.models import Gemeente, GemeenteUserObjectPermission


def _permissie(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="regio", codename=codename)


def _ken_toe(*, codename: str, gemeente: Gemeente, user, acting_user) -> None:
    permissie = _permissie(codename)
    if not GemeenteUserObjectPermission.objects.filter(
        user=user, permission=permissie, content_object=gemeente
    ).exists():
        bewaar(
            GemeenteUserObjectPermission(user=user, permission=permissie, content_object=gemeente),
            acting_user=acting_user,
            valideer=False,
        )


def _trek_in(*, codename: str, gemeente: Gemeente, user, acting_user) -> None:
    for rij in GemeenteUserObjectPermission.objects.filter(
        user=user, permission=_permissie(codename), content_object=gemeente
    ):
        verwijder(rij, acting_user=acting_user)


@transaction.atomic
def benoem_griffier(*, gemeente: Gemeente, user, acting_user) -> None:
    """Make this user a griffier of this gemeente."""
    _ken_toe(codename="griffier_van", gemeente=gemeente, user=user, acting_user=acting_user)


@transaction.atomic
def voeg_raadslid_toe(*, gemeente: Gemeente, user, acting_user) -> None:
    """Make this user a raadslid of this gemeente."""
    _ken_toe(codename="raadslid_van", gemeente=gemeente, user=user, acting_user=acting_user)


@transaction.atomic
def verwijder_raadslid(*, gemeente: Gemeente, user, acting_user) -> None:
    """Withdraw this user's raadslid role in this gemeente."""
    _trek_in(codename="raadslid_van", gemeente=gemeente, user=user, acting_user=acting_user)
