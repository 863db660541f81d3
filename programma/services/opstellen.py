"""Drafting a concept version: the vision text, the content of each opgave, removing opgaven,
external schemes, and the verdeelsleutel. Texts are protected against lost updates: a save
names the wijzigingsnummer it started from, and a save on top of someone else's is refused
with a Conflict that carries what is in the database now. With the state the form was opened
on (its basis), `voeg_opgave_samen` / `voeg_visie_samen` merge the two saves per field first,
so that only fields both people changed differently come back as a Conflict."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from programma.models import (
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Verdeelsleutel,
)
from programma.permissions import BENOEMEN, mag_alles_bewerken
from programma.samenvoegen import Samenvoeging, normaliseer, voeg_samen
from programma.selectors import deelnemers_van, volgt_referentie
from programma.services.levenscyclus import _concept, weiger_zonder_opgaverecht
from programma.verdeling import VerdeelFout, gewichten_percentages
from regio import bevriezing
from regio.exceptions import DomeinFout
from regio.history import bewaar, verwijder
from regio.models import Bestuurder, Partner

# "Leave the portefeuillehouder as it is" (None means: nobody appointed).
ONGEWIJZIGD = object()


# The fields of the two edit forms, with the shape they are compared in (samenvoegen).
OPGAVE_VELDEN: dict[str, type] = {
    "titel": str,
    "thema": int,
    "doel": str,
    "resultaat": str,
    "mandaat": str,
    "sturing": str,
    "budget": int,
    "capaciteit_fte": Decimal,
    "capaciteit_toelichting": str,
    "rangorde": int,
    "portefeuillehouder": int,
    "partners": frozenset,
    "bestuurders": frozenset,
}
VISIE_VELDEN: dict[str, type] = {
    "titel": str,
    "visie_fundament": str,
    "visie_actualiteit": str,
    "visie_perspectief": str,
}


class Conflict(DomeinFout):
    """Someone else saved this in the meantime; `huidig` is what the database holds now. After
    a merge, `samenvoeging` says which fields both changed (`conflicten`) and holds the merged
    values, and `opgeslagen` the stored state of every field."""

    def __init__(self, *, huidig, door, op, samenvoeging=None, opgeslagen=None):
        self.huidig = huidig
        self.door = door
        self.op = op
        self.samenvoeging = samenvoeging
        self.opgeslagen = opgeslagen
        naam = (door.get_full_name() or door.get_username()) if door else _("iemand anders")
        if samenvoeging is not None:
            bericht = _(
                "%(naam)s heeft intussen ook opgeslagen en heeft een deel van dezelfde velden "
                "anders ingevuld. Wat alleen u of alleen %(naam)s veranderde, is samengevoegd; "
                "kies hieronder per veld welke versie blijft."
            )
        else:
            bericht = _(
                "%(naam)s heeft dit intussen opgeslagen. Vergelijk uw invoer met de opgeslagen "
                "tekst en sla opnieuw op als u uw versie wilt bewaren."
            )
        super().__init__(bericht % {"naam": naam})


@dataclass(frozen=True)
class Samengevoegd:
    """What to save after a merge, on top of which stored wijzigingsnummer, and whose fields of
    an intervening save were kept (`door` saved last)."""

    waarden: dict
    wijzigingsnummer: int
    van_ander: list[str] = field(default_factory=list)
    door: object = None


def _laatste(obj):
    return obj.history.select_related("history_user").first()


def _controleer_wijzigingsnummer(obj, verwacht: int | None) -> None:
    if verwacht is not None and obj.wijzigingsnummer != verwacht:
        laatste = _laatste(obj)
        raise Conflict(
            huidig=obj,
            door=laatste.history_user if laatste else None,
            op=laatste.history_date if laatste else None,
        )


def stand_van_opgave(waarden: dict) -> dict:
    """The opgave edit form's fields (OpgaveForm.initial_van) in the shape the merge compares."""
    return normaliseer(waarden, OPGAVE_VELDEN)


def _stand_nu(po: ProgrammaOpgave) -> dict:
    leden = list(po.stuurgroep.all())
    return stand_van_opgave(
        {
            "titel": po.opgave.titel,
            "thema": po.opgave.thema_id,
            "doel": po.doel,
            "resultaat": po.resultaat,
            "mandaat": po.mandaat,
            "sturing": po.sturing,
            "budget": po.budget,
            "capaciteit_fte": po.capaciteit_fte,
            "capaciteit_toelichting": po.capaciteit_toelichting,
            "rangorde": po.rangorde,
            "portefeuillehouder": po.portefeuillehouder_id,
            "partners": [lid.partner_id for lid in leden if lid.partner_id],
            "bestuurders": [lid.bestuurder_id for lid in leden if lid.bestuurder_id],
        }
    )


def stand_van_visie(versie: ProgrammaVersie) -> dict:
    """The title and vision of a version in the shape the merge compares."""
    return normaliseer({naam: getattr(versie, naam) for naam in VISIE_VELDEN}, VISIE_VELDEN)


