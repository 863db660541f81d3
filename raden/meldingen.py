"""E-mail notifications of the decision round. Each is queued with `transaction.on_commit`, so
nothing is sent for a change that is rolled back, and a failing mail server never undoes a
vote. The texts are templates under templates/raden/mail/; the recipients are read here."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from programma.permissions import BEWERKEN, VOORSTELLEN

log = logging.getLogger(__name__)
User = get_user_model()


def _basis_url() -> str:
    return getattr(settings, "PORTAAL_URL", "http://127.0.0.1:8000").rstrip("/")


def _verstuur(berichten: list[tuple[str, str, list[str]]]) -> None:
    """Send after commit, one message per recipient (no one sees the others' addresses); a
    mail failure is logged, never raised into the request."""
    berichten = [(o, t, None, [adres]) for o, t, ontv in berichten for adres in ontv]
    if not berichten:
        return

    def verstuur() -> None:
        try:
            send_mass_mail(berichten, fail_silently=False)
        except Exception:  # noqa: BLE001 - a notification must never break the round
            log.exception("meldingen: versturen mislukt")

    transaction.on_commit(verstuur)


def _bericht(sjabloon: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        tekst = render_to_string(sjabloon, {**context, "basis_url": _basis_url()})
    onderwerp, _, body = tekst.strip().partition("\n")
    return onderwerp.strip(), body.strip() + "\n"


def _adressen(users) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def griffiers_van(gemeente_ids) -> list:
    """The active users holding the griffier permission on any of these gemeenten."""
    from regio.models import GemeenteUserObjectPermission

    user_ids = GemeenteUserObjectPermission.objects.filter(
        permission__codename="griffier_van", content_object_id__in=list(gemeente_ids)
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True))


def _met_recht(codename_vol: str) -> list:
    app, codename = codename_vol.split(".")
    perm = Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app
    )
    perm |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app)
    return list(User.objects.filter(perm, is_active=True).distinct())


def versie_voorgesteld(*, versie, vervangt) -> None:
    """To the griffiers of every member gemeente: a version was proposed or corrected."""
    gemeente_ids = list(versie.deelnemers.values_list("gemeente_id", flat=True))
    onderwerp, tekst = _bericht(
        "raden/mail/versie_voorgesteld.txt",
        {
            "versie": versie,
            "vervangt": vervangt,
            "link": reverse("mijn"),
            "dekking": reverse("dekking", kwargs={"jaar": versie.jaar}),
        },
    )
    _verstuur([(onderwerp, tekst, _adressen(griffiers_van(gemeente_ids)))])


def stemming_geopend(*, gemeente, stemmingen) -> None:
    """To the sitting raadsleden of the gemeente (with an account): a window opened."""
    from raden.models import Raadslid

    if not stemmingen:
        return
    leden = [
        r.user
        for r in Raadslid.objects.zittend(stemmingen[0].vergaderdatum)
        .filter(gemeente=gemeente, user__isnull=False)
        .select_related("user")
    ]
    onderwerp, tekst = _bericht(
        "raden/mail/stemming_geopend.txt",
        {
            "gemeente": gemeente,
            "stemmingen": stemmingen,
            "vergaderdatum": stemmingen[0].vergaderdatum,
            "link": reverse("mijn"),
        },
    )
    _verstuur([(onderwerp, tekst, _adressen(leden))])


def besluit_bevestigd(*, stemming, besluit) -> None:
    """To the regiobestuur and programmabureau: a gemeente confirmed a vote."""
    ontvangers = _met_recht(VOORSTELLEN) + _met_recht(BEWERKEN)
    onderwerp, tekst = _bericht(
        "raden/mail/besluit_bevestigd.txt",
        {
            "stemming": stemming,
            "besluit": besluit,
            "link": reverse("dekking", kwargs={"jaar": stemming.versie.jaar}),
        },
    )
    _verstuur([(onderwerp, tekst, _adressen(ontvangers))])


def stemming_vervallen(*, stemmingen, versie) -> None:
    """To the griffiers whose open votes lapsed with the old version."""
    gemeente_ids = {s.gemeente_id for s in stemmingen}
    if not gemeente_ids:
        return
    onderwerp, tekst = _bericht(
        "raden/mail/stemming_vervallen.txt",
        {"versie": versie, "aantal": len(stemmingen), "link": reverse("mijn")},
    )
    _verstuur([(onderwerp, tekst, _adressen(griffiers_van(gemeente_ids)))])


def vraag_beantwoord(*, vraag) -> None:
    """To the raadslid who asked: the question is answered."""
    user = vraag.raadslid.user
    if user is None:
        return
    onderwerp, tekst = _bericht(
        "raden/mail/vraag_beantwoord.txt",
        {
            "vraag": vraag,
            "link": reverse(
                "opgave-jaar",
                kwargs={
                    "slug": vraag.programma_opgave.opgave.slug,
                    "jaar": vraag.programma_opgave.versie.jaar,
                },
            ),
        },
    )
    _verstuur([(onderwerp, tekst, _adressen([user]))])
