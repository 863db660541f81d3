"""The outcome of a council vote, as a pure function of the votes and the council
(Gemeentewet art. 20, 28 and 32; DOMAIN.md "Council votes").

- Quorum: more than half of the sitting members present. A member excused for a personal
  interest is present but does not vote; an absent one is not present. Without a quorum the
  vote cannot be held.
- Carried with more than half of the votes cast (voor + tegen).
- A tie (staken der stemmen): in a complete meeting (every sitting member present) the proposal
  is not adopted; otherwise it is postponed to a next meeting, where a second tie means not
  adopted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from raden.models.stemming import Keuze, Reden, Uitkomst


@dataclass(frozen=True)
class Uitslag:
    zittend: int
    voor: int
    tegen: int
    afwezig: int
    onthouden: int
    uitkomst: Uitkomst

    @property
    def uitgebracht(self) -> int:
        return self.voor + self.tegen

    @property
    def aanwezig(self) -> int:
        return self.voor + self.tegen + self.onthouden

    @property
    def quorum(self) -> bool:
        return 2 * self.aanwezig > self.zittend

    @property
    def volledig(self) -> bool:
        return self.aanwezig == self.zittend


def bereken(
    *, zittend: int, stemmen: Iterable[tuple[str, str]], herstemming: bool = False
) -> Uitslag:
    """The outcome for `zittend` sitting members and their (keuze, reden) pairs. A sitting
    member without a recorded vote counts as absent."""
    voor = tegen = onthouden = 0
    geteld = 0
    for keuze, reden in stemmen:
        geteld += 1
        if keuze == Keuze.VOOR:
            voor += 1
        elif keuze == Keuze.TEGEN:
            tegen += 1
        elif reden == Reden.PERSOONLIJK_BELANG:
            onthouden += 1
    if geteld > zittend:
        raise ValueError("meer stemmen dan zittende leden")
    afwezig = zittend - voor - tegen - onthouden
    aanwezig = voor + tegen + onthouden
    if 2 * aanwezig <= zittend:
        uitkomst = Uitkomst.GEEN_QUORUM
    elif 2 * voor > voor + tegen:
        uitkomst = Uitkomst.AANGENOMEN
    elif voor == tegen and afwezig > 0 and not herstemming:
        uitkomst = Uitkomst.UITGESTELD
    else:
        uitkomst = Uitkomst.VERWORPEN
    return Uitslag(zittend, voor, tegen, afwezig, onthouden, uitkomst)
