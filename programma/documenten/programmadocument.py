"""The programme document: vision, thema's, every opgave, the bijdragen table of all gemeenten.

Every figure comes from programma.cijfers (the selector the pages read); this module only
numbers the opgaven (1..n in the order of the programme, so "opgave 7" means the same opgave in
every part of the document) and groups what the template shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from programma import cijfers, selectors
from programma.models import ProgrammaOpgave, ProgrammaVersie

#: the most opgave columns one bijdragen table takes on an A4 landscape page; a programme with
#: more opgaven gets its table in parts of equal width, each with its own column totals
KOLOMMEN_PER_TABEL = 14


@dataclass
class DocOpgave:
    """One opgave as the document shows it: its number, its content (with figures, stuurgroep
    and externe regelingen) and its synergieën with the other opgaven, by number."""

    nummer: int
    po: ProgrammaOpgave
    synergieen: list[tuple[int, ProgrammaOpgave, str]] = field(default_factory=list)


@dataclass
class Kolom:
    nummer: int
    po: ProgrammaOpgave
    totaal: int


@dataclass
class ThemaKop:
    naam: str
    breedte: int


@dataclass
class BijdragenTabel:
    """One part of the bijdragen table: a run of opgave columns; the last part also has each
    gemeente's total over all opgaven and the grand total."""

    kolommen: list[Kolom]
    themas: list[ThemaKop]
    #: each gemeente with its cells in this part: (column, bijdrage)
    regels: list[tuple[cijfers.GemeenteRegel, list[tuple[Kolom, int]]]]
    laatste: bool
    deel: int
    delen: int

    @property
    def van(self) -> int:
        return self.kolommen[0].nummer

    @property
    def tot(self) -> int:
        return self.kolommen[-1].nummer


def _delen(aantal: int) -> list[range]:
    """Split `aantal` columns into the fewest parts of at most KOLOMMEN_PER_TABEL, as equal as
    possible (14 -> one part; 15 -> 8 + 7)."""
    if aantal == 0:
        return []
    stukken = -(-aantal // KOLOMMEN_PER_TABEL)
    grootte, rest = divmod(aantal, stukken)
    delen, begin = [], 0
    for i in range(stukken):
        eind = begin + grootte + (1 if i < rest else 0)
        delen.append(range(begin, eind))
        begin = eind
    return delen


def _bijdragen_tabellen(
    figuren: cijfers.VersieCijfers, nummers: dict[int, int]
) -> list[BijdragenTabel]:
    delen = _delen(len(figuren.opgaven))
    kolomtotalen = figuren.kolomtotalen
    tabellen = []
    for i, deel in enumerate(delen):
        kolommen = [
            Kolom(
                nummer=nummers[figuren.opgaven[j].pk], po=figuren.opgaven[j], totaal=kolomtotalen[j]
            )
            for j in deel
        ]
        themas: list[ThemaKop] = []
        for kolom in kolommen:
            naam = kolom.po.thema_weergave
            if themas and themas[-1].naam == naam:
                themas[-1].breedte += 1
            else:
                themas.append(ThemaKop(naam=naam, breedte=1))
        tabellen.append(
            BijdragenTabel(
                kolommen=kolommen,
                themas=themas,
                regels=[
                    (r, [(k, r.bedragen[j]) for k, j in zip(kolommen, deel, strict=True)])
                    for r in figuren.gemeenten
                ],
                laatste=i == len(delen) - 1,
                deel=i + 1,
                delen=len(delen),
            )
        )
    return tabellen


def programma_context(versie: ProgrammaVersie, gemeente=None) -> dict:
    """What the programme document shows: vision, thema's, every opgave, the bijdragen table
    of all gemeenten."""
    from programma.documenten.inhoud import opgaven_met_details

    figuren = cijfers.versie_cijfers(versie)
    details = {po.pk: po for po in opgaven_met_details(versie)}
    nummers = {po.pk: i for i, po in enumerate(figuren.opgaven, start=1)}
    opgaven = {po.pk: DocOpgave(nummer=nummers[po.pk], po=details[po.pk]) for po in figuren.opgaven}
    for s in selectors.synergieen_van_versie(versie):
        opgaven[s.van_id].synergieen.append((nummers[s.naar_id], s.naar, s.toelichting))
        opgaven[s.naar_id].synergieen.append((nummers[s.van_id], s.van, s.toelichting))
    for o in opgaven.values():
        o.synergieen.sort(key=lambda s: s[0])
    return {
        "cijfers": figuren,
        "opgaven": [opgaven[po.pk] for po in figuren.opgaven],
        # the thema's in programme order, each with its opgaven as numbered in the document
        "themas": [(t, [opgaven[po.pk] for po in t.opgaven]) for t in figuren.themas],
        "bijdragen_tabellen": _bijdragen_tabellen(figuren, nummers),
        "deelname": figuren.deelname,
        "deelname_tekst": selectors.deelname_omschrijving(figuren.deelname),
        "vervanging": selectors.vervanging_van(versie),
    }
