"""The lifecycle of a year's programme: create, fill, propose (freeze), correct, close."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from opgaven.models import Opgave
from programma.documenten.vingerafdruk import leg_vast as leg_vingerafdruk_vast
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Status,
    StuurgroepLid,
    Synergie,
    Verdeelsleutel,
    statusovergang,
)
from programma.permissions import BEWERK_OPGAVE, mag_alles_bewerken
from programma.selectors import (
    Deelname,
    bereken_bijdragen,
    deelname_van,
    deelnemers_van,
    peildatum_voor,
)
from programma.signalen import versie_voorgesteld
from programma.verdeling import VerdeelFout
from regio import bevriezing, publicatie
from regio.exceptions import Bevroren, DomeinFout
from regio.history import bewaar, verwijder
from regio.history import moment as history_moment
from regio.models import Bestuurder, Gemeente, Partner, Thema


def _peildatum_voor(jaar: int) -> datetime.date:
    """The latest CBS peildatum on or before 1 January of the programme's year."""
    peildatum = peildatum_voor(jaar)
    if peildatum is None:
        raise DomeinFout(_("Er zijn nog geen inwonertallen vastgelegd; voeg die eerst toe."))
    return peildatum


# the reason in the history of every row the proposal writes
VOORGESTELD = gettext_lazy("Voorgesteld aan de raden")


def _werk_bij_met_historie(qs, acting_user, **waarden) -> None:
    """One UPDATE of every row of `qs` (expressions computed by the database, so its cost does
    not grow with the rows), then one history row each, as an edit by the acting user."""
    if qs.update(**waarden):
        qs.model.history.bulk_history_create(
            list(qs.all()),
            update=True,
            default_user=acting_user,
            default_date=history_moment(),
            default_change_reason=str(VOORGESTELD),
        )


def _naam(model, pad: str, veld: str, kolom: str):
    """The `veld` of the `model` row whose `pad` is the outer row's `kolom`, or ''."""
    return Coalesce(
        Subquery(model.objects.filter(**{pad: OuterRef(kolom)}).values(veld)[:1]),
        Value(""),
    )


def _leg_deelnemers_vast(*, versie: ProgrammaVersie, deelname: Deelname, acting_user) -> None:
    """Record the members and inwoners the proposal splits over, with the names it shows: new
    rows for a first version, the names only for a correction (which keeps its members)."""
    if not deelname.voorlopig:
        _werk_bij_met_historie(
            Deelnemer.objects.filter(versie=versie),
            acting_user,
            gemeente_naam=_naam(Gemeente, "pk", "naam", "gemeente_id"),
        )
        return
    # A first concept has no member rows of its own; one added by hand (the admin) would
    # otherwise collide with the record made here.
    for los in versie.deelnemers.all():
        verwijder(los, acting_user=acting_user, reden=_("Vervangen door de leden van het jaar"))
    percentages = versie.verdeelsleutel == Verdeelsleutel.PERCENTAGES
    for d in deelname.deelnemers:
        d.gemeente_naam = d.gemeente.naam
        if not percentages:
            d.percentage = None  # the row records what the split used, nothing more
    bulk_create_with_history(
        deelname.deelnemers,
        Deelnemer,
        default_user=acting_user,
        default_date=history_moment(),
        default_change_reason=str(VOORGESTELD),
    )


