"""The role rules of DOMAIN.md through the real URLs: appointing portefeuillehouders, the
griffier's raadsleden, and that every write records who did it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from opgaven.models import Opgave
from programma.models import ProgrammaOpgave
from raden.models import Fractie, Raadslid
from regio.models import Bestuurder, Gemeente

User = get_user_model()


@pytest.fixture
def po_2028(demo):
    return ProgrammaOpgave.objects.select_related("opgave", "portefeuillehouder").get(
        versie__jaarprogramma__jaar=2028, opgave__slug="woningbouwversnelling"
    )


def test_regiobestuur_benoemt_een_portefeuillehouder(demo, client, login, po_2028):
    bestuur = login("regiobestuur")
    houder = Bestuurder.objects.get(user__username="portefeuillehouder")
    assert not User.objects.get(username="portefeuillehouder").has_perm(
        "opgaven.portefeuillehouder_van", po_2028.opgave
    )
    response = client.post(
        "/programma/2028/portefeuillehouders/",
        {"programma_opgave": po_2028.pk, "bestuurder": houder.pk},
    )
    assert response.status_code == 302
    po_2028.refresh_from_db()
    assert po_2028.portefeuillehouder == houder
    assert po_2028.history.first().history_user == bestuur
    marieke = User.objects.get(username="portefeuillehouder")
    assert marieke.has_perm("opgaven.portefeuillehouder_van", po_2028.opgave)
    pagina = client.get("/programma/2028/portefeuillehouders/").content.decode()
    assert "is regionaal portefeuillehouder van" in pagina
    # the portefeuillehouder now finds it under "mijn opgaven"
    client.force_login(marieke)
    assert po_2028.opgave.titel in client.get("/mijn/").content.decode()


def test_benoemen_met_onzin_geeft_een_melding(demo, client, login, po_2028):
    login("regiobestuur")
    voor = po_2028.portefeuillehouder_id
    response = client.post(
        "/programma/2028/portefeuillehouders/",
        {"programma_opgave": po_2028.pk, "bestuurder": 999999},
    )
    assert response.status_code == 200
    assert "Kies een bestuurder uit de lijst." in response.content.decode()
    po_2028.refresh_from_db()
    assert po_2028.portefeuillehouder_id == voor


def test_benoemen_in_een_voorgestelde_versie_kan_niet(demo, client, login):
    login("regiobestuur")
    po = ProgrammaOpgave.objects.filter(versie__jaarprogramma__jaar=2027).first()
    voor = po.portefeuillehouder_id
    response = client.post(
        "/programma/2027/portefeuillehouders/",
        {"programma_opgave": po.pk, "bestuurder": Bestuurder.objects.exclude(pk=voor).first().pk},
    )
    assert response.status_code == 200
    assert "Alleen in een conceptprogramma" in response.content.decode()
    po.refresh_from_db()
    assert po.portefeuillehouder_id == voor


def test_griffier_voegt_een_raadslid_toe_en_beeindigt_het(
    demo, client, login, django_capture_on_commit_callbacks
):
    griffier = login("griffier-arnhem")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/gemeenten/arnhem/raad/",
            {
                "voornaam": "Fatma",
                "achternaam": "Yilmaz",
                "email": "F.Yilmaz@Arnhem.nl",
                "fractie": "Partij voor de Dieren",
            },
        )
    assert response.status_code == 302
    raadslid = Raadslid.objects.get(user__username="f.yilmaz@arnhem.nl")
    arnhem = Gemeente.objects.get(slug="arnhem")
    assert raadslid.fractie == Fractie.objects.get(gemeente=arnhem, naam="Partij voor de Dieren")
    assert raadslid.user.has_perm("regio.raadslid_van", arnhem)
    assert raadslid.history.first().history_user == griffier
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["f.yilmaz@arnhem.nl"]
    link = re.search(r"http://testserver(/accounts/wachtwoord/nieuw/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    pagina = client.get("/gemeenten/arnhem/raad/").content.decode()
    assert "Fatma Yilmaz" in pagina and "Partij voor de Dieren" in pagina

    response = client.post(f"/gemeenten/arnhem/raad/{raadslid.pk}/beeindigen/")
    assert response.status_code == 302
    raadslid.refresh_from_db()
    assert raadslid.einde is not None
    assert not User.objects.get(pk=raadslid.user_id).has_perm("regio.raadslid_van", arnhem)
    pagina = client.get("/gemeenten/arnhem/raad/").content.decode()
    assert "is beëindigd" in pagina
    assert '<th scope="row">Fatma Yilmaz</th>' not in pagina

    # the new raadslid chooses a password with the link from the e-mail
    client.logout()
    stap = client.get(link.group(1), follow=True)
    assert "Kies een nieuw wachtwoord" in stap.content.decode()
    client.post(
        stap.redirect_chain[-1][0],
        {"new_password1": "Rijn-en-Waal-2026!", "new_password2": "Rijn-en-Waal-2026!"},
    )
    assert (
        client.post(
            "/accounts/login/", {"username": "f.yilmaz@arnhem.nl", "password": "Rijn-en-Waal-2026!"}
        ).status_code
        == 302
    )


def test_fout_in_het_formulier_houdt_de_invoer_vast(demo, client, login):
    login("griffier-arnhem")
    response = client.post(
        "/gemeenten/arnhem/raad/",
        {"voornaam": "Jan", "achternaam": "de Vries", "email": "geen-adres", "fractie": "VVD"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="de Vries"' in html and 'value="geen-adres"' in html
    assert not User.objects.filter(username="geen-adres").exists()


def test_een_raadslid_kan_niet_twee_keer_zitten(demo, client, login):
    login("griffier-nijmegen")
    bestaand = User.objects.get(username="raadslid-arnhem")
    bestaand.email = "raadslid@arnhem.nl"
    bestaand.username = "raadslid@arnhem.nl"
    bestaand.save()
    response = client.post(
        "/gemeenten/nijmegen/raad/",
        {"voornaam": "X", "achternaam": "Y", "email": "raadslid@arnhem.nl", "fractie": "VVD"},
    )
    assert response.status_code == 200
    assert "is al raadslid van Arnhem" in response.content.decode()
    assert Raadslid.objects.filter(user=bestaand).count() == 1


def test_griffier_van_nijmegen_mag_niet_in_arnhem(demo, client, login):
    login("griffier-nijmegen")
    raadslid = Raadslid.objects.get(user__username="raadslid-arnhem")
    voor = (Raadslid.objects.count(), Fractie.objects.count(), User.objects.count())
    assert client.get("/gemeenten/arnhem/raad/").status_code == 403
    response = client.post(
        "/gemeenten/arnhem/raad/",
        {
            "voornaam": "Piet",
            "achternaam": "Pietersen",
            "email": "p@example.nl",
            "fractie": "Nieuwe fractie",
        },
    )
    assert response.status_code == 403
    assert client.post(f"/gemeenten/arnhem/raad/{raadslid.pk}/beeindigen/").status_code == 403
    raadslid.refresh_from_db()
    assert raadslid.einde is None
    assert (Raadslid.objects.count(), Fractie.objects.count(), User.objects.count()) == voor
    assert "Geen toegang" in response.content.decode()


def test_portefeuillehouder_rechten_volgen_nieuwste_versie_en_concepten(demo):
    marieke = User.objects.get(username="portefeuillehouder")
    for opgave in Opgave.objects.all():
        versies = ProgrammaOpgave.objects.filter(opgave=opgave).select_related("portefeuillehouder")
        nieuwste = versies.order_by("-versie__jaarprogramma__jaar", "-versie__nummer").first()
        in_concept = versies.filter(
            versie__bevroren_op__isnull=True, portefeuillehouder__user=marieke
        ).exists()
        verwacht = nieuwste.portefeuillehouder.user_id == marieke.pk or in_concept
        assert marieke.has_perm("opgaven.portefeuillehouder_van", opgave) == verwacht, opgave


def test_beheer_ziet_in_de_admin_geen_concept(demo, client, login):
    login("beheer")
    html = client.get("/admin/programma/programmaversie/").content.decode()
    assert "2027 versie 1" in html
    assert "2028 versie 1" not in html


def test_beheer_benoemt_een_griffier_in_de_admin(demo, client, login):
    beheer = login("beheer")
    wijchen = Gemeente.objects.get(slug="wijchen")
    nieuw = User.objects.create_user("griffier-wijchen-2", password="lang-genoeg-wachtwoord")
    stap = client.post(
        f"/admin/regio/gemeente/{wijchen.pk}/permissions/",
        {"user": nieuw.username, "submit_manage_user": "1"},
    )
    assert stap.status_code == 302
    assert client.post(stap["Location"], {"permissions": ["griffier_van"]}).status_code == 302
    nieuw = User.objects.get(pk=nieuw.pk)
    assert nieuw.has_perm("regio.griffier_van", wijchen)
    from regio.models import GemeenteUserObjectPermission

    rij = GemeenteUserObjectPermission.objects.get(user=nieuw, content_object=wijchen)
    assert rij.history.first().history_user == beheer
    client.force_login(nieuw)
    assert client.get("/gemeenten/wijchen/raad/").status_code == 200
