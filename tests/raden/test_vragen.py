"""Technische vragen through their URLs: a sitting raadslid of a member gemeente asks, the
programmabureau (and the regiobestuur) answer once; an answered question changes by no path."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from raden import services
from raden.models import Raadslid, Vraag
from raden.views.mijn import ronde_versie
from regio.exceptions import DomeinFout

pytestmark = pytest.mark.django_db

User = get_user_model()

STELLEN = "/opgaven/energietransitie/2027/vragen/nieuw/"
MAX_QUERIES = 15


def _user(naam: str):
    return User.objects.get(username=naam)


def _vraag(naam: str = "raadslid-arnhem", tekst: str = "Hoeveel MW zon op dak?") -> Vraag:
    po = ronde_versie().opgaven.get(opgave__slug="energietransitie")
    return services.stel_vraag(programma_opgave=po, tekst=tekst, acting_user=_user(naam))


# --- asking ----------------------------------------------------------------------------


def test_raadslid_stelt_een_vraag(client, demo, login, django_assert_max_num_queries):
    al = set(Vraag.objects.values_list("pk", flat=True))  # the demo's questions
    login("raadslid-arnhem")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(STELLEN)
    assert response.status_code == 200
    assert "Technische vraag over Energietransitie" in response.content.decode()
    response = client.post(STELLEN, {"vraag": "  Hoeveel MW zon op dak in 2027?  "}, follow=True)
    assert response.redirect_chain == [("/mijn/", 302)]
    assert "Uw vraag over Energietransitie" in response.content.decode()
    vraag = Vraag.objects.exclude(pk__in=al).get()
    assert vraag.vraag == "Hoeveel MW zon op dak in 2027?"
    assert vraag.raadslid == Raadslid.objects.get(user__username="raadslid-arnhem")
    assert vraag.programma_opgave.versie == ronde_versie()
    assert not vraag.is_beantwoord
    # the griffier of Arnhem sees it among the open questions of the raad
    login("griffier-arnhem")
    assert "Hoeveel MW zon op dak in 2027?" in client.get("/mijn/").content.decode()


@pytest.mark.parametrize(
    "data,melding",
    [
        ({"vraag": "   "}, "Schrijf uw vraag."),
        ({"vraag": "x" * 4001}, "hoogstens 4000 tekens"),
    ],
)
def test_fout_op_hetzelfde_formulier_met_invoer(client, demo, login, data, melding):
    voor = Vraag.objects.count()  # the demo's questions
    login("raadslid-arnhem")
    response = client.post(STELLEN, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    if data["vraag"].strip():
        assert data["vraag"] in html  # the input is kept
    assert Vraag.objects.count() == voor


def test_domeinfout_op_hetzelfde_formulier(client, demo, login, monkeypatch):
    def weiger(**kwargs):
        raise DomeinFout("Deze versie is vervangen; stel uw vraag over de nieuwe versie.")

    monkeypatch.setattr(services, "stel_vraag", weiger)
    login("raadslid-arnhem")
    response = client.post(STELLEN, {"vraag": "Mijn vraag blijft staan."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze versie is vervangen" in html
    assert "Mijn vraag blijft staan." in html


@pytest.mark.parametrize("naam", ["griffier-arnhem", "programmabureau", "regiobestuur"])
def test_alleen_raadsleden_vragen(client, demo, login, naam):
    voor = Vraag.objects.count()  # the demo's questions
    login(naam)
    assert client.get(STELLEN).status_code == 403
    assert client.post(STELLEN, {"vraag": "Mag dit?"}).status_code == 403
    assert Vraag.objects.count() == voor
    assert not Vraag.objects.filter(vraag="Mag dit?").exists()


def test_raadslid_zonder_zetel_meer_mag_niet(client, demo, login):
    raadslid = Raadslid.objects.get(user__username="raadslid-arnhem")
    services.beeindig_raadslidmaatschap(raadslid=raadslid, acting_user=_user("griffier-arnhem"))
    login("raadslid-arnhem")
    assert client.get(STELLEN).status_code == 403


def test_anoniem_naar_inloggen(client, demo):
    response = client.get(STELLEN)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/opgaven/bestaat-niet/2027/vragen/nieuw/",
        "/opgaven/energietransitie/1999/vragen/nieuw/",
        # a concept year: nothing to ask about, and secret
        "/opgaven/energietransitie/2028/vragen/nieuw/",
        "/opgaven/grensoverschrijdende-samenwerking/2028/vragen/nieuw/",
        # a decided year: the round is over
        "/opgaven/energietransitie/2026/vragen/nieuw/",
    ],
)
def test_onbekend_of_geen_ronde_is_404(client, demo, login, url):
    login("raadslid-arnhem")
    assert client.get(url).status_code == 404
    assert client.post(url, {"vraag": "?"}).status_code == 404


# --- answering -------------------------------------------------------------------------


def test_programmabureau_ziet_open_vragen(client, demo, login):
    open_ = Vraag.objects.filter(beantwoord_op__isnull=True).count()  # the demo's open ones
    vraag = _vraag()
    login("programmabureau")
    response = client.get("/vragen/")
    html = response.content.decode()
    assert f"{open_ + 1} open vragen" in html
    assert "Hoeveel MW zon op dak?" in html
    assert f'action="/vragen/{vraag.pk}/beantwoorden/"' in html
    assert "Arnhem" in html and vraag.raadslid.naam in html


def test_querytelling_vragen_groeit_niet(client, demo, login):
    login("programmabureau")

    def tel() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/vragen/").status_code == 200
        return len(ctx.captured_queries)

    _vraag()
    een = tel()
    beantwoord = _vraag("raadslid-nijmegen", "Een tweede vraag.")
    _vraag("raadslid-rheden", "Een derde vraag.")
    services.beantwoord_vraag(
        vraag=beantwoord, antwoord="Zo.", acting_user=_user("programmabureau")
    )
    drie = tel()
    print(f"\n/vragen/: {een} queries voor 1 vraag, {drie} voor 3")
    assert drie == een <= MAX_QUERIES


@pytest.mark.parametrize("naam", ["programmabureau", "regiobestuur"])
def test_beantwoorden_eenmaal(client, demo, login, naam, mailoutbox):
    vraag = _vraag()
    login(naam)
    url = f"/vragen/{vraag.pk}/beantwoorden/"
    response = client.post(url, {"antwoord": "Ongeveer 40 MW."}, follow=True)
    assert response.redirect_chain == [("/vragen/", 302)]
    html = response.content.decode()
    assert "is gepubliceerd" in html
    vraag.refresh_from_db()
    assert vraag.antwoord == "Ongeveer 40 MW." and vraag.is_beantwoord
    assert vraag.beantwoord_door == _user(naam)
    # listed read-only below: no answer form for it any more
    assert "Ongeveer 40 MW." in html
    assert f'action="{url}"' not in html
    # a second answer is refused with a message, the first stays
    response = client.post(url, {"antwoord": "Toch 50 MW."}, follow=True)
    assert "al beantwoord" in response.content.decode()
    vraag.refresh_from_db()
    assert vraag.antwoord == "Ongeveer 40 MW."


def test_leeg_antwoord_op_dezelfde_pagina(client, demo, login):
    vraag = _vraag()
    login("programmabureau")
    response = client.post(f"/vragen/{vraag.pk}/beantwoorden/", {"antwoord": "  "})
    assert response.status_code == 200
    assert "Schrijf het antwoord." in response.content.decode()
    vraag.refresh_from_db()
    assert not vraag.is_beantwoord


def test_onbekende_vraag_404(client, demo, login):
    login("programmabureau")
    assert client.post("/vragen/999999/beantwoorden/", {"antwoord": "x"}).status_code == 404


@pytest.mark.parametrize("naam", ["raadslid-arnhem", "griffier-arnhem", "portefeuillehouder"])
def test_alleen_het_programmabureau_antwoordt(client, demo, login, naam):
    vraag = _vraag()
    login(naam)
    assert client.get("/vragen/").status_code == 403
    assert client.post(f"/vragen/{vraag.pk}/beantwoorden/", {"antwoord": "x"}).status_code == 403
    vraag.refresh_from_db()
    assert not vraag.is_beantwoord


def test_beantwoorden_alleen_met_post(client, demo, login):
    vraag = _vraag()
    login("programmabureau")
    assert client.get(f"/vragen/{vraag.pk}/beantwoorden/").status_code == 405


# --- an answered question is final, by every path -----------------------------------------


def test_beantwoorde_vraag_verandert_niet(demo):
    vraag = _vraag()
    services.beantwoord_vraag(
        vraag=vraag, antwoord="Zo is het.", acting_user=_user("programmabureau")
    )
    vraag.refresh_from_db()
    vraag.antwoord = "Anders."
    with pytest.raises(DomeinFout), transaction.atomic():
        vraag.save()
    with pytest.raises(DomeinFout), transaction.atomic():
        Vraag.objects.filter(pk=vraag.pk).update(antwoord="Anders.")
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE raden_vraag SET antwoord = %s WHERE id = %s", ["Anders.", vraag.pk])
    vraag.refresh_from_db()
    assert vraag.antwoord == "Zo is het."


def test_open_vraag_mag_nog_via_sql_worden_beantwoord(demo):
    """The trigger refuses changes to answered rows only: the open row is not frozen."""
    vraag = _vraag()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE raden_vraag SET vraag = %s WHERE id = %s", ["Bijgesteld.", vraag.pk])
    vraag.refresh_from_db()
    assert vraag.vraag == "Bijgesteld."


def test_een_eerder_gestelde_vraag_houdt_haar_moment(demo):
    """`op` records a question asked (or answered) earlier: never in the future, never before
    the proposal or the question; the history says that moment too."""
    import datetime

    from django.utils import timezone

    from programma.models import ProgrammaOpgave

    User = get_user_model()
    po = (
        ProgrammaOpgave.objects.filter(
            opgave__slug="energietransitie", versie__jaarprogramma__jaar=2027
        )
        .order_by("-versie__nummer")
        .select_related("versie")
        .first()
    )
    raadslid = User.objects.get(username="raadslid-arnhem")
    bureau = User.objects.get(username="programmabureau")
    nu = timezone.now()
    for te_vroeg_of_laat in (
        nu + datetime.timedelta(hours=1),
        po.versie.bevroren_op - datetime.timedelta(days=1),
    ):
        with pytest.raises(DomeinFout):
            services.stel_vraag(
                programma_opgave=po, tekst="Wanneer?", acting_user=raadslid, op=te_vroeg_of_laat
            )
    gesteld = po.versie.bevroren_op + datetime.timedelta(days=2)
    vraag = services.stel_vraag(
        programma_opgave=po, tekst="Wanneer?", acting_user=raadslid, op=gesteld
    )
    assert vraag.gesteld_op == gesteld
    with pytest.raises(DomeinFout):
        services.beantwoord_vraag(
            vraag=vraag, antwoord="Nu.", acting_user=bureau, op=gesteld - datetime.timedelta(1)
        )
    vraag = services.beantwoord_vraag(
        vraag=vraag, antwoord="Nu.", acting_user=bureau, op=gesteld + datetime.timedelta(days=1)
    )
    assert vraag.beantwoord_op == gesteld + datetime.timedelta(days=1)