def _leg_namen_vast(*, versie: ProgrammaVersie, acting_user) -> None:
    """Store with the version what its pages show of the reference data (opgave title, thema,
    bestuurders, partners), so that a rename afterwards leaves the proposed programme as it was."""
    _werk_bij_met_historie(
        ProgrammaOpgave.objects.filter(versie=versie),
        acting_user,
        opgave_titel=_naam(Opgave, "pk", "titel", "opgave_id"),
        thema_naam=_naam(Thema, "opgaven", "naam", "opgave_id"),
        portefeuillehouder_naam=_naam(Bestuurder, "pk", "naam", "portefeuillehouder_id"),
        portefeuillehouder_functie=_naam(Bestuurder, "pk", "functie", "portefeuillehouder_id"),
        portefeuillehouder_gemeente=_naam(
            Bestuurder, "pk", "gemeente__naam", "portefeuillehouder_id"
        ),
    )
    bestuurder = Subquery(
        Bestuurder.objects.filter(pk=OuterRef("bestuurder_id")).values("naam")[:1]
    )
    partner = Subquery(Partner.objects.filter(pk=OuterRef("partner_id")).values("naam")[:1])
    _werk_bij_met_historie(
        StuurgroepLid.objects.filter(programma_opgave__versie=versie),
        acting_user,
        naam=Coalesce(bestuurder, partner, Value("")),
        functie=_naam(Bestuurder, "pk", "functie", "bestuurder_id"),
        gemeente_naam=_naam(Bestuurder, "pk", "gemeente__naam", "bestuurder_id"),
        soort=_naam(Partner, "pk", "soort", "partner_id"),
    )


@transaction.atomic
def maak_jaarprogramma(
    *, jaar: int, titel: str, acting_user, overnemen: bool = False
) -> ProgrammaVersie:
    """Start a new year's programme as concept version 1, empty or carried forward from the
    latest version of the previous year (which stays untouched). Its members and inwoners
    follow the reference data until it is proposed."""
    if Jaarprogramma.objects.filter(jaar=jaar).exists():
        raise DomeinFout(_("Er bestaat al een jaarprogramma %(jaar)s.") % {"jaar": jaar})
    bron = None
    if overnemen:
        # The published version of the previous year; its concept only if nothing is published.
        vorige = ProgrammaVersie.objects.filter(jaarprogramma__jaar=jaar - 1)
        bron = vorige.bevroren().order_by("-nummer").first() or vorige.order_by("-nummer").first()
        if bron is None:
            raise DomeinFout(
                _("Er is geen jaarprogramma %(jaar)s om over te nemen.") % {"jaar": jaar - 1}
            )
    programma = bewaar(Jaarprogramma(jaar=jaar), acting_user=acting_user)
    versie = ProgrammaVersie(
        jaarprogramma=programma,
        nummer=1,
        titel=titel,
        # provisional: the proposal records the peildatum it used
        peildatum_inwoners=_peildatum_voor(jaar),
        aangemaakt_door=acting_user,
    )
    if bron is not None:
        versie.vorige = bron
        for veld in (
            "visie_fundament",
            "visie_actualiteit",
            "visie_perspectief",
            "verdeelsleutel",
            "basisaandeel",
        ):
            setattr(versie, veld, getattr(bron, veld))
        # Fixed percentages go along; the proposal checks them against the new year's members.
        versie.percentages = {
            str(d.gemeente_id): str(d.percentage)
            for d in deelnemers_van(bron)
            if d.percentage is not None
        }
    bewaar(versie, acting_user=acting_user)
    if bron is not None:
        _kopieer_inhoud(bron=bron, doel=versie, acting_user=acting_user)
    return versie


def _kopieer_inhoud(*, bron: ProgrammaVersie, doel: ProgrammaVersie, acting_user) -> None:
    """Copy the content of one version into another: every kind the register says belongs to a
    version and is copied (regio.bevriezing), in dependency order, with its keys remapped."""
    bevriezing.kopieer(wortel=ProgrammaVersie, bron=bron, doel=doel, acting_user=acting_user)


def _concept(versie: ProgrammaVersie) -> ProgrammaVersie:
    """Lock the version row and make sure it is a concept. Every write to a concept takes this
    lock first, so a proposal (which takes it too) never interleaves with an edit."""
    versie = ProgrammaVersie.objects.select_for_update().get(pk=versie.pk)
    if versie.is_bevroren:
        raise Bevroren(_("Deze programmaversie is voorgesteld en kan niet meer veranderen."))
    return versie


def weiger_zonder_opgaverecht(po: ProgrammaOpgave, acting_user) -> None:
    """Refuse a write to an opgave in a concept by whoever may not edit it there (a drafter, or
    its portefeuillehouder in that version)."""
    if not acting_user.has_perm(BEWERK_OPGAVE, po):
        raise DomeinFout(_("U mag deze opgave in dit programma niet bewerken."))


