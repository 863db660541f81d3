"""Reads of the councils that pages share."""

from __future__ import annotations

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from opgaven.models import Opgave
from programma.selectors import gepubliceerde_opgaven_van
from raden.models import Fractie, Raadslid
from regio.models import Gemeente


def raadsleden_van(gemeente: Gemeente) -> QuerySet[Raadslid]:
    """The sitting raadsleden of a gemeente, by fractie."""
    return (
        Raadslid.objects.zittend()
        .filter(gemeente=gemeente)
        .select_related("fractie", "user")
        .order_by("fractie__naam", "achternaam", "voornaam")
    )


def fracties_van(gemeente: Gemeente) -> QuerySet[Fractie]:
    return Fractie.objects.filter(gemeente=gemeente).order_by("naam")


def gemeenten_met_recht(user, codename: str) -> QuerySet[Gemeente]:
    """The gemeenten on which this user holds an object permission (one query, no globals)."""
    if not user.is_authenticated:
        return Gemeente.objects.none()
    return get_objects_for_user(
        user, f"regio.{codename}", klass=Gemeente, accept_global_perms=False
    ).order_by("naam")


def gemeenten_als_raadslid(user) -> QuerySet[Gemeente]:
    """The gemeenten in whose raad this user sits today (their seat is the one source)."""
    if not user.is_authenticated:
        return Gemeente.objects.none()
    return Gemeente.objects.filter(
        pk__in=Raadslid.objects.zittend().filter(user=user).values("gemeente_id")
    ).order_by("naam")


def opgaven_van_portefeuillehouder(user) -> QuerySet[Opgave]:
    """The opgaven this user is regionaal portefeuillehouder of in a published programme year
    (the appointment in that year's version is the one source of it)."""
    return (
        Opgave.objects.filter(pk__in=gepubliceerde_opgaven_van(user).values("opgave_id"))
        .select_related("thema")
        .order_by("titel")
    )
