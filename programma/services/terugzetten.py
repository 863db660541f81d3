"""Reverting a concept opgave, or a concept's title and vision, to an earlier recorded state
(a "stand": one history record of that very row). Only the drafters (regiobestuur and
programmabureau) may; the revert is an edit like any other: it validates, bumps the
wijzigingsnummer (an edit form opened before it then sees a conflict) and is recorded in the
history with who did it and why. A frozen version refuses, as every write to it does.

What a stand of an opgave holds: its own row as recorded, and its stuurgroep and externe
regelingen as they stood when the save that made the record was done. A save writes the
opgave's row first and its stuurgroep right after (werk_opgave_bij, neem_opgave_op, this
module), so those rows are read a moment later (`NASLEEP`), never past the next change of the
opgave's own row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from programma.models import ExterneRegeling, ProgrammaOpgave, ProgrammaVersie, StuurgroepLid
from programma.permissions import BEWERKEN
from programma.services.levenscyclus import _concept
from programma.services.opstellen import _weiger_buiten_recht
from regio.exceptions import DomeinFout
from regio.geld import format_bedrag
from regio.history import bewaar, verwijder
from regio.models import Bestuurder, Partner
from regio.tekstverschil import is_herschreven, is_lang

#: the content of an opgave that a revert restores (the identity, titel and thema, is the
#: Opgave's and lasts across years: not part of a version's stand)
OPGAVE_INHOUD = [
    "doel",
    "resultaat",
    "mandaat",
    "sturing",
    "budget",
    "capaciteit_fte",
    "capaciteit_toelichting",
    "rangorde",
    "portefeuillehouder",
]
VISIE_INHOUD = ["titel", "visie_fundament", "visie_actualiteit", "visie_perspectief"]

#: shorter labels than the models' (which name the unit: the page formats it)
LABELS = {"budget": _lazy("budget"), "capaciteit_fte": _lazy("capaciteit")}

#: how long after an opgave's record the rows of the same save are still written
NASLEEP = datetime.timedelta(seconds=2)

STUURGROEP_VELDEN = ["partner_id", "bestuurder_id", "rol"]
REGELING_VELDEN = ["naam", "niveau", "verwachte_cofinanciering", "toelichting"]


def mag_terugzetten(user) -> bool:
    """Whether this user may revert concept opgaven and texts (the drafters' role, globally)."""
    return bool(user is not None and user.is_authenticated and user.has_perm(BEWERKEN))


def _weiger_zonder_recht(acting_user) -> None:
    if not mag_terugzetten(acting_user):
        raise DomeinFout(
            _(
                "Alleen het regiobestuur en het programmabureau kunnen iets terugzetten naar "
                "een eerdere stand."
            )
        )


def _reden(reden: str) -> str:
    reden = (reden or "").strip()
    if not reden:
        raise DomeinFout(_("Geef een reden op: die komt in de geschiedenis te staan."))
    return reden


def datum_van(stand) -> str:
    """A record's moment as the pages write it: 12 november 2026 14:03."""
    return date_format(timezone.localtime(stand.history_date), "j F Y H:i")


def _toelichting(stand, reden: str) -> str:
    return _("Teruggezet naar de stand van %(datum)s: %(reden)s") % {
        "datum": datum_van(stand),
        "reden": reden,
    }


# --- the records one may revert to -------------------------------------------------------


def standen_van_opgave(programma_opgave: ProgrammaOpgave, *, aantal: int | None = None) -> list:
    """The history records of this opgave in this version, newest first (with their user)."""
    qs = ProgrammaOpgave.history.filter(id=programma_opgave.pk).select_related("history_user")
    qs = qs.order_by("-history_date", "-history_id")
    return list(qs[:aantal] if aantal else qs)


def standen_van_visie(versie: ProgrammaVersie, *, aantal: int | None = None) -> list:
    """The history records of this version that changed its title or vision (and its first),
    newest first, with their user."""
    records = list(
        ProgrammaVersie.history.filter(id=versie.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    gekozen, vorige = [], None
    for rec in records:
        if vorige is None or any(getattr(rec, v) != getattr(vorige, v) for v in VISIE_INHOUD):
            gekozen.append(rec)
        vorige = rec
    gekozen.reverse()
    return gekozen[:aantal] if aantal else gekozen


def opgave_stand(programma_opgave: ProgrammaOpgave, stand: int):
    """The record `stand` of this opgave's own row; DomeinFout for any other id."""
    rec = (
        ProgrammaOpgave.history.filter(history_id=stand, id=programma_opgave.pk)
        .select_related("history_user")
        .first()
    )
    if rec is None or rec.history_type == "-":
        raise DomeinFout(_("Deze stand hoort niet bij deze opgave."))
    return rec


def visie_stand(versie: ProgrammaVersie, stand: int):
    """The record `stand` of this version's own row; DomeinFout for any other id."""
    rec = (
        ProgrammaVersie.history.filter(history_id=stand, id=versie.pk)
        .select_related("history_user")
        .first()
    )
    if rec is None or rec.history_type == "-":
        raise DomeinFout(_("Deze stand hoort niet bij deze programmaversie."))
    return rec


def _moment(rec) -> datetime.datetime:
    """Until when the rows under an opgave belong to the stand `rec` (see the module's doc)."""
    volgende = (
        ProgrammaOpgave.history.filter(id=rec.id, history_date__gt=rec.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    einde = rec.history_date + NASLEEP
    if volgende is not None:
        einde = min(einde, volgende - datetime.timedelta(microseconds=1))
    return einde


def onderdelen_van_stand(rec) -> tuple[list[StuurgroepLid], list[ExterneRegeling]]:
    """The stuurgroep and externe regelingen of an opgave as they stood in `rec` (instances
    with the ids they had; rows since removed included)."""
    moment = _moment(rec)
    leden = list(
        StuurgroepLid.history.as_of(moment)
        .filter(programma_opgave_id=rec.id)
        .select_related("partner", "bestuurder__gemeente")
    )
    regelingen = list(ExterneRegeling.history.as_of(moment).filter(programma_opgave_id=rec.id))
    return leden, regelingen


# --- what would change: for the confirm page ---------------------------------------------


@dataclass(frozen=True)
class Verschil:
    """One field that a revert would change: what it is now, what it becomes."""

    veld: str
    label: str
    nu: object
    dan: object
    soort: str = "tekst"  # "tekst", "lang" (a word-level diff), "euro", "fte", "lijst"


def _lid_naam(lid: StuurgroepLid) -> str:
    return str(lid.partner.naam if lid.partner_id else lid.bestuurder.naam) + (
        f" ({lid.rol})" if lid.rol else ""
    )


def _regeling_naam(r: ExterneRegeling) -> str:
    return f"{r.naam} ({r.get_niveau_display()}, {format_bedrag(r.verwachte_cofinanciering)})"


def verschillen_opgave(programma_opgave: ProgrammaOpgave, rec) -> list[Verschil]:
    """The fields, stuurgroep and regelingen in which the opgave now differs from stand `rec`."""
    po = programma_opgave
    dan = rec.instance
    uit: list[Verschil] = []
    for naam in OPGAVE_INHOUD:
        label = str(LABELS.get(naam) or ProgrammaOpgave._meta.get_field(naam).verbose_name)
        if naam == "portefeuillehouder":
            if po.portefeuillehouder_id != dan.portefeuillehouder_id:
                namen = dict(
                    Bestuurder.objects.filter(
                        pk__in=[po.portefeuillehouder_id, dan.portefeuillehouder_id]
                    ).values_list("pk", "naam")
                )
                geen = _("(niemand)")
                uit.append(
                    Verschil(
                        naam,
                        label,
                        namen.get(po.portefeuillehouder_id, geen),
                        namen.get(dan.portefeuillehouder_id, geen),
                    )
                )
            continue
        nu_w, dan_w = getattr(po, naam), getattr(dan, naam)
        if nu_w == dan_w:
            continue
        soort = {"budget": "euro", "capaciteit_fte": "fte"}.get(naam, "tekst")
        if soort == "tekst" and is_lang(str(nu_w), str(dan_w)):
            # a rewrite reads as the two texts side by side, an edit as a word diff
            soort = "tekst" if is_herschreven(str(nu_w), str(dan_w)) else "lang"
        uit.append(Verschil(naam, label, nu_w, dan_w, soort))
    leden_dan, regelingen_dan = onderdelen_van_stand(rec)
    leden_nu = list(po.stuurgroep.select_related("partner", "bestuurder"))
    regelingen_nu = list(po.externe_regelingen.all())
    for naam, label, nu_l, dan_l in (
        ("stuurgroep", _("stuurgroep"), map(_lid_naam, leden_nu), map(_lid_naam, leden_dan)),
        (
            "externe_regelingen",
            _("externe regelingen"),
            map(_regeling_naam, regelingen_nu),
            map(_regeling_naam, regelingen_dan),
        ),
    ):
        nu_l, dan_l = sorted(nu_l), sorted(dan_l)
        if nu_l != dan_l:
            # each name with whether the revert removes it (now) or brings it back (then)
            nu_m = [(x, x not in dan_l) for x in nu_l]
            dan_m = [(x, x not in nu_l) for x in dan_l]
            uit.append(Verschil(naam, label, nu_m, dan_m, "lijst"))
    return uit


def verschillen_visie(versie: ProgrammaVersie, rec) -> list[Verschil]:
    """The title and vision fields in which the version now differs from stand `rec`."""
    uit = []
    for naam in VISIE_INHOUD:
        nu_w, dan_w = getattr(versie, naam), getattr(rec, naam)
        if nu_w != dan_w:
            label = str(ProgrammaVersie._meta.get_field(naam).verbose_name)
            uit.append(
                Verschil(
                    naam,
                    label,
                    nu_w,
                    dan_w,
                    "lang" if is_lang(nu_w, dan_w) and not is_herschreven(nu_w, dan_w) else "tekst",
                )
            )
    return uit


# --- the reverts ------------------------------------------------------------------------------


def _bestaat_nog(rec) -> None:
    """Refuse a stand that names a person or organisation that no longer exists."""
    if (
        rec.portefeuillehouder_id
        and not Bestuurder.objects.filter(pk=rec.portefeuillehouder_id).exists()
    ):
        raise DomeinFout(
            _(
                "De portefeuillehouder van die stand is geen bestuurder meer; benoem eerst een "
                "andere portefeuillehouder of kies een andere stand."
            )
        )


def _herstel(huidig: list, dan: list, *, sleutel, velden: list[str], maak, acting_user, reden):
    """Make the rows `huidig` what `dan` was: matched by id, else by `sleutel`; rows added
    since are removed, rows removed since come back as new rows, changed rows get their old
    values. Removals first, so that a row that comes back never meets its own unique key."""
    op_id = {r.pk: r for r in huidig}
    op_sleutel = {sleutel(r): r for r in huidig}
    paren, nieuw = [], []
    gebruikt: set[int] = set()
    for oud in dan:
        rij = op_id.get(oud.pk)
        if rij is None or rij.pk in gebruikt:
            rij = op_sleutel.get(sleutel(oud))
        if rij is None or rij.pk in gebruikt:
            nieuw.append(oud)
        else:
            gebruikt.add(rij.pk)
            paren.append((rij, oud))
    for rij in huidig:
        if rij.pk not in gebruikt:
            verwijder(rij, acting_user=acting_user, reden=reden)
    for rij, oud in paren:
        if any(getattr(rij, v) != getattr(oud, v) for v in velden):
            for v in velden:
                setattr(rij, v, getattr(oud, v))
            bewaar(rij, acting_user=acting_user, reden=reden)
    for oud in nieuw:
        bewaar(maak(oud), acting_user=acting_user, reden=reden)


def _controleer_onderdelen(leden: list[StuurgroepLid]) -> None:
    partners = {lid.partner_id for lid in leden if lid.partner_id}
    bestuurders = {lid.bestuurder_id for lid in leden if lid.bestuurder_id}
    if (
        len(partners) != Partner.objects.filter(pk__in=partners).count()
        or len(bestuurders) != Bestuurder.objects.filter(pk__in=bestuurders).count()
    ):
        raise DomeinFout(
            _("Een lid van de stuurgroep van die stand bestaat niet meer; kies een andere stand.")
        )


def huidige_stand_opgave(po: ProgrammaOpgave) -> str:
    """A token of what the revert page showed: the opgave's row, its stuurgroep and regelingen
    as they are now (their newest history records). A revert confirmed against another token
    would undo an edit its page never showed."""
    laatste = [
        model.history.filter(**{veld: po.pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)[:1]
        for model, veld in (
            (ProgrammaOpgave, "id"),
            (StuurgroepLid, "programma_opgave_id"),
            (ExterneRegeling, "programma_opgave_id"),
        )
    ]
    return "-".join(str(next(iter(q), 0)) for q in laatste)


def huidige_stand_visie(versie: ProgrammaVersie) -> str:
    """The same token for a concept's title and vision."""
    laatste = versie.history.order_by("-history_id").values_list("history_id", flat=True)[:1]
    return str(next(iter(laatste), 0))


def _weiger_als_gewijzigd(nu: str, verwacht: str | None) -> None:
    if verwacht is not None and nu != verwacht:
        raise DomeinFout(
            _(
                "Dit is gewijzigd sinds u deze pagina opende. Hieronder staat wat terugzetten nu "
                "verandert; bevestig opnieuw als u dat wilt."
            )
        )


@transaction.atomic
def zet_opgave_terug(
    *,
    programma_opgave: ProgrammaOpgave,
    stand: int,
    reden: str,
    acting_user,
    verwacht: str | None = None,
) -> ProgrammaOpgave:
    """Revert an opgave in a concept version to the stand `stand` (a history id of its row):
    its content, stuurgroep and externe regelingen, recorded with who and why. `verwacht`: the
    token of what the confirm page showed (huidige_stand_opgave); a changed opgave refuses."""
    _concept(programma_opgave.versie)  # the version first: the lock order of werk_opgave_bij
    _weiger_zonder_recht(acting_user)
    reden = _reden(reden)
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("versie", "opgave")
        .get(pk=programma_opgave.pk)
    )
    _weiger_als_gewijzigd(huidige_stand_opgave(po), verwacht)
    rec = opgave_stand(po, stand)
    dan = rec.instance
    _bestaat_nog(rec)
    # the rules of an edit: who may change budget, rangorde and the appointment
    _weiger_buiten_recht(
        po,
        acting_user,
        budget=dan.budget,
        rangorde=dan.rangorde,
        portefeuillehouder=(
            Bestuurder.objects.get(pk=dan.portefeuillehouder_id)
            if dan.portefeuillehouder_id
            else None
        ),
    )
    leden, regelingen = onderdelen_van_stand(rec)
    _controleer_onderdelen(leden)

    toelichting = _toelichting(rec, reden)
    for naam in OPGAVE_INHOUD:
        setattr(po, naam, getattr(dan, naam))
    po.wijzigingsnummer += 1  # an edit form opened before this now sees a conflict
    bewaar(po, acting_user=acting_user, reden=toelichting)

    _herstel(
        list(po.stuurgroep.all()),
        leden,
        sleutel=lambda lid: (lid.partner_id, lid.bestuurder_id),
        velden=STUURGROEP_VELDEN,
        maak=lambda oud: StuurgroepLid(
            programma_opgave=po,
            partner_id=oud.partner_id,
            bestuurder_id=oud.bestuurder_id,
            rol=oud.rol,
        ),
        acting_user=acting_user,
        reden=toelichting,
    )
    _herstel(
        list(po.externe_regelingen.all()),
        regelingen,
        sleutel=lambda r: r.naam.casefold(),
        velden=REGELING_VELDEN,
        maak=lambda oud: ExterneRegeling(
            programma_opgave=po, **{v: getattr(oud, v) for v in REGELING_VELDEN}
        ),
        acting_user=acting_user,
        reden=toelichting,
    )
    return po


@transaction.atomic
def zet_visie_terug(
    *,
    versie: ProgrammaVersie,
    stand: int,
    reden: str,
    acting_user,
    verwacht: str | None = None,
) -> ProgrammaVersie:
    """Revert the title and vision of a concept version to the stand `stand` (a history id of
    its row), recorded with who and why (`verwacht`: as zet_opgave_terug)."""
    versie = _concept(versie)
    _weiger_zonder_recht(acting_user)
    reden = _reden(reden)
    _weiger_als_gewijzigd(huidige_stand_visie(versie), verwacht)
    rec = visie_stand(versie, stand)
    for naam in VISIE_INHOUD:
        setattr(versie, naam, getattr(rec, naam))
    versie.wijzigingsnummer += 1
    return bewaar(versie, acting_user=acting_user, reden=_toelichting(rec, reden))
