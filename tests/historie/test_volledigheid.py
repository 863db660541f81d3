"""History is complete (issue 17, point 5): every write path of the product leaves history rows,
each naming the user who acted (and the reason where the path takes one).

The walk: tests/historie/volledig.py is the witness (`schrijft_historie`: which history rows a
path added, each with a user); the forms and htmx actions as their real users are in
test_volledigheid_formulieren.py, the admin as functioneel beheer in test_volledigheid_admin.py,
the services without a request (bulk operations included) in test_volledigheid_diensten.py.
Here: the management commands (the demo loader on the session's demo region), and the meta
tests that make a new command or a new model without history fail until it is walked or
exempted with a reason (and show that the check bites)."""

from __future__ import annotations

import datetime
import logging
import pathlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone
from simple_history.models import HistoricalRecords

from portaal.rollen import ROLLEN_REDEN
from raden.models import Vraag
from regio.triggers import historie_modellen
from tests.historie.paden import (
    _user,
)
from tests.historie.volledig import (
    FRAMEWORK_APPS,
    PROJECT_APPS,
    rijen_sinds,
    schrijft_historie,
    zonder_gebruiker,
    zonder_historie,
)

# --- management commands ----------------------------------------------------------------------

#: Commands that write nothing that stays, or write no domain history by design.
COMMANDO_UITZONDERINGEN = {
    "bench": "meet binnen transacties die worden teruggedraaid; de demo blijft zoals hij was",
    "maak_database": "maakt een lege database aan (CREATE DATABASE) voor make bench: geen rijen",
    "flush": "leegt de hele database (ook de historie): voor de testrunner en een nieuwe start",
    "migrate": "installeert de rollen (portaal.rollen) als systeem, met reden maar zonder "
    "persoon: er is dan nog geen gebruiker; zie test_demo_historie_heeft_overal_een_gebruiker",
}
COMMANDOS_GELOPEN = {"demo", "purge_historie"}


def test_elk_commando_wordt_gelopen():
    eigen = set()
    for app in PROJECT_APPS:
        map_ = pathlib.Path(apps.get_app_config(app).path) / "management" / "commands"
        eigen |= {p.stem for p in map_.glob("*.py") if p.stem != "__init__"}
    ontbreekt = sorted(eigen - COMMANDOS_GELOPEN - set(COMMANDO_UITZONDERINGEN))
    assert not ontbreekt, f"commando's zonder historiewandeling: {ontbreekt}"


def test_demo_historie_heeft_overal_een_gebruiker(demo):
    """`manage.py demo` (loaded once for the session on a migrated database): no history row of
    the whole database lacks a user, except the roles migrate installs, recorded with their
    reason (a system step before any person exists)."""
    alles = rijen_sinds(dict.fromkeys(historie_modellen(), 0))
    per_model: dict[str, int] = {}
    for rij in zonder_gebruiker(alles):
        if rij.model in ("regio.HistoricalGroup", "regio.HistoricalGroup_permissions") and (
            rij.reden == ROLLEN_REDEN
        ):
            continue
        per_model[rij.model] = per_model.get(rij.model, 0) + 1
    assert not per_model, f"historie zonder gebruiker per model: {per_model}"
    # every model the demo writes has history at all
    leeg = sorted(
        m._meta.label
        for m in historie_modellen()
        if not m._base_manager.exists()
        and m._meta.label
        not in (
            "regio.HistoricalGemeenteGroupObjectPermission",  # rights go to users, not groups
            "regio.HistoricalUser_user_permissions",  # no direct permissions (superuser only)
            "programma.HistoricalDocument",  # documents are stored when first asked for
        )
    )
    assert not leeg, f"de demo schrijft niets in: {leeg}"


def test_demo_schrijft_geen_generieke_objectrechten(demo):
    from guardian.models import GroupObjectPermission, UserObjectPermission

    assert not UserObjectPermission.objects.exists()
    assert not GroupObjectPermission.objects.exists()


def test_django_commandos_voor_accounts_noemen_het_account(demo, monkeypatch):
    """Django's createsuperuser and changepassword run without a request: the account's holder
    at the keyboard is recorded (regio.rechten.RechtenHistorie)."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Een-Sterk-Wachtwoord-2026")
    with schrijft_historie() as v:
        call_command("createsuperuser", interactive=False, username="root", email="r@x.nl")
    root = _user("root")
    assert {r.user_id for r in v.rijen} == {root.pk}
    monkeypatch.setattr("getpass.getpass", lambda *a, **k: "Nog-Een-Sterk-Wachtwoord-2026")
    with schrijft_historie(door=_user("beheer")):
        call_command("changepassword", "beheer")


def test_purge_historie_logt_wat_het_wist(demo, caplog):
    """purge_historie deletes history (the one way past the triggers): it must log that, with
    the reason; it records no history of its own."""
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    voor = Vraag.history.count()
    assert voor
    with caplog.at_level(logging.WARNING, logger="regioportaal.historie"):
        call_command(
            "purge_historie", voor=morgen, reden="bewaartermijn verstreken", model=["raden.Vraag"]
        )
    assert Vraag.history.count() == 0
    melding = [r.getMessage() for r in caplog.records if r.name == "regioportaal.historie"]
    assert melding and f"{voor} rijen" in melding[0] and "bewaartermijn verstreken" in melding[0]


# --- every model has history, or a reason why not ---------------------------------------------


def test_elk_model_heeft_historie_of_een_reden():
    modellen = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS + FRAMEWORK_APPS]
    assert not zonder_historie(modellen), (
        "modellen zonder historie (registreer HistoricalRecords of zet ze met een reden in "
        "tests/historie/volledig.py UITZONDERINGEN)"
    )


@isolate_apps("raden")
def test_een_nieuw_model_zonder_historie_wordt_gemeld():
    class Motie(models.Model):
        titel = models.CharField(max_length=100)

        class Meta:
            app_label = "raden"

        def __str__(self) -> str:
            return self.titel

    assert zonder_historie([Motie]) == ["raden.Motie"]


def test_de_getuige_bijt(demo):
    """The witness fails a path that writes history without a user, or writes none at all."""
    from regio.models import Thema

    assert getattr(HistoricalRecords.context, "request", None) is None
    thema = Thema.objects.first()
    with pytest.raises(AssertionError, match="zonder gebruiker"), schrijft_historie():
        thema.omschrijving += " Aangevuld."
        thema.save()  # no acting user, no request
    with pytest.raises(AssertionError, match="geen enkele historierij"), schrijft_historie():
        pass
