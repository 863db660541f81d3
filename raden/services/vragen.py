"""Technische vragen: a raadslid asks about an opgave of the proposed programme, the
programmabureau answers; the answer is public and final."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from programma.models import ProgrammaOpgave, Status
from programma.permissions import BEWERKEN
from raden import meldingen
from raden.models import Vraag
from raden.permissions import zetel_van
from raden.services.stemmen import moment_van
from regio import publicatie
from regio.exceptions import DomeinFout
from regio.history import bewaar
from regio.models import Gemeente

MAX_VRAAG = 4000
MAX_ANTWOORD = 8000


@transaction.atomic
def stel_vraag(
    *,
    programma_opgave: ProgrammaOpgave,
    tekst: str,
    acting_user,
    op: datetime.datetime | None = None,
) -> Vraag:
    """A sitting raadslid of a member gemeente asks a question on an opgave of a proposed
    (frozen, current) version while its year is voorgesteld (`op`: asked earlier, recorded
    now; never before the proposal)."""
    po = ProgrammaOpgave.objects.select_related("versie__jaarprogramma", "opgave").get(
        pk=programma_opgave.pk
    )
    tekst = tekst.strip()
    if not tekst:
        raise DomeinFout(_("Schrijf uw vraag."))
    if len(tekst) > MAX_VRAAG:
        raise DomeinFout(_("Een vraag is hoogstens %(max)s tekens.") % {"max": MAX_VRAAG})
    versie = po.versie
    if not versie.is_bevroren or versie.jaarprogramma.status != Status.VOORGESTELD:
        raise DomeinFout(_("Vragen stelt u over een voorgesteld programma."))
    nieuwste = versie.jaarprogramma.versies.bevroren().order_by("-nummer").first()
    if nieuwste.pk != versie.pk:
        raise DomeinFout(_("Deze versie is vervangen; stel uw vraag over de nieuwe versie."))
    gemeente_ids = versie.deelnemers.values_list("gemeente_id", flat=True)
    raadslid = None
    for gemeente in Gemeente.objects.filter(pk__in=gemeente_ids):
        raadslid = zetel_van(acting_user, gemeente)
        if raadslid is not None:
            raadslid.gemeente = gemeente
            break
    if raadslid is None:
        raise DomeinFout(_("Alleen raadsleden van de deelnemende gemeenten stellen vragen."))
    return bewaar(
        Vraag(
            programma_opgave=po,
            raadslid=raadslid,
            raadslid_naam=raadslid.naam,
            gemeente_naam=raadslid.gemeente.naam,
            vraag=tekst,
            gesteld_op=moment_van(op, niet_voor=versie.bevroren_op),
        ),
        acting_user=acting_user,
        reden=_("Technische vraag gesteld"),
    )


@transaction.atomic
def beantwoord_vraag(
    *, vraag: Vraag, antwoord: str, acting_user, op: datetime.datetime | None = None
) -> Vraag:
    """The programmabureau answers a question: from then on it is public and final, and the
    asker is told by e-mail (`op`: answered earlier, recorded now; never before the question)."""
    if not acting_user.has_perm(BEWERKEN):
        raise DomeinFout(_("Alleen het programmabureau beantwoordt vragen."))
    vraag = (
        Vraag.objects.select_for_update(of=("self",))
        .select_related("raadslid__user", "programma_opgave__opgave", "programma_opgave__versie")
        .get(pk=vraag.pk)
    )
    if vraag.is_beantwoord:
        raise DomeinFout(_("Deze vraag is al beantwoord."))
    antwoord = antwoord.strip()
    if not antwoord:
        raise DomeinFout(_("Schrijf het antwoord."))
    if len(antwoord) > MAX_ANTWOORD:
        raise DomeinFout(_("Een antwoord is hoogstens %(max)s tekens.") % {"max": MAX_ANTWOORD})
    vraag.antwoord = antwoord
    vraag.beantwoord_op = moment_van(op, niet_voor=vraag.gesteld_op)
    vraag.beantwoord_door = acting_user
    bewaar(vraag, acting_user=acting_user, reden=_("Vraag beantwoord"))
    meldingen.vraag_beantwoord(vraag=vraag)
    publicatie.gewijzigd(f"vraag {vraag.pk} beantwoord")
    return vraag
