"""Reads of the councils that pages share."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from guardian.shortcuts import get_objects_for_user

from opgaven.models import Opgave
from programma.models import ProgrammaVersie
from programma.selectors import gepubliceerde_opgaven_van
from raden.models import Fractie, Keuze, Raadslid, Stem, Stemming
from raden.selectors_openbaar import FractieStemmen, OpenbareStemming
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


def _leden(fractie: FractieStemmen) -> int:
    return fractie.voor + fractie.tegen + fractie.niet_deelgenomen


def stemmen_per_fractie_van_versie(versie: ProgrammaVersie) -> list[OpenbareStemming]:
    """Every confirmed vote of every raad on this version, with its votes counted per fractie
    (voor / tegen / niet deelgenomen, from the Stem rows as cast; without the members' names),
    by gemeente and in opening order. Two queries, whatever the number of votes: the counting
    is done by the database (thousands of Stem rows as objects took seconds)."""
    if versie.bevroren_op is None:
        return []
    stemmingen = {
        s.pk: OpenbareStemming(stemming=s, fracties=[])
        for s in Stemming.objects.filter(versie=versie, bevestigd_op__isnull=False)
        .select_related("gemeente", "programma_opgave__opgave")
        .order_by("gemeente__naam", "geopend_op", "pk")
    }
    fracties: dict[tuple[int, str], FractieStemmen] = {}
    tellingen = (
        # the votes of exactly these stemmingen (one confirmed in between is not half shown)
        Stem.objects.filter(stemming_id__in=list(stemmingen))
        .order_by()
        .values_list("stemming_id", "fractie_naam", "keuze")
        .annotate(aantal=Count("pk"))
    )
    for stemming_id, naam, keuze, aantal in tellingen:
        fractie = fracties.setdefault((stemming_id, naam), FractieStemmen(naam=naam))
        if keuze == Keuze.VOOR:
            fractie.voor += aantal
        elif keuze == Keuze.TEGEN:
            fractie.tegen += aantal
        else:
            fractie.niet_deelgenomen += aantal
    for (stemming_id, _), fractie in fracties.items():
        stemmingen[stemming_id].fracties.append(fractie)
    for s in stemmingen.values():
        s.fracties.sort(key=lambda f: (-_leden(f), f.naam.casefold()))
        s.voor = sum(f.voor for f in s.fracties)
        s.tegen = sum(f.tegen for f in s.fracties)
        s.niet_deelgenomen = sum(f.niet_deelgenomen for f in s.fracties)
    return list(stemmingen.values())
