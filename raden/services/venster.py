"""Voting windows: the griffier opens them for a meeting, closes them, reopens them and
confirms the outcome, which becomes the gemeente's Besluit (DOMAIN.md). The votes themselves
and the guards shared with them are in raden.services.stemmen."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from programma.models import Bijdrage, ProgrammaOpgave, ProgrammaVersie
from raden import meldingen
from raden.models import Besluit, Keuze, Reden, Stem, Stemming, Uitkomst
from raden.services.stemmen import (
    _bewaar_nieuw,
    _nieuwe_stem,
    _vergrendel,
    _vergrendel_jaar,
    _weiger_als_niet_open,
    _weiger_buiten_ronde,
    _weiger_zonder_griffier,
    moment_van,
    stemgerechtigden,
    uitslag_van,
)
from regio import publicatie
from regio.exceptions import DomeinFout
from regio.history import bewaar, verwijder
from regio.models import Gemeente


@transaction.atomic
def open_stemmingen(
    *,
    gemeente: Gemeente,
    versie: ProgrammaVersie,
    vergaderdatum: datetime.date,
    acting_user,
    opgaven: Iterable[ProgrammaOpgave] | None = None,
    op: datetime.datetime | None = None,
) -> list[Stemming]:
    """The griffier opens a voting window for a meeting date, on the given opgaven of the
    current version, or (without `opgaven`) on every opgave the gemeente has not decided on
    and has no vote running for. A vote after a tie in an incomplete meeting is its repeat.
    `op` records a window opened earlier (an import, the demo's past years): never in the
    future, never before the version was proposed nor before the vote it repeats ended."""
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
    nu = moment_van(
        op,
        niet_voor=versie.bevroren_op,
        te_vroeg=_(
            "Een stemming kan niet eerder worden geopend dan het programma werd voorgesteld "
            "(%(moment)s)."
        ),
    )
    for oud in zonder_quorum:
        if oud.programma_opgave_id not in {po.pk for po in te_openen}:
            continue
        if op is not None:
            moment_van(
                op,
                niet_voor=oud.gesloten_op,
                te_vroeg=_(
                    "Een stemming kan niet eerder opnieuw worden geopend dan de vorige, zonder "
                    "quorum, werd gesloten (%(moment)s)."
                ),
            )
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
        if vorige is not None and op is not None:
            moment_van(
                op,
                niet_voor=vorige.bevestigd_op,
                te_vroeg=_(
                    "Een herstemming kan niet eerder worden geopend dan de gestaakte stemming "
                    "werd bevestigd (%(moment)s)."
                ),
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


@transaction.atomic
def sluit_stemming(
    *, stemming: Stemming, acting_user, op: datetime.datetime | None = None
) -> Stemming:
    """The griffier closes the window: members without a vote are recorded as absent, and the
    outcome is computed and stored with the votes, to be confirmed. `op` records a window
    closed earlier: never in the future, never before it opened nor before its last vote."""
    # The Stemming rows below are read under their own lock and changed only in fields the
    # service sets, so they are saved without a full_clean (which asks the database about
    # each of its seven foreign keys); the frozen check in save() still applies.
    stemming = _vergrendel(stemming)
    _weiger_als_niet_open(stemming)
    _weiger_zonder_griffier(acting_user, stemming.gemeente)
    niet_voor = stemming.geopend_op
    if op is not None:  # now is after every vote already; a past moment must be too
        laatste = Stem.objects.filter(stemming=stemming).aggregate(m=Max("uitgebracht_op"))["m"]
        niet_voor = max(niet_voor, laatste or niet_voor)
    nu = moment_van(
        op,
        niet_voor=niet_voor,
        te_vroeg=_(
            "Een stemming kan niet eerder worden gesloten dan zij werd geopend of de laatste "
            "stem werd vastgelegd (%(moment)s)."
        ),
    )
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
    return bewaar(stemming, acting_user=acting_user, reden=_("Stemming gesloten"), valideer=False)


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
    return bewaar(stemming, acting_user=acting_user, reden=_("Stemming heropend"), valideer=False)


@transaction.atomic
def bevestig_stemming(
    *, stemming: Stemming, acting_user, zienswijze: str = "", op: datetime.datetime | None = None
) -> Besluit | None:
    """The griffier confirms the outcome: it becomes the gemeente's Besluit on the opgave (take
    part with the stored bijdrage, or not), and the vote with its votes and Besluit is frozen.
    A tie in an incomplete meeting is confirmed without a Besluit: the raad votes again.
    `op` records a confirmation made earlier: never in the future, never before closing."""
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
    nu = moment_van(
        op,
        niet_voor=stemming.gesloten_op,
        te_vroeg=_(
            "De uitslag kan niet eerder worden bevestigd dan de stemming werd gesloten "
            "(%(moment)s)."
        ),
    )
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
    stemming.bevestigd_op = nu
    stemming.bevestigd_door = acting_user
    bewaar(stemming, acting_user=acting_user, reden=_("Uitslag bevestigd"), valideer=False)
    meldingen.besluit_bevestigd(stemming=stemming, besluit=besluit)
    publicatie.gewijzigd(f"stemming {stemming.pk} bevestigd")
    return besluit
