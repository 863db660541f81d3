"""Mijn overzicht: what a logged-in user has to do, per role, each task one click away.

Griffiers and raadsleden see "Mijn gemeente": the programme in the decision round as it concerns
their gemeente. Every figure and cell state comes from raden.cijfers.dekking_van (this gemeente's
column), computed once for all gemeenten the user serves, so the page costs a fixed number of
queries whatever the size of the region."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from programma import selectors as programma_selectors
from programma.models import ProgrammaVersie, Status
from programma.permissions import BEWERKEN, VOORSTELLEN
from raden import selectors
from raden.cijfers import Cel, DekkingMatrix, Kolom, Rij, Stand, dekking_van
from raden.models import Stem, Vraag
from regio.models import Gemeente
from regio.permissions import ingelogd

# What a cell means for a gemeente, in the words of the page.
_STAND_LABEL = {
    Stand.JA: _("neemt deel"),
    Stand.NEE: _("neemt niet deel"),
    Stand.OPEN: _("stemming open"),
    Stand.GESLOTEN: _("gestemd, wacht op bevestiging"),
    Stand.UITGESTELD: _("staken der stemmen: opnieuw stemmen"),
    Stand.OPNIEUW: _("opnieuw besluiten"),
    Stand.GEEN: _("nog geen stemming"),
}
# Cells on which the griffier still has to open a vote.
_TE_OPENEN = (Stand.GEEN, Stand.OPNIEUW, Stand.UITGESTELD)


@dataclass
class Regel:
    """One opgave as it concerns one gemeente: its row of the matrix and this gemeente's cell."""

    rij: Rij
    cel: Cel
    #: the raadslid's own vote in the open stemming of this cell, if any
    mijn_stem: Stem | None = None

    @property
    def stand(self) -> str:
        return str(_STAND_LABEL[self.cel.stand])


@dataclass
class MijnGemeente:
    gemeente: Gemeente
    griffier: bool
    raadslid: bool
    kolom: Kolom | None = None
    regels: list[Regel] = field(default_factory=list)
    open_vragen: list[Vraag] = field(default_factory=list)

    @property
    def neemt_deel(self) -> bool:
        return self.kolom is not None

    @property
    def te_openen(self) -> list[Regel]:
        return [r for r in self.regels if r.cel.stand in _TE_OPENEN]

    @property
    def open_stemmingen(self) -> list[Regel]:
        return [r for r in self.regels if r.cel.stand == Stand.OPEN]

    @property
    def te_bevestigen(self) -> list[Regel]:
        return [r for r in self.regels if r.cel.stand == Stand.GESLOTEN]

    @property
    def begroot(self) -> int:
        return sum(r.cel.bijdrage for r in self.regels)


def ronde_versie() -> ProgrammaVersie | None:
    """The current published version of the year in the decision round (voorgesteld), else the
    newest published one."""
    versies = programma_selectors.gepubliceerde_versies()
    return versies.filter(jaarprogramma__status=Status.VOORGESTELD).first() or versies.first()


def mijn_gemeenten(
    user, matrix: DekkingMatrix | None, griffier_van: list[Gemeente], raadslid_van: list[Gemeente]
) -> list[MijnGemeente]:
    """Per gemeente the user serves: its column of the matrix, the open questions of its
    raadsleden and the raadslid's own votes in open stemmingen (two queries for all)."""
    griffier_ids = {g.pk for g in griffier_van}
    raadslid_ids = {g.pk for g in raadslid_van}
    per_pk = {g.pk: g for g in [*griffier_van, *raadslid_van]}
    uit = {
        pk: MijnGemeente(gemeente=g, griffier=pk in griffier_ids, raadslid=pk in raadslid_ids)
        for pk, g in sorted(per_pk.items(), key=lambda item: item[1].naam)
    }
    if not uit:
        return []
    if matrix is not None:
        for i, kolom in enumerate(matrix.kolommen):
            mg = uit.get(kolom.deelnemer.gemeente_id)
            if mg is None:
                continue
            mg.kolom = kolom
            mg.regels = [Regel(rij=rij, cel=rij.cellen[i]) for rij in matrix.rijen]
    for vraag in (
        Vraag.objects.filter(beantwoord_op__isnull=True, raadslid__gemeente_id__in=list(uit))
        .select_related(
            "raadslid", "programma_opgave__opgave", "programma_opgave__versie__jaarprogramma"
        )
        .order_by("gesteld_op")
    ):
        uit[vraag.raadslid.gemeente_id].open_vragen.append(vraag)
    open_ids = {
        r.cel.stemming_id: r for mg in uit.values() if mg.raadslid for r in mg.open_stemmingen
    }
    if open_ids:
        for stem in Stem.objects.filter(stemming_id__in=list(open_ids), raadslid__user=user):
            open_ids[stem.stemming_id].mijn_stem = stem
    return list(uit.values())


@require_safe
@ingelogd
def mijn(request: HttpRequest) -> HttpResponse:
    user = request.user
    griffier_van = list(selectors.gemeenten_met_recht(user, "griffier_van"))
    raadslid_van = list(selectors.gemeenten_als_raadslid(user))
    mag_opstellen = user.has_perm(BEWERKEN)
    mag_voorstellen = user.has_perm(VOORSTELLEN)
    raad = bool(griffier_van or raadslid_van)
    versie = ronde_versie() if raad or mag_opstellen else None
    ronde_loopt = versie is not None and versie.jaarprogramma.status == Status.VOORGESTELD
    # the drafters follow only a running round; a council also sees its decided year
    matrix = dekking_van(versie) if versie is not None and (raad or ronde_loopt) else None
    return render(
        request,
        "raden/mijn.html",
        {
            "versie": versie,
            "matrix": matrix,
            "ronde_loopt": ronde_loopt,
            "gemeenten": mijn_gemeenten(user, matrix, griffier_van, raadslid_van),
            "opgaven": selectors.opgaven_van_portefeuillehouder(user),
            "te_bewerken": programma_selectors.concept_opgaven_van(user),
            "concepten": programma_selectors.concept_versies(user),
            "open_vragen": (
                Vraag.objects.filter(beantwoord_op__isnull=True).count() if mag_opstellen else 0
            ),
            "mag_benoemen": user.has_perm("programma.benoem_portefeuillehouder"),
            "mag_opstellen": mag_opstellen,
            "mag_voorstellen": mag_voorstellen,
        },
    )
