"""`manage.py demo`: the real demo region from portaal/demo/data, idempotent, written with a user
in every history row, refused in production without --force."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from opgaven.models import Opgave
from portaal.demo import inhoud
from portaal.rollen import ROLLEN_REDEN
from programma.models import (
    Bijdrage,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    Status,
    Synergie,
)
from raden.models import Raadslid
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
    assert Inwonertal.objects.count() == len(inhoud.GEMEENTEN) == 18
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
    namen += [f"griffier-{g['slug']}" for g in inhoud.GEMEENTEN]
    namen += [f"raadslid-{g['slug']}" for g in inhoud.GEMEENTEN]
    for naam in namen:
        response = client.post("/accounts/login/", {"username": naam, "password": "demo"})
        assert response.status_code == 302 and response["Location"] == "/mijn/", naam
    assert User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="berg-en-dal")
    )
    assert not User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="arnhem")
    )
    # a raadslid's right is their seat (raden.permissions), in their own council only
    raadslid = User.objects.get(username="raadslid-arnhem")
    assert raadslid.has_perm("raden.raadslid_van", Gemeente.objects.get(slug="arnhem"))
    assert not raadslid.has_perm("raden.raadslid_van", Gemeente.objects.get(slug="nijmegen"))
    houder = Bestuurder.objects.get(user__username="portefeuillehouder")
    assert houder.naam == "Marieke van der Linden"
    assert ProgrammaOpgave.objects.filter(portefeuillehouder=houder).exists()
    assert User.objects.get(username="beheer").is_staff


def test_demo_weigert_zonder_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo")


def test_bestuurders_uit_alle_achttien_gemeenten(demo):
    assert Gemeente.objects.filter(bestuurders__isnull=False).distinct().count() == 18


def _historische_modellen():
    # The rows of a many-to-many history (a user's groups) hang off their user's history row,
    # which names who did it.
    return [
        m
        for m in apps.get_models()
        if hasattr(m, "instance_type") and any(f.name == "history_user" for f in m._meta.fields)
    ]


def test_elke_historieregel_van_de_demo_noemt_wie(demo):
    """Every write of the demo goes through a service or the history helper with a demo user."""
    modellen = _historische_modellen()
    assert len(modellen) >= 15
    # The role groups are written by `migrate`, where no person acts; their reason says so.
    zonder_gebruiker = {
        m: m.objects.filter(history_user__isnull=True).exclude(history_change_reason=ROLLEN_REDEN)
        for m in modellen
    }
    zonder = {m.__name__: qs.count() for m, qs in zonder_gebruiker.items() if qs.exists()}
    assert zonder == {}
    # ... and the user whose role it is.
    assert {h.history_user.username for h in Gemeente.history.all()} == {"beheer"}
    # the programmabureau drafts; the regiobestuur's proposal stores the names it showed
    assert {h.history_user.username for h in ProgrammaOpgave.history.all()} == {
        "programmabureau",
        "regiobestuur",
    }
    assert {h.history_user.username for h in Bijdrage.history.all()} == {"regiobestuur"}
    for h in Raadslid.history.select_related("gemeente", "history_user"):
        assert h.history_user.username == f"griffier-{h.gemeente.slug}"


def test_opnieuw_laden_schrijft_geen_historie(demo):
    """Loading again finds everything in place and so records no change anywhere."""
    modellen = [m for m in _historische_modellen() if m.instance_type is not User]
    voor = {m.__name__: m.objects.count() for m in modellen}
    call_command("demo", "--force")
    assert {m.__name__: m.objects.count() for m in modellen} == voor


def test_de_inhoud_komt_uit_de_databestanden(demo):
    """What the pages show is what the TOML files say, texts unwrapped to their paragraphs."""
    visie = inhoud.VISIE[2027]
    versie = Jaarprogramma.objects.get(jaar=2027).versies.get()
    assert versie.titel == visie["titel"]
    assert versie.visie_fundament == visie["fundament"]
    assert versie.visie_fundament.count("\n\n") == 2 and "\n\n\n" not in versie.visie_fundament
    for o in inhoud.OPGAVEN:
        for jaar, dit_jaar in o["jaren"].items():
            po = ProgrammaOpgave.objects.get(
                versie__jaarprogramma__jaar=jaar, opgave__slug=o["slug"]
            )
            assert (po.budget, po.capaciteit_fte, po.resultaat, po.doel) == (
                dit_jaar["budget"],
                Decimal(dit_jaar["fte"]),
                dit_jaar["resultaat"],
                o["doel"],
            )
            assert "\n" not in po.doel and "  " not in po.doel
            assert sorted(po.externe_regelingen.values_list("naam", flat=True)) == sorted(
                r["naam"] for r in o["externe_regelingen"]
            )


def test_dezelfde_demoregio_als_voor_de_databestanden(demo):
    """The figures of the demo as the Python literals had them (opgaven, budget, co-funding per
    year, accounts): moving the content into data files changed none of them."""
    per_jaar = {
        jaar: (
            ProgrammaOpgave.objects.filter(versie__jaarprogramma__jaar=jaar).count(),
            ProgrammaOpgave.objects.filter(versie__jaarprogramma__jaar=jaar).aggregate(
                s=Sum("budget")
            )["s"],
            ExterneRegeling.objects.filter(
                programma_opgave__versie__jaarprogramma__jaar=jaar
            ).aggregate(s=Sum("verwachte_cofinanciering"))["s"],
        )
        for jaar in (2026, 2027, 2028)
    }
    assert per_jaar == {
        2026: (12, 13_905_000, 12_250_000),
        2027: (14, 16_792_500, 13_350_000),
        2028: (14, 17_800_000, 13_400_000),
    }
    assert User.objects.filter(email__endswith="@demo.regioportaal.nl").count() == 40
    assert Synergie.objects.count() == 56
