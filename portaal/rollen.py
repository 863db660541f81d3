"""The roles of DOMAIN.md as groups with their model permissions. Object-level roles
(griffier and raadslid of a gemeente, portefeuillehouder of an opgave) are guardian
permissions, assigned by raden.services and programma.services. Roles span every app,
so they live here, above all of them."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction


class Rol:
    REGIOBESTUUR = "regiobestuur"
    PROGRAMMABUREAU = "programmabureau"
    FUNCTIONEEL_BEHEER = "functioneel beheer"


_DRAFTING = [
    "programma.bekijk_concept",
    "programma.bewerk_concept",
]

_BEHEER_MODELLEN = {
    "regio": ["gemeente", "inwonertal", "lidmaatschap", "thema", "partner", "bestuurder"],
    "opgaven": ["opgave"],
    "auth": ["user"],
}

ROLLEN: dict[str, list[str]] = {
    Rol.REGIOBESTUUR: [*_DRAFTING, "programma.stel_voor", "programma.benoem_portefeuillehouder"],
    Rol.PROGRAMMABUREAU: list(_DRAFTING),
    Rol.FUNCTIONEEL_BEHEER: [
        f"{app}.{actie}_{model}"
        for app, modellen in _BEHEER_MODELLEN.items()
        for model in modellen
        for actie in ("view", "add", "change", "delete")
    ]
    + [
        # Functioneel beheer sees the roles; only a superuser changes what a role may do.
        "auth.view_group",
        "programma.view_jaarprogramma",
        "programma.view_programmaversie",
        "programma.view_programmaopgave",
        "programma.view_document",
        "programma.view_vingerafdruk",
    ],
}


ROLLEN_REDEN = "Rollen van DOMAIN.md, geïnstalleerd door migrate"


@transaction.atomic
def installeer_rollen() -> dict[str, Group]:
    """Create the role groups and give them exactly their permissions; idempotent."""
    groepen = {}
    for naam, codes in ROLLEN.items():
        groep = Group.objects.filter(name=naam).first() or Group(name=naam)
        # Written by `migrate`, where no person acts: the reason says who did it instead.
        groep._change_reason = ROLLEN_REDEN
        if groep.pk is None:
            groep.save()
        perms = []
        for code in codes:
            app_label, codename = code.split(".")
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        groep.permissions.set(perms)
        groepen[naam] = groep
    return groepen


def installeer_na_migrate(sender, **kwargs) -> None:
    installeer_rollen()
