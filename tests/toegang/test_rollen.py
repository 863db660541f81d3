"""The role rules of DOMAIN.md through the real URLs: appointing portefeuillehouders, the
griffier's raadsleden, and that every write records who did it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from guardian.models import UserObjectPermission

from programma.models import ProgrammaOpgave
from programma.permissions import BEWERK_OPGAVE, PORTEFEUILLEHOUDER_VAN
from raden.models import Fractie, Raadslid
from regio.models import Bestuurder, Gemeente

User = get_user_model()


def _po(slug: str, jaar: int) -> ProgrammaOpgave:
    return (
        ProgrammaOpgave.objects.select_related("versie", "opgave", "portefeuillehouder")
        .filter(opgave__slug=slug, versie__jaarprogramma__jaar=jaar)
        .order_by("-versie__nummer")
        .first()
    )


@pytest.fixture
def po_2028(demo):
    return ProgrammaOpgave.objects.select_related("opgave", "portefeuillehouder").get(
        versie__jaarprogramma__jaar=2028, opgave__slug="woningbouwversnelling"
    )


def test_regiobestuur_benoemt_een_portefeuillehouder(demo, client, login, po_2028):
    bestuur = login("regiobestuur")
    houder = Bestuurder.objects.get(user__username="portefeuillehouder")
    assert not User.objects.get(username="portefeuillehouder").has_perm(BEWERK_OPGAVE, po_2028)
    response = client.post(
        "/programma/2028/portefeuillehouders/",
        {"programma_opgave": po_2028.pk, "bestuurder": houder.pk},
    )
    assert response.status_code == 302
    po_2028.refresh_from_db()
    assert po_2028.portefeuillehouder == houder
    assert po_2028.history.first().history_user == bestuur
    marieke = User.objects.get(username="portefeuillehouder")
    assert marieke.has_perm(BEWERK_OPGAVE, po_2028)
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
    arnhem = Gemeente.objects.get(slug="arnhem")
    # every seat of the demo council is taken: one member without an account leaves first
    pvdd = Fractie.objects.get(gemeente=arnhem, naam="Partij voor de Dieren")
    vertrekker = Raadslid.objects.zittend().filter(fractie=pvdd, user__isnull=True).first()
    assert client.post(f"/gemeenten/arnhem/raad/{vertrekker.pk}/beeindigen/").status_code == 302
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
    assert raadslid.fractie == pvdd
    assert raadslid.user.has_perm("raden.raadslid_van", arnhem)
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
    assert not User.objects.get(pk=raadslid.user_id).has_perm("raden.raadslid_van", arnhem)
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
    # a free seat in Nijmegen's VVD, so that the refusal is about the person, not the fractie
    vvd = Fractie.objects.get(gemeente__slug="nijmegen", naam="VVD")
    vertrekker = Raadslid.objects.zittend().filter(fractie=vvd, user__isnull=True).first()
    assert client.post(f"/gemeenten/nijmegen/raad/{vertrekker.pk}/beeindigen/").status_code == 302
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


def test_portefeuillehouder_rechten_volgen_de_benoeming_in_elke_versie(demo):
    marieke = User.objects.get(username="portefeuillehouder")
    bureau = User.objects.get(username="programmabureau")
    alle = ProgrammaOpgave.objects.select_related("versie", "portefeuillehouder")
    for po in alle:
        houder = po.portefeuillehouder is not None and po.portefeuillehouder.user_id == marieke.pk
        assert marieke.has_perm(PORTEFEUILLEHOUDER_VAN, po) == houder, po
        assert marieke.has_perm(BEWERK_OPGAVE, po) == (houder and not po.versie.is_bevroren), po
        assert bureau.has_perm(BEWERK_OPGAVE, po) == (not po.versie.is_bevroren), po
        assert not bureau.has_perm(PORTEFEUILLEHOUDER_VAN, po)
    # and nothing grants them without an object, or to a visitor
    assert not marieke.has_perm(BEWERK_OPGAVE)
    assert not AnonymousUser().has_perm(BEWERK_OPGAVE, alle.first())


def test_het_recht_volgt_het_jaar(demo, client, login):
    """The 2027 holder keeps the 2027 opgave when 2028 has another holder; the 2028 holder edits
    2028 and has no right on 2027. No permission row is written for it."""
    marieke = User.objects.get(username="portefeuillehouder")
    po_2027 = _po("energietransitie", 2027)
    po_2028 = _po("energietransitie", 2028)
    assert po_2027.portefeuillehouder.user == marieke == po_2028.portefeuillehouder.user
    opvolger = User.objects.create_user("wethouder-smeets", password="lang-genoeg-wachtwoord")
    smeets = Bestuurder.objects.get(naam="Karin Smeets")
    rechten_voor = UserObjectPermission.objects.count()

    login("regiobestuur")
    assert (
        client.post(
            "/programma/2028/portefeuillehouders/",
            {"programma_opgave": po_2028.pk, "bestuurder": smeets.pk},
        ).status_code
        == 302
    )
    # A user linked to the bestuurder after the appointment holds the right at once: the
    # appointment is read when asked, no signal has to copy it anywhere.
    smeets.user = opvolger
    smeets.save()
    marieke, opvolger = User.objects.get(pk=marieke.pk), User.objects.get(pk=opvolger.pk)
    po_2027, po_2028 = _po("energietransitie", 2027), _po("energietransitie", 2028)

    assert marieke.has_perm(PORTEFEUILLEHOUDER_VAN, po_2027)
    assert not marieke.has_perm(PORTEFEUILLEHOUDER_VAN, po_2028)
    assert not marieke.has_perm(BEWERK_OPGAVE, po_2028)
    assert opvolger.has_perm(PORTEFEUILLEHOUDER_VAN, po_2028)
    assert opvolger.has_perm(BEWERK_OPGAVE, po_2028)
    assert not opvolger.has_perm(PORTEFEUILLEHOUDER_VAN, po_2027)
    assert UserObjectPermission.objects.count() == rechten_voor

    url = "/programma/2028/bewerken/opgaven/energietransitie/"
    client.force_login(opvolger)
    assert client.get(url).status_code == 200
    assert url in client.get("/mijn/").content.decode()
    client.force_login(marieke)
    assert client.get(url).status_code == 403  # she still sees the concept (warmtetransitie)
    mijn = client.get("/mijn/").content.decode()
    assert url not in mijn
    assert po_2027.opgave.get_absolute_url() in mijn  # her 2027 opgave stays hers

    # unlinking the user ends the right just as directly
    smeets.user = None
    smeets.save()
    opvolger = User.objects.get(pk=opvolger.pk)
    assert not opvolger.has_perm(BEWERK_OPGAVE, _po("energietransitie", 2028))
    client.force_login(opvolger)
    assert client.get(url).status_code == 404  # holds nothing in the concept: not even seen


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


# --- who edits what in a concept (issue 13, point 5) ---------------------------------------

EIGEN = "/programma/2028/bewerken/opgaven/energietransitie/"


def _tag(html: str, naam: str) -> str:
    """The form control named `naam` (its opening tag)."""
    gevonden = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{naam}"[^>]*>', html)
    assert gevonden, naam
    return gevonden.group(0)


def _opgave_post(po, **wijziging):
    from tests.programma.test_opstellen import _opgave_post

    return _opgave_post(po, **wijziging)


def test_portefeuillehouder_ziet_budget_en_rangorde_alleen_ter_inzage(
    demo, client, login, django_assert_max_num_queries
):
    login("portefeuillehouder")
    with django_assert_max_num_queries(18):
        html = client.get(EIGEN).content.decode()
    for naam in ("budget", "rangorde"):
        assert " readonly" in _tag(html, naam), naam
    for naam in ("titel", "thema", "portefeuillehouder"):
        assert " disabled" in _tag(html, naam), naam
    for naam in ("doel", "resultaat", "mandaat", "sturing", "capaciteit_fte"):
        assert " readonly" not in _tag(html, naam) and " disabled" not in _tag(html, naam)
    assert "Synergie toevoegen" not in html  # synergieën are the drafters'
    assert "Regeling toevoegen" in html or 'name="verwachte_cofinanciering"' in html
    login("programmabureau")
    with django_assert_max_num_queries(18):
        html = client.get(EIGEN).content.decode()
    assert " readonly" not in _tag(html, "budget") and " readonly" not in _tag(html, "rangorde")
    assert "Synergie toevoegen" in html


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("budget", "9.999.999", "Het budget stellen het regiobestuur en het programmabureau vast"),
        ("rangorde", "17", "De rangorde stellen het regiobestuur en het programmabureau vast"),
    ],
)
def test_portefeuillehouder_wijzigt_budget_en_rangorde_niet(
    demo, client, login, veld, waarde, melding
):
    login("portefeuillehouder")
    po = _po("energietransitie", 2028)
    assert str(getattr(po, veld)) != waarde.replace(".", "")
    voor = (po.budget, po.rangorde, po.doel, po.history.count())
    response = client.post(EIGEN, _opgave_post(po, doel="Een nieuw doel.", **{veld: waarde}))
    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    assert f'value="{waarde}"' in _tag(html, veld)  # what was typed is kept
    assert "Een nieuw doel." in html
    po.refresh_from_db()
    assert (po.budget, po.rangorde, po.doel, po.history.count()) == voor


def test_portefeuillehouder_bewerkt_de_teksten_van_de_eigen_opgave(demo, client, login):
    from regio.models import Partner

    marieke = login("portefeuillehouder")
    po = _po("energietransitie", 2028)
    titel, budget = po.opgave.titel, po.budget
    partner = Partner.objects.exclude(stuurgroeplid__programma_opgave=po).first()
    data = _opgave_post(
        po,
        titel="Een andere naam",
        doel="Doel van de houder.",
        resultaat="Resultaat van de houder.",
        mandaat="Mandaat van de houder.",
        sturing="Sturing van de houder.",
        capaciteit_fte="3,5",
        capaciteit_toelichting="Lingewaard levert 1 fte.",
    )
    data["partners"] = [*data["partners"], partner.pk]
    assert client.post(EIGEN, data).status_code == 302
    po = _po("energietransitie", 2028)
    assert (po.doel, po.resultaat, po.mandaat, po.sturing) == (
        "Doel van de houder.",
        "Resultaat van de houder.",
        "Mandaat van de houder.",
        "Sturing van de houder.",
    )
    assert str(po.capaciteit_fte) == "3.50"
    assert po.capaciteit_toelichting == "Lingewaard levert 1 fte."
    assert po.stuurgroep.filter(partner=partner).exists()
    assert (po.opgave.titel, po.budget) == (titel, budget)  # title and budget are not hers
    assert po.history.first().history_user == marieke
    # and an external scheme of her own opgave
    response = client.post(
        EIGEN + "regelingen/",
        {"naam": "Fonds van de houder", "niveau": "rijk", "verwachte_cofinanciering": "250.000"},
    )
    assert response.status_code == 302
    assert po.externe_regelingen.filter(naam="Fonds van de houder").exists()


def test_programmabureau_wijzigt_budget_en_rangorde(demo, client, login):
    login("programmabureau")
    po = _po("energietransitie", 2028)
    response = client.post(EIGEN, _opgave_post(po, budget="4.321.000", rangorde="2"))
    assert response.status_code == 302
    po.refresh_from_db()
    assert (po.budget, po.rangorde) == (4_321_000, 2)


def test_de_services_weigeren_wat_de_portefeuillehouder_niet_mag(demo):
    from decimal import Decimal

    from programma import services
    from regio.exceptions import DomeinFout

    marieke = User.objects.get(username="portefeuillehouder")
    eigen, ander = _po("energietransitie", 2028), _po("woningbouwversnelling", 2028)
    inhoud = {
        "doel": eigen.doel,
        "resultaat": eigen.resultaat,
        "mandaat": eigen.mandaat,
        "sturing": eigen.sturing,
        "budget": eigen.budget,
        "capaciteit_fte": Decimal(eigen.capaciteit_fte),
        "capaciteit_toelichting": eigen.capaciteit_toelichting,
        "rangorde": eigen.rangorde,
        "partners": [],
        "bestuurders": [],
        "verwacht_wijzigingsnummer": eigen.wijzigingsnummer,
        "acting_user": marieke,
    }
    for wijziging, melding in [
        ({"budget": eigen.budget + 1}, "Het budget stellen"),
        ({"rangorde": eigen.rangorde + 1}, "De rangorde stellen"),
        ({"portefeuillehouder": None}, "Alleen het regiobestuur benoemt"),
    ]:
        with pytest.raises(DomeinFout, match=melding):
            services.werk_opgave_bij(programma_opgave=eigen, **{**inhoud, **wijziging})
    with pytest.raises(DomeinFout, match="niet bewerken"):
        services.werk_opgave_bij(
            programma_opgave=ander,
            **{**inhoud, "verwacht_wijzigingsnummer": ander.wijzigingsnummer},
        )
    with pytest.raises(DomeinFout, match="niet bewerken"):
        services.voeg_externe_regeling_toe(
            programma_opgave=ander,
            naam="Sluiproute",
            niveau="eu",
            verwachte_cofinanciering=1,
            acting_user=marieke,
        )
    with pytest.raises(DomeinFout, match="Synergieën leggen"):
        services.voeg_synergie_toe(
            van=eigen, naar=ander, toelichting="Meer prioriteit.", acting_user=marieke
        )
    eigen.refresh_from_db()
    assert (
        eigen.budget == inhoud["budget"]
        and not ander.externe_regelingen.filter(naam="Sluiproute").exists()
    )


# --- secrets stay secret (issue 13, point 4) -------------------------------------------------


def _zonder_tokens(html: str) -> str:
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'(nonce|value)="[^"]*"', "", html)


@pytest.mark.parametrize(
    ("geheim", "onbestaand"),
    [
        (
            "/programma/2028/bewerken/opgaven/grensoverschrijdende-samenwerking/",
            "/programma/2028/bewerken/opgaven/bestaat-niet/",
        ),
        (
            "/programma/2028/bewerken/opgaven/energietransitie/verwijderen/",
            "/programma/2028/bewerken/opgaven/bestaat-niet/verwijderen/",
        ),
        ("/programma/2028/bewerken/", "/programma/2099/bewerken/"),
        ("/programma/2028/bewerken/visie/", "/programma/2099/bewerken/visie/"),
    ],
)
@pytest.mark.parametrize("gebruiker", ["raadslid-arnhem", "griffier-arnhem", "beheer"])
def test_een_geheim_concept_is_niet_te_onderscheiden_van_niets(
    demo, client, login, django_assert_max_num_queries, gebruiker, geheim, onbestaand
):
    login(gebruiker)
    with django_assert_max_num_queries(12):
        a, b = client.get(geheim), client.get(onbestaand)
    assert a.status_code == b.status_code == 404
    assert _zonder_tokens(a.content.decode()) == _zonder_tokens(b.content.decode())
