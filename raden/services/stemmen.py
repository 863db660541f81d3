"""Council votes: open a voting window, vote, record votes, close, confirm (DOMAIN.md).

Every write to a Stemming's votes takes a row lock on the Stemming first, so 39 raadsleden voting
at the same moment are serialised per vote and a close or confirmation never races a late vote."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from programma.models import Bijdrage, Jaarprogramma, ProgrammaOpgave, ProgrammaVersie, Status
from raden import meldingen
from raden.models import Besluit, Fractie, Keuze, Raadslid, Reden, Stem, Stemming, Uitkomst
from raden.permissions import is_griffier, zetel_van
from raden.uitslag import Uitslag, bereken
from regio.exceptions import DomeinFout
from regio.history import bewaar, verwijder
from regio.models import Gemeente


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


@transaction.atomic
def open_stemmingen(
    *,
    gemeente: Gemeente,
    versie: ProgrammaVersie,
    vergaderdatum: datetime.date,
    acting_user,
    opgaven: Iterable[ProgrammaOpgave] | None = None,
) -> list[Stemming]:
    """The griffier opens a voting window for a meeting date, on the given opgaven of the
    current version, or (without `opgaven`) on every opgave the gemeente has not decided on
    and has no vote running for. A vote after a tie in an incomplete meeting is its repeat."""
    _weiger_zonder_griffier(acting_user, gemeente)
    # The year first, as proposing a correction and closing the round do: a window cannot open
    # on a version that is being superseded, or in a round that is being closed.
    _vergrendel_jaar(versie.jaarprogramma_id)
    # one opening at a time per gemeente: a double click opens nothing twice
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    versie = ProgrammaVersie.objects.select_related("jaarprogramma").get(pk=versie.pk)
    _weiger_buiten_ronde(versie, gemeente)
    if vergaderdatum < timezone.localtime(versie.bevroren_op).date():
        raise DomeinFout(
            _("De vergaderdatum ligt voor de dag waarop het programma werd voorgesteld.")
        )
    alle = list(versie.opgaven.select_related("opgave").order_by("rangorde"))
    gekozen = alle if opgaven is None else [po for po in alle if po.pk in {o.pk for o in opgaven}]
    if opgaven is not None and len(gekozen) != len({o.pk for o in opgaven}):
        raise DomeinFout(_("Kies opgaven uit deze programmaversie."))
    besloten = set(
        Besluit.objects.filter(gemeente=gemeente, programma_opgave__versie=versie).values_list(
            "programma_opgave_id", flat=True
        )
    )
    lopend_qs = Stemming.objects.filter(
        gemeente=gemeente, versie=versie, bevestigd_op__isnull=True, vervallen_reden=""
    )
    # A vote that could not be held for want of a quorum (art. 20) is held again at a next
    # meeting: opening anew lapses it, with its record kept.
    zonder_quorum = list(
        lopend_qs.filter(
            uitkomst=Uitkomst.GEEN_QUORUM, gesloten_op__isnull=False
        ).select_for_update()
    )
    lopend = set(
        lopend_qs.exclude(pk__in=[s.pk for s in zonder_quorum]).values_list(
            "programma_opgave_id", flat=True
        )
    )
    uitgesteld = {
        s.programma_opgave_id: s
        for s in Stemming.objects.filter(
            gemeente=gemeente,
            versie=versie,
            uitkomst=Uitkomst.UITGESTELD,
            bevestigd_op__isnull=False,
        ).filter(herstemming__isnull=True)
    }
    te_openen = [po for po in gekozen if po.pk not in besloten and po.pk not in lopend]
    if opgaven is not None:
        for po in gekozen:
            if po.pk in besloten:
                raise DomeinFout(
                    _("Over %(opgave)s heeft de raad al besloten.") % {"opgave": po.opgave.titel}
                )
            if po.pk in lopend:
                raise DomeinFout(
                    _("Over %(opgave)s loopt al een stemming.") % {"opgave": po.opgave.titel}
                )
    if not te_openen:
        raise DomeinFout(_("Er is geen opgave meer om over te stemmen."))
    nu = timezone.now()
    for oud in zonder_quorum:
        if oud.programma_opgave_id not in {po.pk for po in te_openen}:
            continue
        if vergaderdatum <= oud.vergaderdatum:
            raise DomeinFout(
                _("Kies voor %(opgave)s een vergadering na %(datum)s, waarin geen quorum was.")
                % {
                    "opgave": oud.programma_opgave.opgave.titel,
                    "datum": oud.vergaderdatum.strftime("%d-%m-%Y"),
                }
            )
        oud.vervallen_reden = _("Geen quorum; opnieuw in stemming op %(datum)s.") % {
            "datum": vergaderdatum.strftime("%d-%m-%Y")
        }
        bewaar(oud, acting_user=acting_user, reden=oud.vervallen_reden, valideer=False)
    nieuw = []
    for po in te_openen:
        vorige = uitgesteld.get(po.pk)
        if vorige is not None and vergaderdatum <= vorige.vergaderdatum:
            raise DomeinFout(
                _(
                    "Bij staken der stemmen over %(opgave)s wordt opnieuw gestemd in een "
                    "volgende vergadering: kies een datum na %(datum)s."
                )
                % {"opgave": po.opgave.titel, "datum": vorige.vergaderdatum.strftime("%d-%m-%Y")}
            )
        nieuw.append(
            bewaar(
                Stemming(
                    gemeente=gemeente,
                    versie=versie,
                    programma_opgave=po,
                    vergaderdatum=vergaderdatum,
                    herstemming_van=vorige,
                    geopend_op=nu,
                    geopend_door=acting_user,
                ),
                acting_user=acting_user,
                reden=_("Stemming geopend"),
            )
        )
    meldingen.stemming_geopend(gemeente=gemeente, stemmingen=nieuw)
    return nieuw


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
    return bulk_create_with_history(stemmen, Stem, default_user=acting_user)


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
    stem.keuze, stem.reden = keuze, reden
    stem.raadslid_naam = raadslid.naam
    stem.fractie_naam = raadslid.fractie.naam
    stem.uitgebracht_door = acting_user
    stem.uitgebracht_op = op or timezone.now()
    return bewaar(stem, acting_user=acting_user, valideer=False)


@transaction.atomic
def stem(
    *, stemming: Stemming, raadslid: Raadslid, keuze: str, acting_user, reden: str = ""
) -> Stem:
    """A vote for one raadslid while the window is open: by the raadslid themselves (voor or
    tegen, changeable until it closes) or recorded by the griffier (also niet deelgenomen)."""
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
    bestaand = Stem.objects.filter(stemming=stemming, raadslid=raadslid).first()
    return _schrijf_stem(
        stemming=stemming,
        raadslid=raadslid,
        keuze=keuze,
        reden=reden,
        acting_user=acting_user,
        bestaand=bestaand,
    )


@transaction.atomic
def stem_fractie(
    *,
    stemming: Stemming,
    fractie: Fractie,
    keuze: str,
    acting_user,
    uitzonderingen: dict[int, tuple[str, str]] | None = None,
) -> list[Stem]:
    """The griffier's quick entry: every member of a fractie votes `keuze`, except the members
    in `uitzonderingen` (raadslid pk -> (keuze, reden))."""
    stemming = _vergrendel(stemming)
    _weiger_als_niet_open(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    if fractie.gemeente_id != stemming.gemeente_id:
        raise DomeinFout(_("Deze fractie zit niet in deze raad."))
    uitzonderingen = uitzonderingen or {}
    leden = list(stemgerechtigden(stemming).filter(fractie=fractie).select_related("fractie"))
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
                )
            )
        else:
            nieuw.append(_nieuwe_stem(stemming, lid, k, r, acting_user))
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


@transaction.atomic
def sluit_stemming(*, stemming: Stemming, acting_user) -> Stemming:
    """The griffier closes the window: members without a vote are recorded as absent, and the
    outcome is computed and stored with the votes, to be confirmed."""
    stemming = _vergrendel(stemming)
    _weiger_als_niet_open(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    nu = timezone.now()
    gestemd = set(Stem.objects.filter(stemming=stemming).values_list("raadslid_id", flat=True))
    _bewaar_nieuw(
        [
            # stamped with the closing moment, so that reopening can take it back
            _nieuwe_stem(stemming, lid, Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG, acting_user, op=nu)
            for lid in stemgerechtigden(stemming).exclude(pk__in=gestemd).select_related("fractie")
        ],
        acting_user,
    )
    uitslag = uitslag_van(stemming)
    stemming.zittend = uitslag.zittend
    stemming.voor, stemming.tegen = uitslag.voor, uitslag.tegen
    stemming.afwezig, stemming.onthouden = uitslag.afwezig, uitslag.onthouden
    stemming.uitkomst = uitslag.uitkomst
    stemming.gesloten_op = nu
    stemming.gesloten_door = acting_user
    return bewaar(stemming, acting_user=acting_user, reden=_("Stemming gesloten"))


@transaction.atomic
def heropen_stemming(*, stemming: Stemming, acting_user) -> Stemming:
    """The griffier reopens a closed, unconfirmed window (closed too early, or no quorum)."""
    stemming = _vergrendel(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    if stemming.is_vervallen or stemming.is_bevestigd:
        raise DomeinFout(_("Deze stemming kan niet meer worden heropend."))
    if stemming.is_open:
        raise DomeinFout(_("De stemming is al open."))
    _weiger_buiten_ronde(stemming.versie, stemming.gemeente)
    # The absences that closing recorded for members without a vote go: the window is open
    # again and they may still vote.
    for automatisch in Stem.objects.filter(
        stemming=stemming,
        keuze=Keuze.NIET_DEELGENOMEN,
        reden=Reden.AFWEZIG,
        uitgebracht_op=stemming.gesloten_op,
    ):
        verwijder(automatisch, acting_user=acting_user, reden=_("Stemming heropend"))
    stemming.gesloten_op = stemming.gesloten_door = None
    stemming.uitkomst = ""
    return bewaar(stemming, acting_user=acting_user, reden=_("Stemming heropend"))


@transaction.atomic
def bevestig_stemming(*, stemming: Stemming, acting_user, zienswijze: str = "") -> Besluit | None:
    """The griffier confirms the outcome: it becomes the gemeente's Besluit on the opgave (take
    part with the stored bijdrage, or not), and the vote with its votes and Besluit is frozen.
    A tie in an incomplete meeting is confirmed without a Besluit: the raad votes again."""
    _vergrendel_jaar(
        Stemming.objects.filter(pk=stemming.pk)
        .values_list("versie__jaarprogramma_id", flat=True)
        .first()
    )
    stemming = _vergrendel(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    if stemming.is_vervallen:
        raise DomeinFout(stemming.vervallen_reden)
    if stemming.is_bevestigd:
        raise DomeinFout(_("Deze stemming is al bevestigd."))
    if stemming.is_open:
        raise DomeinFout(_("Sluit de stemming voordat u de uitslag bevestigt."))
    _weiger_buiten_ronde(stemming.versie, stemming.gemeente)
    uitslag = uitslag_van(stemming)
    if uitslag.uitkomst != stemming.uitkomst:  # cannot happen: votes are locked once closed
        raise DomeinFout(_("De stemmen zijn na het sluiten veranderd; heropen de stemming."))
    if uitslag.uitkomst == Uitkomst.GEEN_QUORUM:
        raise DomeinFout(
            _(
                "Er was geen quorum: %(aanwezig)s van de %(zittend)s leden waren aanwezig, meer "
                "dan de helft is nodig. De stemming kan niet worden gehouden; heropen haar in een "
                "vergadering met quorum."
            )
            % {"aanwezig": uitslag.aanwezig, "zittend": uitslag.zittend}
        )
    besluit = None
    if uitslag.uitkomst in (Uitkomst.AANGENOMEN, Uitkomst.VERWORPEN):
        deelname = uitslag.uitkomst == Uitkomst.AANGENOMEN
        bedrag = 0
        if deelname:
            bedrag = (
                Bijdrage.objects.filter(
                    programma_opgave_id=stemming.programma_opgave_id,
                    gemeente_id=stemming.gemeente_id,
                )
                .values_list("bedrag", flat=True)
                .first()
                or 0
            )
        besluit = bewaar(
            Besluit(
                gemeente_id=stemming.gemeente_id,
                programma_opgave_id=stemming.programma_opgave_id,
                stemming=stemming,
                deelname=deelname,
                bijdrage=bedrag,
                zienswijze=zienswijze.strip(),
            ),
            acting_user=acting_user,
            reden=_("Besluit van de raad"),
        )
    elif zienswijze.strip():
        raise DomeinFout(
            _("Bij staken der stemmen is er nog geen besluit om een zienswijze bij te geven.")
        )
    stemming.bevestigd_op = timezone.now()
    stemming.bevestigd_door = acting_user
    bewaar(stemming, acting_user=acting_user, reden=_("Uitslag bevestigd"))
    meldingen.besluit_bevestigd(stemming=stemming, besluit=besluit)
    return besluit
