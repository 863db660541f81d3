"""Reads that pages share: what a user may see, and the figures of a programme version.

Every page, and later the API, the PDFs and open data, asks these functions; a concept version
is therefore reachable only by those who may draft it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
    Verdeelsleutel,
)
from programma.verdeling import (
    VerdeelFout,
    gewichten_basis_plus_inwoners,
    gewichten_inwoners,
    gewichten_percentages,
    verdeel,
)
from regio.models import Gemeente, Inwonertal


def mag_concepten_zien(user) -> bool:
    """Whether this user may read concept programmes (drafting roles)."""
    return bool(user and user.is_authenticated and user.has_perm("programma.bekijk_concept"))


def zichtbare_versies(user) -> QuerySet[ProgrammaVersie]:
    """The programme versions this user may read: every proposed one, concepts only for drafters
    and for the portefeuillehouders of an opgave in it."""
    qs = ProgrammaVersie.objects.select_related("jaarprogramma")
    if mag_concepten_zien(user):
        return qs
    filter_ = Q(bevroren_op__isnull=False)
    if user is not None and user.is_authenticated:
        filter_ |= Q(opgaven__portefeuillehouder__user=user)
    return qs.filter(filter_).distinct()


def gepubliceerde_versies() -> QuerySet[ProgrammaVersie]:
    """The current published version of every year (the newest frozen one)."""
    return (
        ProgrammaVersie.objects.bevroren()
        .select_related("jaarprogramma")
        .filter(
            nummer=ProgrammaVersie.objects.bevroren()
            .filter(jaarprogramma=OuterRef("jaarprogramma"))
            .order_by("-nummer")
            .values("nummer")[:1]
        )
        .order_by("-jaarprogramma__jaar")
    )


def versie_voor(user, jaar: int, nummer: int | None = None) -> ProgrammaVersie:
    """The version to show at /programma/<jaar>/ (or /v<n>/); 404 when it does not exist or
    must stay secret for this user."""
    versies = zichtbare_versies(user).filter(jaarprogramma__jaar=jaar)
    if nummer is not None:
        versie = versies.filter(nummer=nummer).first()
    else:
        # The published version if there is one; drafters see the concept only before that.
        versie = versies.filter(bevroren_op__isnull=False).order_by("-nummer").first()
        if versie is None:
            versie = versies.order_by("-nummer").first()
    if versie is None:
        raise Http404("Geen programma voor dit jaar.")
    return versie


def huidige_versie(jaar: int) -> ProgrammaVersie | None:
    """The published version the home page shows: this year's, else the newest published."""
    versies = gepubliceerde_versies()
    return versies.filter(jaarprogramma__jaar=jaar).first() or versies.first()


def jaren_overzicht(user) -> list[ProgrammaVersie]:
    """One version per year that this user may see (the one /programma/<jaar>/ shows)."""
    per_jaar: dict[int, ProgrammaVersie] = {}
    # Newest number first, so the first frozen version seen wins over older ones; a concept
    # is only kept for a year that has no frozen version at all (same rule as versie_voor).
    for versie in zichtbare_versies(user).order_by("-jaarprogramma__jaar", "-nummer"):
        huidig = per_jaar.get(versie.jaar)
        if huidig is None or (versie.is_bevroren and not huidig.is_bevroren):
            per_jaar[versie.jaar] = versie
    return list(per_jaar.values())


def programma_opgaven(versie: ProgrammaVersie) -> QuerySet[ProgrammaOpgave]:
    """The opgaven of a version with what the programme page shows of them."""
    return (
        versie.opgaven.select_related(
            "opgave", "opgave__thema", "portefeuillehouder", "portefeuillehouder__gemeente"
        )
        .annotate(
            aantal_synergieen=Count("synergieen_van", distinct=True)
            + Count("synergieen_naar", distinct=True),
            cofinanciering=Sum("externe_regelingen__verwachte_cofinanciering"),
        )
        .order_by("opgave__thema__volgorde", "rangorde", "opgave__titel")
    )


@dataclass
class ThemaGroep:
    thema: object
    opgaven: list = field(default_factory=list)

    @property
    def budget(self) -> int:
        return sum(po.budget for po in self.opgaven)

    @property
    def naam(self) -> str:
        """The thema's name as the version shows it (as proposed, once frozen)."""
        return self.opgaven[0].thema_weergave if self.opgaven else self.thema.naam


