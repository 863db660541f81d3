"""The escalation rows of the URL x role matrix (issue 13.1): every form that can grant a role
or right is tried by every kind of user of the matrix, on themselves and on others. A refusal
may be a 403, a 404, a login redirect or a form error; what counts is that no role, right,
flag, password or account link changed. The grants DOMAIN.md allows succeed, and are in history.

A superuser made from the command line posts the same payloads and they work: the refusals
are the rules, not broken forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client

from opgaven.models import Opgave
from programma.models import ProgrammaOpgave
from raden import services as raden
from raden.models import Fractie, Raadslid
from raden.selectors import gemeenten_als_raadslid
from regio.models import (
    Bestuurder,
    Gemeente,
    GemeenteGroupObjectPermission,
    GemeenteUserObjectPermission,
)
from tests.toegang.test_matrix import ANONIEM, BEHEER, GEBRUIKERS, GRIFFIER, clients  # noqa: F401

User = get_user_model()
WACHTWOORD = "Een-heel-nieuw-wachtwoord-2027"


def _rechten() -> set:
    """Every role, right, flag, password and account link in the database, as rows."""
    rijen = set()
    for u in User.objects.values_list("pk", "is_superuser", "is_staff", "is_active", "password"):
        rijen.add(("user", *u))
    rijen |= {("groep", *r) for r in User.groups.through.objects.values_list("user_id", "group_id")}
    rijen |= {
        ("userrecht", *r)
        for r in User.user_permissions.through.objects.values_list("user_id", "permission_id")
    }
    rijen |= {
        ("groeprecht", *r)
        for r in Group.permissions.through.objects.values_list("group_id", "permission_id")
    }
    rijen |= {("groepnaam", *r) for r in Group.objects.values_list("pk", "name")}
    for model, wie in (
        (GemeenteUserObjectPermission, "user_id"),
        (GemeenteGroupObjectPermission, "group_id"),
    ):
        rijen |= {
            (model.__name__, *r)
            for r in model.objects.values_list(wie, "permission__codename", "content_object_id")
        }
    rijen |= {("bestuurder", *r) for r in Bestuurder.objects.values_list("pk", "user_id")}
    # a seat is a right too: the raadslid's right is read from it (raden.permissions)
    rijen |= {
        ("zetel", *r)
        for r in Raadslid.objects.zittend()
        .filter(user__isnull=False)
        .values_list("user_id", "gemeente_id")
    }
    return rijen


@dataclass
class Doel:
    """The users and objects the attempts aim at, made inside the test's transaction."""

    nieuwkomer: object  # an ordinary account without any role
    root: object  # a superuser made from the command line
    beheer: object
    arnhem: Gemeente
    opgave: Opgave  # in the 2028 concept
    bestuurder: Bestuurder  # holds an opgave in the 2028 concept, no account yet
    groepen: dict


@pytest.fixture
def doel(demo) -> Doel:
    # Every seat of the demo councils is taken: free one in Arnhem's VVD, so that seating
    # someone is refused for who they are, not for a full fractie.
    vvd = Fractie.objects.get(gemeente__slug="arnhem", naam="VVD")
    raden.beeindig_raadslidmaatschap(
        raadslid=Raadslid.objects.zittend().filter(fractie=vvd, user__isnull=True).first(),
        acting_user=User.objects.get(username=GRIFFIER),
    )
    po = (
        ProgrammaOpgave.objects.filter(
            versie__bevroren_op__isnull=True, portefeuillehouder__user__isnull=True
        )
        .exclude(portefeuillehouder__isnull=True)
        .select_related("portefeuillehouder", "opgave")
        .first()
    )
    return Doel(
        nieuwkomer=User.objects.create_user("nieuwkomer", "nieuwkomer@example.nl", "x" * 20),
        root=User.objects.create_superuser("root", "root@example.nl", "y" * 20),
        beheer=User.objects.get(username=BEHEER),
        arnhem=Gemeente.objects.get(slug="arnhem"),
        opgave=po.opgave,
        bestuurder=po.portefeuillehouder,
        groepen={g.name: g for g in Group.objects.all()},
    )


