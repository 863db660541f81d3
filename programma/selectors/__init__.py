"""Reads that pages share: what a user may see, and the bijdragen of a programme version.
Every figure a page shows (totals, co-funding, counts) comes from programma.cijfers.

Every page, and later the API, the PDFs and open data, asks these functions; a concept version
is therefore reachable only by those who may draft it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programma.models import (
    Bijdrage,
    Deelnemer,
    ProgrammaOpgave,
    ProgrammaVersie,
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
from regio.selectors import geschat, is_schatting


def mag_concepten_zien(user) -> bool:
    """Whether this user may read concept programmes (drafting roles)."""
    return bool(user and user.is_authenticated and user.has_perm("programma.bekijk_concept"))


def zichtbare_versies(user) -> QuerySet[ProgrammaVersie]:
    """The programme versions this user may read: every proposed one, concepts only for drafters
    and for the portefeuillehouders of an opgave in that concept (the appointment in that very
    version, not in another year)."""
    qs = ProgrammaVersie.objects.select_related("jaarprogramma")
    if mag_concepten_zien(user):
        return qs
    filter_ = Q(bevroren_op__isnull=False)
    if user is not None and user.is_authenticated:
        filter_ |= Exists(
            ProgrammaOpgave.objects.filter(versie=OuterRef("pk"), portefeuillehouder__user=user)
        )
    return qs.filter(filter_)


def zichtbaar_concept_of_404(user, jaar: int) -> ProgrammaVersie:
    """The working concept of a year if this user may see it; 404 alike when there is none and
    when it is secret for this user."""
    versie = zichtbare_versies(user).concepten().filter(jaarprogramma__jaar=jaar).first()
    if versie is None:
        raise Http404("Geen concept voor dit jaar.")
    return versie


def zichtbare_concept_opgave_of_404(user, jaar: int, slug: str) -> ProgrammaOpgave:
    """An opgave in the working concept of a year, if this user may see that concept; 404 alike
    when it does not exist and when it is secret for this user."""
    return opgave_in_versie(zichtbaar_concept_of_404(user, jaar), slug)


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
        # the source of the inwoners the version used (an estimate is marked on every page)
        bron = Inwonertal.objects.filter(
            gemeente=OuterRef("gemeente_id"), peildatum=versie.peildatum_inwoners
        ).values("bron")[:1]
        rijen = sorted(
            versie.deelnemers.select_related("gemeente")
            .annotate(inwoners_bron=Subquery(bron))
            .annotate(inwoners_geschat=geschat("inwoners_bron")),
            key=lambda d: d.gemeente_weergave,
        )
        deelname = Deelname(peildatum=versie.peildatum_inwoners, deelnemers=rijen, voorlopig=False)
    else:
        peildatum = peildatum_voor(versie.jaar)
        tal = Inwonertal.objects.filter(gemeente=OuterRef("pk"), peildatum=peildatum)
        leden = Gemeente.objects.leden_op(datetime.date(versie.jaar, 1, 1)).annotate(
            tal=Subquery(tal.values("inwoners")[:1]), bron=Subquery(tal.values("bron")[:1])
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
        for d, g in zip(deelnemers, [g for g in leden if g.tal is not None], strict=True):
            d.inwoners_bron, d.inwoners_geschat = g.bron, is_schatting(g.bron)
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


def concept_opgaven_van(user) -> QuerySet[ProgrammaOpgave]:
    """The opgaven in a concept version whose portefeuillehouder this user is there."""
    if not user.is_authenticated:
        return ProgrammaOpgave.objects.none()
    return (
        ProgrammaOpgave.objects.filter(
            versie__bevroren_op__isnull=True, portefeuillehouder__user=user
        )
        .select_related("opgave", "versie__jaarprogramma")
        .order_by("-versie__jaarprogramma__jaar", "opgave__titel")
    )


def gepubliceerde_opgaven_van(user) -> QuerySet[ProgrammaOpgave]:
    """The opgaven this user is portefeuillehouder of in the published version of a year: the
    2026 holder keeps the 2026 opgave when 2027 has another holder."""
    if not user.is_authenticated:
        return ProgrammaOpgave.objects.none()
    return (
        ProgrammaOpgave.objects.filter(
            versie__in=gepubliceerde_versies().values("pk"), portefeuillehouder__user=user
        )
        .select_related("opgave", "opgave__thema", "versie__jaarprogramma")
        .order_by("-versie__jaarprogramma__jaar", "opgave__titel")
    )


def bevroren_versies_van_gemeente(gemeente: Gemeente) -> list[ProgrammaVersie]:
    """Every proposed version (also a superseded one) this gemeente takes part in, newest year
    and version first: each has a raadsvoorstel for it (one query)."""
    return list(
        ProgrammaVersie.objects.bevroren()
        .filter(deelnemers__gemeente=gemeente)
        .select_related("jaarprogramma")
        .order_by("-jaarprogramma__jaar", "-nummer")
    )


# What superseded a proposed version: programma/selectors/vervanging.py
from programma.selectors.vervanging import Vervanging as Vervanging  # noqa: E402
from programma.selectors.vervanging import vervanging_van as vervanging_van  # noqa: E402