def _weiger_zonder_opstelrecht(acting_user) -> None:
    # Synergie weighs in the priority of both opgaven (DOMAIN.md: "hoe meer synergie, hoe meer
    # prioriteit"), like the rangorde: the regiobestuur's and programmabureau's.
    if not mag_alles_bewerken(acting_user):
        raise DomeinFout(_("Synergieën leggen het regiobestuur en het programmabureau vast."))


@transaction.atomic
def neem_opgave_op(
    *,
    versie: ProgrammaVersie,
    opgave: Opgave,
    acting_user,
    doel: str,
    resultaat: str,
    mandaat: str,
    sturing: str,
    budget: int,
    capaciteit_fte,
    portefeuillehouder: Bestuurder | None,
    capaciteit_toelichting: str = "",
    rangorde: int = 0,
    partners: list[Partner] | None = None,
    bestuurders: list[Bestuurder] | None = None,
) -> ProgrammaOpgave:
    """Add an opgave with its content and stuurgroep to a concept version."""
    _concept(versie)
    if versie.opgaven.filter(opgave=opgave).exists():
        raise DomeinFout(_("Deze opgave staat al in het programma."))
    po = bewaar(
        ProgrammaOpgave(
            versie=versie,
            opgave=opgave,
            doel=doel,
            resultaat=resultaat,
            mandaat=mandaat,
            sturing=sturing,
            budget=budget,
            capaciteit_fte=capaciteit_fte,
            capaciteit_toelichting=capaciteit_toelichting,
            portefeuillehouder=portefeuillehouder,
            rangorde=rangorde,
        ),
        acting_user=acting_user,
    )
    leden = [StuurgroepLid(programma_opgave=po, partner=p) for p in partners or []]
    leden += [StuurgroepLid(programma_opgave=po, bestuurder=b) for b in bestuurders or []]
    for lid in leden:
        bewaar(lid, acting_user=acting_user)
    return po


@transaction.atomic
def voeg_externe_regeling_toe(
    *,
    programma_opgave: ProgrammaOpgave,
    naam: str,
    niveau: str,
    verwachte_cofinanciering: int,
    acting_user,
    toelichting: str = "",
) -> ExterneRegeling:
    """Link an external (provincie, Rijk, EU) programme to a concept opgave."""
    _concept(programma_opgave.versie)
    weiger_zonder_opgaverecht(programma_opgave, acting_user)
    if programma_opgave.externe_regelingen.filter(naam__iexact=naam.strip()).exists():
        raise DomeinFout(_("De regeling '%(naam)s' staat al bij deze opgave.") % {"naam": naam})
    return bewaar(
        ExterneRegeling(
            programma_opgave=programma_opgave,
            naam=naam,
            niveau=niveau,
            verwachte_cofinanciering=verwachte_cofinanciering,
            toelichting=toelichting,
        ),
        acting_user=acting_user,
    )


@transaction.atomic
def voeg_synergie_toe(
    *, van: ProgrammaOpgave, naar: ProgrammaOpgave, toelichting: str, acting_user
) -> Synergie:
    """Link two opgaven of one concept version, with an explanation; symmetric."""
    _concept(van.versie)
    _weiger_zonder_opstelrecht(acting_user)
    if van.pk == naar.pk:
        raise DomeinFout(_("Een opgave heeft geen synergie met zichzelf."))
    if van.versie_id != naar.versie_id:
        raise DomeinFout(_("Synergie kan alleen tussen opgaven van één programmaversie."))
    if not toelichting.strip():
        raise DomeinFout(_("Licht toe waarin de synergie zit."))
    eerste, tweede = sorted((van, naar), key=lambda p: p.pk)
    if Synergie.objects.filter(van=eerste, naar=tweede).exists():
        raise DomeinFout(_("Deze synergie is al vastgelegd."))
    return bewaar(
        Synergie(van=eerste, naar=tweede, toelichting=toelichting), acting_user=acting_user
    )


