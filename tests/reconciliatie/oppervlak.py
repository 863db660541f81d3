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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


# --- a PDF's text ---------------------------------------------------------------------------
# A PDF has no attributes to mark a cell with, so its templates write each figure in a line
# that says what it is: a table row ends with its figures after the label of the row ("Totaal",
# an opgave's title); a figure in running text stands in a fixed phrase ("Bijdrage Berg en Dal:
# € 31.463"). A test describes those lines (PdfTabel, PdfRegel) and PdfTekst finds them.

_FIGUUR = r"(?:€ -?\d{1,3}(?:\.\d{3})*|-?\d+(?:,\d+)? fte|-?\d+(?:,\d+)? %|-?\d{1,3}(?:\.\d{3})*)"
_NUMMER = re.compile(r"^\d+[.)]\s+")  # "3. " before a title: the document's own numbering


def _schoon(tekst: str) -> str:
    return " ".join(tekst.replace("\u00a0", " ").replace("\u202f", " ").split())


def _label(tekst: str) -> str:
    return _NUMMER.sub("", _schoon(tekst)).rstrip(" :")


@dataclass(frozen=True)
class PdfTabel:
    """The rows of one table (or chart, or list) of a PDF. The table opens where the text read so
    far ends in `kop` (its header row, which WeasyPrint repeats on each page a long table runs
    on, so a page break starts the row text afresh); it closes at a line matching `einde`, or
    after the row keyed "totaal". A row is the text since the previous row (over as many lines
    as its label wrapped to) ending in one figure per `kolommen`; its label, without a leading
    "3. ", names the row through `rijen`."""

    naam: str
    kop: str
    kolommen: tuple[str, ...]
    rijen: Mapping[str, str]
    einde: str = ""


@dataclass(frozen=True)
class PdfRegel:
    """Figures in running text: each place where `patroon` (its named groups are the columns,
    besides an optional group `label`) matches a line, or a line with the one or two before it
    (a phrase that wrapped), between a line matching `begin` and one matching `einde`. The row
    is `rij`, or the key through `rijen` of the group `label`. "{sectie}" in the table name or the
    row stands for the key of the last heading seen that is one of `secties` ("3. <title>")."""

    naam: str
    patroon: str
    rij: str = ""
    rijen: Mapping[str, str] | None = None
    secties: Mapping[str, str] | None = None
    begin: str = ""
    einde: str = ""


