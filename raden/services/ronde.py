"""The decision round as a whole: what a corrected version does to running votes, and closing
the round (the programme becomes vastgesteld, each opgave gedekt or niet gedekt)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from programma import services as programma_services
from programma.models import Jaarprogramma, ProgrammaVersie, Status
from programma.permissions import VOORSTELLEN
from programma.signalen import versie_voorgesteld
from raden import meldingen
from raden.cijfers import dekking_van
from raden.models import Dekking, Stem, Stemming
from raden.services.stemmen import moment_van
from regio import publicatie
from regio.exceptions import DomeinFout
from regio.history import bewaar


def _vervallen(
    stemmingen, *, reden: str, acting_user, op: datetime.datetime | None = None
) -> list[Stemming]:
    nu = op or timezone.now()
    uit = []
    for stemming in stemmingen:
        stemming.vervallen_reden = reden
        if stemming.gesloten_op is None:
            stemming.gesloten_op = nu
            stemming.gesloten_door = acting_user
        uit.append(bewaar(stemming, acting_user=acting_user, reden=reden, valideer=False))
    return uit


@receiver(versie_voorgesteld, dispatch_uid="raden.versie_voorgesteld")
def _na_voorstel(sender, *, versie: ProgrammaVersie, vervangt, acting_user, **kwargs) -> None:
    """A (corrected) version is proposed: votes still running on an older version of the year
    lapse, and every griffier hears of it. Confirmed Besluiten stay on their version."""
    lopend = list(
        Stemming.objects.select_for_update()
        .filter(
            versie__jaarprogramma_id=versie.jaarprogramma_id,
            bevestigd_op__isnull=True,
            vervallen_reden="",
        )
        .exclude(versie=versie)
        .order_by("pk")
    )
    reden = _("Vervallen: versie %(nummer)s van het programma %(jaar)s is voorgesteld.") % {
        "nummer": versie.nummer,
        "jaar": versie.jaar,
    }
    vervallen = _vervallen(lopend, reden=reden, acting_user=acting_user)
    meldingen.versie_voorgesteld(versie=versie, vervangt=vervangt)
    meldingen.stemming_vervallen(stemmingen=vervallen, versie=versie)


def _laatste_moment(
    programma: Jaarprogramma, versie: ProgrammaVersie, lopend: list[Stemming]
) -> datetime.datetime:
    """The latest moment stamped in the round: the version's proposal, any of the year's votes
    opening, closing or confirmation, and the votes cast in the windows the closing lapses."""
    stemmingen = Stemming.objects.filter(versie__jaarprogramma=programma).aggregate(
        geopend=Max("geopend_op"), gesloten=Max("gesloten_op"), bevestigd=Max("bevestigd_op")
    )
    stemmen = Stem.objects.filter(stemming__in=[s.pk for s in lopend]).aggregate(
        m=Max("uitgebracht_op")
    )
    return max(m for m in (versie.bevroren_op, *stemmingen.values(), stemmen["m"]) if m)


@transaction.atomic
def sluit_besluitronde(
    *,
    jaarprogramma: Jaarprogramma,
    acting_user,
    onvolledig: bool = False,
    op: datetime.datetime | None = None,
) -> list[Dekking]:
    """The regiobestuur closes the decision round: each opgave of the current version is gedekt
    when the bijdragen of the gemeenten that took part cover its budget, stored beside the
    frozen version; the programme becomes vastgesteld. With gemeenten still to decide this
    needs `onvolledig` (the regiobestuur's explicit choice); their running votes lapse.
    `op` records a round closed earlier (an import, the demo's past years): never in the
    future, never before the version was proposed nor before anything a raad recorded in the
    round (the last confirmation; a running vote's opening and votes, which it lapses)."""
    if not acting_user.has_perm(VOORSTELLEN):
        raise DomeinFout(_("Alleen het regiobestuur sluit de besluitronde."))
    programma = Jaarprogramma.objects.select_for_update().get(pk=jaarprogramma.pk)
    if programma.status != Status.VOORGESTELD:
        raise DomeinFout(
            _("Alleen de besluitronde van een voorgesteld programma kan worden gesloten.")
        )
    versie = programma.versies.bevroren().order_by("-nummer").first()
    # Every running vote locked before the matrix is read: a confirmation that was waiting
    # for its vote is then either in the matrix or refused after us, never lost between.
    lopend = list(
        Stemming.objects.select_for_update()
        .filter(versie__jaarprogramma=programma, bevestigd_op__isnull=True, vervallen_reden="")
        .order_by("pk")
    )
    nu = moment_van(
        op,
        niet_voor=_laatste_moment(programma, versie, lopend) if op is not None else None,
        te_vroeg=_(
            "De besluitronde kan niet eerder worden gesloten dan het programma werd "
            "voorgesteld of een raad het laatst stemde of een uitslag bevestigde (%(moment)s)."
        ),
    )
    matrix = dekking_van(versie)
    if matrix.open_besluiten and not onvolledig:
        raise DomeinFout(
            _(
                "Nog %(aantal)s besluiten van gemeenten ontbreken. Sluit de ronde alleen als het "
                "regiobestuur dat zo besluit: vink dat dan aan."
            )
            % {"aantal": matrix.open_besluiten}
        )
    _vervallen(
        lopend,
        reden=_("Vervallen: de besluitronde is gesloten."),
        acting_user=acting_user,
        op=nu,
    )
    dekkingen = [
        bewaar(
            Dekking(
                programma_opgave_id=rij.programma_opgave.pk,
                budget=rij.budget,
                gedekt_bedrag=rij.gedekt,
                gedekt=rij.is_gedekt,
                vastgesteld_op=nu,
                vastgesteld_door=acting_user,
            ),
            acting_user=acting_user,
            reden=_("Besluitronde gesloten"),
        )
        for rij in matrix.rijen
    ]
    programma_services.stel_programma_vast(jaarprogramma=programma, acting_user=acting_user)
    publicatie.gewijzigd(f"besluitronde {programma.jaar} gesloten")
    return dekkingen
