"""The figures each surface should show, recomputed in plain Python from the raw table rows.

Rows are read with `.values()` (no ORM aggregate, no annotation, no product selector) and added
up here. The one thing taken from the product is the split of a concept's budgets over the
gemeenten (`bereken_bijdragen`): that rule is proven on its own in tests/programma/
test_verdeling.py; what is reconciled here is everything built on it. A proposed version's
bijdragen are its stored rows.

Each function returns {(tabel, rij, kolom): value}: int for euros and counts, Decimal for FTE,
Fraction for a percentage (shown rounded), None for an empty cell."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from opgaven.models import Opgave
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    Niveau,
    ProgrammaOpgave,
    ProgrammaVersie,
    Synergie,
)
from regio.models import Gemeente, Inwonertal, Lidmaatschap, Thema

Cijfers = dict[tuple[str, str, str], object]


def _som_fte(waarden) -> Decimal:
    totaal = Decimal(0)
    for w in waarden:
        totaal += w
    return totaal


@dataclass
class Rijen:
    """Every row the figures are made of, read once."""

    jaren: dict
    versies: dict
    themas: dict
    opgaven: dict
    pos: list
    regelingen: list
    synergieen: list
    deelnemers: list
    bijdragen: list
    gemeenten: dict
    inwonertallen: list
    lidmaatschappen: list

    @classmethod
    def lees(cls) -> Rijen:
        return cls(
            jaren={j["pk"]: j["jaar"] for j in Jaarprogramma.objects.values("pk", "jaar")},
            versies={
                v["pk"]: v
                for v in ProgrammaVersie.objects.values(
                    "pk", "jaarprogramma_id", "nummer", "bevroren_op", "verdeelsleutel"
                )
            },
            themas={t["pk"]: t for t in Thema.objects.values("pk", "slug", "volgorde")},
            opgaven={o["pk"]: o for o in Opgave.objects.values("pk", "slug", "thema_id", "titel")},
            pos=list(
                ProgrammaOpgave.objects.values(
                    "pk", "versie_id", "opgave_id", "budget", "capaciteit_fte", "rangorde"
                )
            ),
            regelingen=list(
                ExterneRegeling.objects.values(
                    "pk", "programma_opgave_id", "niveau", "verwachte_cofinanciering"
                )
            ),
            synergieen=list(Synergie.objects.values("van_id", "naar_id")),
            deelnemers=list(Deelnemer.objects.values("versie_id", "gemeente_id", "inwoners")),
            bijdragen=list(Bijdrage.objects.values("programma_opgave_id", "gemeente_id", "bedrag")),
            gemeenten={g["pk"]: g for g in Gemeente.objects.values("pk", "slug")},
            inwonertallen=list(Inwonertal.objects.values("gemeente_id", "peildatum", "inwoners")),
            lidmaatschappen=list(Lidmaatschap.objects.values("gemeente_id", "begin", "einde")),
        )

    # --- plain lookups ----------------------------------------------------------------

    def jaar(self, versie_id: int) -> int:
        return self.jaren[self.versies[versie_id]["jaarprogramma_id"]]

    def bevroren(self, versie_id: int) -> bool:
        return self.versies[versie_id]["bevroren_op"] is not None

    def slug(self, po: dict) -> str:
        return self.opgaven[po["opgave_id"]]["slug"]

    def thema_slug(self, po: dict) -> str:
        return self.themas[self.opgaven[po["opgave_id"]]["thema_id"]]["slug"]

    def pos_van(self, versie_id: int) -> list[dict]:
        return [po for po in self.pos if po["versie_id"] == versie_id]

    def regelingen_van(self, po: dict) -> list[dict]:
        return [r for r in self.regelingen if r["programma_opgave_id"] == po["pk"]]

    def cofinanciering(self, po: dict) -> int:
        return sum(r["verwachte_cofinanciering"] for r in self.regelingen_van(po))

    def aantal_synergieen(self, po: dict) -> int:
        return sum(1 for s in self.synergieen if po["pk"] in (s["van_id"], s["naar_id"]))

    def deelnemers_van(self, versie_id: int) -> list[dict]:
        versie = self.versies[versie_id]
        if versie["bevroren_op"] is not None or versie["nummer"] > 1:
            return [d for d in self.deelnemers if d["versie_id"] == versie_id]
        # A first concept shares over the members on 1 January of its year, with the inwoners
        # of the latest peildatum on or before that day (DESIGN.md §4; fixed at proposal).
        jaar = self.jaar(versie_id)
        grens = datetime.date(jaar, 1, 1)
        leden = {
            lid["gemeente_id"]
            for lid in self.lidmaatschappen
            if lid["begin"] <= grens and (lid["einde"] is None or lid["einde"] >= grens)
        }
        peildata = [t["peildatum"] for t in self.inwonertallen if t["peildatum"] <= grens]
        if not peildata:
            peildata = [min(t["peildatum"] for t in self.inwonertallen)]
        peildatum = max(peildata)
        tallen = {
            t["gemeente_id"]: t["inwoners"]
            for t in self.inwonertallen
            if t["peildatum"] == peildatum and t["gemeente_id"] in leden
        }
        return [
            {"versie_id": versie_id, "gemeente_id": g, "inwoners": tallen[g]}
            for g in sorted(leden)
            if g in tallen
        ]

    def bijdragen_van(self, versie_id: int) -> dict[tuple[int, int], int]:
        if self.bevroren(versie_id):
            ids = {po["pk"] for po in self.pos_van(versie_id)}
            return {
                (b["programma_opgave_id"], b["gemeente_id"]): b["bedrag"]
                for b in self.bijdragen
                if b["programma_opgave_id"] in ids
            }
        from programma.selectors import bereken_bijdragen  # the rule, see the module docstring

        return bereken_bijdragen(ProgrammaVersie.objects.get(pk=versie_id))

    def huidige_versies(self, *, concepten: bool) -> dict[int, int]:
        """Per year, the version /programma/<jaar>/ shows: the newest proposed one, or (for
        whoever may see concepts) the concept of a year that has none."""
        per_jaar: dict[int, int] = {}
        for vid, _ in sorted(self.versies.items(), key=lambda kv: kv[1]["nummer"]):
            jaar = self.jaar(vid)
            if self.bevroren(vid):
                per_jaar[jaar] = vid
        if concepten:
            for vid in self.versies:
                if not self.bevroren(vid):
                    per_jaar.setdefault(self.jaar(vid), vid)
        return per_jaar

    def home_versie(self, vandaag: datetime.date) -> int | None:
        gepubliceerd = self.huidige_versies(concepten=False)
        if not gepubliceerd:
            return None
        return gepubliceerd.get(vandaag.year, gepubliceerd[max(gepubliceerd)])

    # --- the expected figures per surface ---------------------------------------------

    def programma(self, versie_id: int) -> Cijfers:
        """/programma/<jaar>/, /v<n>/ and the home page."""
        pos = self.pos_van(versie_id)
        budget = sum(po["budget"] for po in pos)
        k: Cijfers = {
            ("kerncijfers", "totaal", "opgaven"): len(pos),
            ("kerncijfers", "totaal", "budget"): budget,
            ("kerncijfers", "totaal", "fte"): _som_fte(po["capaciteit_fte"] for po in pos),
            ("kerncijfers", "totaal", "cofinanciering"): sum(self.cofinanciering(p) for p in pos),
        }
        per_thema: dict[str, int] = defaultdict(int)
        for po in pos:
            tabel = f"thema:{self.thema_slug(po)}"
            k[(tabel, f"opgave:{self.slug(po)}", "fte")] = po["capaciteit_fte"]
            k[(tabel, f"opgave:{self.slug(po)}", "budget")] = po["budget"]
            per_thema[tabel] += po["budget"]
        for tabel, som in per_thema.items():
            k[(tabel, "totaal", "budget")] = som
        if pos:
            k[("programma", "totaal", "budget")] = budget
        deelnemers = self.deelnemers_van(versie_id)
        if pos and deelnemers:
            bedragen = self.bijdragen_van(versie_id)
            for d in deelnemers:
                rij = f"gemeente:{self.gemeenten[d['gemeente_id']]['slug']}"
                totaal = sum(bedragen.get((po["pk"], d["gemeente_id"]), 0) for po in pos)
                k[("bijdragen", rij, "inwoners")] = d["inwoners"]
                k[("bijdragen", rij, "bijdrage")] = totaal
                k[("bijdragen", rij, "aandeel")] = (
                    Fraction(100 * totaal, budget) if budget else None
                )
            # The bijdragen add up to the budget: the total row must say so.
            k[("bijdragen", "totaal", "bijdrage")] = budget
            k[("bijdragen", "totaal", "aandeel")] = Fraction(100) if budget else None
        return k

    def begroting(self, versie_id: int) -> Cijfers:
        pos = self.pos_van(versie_id)
        budget = sum(po["budget"] for po in pos)
        fte = _som_fte(po["capaciteit_fte"] for po in pos)
        cof = sum(self.cofinanciering(po) for po in pos)
        k: Cijfers = {}
        for tabel in ("kerncijfers", "opgaven", "themas"):
            k[(tabel, "totaal", "budget")] = budget
            k[(tabel, "totaal", "fte")] = fte
            k[(tabel, "totaal", "cofinanciering")] = cof
        k[("themas", "totaal", "opgaven")] = len(pos)
        themas: dict[str, list] = defaultdict(list)
        for po in pos:
            rij = f"opgave:{self.slug(po)}"
            k[("opgaven", rij, "fte")] = po["capaciteit_fte"]
            k[("opgaven", rij, "cofinanciering")] = self.cofinanciering(po)
            k[("opgaven", rij, "budget")] = po["budget"]
            themas[f"thema:{self.thema_slug(po)}"].append(po)
        for rij, groep in themas.items():
            k[("themas", rij, "opgaven")] = len(groep)
            k[("themas", rij, "fte")] = _som_fte(po["capaciteit_fte"] for po in groep)
            k[("themas", rij, "cofinanciering")] = sum(self.cofinanciering(po) for po in groep)
            k[("themas", rij, "budget")] = sum(po["budget"] for po in groep)
        ids = {po["pk"] for po in pos}
        regelingen = [r for r in self.regelingen if r["programma_opgave_id"] in ids]
        for niveau in Niveau.values:
            k[("niveaus", f"niveau:{niveau}", "cofinanciering")] = sum(
                r["verwachte_cofinanciering"] for r in regelingen if r["niveau"] == niveau
            )
        k[("niveaus", "totaal", "cofinanciering")] = sum(
            r["verwachte_cofinanciering"] for r in regelingen
        )
        return k

    def _plaatsen(self, pos: list[dict]) -> dict[int, int]:
        """Competition ranking by synergy count: 1 + the number of opgaven with more."""
        scores = {po["pk"]: self.aantal_synergieen(po) for po in pos}
        return {
            pk: 1 + sum(1 for s in scores.values() if s > score) for pk, score in scores.items()
        }

    def synergie(self, versie_id: int) -> Cijfers:
        pos = self.pos_van(versie_id)
        plaatsen = self._plaatsen(pos)
        k: Cijfers = {}
        for po in pos:
            rij = f"opgave:{self.slug(po)}"
            k[("prioriteit", rij, "plaats")] = plaatsen[po["pk"]]
            k[("prioriteit", rij, "synergieen")] = self.aantal_synergieen(po)
            k[("prioriteit", rij, "rangorde")] = po["rangorde"] or None
        return k

    def overzicht(self, versie_id: int) -> Cijfers:
        """/programma/<jaar>/bewerken/"""
        pos = self.pos_van(versie_id)
        plaatsen = self._plaatsen(pos)
        k: Cijfers = {}
        for po in pos:
            rij = f"opgave:{self.slug(po)}"
            k[("opgaven", rij, "rangorde")] = po["rangorde"] or None
            k[("opgaven", rij, "synergieen")] = self.aantal_synergieen(po)
            k[("opgaven", rij, "plaats")] = plaatsen[po["pk"]]
            k[("opgaven", rij, "fte")] = po["capaciteit_fte"]
            k[("opgaven", rij, "budget")] = po["budget"]
        k[("opgaven", "totaal", "fte")] = _som_fte(po["capaciteit_fte"] for po in pos)
        k[("opgaven", "totaal", "budget")] = sum(po["budget"] for po in pos)
        return k

    def voorstellen(self, versie_id: int) -> Cijfers:
        pos = self.pos_van(versie_id)
        return {
            ("kerncijfers", "totaal", "opgaven"): len(pos),
            ("kerncijfers", "totaal", "budget"): sum(po["budget"] for po in pos),
            ("kerncijfers", "totaal", "gemeenten"): len(self.deelnemers_van(versie_id)),
        }

    def verdeling(self, versie_id: int) -> Cijfers:
        """The verdeelsleutel preview with the saved key."""
        pos = self.pos_van(versie_id)
        bedragen = self.bijdragen_van(versie_id)
        k: Cijfers = {}
        for d in self.deelnemers_van(versie_id):
            rij = f"gemeente:{self.gemeenten[d['gemeente_id']]['slug']}"
            totaal = 0
            for po in pos:
                bedrag = bedragen.get((po["pk"], d["gemeente_id"]), 0)
                k[("verdeling", rij, f"opgave:{self.slug(po)}")] = bedrag
                totaal += bedrag
            k[("verdeling", rij, "inwoners")] = d["inwoners"]
            k[("verdeling", rij, "bijdrage")] = totaal
            k[("staafdiagram", rij, "bijdrage")] = totaal
        # "Totaal = budget": each column adds up to the opgave's budget.
        for po in pos:
            k[("verdeling", "totaal", f"opgave:{self.slug(po)}")] = po["budget"]
        k[("verdeling", "totaal", "bijdrage")] = sum(po["budget"] for po in pos)
        return k

    def opgave_bewerken(self, versie_id: int, slug: str) -> Cijfers:
        """/programma/<jaar>/bewerken/opgaven/<slug>/: the regelingen of the concept opgave."""
        po = next(p for p in self.pos_van(versie_id) if self.slug(p) == slug)
        return {
            ("regelingen", f"regeling:{r['pk']}", "cofinanciering"): r["verwachte_cofinanciering"]
            for r in self.regelingen_van(po)
        }

    def _opgave_per_jaar(self, slug: str, *, concepten: bool) -> dict[int, dict]:
        """The opgave's row in the version each year shows."""
        opgave_id = next(pk for pk, o in self.opgaven.items() if o["slug"] == slug)
        per_jaar = {}
        for j, vid in self.huidige_versies(concepten=concepten).items():
            po = next(
                (p for p in self.pos_van(vid) if p["opgave_id"] == opgave_id),
                None,
            )
            if po is not None:
                per_jaar[j] = po
        return per_jaar

    def opgave_jaar(self, slug: str, *, concepten: bool) -> int:
        """The year /opgaven/<slug>/ shows: the newest published one, else the concept's."""
        per_jaar = self._opgave_per_jaar(slug, concepten=concepten)
        gepubliceerd = [j for j, po in per_jaar.items() if self.bevroren(po["versie_id"])]
        return max(gepubliceerd or per_jaar)

    def opgave(self, slug: str, jaar: int | None, *, concepten: bool) -> Cijfers:
        """/opgaven/<slug>/ (jaar None) and /opgaven/<slug>/<jaar>/."""
        per_jaar = self._opgave_per_jaar(slug, concepten=concepten)
        if jaar is None:
            jaar = self.opgave_jaar(slug, concepten=concepten)
        po = per_jaar[jaar]
        k: Cijfers = {
            ("kerncijfers", "opgave", "budget"): po["budget"],
            ("kerncijfers", "opgave", "fte"): po["capaciteit_fte"],
            ("kerncijfers", "opgave", "cofinanciering"): self.cofinanciering(po),
            ("opdracht", "opgave", "fte"): po["capaciteit_fte"],
        }
        regelingen = self.regelingen_van(po)
        for r in regelingen:
            k[("regelingen", f"regeling:{r['pk']}", "cofinanciering")] = r[
                "verwachte_cofinanciering"
            ]
        if regelingen:
            k[("regelingen", "totaal", "cofinanciering")] = self.cofinanciering(po)
        bedragen = self.bijdragen_van(po["versie_id"])
        deelnemers = self.deelnemers_van(po["versie_id"])
        for d in deelnemers:
            rij = f"gemeente:{self.gemeenten[d['gemeente_id']]['slug']}"
            k[("bijdragen", rij, "bijdrage")] = bedragen.get((po["pk"], d["gemeente_id"]), 0)
        k[("bijdragen", "totaal", "bijdrage")] = po["budget"] if deelnemers else 0
        for j, p in per_jaar.items():
            k[("jaren", f"jaar:{j}", "budget")] = p["budget"]
            k[("jaren", f"jaar:{j}", "fte")] = p["capaciteit_fte"]
        return k

    def _nieuwste_inwoners(self, gemeente_id: int) -> int | None:
        tallen = sorted(
            (t for t in self.inwonertallen if t["gemeente_id"] == gemeente_id),
            key=lambda t: t["peildatum"],
        )
        return tallen[-1]["inwoners"] if tallen else None

    def gemeenten_lijst(self) -> Cijfers:
        """/gemeenten/: the newest inwoners of every gemeente and their total."""
        k: Cijfers = {}
        for pk, g in self.gemeenten.items():
            k[("gemeenten", f"gemeente:{g['slug']}", "inwoners")] = self._nieuwste_inwoners(pk)
        k[("gemeenten", "totaal", "inwoners")] = sum(
            self._nieuwste_inwoners(pk) or 0 for pk in self.gemeenten
        )
        return k

    def gemeente(self, slug: str, *, concepten: bool) -> Cijfers:
        """/gemeenten/<slug>/: the newest inwoners and the bijdrage per year and opgave."""
        gemeente_id = next(pk for pk, g in self.gemeenten.items() if g["slug"] == slug)
        k: Cijfers = {("kerncijfers", "gemeente", "inwoners"): self._nieuwste_inwoners(gemeente_id)}
        for jaar, vid in self.huidige_versies(concepten=concepten).items():
            if not any(d["gemeente_id"] == gemeente_id for d in self.deelnemers_van(vid)):
                continue
            bedragen = self.bijdragen_van(vid)
            totaal = 0
            for po in self.pos_van(vid):
                bedrag = bedragen.get((po["pk"], gemeente_id), 0)
                k[(f"jaar:{jaar}", f"opgave:{self.slug(po)}", "budget")] = po["budget"]
                k[(f"jaar:{jaar}", f"opgave:{self.slug(po)}", "bijdrage")] = bedrag
                totaal += bedrag
            k[(f"jaar:{jaar}", "totaal", "bijdrage")] = totaal
        return k


