"""One opgave as one year's programme has it, with its figures and the years it ran."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from programma.cijfers.versie import met_cijfers
from programma.models import (
    Bijdrage,
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from programma.selectors import bijdragen_van, deelnemers_van, jaren_overzicht
from regio.models import Gemeente


@dataclass
class OpgaveDetail:
    """An opgave as one year's programme has it, with its figures and the years it ran."""

    opgave: object
    inhoud: ProgrammaOpgave
    synergieen: list
    jaren: list[ProgrammaOpgave]
    bijdragen: list[tuple[Gemeente, int]]

    @property
    def versie(self) -> ProgrammaVersie:
        return self.inhoud.versie

    @property
    def regelingen(self) -> list[ExterneRegeling]:
        return list(self.inhoud.externe_regelingen.all())

    @property
    def stuurgroep(self) -> list[StuurgroepLid]:
        return list(self.inhoud.stuurgroep.all())

    @property
    def cofinanciering(self) -> int:
        return self.inhoud.cofinanciering

    @property
    def bijdragen_totaal(self) -> int:
        return sum(b for _, b in self.bijdragen)


def opgave_detail(user, slug: str, jaar: int | None = None) -> OpgaveDetail:
    """An opgave as one year's programme has it, with its figures; 404 if hidden or absent."""
    # The year's version is the one /programma/<jaar>/ shows (jaren_overzicht, same rule as
    # versie_voor). Without a year: the newest published year; a concept year only for those
    # who may see it and only when no published year has the opgave.
    from opgaven.models import Opgave

    opgave = Opgave.objects.select_related("thema").filter(slug=slug).first()
    if opgave is None:
        raise Http404("Onbekende opgave.")
    per_versie = {v.pk: v for v in jaren_overzicht(user)}  # one version per year
    jaren = list(
        ProgrammaOpgave.objects.filter(opgave=opgave, versie__in=list(per_versie))
        .only("pk", "versie_id", "budget", "capaciteit_fte")
        .order_by()
    )
    for po in jaren:
        po.versie = per_versie[po.versie_id]
    jaren.sort(key=lambda po: po.versie.jaar, reverse=True)
    if jaar is not None:
        gekozen = next((po for po in jaren if po.versie.jaar == jaar), None)
        if gekozen is None:
            raise Http404("Deze opgave staat niet in het programma van dat jaar.")
    else:
        gepubliceerd = [po for po in jaren if po.versie.is_bevroren]
        gekozen = (gepubliceerd or jaren or [None])[0]
        if gekozen is None:
            raise Http404("Deze opgave staat nog in geen gepubliceerd programma.")
    inhoud = (
        met_cijfers(ProgrammaOpgave.objects.filter(pk=gekozen.pk))
        .select_related(
            "opgave",
            "opgave__thema",
            "versie",
            "versie__jaarprogramma",
            "portefeuillehouder",
            "portefeuillehouder__gemeente",
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
        for s in Synergie.objects.van_opgave(inhoud)
        .select_related("van__opgave", "naar__opgave")
        .order_by("pk")
    ]
    versie = inhoud.versie
    if versie.is_bevroren:
        bedragen = dict(
            Bijdrage.objects.filter(programma_opgave=inhoud).values_list("gemeente_id", "bedrag")
        )
    deelnemers = deelnemers_van(versie)
    if not versie.is_bevroren:
        bedragen = {
            g: b
            for (po_id, g), b in bijdragen_van(versie, deelnemers).items()
            if po_id == inhoud.pk
        }
    # (deelnemer, bedrag): the deelnemer names the gemeente as the version shows it
    bijdragen = [(d, bedragen.get(d.gemeente_id, 0)) for d in deelnemers]
    return OpgaveDetail(
        opgave=opgave, inhoud=inhoud, synergieen=synergieen, jaren=jaren, bijdragen=bijdragen
    )
