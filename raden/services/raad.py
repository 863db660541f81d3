"""Who belongs to which council. A griffier acts for a gemeente through a guardian object
permission on it; a raadslid through their seat (a Raadslid row with fractie, begin and end, kept
when they leave so that earlier votes keep their name; raden.permissions reads it)."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from raden.models import Fractie, Partij, Raadslid, raadsgrootte
from raden.permissions import is_griffier
from regio.exceptions import DomeinFout
from regio.history import bewaar
from regio.models import Gemeente, GemeenteUserObjectPermission, Inwonertal

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


def zetels_van(gemeente: Gemeente) -> int | None:
    """The council size of a gemeente by Gemeentewet art. 8, from its latest inwoners figure."""
    tal = Inwonertal.objects.filter(gemeente=gemeente).order_by("-peildatum").first()
    return raadsgrootte(tal.inwoners) if tal else None


@transaction.atomic
def stel_fracties_vast(
    *, gemeente: Gemeente, zetels: dict[Partij, int], acting_user
) -> list[Fractie]:
    """The griffier records the composition of the raad: per party its seats. The seats add up
    to the council size of art. 8; a party left out (or with 0 seats) keeps its fractie row for
    earlier votes, with no seats; a fractie never has fewer seats than sitting members."""
    _weiger_zonder_griffier(acting_user, gemeente)
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    grootte = zetels_van(gemeente)
    if grootte is None:
        raise DomeinFout(
            _("Van %(gemeente)s is nog geen inwonertal bekend.") % {"gemeente": gemeente}
        )
    totaal = sum(zetels.values())
    if totaal != grootte:
        raise DomeinFout(
            _(
                "De raad van %(gemeente)s telt %(grootte)s zetels (Gemeentewet artikel 8); de "
                "fracties samen hebben er nu %(totaal)s."
            )
            % {"gemeente": gemeente, "grootte": grootte, "totaal": totaal}
        )
    bestaand = {f.partij_id: f for f in Fractie.objects.filter(gemeente=gemeente)}
    leden = dict(
        Raadslid.objects.zittend()
        .filter(gemeente=gemeente)
        .values_list("fractie_id")
        .annotate(n=Count("pk"))
    )
    uit = []
    for partij in sorted({*zetels, *(f.partij for f in bestaand.values())}, key=lambda p: p.naam):
        aantal = zetels.get(partij, 0)
        fractie = bestaand.get(partij.pk)
        if fractie is None:
            if not aantal:
                continue
            fractie = Fractie(gemeente=gemeente, partij=partij, naam=partij.naam)
        if aantal < leden.get(fractie.pk, 0):
            raise DomeinFout(
                _("%(fractie)s heeft %(leden)s zittende leden; geef haar minstens zoveel zetels.")
                % {"fractie": fractie.naam, "leden": leden[fractie.pk]}
            )
        if fractie.pk is None or fractie.zetels != aantal:
            fractie.zetels = aantal
            bewaar(fractie, acting_user=acting_user, reden=_("Samenstelling van de raad"))
        uit.append(fractie)
    return uit


def _weiger_zonder_griffier(user, gemeente: Gemeente) -> None:
    if not is_griffier(user, gemeente):
        raise DomeinFout(_("Alleen de griffier van %(gemeente)s mag dit.") % {"gemeente": gemeente})


@transaction.atomic
def voeg_raadslid_toe(
    *,
    gemeente: Gemeente,
    fractie: Fractie,
    voornaam: str,
    achternaam: str,
    acting_user,
    email: str = "",
    user=None,
    begin: datetime.date | None = None,
    basis_url: str = "",
) -> Raadslid:
    """Seat a raadslid in a fractie of this gemeente. With an e-mail address an account is made
    (or the existing one used) and a new raadslid gets a link to choose a password; without one
    the raadslid has no account and the griffier records their votes."""
    _weiger_zonder_griffier(acting_user, gemeente)
    voornaam, achternaam = " ".join(voornaam.split()), " ".join(achternaam.split())
    if not voornaam or not achternaam:
        raise DomeinFout(_("Vul de voornaam en de achternaam in."))
    fractie = Fractie.objects.select_for_update().filter(pk=fractie.pk, gemeente=gemeente).first()
    if fractie is None:
        raise DomeinFout(_("Kies een fractie van deze raad."))
    begin = begin or timezone.localdate()
    zittend = Raadslid.objects.zittend(begin).filter(fractie=fractie).count()
    if zittend >= fractie.zetels:
        raise DomeinFout(
            _("%(fractie)s heeft %(zetels)s zetels en die zijn alle bezet.")
            % {"fractie": fractie.naam, "zetels": fractie.zetels}
        )
    nieuw_account = False
    email = email.strip().lower()
    if user is None and email:
        user = User.objects.filter(username=email).first()
        if user is None:
            user = User(username=email, email=email, first_name=voornaam, last_name=achternaam)
            user.set_password(secrets.token_urlsafe(32))  # replaced by the raadslid's own
            # the griffier makes the account, also when no request is running (a task, a script)
            user._history_user = acting_user
            user._change_reason = _("Account aangemaakt voor een nieuw raadslid")
            try:
                with transaction.atomic():
                    user.save()
                nieuw_account = True
            except IntegrityError:
                # the same griffier's double click, or a colleague: the account is there now
                user = User.objects.get(username=email)
    if user is not None:
        # One seat per person at a time: requests for the same person wait here for each
        # other, so the second one sees the seat the first one made and gets the message below.
        User.objects.select_for_update().filter(pk=user.pk).first()
        zetel = Raadslid.objects.zittend(begin).filter(user=user).select_related("gemeente").first()
        if zetel is not None:
            raise DomeinFout(
                _("%(naam)s is al raadslid van %(gemeente)s.")
                % {"naam": zetel.naam, "gemeente": zetel.gemeente}
            )
    raadslid = bewaar(
        Raadslid(
            gemeente=gemeente,
            fractie=fractie,
            voornaam=voornaam,
            achternaam=achternaam,
            user=user,
            begin=begin,
        ),
        acting_user=acting_user,
    )
    if nieuw_account and user.email:
        transaction.on_commit(
            lambda: _welkomstmail(user=user, gemeente=gemeente, basis_url=basis_url)
        )
    return raadslid


@transaction.atomic
def beeindig_raadslidmaatschap(*, raadslid: Raadslid, acting_user) -> Raadslid:
    """A raadslid leaves the council: the seat ends today, and with it the right to act (which
    is read from the seat itself, raden.permissions); the row stays for earlier votes."""
    _weiger_zonder_griffier(acting_user, raadslid.gemeente)
    raadslid = Raadslid.objects.select_for_update().get(pk=raadslid.pk)
    vandaag = timezone.localdate()
    if raadslid.einde is not None and raadslid.einde <= vandaag:
        raise DomeinFout(_("Dit raadslidmaatschap is al beëindigd."))
    raadslid.einde = max(vandaag, raadslid.begin)
    bewaar(raadslid, acting_user=acting_user, reden=_("Raadslidmaatschap beëindigd"))
    return raadslid


@transaction.atomic
def voeg_partij_toe(*, naam: str, lokaal: bool, acting_user) -> Partij:
    """Record a party a griffier needs for their council; a party of the same name (in any
    case) is the one returned, so a double click or a colleague's earlier entry makes no twin."""
    if not (
        acting_user.has_perm("raden.add_partij")
        or GemeenteUserObjectPermission.objects.filter(
            user=acting_user, permission=_permissie("griffier_van")
        ).exists()
    ):
        raise DomeinFout(_("Alleen een griffier of functioneel beheer legt een partij vast."))
    naam = " ".join(naam.split())
    if not naam:
        raise DomeinFout(_("Vul de naam van de partij in."))
    if len(naam) > Partij._meta.get_field("naam").max_length:
        raise DomeinFout(_("De naam van de partij is te lang (ten hoogste 100 tekens)."))
    bestaand = Partij.objects.filter(naam__iexact=naam).first()
    if bestaand is not None:
        return bestaand
    return bewaar(Partij(naam=naam, lokaal=lokaal), acting_user=acting_user)