# --- the forms, each a function (actor, target, doel) -> (url, data) --------------------------


def _gebruiker_wijzigen(groepen: Callable[[Doel], list], vlaggen: bool = True):
    def poging(actor, target, d):
        data = {
            "username": target.username,
            "first_name": "Nieuw",
            "last_name": target.last_name,
            "email": target.email,
            "is_active": "on",
            "groups": [g.pk for g in groepen(d)],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "12:00:00",
        }
        if vlaggen:
            data |= {
                "is_superuser": "on",
                "is_staff": "on",
                "user_permissions": [
                    Permission.objects.get(codename="bekijk_concept").pk,
                    Permission.objects.get(codename="change_user").pk,
                ],
            }
        return f"/admin/auth/user/{target.pk}/change/", data

    return poging


def _alle_groepen(d):
    return list(d.groepen.values())


def _alleen_regiobestuur(d):
    return [d.groepen["regiobestuur"]]


def _gebruiker_toevoegen(actor, target, d):
    return "/admin/auth/user/add/", {
        "username": "nieuw-account",
        "usable_password": "true",
        "password1": WACHTWOORD,
        "password2": WACHTWOORD,
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [g.pk for g in d.groepen.values()],
    }


def _wachtwoord_zetten(actor, target, d):
    return f"/admin/auth/user/{target.pk}/password/", {
        "usable_password": "true",
        "password1": WACHTWOORD,
        "password2": WACHTWOORD,
    }


def _groep_wijzigen(actor, target, d):
    groep = d.groepen["functioneel beheer"]
    return f"/admin/auth/group/{groep.pk}/change/", {
        "name": groep.name,
        "permissions": list(Permission.objects.values_list("pk", flat=True)),
    }


def _groep_hernoemen(actor, target, d):
    # With roles known by name, renaming is granting: "functioneel beheer" -> "regiobestuur".
    groep = d.groepen["regiobestuur"]
    return f"/admin/auth/group/{groep.pk}/change/", {"name": "regiobestuur-oud"}


def _groep_toevoegen(actor, target, d):
    return "/admin/auth/group/add/", {
        "name": "alles",
        "permissions": list(Permission.objects.values_list("pk", flat=True)),
    }


def _gemeenterecht(rechten):
    def poging(actor, target, d):
        return (
            f"/admin/regio/gemeente/{d.arnhem.pk}/permissions/user-manage/{target.pk}/",
            {"permissions": rechten},
        )

    return poging


def _gemeenterecht_via_keuze(actor, target, d):
    # the first step of guardian's page: choosing whom to manage
    return (
        f"/admin/regio/gemeente/{d.arnhem.pk}/permissions/",
        {"user": target.username, "submit_manage_user": "1"},
    )


def _gemeenterecht_groep(actor, target, d):
    groep = d.groepen["functioneel beheer"]
    return (
        f"/admin/regio/gemeente/{d.arnhem.pk}/permissions/group-manage/{groep.pk}/",
        {"permissions": ["griffier_van", "change_gemeente"]},
    )


def _opgaverecht(actor, target, d):
    return (
        f"/admin/opgaven/opgave/{d.opgave.pk}/permissions/user-manage/{target.pk}/",
        {"permissions": ["portefeuillehouder_van"]},
    )


def _bestuurder_koppelen(actor, target, d):
    b = d.bestuurder
    return f"/admin/regio/bestuurder/{b.pk}/change/", {
        "naam": b.naam,
        "functie": b.functie,
        "gemeente": b.gemeente_id,
        "portefeuille": b.portefeuille,
        "user": target.pk,
    }


