"""Proposing costs a fixed number of queries, whatever the number of opgaven and gemeenten
(issue 14, point 7): every row of the version is written in bulk, with one freeze check per
batch and its history."""

import datetime

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from programma import services
from programma.models import Bijdrage, ProgrammaOpgave, StuurgroepLid
from regio.models import Lidmaatschap
from tests.factories import (
    BestuurderFactory,
    GemeenteFactory,
    OpgaveFactory,
    PartnerFactory,
    opgave_inhoud,
)

pytestmark = pytest.mark.django_db


def _programma(jaar: int, *, opgaven: int, gemeenten: int, bestuur):
    """A concept of `jaar` with these many opgaven (each with a partner and a bestuurder in
    its stuurgroep, and a synergy with the previous one), shared by these many gemeenten."""
    begin = datetime.date(jaar - 1, 1, 1)
    regio = [
        GemeenteFactory(
            inwoners=10_000 + 1_000 * i,
            inwoners__peildatum=begin,
            lid_sinds=begin,
        )
        for i in range(gemeenten)
    ]
    # Only these share in this year, whatever else the database holds.
    Lidmaatschap.objects.exclude(gemeente__in=regio).update(einde=begin)
    versie = services.maak_jaarprogramma(jaar=jaar, titel=f"Programma {jaar}", acting_user=bestuur)
    partner = PartnerFactory()
    vorige = None
    for i in range(opgaven):
        po = services.neem_opgave_op(
            versie=versie,
            opgave=OpgaveFactory(),
            acting_user=bestuur,
            portefeuillehouder=BestuurderFactory(gemeente=regio[i % gemeenten]),
            partners=[partner],
            bestuurders=[BestuurderFactory(gemeente=regio[0])],
            **opgave_inhoud(budget=1_000_000 + i),
        )
        if vorige is not None:
            services.voeg_synergie_toe(
                van=vorige, naar=po, toelichting="Samen sterker.", acting_user=bestuur
            )
        vorige = po
    return versie


def _voorstel_queries(versie, bestuur) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.stel_programma_voor(versie=versie, acting_user=bestuur)
    return len(queries)


def test_voorstellen_kost_evenveel_queries_bij_elke_omvang(bestuur, django_assert_num_queries):
    klein = _programma(2060, opgaven=2, gemeenten=3, bestuur=bestuur)
    vast = _voorstel_queries(klein, bestuur)

    groot = _programma(2062, opgaven=12, gemeenten=20, bestuur=bestuur)
    with django_assert_num_queries(vast):
        services.stel_programma_voor(versie=groot, acting_user=bestuur)

    # and it did all the work: every bijdrage, every name, with history
    assert Bijdrage.objects.filter(programma_opgave__versie=groot).count() == 12 * 20
    for po in ProgrammaOpgave.objects.filter(versie=groot):
        assert po.bijdragen.aggregate(s=Sum("bedrag"))["s"] == po.budget
        assert po.portefeuillehouder_naam == po.portefeuillehouder.naam
        assert po.history.first().portefeuillehouder_naam == po.portefeuillehouder.naam
    assert groot.deelnemers.count() == 20
    assert not StuurgroepLid.objects.filter(programma_opgave__versie=groot, naam="").exists()
    assert Bijdrage.history.filter(programma_opgave__versie=groot).count() == 12 * 20
