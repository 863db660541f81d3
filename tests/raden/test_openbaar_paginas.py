"""What the councils decided, on the public opgave and gemeente pages (issue 18, point 2): each
raad's Besluit beside its bijdrage, the gemeente's Besluit per opgave and year, its
raadsvoorstellen; and where a decision round stands (raden.selectors_openbaar.besluitrondes),
counted by the database in a fixed number of queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programma.models import Deelnemer, ProgrammaVersie
from raden.models import Besluit
from raden.selectors_openbaar import besluitrondes
from tests.programma.test_openbaar_paginas import _Boom, _boom


def _besluit_tekst(deelname: bool | None) -> str:
    if deelname is None:
        return "nog geen besluit"
    return "neemt deel" if deelname else "neemt niet deel"


def test_opgavepagina_toont_het_besluit_van_elke_raad(demo, client):
    versie = ProgrammaVersie.objects.bevroren().get(jaarprogramma__jaar=2026)
    nee = 0
    for slug in ("mobiliteitscorridor", "digitale-connectiviteit", "energietransitie"):
        besluiten = {
            b["gemeente__slug"]: b["deelname"]
            for b in Besluit.objects.filter(
                programma_opgave__versie=versie, programma_opgave__opgave__slug=slug
            ).values("gemeente__slug", "deelname")
        }
        assert len(besluiten) == 18
        boom, _ = _boom(client, f"/opgaven/{slug}/2026/")
        for gemeente, deelname in besluiten.items():
            rij = boom.rijen[f"gemeente:{gemeente}"]
            assert _besluit_tekst(deelname) in rij
            assert ("neemt niet deel" in rij) == (not deelname)
            nee += not deelname
    assert nee  # the demo has raden that said no (the corridor, the connectivity)


def test_gemeentepagina_toont_haar_besluit_per_opgave_en_jaar(demo, client):
    for gemeente in ("nijmegen", "doesburg"):
        boom, html = _boom(client, f"/gemeenten/{gemeente}/")
        for jaar in (2026, 2027):
            versie = (
                ProgrammaVersie.objects.bevroren()
                .filter(jaarprogramma__jaar=jaar)
                .order_by("-nummer")
                .first()
            )
            besluiten = {}
            for b in (
                Besluit.objects.filter(
                    gemeente__slug=gemeente, programma_opgave__versie__jaarprogramma__jaar=jaar
                )
                .order_by("programma_opgave__versie__nummer")
                .values("programma_opgave__opgave__slug", "deelname")
            ):
                besluiten[b["programma_opgave__opgave__slug"]] = b["deelname"]
            tabel = html.split(f'data-tabel="jaar:{jaar}"', 1)[1].split("</table>", 1)[0]
            sub = _Boom()
            sub.feed(tabel)
            for slug in versie.opgaven.values_list("opgave__slug", flat=True):
                assert _besluit_tekst(besluiten.get(slug)) in sub.rijen[f"opgave:{slug}"]


def test_gemeentepagina_linkt_elk_raadsvoorstel(demo, client):
    _, html = _boom(client, "/gemeenten/arnhem/")
    versies = ProgrammaVersie.objects.bevroren().filter(deelnemers__gemeente__slug="arnhem")
    assert versies.count() >= 3  # 2026 v1, 2027 v1 and its correction v2
    for v in versies.select_related("jaarprogramma"):
        url = reverse(
            "raadsvoorstel-pdf-versie",
            kwargs={"jaar": v.jaar, "nummer": v.nummer, "gemeente": "arnhem"},
        )
        assert f'href="{url}"' in html
    assert "/programma/2028/" not in html.split('id="raadsvoorstellen-kop"', 1)[1]


def test_besluitrondes_tellen_wat_de_rijen_zeggen_in_twee_queries(demo):
    versies = list(
        ProgrammaVersie.objects.bevroren().select_related("jaarprogramma").order_by("pk")
    )
    with CaptureQueriesContext(connection) as een:
        besluitrondes(versies[:1])
    with CaptureQueriesContext(connection) as alle:
        rondes = besluitrondes(versies)
    assert len(een) == len(alle) == 2
    assert besluitrondes([]) == []
    for ronde in rondes:
        v = ronde.versie
        pos = list(v.opgaven.values_list("pk", flat=True))
        assert ronde.opgaven == len(pos)
        assert ronde.raden == Deelnemer.objects.filter(versie=v).count()
        per_raad: dict[int, int] = {}
        for g in Besluit.objects.filter(programma_opgave__in=pos).values_list(
            "gemeente_id", flat=True
        ):
            per_raad[g] = per_raad.get(g, 0) + 1
        assert ronde.besloten == sum(1 for n in per_raad.values() if n == len(pos))
        assert ronde.deels == sum(1 for n in per_raad.values() if n < len(pos))
        for po_id, stand in ronde.per_opgave.items():
            rijen = list(Besluit.objects.filter(programma_opgave_id=po_id).values())
            assert stand.ja == sum(1 for b in rijen if b["deelname"])
            assert stand.nee == sum(1 for b in rijen if not b["deelname"])
            assert stand.toegezegd == sum(b["bijdrage"] for b in rijen if b["deelname"])
    assert any(r.besloten == 18 for r in rondes)  # 2026: every raad decided
