"""A proposed version is frozen on every write path: model save and delete, queryset update,
delete and bulk writes, the admin, and raw SQL (database triggers)."""

import pytest
from django.db import IntegrityError, connection, transaction

from programma import services, triggers
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from regio.exceptions import Bevroren
from tests.factories import GemeenteFactory, OpgaveFactory, PartnerFactory, opgave_inhoud

pytestmark = pytest.mark.django_db


@pytest.fixture
def bevroren(concept, bestuur):
    po = concept.opgaven.order_by("pk").first()
    services.voeg_externe_regeling_toe(
        programma_opgave=po,
        naam="Regio Deal",
        niveau="rijk",
        verwachte_cofinanciering=500_000,
        acting_user=bestuur,
    )
    StuurgroepLid.objects.create(programma_opgave=po, partner=PartnerFactory())
    return services.stel_programma_voor(versie=concept, acting_user=bestuur)


MODELLEN = [
    ProgrammaVersie,
    Deelnemer,
    ProgrammaOpgave,
    StuurgroepLid,
    ExterneRegeling,
    Synergie,
    Bijdrage,
]


def _rij(model, versie):
    return {
        ProgrammaVersie: ProgrammaVersie.objects.filter(pk=versie.pk),
        Deelnemer: Deelnemer.objects.filter(versie=versie),
        ProgrammaOpgave: ProgrammaOpgave.objects.filter(versie=versie),
        StuurgroepLid: StuurgroepLid.objects.filter(programma_opgave__versie=versie),
        ExterneRegeling: ExterneRegeling.objects.filter(programma_opgave__versie=versie),
        Synergie: Synergie.objects.filter(van__versie=versie),
        Bijdrage: Bijdrage.objects.filter(programma_opgave__versie=versie),
    }[model]


def _snapshot(versie):
    return {m.__name__: sorted(map(str, _rij(m, versie).values())) for m in MODELLEN}


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_model_save_en_delete_weigeren(bevroren, model):
    voor = _snapshot(bevroren)
    obj = _rij(model, bevroren).first()
    with pytest.raises(Bevroren):
        obj.save()
    with pytest.raises(Bevroren):
        obj.delete()
    assert _snapshot(bevroren) == voor


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_queryset_update_en_delete_weigeren(bevroren, model):
    voor = _snapshot(bevroren)
    qs = _rij(model, bevroren)
    veld = {
        "ProgrammaVersie": "titel",
        "Deelnemer": "inwoners",
        "ProgrammaOpgave": "budget",
        "StuurgroepLid": "rol",
        "ExterneRegeling": "naam",
        "Synergie": "toelichting",
        "Bijdrage": "bedrag",
    }[model.__name__]
    waarde = 1 if veld in ("inwoners", "budget", "bedrag") else "gewijzigd"
    with pytest.raises(Bevroren):
        qs.update(**{veld: waarde})
    with pytest.raises(Bevroren):
        qs.delete()
    objs = list(qs)
    for obj in objs:
        setattr(obj, veld, waarde)
    with pytest.raises(Bevroren):
        model.objects.bulk_update(objs, [veld])
    assert _snapshot(bevroren) == voor


def test_niets_toevoegen_aan_een_bevroren_versie(bevroren, bestuur):
    po = bevroren.opgaven.first()
    with pytest.raises(Bevroren):
        services.neem_opgave_op(
            versie=bevroren,
            opgave=OpgaveFactory(),
            acting_user=bestuur,
            portefeuillehouder=po.portefeuillehouder,
            **opgave_inhoud(),
        )
    with pytest.raises(Bevroren):
        Bijdrage.objects.bulk_create(
            [Bijdrage(programma_opgave=po, gemeente=po.bijdragen.first().gemeente, bedrag=1)]
        )
    with pytest.raises(Bevroren):
        services.voeg_externe_regeling_toe(
            programma_opgave=po,
            naam="EFRO",
            niveau="eu",
            verwachte_cofinanciering=1,
            acting_user=bestuur,
        )


def test_jaarprogramma_met_voorgestelde_versie_kan_niet_weg(bevroren):
    with pytest.raises(Bevroren):
        bevroren.jaarprogramma.delete()
    assert Jaarprogramma.objects.filter(pk=bevroren.jaarprogramma_id).exists()


