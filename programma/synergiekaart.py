"""The synergy map of a programme: opgaven on a circle, grouped by thema, a line for every
synergie. Pure layout arithmetic; the template draws the SVG and its text alternative."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Colour per thema position: distinguishable and with enough contrast against white.
KLEUREN = ["#1d5b3a", "#0b5394", "#8a4b08", "#6a1b9a", "#b42318", "#00695c", "#4e342e"]


@dataclass
class Knoop:
    po: object
    x: float
    y: float
    r: float
    kleur: str
    label: str
    label_x: float
    label_y: float
    anker: str


@dataclass
class Lijn:
    van: Knoop
    naar: Knoop
    toelichting: str


@dataclass
class Kaart:
    breedte: int
    hoogte: int
    knopen: list[Knoop]
    lijnen: list[Lijn]
    legenda: list[tuple[str, str]]


def _kort(titel: str, lengte: int = 28) -> str:
    kort = titel.split(":")[0].strip()
    return kort if len(kort) <= lengte else kort[: lengte - 1].rstrip() + "…"


def maak_kaart(opgaven, synergieen, *, breedte: int = 900, hoogte: int = 600) -> Kaart:
    """Lay out the opgaven (already ordered by thema) and their synergieën."""
    cx, cy = breedte / 2, hoogte / 2
    straal = min(cx, cy) - 60
    themas: dict[int, int] = {}
    for po in opgaven:
        themas.setdefault(po.opgave.thema_id, len(themas))
    grootste = max((po.budget for po in opgaven), default=1) or 1
    knopen: dict[int, Knoop] = {}
    n = max(len(opgaven), 1)
    for i, po in enumerate(opgaven):
        hoek = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + straal * math.cos(hoek), cy + straal * math.sin(hoek)
        r = 7 + 13 * math.sqrt(po.budget / grootste)
        lx, ly = cx + (straal + r + 8) * math.cos(hoek), cy + (straal + r + 8) * math.sin(hoek)
        anker = "start" if math.cos(hoek) > 0.2 else ("end" if math.cos(hoek) < -0.2 else "middle")
        kort = _kort(po.opgave.titel)
        knopen[po.pk] = Knoop(
            po=po,
            x=round(x, 1),
            y=round(y, 1),
            r=round(r, 1),
            kleur=KLEUREN[themas[po.opgave.thema_id] % len(KLEUREN)],
            label=kort,
            label_x=round(lx, 1),
            label_y=round(ly + 4, 1),
            anker=anker,
        )
    lijnen = [
        Lijn(van=knopen[s.van_id], naar=knopen[s.naar_id], toelichting=s.toelichting)
        for s in synergieen
        if s.van_id in knopen and s.naar_id in knopen
    ]
    legenda = []
    gezien = set()
    for po in opgaven:
        if po.opgave.thema_id not in gezien:
            gezien.add(po.opgave.thema_id)
            legenda.append((po.thema_weergave, KLEUREN[themas[po.opgave.thema_id] % len(KLEUREN)]))
    return Kaart(breedte, hoogte, list(knopen.values()), lijnen, legenda)