def per_thema(opgaven) -> list[ThemaGroep]:
    """Group programme opgaven by thema, keeping their order."""
    groepen: dict[int, ThemaGroep] = {}
    for po in opgaven:
        groep = groepen.setdefault(po.opgave.thema_id, ThemaGroep(thema=po.opgave.thema))
        groep.opgaven.append(po)
    return list(groepen.values())


def peildatum_voor(jaar: int) -> datetime.date | None:
    """The latest CBS peildatum on or before 1 January of the year (else the earliest known)."""
    grens = datetime.date(jaar, 1, 1)
    peildata = Inwonertal.objects.order_by("-peildatum").values_list("peildatum", flat=True)
    return (
        peildata.filter(peildatum__lte=grens).first()
        or Inwonertal.objects.order_by("peildatum").values_list("peildatum", flat=True).first()
    )


def volgt_referentie(versie: ProgrammaVersie) -> bool:
    """Whether a version's members and inwoners still follow the reference data: a first
    version until it is proposed. A correction (n > 1) keeps those of the proposal it
    corrects, copied with it (DESIGN.md §2: a correction changes content only)."""
    return not versie.is_bevroren and versie.nummer == 1


@dataclass
class Deelname:
    """Who shares in the bijdragen of a version, by which inwoners (or percentages)."""

    peildatum: datetime.date | None
    deelnemers: list[Deelnemer]
    voorlopig: bool  # a first concept: fixed only when it is proposed
    ontbrekend: list[Gemeente] = field(default_factory=list)  # members without inwoners
    probleem: str | None = None  # why these members cannot be split over (yet)

    @property
    def aantal(self) -> int:
        return len(self.deelnemers)


def _percentages_probleem(versie: ProgrammaVersie, deelnemers: list[Deelnemer]) -> str | None:
    zonder = [d.gemeente_weergave for d in deelnemers if d.percentage is None]
    if zonder:
        return _(
            "Geen percentage voor %(gemeenten)s, lid op 1 januari %(jaar)s. Geef elke "
            "deelnemende gemeente een percentage bij de verdeelsleutel."
        ) % {"gemeenten": ", ".join(zonder), "jaar": versie.jaar}
    try:
        gewichten_percentages({d.gemeente_id: d.percentage for d in deelnemers})
    except VerdeelFout as fout:
        return str(fout)
    return None


def deelname_van(versie: ProgrammaVersie) -> Deelname:
    """The members and inwoners a version splits over: the stored Deelnemer rows of a frozen
    version or a correction, the current members on 1 January of the year with the inwoners
    of the current peildatum for a first concept. Two queries at most."""
    if not volgt_referentie(versie):
        rijen = sorted(
            versie.deelnemers.select_related("gemeente"), key=lambda d: d.gemeente_weergave
        )
        deelname = Deelname(peildatum=versie.peildatum_inwoners, deelnemers=rijen, voorlopig=False)
    else:
        peildatum = peildatum_voor(versie.jaar)
        leden = Gemeente.objects.leden_op(datetime.date(versie.jaar, 1, 1)).annotate(
            tal=Subquery(
                Inwonertal.objects.filter(gemeente=OuterRef("pk"), peildatum=peildatum).values(
                    "inwoners"
                )[:1]
            )
        )
        leden = list(leden.order_by("naam"))
        percentages = versie.percentages or {}
        deelnemers = [
            Deelnemer(
                versie=versie,
                gemeente=g,
                inwoners=g.tal,
                percentage=(Decimal(percentages[str(g.pk)]) if str(g.pk) in percentages else None),
            )
            for g in leden
            if g.tal is not None
        ]
        deelname = Deelname(
            peildatum=peildatum,
            deelnemers=deelnemers,
            voorlopig=True,
            ontbrekend=[g for g in leden if g.tal is None],
        )
        if peildatum is None:
            deelname.probleem = _("Er zijn nog geen inwonertallen vastgelegd; voeg die eerst toe.")
        elif deelname.ontbrekend:
            deelname.probleem = _("Geen inwonertal op %(datum)s voor: %(gemeenten)s.") % {
                "datum": f"{peildatum:%d-%m-%Y}",
                "gemeenten": ", ".join(g.naam for g in deelname.ontbrekend),
            }
    if deelname.probleem is None and not deelname.deelnemers:
        deelname.probleem = _("Er zijn geen gemeenten om over te verdelen.")
    if deelname.probleem is None and versie.verdeelsleutel == Verdeelsleutel.PERCENTAGES:
        deelname.probleem = _percentages_probleem(versie, deelname.deelnemers)
    return deelname