def _raadslid_toevoegen(actor, target, d):
    # The raad page seats an existing account when its username is the e-mail address given.
    User.objects.filter(pk=target.pk).update(username=target.email)
    return "/gemeenten/arnhem/raad/", {
        "voornaam": target.first_name or "Iemand",
        "achternaam": target.last_name or "Anders",
        "email": target.email,
        "fractie": "VVD",
    }


POGINGEN = {
    "gebruiker: superuser, staf, alle groepen, rechten": _gebruiker_wijzigen(_alle_groepen),
    "gebruiker: alleen de rol regiobestuur": _gebruiker_wijzigen(_alleen_regiobestuur, False),
    "gebruiker toevoegen als superuser": _gebruiker_toevoegen,
    "wachtwoord zetten": _wachtwoord_zetten,
    "groep functioneel beheer: alle rechten": _groep_wijzigen,
    "groep regiobestuur hernoemen": _groep_hernoemen,
    "groep toevoegen met alle rechten": _groep_toevoegen,
    "gemeente: alle objectrechten": _gemeenterecht(
        ["griffier_van", "change_gemeente", "delete_gemeente"]
    ),
    # the raadslid's right is their seat: there is no permission to grant, not even by a
    # superuser (see test_een_raadslidrecht_als_rij_bestaat_niet_en_werkt_niet)
    "gemeente: raadslidrecht als objectrecht": _gemeenterecht(["raadslid_van"]),
    "gemeente: griffier": _gemeenterecht(["griffier_van"]),
    "gemeente: gebruiker kiezen": _gemeenterecht_via_keuze,
    "gemeente: recht aan een groep": _gemeenterecht_groep,
    "opgave: portefeuillehouder": _opgaverecht,
    "bestuurder aan account koppelen": _bestuurder_koppelen,
    "raadslid toevoegen": _raadslid_toevoegen,
}


def _doelwitten(actor_naam: str, actor, d: Doel) -> dict:
    """On itself, on an ordinary account, on a beheerder and on a superuser."""
    doelen = {"nieuwkomer": d.nieuwkomer, "root": d.root}
    if actor is not None:
        doelen["zelf"] = actor
    if actor_naam != BEHEER:
        doelen["beheer"] = d.beheer
    return doelen


def _toegestaan(actor_naam: str, poging: str, doel_naam: str, d: Doel, actor) -> set | None:
    """The change a grant DOMAIN.md allows makes, or None where it must be refused."""
    n = d.nieuwkomer
    if actor_naam == BEHEER and doel_naam == "nieuwkomer":
        if poging == "gebruiker: alleen de rol regiobestuur":
            return {("groep", n.pk, d.groepen["regiobestuur"].pk)}
        if poging == "gemeente: griffier":
            return {("GemeenteUserObjectPermission", n.pk, "griffier_van", d.arnhem.pk)}
        if poging == "wachtwoord zetten":
            return {"wachtwoord"}  # an ordinary account: beheer may set its password
        if poging == "bestuurder aan account koppelen":
            # the right on the opgave follows from the appointment in its version itself
            # (programma.permissions): no permission row to add
            return {("bestuurder", d.bestuurder.pk, n.pk)}
        if poging == "gebruiker toevoegen als superuser":
            return {"nieuw account zonder rechten"}
    if actor_naam == GRIFFIER and doel_naam == "nieuwkomer" and poging == "raadslid toevoegen":
        return {("zetel", n.pk, d.arnhem.pk)}
    if actor_naam == BEHEER and poging == "gebruiker toevoegen als superuser":
        return {"nieuw account zonder rechten"}
    return None


