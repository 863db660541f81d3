"""Who belongs to which council. A griffier or raadslid acts for a gemeente through a guardian
object permission on it; a raadslid is also a Raadslid row (with fractie, begin and end), kept
when they leave so that earlier votes keep their name."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from raden.models import Fractie, Raadslid
from regio.exceptions import DomeinFout
from regio.history import bewaar, verwijder
from regio.models import Gemeente, GemeenteUserObjectPermission

User = get_user_model()


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


def _welkomstmail(*, user, gemeente: Gemeente, basis_url: str) -> None:
    link = basis_url + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    tekst = render_to_string(
        "raden/welkom_raadslid.txt", {"user": user, "gemeente": gemeente, "link": link}
    )
    send_mail(_("Uw account op Regioportaal"), tekst, None, [user.email])


@transaction.atomic
def voeg_raadslid_toe(
    *,
    gemeente: Gemeente,
    fractie_naam: str,
    acting_user,
    user=None,
    voornaam: str = "",
    achternaam: str = "",
    email: str = "",
    basis_url: str = "",
) -> Raadslid:
    """Seat a raadslid in a fractie of this gemeente. Without an existing user an account is
    made from the e-mail address, and the new raadslid gets an e-mail to choose a password."""
    fractie_naam = " ".join(fractie_naam.split())
    if not fractie_naam:
        raise DomeinFout(_("Vul de fractie in."))
    nieuw_account = False
    if user is None:
        email = email.strip().lower()
        if not email:
            raise DomeinFout(_("Vul het e-mailadres in."))
        user = User.objects.filter(username=email).first()
        if user is None:
            user = User(
                username=email,
                email=email,
                first_name=voornaam.strip(),
                last_name=achternaam.strip(),
            )
            user.set_password(secrets.token_urlsafe(32))  # replaced by the raadslid's own
            try:
                with transaction.atomic():
                    user.save()
                nieuw_account = True
            except IntegrityError:
                # the same griffier's double click, or a colleague: the account is there now
                user = User.objects.get(username=email)
    # One seat per person at a time: requests for the same person wait here for each other,
    # so the second one sees the seat the first one made and gets the message below.
    User.objects.select_for_update().filter(pk=user.pk).first()
    zetel = Raadslid.objects.zittend().filter(user=user).select_related("gemeente").first()
    if zetel is not None:
        raise DomeinFout(
            _("%(naam)s is al raadslid van %(gemeente)s.")
            % {"naam": zetel.naam, "gemeente": zetel.gemeente}
        )
    fractie = Fractie.objects.filter(gemeente=gemeente, naam__iexact=fractie_naam).first()
    if fractie is None:
        fractie = bewaar(Fractie(gemeente=gemeente, naam=fractie_naam), acting_user=acting_user)
    raadslid = bewaar(
        Raadslid(gemeente=gemeente, fractie=fractie, user=user, begin=timezone.localdate()),
        acting_user=acting_user,
    )
    _ken_toe(codename="raadslid_van", gemeente=gemeente, user=user, acting_user=acting_user)
    if nieuw_account and user.email:
        transaction.on_commit(
            lambda: _welkomstmail(user=user, gemeente=gemeente, basis_url=basis_url)
        )
    return raadslid


@transaction.atomic
def beeindig_raadslidmaatschap(*, raadslid: Raadslid, acting_user) -> Raadslid:
    """A raadslid leaves the council: the seat ends today and the rights go; the row stays."""
    if raadslid.einde is not None:
        raise DomeinFout(_("Dit raadslidmaatschap is al beëindigd."))
    raadslid.einde = timezone.localdate()
    bewaar(raadslid, acting_user=acting_user, reden=_("Raadslidmaatschap beëindigd"))
    _trek_in(
        codename="raadslid_van",
        gemeente=raadslid.gemeente,
        user=raadslid.user,
        acting_user=acting_user,
    )
    return raadslid
