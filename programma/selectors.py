"""Reads that pages share: what a user may see, and the figures of a programme version.

Every page, and later the API, the PDFs and open data, asks these functions; a concept version
is therefore reachable only by those who may draft it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

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
    gewichten_basis_plus_inwoners,
    gewichten_inwoners,
    gewichten_percentages,
    verdeel,
)
from regio.models import Gemeente


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


def per_thema(opgaven) -> list[ThemaGroep]:
    """Group programme opgaven by thema, keeping their order."""
    groepen: dict[int, ThemaGroep] = {}
    for po in opgaven:
        groep = groepen.setdefault(po.opgave.thema_id, ThemaGroep(thema=po.opgave.thema))
        groep.opgaven.append(po)
    return list(groepen.values())


def bereken_bijdragen(
    versie: ProgrammaVersie,
    *,
    verdeelsleutel: str | None = None,
    basisaandeel=None,
    percentages: dict | None = None,
) -> dict[tuple[int, int], int]:
    """The bijdragen of a version by its verdeelsleutel: {(opgave id, gemeente id): euro}.
    The keyword arguments try another key without saving it (the preview)."""
    deelnemers = list(versie.deelnemers.select_related("gemeente"))
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


def bijdragen_van(versie: ProgrammaVersie) -> dict[tuple[int, int], int]:
    """The stored bijdragen of a frozen version, or the computed ones of a concept."""
    if versie.is_bevroren:
        return {
            (po_id, g_id): bedrag
            for po_id, g_id, bedrag in Bijdrage.objects.filter(
                programma_opgave__versie=versie
            ).values_list("programma_opgave_id", "gemeente_id", "bedrag")
        }
    return bereken_bijdragen(versie)


@dataclass
class GemeenteRegel:
    gemeente: Gemeente
    inwoners: int
    bedragen: list[int]

    @property
    def totaal(self) -> int:
        return sum(self.bedragen)


def bijdragen_tabel(versie: ProgrammaVersie, opgaven: list[ProgrammaOpgave]) -> list[GemeenteRegel]:
    """Rows per deelnemende gemeente with its bijdrage per opgave (in the given order)."""
    bedragen = bijdragen_van(versie)
    regels = []
    for d in Deelnemer.objects.filter(versie=versie).select_related("gemeente"):
        regels.append(
            GemeenteRegel(
                gemeente=d.gemeente,
                inwoners=d.inwoners,
                bedragen=[bedragen.get((po.pk, d.gemeente_id), 0) for po in opgaven],
            )
        )
    return regels


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
    versies = [v for v in versies if v.pk in deelname]
    per_versie: dict[int, list[ProgrammaOpgave]] = {v.pk: [] for v in versies}
    for po in (
        ProgrammaOpgave.objects.filter(versie__in=versies)
        .select_related("opgave", "opgave__thema")
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
                {
                    po_id: b
                    for (po_id, g), b in bereken_bijdragen(versie).items()
                    if g == gemeente.pk
                }
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
