"""A horizontal bar chart as SVG markup, for the documents (WeasyPrint draws it as vectors).

A pure function of (label, amount) pairs: no database, no template. Labels are user text
(opgave titles) and are escaped here; the markup that comes out is safe to put in a template.
Each bar has its label above it (whole: a label is never cut short), its amount at its end, and
the axis below is labelled in Dutch money format (regio.geld.format_bedrag). The <title> is
what a screen reader announces (WeasyPrint makes it the figure's alternate text); <desc> gives
every amount."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from regio.geld import format_bedrag

#: the width of A4 minus the document's side margins (20 mm + 22 mm), in points
BREEDTE = 476
#: room at the right of the longest bar for its amount
MARGE_RECHTS = 64
RIJ = 30  # height of one label + bar, when the chart fits a page that way
KLEINSTE_RIJ = 27  # the least that holds a label and a bar apart from the next
HOOGSTE = 620  # the height of the chart when rows shrink (a page of A4 holds about 700 pt)
BALK = 11
LABEL = 8.5  # font size of the labels (pt)
AS = 24  # room below the bars for the axis labels
KLEUR = "#2f6b4f"


def korte_labels(titels: Sequence[str]) -> list[str]:
    """Chart labels: each title up to its colon ("Woningbouwversnelling: betaalbaar bouwen" ->
    "Woningbouwversnelling"); the full titles when two short ones would be the same. WeasyPrint
    lays out SVG text letter by letter, so half the letters is half the chart's render time."""
    kort = [titel.split(":", 1)[0].strip() or titel for titel in titels]
    return kort if len(set(kort)) == len(kort) else list(titels)


def _stap(grootste: int) -> int:
    """A round step for the axis (1, 2, 2.5 or 5 times a power of ten), four to six ticks."""
    if grootste <= 0:
        return 1
    macht = 1
    while macht * 10 <= grootste:
        macht *= 10
    for factor in (1, 2, 2.5, 5, 10, 20, 25, 50):
        stap = int(macht * factor / 10) or 1
        if grootste / stap <= 5:
            return stap
    return macht * 10  # pragma: no cover - the loop always returns


def _getal(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def staafdiagram(
    reeks: Sequence[tuple[str, int]],
    *,
    titel: str,
    beschrijving: str = "",
    breedte: int = BREEDTE,
) -> SafeString:
    """An SVG bar chart of (label, whole euros) pairs, in the given order."""
    grootste = max((bedrag for _, bedrag in reeks), default=0)
    stap = _stap(grootste)
    tot = max(stap, -(-grootste // stap) * stap)  # the axis ends on a tick at or past the max
    plot = breedte - MARGE_RECHTS
    # Many opgaven: thinner rows, so the chart stays on one page (and past that, the stylesheet
    # scales the whole chart down: an SVG cannot break over pages).
    rij = max(KLEINSTE_RIJ, min(RIJ, (HOOGSTE - AS) // max(len(reeks), 1)))
    hoogte = rij * len(reeks) + AS + 4

    def x(bedrag: int) -> float:
        return plot * bedrag / tot

    if not beschrijving:
        beschrijving = "; ".join(f"{label}: {format_bedrag(b)}" for label, b in reeks)
    # One font family, no fallback list: the documents embed Noto Sans, and WeasyPrint looks
    # each family up again for every letter of SVG text (a fifth of the chart's render time).
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="staafdiagram" role="img" '
        f'viewBox="0 0 {breedte} {hoogte}" width="{breedte}pt" height="{hoogte}pt" '
        f'font-family="Noto Sans" font-size="{LABEL}">',
        f"<title>{escape(titel)}</title>",
        f"<desc>{escape(beschrijving)}</desc>",
    ]
    # Grid lines first (drawn behind the bars); their labels come last, below the bars.
    ticks = list(range(0, tot + 1, stap))
    onder = rij * len(reeks) + 2
    for t in ticks:
        delen.append(
            f'<line x1="{_getal(x(t))}" y1="0" x2="{_getal(x(t))}" y2="{onder}" '
            f'stroke="{"#777" if t == 0 else "#d4d4d4"}" stroke-width="0.5"/>'
        )
    for i, (label, bedrag) in enumerate(reeks):
        boven = i * rij
        balk = x(bedrag)
        delen.append(
            f'<text x="0" y="{_getal(boven + LABEL + 1)}" fill="#1a1a1a">{escape(label)}</text>'
        )
        delen.append(
            f'<rect x="0" y="{_getal(boven + LABEL + 4)}" width="{_getal(balk)}" '
            f'height="{BALK}" fill="{KLEUR}"/>'
        )
        delen.append(
            f'<text x="{_getal(balk + 4)}" y="{_getal(boven + LABEL + 4 + BALK - 2)}" '
            f'font-weight="700" fill="#1a1a1a">{escape(format_bedrag(bedrag))}</text>'
        )
    delen.append(
        f'<line x1="0" y1="{onder}" x2="{_getal(plot)}" y2="{onder}" '
        f'stroke="#777" stroke-width="0.5"/>'
    )
    for t in ticks:
        anker = "start" if t == 0 else "end" if t == tot else "middle"
        delen.append(
            f'<text x="{_getal(x(t))}" y="{onder + 11}" text-anchor="{anker}" '
            f'fill="#444" font-size="7">{escape(format_bedrag(t))}</text>'
        )
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
