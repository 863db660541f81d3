"""One gemeente across years: its bijdrage per opgave in each year's programme."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from programma.models import Bijdrage, Deelnemer, ProgrammaOpgave, ProgrammaVersie
from programma.selectors import bijdragen_van, jaren_overzicht, volgt_referentie
from regio.models import Gemeente


@dataclass
class GemeenteJaar:
    versie: ProgrammaVersie
    regels: list = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(bedrag for _, bedrag in self.regels)


def gemeente_bijdragen(user, gemeente: Gemeente) -> list[GemeenteJaar]:
    """For each year the user may see: the gemeente's bijdrage per opgave in that year."""
    # A fixed number of queries however many years there are (a concept adds its computation).
    versies = jaren_overzicht(user)
    deelname = set(
        Deelnemer.objects.filter(gemeente=gemeente, versie__in=[v.pk for v in versies]).values_list(
            "versie_id", flat=True
        )
    )
    # A first concept has no stored members yet: it follows the membership of its 1 January.
    for v in versies:
        if volgt_referentie(v) and (
            Gemeente.objects.leden_op(datetime.date(v.jaar, 1, 1)).filter(pk=gemeente.pk).exists()
        ):
            deelname.add(v.pk)
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
