"""The two document kinds programma knows: the raadsvoorstel per gemeente and the programme
document. Their contexts read frozen data only (for a concept: the concept as it is now) and
every figure comes from programma.cijfers, the selector the pages use too."""

from __future__ import annotations

from django.db.models import Prefetch

from programma import cijfers
from programma.documenten.models import DocumentSoort
from programma.documenten.programmadocument import programma_context
from programma.documenten.soorten import Soort, registreer
from programma.models import ExterneRegeling, ProgrammaVersie, StuurgroepLid


def opgaven_met_details(versie: ProgrammaVersie) -> list:
    """The opgaven of a version with their figures, stuurgroep and externe regelingen (three
    queries, whatever the number of opgaven)."""
    return list(
        cijfers.programma_opgaven(versie).prefetch_related(
            Prefetch(
                "stuurgroep",
                queryset=StuurgroepLid.objects.select_related(
                    "partner", "bestuurder__gemeente", "programma_opgave__versie"
                ),
            ),
            Prefetch(
                "externe_regelingen", queryset=ExterneRegeling.objects.order_by("niveau", "naam")
            ),
        )
    )


def raadsvoorstel_context(versie: ProgrammaVersie, gemeente) -> dict:
    """What a raadsvoorstel of one gemeente shows: every opgave with this gemeente's stored
    bijdrage, and their total."""
    figuren = cijfers.versie_cijfers(versie)
    regel = next(r for r in figuren.gemeenten if r.gemeente.pk == gemeente.pk)
    details = {po.pk: po for po in opgaven_met_details(versie)}
    opgaven = [
        {"po": details[po.pk], "bijdrage": bedrag}
        for po, bedrag in zip(figuren.opgaven, regel.bedragen, strict=True)
    ]
    houders = sorted(
        {
            (str(po.portefeuillehouder_weergave), po.portefeuillehouder_weergave.functie)
            for po in figuren.opgaven
            if po.portefeuillehouder_weergave
            and po.portefeuillehouder_weergave.gemeente == regel.naam
        }
    )
    return {
        "cijfers": figuren,
        "regel": regel,
        "gemeente_naam": regel.naam,
        "opgaven": opgaven,
        "totaal": regel.totaal,
        "houders_uit_gemeente": houders,
    }


def _jaar(versie) -> int:
    return versie.jaarprogramma.jaar


registreer(
    Soort(
        code=DocumentSoort.RAADSVOORSTEL,
        sjabloon="raadsvoorstel.html",
        context=raadsvoorstel_context,
        titel=lambda v, g: (
            f"Raadsvoorstel {g.naam}: Jaarprogramma {_jaar(v)} Groene Metropoolregio "
            f"Arnhem-Nijmegen (versie {v.nummer})"
        ),
        bestandsnaam=lambda v, g: f"raadsvoorstel-{_jaar(v)}-v{v.nummer}-{g.slug}.pdf",
        per_gemeente=True,
    )
)
registreer(
    Soort(
        code=DocumentSoort.PROGRAMMA,
        sjabloon="programma.html",
        context=programma_context,
        titel=lambda v, g: (
            f"Jaarprogramma {_jaar(v)} Groene Metropoolregio Arnhem-Nijmegen (versie {v.nummer})"
        ),
        bestandsnaam=lambda v, g: f"programma-{_jaar(v)}-v{v.nummer}.pdf",
    )
)