def test_triggers_zijn_geinstalleerd():
    aanwezig = triggers.aanwezig()
    verwacht = (
        {f"bevroren_{t}_{a}" for t in triggers.BEWAAKT for a in ("update", "delete", "insert")}
        - {f"bevroren_{triggers.VERSIE}_insert"}
        if connection.vendor == "sqlite"
        else {f"bevroren_{t}" for t in triggers.BEWAAKT}
    )
    assert verwacht <= aanwezig


SQL = [
    ("UPDATE programma_programmaversie SET titel = 'x' WHERE id = {versie}"),
    ("DELETE FROM programma_programmaversie WHERE id = {versie}"),
    ("UPDATE programma_programmaopgave SET budget = 1 WHERE versie_id = {versie}"),
    ("DELETE FROM programma_programmaopgave WHERE versie_id = {versie}"),
    ("UPDATE programma_deelnemer SET inwoners = 1 WHERE versie_id = {versie}"),
    ("UPDATE programma_bijdrage SET bedrag = 1 WHERE programma_opgave_id = {po}"),
    ("DELETE FROM programma_bijdrage WHERE programma_opgave_id = {po}"),
    (
        "UPDATE programma_synergie SET toelichting = 'x'"
        " WHERE van_id IN (SELECT id FROM programma_programmaopgave WHERE versie_id = {versie})"
    ),
    ("UPDATE programma_externeregeling SET naam = 'x' WHERE programma_opgave_id = {po}"),
    ("DELETE FROM programma_stuurgroeplid WHERE programma_opgave_id = {po}"),
    (
        "INSERT INTO programma_bijdrage (programma_opgave_id, gemeente_id, bedrag)"
        " VALUES ({po}, {nieuwe_gemeente}, 1)"
    ),
    (
        "INSERT INTO programma_externeregeling"
        " (programma_opgave_id, naam, niveau, verwachte_cofinanciering, toelichting)"
        " VALUES ({po}, 'Stiekem', 'eu', 1, '')"
    ),
]


@pytest.mark.parametrize("sql", SQL)
def test_ruwe_sql_wordt_door_de_database_geweigerd(bevroren, sql):
    po = bevroren.opgaven.order_by("pk").first()
    nieuwe_gemeente = GemeenteFactory(lid_sinds=False)
    voor = _snapshot(bevroren)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(versie=bevroren.pk, po=po.pk, nieuwe_gemeente=nieuwe_gemeente.pk))
    assert _snapshot(bevroren) == voor


def test_een_concept_mag_wel_veranderen(concept):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE programma_programmaopgave SET budget = 7 WHERE versie_id = %s", [concept.pk]
        )
    assert set(concept.opgaven.values_list("budget", flat=True)) == {7}
    concept.titel = "Nieuwe titel"
    concept.save()
    ProgrammaOpgave.objects.filter(versie=concept).update(budget=8)
    assert set(concept.opgaven.values_list("budget", flat=True)) == {8}


def test_jaarprogramma_queryset_delete_weigert_ook(bevroren):
    with pytest.raises(Bevroren):
        Jaarprogramma.objects.filter(pk=bevroren.jaarprogramma_id).delete()
    assert ProgrammaVersie.objects.filter(pk=bevroren.pk).exists()


def test_de_admin_toont_een_bevroren_versie_alleen_lezen(bevroren, client, django_user_model):
    admin = django_user_model.objects.create_superuser("super", "s@example.nl", "geheim-genoeg")
    client.force_login(admin)
    po = bevroren.opgaven.first()
    pagina = client.get(f"/admin/programma/programmaopgave/{po.pk}/change/")
    assert pagina.status_code == 200
    assert 'name="budget"' not in pagina.content.decode()  # read-only: no input
    response = client.post(
        f"/admin/programma/programmaopgave/{po.pk}/change/", {"budget": "1", "doel": "x"}
    )
    assert response.status_code == 403
    assert (
        client.post(
            f"/admin/programma/programmaopgave/{po.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    po.refresh_from_db()
    assert po.budget != 1
    concept_url = f"/admin/programma/programmaversie/{bevroren.pk}/change/"
    assert 'name="titel"' not in client.get(concept_url).content.decode()