@transaction.atomic
def verwijder_synergie(*, synergie: Synergie, acting_user) -> None:
    """Remove a synergy from a concept version."""
    _concept(synergie.van.versie)
    _weiger_zonder_opstelrecht(acting_user)
    verwijder(synergie, acting_user=acting_user)


@transaction.atomic
def stel_programma_voor(
    *, versie: ProgrammaVersie, acting_user, op: datetime.datetime | None = None
) -> ProgrammaVersie:
    """The regiobestuur proposes a concept version: the members, inwoners and peildatum it
    splits over are recorded, the bijdragen computed from exactly those and stored, the names
    it shows stored with it, and the version frozen; the year becomes voorgesteld (a
    correction supersedes the earlier one). A fixed number of queries, whatever its size.
    `op` records a proposal made earlier (an import, the demo's past years): never in the
    future, never before the version it supersedes."""
    versie = (
        ProgrammaVersie.objects.select_for_update()
        .select_related("jaarprogramma")
        .get(pk=versie.pk)
    )
    if versie.is_bevroren:
        raise Bevroren(_("Deze programmaversie is voorgesteld en kan niet meer veranderen."))
    programma = versie.jaarprogramma
    if programma.status not in (Status.CONCEPT, Status.VOORGESTELD):
        raise DomeinFout(
            _("Een %(status)s programma kan niet meer worden voorgesteld.")
            % {"status": programma.get_status_display()}
        )
    opgaven = list(versie.opgaven.select_related("opgave"))
    if not opgaven:
        raise DomeinFout(_("Een programma zonder opgaven kan niet worden voorgesteld."))
    if not versie.titel.strip():
        raise DomeinFout(_("Geef het programma een titel voordat het wordt voorgesteld."))
    zonder = sorted(po.opgave.titel for po in opgaven if po.portefeuillehouder_id is None)
    if zonder:
        raise DomeinFout(
            _("Benoem eerst een regionaal portefeuillehouder voor: %(opgaven)s.")
            % {"opgaven": ", ".join(zonder)}
        )
    deelname = deelname_van(versie)
    if deelname.probleem:
        raise DomeinFout(deelname.probleem)
    try:
        bedragen = bereken_bijdragen(versie, deelnemers=deelname.deelnemers)
    except VerdeelFout as fout:
        raise DomeinFout(str(fout)) from fout
    _leg_deelnemers_vast(versie=versie, deelname=deelname, acting_user=acting_user)
    _leg_namen_vast(versie=versie, acting_user=acting_user)
    bulk_create_with_history(
        [
            Bijdrage(programma_opgave_id=po_id, gemeente_id=gemeente_id, bedrag=bedrag)
            for (po_id, gemeente_id), bedrag in bedragen.items()
        ],
        Bijdrage,
        default_user=acting_user,
        default_date=history_moment(),
        default_change_reason=str(VOORGESTELD),
    )
    vervangt = programma.versies.bevroren().exclude(pk=versie.pk).order_by("-nummer").first()
    nu = timezone.now()
    if op is not None and (op > nu or (vervangt is not None and op < vervangt.bevroren_op)):
        raise DomeinFout(
            _("Het moment van voorstellen ligt in de toekomst of voor de vorige versie.")
        )
    versie.peildatum_inwoners = deelname.peildatum
    versie.percentages = {}  # from now on on the Deelnemer rows, the one record
    versie.bevroren_op = op or nu
    versie.bevroren_door = acting_user
    bewaar(versie, acting_user=acting_user, reden=_("Voorgesteld aan de raden"))
    # The fingerprint of what was proposed, stored with it (programma/documenten/vingerafdruk.py)
    leg_vingerafdruk_vast(versie, acting_user=acting_user)
    if programma.status == Status.CONCEPT:
        programma.status = Status.VOORGESTELD
        with statusovergang():
            bewaar(programma, acting_user=acting_user, reden=_("Voorgesteld aan de raden"))
    versie_voorgesteld.send(
        sender=ProgrammaVersie, versie=versie, vervangt=vervangt, acting_user=acting_user
    )
    publicatie.gewijzigd(f"versie {versie.jaar} v{versie.nummer} voorgesteld")
    return versie


