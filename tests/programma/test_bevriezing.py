"""A proposed version is frozen on every write path: model save and delete, queryset update,
delete and bulk writes, the admin, and raw SQL (database triggers)."""

import pytest
from django.db import IntegrityError, connection, models, transaction

from programma import services
from programma.models import (
    Bijdrage,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
)
from regio import bevriezing, triggers
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


# Every kind the register says belongs to a programme version: a new per-version model is in
# these tests by its declaration alone (tests/bevriezing/test_register.py checks none escapes).
MODELLEN = [s.model for s in bevriezing.soorten() if s.wortel is ProgrammaVersie]


def _rij(model, versie):
    return model.objects.filter(bevriezing.soort_van(model).onder_q(versie.pk)).order_by("pk")


def _snapshot(versie):
    return {m.__name__: sorted(map(str, _rij(m, versie).values())) for m in MODELLEN}


def wijziging(model):
    """A field a bulk update could change, and a value for it: the first plain text field,
    else the first number."""
    beschermd = bevriezing.soort_van(model).beschermd
    velden = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.name not in beschermd and not f.choices
    ]
    for f in velden:
        if isinstance(f, models.CharField | models.TextField):
            return f.name, "gewijzigd"
    for f in velden:
        if isinstance(f, models.IntegerField):
            return f.name, 1
    raise AssertionError(f"{model.__name__}: geen veld om te wijzigen in de test")


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_model_save_en_delete_weigeren(bevroren, model):
    voor = _snapshot(bevroren)
    obj = _rij(model, bevroren).first()
    assert obj is not None, f"de fixture heeft geen {model.__name__}"
    with pytest.raises(Bevroren):
        obj.save()
    with pytest.raises(Bevroren):
        obj.delete()
    with pytest.raises(Bevroren):
        obj.clean()
    assert _snapshot(bevroren) == voor


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_queryset_update_en_delete_weigeren(bevroren, model):
    voor = _snapshot(bevroren)
    qs = _rij(model, bevroren)
    veld, waarde = wijziging(model)
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


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_ruwe_sql_per_soort_wordt_geweigerd(bevroren, model):
    """UPDATE and DELETE of a frozen row, and (for rows under a version) a copy of it
    INSERTed: the database's own triggers refuse, with their message."""
    voor = _snapshot(bevroren)
    tabel = model._meta.db_table
    obj = _rij(model, bevroren).first()
    kolom = model._meta.get_field(wijziging(model)[0]).column
    statements = [
        f"UPDATE {tabel} SET {kolom} = {kolom} WHERE id = {obj.pk}",
        f"DELETE FROM {tabel} WHERE id = {obj.pk}",
    ]
    if bevriezing.soort_van(model).fk_paden:
        kolommen = ", ".join(f.column for f in model._meta.concrete_fields if not f.primary_key)
        statements.append(
            f"INSERT INTO {tabel} ({kolommen}) SELECT {kolommen} FROM {tabel} WHERE id = {obj.pk}"
        )
    for sql in statements:
        with (
            pytest.raises(IntegrityError, match="bevroren"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
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
    verwacht = triggers.verwacht(connection.vendor)
    assert verwacht
    assert verwacht <= triggers.aanwezig()


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