def _verschil(voor: set, na: set) -> set:
    """Rows added, with a password change and a new rightless account named as such."""
    nieuw = na - voor
    weg = voor - na
    uitkomst = set()
    oude_users = {r[1]: r for r in voor if r[0] == "user"}
    for rij in nieuw:
        if rij[0] == "user" and rij[1] in oude_users:
            oud = oude_users[rij[1]]
            if oud[:5] == rij[:5] and oud[5] != rij[5]:
                uitkomst.add("wachtwoord")
                continue
        zonder_rechten = not any(r[0] in ("groep", "userrecht") and r[1] == rij[1] for r in nieuw)
        nieuw_account = rij[0] == "user" and rij[1] not in oude_users
        if nieuw_account and rij[2:4] == (False, False) and zonder_rechten:
            uitkomst.add("nieuw account zonder rechten")
            continue
        uitkomst.add(rij)
    for rij in weg:
        if rij[0] == "user" and any(r[0] == "user" and r[1] == rij[1] for r in nieuw):
            continue  # the other side of a changed user row
        if rij[0] == "bestuurder" and any(r[0] == "bestuurder" and r[1] == rij[1] for r in nieuw):
            continue
        uitkomst.add(("weg", *rij))
    return uitkomst


def _probeer(client, url, data):
    with transaction.atomic():
        voor = _rechten()
        response = client.post(url, data)
        na = _rechten()
        transaction.set_rollback(True)
    return response, _verschil(voor, na)


def _voer_uit(actor_naam: str, client, actor, d: Doel) -> tuple[list, int]:
    fouten = []
    aantal = 0
    for poging, maak in POGINGEN.items():
        for doel_naam, target in _doelwitten(actor_naam, actor, d).items():
            with transaction.atomic():
                url, data = maak(actor, target, d)
                response, verschil = _probeer(client, url, data)
                transaction.set_rollback(True)
            if actor is not None:
                # Django's admin cycles the session key on a password change; the rollback
                # took the new session row away again.
                client.force_login(actor)
            aantal += 1
            verwacht = _toegestaan(actor_naam, poging, doel_naam, d, actor)
            wie = f"{actor_naam} -> {doel_naam}: {poging} ({url})"
            if response.status_code >= 500:
                fouten.append(f"{wie}: {response.status_code}")
            if verwacht is None and verschil:
                fouten.append(
                    f"{wie}: {response.status_code}, veranderd: {sorted(map(str, verschil))}"
                )
            if verwacht is not None and verschil != verwacht:
                fouten.append(
                    f"{wie}: {response.status_code} {response.get('Location')}, "
                    f"verwacht {verwacht}, kreeg {verschil}"
                )
    return fouten, aantal


@pytest.mark.parametrize("actor_naam", GEBRUIKERS)
def test_niemand_kent_meer_toe_dan_zijn_rol(actor_naam, clients, doel):  # noqa: F811
    actor = None if actor_naam == ANONIEM else User.objects.get(username=actor_naam)
    fouten, aantal = _voer_uit(actor_naam, clients[actor_naam], actor, doel)
    assert fouten == [], "\n".join(fouten)
    assert aantal >= len(POGINGEN) * 3


def test_een_superuser_van_de_commandoregel_kan_het_wel(demo, doel):
    """The payloads are valid: a superuser gets every grant the others were refused."""
    client = Client()
    client.force_login(doel.root)
    for poging in (
        "gebruiker: superuser, staf, alle groepen, rechten",
        "groep functioneel beheer: alle rechten",
        "gemeente: alle objectrechten",
        # (no "opgave: portefeuillehouder": that right follows the appointment in a version
        # and exists as no permission row, so not even a superuser can grant it by hand)
        "wachtwoord zetten",
        "gemeente: recht aan een groep",
    ):
        client.force_login(doel.root)
        url, data = POGINGEN[poging](doel.root, doel.beheer, doel)
        response, verschil = _probeer(client, url, data)
        assert response.status_code == 302, (poging, response.status_code)
        assert "login" not in response["Location"], poging
        assert verschil, poging


