"""Drafting a concept version: the vision text, the content of each opgave, removing opgaven,
external schemes, and the verdeelsleutel. Texts are protected against lost updates: a save
names the wijzigingsnummer it started from, and a save on top of someone else's is refused
with a Conflict that carries what is in the database now."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from programma.models import (
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
    Verdeelsleutel,
)
from programma.selectors import deelnemers_van, volgt_referentie
from programma.services.levenscyclus import _concept, synchroniseer_portefeuillehouder
from programma.verdeling import VerdeelFout, gewichten_percentages
from regio.exceptions import DomeinFout
from regio.history import bewaar, verwijder
from regio.models import Bestuurder, Partner

# "Leave the portefeuillehouder as it is" (None means: nobody appointed).
ONGEWIJZIGD = object()


class Conflict(DomeinFout):
    """Someone else saved this in the meantime; `huidig` is what the database holds now."""

    def __init__(self, *, huidig, door, op):
        self.huidig = huidig
        self.door = door
        self.op = op
        naam = (door.get_full_name() or door.get_username()) if door else _("iemand anders")
        super().__init__(
            _(
                "%(naam)s heeft dit intussen opgeslagen. Vergelijk uw invoer met de opgeslagen "
                "tekst en sla opnieuw op als u uw versie wilt bewaren."
            )
            % {"naam": naam}
        )


def _controleer_wijzigingsnummer(obj, verwacht: int | None) -> None:
    if verwacht is not None and obj.wijzigingsnummer != verwacht:
        laatste = obj.history.select_related("history_user").first()
        raise Conflict(
            huidig=obj,
            door=laatste.history_user if laatste else None,
            op=laatste.history_date if laatste else None,
        )


@transaction.atomic
def werk_visie_bij(
    *,
    versie: ProgrammaVersie,
    titel: str,
    visie_fundament: str,
    visie_actualiteit: str,
    visie_perspectief: str,
    verwacht_wijzigingsnummer: int | None,
    acting_user,
) -> ProgrammaVersie:
    """Save the title and vision of a concept version."""
    versie = _concept(versie)
    _controleer_wijzigingsnummer(versie, verwacht_wijzigingsnummer)
    versie.titel = titel.strip()
    versie.visie_fundament = visie_fundament.strip()
    versie.visie_actualiteit = visie_actualiteit.strip()
    versie.visie_perspectief = visie_perspectief.strip()
    versie.wijzigingsnummer += 1
    return bewaar(versie, acting_user=acting_user)


@transaction.atomic
def werk_opgave_bij(
    *,
    programma_opgave: ProgrammaOpgave,
    verwacht_wijzigingsnummer: int | None,
    acting_user,
    doel: str,
    resultaat: str,
    mandaat: str,
    sturing: str,
    budget: int,
    capaciteit_fte: Decimal,
    capaciteit_toelichting: str,
    rangorde: int,
    partners: list[Partner],
    bestuurders: list[Bestuurder],
    portefeuillehouder: Bestuurder | None | object = ONGEWIJZIGD,
) -> ProgrammaOpgave:
    """Save the content of an opgave in a concept version; `portefeuillehouder` only when the
    acting user may appoint one (the view decides who may, this saves it)."""
    _concept(programma_opgave.versie)  # the version first: the same lock order as a proposal
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    _controleer_wijzigingsnummer(po, verwacht_wijzigingsnummer)
    if budget < 0:
        raise DomeinFout(_("Het budget kan niet negatief zijn."))
    if capaciteit_fte < 0:
        raise DomeinFout(_("De capaciteit kan niet negatief zijn."))
    po.doel, po.resultaat, po.mandaat, po.sturing = (
        doel.strip(),
        resultaat.strip(),
        mandaat.strip(),
        sturing.strip(),
    )
    po.budget = budget
    po.capaciteit_fte = capaciteit_fte
    po.capaciteit_toelichting = capaciteit_toelichting.strip()
    po.rangorde = rangorde
    if portefeuillehouder is not ONGEWIJZIGD:
        po.portefeuillehouder = portefeuillehouder  # None: not appointed (any more)
    po.wijzigingsnummer += 1
    bewaar(po, acting_user=acting_user)

    leden = list(po.stuurgroep.all())
    gewenst_p = {p.pk for p in partners}
    gewenst_b = {b.pk for b in bestuurders}
    for lid in leden:
        if (lid.partner_id and lid.partner_id not in gewenst_p) or (
            lid.bestuurder_id and lid.bestuurder_id not in gewenst_b
        ):
            verwijder(lid, acting_user=acting_user)
    huidig_p = {lid.partner_id for lid in leden if lid.partner_id}
    huidig_b = {lid.bestuurder_id for lid in leden if lid.bestuurder_id}
    for partner in partners:
        if partner.pk not in huidig_p:
            bewaar(StuurgroepLid(programma_opgave=po, partner=partner), acting_user=acting_user)
    for bestuurder in bestuurders:
        if bestuurder.pk not in huidig_b:
            bewaar(
                StuurgroepLid(programma_opgave=po, bestuurder=bestuurder), acting_user=acting_user
            )
    synchroniseer_portefeuillehouder(opgave=po.opgave, acting_user=acting_user)
    return po


@transaction.atomic
def verwijder_opgave_uit_programma(*, programma_opgave: ProgrammaOpgave, acting_user) -> None:
    """Take an opgave out of a concept version, with its stuurgroep, regelingen and synergieën
    (each removal in the history with who did it). The opgave itself and other years stay."""
    _concept(programma_opgave.versie)
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    for rij in [
        *Synergie.objects.van_opgave(po),
        *po.stuurgroep.all(),
        *po.externe_regelingen.all(),
    ]:
        verwijder(rij, acting_user=acting_user)
    opgave = po.opgave
    verwijder(po, acting_user=acting_user, reden=_("Uit het programma gehaald"))
    synchroniseer_portefeuillehouder(opgave=opgave, acting_user=acting_user)


@transaction.atomic
def verwijder_externe_regeling(*, regeling: ExterneRegeling, acting_user) -> None:
    """Remove an external scheme from a concept opgave."""
    _concept(regeling.programma_opgave.versie)
    verwijder(regeling, acting_user=acting_user)


@transaction.atomic
def werk_verdeelsleutel_bij(
    *,
    versie: ProgrammaVersie,
    verdeelsleutel: str,
    basisaandeel: Decimal,
    percentages: dict[int, Decimal | None] | None,
    acting_user,
) -> ProgrammaVersie:
    """Choose how the budgets of a concept version are split over the gemeenten."""
    versie = _concept(versie)
    if verdeelsleutel not in Verdeelsleutel.values:
        raise DomeinFout(_("Kies een verdeelsleutel."))
    if not Decimal(0) <= basisaandeel <= Decimal(100):
        raise DomeinFout(_("Het vaste deel moet tussen 0 en 100 procent liggen."))
    deelnemers = deelnemers_van(versie)
    if verdeelsleutel == Verdeelsleutel.PERCENTAGES:
        percentages = percentages or {}
        try:
            gewichten_percentages(
                {d.gemeente_id: percentages.get(d.gemeente_id) for d in deelnemers}
            )
        except VerdeelFout as fout:
            raise DomeinFout(str(fout)) from fout
    versie.verdeelsleutel = verdeelsleutel
    versie.basisaandeel = (
        basisaandeel if verdeelsleutel == Verdeelsleutel.BASIS_PLUS_INWONERS else 0
    )
    if volgt_referentie(versie):
        # A first concept has no member rows yet: its percentages wait on the version, and
        # the proposal checks them against the members of the year.
        if verdeelsleutel == Verdeelsleutel.PERCENTAGES:
            versie.percentages = {
                str(d.gemeente_id): str(percentages[d.gemeente_id]) for d in deelnemers
            }
        return bewaar(versie, acting_user=acting_user)
    bewaar(versie, acting_user=acting_user)
    for d in deelnemers:
        nieuw = (
            percentages.get(d.gemeente_id)
            if verdeelsleutel == Verdeelsleutel.PERCENTAGES
            else d.percentage
        )
        if nieuw != d.percentage:
            d.percentage = nieuw
            bewaar(d, acting_user=acting_user)
    return versie
