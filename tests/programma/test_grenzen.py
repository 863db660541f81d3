"""The edges a review found: each was a way around a rule or into a 500, now closed."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from opgaven.models import Opgave
from programma import services
from programma.models import (
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Status,
    Synergie,
)
from raden import selectors as raden_selectors
from regio.exceptions import Bevroren, DomeinFout
from regio.models import Bestuurder

User = get_user_model()
BASIS = "/programma/2028/bewerken"


def _gepubliceerd(jaar):
    """The latest frozen version of a year (the demo's 2027 has two: the proposal v1 and its
    correction v2)."""
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


def _po(slug, jaar):
    return (
        ProgrammaOpgave.objects.filter(opgave__slug=slug, versie__jaarprogramma__jaar=jaar)
        .order_by("-versie__nummer")
        .first()
    )


def test_synergie_met_een_bevroren_opgave_aan_de_andere_kant(demo):
    concept = _po("energietransitie", 2028)
    bevroren = _po("warmtetransitie", 2027)
    # the lower id is `van`: make sure the frozen one is the `naar` side in one of the two
    with pytest.raises(DomeinFout):
        Synergie(van=concept, naar=bevroren, toelichting="GEHEIM").save()
    with pytest.raises(DomeinFout):
        Synergie(van=bevroren, naar=concept, toelichting="GEHEIM").save()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO programma_synergie (van_id, naar_id, toelichting) VALUES (%s, %s, 'x')",
            [min(concept.pk, bevroren.pk), max(concept.pk, bevroren.pk)],
        )
    assert not Synergie.objects.filter(toelichting__in=["GEHEIM", "x"]).exists()


def test_bevriezen_en_verplaatsen_alleen_via_de_services(demo):
    from django.utils import timezone

    concept = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    with pytest.raises(DomeinFout):
        ProgrammaVersie.objects.filter(pk=concept.pk).update(bevroren_op=timezone.now())
    with pytest.raises(DomeinFout):
        ProgrammaOpgave.objects.filter(versie=concept).update(versie=_gepubliceerd(2027))
    with pytest.raises(DomeinFout):
        Jaarprogramma.objects.filter(jaar=2026).update(status=Status.CONCEPT)
    jaar = Jaarprogramma.objects.get(jaar=2026)
    jaar.status = Status.CONCEPT
    with pytest.raises(DomeinFout, match="kan niet naar"):
        jaar.save()
    concept.refresh_from_db()
    assert not concept.is_bevroren


def test_de_identiteit_van_een_voorgestelde_opgave_ligt_vast(demo):
    opgave = Opgave.objects.get(slug="energietransitie")
    opgave.titel = "Iets anders"
    with pytest.raises(Bevroren):
        opgave.save()
    nieuw = Opgave.objects.create(
        titel="Nog nergens", slug="nog-nergens", thema=opgave.thema, sinds=2029
    )
    nieuw.titel = "Nog steeds nergens"
    nieuw.save()  # in no proposed programme: free to change


def test_een_maker_van_een_bevroren_versie_is_niet_te_verwijderen(demo):
    maker = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=1).aangemaakt_door
    with pytest.raises(ProtectedError):
        maker.delete()


def test_portefeuillehouder_bewerkt_alleen_wat_hij_in_deze_versie_houdt(demo, client, login):
    bestuur = User.objects.get(username="regiobestuur")
    services.maak_jaarprogramma(jaar=2029, titel="P 2029", overnemen=True, acting_user=bestuur)
    x = User.objects.create_user("wethouder-x", password="x-wachtwoord-lang")
    houder_x = Bestuurder.objects.get(naam="Karin Smeets")
    houder_x.user = x
    houder_x.save()
    services.benoem_portefeuillehouder(
        programma_opgave=_po("energietransitie", 2029), bestuurder=houder_x, acting_user=bestuur
    )
    po_2028 = _po("energietransitie", 2028)
    voor = po_2028.doel
    client.force_login(x)
    assert client.get(f"{BASIS}/opgaven/energietransitie/").status_code == 403
    assert (
        client.post(f"{BASIS}/opgaven/energietransitie/", {"doel": "overschreven"}).status_code
        == 403
    )
    assert client.get("/programma/2029/bewerken/opgaven/energietransitie/").status_code == 200
    po_2028.refresh_from_db()
    assert po_2028.doel == voor
    # and the holder in 2028 keeps the right to edit 2028
    login("portefeuillehouder")
    assert client.get(f"{BASIS}/opgaven/energietransitie/").status_code == 200


def test_absurde_invoer_geeft_een_melding_geen_500(demo, client, login):
    from tests.programma.test_opstellen import _opgave_post

    login("regiobestuur")
    po = _po("energietransitie", 2028)
    te_groot = client.post(f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, budget="9" * 30))
    assert te_groot.status_code == 200 and "hoogstens" in te_groot.content.decode()
    rare_pk = client.post(
        f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, partners=["9" * 30])
    )
    assert rare_pk.status_code == 200 and "Selecteer een geldige keuze" in rare_pk.content.decode()
    zonder_nummer = _opgave_post(po)
    del zonder_nummer["wijzigingsnummer"]
    verouderd = client.post(f"{BASIS}/opgaven/energietransitie/", zonder_nummer)
    assert "Dit formulier is verouderd" in verouderd.content.decode()
    regeling = client.post(
        f"{BASIS}/opgaven/energietransitie/regelingen/",
        {"naam": "Groot", "niveau": "eu", "verwachte_cofinanciering": "9.223.372.036.854.775.807"},
    )
    assert regeling.status_code == 200 and "hoogstens" in regeling.content.decode()
    po.refresh_from_db()
    assert po.budget < 10**12


def test_programmabureau_benoemt_geen_portefeuillehouder(demo, client, login):
    from regio.models import Thema

    login("programmabureau")
    response = client.post(
        f"{BASIS}/opgaven/nieuw/",
        {
            "titel": "Nachtnet",
            "thema": Thema.objects.first().pk,
            "doel": "D",
            "resultaat": "R",
            "mandaat": "M",
            "sturing": "S",
            "budget": "100.000",
            "capaciteit_fte": "1",
            "rangorde": "0",
            "portefeuillehouder": Bestuurder.objects.first().pk,
        },
    )
    assert response.status_code == 302
    po = _po("nachtnet", 2028)
    assert po.portefeuillehouder is None
    assert "nog te benoemen" in client.get("/programma/2028/").content.decode()
    login("regiobestuur")
    geweigerd = client.post(f"{BASIS}/voorstellen/")
    assert "Benoem eerst een regionaal portefeuillehouder voor: Nachtnet" in (
        geweigerd.content.decode()
    )
    assert not ProgrammaVersie.objects.get(jaarprogramma__jaar=2028).is_bevroren


def test_overnemen_neemt_de_gepubliceerde_versie(demo):
    bestuur = User.objects.get(username="regiobestuur")
    services.corrigeer_programma(
        jaarprogramma=Jaarprogramma.objects.get(jaar=2027), reden="Test", acting_user=bestuur
    )
    # the demo's 2027 has a proposal (v1) and a proposed correction (v2): the new concept v3
    # is not published, so a new year takes over v2, the latest frozen version
    gepubliceerd = _gepubliceerd(2027)
    assert gepubliceerd.nummer == 2 and gepubliceerd.is_bevroren
    v3 = ProgrammaVersie.objects.get(jaarprogramma__jaar=2027, nummer=3)
    assert not v3.is_bevroren
    ProgrammaOpgave.objects.filter(versie=v3, opgave__slug="energietransitie").update(budget=1)
    Jaarprogramma.objects.filter(jaar=2028).delete()
    nieuw = services.maak_jaarprogramma(jaar=2028, titel="P", overnemen=True, acting_user=bestuur)
    assert nieuw.vorige == gepubliceerd
    assert nieuw.opgaven.get(opgave__slug="energietransitie").budget != 1


def test_admin_historie_van_een_concept_is_geheim(demo, client, login):
    login("beheer")
    po = _po("grensoverschrijdende-samenwerking", 2028)
    h = po.history.first()
    assert client.get(f"/admin/programma/programmaopgave/{po.pk}/history/").status_code == 404
    assert (
        client.get(f"/admin/programma/programmaopgave/{po.pk}/history/{h.history_id}/").status_code
        == 404
    )
    lijst = client.get("/admin/opgaven/opgave/").content.decode()
    assert "Grensoverschrijdende" not in lijst
    assert "Energietransitie" in lijst


def test_superscript_cijfers_in_een_meervoudige_keuze(demo, client, login):
    from tests.programma.test_opstellen import _opgave_post

    login("programmabureau")
    po = _po("energietransitie", 2028)
    for waarde in ("²", "①", "-1"):
        response = client.post(
            f"{BASIS}/opgaven/energietransitie/", _opgave_post(po, partners=[waarde])
        )
        assert response.status_code == 200, waarde


def test_benoemen_tussendoor_geeft_een_conflict_en_geen_stille_terugval(demo, client, login):
    from tests.programma.test_opstellen import _opgave_post

    login("regiobestuur")
    po = _po("woningbouwversnelling", 2028)
    formulier = _opgave_post(po)  # opened before the appointment
    nieuw = Bestuurder.objects.exclude(pk=po.portefeuillehouder_id).first()
    services.benoem_portefeuillehouder(
        programma_opgave=po, bestuurder=nieuw, acting_user=User.objects.get(username="beheer")
    )
    response = client.post(f"{BASIS}/opgaven/woningbouwversnelling/", formulier)
    assert "Iemand anders heeft intussen opgeslagen" in response.content.decode()
    po.refresh_from_db()
    assert po.portefeuillehouder == nieuw


def test_regiobestuur_kan_een_benoeming_intrekken(demo, client, login):
    from tests.programma.test_opstellen import _opgave_post

    login("regiobestuur")
    po = _po("woningbouwversnelling", 2028)
    response = client.post(
        f"{BASIS}/opgaven/woningbouwversnelling/", _opgave_post(po, portefeuillehouder="")
    )
    assert response.status_code == 302
    po.refresh_from_db()
    assert po.portefeuillehouder is None
    voorstel = client.get(f"{BASIS}/voorstellen/").content.decode()
    assert "Nog zonder regionaal portefeuillehouder" in voorstel


def test_houder_van_het_gepubliceerde_programma_houdt_zijn_recht(demo):
    marieke = User.objects.get(username="portefeuillehouder")
    opgave = Opgave.objects.get(slug="energietransitie")
    bureau = User.objects.get(username="programmabureau")
    from programma.services import verwijder_opgave_uit_programma

    verwijder_opgave_uit_programma(
        programma_opgave=_po("energietransitie", 2028), acting_user=bureau
    )
    po_2027 = _po("energietransitie", 2027)
    assert po_2027.portefeuillehouder.user == marieke
    assert User.objects.get(pk=marieke.pk).has_perm("programma.portefeuillehouder_van", po_2027)
    assert opgave in raden_selectors.opgaven_van_portefeuillehouder(marieke)


def test_identiteit_van_een_voorgestelde_opgave_ook_niet_via_update_of_sql(demo):
    with pytest.raises(Bevroren):
        Opgave.objects.filter(slug="energietransitie").update(titel="Anders")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE opgaven_opgave SET titel = 'Anders' WHERE slug = 'energietransitie'")
    assert Opgave.objects.get(slug="energietransitie").titel != "Anders"
    # other columns of such an opgave, and opgaven of no proposed programme, are free
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE opgaven_opgave SET titel = 'Vrij' "
            "WHERE slug = 'grensoverschrijdende-samenwerking'"
        )
    assert Opgave.objects.get(slug="grensoverschrijdende-samenwerking").titel == "Vrij"


def test_admin_toevoegen_aan_een_bevroren_versie_is_een_melding(demo, client):
    admin = User.objects.create_superuser("super", "s@example.nl", "lang-genoeg-wachtwoord")
    client.force_login(admin)
    bevroren = ProgrammaVersie.objects.get(jaarprogramma__jaar=2026)
    response = client.post(
        "/admin/programma/programmaopgave/add/",
        {
            "versie": bevroren.pk,
            "opgave": Opgave.objects.first().pk,
            "doel": "x",
            "resultaat": "x",
            "mandaat": "x",
            "sturing": "x",
            "budget": "1",
            "capaciteit_fte": "1",
            "rangorde": "0",
        },
    )
    assert response.status_code == 200  # the form again, with a message; no error page
    assert not ProgrammaOpgave.objects.filter(versie=bevroren, doel="x").exists()
    pagina = client.get(
        f"/admin/programma/programmaopgave/{_po('energietransitie', 2028).pk}/change/"
    ).content.decode()
    assert 'name="portefeuillehouder"' not in pagina  # appointed in the portal, not here
