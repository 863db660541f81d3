"""Council votes: a raadslid votes, the griffier records votes (one by one or per fractie),
and the guards the voting windows (raden.services.venster) share (DOMAIN.md).

Every write to a Stemming's votes takes a row lock on the Stemming first, so 39 raadsleden voting
at the same moment are serialised per vote and a close or confirmation never races a late vote."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from programma.models import Jaarprogramma, ProgrammaVersie, Status
from raden.models import Fractie, Keuze, Raadslid, Reden, Stem, Stemming
from raden.permissions import is_griffier, zetel_van
from raden.uitslag import Uitslag, bereken
from regio.exceptions import DomeinFout
from regio.history import bewaar
from regio.history import moment as history_moment
from regio.models import Gemeente


def moment_van(
    op: datetime.datetime | None,
    *,
    niet_voor: datetime.datetime | None = None,
    te_vroeg: str | Promise | None = None,
) -> datetime.datetime:
    """The moment a service stamps: now, or `op` to record what happened earlier (an import,
    the demo's past years), which is never in the future nor before `niet_voor` (the moment
    the previous step was stamped); `te_vroeg` says why, with %(moment)s for that moment."""
    nu = timezone.now()
    if op is None:
        return nu
    if timezone.is_naive(op):
        raise ValueError("op must be timezone-aware")  # a programming error, not the user's
    if op > nu:
        raise DomeinFout(_("Het vastgelegde moment ligt in de toekomst."))
    if niet_voor is not None and op < niet_voor:
        bericht = te_vroeg or _("Het vastgelegde moment ligt voor de vorige stap (%(moment)s).")
        raise DomeinFout(
            bericht % {"moment": timezone.localtime(niet_voor).strftime("%d-%m-%Y %H:%M")}
        )
    return op


def _weiger_zonder_griffier(user, gemeente: Gemeente) -> None:
    if not is_griffier(user, gemeente):
        raise DomeinFout(_("Alleen de griffier van %(gemeente)s mag dit.") % {"gemeente": gemeente})


def huidige_versie_van(versie: ProgrammaVersie) -> ProgrammaVersie | None:
    """The latest frozen version of the same year: the one councils decide on now."""
    return (
        ProgrammaVersie.objects.filter(jaarprogramma_id=versie.jaarprogramma_id)
        .bevroren()
        .order_by("-nummer")
        .first()
    )


def _weiger_buiten_ronde(versie: ProgrammaVersie, gemeente: Gemeente) -> None:
    if not versie.is_bevroren:
        raise DomeinFout(_("Over een concept wordt niet gestemd."))
    if versie.jaarprogramma.status != Status.VOORGESTELD:
        raise DomeinFout(
            _("De besluitronde van %(jaar)s is niet (meer) open.") % {"jaar": versie.jaar}
        )
    huidig = huidige_versie_van(versie)
    if huidig is None or huidig.pk != versie.pk:
        raise DomeinFout(
            _("Versie %(nummer)s is vervangen door versie %(nieuw)s; besluit over de nieuwe.")
            % {"nummer": versie.nummer, "nieuw": huidig.nummer if huidig else "?"}
        )
    if not versie.deelnemers.filter(gemeente=gemeente).exists():
        raise DomeinFout(
            _("%(gemeente)s neemt niet deel aan het programma %(jaar)s.")
            % {"gemeente": gemeente, "jaar": versie.jaar}
        )


def _vergrendel_jaar(jaarprogramma_id: int) -> None:
    Jaarprogramma.objects.select_for_update().filter(pk=jaarprogramma_id).first()


def _vergrendel(stemming: Stemming) -> Stemming:
    # of=self: only the Stemming row; locking the joined year too would deadlock with a
    # proposal, which takes the year first and then the votes.
    return (
        Stemming.objects.select_for_update(of=("self",))
        .select_related("gemeente", "versie__jaarprogramma", "programma_opgave__opgave")
        .get(pk=stemming.pk)
    )


def _weiger_als_niet_open(stemming: Stemming) -> None:
    if stemming.is_vervallen:
        raise DomeinFout(stemming.vervallen_reden)
    if stemming.is_bevestigd:
        raise DomeinFout(_("Deze stemming is bevestigd en verandert niet meer."))
    if not stemming.is_open:
        raise DomeinFout(_("De stemming is gesloten; er kan niet meer worden gestemd."))


def stemgerechtigden(stemming: Stemming):
    """The members who sit in this council on the meeting date."""
    return Raadslid.objects.zittend(stemming.vergaderdatum).filter(gemeente_id=stemming.gemeente_id)


def _nieuwe_stem(stemming, raadslid, keuze: str, reden: str, acting_user, op=None) -> Stem:
    """An unsaved vote, validated as `_schrijf_stem` validates."""
    if keuze not in Keuze.values:
        raise DomeinFout(_("Kies voor, tegen of niet deelgenomen."))
    if keuze == Keuze.NIET_DEELGENOMEN and reden not in Reden.values:
        raise DomeinFout(
            _("Geef aan waarom het raadslid niet deelnam: afwezig of persoonlijk belang.")
        )
    return Stem(
        stemming=stemming,
        raadslid=raadslid,
        keuze=keuze,
        reden=reden if keuze == Keuze.NIET_DEELGENOMEN else "",
        raadslid_naam=raadslid.naam,
        fractie_naam=raadslid.fractie.naam,
        uitgebracht_door=acting_user,
        uitgebracht_op=op or timezone.now(),
    )


def _bewaar_nieuw(stemmen: list[Stem], acting_user) -> list[Stem]:
    """New votes of one Stemming at once, each with its history row: the freeze check, the
    insert and the history are one statement each, however large the fractie or raad."""
    if not stemmen:
        return []
    return bulk_create_with_history(
        stemmen, Stem, default_user=acting_user, default_date=history_moment()
    )


def _schrijf_stem(
    *,
    stemming: Stemming,
    raadslid: Raadslid,
    keuze: str,
    reden: str,
    acting_user,
    bestaand,
    op=None,
) -> Stem:
    if keuze not in Keuze.values:
        raise DomeinFout(_("Kies voor, tegen of niet deelgenomen."))
    if keuze == Keuze.NIET_DEELGENOMEN:
        if reden not in Reden.values:
            raise DomeinFout(
                _("Geef aan waarom het raadslid niet deelnam: afwezig of persoonlijk belang.")
            )
    else:
        reden = ""
    stem = bestaand or Stem(stemming=stemming, raadslid=raadslid)
    if bestaand is not None and (stem.keuze, stem.reden) == (keuze, reden):
        return stem  # nothing changes: no history row for a repeated click
    if op is not None and bestaand is not None:
        # a changed vote recorded earlier than the vote it changes would read backwards
        moment_van(
            op,
            niet_voor=bestaand.uitgebracht_op,
            te_vroeg=_(
                "Een gewijzigde stem kan niet eerder zijn vastgelegd dan de stem die zij "
                "wijzigt (%(moment)s)."
            ),
        )
    stem.keuze, stem.reden = keuze, reden
    stem.raadslid_naam = raadslid.naam
    stem.fractie_naam = raadslid.fractie.naam
    stem.uitgebracht_door = acting_user
    stem.uitgebracht_op = op or timezone.now()
    return bewaar(stem, acting_user=acting_user, valideer=False)


_STEM_TE_VROEG = gettext_lazy(
    "Een stem kan niet eerder zijn vastgelegd dan de stemming werd geopend (%(moment)s)."
)


@transaction.atomic
def stem(
    *,
    stemming: Stemming,
    raadslid: Raadslid,
    keuze: str,
    acting_user,
    reden: str = "",
    op: datetime.datetime | None = None,
) -> Stem:
    """A vote for one raadslid while the window is open: by the raadslid themselves (voor or
    tegen, changeable until it closes) or recorded by the griffier (also niet deelgenomen).
    `op` records a vote cast earlier: never in the future, never before the window opened."""
    stemming = _vergrendel(stemming)
    _weiger_als_niet_open(stemming)
    raadslid = Raadslid.objects.select_related("fractie").get(pk=raadslid.pk)
    if raadslid.gemeente_id != stemming.gemeente_id or not raadslid.zit_op(stemming.vergaderdatum):
        raise DomeinFout(
            _("%(naam)s zit op %(datum)s niet in de raad van %(gemeente)s.")
            % {
                "naam": raadslid.naam,
                "datum": stemming.vergaderdatum.strftime("%d-%m-%Y"),
                "gemeente": stemming.gemeente,
            }
        )
    griffier = is_griffier(acting_user, stemming.gemeente)
    if not griffier:
        eigen = zetel_van(acting_user, stemming.gemeente)
        if eigen is None or eigen.pk != raadslid.pk:
            raise DomeinFout(_("U kunt alleen uw eigen stem uitbrengen."))
        if keuze not in (Keuze.VOOR, Keuze.TEGEN):
            raise DomeinFout(_("Stem voor of tegen; een Nederlandse raad kent geen onthouding."))
    if op is not None:
        moment_van(op, niet_voor=stemming.geopend_op, te_vroeg=_STEM_TE_VROEG)
    bestaand = Stem.objects.filter(stemming=stemming, raadslid=raadslid).first()
    return _schrijf_stem(
        stemming=stemming,
        raadslid=raadslid,
        keuze=keuze,
        reden=reden,
        acting_user=acting_user,
        bestaand=bestaand,
        op=op,
    )


@transaction.atomic
def stem_fractie(
    *,
    stemming: Stemming,
    fractie: Fractie | None,
    keuze: str,
    acting_user,
    uitzonderingen: dict[int, tuple[str, str]] | None = None,
    op: datetime.datetime | None = None,
) -> list[Stem]:
    """The griffier's quick entry: every member of a fractie (or, with `fractie=None`, of the
    whole raad: "de raad stemt voor, behalve ...") votes `keuze`, except the members in
    `uitzonderingen` (raadslid pk -> (keuze, reden)). `op` records votes cast earlier: never
    in the future, never before the window opened."""
    stemming = _vergrendel(stemming)
    _weiger_als_niet_open(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    if op is not None:
        moment_van(op, niet_voor=stemming.geopend_op, te_vroeg=_STEM_TE_VROEG)
    if fractie is not None and fractie.gemeente_id != stemming.gemeente_id:
        raise DomeinFout(_("Deze fractie zit niet in deze raad."))
    uitzonderingen = uitzonderingen or {}
    leden = stemgerechtigden(stemming).select_related("fractie")
    if fractie is not None:
        leden = leden.filter(fractie=fractie)
    leden = list(leden)
    onbekend = set(uitzonderingen) - {lid.pk for lid in leden}
    if onbekend:
        raise DomeinFout(_("Een uitzondering is geen lid van deze fractie."))
    bestaand = {
        s.raadslid_id: s for s in Stem.objects.filter(stemming=stemming, raadslid__in=leden)
    }
    uit, nieuw = [], []
    for lid in leden:
        k, r = uitzonderingen.get(lid.pk, (keuze, ""))
        if lid.pk in bestaand:
            uit.append(
                _schrijf_stem(
                    stemming=stemming,
                    raadslid=lid,
                    keuze=k,
                    reden=r,
                    acting_user=acting_user,
                    bestaand=bestaand[lid.pk],
                    op=op,
                )
            )
        else:
            nieuw.append(_nieuwe_stem(stemming, lid, k, r, acting_user, op=op))
    return uit + _bewaar_nieuw(nieuw, acting_user)


def uitslag_van(stemming: Stemming) -> Uitslag:
    """The outcome from the recorded votes now (members without a vote count as absent)."""
    leden = stemgerechtigden(stemming)
    zittend = leden.count()
    # Only members who sit on the meeting date vote (art. 28): the vote of a member whose seat
    # ended before it is kept in the record but not counted.
    stemmen = Stem.objects.filter(stemming=stemming, raadslid__in=leden).values_list(
        "keuze", "reden"
    )
    return bereken(
        zittend=zittend, stemmen=list(stemmen), herstemming=stemming.herstemming_van_id is not None
    )
