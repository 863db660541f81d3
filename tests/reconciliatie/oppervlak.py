"""Surfaces that show figures, read back cell by cell, and the comparison with expected figures.

A surface (a rendered page today; a PDF's text, a CSV file or a JSON document later) is one
small `Oppervlak` class whose `cellen()` returns every figure it shows under a key
(tabel, rij, kolom), as the text the reader sees. `vergelijk` then checks, key by key, that
each expected figure is shown and right, and that the surface shows no figure that nobody
reconciled. Keys name things by slug, never by position, so a reordered table still matches.

Pages mark their figure cells: `data-tabel` on a table (or list, or <dl>), `data-rij` on a row,
`data-kolom` on the cell. `HtmlPagina` also reports figure-looking cells that carry no key (a
right-aligned `td.getal`, or a number in a <dd>): a figure added to a page without a key fails
the suite instead of escaping it."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser

Sleutel = tuple[str, str, str]  # (tabel, rij, kolom)

LEEG = ("", "–", "-")


class Oppervlak(ABC):
    """Anything that shows figures: one method returns them, by key, as displayed text."""

    naam: str = "oppervlak"

    @abstractmethod
    def cellen(self) -> dict[Sleutel, str]:
        """Every figure cell of this surface."""

    def ongemarkeerd(self) -> list[str]:
        """Figures the surface shows without a key (a surface that cannot tell returns [])."""
        return []

    def dubbel(self) -> list[Sleutel]:
        """Keys that occur more than once (a key must name one cell)."""
        return []


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stapel: list[dict] = []
        self.cellen: dict[Sleutel, str] = {}
        self.dubbel: list[Sleutel] = []
        self.ongemarkeerd: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        self.stapel.append({"tag": tag, "attrs": attrs, "tekst": [], "gemarkeerd": False})

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_data(self, data):
        for element in self.stapel:
            element["tekst"].append(data)

    def _dichtstbij(self, attribuut: str) -> str:
        for element in reversed(self.stapel):
            if attribuut in element["attrs"]:
                return element["attrs"][attribuut]
        return "?"

    def handle_endtag(self, tag):
        if not any(e["tag"] == tag for e in self.stapel):
            return
        while self.stapel:
            element = self.stapel.pop()
            self._sluit(element)
            if element["tag"] == tag:
                break

    def _sluit(self, element: dict) -> None:
        attrs = element["attrs"]
        tekst = " ".join("".join(element["tekst"]).split())
        if "data-kolom" in attrs:
            # The row and table are those of the enclosing elements (the cell itself is popped).
            sleutel = (
                self._dichtstbij("data-tabel"),
                self._dichtstbij("data-rij"),
                attrs["data-kolom"],
            )
            if sleutel in self.cellen:
                self.dubbel.append(sleutel)
            self.cellen[sleutel] = tekst
            element["gemarkeerd"] = True
        if self.stapel and element["gemarkeerd"]:
            self.stapel[-1]["gemarkeerd"] = True
        klassen = attrs.get("class", "").split()
        figuurcel = (element["tag"] == "td" and "getal" in klassen) or element["tag"] == "dd"
        # A figure starts with a digit or a euro sign (a CBS code such as GM0202 does not).
        if figuurcel and not element["gemarkeerd"] and re.match(r"(€\s?)?-?\d", tekst):
            self.ongemarkeerd.append(f"<{element['tag']}> {tekst!r}")


class HtmlPagina(Oppervlak):
    """A rendered page: its marked cells, read with the standard library's HTML parser."""

    def __init__(self, html: str, naam: str = "pagina") -> None:
        self.naam = naam
        self._lezer = _Lezer()
        self._lezer.feed(html)
        self._lezer.close()

    @classmethod
    def van(cls, response, naam: str = "") -> HtmlPagina:
        assert response.status_code == 200, (naam, response.status_code)
        return cls(response.content.decode(), naam=naam or response.wsgi_request.path)

    def cellen(self) -> dict[Sleutel, str]:
        return dict(self._lezer.cellen)

    def ongemarkeerd(self) -> list[str]:
        return list(self._lezer.ongemarkeerd)

    def dubbel(self) -> list[Sleutel]:
        return list(self._lezer.dubbel)


# --- reading a displayed figure ----------------------------------------------------------

_GEHEEL = r"-?\d{1,3}(?:\.\d{3})*"


def lees(tekst: str):
    """The number a cell shows, in the formats of regio.geld: € 1.250.000, 2,5 fte, 187.011,
    12,3 %; None for an empty cell or a dash. Anything else is an error, not a guess."""
    t = " ".join(tekst.replace("\u00a0", " ").split())
    if t in LEEG:
        return None
    if m := re.fullmatch(rf"€ ({_GEHEEL})", t):
        return int(m.group(1).replace(".", ""))
    if m := re.fullmatch(r"(-?\d+(?:,\d+)?) fte", t):
        return Decimal(m.group(1).replace(",", "."))
    if m := re.fullmatch(r"(-?\d+(?:,\d+)?) %", t):
        return Decimal(m.group(1).replace(",", "."))
    if re.fullmatch(_GEHEEL, t):
        return int(t.replace(".", ""))
    raise ValueError(f"geen getal: {tekst!r}")


def _gelijk(getoond, verwacht) -> bool:
    if isinstance(verwacht, Fraction):
        # A share shown with one decimal: within half of its last digit of the exact value.
        return getoond is not None and abs(Fraction(getoond) - verwacht) <= Fraction(1, 20)
    if verwacht is None:
        return getoond is None
    return type(getoond) is type(verwacht) and getoond == verwacht


def vergelijk(oppervlak: Oppervlak, verwacht: dict[Sleutel, object]) -> list[str]:
    """Every difference between what the surface shows and the expected figures, as text."""
    cellen = oppervlak.cellen()
    fouten = []
    for sleutel in sorted(verwacht):
        waarde = verwacht[sleutel]
        if sleutel not in cellen:
            fouten.append(f"{oppervlak.naam} {sleutel}: ontbreekt, verwacht {waarde!r}")
            continue
        try:
            getoond = lees(cellen[sleutel])
        except ValueError as fout:
            fouten.append(f"{oppervlak.naam} {sleutel}: {fout}")
            continue
        if not _gelijk(getoond, waarde):
            fouten.append(
                f"{oppervlak.naam} {sleutel}: toont {cellen[sleutel]!r}, verwacht {waarde!r}"
            )
    for sleutel in sorted(set(cellen) - set(verwacht)):
        fouten.append(f"{oppervlak.naam} {sleutel}: {cellen[sleutel]!r} is niet nagerekend")
    fouten += [f"{oppervlak.naam}: cijfer zonder sleutel {c}" for c in oppervlak.ongemarkeerd()]
    fouten += [f"{oppervlak.naam} {s}: sleutel staat er meer dan eens" for s in oppervlak.dubbel()]
    return fouten


def klopt(oppervlak: Oppervlak, verwacht: dict[Sleutel, object]) -> None:
    """Assert that the surface shows exactly the expected figures."""
    fouten = vergelijk(oppervlak, verwacht)
    assert not fouten, f"{len(fouten)} verschillen:\n" + "\n".join(fouten[:60])
