"""Who may act for a gemeenteraad.

A griffier holds the object permission `regio.griffier_van` on their gemeente (guardian, given
by functioneel beheer). A raadslid's right is their seat: `raden.raadslid_van` on a gemeente is
answered by `RaadslidBackend` from the Raadslid rows themselves (sitting today), so a member whose
seat ends loses it that day, and no permission row can drift from the membership."""

from __future__ import annotations

import datetime

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from raden.models import Raadslid
from regio.models import Gemeente

GRIFFIER_VAN = "regio.griffier_van"
RAADSLID_VAN = "raden.raadslid_van"


def zetel_van(user, gemeente: Gemeente, op: datetime.date | None = None) -> Raadslid | None:
    """The seat this user holds in this gemeenteraad on a date (today by default), if any."""
    if not getattr(user, "pk", None) or not user.is_active:
        return None
    return (
        Raadslid.objects.zittend(op)
        .filter(user=user, gemeente=gemeente)
        .select_related("fractie")
        .first()
    )


def is_griffier(user, gemeente: Gemeente) -> bool:
    """Whether the user is griffier of this gemeente; remembered on the user object for its
    lifetime (a request, a command), as Django remembers a user's other permissions."""
    if not getattr(user, "pk", None):
        return False
    onthouden = user.__dict__.setdefault("_griffier_van", {})
    if gemeente.pk not in onthouden:
        onthouden[gemeente.pk] = user.has_perm(GRIFFIER_VAN, gemeente)
    return onthouden[gemeente.pk]


class RaadslidBackend(BaseBackend):
    """The only source of `raden.raadslid_van`: a refusal raises PermissionDenied, which stops
    Django from asking the backends after it."""

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm != RAADSLID_VAN:
            return False
        if isinstance(obj, Gemeente) and zetel_van(user_obj, obj) is not None:
            return True
        raise PermissionDenied
