"""What the completeness walk of history shares: the demo rows and the set-up its paths start
from (votes opened, seats freed), through the services."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from programma.models import (
    ProgrammaOpgave,
    ProgrammaVersie,
)
from raden import services as raden
from raden.models import Fractie, Raadslid, Stemming
from regio.models import Gemeente
from tests.factories import opgave_post
from tests.fuzz.formulieren import lees

User = get_user_model()
HX = {"HTTP_HX_REQUEST": "true"}
CONCEPT = "/programma/2028/bewerken"
JAAR = 2027  # the year whose decision round runs in the demo
BEHEER = "beheer"  # functioneel beheer


def _user(naam: str):
    return User.objects.get(username=naam)


def _fouten(response) -> str:
    return " | ".join(lees(response.content.decode()).fouten)[:2000]


def _gelukt(response, *statussen):
    assert response.status_code in (statussen or (302,)), (
        response.status_code,
        _fouten(response),
    )


def _po(slug: str, jaar: int = 2028) -> ProgrammaOpgave:
    return (
        ProgrammaOpgave.objects.filter(opgave__slug=slug, versie__jaarprogramma__jaar=jaar)
        .order_by("-versie__nummer")
        .select_related("opgave", "versie")
        .first()
    )


def _huidige_versie(jaar: int = JAAR) -> ProgrammaVersie:
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


def _opgave_post(po, **wijziging) -> dict:
    """The edit form of an opgave as the browser would send it, with changes."""
    return opgave_post(po, **wijziging)


def _vrije_opgave(slug: str) -> ProgrammaOpgave:
    return (
        _huidige_versie()
        .opgaven.exclude(stemmingen__gemeente__slug=slug)
        .exclude(besluiten__gemeente__slug=slug)
        .order_by("rangorde")
        .first()
    )


def _open_stemming(slug: str) -> Stemming:
    """An open vote of this gemeente: the running one, or one its griffier opens now."""
    lopend = Stemming.objects.filter(
        gemeente__slug=slug, versie=_huidige_versie(), gesloten_op__isnull=True, vervallen_reden=""
    ).first()
    if lopend is not None:
        return lopend
    return raden.open_stemmingen(
        gemeente=Gemeente.objects.get(slug=slug),
        versie=_huidige_versie(),
        vergaderdatum=timezone.localdate(),
        opgaven=[_vrije_opgave(slug)],
        acting_user=_user(f"griffier-{slug}"),
    )[0]


def _stemming_url(stemming: Stemming, actie: str = "") -> str:
    return f"/gemeenten/{stemming.gemeente.slug}/stemmingen/{stemming.pk}/{actie}"


def _leg_vast(stemming: Stemming, stemmen: list[tuple[str, str]]) -> None:
    griffier = _user(f"griffier-{stemming.gemeente.slug}")
    leden = list(raden.stemgerechtigden(stemming).order_by("pk"))
    for lid, (keuze, reden) in zip(leden, stemmen, strict=False):
        raden.stem(stemming=stemming, raadslid=lid, keuze=keuze, reden=reden, acting_user=griffier)


def _gesloten(slug: str, stemmen) -> Stemming:
    stemming = _open_stemming(slug)
    _leg_vast(stemming, stemmen)
    raden.sluit_stemming(stemming=stemming, acting_user=_user(f"griffier-{slug}"))
    stemming.refresh_from_db()
    return stemming


def _vrije_zetel(gemeente: Gemeente, fractie_naam: str = "VVD") -> Fractie:
    fractie = Fractie.objects.get(gemeente=gemeente, naam=fractie_naam)
    lid = Raadslid.objects.zittend().filter(fractie=fractie, user__isnull=True).first()
    raden.beeindig_raadslidmaatschap(raadslid=lid, acting_user=_user(f"griffier-{gemeente.slug}"))
    return fractie