def test_toekenning_door_beheer_staat_in_de_historie(demo, client, doel):
    client.force_login(doel.beheer)
    url, data = POGINGEN["gebruiker: alleen de rol regiobestuur"](
        doel.beheer, doel.nieuwkomer, doel
    )
    assert client.post(url, data).status_code == 302
    laatste = doel.nieuwkomer.history.first()
    assert laatste.history_user == doel.beheer
    assert [g.group.name for g in laatste.groups.all()] == ["regiobestuur"]
    # and taking the role away again is recorded as well
    data["groups"] = []
    assert client.post(url, data).status_code == 302
    laatste = doel.nieuwkomer.history.first()
    assert laatste.history_user == doel.beheer and list(laatste.groups.all()) == []


def test_beheer_ziet_zijn_eigen_rechten_alleen(demo, client, doel):
    client.force_login(doel.beheer)
    pagina = client.get(f"/admin/auth/user/{doel.beheer.pk}/change/").content.decode()
    assert 'name="groups"' not in pagina and 'name="is_superuser"' not in pagina
    anders = client.get(f"/admin/auth/user/{doel.nieuwkomer.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in anders
    # only the roles it may assign are offered
    assert f'value="{doel.groepen["regiobestuur"].pk}"' in anders
    assert f'value="{doel.groepen["functioneel beheer"].pk}"' not in anders
    assert client.get(f"/admin/auth/user/{doel.root.pk}/password/").status_code == 403


def test_beheer_leert_geen_concepttitels_uit_de_admin(demo, client, login):
    """Issue 13.4: no working view-on-site link and no title in a clash for a concept-only
    opgave, for someone who may not see concepts."""

    login("beheer")
    geheim = Opgave.objects.get(slug="grensoverschrijdende-samenwerking")
    ct = ContentType.objects.get_for_model(Opgave).pk
    assert client.get(f"/admin/r/{ct}/{geheim.pk}/").status_code == 404
    openbaar = Opgave.objects.get(slug="energietransitie")
    assert client.get(f"/admin/r/{ct}/{openbaar.pk}/")["Location"].endswith(
        "/opgaven/energietransitie/"
    )
    antwoord = client.post(
        "/admin/opgaven/opgave/add/",
        {"titel": geheim.titel, "slug": geheim.slug, "thema": geheim.thema_id, "sinds": 2028},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Deze titel is niet beschikbaar" in tekst
    assert "Dit adres is niet beschikbaar" in tekst
    assert f"titel &#x27;{geheim.titel}" not in tekst and "bestaat al" not in tekst
    assert Opgave.objects.filter(slug=geheim.slug).count() == 1


def test_een_raadslidrecht_als_rij_bestaat_niet_en_werkt_niet(demo, doel):
    """The raadslid's right exists as no permission row, and a row made by hand (a stale one,
    or a superuser's) gives no right: only a sitting seat does (raden.permissions)."""
    n, arnhem = doel.nieuwkomer, doel.arnhem
    assert not Permission.objects.filter(codename="raadslid_van").exists()
    # a superuser posting it through guardian's page: not a permission it offers
    client = Client()
    client.force_login(doel.root)
    url, data = POGINGEN["gemeente: raadslidrecht als objectrecht"](doel.root, n, doel)
    response, verschil = _probeer(client, url, data)
    assert response.status_code == 200 and verschil == set()
    # rows made by hand, on the gemeente (guardian) and as a global right

    for ct in (
        ContentType.objects.get_for_model(Gemeente),
        ContentType.objects.get_for_model(Raadslid),
    ):
        recht = Permission.objects.create(
            codename="raadslid_van", name="Is raadslid van deze gemeente", content_type=ct
        )
        n.user_permissions.add(recht)
        if ct.model == "gemeente":
            GemeenteUserObjectPermission.objects.create(
                user=n, permission=recht, content_object=arnhem
            )
    n = User.objects.get(pk=n.pk)  # no cached permissions
    assert not n.has_perm("raden.raadslid_van", arnhem)
    assert list(gemeenten_als_raadslid(n)) == []