@transaction.atomic
def corrigeer_programma(
    *, jaarprogramma: Jaarprogramma, reden: str, acting_user
) -> ProgrammaVersie:
    """Start a correction of a proposed programme: a new concept version n+1, copied from the
    latest frozen version, which stays readable as it was."""
    programma = Jaarprogramma.objects.select_for_update().get(pk=jaarprogramma.pk)
    if programma.status != Status.VOORGESTELD:
        raise DomeinFout(_("Alleen een voorgesteld programma kan worden gecorrigeerd."))
    if not reden.strip():
        raise DomeinFout(_("Geef de reden van de correctie op."))
    if programma.versies.concepten().exists():
        raise DomeinFout(_("Er is al een nieuwe versie in bewerking."))
    bron = programma.versies.bevroren().order_by("-nummer").first()
    versie = ProgrammaVersie(
        jaarprogramma=programma,
        nummer=bron.nummer + 1,
        titel=bron.titel,
        visie_fundament=bron.visie_fundament,
        visie_actualiteit=bron.visie_actualiteit,
        visie_perspectief=bron.visie_perspectief,
        verdeelsleutel=bron.verdeelsleutel,
        basisaandeel=bron.basisaandeel,
        peildatum_inwoners=bron.peildatum_inwoners,
        vorige=bron,
        reden=reden.strip(),
        aangemaakt_door=acting_user,
    )
    bewaar(versie, acting_user=acting_user, reden=reden.strip())
    # The members and inwoners are those the proposal used: a correction changes content only.
    bevriezing.kopieer(
        wortel=ProgrammaVersie,
        bron=bron,
        doel=versie,
        acting_user=acting_user,
        modellen=[Deelnemer],
    )
    _kopieer_inhoud(bron=bron, doel=versie, acting_user=acting_user)
    return versie


def _ga_naar(*, jaarprogramma: Jaarprogramma, naar: str, acting_user) -> Jaarprogramma:
    programma = Jaarprogramma.objects.select_for_update().get(pk=jaarprogramma.pk)
    if programma.volgende_status() != naar:
        raise DomeinFout(
            _("Een programma met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": programma.get_status_display(), "naar": Status(naar).label}
        )
    if programma.versies.concepten().exists():
        raise DomeinFout(
            _("Er is nog een correctie in bewerking; stel die eerst voor of verwijder haar.")
        )
    programma.status = naar
    with statusovergang():
        return bewaar(programma, acting_user=acting_user)


@transaction.atomic
def stel_programma_vast(*, jaarprogramma: Jaarprogramma, acting_user) -> Jaarprogramma:
    """Close the decision round: the proposed programme becomes vastgesteld."""
    return _ga_naar(jaarprogramma=jaarprogramma, naar=Status.VASTGESTELD, acting_user=acting_user)


@transaction.atomic
def sluit_programma_af(*, jaarprogramma: Jaarprogramma, acting_user) -> Jaarprogramma:
    """Close the year: a vastgesteld programme becomes afgesloten."""
    return _ga_naar(jaarprogramma=jaarprogramma, naar=Status.AFGESLOTEN, acting_user=acting_user)


@transaction.atomic
def benoem_portefeuillehouder(
    *, programma_opgave: ProgrammaOpgave, bestuurder: Bestuurder, acting_user
) -> ProgrammaOpgave:
    """The regiobestuur appoints the regionaal portefeuillehouder of an opgave in a concept."""
    _concept(programma_opgave.versie)
    po = (
        ProgrammaOpgave.objects.select_for_update()
        .select_related("opgave")
        .get(pk=programma_opgave.pk)
    )
    po.portefeuillehouder = bestuurder
    po.wijzigingsnummer += 1  # an edit form opened before this now sees a conflict
    po._history_user = acting_user
    po._change_reason = _("Portefeuillehouder benoemd")
    # The rights follow from this row itself (programma.permissions): nothing else to update.
    po.save(update_fields=["portefeuillehouder", "wijzigingsnummer"])
    return po
