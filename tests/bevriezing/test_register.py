"""No model that belongs to a programme version escapes the register of frozen kinds, and the
register is generic: a declared path alone gives the model, queryset and trigger refusals."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from simple_history.models import HistoricalChanges

from programma import services
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from regio import bevriezing, triggers
from regio.exceptions import Bevroren
from tests.factories import PartnerFactory
from tests.programma import test_bevriezing

pytestmark = pytest.mark.django_db


def _hoort_bij_een_versie(model) -> bool:
    """Whether a chain of forward foreign keys leads from this model to ProgrammaVersie."""
    gezien, rand = set(), [model]
    while rand:
        huidig = rand.pop()
        if huidig is ProgrammaVersie:
            return True
        if huidig in gezien:
            continue
        gezien.add(huidig)
        rand += [
            f.related_model
            for f in huidig._meta.concrete_fields
            if f.is_relation and (f.many_to_one or f.one_to_one)
        ]
    return False


VAN_EEN_VERSIE = [
    m
    for m in apps.get_models()
    if not issubclass(m, HistoricalChanges)  # the record: append-only, see test_historie
    and _hoort_bij_een_versie(m)
]


def test_de_lijst_is_niet_leeg():
    assert {ProgrammaVersie, Bijdrage, ExterneRegeling} <= set(VAN_EEN_VERSIE)


@pytest.mark.parametrize("model", VAN_EEN_VERSIE, ids=lambda m: m._meta.label)
def test_niets_van_een_versie_ontsnapt(model):
    soort = bevriezing.soort_van(model)
    naam = model._meta.label
    if soort is None and bevriezing.vrijstelling(model):
        return  # declared: points at a version, but is not frozen with it (and says why)
    assert soort is not None, f"{naam} hoort bij een versie: registreer het (regio.bevriezing)"
    assert issubclass(model, bevriezing.Bevriesbaar), f"{naam}: save/delete weigeren niet"
    for manager in model._meta.managers:
        assert isinstance(manager.all(), bevriezing.BevrorenQuerySet), (
            f"{naam}.{manager.name} weigert geen bulk-writes op bevroren rijen"
        )
    eigen = {(t, n) for t, n in triggers.verwacht(connection.vendor) if t == model._meta.db_table}
    assert eigen, f"{naam} heeft geen databasetrigger"
    assert eigen <= triggers.aanwezig(), f"de trigger van {naam} ontbreekt in de database"
    if soort.wortel is not ProgrammaVersie:
        return  # a kind of its own (a confirmed Stemming) that refers to a version: its tests
    assert model in test_bevriezing.MODELLEN, f"{naam} ontbreekt in de bevriezingstests"
    if model is not ProgrammaVersie:
        assert soort in bevriezing.inhoud_van(ProgrammaVersie)


def test_correctie_kopieert_alles_wat_niet_anders_is_verklaard(concept, bestuur):
    """Every kind under a version is in the correction: copied row for row, or declared
    `kopieer=False` with its own rule (Bijdrage computed at proposal, Deelnemer kept)."""
    po = concept.opgaven.order_by("pk").first()
    services.voeg_externe_regeling_toe(
        programma_opgave=po,
        naam="Regio Deal",
        niveau="rijk",
        verwachte_cofinanciering=500_000,
        acting_user=bestuur,
    )
    StuurgroepLid.objects.create(programma_opgave=po, partner=PartnerFactory())
    bron = services.stel_programma_voor(versie=concept, acting_user=bestuur)
    nieuw = services.corrigeer_programma(
        jaarprogramma=bron.jaarprogramma, reden="Typefout", acting_user=bestuur
    )
    for soort in bevriezing.inhoud_van(ProgrammaVersie):
        model = soort.model
        oud = model.objects.filter(soort.onder_q(bron.pk)).count()
        kopie = model.objects.filter(soort.onder_q(nieuw.pk)).count()
        assert oud > 0, f"de test heeft geen {model.__name__}: voeg er een toe"
        if soort.kopieer or model is Deelnemer:
            assert kopie == oud, model.__name__
        else:
            assert model is Bijdrage and kopie == 0


def test_de_kopie_volgt_de_afhankelijkheden():
    volgorde = [s.model.__name__ for s in bevriezing.inhoud_van(ProgrammaVersie)]
    for voor, na in [
        ("ProgrammaOpgave", "StuurgroepLid"),
        ("ProgrammaOpgave", "Synergie"),
        ("ProgrammaOpgave", "Bijdrage"),
    ]:
        assert volgorde.index(voor) < volgorde.index(na)


# A kind that does not exist: ExterneRegelingen are frozen while their year is a concept. Its
# declaration alone (a path of three foreign keys ending in a status) must give all three
# layers, without migrations or code of its own.
PROEF = bevriezing.Soort(
    model=ExterneRegeling,
    paden=(bevriezing.Pad("programma_opgave__versie__jaarprogramma__status", ("concept",)),),
    melding="proef bevroren",
)


def test_een_nieuwe_soort_is_een_declaratie(concept, monkeypatch):
    po = concept.opgaven.order_by("pk").first()
    regeling = ExterneRegeling.objects.create(
        programma_opgave=po, naam="Proef", niveau="eu", verwachte_cofinanciering=1
    )
    sql = triggers.conditie(ExterneRegeling, PROEF.paden[0], "r")
    for tabel in ("programma_programmaopgave", "programma_programmaversie"):
        assert tabel in sql
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sql} FROM programma_externeregeling r WHERE r.id = %s", [regeling.pk]
        )
        assert cursor.fetchone()[0]

    monkeypatch.setitem(bevriezing._REGISTER, ExterneRegeling, PROEF)
    with pytest.raises(Bevroren, match="proef"):
        regeling.save()
    with pytest.raises(Bevroren, match="proef"):
        ExterneRegeling.objects.filter(pk=regeling.pk).update(naam="x")
    with pytest.raises(Bevroren, match="proef"):
        ExterneRegeling.objects.bulk_create(
            [ExterneRegeling(programma_opgave=po, naam="Nog een", niveau="eu")]
        )

    groep = triggers.soort_groep(PROEF, connection.vendor, naam="bevroren_proef")
    with connection.cursor() as cursor:
        for stmt in groep.statements:  # rolled back with the test's transaction
            cursor.execute(stmt)
    assert groep.namen <= triggers.aanwezig()
    with (
        pytest.raises(IntegrityError, match="bevroren"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE programma_externeregeling SET naam = 'x' WHERE id = %s", [regeling.pk]
        )
    regeling.refresh_from_db()
    assert regeling.naam == "Proef"


def test_weghalen_neemt_alles_mee_wat_erbij_hoort(concept, bestuur):
    """Taking an opgave out of a concept removes every registered row that belongs to it,
    each removal in its history with who did it."""
    po = concept.opgaven.order_by("pk").first()
    services.voeg_externe_regeling_toe(
        programma_opgave=po,
        naam="EFRO",
        niveau="eu",
        verwachte_cofinanciering=1,
        acting_user=bestuur,
    )
    StuurgroepLid.objects.create(programma_opgave=po, partner=PartnerFactory())
    delen = bevriezing.onderdelen(po)
    soorten = {type(d) for d in delen}
    assert {StuurgroepLid, ExterneRegeling, Synergie} <= soorten
    services.verwijder_opgave_uit_programma(programma_opgave=po, acting_user=bestuur)
    for deel in delen:
        assert not type(deel).objects.filter(pk=deel.pk).exists()
        laatste = deel.history.model.objects.filter(id=deel.pk).latest("history_id")
        assert (laatste.history_type, laatste.history_user) == ("-", bestuur)
