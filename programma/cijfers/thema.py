"""One thema in one programme version: its opgaven with their figures, its totals, and what each
gemeente contributes to it; and every thema of the region beside the groups of a version."""

from __future__ import annotations

from dataclasses import dataclass

from programma.cijfers.versie import GemeenteRegel, ThemaCijfers, VersieCijfers
from regio.models import Thema


@dataclass
class ThemaGemeente:
    """A gemeente's bijdrage to the opgaven of one thema."""

    regel: GemeenteRegel
    bijdrage: int


def per_thema(cijfers: VersieCijfers, themas: list[Thema]) -> list[tuple[Thema, ThemaCijfers]]:
    """Every thema of the region in its order, each with its group of the version (an empty
    group for a thema without opgaven in it)."""
    groepen = {g.thema.pk: g for g in cijfers.themas}
    return [(t, groepen.get(t.pk) or ThemaCijfers(thema=t)) for t in themas]


def thema_gemeenten(cijfers: VersieCijfers, groep: ThemaCijfers) -> list[ThemaGemeente]:
    """Per deelnemende gemeente its bijdragen to the opgaven of this thema added up (the
    bijdragen of each opgave add up to its budget, so these add up to the thema's budget)."""
    if not groep.opgaven:
        return []
    ids = {po.pk for po in groep.opgaven}
    plaatsen = [i for i, po in enumerate(cijfers.opgaven) if po.pk in ids]
    return [
        ThemaGemeente(regel=r, bijdrage=sum(r.bedragen[i] for i in plaatsen))
        for r in cijfers.gemeenten
    ]
