"""Who may do what with a programme opgave.

The portefeuillehouder's rights follow the year: they belong to the portefeuillehouder of an
opgave in one programme version (`ProgrammaOpgave.portefeuillehouder.user`), so the 2026 holder
keeps the 2026 opgave when 2027 has another. No permission row mirrors the appointment (a mirror
drifts): `PortefeuillehouderBackend` reads the appointment itself whenever it is asked, and it is
the only backend that can grant the object permissions below."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from programma.models import ProgrammaOpgave

# Role permissions (groups, raden.rollen / portaal.rollen).
BEKIJKEN = "programma.bekijk_concept"
BEWERKEN = "programma.bewerk_concept"
BENOEMEN = "programma.benoem_portefeuillehouder"
VOORSTELLEN = "programma.stel_voor"

# Object permissions on one ProgrammaOpgave, answered only by PortefeuillehouderBackend.
#: the user is the portefeuillehouder of the opgave in this version (later: reports on it)
PORTEFEUILLEHOUDER_VAN = "programma.portefeuillehouder_van"
#: the user may edit the content of the opgave in this version: it is a concept, and the user
#: drafts every concept or is its portefeuillehouder there (which fields: `mag_alles_bewerken`)
BEWERK_OPGAVE = "programma.bewerk_opgave"

OBJECTRECHTEN = frozenset({PORTEFEUILLEHOUDER_VAN, BEWERK_OPGAVE})


def is_portefeuillehouder(user, po: ProgrammaOpgave) -> bool:
    """Whether `user` is the portefeuillehouder of this opgave in this version."""
    if po.portefeuillehouder_id is None or not getattr(user, "pk", None):
        return False
    return po.portefeuillehouder.user_id == user.pk


def mag_alles_bewerken(user) -> bool:
    """Budget, rangorde, synergieën, title and thema: the regiobestuur's and programmabureau's;
    a portefeuillehouder edits the texts of their own opgave only."""
    return bool(user is not None and user.has_perm(BEWERKEN))


class PortefeuillehouderBackend(BaseBackend):
    """The object permissions of OBJECTRECHTEN, read from the appointment in that version.

    For these permissions this backend is the only source: a refusal raises PermissionDenied,
    which stops Django from asking the backends after it (guardian), so no stray permission row
    can grant them."""

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm not in OBJECTRECHTEN:
            return False
        if (
            isinstance(obj, ProgrammaOpgave)
            and user_obj.is_active
            and self._heeft(user_obj, perm, obj)
        ):
            return True
        raise PermissionDenied

    @staticmethod
    def _heeft(user, perm: str, po: ProgrammaOpgave) -> bool:
        if perm == PORTEFEUILLEHOUDER_VAN:
            return is_portefeuillehouder(user, po)
        if po.versie.is_bevroren:
            return False
        return mag_alles_bewerken(user) or is_portefeuillehouder(user, po)
