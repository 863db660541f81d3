"""`manage.py demo`: the real demo region, idempotent, refused in production without --force."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from opgaven.models import Opgave
from programma.models import Bijdrage, Jaarprogramma, ProgrammaOpgave, Status, Synergie
from raden.demo import inhoud
from raden.demo.regio import GEMEENTEN
from regio.models import Bestuurder, Gemeente, Inwonertal, Thema

User = get_user_model()


def _aantallen():
    return {
        m.__name__: m.objects.count()
        for m in (
            Gemeente,
            Inwonertal,
            Thema,
            Opgave,
            Bestuurder,
            User,
            Jaarprogramma,
            ProgrammaOpgave,
            Bijdrage,
            Synergie,
        )
    }


def test_demo_is_idempotent(demo):
    voor = _aantallen()
    call_command("demo", "--force")  # the test runner runs with DEBUG off
    assert _aantallen() == voor


def test_de_regio_zelf(demo):
    assert Gemeente.objects.count() == 18
    assert Gemeente.objects.get(cbs_code="GM0202").naam == "Arnhem"
    assert Gemeente.objects.get(cbs_code="GM0268").naam == "Nijmegen"
    assert Gemeente.objects.get(naam="Mook en Middelaar").provincie == "limburg"
    assert (
        Gemeente.objects.exclude(naam="Mook en Middelaar").filter(provincie="limburg").count() == 0
    )
    assert set(Inwonertal.objects.values_list("peildatum", flat=True)) == {
        __import__("datetime").date(2024, 1, 1)
    }
    assert Inwonertal.objects.count() == len(GEMEENTEN) == 18
    assert list(Thema.objects.values_list("naam", flat=True)) == [
        "Groeiregio in balans",
        "Productieve regio",
        "Verbonden regio",
        "Vitale regio",
        "Circulaire regio",
    ]


def test_de_programmas_staan_in_de_juiste_status(demo):
    assert dict(Jaarprogramma.objects.values_list("jaar", "status")) == {
        2026: Status.VASTGESTELD,
        2027: Status.VOORGESTELD,
        2028: Status.CONCEPT,
    }
    assert Opgave.objects.count() >= 10
    for po in ProgrammaOpgave.objects.filter(versie__bevroren_op__isnull=False):
        assert po.bijdragen.count() == 18
        assert po.bijdragen.aggregate(s=Sum("bedrag"))["s"] == po.budget
    for po in ProgrammaOpgave.objects.all():
        for veld in ("doel", "resultaat", "mandaat", "sturing", "capaciteit_toelichting"):
            assert getattr(po, veld).strip(), (po, veld)
        assert po.capaciteit_fte > 0 and po.budget > 0
        assert po.stuurgroep.exists()
    assert Synergie.objects.filter(van__versie__jaarprogramma__jaar=2026).count() >= 5


def test_demo_accounts_voor_elke_rol(demo, client):
    namen = ["regiobestuur", "programmabureau", "beheer", "portefeuillehouder"]
    namen += [f"griffier-{g[1]}" for g in GEMEENTEN] + [f"raadslid-{g[1]}" for g in GEMEENTEN]
    for naam in namen:
        response = client.post("/accounts/login/", {"username": naam, "password": "demo"})
        assert response.status_code == 302 and response["Location"] == "/mijn/", naam
    assert User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="berg-en-dal")
    )
    assert not User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="arnhem")
    )
    assert User.objects.get(username="raadslid-arnhem").has_perm(
        "regio.raadslid_van", Gemeente.objects.get(slug="arnhem")
    )
    houder = Bestuurder.objects.get(user__username="portefeuillehouder")
    assert houder.naam == inhoud.BESTUURDERS[0]["naam"]
    assert ProgrammaOpgave.objects.filter(portefeuillehouder=houder).exists()
    assert User.objects.get(username="beheer").is_staff


def test_demo_weigert_zonder_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo")


def test_bestuurders_uit_alle_achttien_gemeenten(demo):
    assert Gemeente.objects.filter(bestuurders__isnull=False).distinct().count() == 18
