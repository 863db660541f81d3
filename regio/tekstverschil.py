"""The difference between two texts, word by word, for history pages and version comparisons.

A pure function: two strings in, a list of segments out ("gelijk", "weg", "erbij"), each with
the words it covers (whitespace kept, so joining the "gelijk" and "weg" segments gives the old
text back exactly and the "gelijk" and "erbij" segments the new one). Templates render it with
the `tekstverschil` tag of regio.templatetags.regio as <del> and <ins>."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

GELIJK, WEG, ERBIJ = "gelijk", "weg", "erbij"

# A word with the whitespace after it: the unit a reader sees change. Words are compared
# without that whitespace ("2050." and "2050. " are the same word), so that a sentence added
# after the last one does not show that last word removed and added again.
_WOORD = re.compile(r"\S+\s*|\s+")

#: texts longer than this many characters are shown as a word-level diff, not "old → new"
LANG = 120


@dataclass(frozen=True)
class Segment:
    soort: str  # GELIJK, WEG or ERBIJ
    tekst: str


def woorden(tekst: str) -> list[str]:
    """The words of a text, each with its trailing whitespace (leading whitespace on its own)."""
    return _WOORD.findall(tekst or "")


def woordverschil(oud: str, nieuw: str) -> list[Segment]:
    """The word-level difference between two texts, as consecutive segments."""
    a, b = woorden(oud), woorden(nieuw)
    # autojunk off: in a long text the common words ("de", "van") must still anchor the match.
    matcher = difflib.SequenceMatcher(
        a=[w.rstrip() or w for w in a], b=[w.rstrip() or w for w in b], autojunk=False
    )
    segmenten: list[Segment] = []

    def voeg_toe(soort: str, delen: list[str]) -> None:
        tekst = "".join(delen)
        if not tekst:
            return
        if segmenten and segmenten[-1].soort == soort:
            segmenten[-1] = Segment(soort, segmenten[-1].tekst + tekst)
        else:
            segmenten.append(Segment(soort, tekst))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for oud_woord, nieuw_woord in zip(a[i1:i2], b[j1:j2], strict=True):
                if oud_woord == nieuw_woord:
                    voeg_toe(GELIJK, [oud_woord])
                else:  # the same word, other whitespace after it
                    kern = oud_woord.rstrip()
                    voeg_toe(GELIJK, [kern])
                    voeg_toe(WEG, [oud_woord[len(kern) :]])
                    voeg_toe(ERBIJ, [nieuw_woord[len(kern) :]])
        else:
            voeg_toe(WEG, a[i1:i2])
            voeg_toe(ERBIJ, b[j1:j2])
    return segmenten


def is_lang(*teksten: str | None) -> bool:
    """Whether a change of these texts reads better as a word-level diff than as old → new."""
    return any(t and (len(t) > LANG or "\n" in t) for t in teksten)


def is_herschreven(oud: str | None, nieuw: str | None) -> bool:
    """A long text rewritten rather than edited: less than a third of it kept. Shown as the old
    and the new text side by side, since a word diff of it reads as noise; a text that only
    grew or shrank is no rewrite."""
    if not oud or not nieuw or not is_lang(oud, nieuw):
        return False
    gelijk = sum(len(s.tekst) for s in woordverschil(oud, nieuw) if s.soort == GELIJK)
    return 3 * gelijk < min(len(oud), len(nieuw))
