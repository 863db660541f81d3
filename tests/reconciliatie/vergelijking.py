"""The comparison of two versions as a reconciliation surface: the figures its page and its CSV
should show, recomputed from the raw rows (`Rijen`, tests/reconciliatie/verwacht.py), and the CSV
read back into the page's keys (tabel, rij, kolom), so that both are checked by `klopt`.

What "changed" means for an opgave is recomputed here too, from the raw columns and related rows,
without the product's field list."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

from programma.models import ExterneRegeling, ProgrammaOpgave, StuurgroepLid, Synergie
from regio.models import Bestuurder, Gemeente, Partner
from tests.reconciliatie.oppervlak import Oppervlak, Sleutel
from tests.reconciliatie.verwacht import Cijfers, Rijen

KOLOMMEN = ("oud", "nieuw", "verschil", "procent")


def _procent(oud, nieuw) -> Fraction | None:
    if not oud:
        return None
    return Fraction(nieuw - oud) * 100 / Fraction(oud)


def _vier(oud, nieuw) -> dict[str, object]:
    return dict(zip(KOLOMMEN, (oud, nieuw, nieuw - oud, _procent(oud, nieuw)), strict=True))


def _zet(k: Cijfers, tabel: str, rij: str, oud, nieuw) -> None:
    for kolom, waarde in _vier(oud, nieuw).items():
        k[(tabel, rij, kolom)] = waarde


def inhoud(rijen: Rijen, versie_id: int) -> dict[int, tuple]:
    """Per opgave id, everything of its content in a version that a reader sees, from the raw
    rows: the columns, the names as proposed (frozen) or as they are now (concept), and the
    stuurgroep, regelingen and synergieën as sets."""
    bevroren = rijen.bevroren(versie_id)
    namen_b = {b["pk"]: b["naam"] for b in Bestuurder.objects.values("pk", "naam")}
    namen_p = {p["pk"]: p["naam"] for p in Partner.objects.values("pk", "naam")}
    pos = list(
        ProgrammaOpgave.objects.filter(versie_id=versie_id).values(
            "pk",
            "opgave_id",
            "opgave_titel",
            "thema_naam",
            "doel",
            "resultaat",
            "mandaat",
            "sturing",
            "budget",
            "capaciteit_fte",
            "capaciteit_toelichting",
            "rangorde",
            "portefeuillehouder_id",
            "portefeuillehouder_naam",
            "opgave__thema__naam",
        )
    )
    per_pk = {po["pk"]: po["opgave_id"] for po in pos}
    leden: dict[int, set] = {pk: set() for pk in per_pk}
    for lid in StuurgroepLid.objects.filter(programma_opgave_id__in=per_pk).values(
        "programma_opgave_id", "partner_id", "bestuurder_id", "naam"
    ):
        naam = (
            lid["naam"]
            if bevroren and lid["naam"]
            else namen_p.get(lid["partner_id"]) or namen_b.get(lid["bestuurder_id"])
        )
        leden[lid["programma_opgave_id"]].add(naam)
    regelingen: dict[int, set] = {pk: set() for pk in per_pk}
    for r in ExterneRegeling.objects.filter(programma_opgave_id__in=per_pk).values(
        "programma_opgave_id", "naam", "niveau", "verwachte_cofinanciering", "toelichting"
    ):
        regelingen[r.pop("programma_opgave_id")].add(tuple(r.values()))
    synergieen: dict[int, set] = {pk: set() for pk in per_pk}
    for s in Synergie.objects.filter(van_id__in=per_pk).values("van_id", "naar_id", "toelichting"):
        synergieen[s["van_id"]].add((per_pk[s["naar_id"]], s["toelichting"]))
        synergieen[s["naar_id"]].add((per_pk[s["van_id"]], s["toelichting"]))
    uitkomst = {}
    for po in pos:
        titel = (
            po["opgave_titel"]
            if bevroren and po["opgave_titel"]
            else rijen.opgaven[po["opgave_id"]]["titel"]
        )
        thema = po["thema_naam"] if bevroren and po["thema_naam"] else po["opgave__thema__naam"]
        houder = (
            po["portefeuillehouder_naam"]
            if bevroren and po["portefeuillehouder_naam"]
            else namen_b.get(po["portefeuillehouder_id"], "")
        )
        uitkomst[po["opgave_id"]] = (
            titel,
            thema,
            po["doel"],
            po["resultaat"],
            po["mandaat"],
            po["sturing"],
            po["budget"],
            po["capaciteit_fte"],
            po["capaciteit_toelichting"],
            po["rangorde"],
            houder,
            frozenset(leden[po["pk"]]),
            frozenset(regelingen[po["pk"]]),
            frozenset(synergieen[po["pk"]]),
        )
    return uitkomst


def _per_opgave(rijen: Rijen, versie_id: int) -> dict[tuple[int, int], int]:
    opgave_van = {po["pk"]: po["opgave_id"] for po in rijen.pos_van(versie_id)}
    return {(opgave_van[po], g): b for (po, g), b in rijen.bijdragen_van(versie_id).items()}


def verwacht(rijen: Rijen, oud: int, nieuw: int) -> Cijfers:
    """Every figure of /programma/<jaar>/vergelijk/<van>/<naar>/ (and of the years' page)."""
    pos_o = {po["opgave_id"]: po for po in rijen.pos_van(oud)}
    pos_n = {po["opgave_id"]: po for po in rijen.pos_van(nieuw)}
    inhoud_o, inhoud_n = inhoud(rijen, oud), inhoud(rijen, nieuw)
    b_o, b_n = _per_opgave(rijen, oud), _per_opgave(rijen, nieuw)
    gemeenten = {d["gemeente_id"] for d in rijen.deelnemers_van(oud)} | {
        d["gemeente_id"] for d in rijen.deelnemers_van(nieuw)
    }
    k: Cijfers = {}
    beide = set(pos_o) & set(pos_n)
    gewijzigd = {i for i in beide if inhoud_o[i] != inhoud_n[i]}
    for kolom, aantal in (
        ("toegevoegd", len(set(pos_n) - set(pos_o))),
        ("verwijderd", len(set(pos_o) - set(pos_n))),
        ("gewijzigd", len(gewijzigd)),
        ("ongewijzigd", len(beide - gewijzigd)),
    ):
        k[("samenvatting", "opgaven", kolom)] = aantal
    _zet(k, "totalen", "opgaven", len(pos_o), len(pos_n))
    _zet(
        k,
        "totalen",
        "budget",
        sum(p["budget"] for p in pos_o.values()),
        sum(p["budget"] for p in pos_n.values()),
    )
    _zet(
        k,
        "totalen",
        "fte",
        sum((p["capaciteit_fte"] for p in pos_o.values()), Decimal(0)),
        sum((p["capaciteit_fte"] for p in pos_n.values()), Decimal(0)),
    )
    for i in set(pos_o) | set(pos_n):
        slug = rijen.opgaven[i]["slug"]
        o, n = pos_o.get(i), pos_n.get(i)
        budget = (o["budget"] if o else 0, n["budget"] if n else 0)
        fte = (o["capaciteit_fte"] if o else Decimal(0), n["capaciteit_fte"] if n else Decimal(0))
        _zet(k, "opgaven-budget", f"opgave:{slug}", *budget)
        _zet(k, "opgaven-fte", f"opgave:{slug}", *fte)
        bijdragen = {g: (b_o.get((i, g), 0), b_n.get((i, g), 0)) for g in gemeenten}
        bijdragen_anders = any(a != b for a, b in bijdragen.values())
        if bijdragen_anders:
            for g, (a, b) in bijdragen.items():
                _zet(k, f"bijdragen:{slug}", f"gemeente:{rijen.gemeenten[g]['slug']}", a, b)
        if i in gewijzigd or o is None or n is None or bijdragen_anders:
            # its own section names budget and FTE where they differ
            for rij, (a, b) in (("budget", budget), ("fte", fte)):
                if a != b:
                    k[(f"opgave:{slug}", rij, "oud")] = a
                    k[(f"opgave:{slug}", rij, "nieuw")] = b
    totaal_o = totaal_n = 0
    for g in gemeenten:
        a = sum(b for (_, gid), b in b_o.items() if gid == g)
        b = sum(b for (_, gid), b in b_n.items() if gid == g)
        totaal_o, totaal_n = totaal_o + a, totaal_n + b
        _zet(k, "gemeenten", f"gemeente:{rijen.gemeenten[g]['slug']}", a, b)
    _zet(k, "gemeenten", "totaal", totaal_o, totaal_n)
    return k


def alleen_csv(k: Cijfers) -> Cijfers:
    """The expected figures the CSV has: all but the page's counts and its sections' phrases."""
    return {s: w for s, w in k.items() if s[0] != "samenvatting" and not s[0].startswith("opgave:")}


def namen(rijen: Rijen, *versie_ids: int) -> tuple[dict[str, str], dict[str, str]]:
    """{title as shown: opgave slug} and {name as shown: gemeente slug} of these versions."""
    titels = {}
    for po in ProgrammaOpgave.objects.filter(versie_id__in=versie_ids).values(
        "opgave_id", "opgave_titel"
    ):
        titels[po["opgave_titel"] or rijen.opgaven[po["opgave_id"]]["titel"]] = rijen.opgaven[
            po["opgave_id"]
        ]["slug"]
        titels[rijen.opgaven[po["opgave_id"]]["titel"]] = rijen.opgaven[po["opgave_id"]]["slug"]
    gemeenten = {g["naam"]: g["slug"] for g in Gemeente.objects.values("naam", "slug")}
    return titels, gemeenten


def _getoond(waarde: str, fte: bool, procent: bool) -> str:
    """A CSV value written as a page shows it, for `lees`."""
    if waarde == "":
        return ""
    if procent:
        return f"{waarde} %"
    if fte:
        return f"{waarde} fte"
    n = int(waarde)
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


class CsvVergelijking(Oppervlak):
    """The comparison CSV (UTF-8 with BOM, ';'), its figure rows keyed like the page's cells;
    its text rows (changed fields) kept apart in `velden` as (soort, opgave slug, veld)."""

    def __init__(self, inhoud: bytes, titels: dict, gemeenten: dict, naam: str = "csv") -> None:
        self.naam = naam
        tekst = inhoud.decode("utf-8")
        assert tekst.startswith("\ufeff"), "de CSV begint met een BOM"
        lezer = csv.reader(io.StringIO(tekst[1:]), delimiter=";")
        self.koppen = next(lezer)
        self.rijen = list(lezer)
        self._cellen: dict[Sleutel, str] = {}
        self._dubbel: list[Sleutel] = []
        self.velden: list[tuple[str, str, str]] = []
        for soort, opgave, gemeente, veld, *waarden in self.rijen:
            sleutel = self._sleutel(soort, opgave, gemeente, veld, titels, gemeenten)
            if sleutel is None:
                self.velden.append((soort, titels.get(opgave, ""), veld))
                continue
            fte = veld == "Capaciteit (fte)"
            for kolom, waarde in zip(KOLOMMEN, waarden, strict=True):
                s = (*sleutel, kolom)
                if s in self._cellen:
                    self._dubbel.append(s)
                self._cellen[s] = _getoond(waarde, fte, kolom == "procent")

    @staticmethod
    def _sleutel(soort, opgave, gemeente, veld, titels, gemeenten) -> tuple[str, str] | None:
        if soort == "totaal":
            if veld == "Bijdragen":
                return ("gemeenten", "totaal")
            return ("totalen", {"Aantal opgaven": "opgaven", "Budget": "budget"}.get(veld, "fte"))
        if soort.startswith("opgave ") and veld in ("Budget", "Capaciteit (fte)"):
            tabel = "opgaven-budget" if veld == "Budget" else "opgaven-fte"
            return (tabel, f"opgave:{titels[opgave]}")
        if soort == "bijdrage opgave":
            return (f"bijdragen:{titels[opgave]}", f"gemeente:{gemeenten[gemeente]}")
        if soort == "bijdrage gemeente":
            return ("gemeenten", f"gemeente:{gemeenten[gemeente]}")
        return None

    def cellen(self) -> dict[Sleutel, str]:
        return dict(self._cellen)

    def dubbel(self) -> list[Sleutel]:
        return list(self._dubbel)
