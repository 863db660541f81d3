"""Two programme versions compared: the programme's own fields, the opgaven added, removed and
changed (matched on their lasting identity, `opgave_id`), budget and FTE, and the bijdragen per
gemeente per opgave and in total. The figures of each side come from the one selector of a
version's figures (programma.cijfers): the stored bijdragen of a frozen version, the computed
ones of a concept. A fixed number of queries, whatever the number of opgaven or gemeenten."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave
from programma.cijfers.versie import VersieCijfers, programma_opgaven
from programma.models import ProgrammaOpgave, ProgrammaVersie
from programma.vergelijking.velden import (
    CIJFERVELDEN,
    VeldVerschil,
    met_inhoud,
    verschillen_opgave,
    verschillen_versie,
)
from regio.models import Gemeente


class Wijziging(models.TextChoices):
    TOEGEVOEGD = "toegevoegd", _("toegevoegd")
    VERWIJDERD = "verwijderd", _("verwijderd")
    GEWIJZIGD = "gewijzigd", _("gewijzigd")
    ONGEWIJZIGD = "ongewijzigd", _("ongewijzigd")


_TIENDE = Decimal("0.1")


@dataclass(frozen=True)
class Getal:
    """A figure on both sides (0 where a side has none) and its difference."""

    oud: int | Decimal
    nieuw: int | Decimal

    @property
    def verschil(self) -> int | Decimal:
        return self.nieuw - self.oud

    @property
    def procent(self) -> Decimal | None:
        """The difference as a percentage of the old value, to one decimal (None if that is 0)."""
        if not self.oud:
            return None
        uitkomst = (Decimal(self.verschil) * 100 / Decimal(self.oud)).quantize(
            _TIENDE, rounding=ROUND_HALF_UP
        )
        return uitkomst if uitkomst else Decimal("0.0")  # never "-0,0"

    @property
    def procent_weergave(self) -> str:
        """12,3 % (empty where there is no percentage), as pages show it."""
        p = self.procent
        return "" if p is None else f"{p:f}".replace(".", ",") + "\u00a0%"

    @property
    def gewijzigd(self) -> bool:
        return self.oud != self.nieuw


@dataclass(frozen=True)
class GemeenteVerschil:
    """One gemeente's bijdrage on both sides (0 where it is not a member)."""

    gemeente: Gemeente
    naam: str  # as the newer version shows it (as proposed, once frozen)
    bedrag: Getal


@dataclass
class OpgaveVergelijking:
    """One opgave in either or both versions."""

    opgave: Opgave
    wijziging: str  # Wijziging
    oud: ProgrammaOpgave | None
    nieuw: ProgrammaOpgave | None
    velden: list[VeldVerschil]  # the fields that differ, other than budget and FTE
    budget: Getal
    fte: Getal
    bijdragen: list[GemeenteVerschil] = field(default_factory=list)

    @property
    def titel(self) -> str:
        return (self.nieuw or self.oud).titel_weergave

    @property
    def slug(self) -> str:
        return self.opgave.slug

    @property
    def wijziging_label(self) -> str:
        return str(Wijziging(self.wijziging).label)

    @property
    def bijdragen_gewijzigd(self) -> bool:
        return any(b.bedrag.gewijzigd for b in self.bijdragen)

    @property
    def heeft_verschil(self) -> bool:
        """Whether it gets its own section: a change of content, or of its bijdragen (the
        same opgave in another year can be split over other inwoners)."""
        return self.wijziging != Wijziging.ONGEWIJZIGD or self.bijdragen_gewijzigd


@dataclass
class Vergelijking:
    """Two versions compared (see the module docstring)."""

    oud: ProgrammaVersie
    nieuw: ProgrammaVersie
    velden: list[VeldVerschil]
    opgaven: list[OpgaveVergelijking]
    gemeenten: list[GemeenteVerschil]
    budget: Getal
    fte: Getal
    aantal_opgaven: Getal
    # What is wrong with a concept's members (selectors.deelname_van), so that its computed
    # bijdragen leave a gemeente out or are not there at all; None when nothing is.
    probleem_oud: str | None = None
    probleem_nieuw: str | None = None

    def _met(self, wijziging: str) -> list[OpgaveVergelijking]:
        return [o for o in self.opgaven if o.wijziging == wijziging]

    @cached_property
    def toegevoegd(self) -> list[OpgaveVergelijking]:
        return self._met(Wijziging.TOEGEVOEGD)

    @cached_property
    def verwijderd(self) -> list[OpgaveVergelijking]:
        return self._met(Wijziging.VERWIJDERD)

    @cached_property
    def gewijzigd(self) -> list[OpgaveVergelijking]:
        return self._met(Wijziging.GEWIJZIGD)

    @cached_property
    def ongewijzigd(self) -> list[OpgaveVergelijking]:
        return self._met(Wijziging.ONGEWIJZIGD)

    @cached_property
    def met_verschil(self) -> list[OpgaveVergelijking]:
        return [o for o in self.opgaven if o.heeft_verschil]

    @property
    def bijdragen_totaal(self) -> Getal:
        return Getal(
            oud=sum(g.bedrag.oud for g in self.gemeenten),
            nieuw=sum(g.bedrag.nieuw for g in self.gemeenten),
        )

    @property
    def zelfde_jaar(self) -> bool:
        return self.oud.jaarprogramma_id == self.nieuw.jaarprogramma_id