def deelnemers_van(versie: ProgrammaVersie) -> list[Deelnemer]:
    """The one source of who shares in a version (see deelname_van); rows of a first concept
    are unsaved and follow the reference data."""
    return deelname_van(versie).deelnemers


def deelname_omschrijving(deelname: Deelname) -> str:
    """The sentence a version page shows about the members and the peildatum it used."""
    if deelname.peildatum is None:
        tekst = _("Verdeeld over %(aantal)s gemeenten.") % {"aantal": deelname.aantal}
    else:
        tekst = _("Verdeeld over %(aantal)s gemeenten, inwoners per %(datum)s.") % {
            "aantal": deelname.aantal,
            "datum": date_format(deelname.peildatum, "j F Y"),
        }
    if deelname.voorlopig:
        tekst = _(
            "Voorlopig: %(tekst)s De leden en inwoners liggen vast zodra het programma wordt "
            "voorgesteld."
        ) % {"tekst": tekst}
    return tekst


def bereken_bijdragen(
    versie: ProgrammaVersie,
    *,
    verdeelsleutel: str | None = None,
    basisaandeel=None,
    percentages: dict | None = None,
    deelnemers: list[Deelnemer] | None = None,
) -> dict[tuple[int, int], int]:
    """The bijdragen of a version by its verdeelsleutel: {(opgave id, gemeente id): euro},
    over deelnemers_van(versie) unless given. The keyword arguments try another key without
    saving it (the preview)."""
    if deelnemers is None:
        deelnemers = deelnemers_van(versie)
    sleutel = {d.gemeente.cbs_code: d for d in deelnemers}
    soort = verdeelsleutel or versie.verdeelsleutel
    if soort == Verdeelsleutel.PERCENTAGES:
        bron = (
            percentages
            if percentages is not None
            else {d.gemeente_id: d.percentage for d in deelnemers}
        )
        gewichten = gewichten_percentages({k: bron.get(d.gemeente_id) for k, d in sleutel.items()})
    elif soort == Verdeelsleutel.BASIS_PLUS_INWONERS:
        gewichten = gewichten_basis_plus_inwoners(
            {k: d.inwoners for k, d in sleutel.items()},
            basisaandeel if basisaandeel is not None else versie.basisaandeel,
        )
    else:
        gewichten = gewichten_inwoners({k: d.inwoners for k, d in sleutel.items()})
    uitkomst: dict[tuple[int, int], int] = {}
    for po_id, budget in versie.opgaven.values_list("pk", "budget"):
        for cbs_code, bedrag in verdeel(budget, gewichten).items():
            uitkomst[(po_id, sleutel[cbs_code].gemeente_id)] = bedrag
    return uitkomst


def bijdragen_van(
    versie: ProgrammaVersie, deelnemers: list[Deelnemer] | None = None
) -> dict[tuple[int, int], int]:
    """The stored bijdragen of a frozen version, or the computed ones of a concept (none while
    its members cannot be split over, e.g. a member without a percentage)."""
    if versie.is_bevroren:
        return {
            (po_id, g_id): bedrag
            for po_id, g_id, bedrag in Bijdrage.objects.filter(
                programma_opgave__versie=versie
            ).values_list("programma_opgave_id", "gemeente_id", "bedrag")
        }
    try:
        return bereken_bijdragen(versie, deelnemers=deelnemers)
    except VerdeelFout:
        return {}


@dataclass
class GemeenteRegel:
    gemeente: Gemeente
    inwoners: int
    bedragen: list[int]
    naam: str = ""  # as the version shows it (as proposed, once frozen)

    @property
    def totaal(self) -> int:
        return sum(self.bedragen)


def bijdragen_tabel(
    versie: ProgrammaVersie,
    opgaven: list[ProgrammaOpgave],
    deelnemers: list[Deelnemer] | None = None,
) -> list[GemeenteRegel]:
    """Rows per deelnemende gemeente with its bijdrage per opgave (in the given order)."""
    if deelnemers is None:
        deelnemers = deelnemers_van(versie)
    bedragen = bijdragen_van(versie, deelnemers)
    return [
        GemeenteRegel(
            gemeente=d.gemeente,
            inwoners=d.inwoners,
            bedragen=[bedragen.get((po.pk, d.gemeente_id), 0) for po in opgaven],
            naam=d.gemeente_weergave,
        )
        for d in deelnemers
    ]


