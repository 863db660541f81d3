"""Who made a change, as a reader of the history sees it: a name and a role.

A history page names board members and staff by name and role ("Anne de Vries, regiobestuur",
"griffier van Arnhem"); the role is what the person is in the portal today, read in a fixed
number of queries for all the people of a page at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from portaal.rollen import Rol
from raden.models import Raadslid
from regio.models import Bestuurder, GemeenteUserObjectPermission


@dataclass(frozen=True)
class Persoon:
    id: int | None
    naam: str
    rol: str

    @property
    def weergave(self) -> str:
        return f"{self.naam} ({self.rol})" if self.rol else self.naam


ONBEKEND = Persoon(None, "", "")


def _rollen_namen() -> dict[str, str]:
    return {
        Rol.REGIOBESTUUR: _("regiobestuur"),
        Rol.PROGRAMMABUREAU: _("programmabureau"),
        Rol.FUNCTIONEEL_BEHEER: _("functioneel beheer"),
    }


def personen(user_ids) -> dict[int, Persoon]:
    """Name and role of each of these users (four queries, whatever their number)."""
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    rollen: dict[int, list[str]] = defaultdict(list)
    namen_rollen = _rollen_namen()
    users = get_user_model().objects.filter(pk__in=ids).prefetch_related("groups")
    for bestuurder in Bestuurder.objects.filter(user_id__in=ids).select_related("gemeente"):
        rollen[bestuurder.user_id].append(
            _("%(functie)s van %(gemeente)s")
            % {"functie": bestuurder.get_functie_display().lower(), "gemeente": bestuurder.gemeente}
        )
    griffiers = GemeenteUserObjectPermission.objects.filter(
        user_id__in=ids, permission__codename="griffier_van"
    ).select_related("content_object")
    for recht in griffiers:
        rollen[recht.user_id].append(
            _("griffier van %(gemeente)s") % {"gemeente": recht.content_object}
        )
    for lid in Raadslid.objects.filter(user_id__in=ids).select_related("gemeente", "fractie"):
        rol = _("raadslid van %(gemeente)s, fractie %(fractie)s") % {
            "gemeente": lid.gemeente,
            "fractie": lid.fractie.naam,
        }
        if rol not in rollen[lid.user_id]:
            rollen[lid.user_id].append(rol)
    resultaat = {}
    for user in users:
        groepen = [namen_rollen[g.name] for g in user.groups.all() if g.name in namen_rollen]
        naam = user.get_full_name() or user.username
        resultaat[user.pk] = Persoon(user.pk, naam, ", ".join(groepen + rollen[user.pk]))
    return resultaat
