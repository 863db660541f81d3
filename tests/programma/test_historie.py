"""History: every domain model keeps it, and it names who made the change."""

import pytest
from django.apps import apps

from programma import services
from programma.models import Bijdrage, Jaarprogramma, ProgrammaOpgave, ProgrammaVersie, Synergie
from regio.models import Thema

pytestmark = pytest.mark.django_db

DOMEIN_APPS = ("regio", "opgaven", "programma", "raden")
#: models without a history of their own, with the reason in tests/historie/volledig.py
ZONDER_HISTORIE = {"OpenbareWijziging"}  # an append-only log of when the public view changed


def test_elk_domeinmodel_heeft_historie():
    zonder = [
        m.__name__
        for app in DOMEIN_APPS
        for m in apps.get_app_config(app).get_models()
        if not m.__name__.startswith("Historical")
        and not hasattr(m, "history")
        and m.__name__ not in ZONDER_HISTORIE
    ]
    assert zonder == []


def test_services_leggen_de_handelende_gebruiker_vast(concept, bestuur):
    assert ProgrammaVersie.history.filter(id=concept.pk).first().history_user == bestuur
    po = concept.opgaven.first()
    assert ProgrammaOpgave.history.filter(id=po.pk).first().history_user == bestuur
    assert Synergie.history.filter(van__versie=concept).first().history_user == bestuur

    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    laatste = ProgrammaVersie.history.filter(id=concept.pk).first()
    assert laatste.history_user == bestuur
    assert laatste.bevroren_op is not None
    assert laatste.history_change_reason == "Voorgesteld aan de raden"
    assert {h.history_user for h in Bijdrage.history.filter(programma_opgave_id=po.pk)} == {bestuur}
    programma = Jaarprogramma.history.filter(id=concept.jaarprogramma_id)
    assert [h.status for h in programma] == ["voorgesteld", "concept"]
    assert {h.history_user for h in programma} == {bestuur}


def test_wijziging_via_het_web_legt_de_gebruiker_vast(client, rollen):
    from portaal.rollen import Rol
    from tests.factories import ThemaFactory, UserFactory

    beheer = UserFactory(username="test-beheer", is_staff=True)
    beheer.groups.add(rollen[Rol.FUNCTIONEEL_BEHEER])
    thema = ThemaFactory(naam="Testthema historie", slug="testthema-historie")
    client.force_login(beheer)
    response = client.post(
        f"/admin/regio/thema/{thema.pk}/change/",
        {
            "naam": "Testthema historie",
            "slug": "testthema-historie",
            "omschrijving": "Nieuw",
            "volgorde": 3,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    thema.refresh_from_db()
    assert thema.omschrijving == "Nieuw"
    laatste = Thema.history.filter(id=thema.pk).first()
    assert laatste.history_user == beheer
    assert laatste.history_type == "~"