def opgave_detail(user, slug: str):
    """An opgave with the version content to show (the newest the user may see) and the years
    it appears in."""
    from opgaven.models import Opgave

    opgave = Opgave.objects.select_related("thema").filter(slug=slug).first()
    if opgave is None:
        raise Http404("Onbekende opgave.")
    zichtbaar = zichtbare_versies(user).values("pk")
    inhoud_qs = (
        ProgrammaOpgave.objects.filter(opgave=opgave, versie__in=zichtbaar)
        .select_related(
            "versie", "versie__jaarprogramma", "portefeuillehouder", "portefeuillehouder__gemeente"
        )
        .order_by("-versie__jaarprogramma__jaar", "-versie__nummer")
    )
    alle = list(inhoud_qs)
    if not alle:
        raise Http404("Deze opgave staat nog in geen gepubliceerd programma.")
    gepubliceerd = [po for po in alle if po.versie.is_bevroren]
    inhoud = gepubliceerd[0] if gepubliceerd else alle[0]
    inhoud = (
        ProgrammaOpgave.objects.filter(pk=inhoud.pk)
        .select_related(
            "versie", "versie__jaarprogramma", "portefeuillehouder", "portefeuillehouder__gemeente"
        )
        .prefetch_related(
            Prefetch(
                "stuurgroep",
                queryset=StuurgroepLid.objects.select_related(
                    "partner", "bestuurder", "bestuurder__gemeente"
                ),
            ),
            Prefetch("externe_regelingen", queryset=ExterneRegeling.objects.all()),
        )
        .get()
    )
    synergieen = [
        (s.andere(inhoud), s.toelichting)
        for s in Synergie.objects.van_opgave(inhoud).select_related("van__opgave", "naar__opgave")
    ]
    jaren = []
    gezien = set()
    for po in alle:
        if po.versie.jaar not in gezien:
            gezien.add(po.versie.jaar)
            jaren.append(po)
    return opgave, inhoud, synergieen, jaren


@dataclass
class GemeenteJaar:
    versie: ProgrammaVersie
    regels: list = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(bedrag for _, bedrag in self.regels)


def gemeente_bijdragen(user, gemeente: Gemeente) -> list[GemeenteJaar]:
    """For each year the user may see: the gemeente's bijdrage per opgave in that year's version.
    A fixed number of queries however many years there are (a concept adds its computation)."""
    versies = jaren_overzicht(user)
    deelname = set(
        Deelnemer.objects.filter(gemeente=gemeente, versie__in=[v.pk for v in versies]).values_list(
            "versie_id", flat=True
        )
    )
    # A first concept has no stored members yet: it follows the membership of its 1 January.
    live = [v for v in versies if volgt_referentie(v)]
    if live:
        deelname |= {
            v.pk
            for v in live
            if Gemeente.objects.leden_op(datetime.date(v.jaar, 1, 1))
            .filter(pk=gemeente.pk)
            .exists()
        }
    versies = [v for v in versies if v.pk in deelname]
    per_versie: dict[int, list[ProgrammaOpgave]] = {v.pk: [] for v in versies}
    for po in (
        ProgrammaOpgave.objects.filter(versie__in=versies)
        .select_related("versie", "opgave", "opgave__thema")
        .order_by("opgave__thema__volgorde", "rangorde", "opgave__titel")
    ):
        per_versie[po.versie_id].append(po)
    bedragen = dict(
        Bijdrage.objects.filter(
            gemeente=gemeente,
            programma_opgave__versie__in=[v for v in versies if v.is_bevroren],
        ).values_list("programma_opgave_id", "bedrag")
    )
    for versie in versies:
        if not versie.is_bevroren:  # only drafters see a concept; its shares are computed
            bedragen.update(
                {po_id: b for (po_id, g), b in bijdragen_van(versie).items() if g == gemeente.pk}
            )
    return [
        GemeenteJaar(
            versie=versie,
            regels=[(po, bedragen.get(po.pk, 0)) for po in per_versie[versie.pk]],
        )
        for versie in versies
    ]


def concept_versies(user) -> QuerySet[ProgrammaVersie]:
    """The concept versions this user may work on (none for the public and the councils)."""
    if not mag_concepten_zien(user):
        return ProgrammaVersie.objects.none()
    return (
        ProgrammaVersie.objects.concepten()
        .select_related("jaarprogramma")
        .order_by("-jaarprogramma__jaar")
    )


