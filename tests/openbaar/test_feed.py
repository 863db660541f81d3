"""The Atom feed at /feed.atom: valid Atom (parsed with xml.etree), an entry per proposed
version (a correction with its reason), per council meeting with confirmed votes and per closed
decision round, newest first, with stable ids and the real moments; never a concept, never a
vote that is not confirmed; a fixed number of queries."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openbaar.feed import LIMIET
from programma.models import ProgrammaVersie
from raden.models import Dekking, Stemming
from regio.models import Gemeente
from tests.raden.test_dekking import besluit, huidige_versie, zonder_besluiten

ATOM = "{http://www.w3.org/2005/Atom}"
BASIS = settings.PORTAAL_URL.rstrip("/")
HOST = urlsplit(BASIS).hostname
MAX_QUERIES = 7  # 6 measured: versions and their totals, the meetings and their votes, rounds


def _lees(client, **extra):
    response = client.get("/feed.atom", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(root) -> list[dict]:
    uit = []
    for e in root.findall(f"{ATOM}entry"):
        uit.append(
            {
                "id": e.findtext(f"{ATOM}id"),
                "titel": e.findtext(f"{ATOM}title"),
                "samenvatting": e.findtext(f"{ATOM}summary"),
                "link": e.find(f"{ATOM}link").get("href"),
                "updated": datetime.datetime.fromisoformat(e.findtext(f"{ATOM}updated")),
                "published": datetime.datetime.fromisoformat(e.findtext(f"{ATOM}published")),
                "auteur": e.findtext(f"{ATOM}author/{ATOM}name"),
                "soort": e.find(f"{ATOM}category").get("term"),
            }
        )
    return uit


def _dag(moment) -> str:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return moment.isoformat()


def _verwachte_publicaties() -> dict[str, dict]:
    uit = {}
    for v in ProgrammaVersie.objects.filter(bevroren_op__isnull=False).values(
        "jaarprogramma__jaar", "nummer", "bevroren_op", "reden"
    ):
        jaar, nummer = v["jaarprogramma__jaar"], v["nummer"]
        uit[f"tag:{HOST},{_dag(v['bevroren_op'])}:programma/{jaar}/v{nummer}"] = {
            "updated": v["bevroren_op"],
            "published": v["bevroren_op"],
            "link": f"{BASIS}/programma/{jaar}/v{nummer}/",
            "reden": v["reden"] if nummer > 1 else "",
        }
    return uit


def _verwachte_besluiten() -> dict[str, dict]:
    """Per gemeente, version and meeting date, the confirmed votes (raw rows)."""
    groepen: dict[tuple, list[dict]] = defaultdict(list)
    for s in Stemming.objects.filter(
        bevestigd_op__isnull=False, versie__bevroren_op__isnull=False
    ).values(
        "gemeente__slug",
        "versie__jaarprogramma__jaar",
        "versie__nummer",
        "vergaderdatum",
        "bevestigd_op",
    ):
        sleutel = (
            s["gemeente__slug"],
            s["versie__jaarprogramma__jaar"],
            s["versie__nummer"],
            s["vergaderdatum"],
        )
        groepen[sleutel].append(s)
    return {
        f"tag:{HOST},{_dag(datum)}:besluiten/{slug}/{jaar}/v{nummer}/{datum.isoformat()}": {
            "updated": max(s["bevestigd_op"] for s in lijst),
            "published": min(s["bevestigd_op"] for s in lijst),
            "link": f"{BASIS}/gemeenten/{slug}/",
            "aantal": len(lijst),
        }
        for (slug, jaar, nummer, datum), lijst in groepen.items()
    }


def _verwachte_rondes() -> dict[str, dict]:
    per_versie: dict[tuple, list] = defaultdict(list)
    for d in Dekking.objects.values(
        "programma_opgave__versie__jaarprogramma__jaar",
        "programma_opgave__versie__nummer",
        "vastgesteld_op",
        "gedekt",
    ):
        per_versie[
            (
                d["programma_opgave__versie__jaarprogramma__jaar"],
                d["programma_opgave__versie__nummer"],
            )
        ].append(d)
    uit = {}
    for (jaar, nummer), lijst in per_versie.items():
        op = max(d["vastgesteld_op"] for d in lijst)
        uit[f"tag:{HOST},{_dag(op)}:besluitronde/{jaar}/v{nummer}"] = {
            "updated": op,
            "published": op,
            "link": f"{BASIS}/programma/{jaar}/dekking/",
            "gedekt": sum(1 for d in lijst if d["gedekt"]),
            "aantal": len(lijst),
        }
    return uit


def test_de_feed_is_atom_met_elke_publicatie_en_elk_besluit(demo, client):
    root = _lees(client)
    assert root.findtext(f"{ATOM}id") == f"{BASIS}/feed.atom"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASIS}/feed.atom"
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    entries = _entries(root)
    publicaties = _verwachte_publicaties()
    besluiten = _verwachte_besluiten()
    rondes = _verwachte_rondes()
    verwacht = publicaties | besluiten | rondes
    assert len(verwacht) <= LIMIET  # the demo fits: every entry is in the feed
    assert len(publicaties) == 3 and len(rondes) == 1 and len(besluiten) >= 20
    per_id = {e["id"]: e for e in entries}
    assert len(per_id) == len(entries), "ids are unique"
    assert set(per_id) == set(verwacht)
    for id_, w in verwacht.items():
        e = per_id[id_]
        assert e["updated"] == w["updated"], id_
        assert e["published"] == w["published"], id_
        assert e["link"] == w["link"], id_
    for id_, w in publicaties.items():
        assert per_id[id_]["soort"] == "publicatie"
        if w["reden"]:
            assert per_id[id_]["titel"].startswith("Correctie")
            assert " ".join(w["reden"].split()) in " ".join(per_id[id_]["samenvatting"].split())
    for id_, w in besluiten.items():
        assert per_id[id_]["soort"] == "besluiten"
        assert per_id[id_]["samenvatting"].count("<li>") == w["aantal"]
    for id_, w in rondes.items():
        assert f"{w['gedekt']} van de {w['aantal']} opgaven" in per_id[id_]["samenvatting"]
    # newest first, and the feed's own moment is that of its newest entry
    momenten = [e["updated"] for e in entries]
    assert momenten == sorted(momenten, reverse=True)
    assert datetime.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == momenten[0]


def test_de_feed_noemt_geen_concept_en_geen_lopende_stemming(demo, client, login):
    login("regiobestuur")  # who may see the concept elsewhere: not here
    tekst = client.get("/feed.atom").content.decode()
    assert "grensoverschrijdende" not in tekst.lower()
    assert "programma/2028" not in tekst and "2028/v" not in tekst
    # Arnhem has a window open on every opgave of 2027 v2, none confirmed
    assert Stemming.objects.filter(
        gemeente__slug="arnhem", versie__jaarprogramma__jaar=2027, bevestigd_op__isnull=True
    ).exists()
    assert "besluiten/arnhem/2027" not in tekst


def test_een_nieuw_besluit_komt_bovenaan_en_de_ids_blijven(demo, client):
    ervoor = {e["id"]: e for e in _entries(_lees(client))}
    versie = huidige_versie()
    po = zonder_besluiten(versie, "nijmegen")[0]
    stemming = besluit("nijmegen", po, ja=False)
    entries = _entries(_lees(client))
    nieuw = entries[0]
    assert nieuw["id"] == (
        f"tag:{HOST},{stemming.vergaderdatum.isoformat()}:besluiten/nijmegen/2027/v2/"
        f"{stemming.vergaderdatum.isoformat()}"
    )
    assert nieuw["updated"] == stemming.bevestigd_op
    assert nieuw["auteur"] == "Gemeenteraad Nijmegen"
    assert "neemt niet deel" in nieuw["samenvatting"]
    # every other entry is still there, unchanged
    for e in entries[1:]:
        assert ervoor[e["id"]] == e


def test_queries_groeien_niet_met_de_besluiten(demo, client, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as ervoor:
        _lees(client)
    versie = huidige_versie()
    for slug in ("nijmegen", "wijchen", "renkum"):
        for po in zonder_besluiten(versie, slug)[:2]:
            besluit(slug, po)
    with django_assert_max_num_queries(MAX_QUERIES):
        root = _lees(client)
    with CaptureQueriesContext(connection) as erna:
        _lees(client)
    assert len(erna) == len(ervoor)
    assert len(root.findall(f"{ATOM}entry")) > 0


def test_de_feed_telt_hoogstens_limiet_vermeldingen(demo, client, settings):
    from openbaar import feed

    assert len(_entries(_lees(client))) <= LIMIET
    vermeldingen = feed.vermeldingen(limiet=5)
    assert len(vermeldingen) == 5
    alle = feed.vermeldingen()
    assert [v.id for v in vermeldingen] == [v.id for v in alle[:5]]


def test_html_in_een_naam_blijft_tekst(demo, client):
    """The summaries are HTML: a name with markup in it is escaped, never markup."""
    Gemeente.objects.filter(slug="arnhem").update(naam="<script>Arnhem</script>")
    entries = _entries(_lees(client))
    arnhem = [e for e in entries if ":besluiten/arnhem/" in e["id"]]
    assert arnhem
    for e in arnhem:
        assert "&lt;script&gt;Arnhem&lt;/script&gt;" in e["samenvatting"]
        assert "<script>" not in e["samenvatting"]
