"""The two document kinds programma knows: the raadsvoorstel per gemeente and the programme
document. Their contexts read frozen data only (for a concept: the concept as it is now) and
every figure comes from programma.cijfers, the selector the pages use too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch

from programma import cijfers, selectors
from programma.documenten import grafiek
from programma.documenten.models import DocumentSoort
from programma.documenten.programmadocument import programma_context
from programma.documenten.soorten import Soort, registreer
from programma.models import Deelnemer, ExterneRegeling, ProgrammaVersie, StuurgroepLid
from regio.geld import format_bedrag


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


#: the longest a shortened vision text may be (characters): about six lines of the document
KORT = 420


def kort(tekst: str, maximum: int = KORT) -> str:
    """The first paragraph of a text, cut after the last whole sentence that fits `maximum`
    (or, when even the first sentence is longer, after the last whole word, with "…")."""
    alinea = next((a.strip() for a in (tekst or "").split("\n\n") if a.strip()), "")
    alinea = " ".join(alinea.split())
    if len(alinea) <= maximum:
        return alinea
    zinnen = re.split(r"(?<=[.!?])\s+", alinea)
    uit = ""
    for zin in zinnen:
        if len(uit) + len(zin) + 1 > maximum:
            break
        uit = f"{uit} {zin}".strip()
    if uit:
        return uit
    return alinea[:maximum].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Houder:
    """A regionaal portefeuillehouder from the gemeente of the raadsvoorstel, with the opgaven
    of which he or she is bestuurlijk opdrachtgever in this version."""

    naam: str
    functie: str
    opgaven: tuple[str, ...]


def raadsvoorstel_context(versie: ProgrammaVersie, gemeente) -> dict:
    """What a raadsvoorstel of one gemeente shows: every opgave with its details and this
    gemeente's stored bijdrage (computed, for a concept), their total, the portefeuillehouders
    from this gemeente, the vision in short, and the bar chart of the bijdragen."""
    figuren = cijfers.versie_cijfers(versie)
    regel = next(r for r in figuren.gemeenten if r.gemeente.pk == gemeente.pk)
    details = {po.pk: po for po in opgaven_met_details(versie)}
    opgaven = [
        {"po": details[po.pk], "bijdrage": bedrag}
        for po, bedrag in zip(figuren.opgaven, regel.bedragen, strict=True)
    ]
    per_houder: dict[tuple[str, str], list[str]] = {}
    for po in figuren.opgaven:
        houder = po.portefeuillehouder_weergave
        if houder and houder.gemeente == regel.naam:
            per_houder.setdefault((houder.naam, houder.functie), []).append(po.titel_weergave)
    houders = [
        Houder(naam=naam, functie=functie, opgaven=tuple(titels))
        for (naam, functie), titels in sorted(per_houder.items())
    ]
    jaar = versie.jaarprogramma.jaar
    # the chart numbers its bars as the opgaven are numbered in the document
    labels = grafiek.korte_labels([r["po"].titel_weergave for r in opgaven])
    return {
        "cijfers": figuren,
        "regel": regel,
        "gemeente_naam": regel.naam,
        "opgaven": opgaven,
        "totaal": regel.totaal,
        "budget": figuren.budget,
        "houders_uit_gemeente": houders,
        "visie": [
            (kop, kort(tekst))
            for kop, tekst in (
                ("Fundament", versie.visie_fundament),
                ("Actualiteit", versie.visie_actualiteit),
                ("Perspectief", versie.visie_perspectief),
            )
            if tekst.strip()
        ],
        "vorige": versie.vorige if versie.vorige_id and versie.reden else None,
        "vervanging": selectors.vervanging_van(versie),
        # the share split equally, as a Dutch number without trailing zeros: "12,5"
        "vast_deel": f"{versie.basisaandeel.normalize():f}".replace(".", ","),
        "grafiek": grafiek.staafdiagram(
            [
                (f"{i}. {label}", r["bijdrage"])
                for i, (label, r) in enumerate(zip(labels, opgaven, strict=True), start=1)
            ],
            titel=(
                f"Staafdiagram van de bijdrage van {regel.naam} per opgave in {jaar}, samen "
                f"{format_bedrag(regel.totaal)}; de bedragen staan ook in de tabel hierboven."
            ),
        ),
    }


def stand_vervanging(versie: ProgrammaVersie) -> str:
    """The part of a raadsvoorstel's or programme document's key that is not the frozen
    version: '' while the version holds, 'vervangen-v2' once version 2 superseded it (with
    '-geldend-v3' when a later one holds now). A document stored before the correction is
    then no longer the one served: it is rendered once more, saying it was superseded. Read
    once per version object (the zip asks it for both kinds): one query, not one per kind."""
    if "_vervanging" not in versie.__dict__:
        versie.__dict__["_vervanging"] = selectors.vervanging_van(versie)
    vervanging = versie.__dict__["_vervanging"]
    if vervanging is None:
        return ""
    stand = f"vervangen-v{vervanging.door.nummer}"
    if vervanging.geldend.pk != vervanging.door.pk:
        stand += f"-geldend-v{vervanging.geldend.nummer}"
    return stand


def _jaar(versie) -> int:
    return versie.jaarprogramma.jaar


def _naam(versie, gemeente) -> str:
    """The gemeente's name as the version shows it (a frozen version keeps the name it was
    proposed with; a first concept has no members stored yet and shows today's name). The
    names of a version are read once per version object: the titles of all its documents
    (the verifier compares them) cost one query, not one per gemeente."""
    namen = versie.__dict__.get("_deelnemer_namen")
    if namen is None:
        namen = {
            d.gemeente_id: d.gemeente_naam
            if versie.is_bevroren and d.gemeente_naam
            else d.gemeente.naam
            for d in Deelnemer.objects.select_related("gemeente").filter(versie=versie)
        }
        versie.__dict__["_deelnemer_namen"] = namen
    return namen.get(gemeente.pk, gemeente.naam)


registreer(
    Soort(
        code=DocumentSoort.RAADSVOORSTEL,
        sjabloon="raadsvoorstel.html",
        context=raadsvoorstel_context,
        titel=lambda v, g: (
            f"Raadsvoorstel {_naam(v, g)}: Jaarprogramma {_jaar(v)} Groene Metropoolregio "
            f"Arnhem-Nijmegen (versie {v.nummer})"
        ),
        bestandsnaam=lambda v, g: f"raadsvoorstel-{_jaar(v)}-v{v.nummer}-{g.slug}.pdf",
        per_gemeente=True,
        stand=stand_vervanging,
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
        stand=stand_vervanging,
    )
)
