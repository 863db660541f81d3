"""The figures of the home, programme and thema pages that issue 18 added, recomputed from the
raw rows (`Rijen`, `Ronde` of verwacht.py): where each decision round stands, each opgave's
Besluiten, the totals per thema, and the thema page with what each gemeente pays for it."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from tests.reconciliatie.verwacht import Cijfers, Rijen, Ronde, _som_fte


def _ronde(ronde: Ronde, versie_id: int) -> Cijfers:
    """ronde:<jaar>: raden that decided on every opgave of the version, on a part, the opgaven,
    and once the round is closed the opgaven covered."""
    jaar = ronde.jaar_van(versie_id)
    tabel = f"ronde:{jaar['jaar']}"
    pos = [p["pk"] for p in ronde.pos if p["versie_id"] == versie_id]
    raden = [d["gemeente_id"] for d in ronde.deelnemers if d["versie_id"] == versie_id]
    per_raad: dict[int, int] = defaultdict(int)
    for b in ronde.besluiten:
        if b["programma_opgave_id"] in pos:
            per_raad[b["gemeente_id"]] += 1
    k: Cijfers = {
        (tabel, "raden", "raden"): len(raden),
        (tabel, "raden", "besloten"): sum(1 for n in per_raad.values() if n == len(pos)),
        (tabel, "opgaven", "opgaven"): len(pos),
    }
    deels = sum(1 for n in per_raad.values() if 0 < n < len(pos))
    if deels:
        k[(tabel, "raden", "deels")] = deels
    if jaar["status"] != "voorgesteld":
        k[(tabel, "opgaven", "gedekt")] = sum(
            1 for p in pos if ronde.dekkingen.get(p, {}).get("gedekt")
        )
    return k


def _standen(rijen: Rijen, ronde: Ronde, versie_id: int, tabel=None) -> Cijfers:
    """Per opgave of the version: the raden that decided to take part, and not to."""
    k: Cijfers = {}
    if not rijen.bevroren(versie_id):
        return k
    gesloten = ronde.jaar_van(versie_id)["status"] != "voorgesteld"
    for po in rijen.pos_van(versie_id):
        besluiten = [b for b in ronde.besluiten if b["programma_opgave_id"] == po["pk"]]
        ja = sum(1 for b in besluiten if b["deelname"])
        nee = len(besluiten) - ja
        if gesloten and po["pk"] in ronde.dekkingen and not besluiten:
            continue
        t = tabel or f"thema:{rijen.thema_slug(po)}"
        k[(t, f"opgave:{rijen.slug(po)}", "ja")] = ja
        k[(t, f"opgave:{rijen.slug(po)}", "nee")] = nee
    return k


def programma_pagina(rijen: Rijen, ronde: Ronde, versie_id: int, *, home: bool = False) -> Cijfers:
    """/, /programma/<jaar>/ and /v<n>/: the figures of verwacht.Rijen.programma, plus the FTE
    of each thema, each opgave's Besluiten and the decision rounds shown (the page's version;
    the home page adds every other year whose round runs)."""
    k = rijen.programma(versie_id)
    per_thema: dict[str, list] = defaultdict(list)
    for po in rijen.pos_van(versie_id):
        per_thema[f"thema:{rijen.thema_slug(po)}"].append(po["capaciteit_fte"])
    for tabel, waarden in per_thema.items():
        k[(tabel, "totaal", "fte")] = _som_fte(waarden)
    if not rijen.bevroren(versie_id):
        return k
    k |= _standen(rijen, ronde, versie_id)
    k |= _ronde(ronde, versie_id)
    if home:
        for vid in rijen.huidige_versies(concepten=False).values():
            if vid != versie_id and ronde.jaar_van(vid)["status"] == "voorgesteld":
                k |= _ronde(ronde, vid)
    return k


def thema_pagina(rijen: Rijen, ronde: Ronde, versie_id: int, slug: str) -> Cijfers:
    """/themas/<slug>/ and /programma/<jaar>/themas/<slug>/."""
    tabel = f"thema:{slug}"
    pos = [po for po in rijen.pos_van(versie_id) if rijen.thema_slug(po) == slug]
    k: Cijfers = {}
    if pos:
        budget = sum(po["budget"] for po in pos)
        k[(tabel, "totaal", "opgaven")] = len(pos)
        k[(tabel, "totaal", "budget")] = budget
        k[(tabel, "totaal", "fte")] = _som_fte(po["capaciteit_fte"] for po in pos)
        k[(tabel, "totaal", "cofinanciering")] = sum(rijen.cofinanciering(po) for po in pos)
        for po in pos:
            k[(tabel, f"opgave:{rijen.slug(po)}", "budget")] = po["budget"]
            k[(tabel, f"opgave:{rijen.slug(po)}", "fte")] = po["capaciteit_fte"]
        k |= {s: w for s, w in _standen(rijen, ronde, versie_id).items() if s[0] == tabel}
        deelnemers = rijen.deelnemers_van(versie_id)
        if deelnemers:
            bedragen = rijen.bijdragen_van(versie_id)
            totaal = 0
            for d in deelnemers:
                rij = f"gemeente:{rijen.gemeenten[d['gemeente_id']]['slug']}"
                bedrag = sum(bedragen.get((po["pk"], d["gemeente_id"]), 0) for po in pos)
                totaal += bedrag
                k[("thema-bijdragen", rij, "inwoners")] = d["inwoners"]
                k[("thema-bijdragen", rij, "bijdrage")] = bedrag
                k[("thema-bijdragen", rij, "aandeel")] = Fraction(100 * bedrag, budget)
            k[("thema-bijdragen", "totaal", "bijdrage")] = totaal
            k[("thema-bijdragen", "totaal", "aandeel")] = Fraction(100 * totaal, budget)
            assert totaal == budget  # the bijdragen of each opgave add up to its budget
    return k
