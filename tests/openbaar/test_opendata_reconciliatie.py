"""The open-data files match the database, cell by cell: every row and every column of every
table of every proposed version of the demo, as CSV and as JSON, recomputed here in plain
Python from the raw rows (`.values()`, no product selector, no ORM aggregate)."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from openbaar.opendata import schema
from opgaven.models import Opgave
from programma.documenten.models import Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Synergie,
)
from raden.models import Besluit, Dekking, Stem, Stemming
from regio.csvcel import veilig
from regio.models import Gemeente

BASIS = settings.PORTAAL_URL.rstrip("/")
VERSIES = [(2026, 1), (2027, 1), (2027, 2)]


def _versie(jaar: int, nummer: int) -> dict:
    jp = Jaarprogramma.objects.values("pk", "status").get(jaar=jaar)
    return ProgrammaVersie.objects.values().get(jaarprogramma_id=jp["pk"], nummer=nummer) | {
        "status": jp["status"],
        "jaar": jaar,
    }


def _gemeenten() -> dict[int, dict]:
    return {g["pk"]: g for g in Gemeente.objects.values("pk", "slug", "naam", "cbs_code")}


def _verwacht_versie(v: dict) -> dict[tuple, dict]:
    later = list(
        ProgrammaVersie.objects.filter(
            jaarprogramma_id=v["jaarprogramma_id"],
            nummer__gt=v["nummer"],
            bevroren_op__isnull=False,
        )
        .order_by("nummer")
        .values_list("nummer", flat=True)
    )
    pos = list(ProgrammaOpgave.objects.filter(versie_id=v["id"]).values("budget"))
    return {
        (v["jaar"], v["nummer"]): {
            "jaar": v["jaar"],
            "versie": v["nummer"],
            "titel": v["titel"],
            "status": v["status"],
            "geldend": not later,
            "vervangen_door": later[0] if later else None,
            "voorgesteld_op": v["bevroren_op"],
            "reden": v["reden"],
            "verdeelsleutel": v["verdeelsleutel"],
            "basisaandeel": v["basisaandeel"],
            "peildatum_inwoners": v["peildatum_inwoners"],
            "aantal_opgaven": len(pos),
            "budget": sum(p["budget"] for p in pos),
            "aantal_gemeenten": len(Deelnemer.objects.filter(versie_id=v["id"]).values("pk")),
            "vingerafdruk": Vingerafdruk.objects.values_list("sha256", flat=True).get(
                versie_id=v["id"]
            ),
            "visie_fundament": v["visie_fundament"],
            "visie_actualiteit": v["visie_actualiteit"],
            "visie_perspectief": v["visie_perspectief"],
            "url": f"{BASIS}/programma/{v['jaar']}/v{v['nummer']}/",
        }
    }


def _verwacht_opgaven(v: dict) -> dict[tuple, dict]:
    pos = list(ProgrammaOpgave.objects.filter(versie_id=v["id"]).values())
    ids = [p["id"] for p in pos]
    slugs = dict(Opgave.objects.values_list("pk", "slug"))
    cofinanciering: Counter = Counter()
    for r in ExterneRegeling.objects.filter(programma_opgave_id__in=ids).values():
        cofinanciering[r["programma_opgave_id"]] += r["verwachte_cofinanciering"]
    synergieen: Counter = Counter()
    for s in Synergie.objects.filter(van_id__in=ids).values("van_id", "naar_id"):
        synergieen[s["van_id"]] += 1
        synergieen[s["naar_id"]] += 1
    bijdragen = {
        (b["programma_opgave_id"], b["gemeente_id"]): b["bedrag"]
        for b in Bijdrage.objects.filter(programma_opgave_id__in=ids).values()
    }
    ja: Counter = Counter()
    nee: Counter = Counter()
    toegezegd: Counter = Counter()
    for b in Besluit.objects.filter(programma_opgave_id__in=ids).values():
        if b["deelname"]:
            ja[b["programma_opgave_id"]] += 1
            toegezegd[b["programma_opgave_id"]] += bijdragen[
                (b["programma_opgave_id"], b["gemeente_id"])
            ]
        else:
            nee[b["programma_opgave_id"]] += 1
    dekking = {
        d["programma_opgave_id"]: d["gedekt"]
        for d in Dekking.objects.filter(programma_opgave_id__in=ids).values()
    }
    uit = {}
    for p in pos:
        slug = slugs[p["opgave_id"]]
        status = "open"
        if p["id"] in dekking:
            status = "gedekt" if dekking[p["id"]] else "niet_gedekt"
        uit[(slug,)] = {
            "jaar": v["jaar"],
            "versie": v["nummer"],
            "opgave": slug,
            "titel": p["opgave_titel"],
            "thema": p["thema_naam"],
            "rangorde": p["rangorde"],
            "doel": p["doel"],
            "resultaat": p["resultaat"],
            "mandaat": p["mandaat"],
            "sturing": p["sturing"],
            "budget": p["budget"],
            "capaciteit_fte": p["capaciteit_fte"],
            "capaciteit_toelichting": p["capaciteit_toelichting"],
            "portefeuillehouder": p["portefeuillehouder_naam"],
            "portefeuillehouder_functie": p["portefeuillehouder_functie"],
            "portefeuillehouder_gemeente": p["portefeuillehouder_gemeente"],
            "cofinanciering": cofinanciering[p["id"]],
            "aantal_synergieen": synergieen[p["id"]],
            "besluiten_ja": ja[p["id"]],
            "besluiten_nee": nee[p["id"]],
            "toegezegd": toegezegd[p["id"]],
            "status": status,
            "url": f"{BASIS}/opgaven/{slug}/{v['jaar']}/",
        }
    return uit


def _verwacht_bijdragen(v: dict) -> dict[tuple, dict]:
    pos = {
        p["id"]: p
        for p in ProgrammaOpgave.objects.filter(versie_id=v["id"]).values(
            "id", "opgave__slug", "opgave_titel"
        )
    }
    deelnemers = {d["gemeente_id"]: d for d in Deelnemer.objects.filter(versie_id=v["id"]).values()}
    gemeenten = _gemeenten()
    uit = {}
    for b in Bijdrage.objects.filter(programma_opgave_id__in=list(pos)).values():
        po, g, d = pos[b["programma_opgave_id"]], gemeenten[b["gemeente_id"]], None
        d = deelnemers[b["gemeente_id"]]
        uit[(po["opgave__slug"], g["slug"])] = {
            "jaar": v["jaar"],
            "versie": v["nummer"],
            "opgave": po["opgave__slug"],
            "opgave_titel": po["opgave_titel"],
            "gemeente": g["slug"],
            "gemeente_naam": d["gemeente_naam"],
            "cbs_code": g["cbs_code"],
            "inwoners": d["inwoners"],
            "bedrag": b["bedrag"],
        }
    return uit


def _stemmingen(v: dict) -> dict[int, dict]:
    return {
        s["id"]: s
        for s in Stemming.objects.filter(versie_id=v["id"], bevestigd_op__isnull=False).values()
    }


def _opgave_van_po(v: dict) -> dict[int, dict]:
    return {
        p["id"]: p
        for p in ProgrammaOpgave.objects.filter(versie_id=v["id"]).values(
            "id", "opgave__slug", "opgave_titel"
        )
    }


def _verwacht_besluiten(v: dict) -> dict[tuple, dict]:
    stemmingen, pos, gemeenten = _stemmingen(v), _opgave_van_po(v), _gemeenten()
    uit = {}
    for b in Besluit.objects.filter(programma_opgave_id__in=list(pos)).values():
        s, po, g = stemmingen[b["stemming_id"]], pos[b["programma_opgave_id"]], None
        g = gemeenten[b["gemeente_id"]]
        uit[(g["slug"], po["opgave__slug"])] = {
            "jaar": v["jaar"],
            "versie": v["nummer"],
            "gemeente": g["slug"],
            "gemeente_naam": g["naam"],
            "opgave": po["opgave__slug"],
            "opgave_titel": po["opgave_titel"],
            "deelname": b["deelname"],
            "bijdrage": b["bijdrage"],
            "stemming": s["id"],
            "vergaderdatum": s["vergaderdatum"],
            "bevestigd_op": s["bevestigd_op"],
            "uitkomst": s["uitkomst"],
            "zienswijze": b["zienswijze"],
        }
    return uit


def _stemming_kolommen(v: dict, s: dict, pos, gemeenten) -> dict:
    g = gemeenten[s["gemeente_id"]]
    return {
        "jaar": v["jaar"],
        "versie": v["nummer"],
        "stemming": s["id"],
        "gemeente": g["slug"],
        "gemeente_naam": g["naam"],
        "opgave": pos[s["programma_opgave_id"]]["opgave__slug"],
        "vergaderdatum": s["vergaderdatum"],
        "bevestigd_op": s["bevestigd_op"],
    }


def _verwacht_stemmen_raadsleden(v: dict) -> dict[tuple, dict]:
    stemmingen, pos, gemeenten = _stemmingen(v), _opgave_van_po(v), _gemeenten()
    uit = {}
    for stem in Stem.objects.filter(stemming_id__in=list(stemmingen)).values():
        s = stemmingen[stem["stemming_id"]]
        sleutel = (s["id"], stem["fractie_naam"], stem["raadslid_naam"])
        assert sleutel not in uit
        uit[sleutel] = _stemming_kolommen(v, s, pos, gemeenten) | {
            "fractie": stem["fractie_naam"],
            "raadslid": stem["raadslid_naam"],
            "keuze": stem["keuze"],
            "reden": stem["reden"],
        }
    return uit


def _verwacht_stemmen_fracties(v: dict) -> dict[tuple, dict]:
    stemmingen, pos, gemeenten = _stemmingen(v), _opgave_van_po(v), _gemeenten()
    tellingen: dict[tuple, Counter] = defaultdict(Counter)
    for stem in Stem.objects.filter(stemming_id__in=list(stemmingen)).values():
        tellingen[(stem["stemming_id"], stem["fractie_naam"])][stem["keuze"]] += 1
    return {
        (stemming_id, fractie): _stemming_kolommen(v, stemmingen[stemming_id], pos, gemeenten)
        | {
            "uitkomst": stemmingen[stemming_id]["uitkomst"],
            "fractie": fractie,
            "voor": telling["voor"],
            "tegen": telling["tegen"],
            "niet_deelgenomen": telling["niet_deelgenomen"],
        }
        for (stemming_id, fractie), telling in tellingen.items()
    }


VERWACHT = {
    "versie": _verwacht_versie,
    "opgaven": _verwacht_opgaven,
    "bijdragen": _verwacht_bijdragen,
    "besluiten": _verwacht_besluiten,
    "stemmen-per-raadslid": _verwacht_stemmen_raadsleden,
    "stemmen-per-fractie": _verwacht_stemmen_fracties,
}


def verwacht(tabel: str, jaar: int, nummer: int) -> dict[tuple, dict]:
    return VERWACHT[tabel](_versie(jaar, nummer))


def _sleutel(tabel: schema.Tabel, rij: dict) -> tuple:
    namen = {
        "versie": ("jaar", "versie"),
        "opgaven": ("opgave",),
        "bijdragen": ("opgave", "gemeente"),
        "besluiten": ("gemeente", "opgave"),
        "stemmen-per-raadslid": ("stemming", "fractie", "raadslid"),
        "stemmen-per-fractie": ("stemming", "fractie"),
    }[tabel.naam]
    return tuple(rij[n] for n in namen)


# --- the expected value of a cell as each format writes it, written out here ---------------


def als_csv(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f")
    return veilig(waarde) if isinstance(waarde, str) else str(waarde)


def klopt_json(getoond, waarde) -> bool:
    if isinstance(waarde, datetime.datetime):
        return datetime.datetime.fromisoformat(getoond) == waarde
    if isinstance(waarde, datetime.date):
        return getoond == waarde.isoformat()
    if isinstance(waarde, Decimal):
        return isinstance(getoond, int | float) and Decimal(str(getoond)) == waarde
    if isinstance(waarde, bool) or waarde is None:
        return getoond is waarde
    return type(getoond) is type(waarde) and getoond == waarde


def lees_csv(response) -> tuple[list[str], list[dict]]:
    tekst = response.content.decode("utf-8")
    assert not tekst.startswith("\ufeff")
    lezer = csv.reader(io.StringIO(tekst, newline=""))
    kop = next(lezer)
    return kop, [dict(zip(kop, r, strict=True)) for r in lezer]


@pytest.mark.parametrize("jaar,nummer", VERSIES)
@pytest.mark.parametrize("tabel", list(schema.TABELLEN))
def test_csv_klopt_cel_voor_cel(demo, client, tabel, jaar, nummer):
    t = schema.TABELLEN[tabel]
    verwachte = verwacht(tabel, jaar, nummer)
    response = client.get(f"/open-data/{jaar}/v{nummer}/{tabel}.csv")
    assert response.status_code == 200
    kop, rijen = lees_csv(response)
    assert kop == t.kolomnamen
    getoond = {}
    for rij in rijen:
        sleutel = tuple(
            int(w) if n in ("jaar", "versie", "stemming") else w
            for n, w in zip(_namen(t), _sleutel(t, rij), strict=True)
        )
        assert sleutel not in getoond, f"{tabel}: rij {sleutel} staat er twee keer"
        getoond[sleutel] = rij
    assert set(getoond) == set(verwachte)
    fouten = [
        f"{tabel} {sleutel} {k}: {getoond[sleutel][k]!r} != {als_csv(w)!r}"
        for sleutel, rij in verwachte.items()
        for k, w in rij.items()
        if getoond[sleutel][k] != als_csv(w)
    ]
    assert not fouten, "\n".join(fouten[:20])


def _namen(t: schema.Tabel) -> tuple[str, ...]:
    return tuple(_sleutel(t, {k: k for k in t.kolomnamen}))


@pytest.mark.parametrize("jaar,nummer", VERSIES)
@pytest.mark.parametrize("tabel", list(schema.TABELLEN))
def test_json_klopt_cel_voor_cel(demo, client, tabel, jaar, nummer):
    t = schema.TABELLEN[tabel]
    verwachte = verwacht(tabel, jaar, nummer)
    response = client.get(f"/open-data/{jaar}/v{nummer}/{tabel}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content.decode("utf-8"))
    assert document["tabel"] == tabel
    assert document["kolommen"] == t.kolomnamen
    assert (document["jaar"], document["versie"]) == (jaar, nummer)
    getoond = {}
    for rij in document["rijen"]:
        assert list(rij) == t.kolomnamen
        getoond[_sleutel(t, rij)] = rij
    assert len(getoond) == len(document["rijen"])
    assert set(getoond) == set(verwachte)
    fouten = [
        f"{tabel} {sleutel} {k}: {getoond[sleutel][k]!r} != {w!r}"
        for sleutel, rij in verwachte.items()
        for k, w in rij.items()
        if not klopt_json(getoond[sleutel][k], w)
    ]
    assert not fouten, "\n".join(fouten[:20])


def test_het_hele_programma_is_elke_tabel_samen(demo, client):
    document = client.get("/open-data/2027/v2/programma.json").json()
    assert set(document["tabellen"]) == set(schema.TABELLEN)
    for naam in schema.TABELLEN:
        los = client.get(f"/open-data/2027/v2/{naam}.json").json()
        assert document["tabellen"][naam] == los["rijen"]


def test_de_demo_heeft_wat_er_te_vergelijken_valt(demo):
    """The reconciliation above compares something: votes, decisions, a superseded version."""
    assert len(verwacht("stemmen-per-raadslid", 2026, 1)) > 1000
    assert len(verwacht("besluiten", 2027, 1)) > 0  # Rozendaal decided on version 1
    assert verwacht("versie", 2027, 1)[(2027, 1)]["vervangen_door"] == 2
    statussen = {r["status"] for r in verwacht("opgaven", 2026, 1).values()}
    assert statussen == {"gedekt", "niet_gedekt"}