def _cijfers(versie: ProgrammaVersie) -> VersieCijfers:
    # The same opgaven and figures as versie_cijfers(versie), with what the field comparison
    # reads prefetched.
    return VersieCijfers(versie=versie, opgaven=list(met_inhoud(programma_opgaven(versie))))


def _bijdragen(cijfers: VersieCijfers) -> tuple[dict[tuple[int, int], int], dict[int, tuple]]:
    """{(opgave id, gemeente id): euro} and {gemeente id: (gemeente, name)} of one version."""
    bedragen: dict[tuple[int, int], int] = {}
    gemeenten: dict[int, tuple] = {}
    for regel in cijfers.gemeenten:
        gemeenten[regel.gemeente.pk] = (regel.gemeente, regel.naam)
        for po, bedrag in zip(cijfers.opgaven, regel.bedragen, strict=True):
            bedragen[(po.opgave_id, regel.gemeente.pk)] = bedrag
    return bedragen, gemeenten


def vergelijk_versies(oud: ProgrammaVersie, nieuw: ProgrammaVersie) -> Vergelijking:
    """Compare two programme versions (of one year, or of two years)."""
    c_oud, c_nieuw = _cijfers(oud), _cijfers(nieuw)
    b_oud, g_oud = _bijdragen(c_oud)
    b_nieuw, g_nieuw = _bijdragen(c_nieuw)
    gemeenten = {**g_oud, **g_nieuw}  # the newer version's name wins
    volgorde = sorted(gemeenten, key=lambda pk: gemeenten[pk][1].casefold())

    def per_gemeente(opgave_id: int) -> list[GemeenteVerschil]:
        return [
            GemeenteVerschil(
                gemeente=gemeenten[g][0],
                naam=gemeenten[g][1],
                bedrag=Getal(b_oud.get((opgave_id, g), 0), b_nieuw.get((opgave_id, g), 0)),
            )
            for g in volgorde
        ]

    oude = {po.opgave_id: po for po in c_oud.opgaven}
    nieuwe = {po.opgave_id: po for po in c_nieuw.opgaven}
    # The newer version's order, then what it no longer has in the older one's order.
    paren = [(oude.get(i), po) for i, po in nieuwe.items()] + [
        (po, None) for i, po in oude.items() if i not in nieuwe
    ]
    opgaven = []
    for o, n in paren:
        verschillen = verschillen_opgave(o, n)
        if o is None:
            wijziging = Wijziging.TOEGEVOEGD
        elif n is None:
            wijziging = Wijziging.VERWIJDERD
        else:
            wijziging = Wijziging.GEWIJZIGD if verschillen else Wijziging.ONGEWIJZIGD
        opgaven.append(
            OpgaveVergelijking(
                opgave=(n or o).opgave,
                wijziging=wijziging,
                oud=o,
                nieuw=n,
                # An added or removed opgave is shown as a whole, not field by field.
                velden=[v for v in verschillen if v.veld not in CIJFERVELDEN]
                if o is not None and n is not None
                else [],
                budget=Getal(o.budget if o else 0, n.budget if n else 0),
                fte=Getal(
                    o.capaciteit_fte if o else Decimal(0), n.capaciteit_fte if n else Decimal(0)
                ),
                bijdragen=per_gemeente((n or o).opgave_id),
            )
        )
    som_oud: dict[int, int] = defaultdict(int)
    som_nieuw: dict[int, int] = defaultdict(int)
    for som, bedragen in ((som_oud, b_oud), (som_nieuw, b_nieuw)):
        for (_opgave_id, g), bedrag in bedragen.items():
            som[g] += bedrag
    totalen = [
        GemeenteVerschil(
            gemeente=gemeenten[g][0], naam=gemeenten[g][1], bedrag=Getal(som_oud[g], som_nieuw[g])
        )
        for g in volgorde
    ]
    return Vergelijking(
        oud=oud,
        nieuw=nieuw,
        velden=verschillen_versie(
            oud,
            nieuw,
            peildatum=lambda v: (c_oud if v is oud else c_nieuw).deelname.peildatum,
        ),
        opgaven=opgaven,
        gemeenten=totalen,
        budget=Getal(c_oud.budget, c_nieuw.budget),
        fte=Getal(c_oud.fte, c_nieuw.fte),
        aantal_opgaven=Getal(c_oud.aantal_opgaven, c_nieuw.aantal_opgaven),
        probleem_oud=c_oud.deelname.probleem,
        probleem_nieuw=c_nieuw.deelname.probleem,
    )
