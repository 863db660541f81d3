"""History is complete (issue 17, point 5): add, change and delete (its page and the list action)
in the admin as functioneel beheer, for every model it may edit, and its object rights."""

from __future__ import annotations

import datetime
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from opgaven.models import Opgave
from regio.models import Bestuurder, Gemeente, Inwonertal, Partner, Thema
from tests.fuzz.formulieren import lees
from tests.historie.paden import (
    BEHEER,
    User,
    _gelukt,
    _user,
)
from tests.historie.volledig import (
    schrijft_historie,
)

# --- the admin, as functioneel beheer -----------------------------------------------------------


def _admin_toevoegen() -> dict[str, dict]:
    gemeente = Gemeente.objects.get(slug="arnhem")
    thema = Thema.objects.first()
    return {
        "regio.gemeente": {
            "naam": "Nieuwegemeente",
            "slug": "nieuwegemeente",
            "cbs_code": "GM9901",
            "provincie": None,
        },
        "regio.thema": {"naam": "Nieuw thema", "slug": "nieuw-thema", "volgorde": "9"},
        "regio.partner": {"naam": "Nieuwe partner", "slug": "nieuwe-partner", "soort": None},
        "regio.bestuurder": {
            "naam": "Nieuwe Bestuurder",
            "functie": None,
            "gemeente": str(gemeente.pk),
            "portefeuille": "Wonen",
        },
        "regio.inwonertal": {
            "gemeente": str(gemeente.pk),
            "peildatum": "2030-01-01",
            "inwoners": "170000",
            "bron": "CBS",
        },
        "opgaven.opgave": {
            "titel": "Nieuwe opgave",
            "slug": "nieuwe-opgave",
            "thema": str(thema.pk),
            "sinds": "2030",
        },
        "auth.user": {
            "username": "nieuwe-gebruiker",
            "password1": "Een-Sterk-Wachtwoord-2026",
            "password2": "Een-Sterk-Wachtwoord-2026",
            "usable_password": "true",
        },
    }


def _te_verwijderen(label: str):
    """A row of this model that may be deleted (made for the test, with its own history)."""
    beheer = _user(BEHEER)
    from regio.history import bewaar

    gemeente = Gemeente.objects.get(slug="arnhem")
    maak = {
        "regio.gemeente": lambda: Gemeente(
            naam="Weggemeente", slug="weggemeente", cbs_code="GM9902", provincie="gelderland"
        ),
        "regio.thema": lambda: Thema(naam="Wegthema", slug="wegthema", volgorde=9),
        "regio.partner": lambda: Partner(naam="Wegpartner", slug="wegpartner", soort="overig"),
        "regio.bestuurder": lambda: Bestuurder(
            naam="Weg Bestuurder",
            functie=Bestuurder._meta.get_field("functie").choices[0][0],
            gemeente=gemeente,
        ),
        "regio.inwonertal": lambda: Inwonertal(
            gemeente=gemeente, peildatum=datetime.date(2031, 1, 1), inwoners=1, bron="CBS"
        ),
        "opgaven.opgave": lambda: Opgave(
            titel="Wegopgave", slug="wegopgave", thema=Thema.objects.first(), sinds=2030
        ),
        "auth.user": lambda: User(username="weg-gebruiker"),
    }
    rij = maak[label]()
    if label == "regio.partner":
        rij.soort = Partner._meta.get_field("soort").choices[0][0]
    return bewaar(rij, acting_user=beheer, valideer=False)


def _admin_modellen(actie: str) -> list[str]:
    beheer = User.objects.filter(username=BEHEER).first()
    if beheer is None:  # collected before the demo region is loaded: every registered model
        return [f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry]
    return [
        f"{m._meta.app_label}.{m._meta.model_name}"
        for m in admin.site._registry
        if beheer.has_perm(f"{m._meta.app_label}.{actie}_{m._meta.model_name}")
    ]


def _admin_formulier(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    formulieren = [
        f for f in lees(response.content.decode()).formulieren if "csrfmiddlewaretoken" in f.velden
    ]
    form = max(formulieren, key=lambda f: len(f.velden))
    return form


ADMIN_MODELLEN = sorted(
    [
        "regio.gemeente",
        "regio.thema",
        "regio.partner",
        "regio.bestuurder",
        "regio.inwonertal",
        "opgaven.opgave",
        "auth.user",
    ]
)


def test_admin_dekt_elk_model_dat_beheer_bewerkt(demo):
    """A model functioneel beheer may add, change or delete in the admin must be walked here."""
    bewerkbaar = set()
    for actie in ("add", "change", "delete"):
        bewerkbaar |= set(_admin_modellen(actie))
    assert bewerkbaar == set(ADMIN_MODELLEN)


def _opties(client, url: str) -> dict[str, str]:
    """The first real option of each select of the admin form (for choices left empty)."""
    html = client.get(url).content.decode()
    opties = {}
    for naam, blok in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        waarden = [w for w in re.findall(r'<option value="([^"]*)"', blok) if w]
        if waarden:
            opties[naam] = waarden[0]
    return opties


@pytest.mark.parametrize("label", ADMIN_MODELLEN)
def test_admin_toevoegen_wijzigen_verwijderen(label, demo, client):
    beheer = _user(BEHEER)
    client.force_login(beheer)
    app, model = label.split(".")
    # add
    url = reverse(f"admin:{app}_{model}_add")
    form = _admin_formulier(client, url)
    data = form.basis()
    opties = _opties(client, url)
    for naam, waarde in _admin_toevoegen()[label].items():
        data[naam] = [waarde if waarde is not None else opties[naam]]
    data["_save"] = ["Opslaan"]
    with schrijft_historie(door=beheer):
        response = client.post(url, data)
        _gelukt(response)
    # change: the form as shown, one field changed
    obj = apps.get_model(label)._default_manager.order_by("-pk").first()
    url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    form = _admin_formulier(client, url)
    data = form.basis()
    tekstveld = next(n for n in ("naam", "titel", "bron", "first_name") if n in form.velden)
    data[tekstveld] = [(data.get(tekstveld) or ["x"])[0] + " gewijzigd"]
    data["_save"] = ["Opslaan"]
    with schrijft_historie(door=beheer):
        _gelukt(client.post(url, data))
    # delete, through its page and through the list's action
    for actie in ("pagina", "actie"):
        rij = _te_verwijderen(label)
        with schrijft_historie(door=beheer) as v:
            if actie == "pagina":
                response = client.post(
                    reverse(f"admin:{app}_{model}_delete", args=[rij.pk]), {"post": "yes"}
                )
            else:
                response = client.post(
                    reverse(f"admin:{app}_{model}_changelist"),
                    {"action": "delete_selected", "_selected_action": [rij.pk], "post": "yes"},
                )
            _gelukt(response)
        assert any(r.soort == "-" for r in v.rijen)


def test_admin_objectrecht_toekennen(demo, client):
    """Functioneel beheer makes a user griffier of a gemeente on guardian's page."""
    beheer = _user(BEHEER)
    client.force_login(beheer)
    from regio.history import bewaar

    nieuw = bewaar(User(username="nieuwe-griffier"), acting_user=beheer, valideer=False)
    gemeente = Gemeente.objects.get(slug="rozendaal")
    url = reverse("admin:regio_gemeente_permissions_manage_user", args=[gemeente.pk, nieuw.pk])
    with schrijft_historie(door=beheer) as v:
        _gelukt(client.post(url, {"permissions": ["griffier_van"]}))
    assert "regio.HistoricalGemeenteUserObjectPermission" in v.modellen