class PdfTekst(Oppervlak):
    """A PDF, read back with pypdf: the text of each page, the lines of its content (without the
    running header and footer, which stand in the page margins), and the figure cells that its
    PdfTabel and PdfRegel descriptions find."""

    def __init__(
        self,
        inhoud: bytes,
        naam: str = "pdf",
        *,
        tabellen: Sequence[PdfTabel] = (),
        regels: Sequence[PdfRegel] = (),
        marge_boven_mm: float = 24,
        marge_onder_mm: float = 22,
    ) -> None:
        import io

        import pypdf

        self.naam = naam
        self.reader = pypdf.PdfReader(io.BytesIO(inhoud))
        self.paginas: list[str] = []  # the whole text of each page, margins included
        self.inhoud: list[list[str]] = []  # the content lines of each page
        self.schuin: list[str] = []  # the text set at an angle on each page (a watermark)
        boven, onder = marge_boven_mm * 72 / 25.4, marge_onder_mm * 72 / 25.4
        for pagina in self.reader.pages:
            hoogte = float(pagina.mediabox.height)
            delen: list[str] = []
            schuin: list[str] = []

            def bezoek(tekst, cm, tm, _font, _grootte, delen=delen, schuin=schuin, hoogte=hoogte):
                if not tekst.strip():
                    delen.append(tekst)
                elif abs(tm[0] * cm[1] + tm[1] * cm[3]) > 1e-6:  # rotated: not content
                    schuin.append(tekst)
                elif onder <= tm[4] * cm[1] + tm[5] * cm[3] + cm[5] <= hoogte - boven:
                    delen.append(tekst)

            self.paginas.append(pagina.extract_text(visitor_text=bezoek))
            self.inhoud.append([r for r in (_schoon(x) for x in "".join(delen).splitlines()) if r])
            self.schuin.append(_schoon("".join(schuin)))
        self.tekst = "\n".join(self.paginas)
        self.regels = [regel for pagina in self.inhoud for regel in pagina]
        self._cellen: dict[Sleutel, str] = {}
        self._dubbel: list[Sleutel] = []
        self._ongemarkeerd: list[str] = []
        for tabel in tabellen:
            self._lees_tabel(tabel)
        for regel in regels:
            self._lees_regel(regel)

    def _zet(self, sleutel: Sleutel, waarde: str) -> None:
        if sleutel in self._cellen:
            self._dubbel.append(sleutel)
        self._cellen[sleutel] = waarde

    def _lees_tabel(self, tabel: PdfTabel) -> None:
        kop = re.compile(rf"(?:^|\s){tabel.kop}$")
        einde = re.compile(tabel.einde) if tabel.einde else None
        figuren = r"\s+".join([f"({_FIGUUR})"] * len(tabel.kolommen))
        rij = re.compile(rf"^(?P<label>.*?)\s*{figuren}$")
        open_, wachtend = False, []
        for regel in self.regels:
            if open_ and einde and einde.search(regel):
                open_, wachtend = False, []
                continue
            wachtend.append(regel)
            samen = " ".join(wachtend)
            if kop.search(samen):
                open_, wachtend = True, []
                continue
            if not open_:
                del wachtend[:-4]  # a header wraps over a few lines at most
                continue
            m = rij.match(samen)
            if not m:
                continue
            wachtend = []
            label = _label(m.group("label"))
            sleutel = tabel.rijen.get(label)
            if sleutel is None:
                self._ongemarkeerd.append(f"{tabel.naam}: rij {samen!r}")
                continue
            for kolom, waarde in zip(tabel.kolommen, m.groups()[1:], strict=True):
                self._zet((tabel.naam, sleutel, kolom), waarde)
            if sleutel == "totaal" and not einde:
                open_ = False

    def _lees_regel(self, regel: PdfRegel) -> None:
        patroon = re.compile(regel.patroon)
        begin = re.compile(regel.begin) if regel.begin else None
        einde = re.compile(regel.einde) if regel.einde else None
        binnen, sectie = begin is None, ""
        for i, tekst in enumerate(self.regels):
            if not binnen:
                binnen = bool(begin and begin.search(tekst))
                continue
            if einde and einde.search(tekst):
                if begin is None:
                    break
                binnen = False
                continue
            if regel.secties:
                for k in (0, 1):
                    kop = " ".join(self.regels[max(0, i - k) : i + 1])
                    if _NUMMER.match(kop) and _label(kop) in regel.secties:
                        sectie = regel.secties[_label(kop)]
            for k in (0, 1, 2):
                if i - k < 0:
                    break
                voor = " ".join(self.regels[i - k : i])
                samen = f"{voor} {tekst}".strip()
                m = patroon.search(samen)
                # a phrase over several lines counts once: where it ends, in this line
                if m and m.end() > len(voor):
                    break
            else:
                continue
            groepen = {k: v for k, v in m.groupdict().items() if v is not None}
            label = groepen.pop("label", None)
            rij = regel.rij
            if label is not None and regel.rijen is not None:
                rij = regel.rijen.get(_label(label), "")
                if not rij:
                    self._ongemarkeerd.append(f"{regel.naam}: {samen!r}")
                    continue
            naam = regel.naam.format(sectie=sectie)
            for kolom, waarde in groepen.items():
                self._zet((naam, rij.format(sectie=sectie), kolom), waarde)

    def cellen(self) -> dict[Sleutel, str]:
        return dict(self._cellen)

    def ongemarkeerd(self) -> list[str]:
        return list(self._ongemarkeerd)

    def dubbel(self) -> list[Sleutel]:
        return list(self._dubbel)