def concept_versie_van_jaar(jaar: int) -> ProgrammaVersie | None:
    """The working concept of a year, if there is one."""
    return (
        ProgrammaVersie.objects.concepten()
        .select_related("jaarprogramma")
        .filter(jaarprogramma__jaar=jaar)
        .first()
    )


def bestuurders_keuze():
    """Every bestuurder of every gemeente, for choosing a portefeuillehouder."""
    from regio.models import Bestuurder

    return Bestuurder.objects.select_related("gemeente").order_by("gemeente__naam", "naam")


def concept_of_404(jaar: int) -> ProgrammaVersie:
    """The working concept of a year; 404 when there is none (nothing to draft)."""
    versie = concept_versie_van_jaar(jaar)
    if versie is None:
        raise Http404("Geen concept voor dit jaar.")
    return versie


def opgave_in_versie(versie: ProgrammaVersie, slug: str) -> ProgrammaOpgave:
    """One opgave of a version, with what its edit page needs; 404 when it is not in it."""
    po = (
        versie.opgaven.select_related(
            "opgave",
            "opgave__thema",
            "versie",
            "versie__jaarprogramma",
            "portefeuillehouder",
            "portefeuillehouder__gemeente",
        )
        .prefetch_related("stuurgroep", "externe_regelingen")
        .filter(opgave__slug=slug)
        .first()
    )
    if po is None:
        raise Http404("Deze opgave staat niet in dit programma.")
    return po


def synergieen_van(po: ProgrammaOpgave) -> list[tuple[Synergie, ProgrammaOpgave]]:
    """The synergieën of one opgave, each with the other opgave, from both sides."""
    return [
        (s, s.andere(po))
        for s in Synergie.objects.van_opgave(po)
        .select_related("van__opgave", "naar__opgave")
        .order_by("pk")
    ]


def synergieen_van_versie(versie: ProgrammaVersie) -> list[Synergie]:
    return list(
        Synergie.objects.filter(van__versie=versie).select_related("van__opgave", "naar__opgave")
    )


def met_synergieprioriteit(opgaven: list[ProgrammaOpgave]) -> list[ProgrammaOpgave]:
    """Number each opgave by its synergy score (more synergy, more priority; ties share)."""
    scores = sorted({po.aantal_synergieen for po in opgaven}, reverse=True)
    plaats = {}
    positie = 1
    for score in scores:
        plaats[score] = positie
        positie += sum(1 for po in opgaven if po.aantal_synergieen == score)
    for po in opgaven:
        po.synergieprioriteit = plaats[po.aantal_synergieen]
    return opgaven


@dataclass
class Begroting:
    per_thema: list
    per_niveau: list
    budget: int
    fte: object
    cofinanciering: int


def begroting(versie: ProgrammaVersie, opgaven: list[ProgrammaOpgave]) -> Begroting:
    """Totals of a version: per thema (budget, FTE, co-funding) and co-funding per level."""
    from programma.models import Niveau

    per_niveau = dict.fromkeys(Niveau.values, 0)
    for niveau, bedrag in ExterneRegeling.objects.filter(
        programma_opgave__versie=versie
    ).values_list("niveau", "verwachte_cofinanciering"):
        per_niveau[niveau] += bedrag
    groepen = per_thema(opgaven)
    return Begroting(
        per_thema=[
            (
                g,
                g.budget,
                sum(po.capaciteit_fte for po in g.opgaven),
                sum(po.cofinanciering or 0 for po in g.opgaven),
            )
            for g in groepen
        ],
        per_niveau=[(Niveau(n).label, bedrag) for n, bedrag in per_niveau.items()],
        budget=sum(po.budget for po in opgaven),
        fte=sum(po.capaciteit_fte for po in opgaven),
        cofinanciering=sum(per_niveau.values()),
    )


def concept_opgaven_van(user) -> QuerySet[ProgrammaOpgave]:
    """The opgaven in a concept version whose portefeuillehouder this user is."""
    if not user.is_authenticated:
        return ProgrammaOpgave.objects.none()
    return (
        ProgrammaOpgave.objects.filter(
            versie__bevroren_op__isnull=True, portefeuillehouder__user=user
        )
        .select_related("opgave", "versie__jaarprogramma")
        .order_by("-versie__jaarprogramma__jaar", "opgave__titel")
    )