def _voeg_samen(obj, opgeslagen, *, verwacht, basis, invoer, keuzes) -> Samengevoegd:
    if basis is None and obj.wijzigingsnummer == verwacht:
        # the old contract: no basis, no intervening save: the input as it is
        return Samengevoegd(waarden={**opgeslagen, **invoer}, wijzigingsnummer=verwacht)
    # With a basis, merge even when the number matches: a save that does not count (the
    # admin) is then kept too, instead of being overwritten by an edit that did not touch it.
    samen: Samenvoeging = voeg_samen(basis=basis, opgeslagen=opgeslagen, mijn=invoer, keuzes=keuzes)
    laatste = _laatste(obj) if (samen.conflicten or samen.van_ander) else None
    door = laatste.history_user if laatste else None
    if samen.conflicten:
        raise Conflict(
            huidig=obj,
            door=door,
            op=laatste.history_date if laatste else None,
            samenvoeging=samen,
            opgeslagen=opgeslagen,
        )
    return Samengevoegd(
        waarden=samen.resultaat,
        wijzigingsnummer=obj.wijzigingsnummer,
        van_ander=samen.van_ander,
        door=door,
    )


@transaction.atomic
def voeg_opgave_samen(
    *,
    programma_opgave: ProgrammaOpgave,
    verwacht_wijzigingsnummer: int | None,
    basis: dict | None,
    invoer: dict,
    keuzes: dict | None = None,
) -> Samengevoegd:
    """Merge an edit of an opgave begun on `basis` with what is stored now; Conflict for fields
    both changed. Call it in the transaction that saves the result: its row lock holds till then."""
    _concept(programma_opgave.versie)  # the same lock order as werk_opgave_bij
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    return _voeg_samen(
        po,
        _stand_nu(po),
        verwacht=verwacht_wijzigingsnummer,
        basis=basis,
        invoer=invoer,
        keuzes=keuzes,
    )


@transaction.atomic
def voeg_visie_samen(
    *,
    versie: ProgrammaVersie,
    verwacht_wijzigingsnummer: int | None,
    basis: dict | None,
    invoer: dict,
    keuzes: dict | None = None,
) -> Samengevoegd:
    """Merge an edit of a version's title and vision begun on `basis` with what is stored now;
    Conflict for fields both changed. Call it in the transaction that saves the result."""
    versie = _concept(versie)
    return _voeg_samen(
        versie,
        stand_van_visie(versie),
        verwacht=verwacht_wijzigingsnummer,
        basis=basis,
        invoer=invoer,
        keuzes=keuzes,
    )


def _weiger_buiten_recht(
    po: ProgrammaOpgave, acting_user, *, budget: int, rangorde: int, portefeuillehouder
) -> None:
    """Refuse a change of what this user may not change (DOMAIN.md, who may do what)."""
    weiger_zonder_opgaverecht(po, acting_user)
    if not mag_alles_bewerken(acting_user):
        if budget != po.budget:
            raise DomeinFout(
                _(
                    "Het budget stellen het regiobestuur en het programmabureau vast; als "
                    "portefeuillehouder kunt u het niet wijzigen."
                )
            )
        if rangorde != po.rangorde:
            raise DomeinFout(
                _(
                    "De rangorde stellen het regiobestuur en het programmabureau vast; als "
                    "portefeuillehouder kunt u haar niet wijzigen."
                )
            )
    if (
        portefeuillehouder is not ONGEWIJZIGD
        and portefeuillehouder != po.portefeuillehouder
        and not acting_user.has_perm(BENOEMEN)
    ):
        raise DomeinFout(_("Alleen het regiobestuur benoemt de portefeuillehouder."))


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
    """Save the content of an opgave in a concept version. A portefeuillehouder changes its
    texts and stuurgroep only; budget and rangorde need a drafter, the appointment the
    regiobestuur (`ONGEWIJZIGD` leaves it as it is)."""
    _concept(programma_opgave.versie)  # the version first: the same lock order as a proposal
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    _controleer_wijzigingsnummer(po, verwacht_wijzigingsnummer)
    _weiger_buiten_recht(
        po, acting_user, budget=budget, rangorde=rangorde, portefeuillehouder=portefeuillehouder
    )
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
    return po


@transaction.atomic
def verwijder_opgave_uit_programma(*, programma_opgave: ProgrammaOpgave, acting_user) -> None:
    """Take an opgave out of a concept version, with all that the register says belongs to it
    (stuurgroep, regelingen, synergieën; each removal in the history with who did it). The
    opgave itself and other years stay."""
    _concept(programma_opgave.versie)
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    for rij in bevriezing.onderdelen(po):
        verwijder(rij, acting_user=acting_user)
    verwijder(po, acting_user=acting_user, reden=_("Uit het programma gehaald"))


@transaction.atomic
def verwijder_externe_regeling(*, regeling: ExterneRegeling, acting_user) -> None:
    """Remove an external scheme from a concept opgave."""
    _concept(regeling.programma_opgave.versie)
    weiger_zonder_opgaverecht(regeling.programma_opgave, acting_user)
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