# --- the decision round (issue 15): the coverage matrix and the public votes ----------------
# Read from their own raw rows, apart from `Rijen`, so that the figures above stay as they are.

TEKEN = {
    "ja": "✓ ja",
    "nee": "✗ nee",
    "open": "● stemming open",
    "gesloten": "◐ wacht op bevestiging",
    "uitgesteld": "= staken, volgende vergadering",
    "opnieuw": "↻ opnieuw besluiten",
    "geen": "· nog niet",
}


@dataclass
class Ronde:
    """The rows of the decision rounds: votes, decisions, outcomes, with the programme's rows."""

    versies: dict
    jaren: dict
    pos: list
    opgaven: dict
    deelnemers: list
    gemeenten: dict
    stemmingen: list
    besluiten: list
    dekkingen: dict
    stemmen: list

    @classmethod
    def lees(cls) -> Ronde:
        from raden.models import Besluit, Dekking, Stem, Stemming

        return cls(
            versies={
                v["pk"]: v
                for v in ProgrammaVersie.objects.values(
                    "pk", "jaarprogramma_id", "nummer", "bevroren_op"
                )
            },
            jaren={j["pk"]: j for j in Jaarprogramma.objects.values("pk", "jaar", "status")},
            pos=list(ProgrammaOpgave.objects.values("pk", "versie_id", "opgave_id", "budget")),
            opgaven={o["pk"]: o for o in Opgave.objects.values("pk", "slug")},
            deelnemers=list(Deelnemer.objects.values("versie_id", "gemeente_id")),
            gemeenten={g["pk"]: g for g in Gemeente.objects.values("pk", "slug")},
            stemmingen=list(
                Stemming.objects.values(
                    "pk",
                    "gemeente_id",
                    "versie_id",
                    "programma_opgave_id",
                    "herstemming_van_id",
                    "geopend_op",
                    "gesloten_op",
                    "bevestigd_op",
                    "vervallen_reden",
                    "uitkomst",
                )
            ),
            besluiten=list(
                Besluit.objects.values("programma_opgave_id", "gemeente_id", "deelname", "bijdrage")
            ),
            dekkingen={
                d["programma_opgave_id"]: d
                for d in Dekking.objects.values("programma_opgave_id", "gedekt", "gedekt_bedrag")
            },
            stemmen=list(Stem.objects.values("stemming_id", "fractie_naam", "keuze")),
        )

    def jaar_van(self, versie_id: int) -> dict:
        return self.jaren[self.versies[versie_id]["jaarprogramma_id"]]

    def huidige_versie(self, jaar: int) -> int | None:
        """The newest frozen version of the year (the one the councils decide on)."""
        kandidaten = [
            v
            for v in self.versies.values()
            if v["bevroren_op"] is not None and self.jaren[v["jaarprogramma_id"]]["jaar"] == jaar
        ]
        return max(kandidaten, key=lambda v: v["nummer"])["pk"] if kandidaten else None

    def standen(self, versie_id: int) -> dict[tuple[int, int], tuple[str, bool | None]]:
        """(po, gemeente) -> (state, the older decision for `opnieuw`), by the rules of
        DOMAIN.md: a decision on this version; else a running vote (open, or closed and waiting
        for confirmation); else a tie in an incomplete meeting not yet voted again; else a
        decision on an older version of the year (decide again); else nothing yet."""
        versie = self.versies[versie_id]
        pos = {p["pk"]: p for p in self.pos}
        hier = [p for p in self.pos if p["versie_id"] == versie_id]
        gemeenten = [d["gemeente_id"] for d in self.deelnemers if d["versie_id"] == versie_id]
        herhaald = {s["herstemming_van_id"] for s in self.stemmingen if s["herstemming_van_id"]}
        uit = {}
        for po in hier:
            for g in gemeenten:
                besluit = [
                    b
                    for b in self.besluiten
                    if b["programma_opgave_id"] == po["pk"] and b["gemeente_id"] == g
                ]
                eigen = [
                    s
                    for s in self.stemmingen
                    if s["programma_opgave_id"] == po["pk"]
                    and s["gemeente_id"] == g
                    and not s["vervallen_reden"]
                ]
                lopend = [s for s in eigen if s["bevestigd_op"] is None]
                gestaakt = [
                    s
                    for s in eigen
                    if s["bevestigd_op"] is not None
                    and s["uitkomst"] == "uitgesteld"
                    and s["pk"] not in herhaald
                ]
                ouder = sorted(
                    (
                        (self.versies[pos[b["programma_opgave_id"]]["versie_id"]]["nummer"], b)
                        for b in self.besluiten
                        if b["gemeente_id"] == g
                        and pos[b["programma_opgave_id"]]["opgave_id"] == po["opgave_id"]
                        and (v := self.versies[pos[b["programma_opgave_id"]]["versie_id"]])[
                            "jaarprogramma_id"
                        ]
                        == versie["jaarprogramma_id"]
                        and v["nummer"] < versie["nummer"]
                    ),
                    key=lambda t: t[0],
                )
                if besluit:
                    stand = ("ja" if besluit[0]["deelname"] else "nee", None)
                elif lopend:
                    stand = ("open" if lopend[-1]["gesloten_op"] is None else "gesloten", None)
                elif gestaakt:
                    stand = ("uitgesteld", None)
                elif ouder:
                    stand = ("opnieuw", ouder[-1][1]["deelname"])
                else:
                    stand = ("geen", None)
                uit[(po["pk"], g)] = stand
        return uit

    def dekking(self, versie_id: int) -> tuple[Cijfers, dict]:
        """/programma/<jaar>/dekking/: (the figures, the text of every cell that is a word)."""
        gesloten = self.jaar_van(versie_id)["status"] != "voorgesteld"
        standen = self.standen(versie_id)
        hier = [p for p in self.pos if p["versie_id"] == versie_id]
        gemeenten = [d["gemeente_id"] for d in self.deelnemers if d["versie_id"] == versie_id]
        toegezegd = dict.fromkeys(gemeenten, 0)
        k: Cijfers = {}
        teksten: dict = {}
        budget = gedekt = open_ = gedekte_opgaven = 0
        for po in hier:
            rij = f"opgave:{self.opgaven[po['opgave_id']]['slug']}"
            gedekt_hier = open_hier = 0
            for g in gemeenten:
                stand, eerder = standen[(po["pk"], g)]
                tekst = TEKEN[stand]
                if stand == "opnieuw":
                    tekst += " (eerder ja)" if eerder else " (eerder nee)"
                teksten[("dekking", rij, f"gemeente:{self.gemeenten[g]['slug']}")] = tekst
                if stand == "ja":
                    (b,) = [
                        b
                        for b in self.besluiten
                        if b["programma_opgave_id"] == po["pk"] and b["gemeente_id"] == g
                    ]
                    gedekt_hier += b["bijdrage"]
                    toegezegd[g] += b["bijdrage"]
                elif stand != "nee":
                    open_hier += 1
            k[("dekking", rij, "budget")] = po["budget"]
            k[("dekking", rij, "gedekt")] = gedekt_hier
            k[("dekking", rij, "procent")] = (
                Fraction(100 * gedekt_hier, po["budget"]) if po["budget"] else Fraction(0)
            )
            if gesloten:
                d = self.dekkingen.get(po["pk"])
                uitkomst = "–" if d is None else ("gedekt" if d["gedekt"] else "niet gedekt")
            elif gedekt_hier >= po["budget"]:
                uitkomst = "gedekt"
            else:
                uitkomst = f"nog {open_hier} besluit{'' if open_hier == 1 else 'en'} open"
            teksten[("dekking", rij, "uitkomst")] = uitkomst
            budget += po["budget"]
            gedekt += gedekt_hier
            open_ += open_hier
            gedekte_opgaven += gedekt_hier >= po["budget"]
        for g in gemeenten:
            k[("dekking", "totaal", f"gemeente:{self.gemeenten[g]['slug']}")] = toegezegd[g]
        procent = Fraction(100 * gedekt, budget) if budget else Fraction(0)
        for tabel in ("dekking", "dekking-kern"):
            k[(tabel, "totaal", "budget")] = budget
            k[(tabel, "totaal", "gedekt")] = gedekt
            k[(tabel, "totaal", "procent")] = procent
        k[("dekking-kern", "totaal", "gedekte_opgaven")] = gedekte_opgaven
        if not gesloten:
            k[("dekking-kern", "totaal", "open_besluiten")] = open_
        return k, teksten

    def _stemtabel(self, stemmingen: list[dict]) -> Cijfers:
        k: Cijfers = {}
        for s in stemmingen:
            tabel = f"stemming:{s['pk']}"
            rijen = [r for r in self.stemmen if r["stemming_id"] == s["pk"]]
            for keuze in ("voor", "tegen", "niet_deelgenomen"):
                k[(tabel, "totaal", keuze)] = sum(1 for r in rijen if r["keuze"] == keuze)
                for fractie in {r["fractie_naam"] for r in rijen}:
                    k[(tabel, f"fractie:{fractie}", keuze)] = sum(
                        1 for r in rijen if r["fractie_naam"] == fractie and r["keuze"] == keuze
                    )
        return k

    def stemmen_gemeente(self, slug: str) -> Cijfers:
        """/gemeenten/<slug>/: every confirmed vote of its raad (also on a superseded
        version), counted per fractie from the Stem rows."""
        g = next(pk for pk, x in self.gemeenten.items() if x["slug"] == slug)
        return self._stemtabel(
            [s for s in self.stemmingen if s["gemeente_id"] == g and s["bevestigd_op"]]
        )

    def stemmen_opgave(self, slug: str, jaar: int) -> Cijfers:
        """/opgaven/<slug>/<jaar>/: the confirmed votes of every raad on it in that year."""
        pos = {p["pk"]: p for p in self.pos}
        return self._stemtabel(
            [
                s
                for s in self.stemmingen
                if s["bevestigd_op"]
                and self.opgaven[pos[s["programma_opgave_id"]]["opgave_id"]]["slug"] == slug
                and self.jaar_van(s["versie_id"])["jaar"] == jaar
            ]
        )
