"""The Jaarprogramma itself is guarded on every path: its jaar is fixed once a version is
proposed, its status only moves forward, a closed year is frozen, and (PostgreSQL) a TRUNCATE of
a table with frozen rows is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from programma import services
from programma.models import Jaarprogramma, Status
from regio.exceptions import Bevroren, DomeinFout

pytestmark = pytest.mark.django_db


@pytest.fixture
def voorgesteld(concept, bestuur):
    return services.stel_programma_voor(versie=concept, acting_user=bestuur).jaarprogramma


def _ruw(sql, *params):
    with (
        pytest.raises(IntegrityError, match="Regioportaal"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def _stand(programma):
    return Jaarprogramma.objects.filter(pk=programma.pk).values_list("jaar", "status").get()


def test_jaar_ligt_vast_zodra_een_versie_is_voorgesteld(voorgesteld):
    voor = _stand(voorgesteld)
    voorgesteld.jaar = 2035
    with pytest.raises(DomeinFout):
        voorgesteld.save()
    with pytest.raises(ValidationError, match="ligt vast"):  # the admin's form shows it
        voorgesteld.full_clean()
    with pytest.raises(DomeinFout):
        Jaarprogramma.objects.update(jaar=2035)
    with pytest.raises(DomeinFout):
        Jaarprogramma.objects.filter(pk=voorgesteld.pk).update(jaar=2035)
    _ruw("UPDATE programma_jaarprogramma SET jaar = 2035 WHERE id = %s", voorgesteld.pk)
    assert _stand(voorgesteld) == voor


def test_jaar_van_een_concept_mag_nog_veranderen(concept):
    programma = concept.jaarprogramma
    Jaarprogramma.objects.filter(pk=programma.pk).update(jaar=2041)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE programma_jaarprogramma SET jaar = 2042 WHERE id = %s", [programma.pk]
        )
    assert _stand(programma) == (2042, Status.CONCEPT)


def test_status_alleen_vooruit(voorgesteld):
    voor = _stand(voorgesteld)
    voorgesteld.status = Status.CONCEPT
    with pytest.raises(DomeinFout):
        voorgesteld.save()
    voorgesteld.status = Status.AFGESLOTEN  # a step skipped
    with pytest.raises(DomeinFout):
        voorgesteld.save()
    voorgesteld.status = Status.VASTGESTELD  # the next step, but not through a service
    with pytest.raises(DomeinFout, match="alleen door voorstellen"):
        voorgesteld.save()
    with pytest.raises(DomeinFout):
        Jaarprogramma.objects.filter(pk=voorgesteld.pk).update(status=Status.CONCEPT)
    # raw SQL: back to concept, or skipping a step, is refused by the database
    _ruw("UPDATE programma_jaarprogramma SET status = 'concept' WHERE id = %s", voorgesteld.pk)
    _ruw("UPDATE programma_jaarprogramma SET status = 'afgesloten' WHERE id = %s", voorgesteld.pk)
    _ruw("DELETE FROM programma_jaarprogramma WHERE id = %s", voorgesteld.pk)
    assert _stand(voorgesteld) == voor


def test_een_afgesloten_jaar_is_bevroren(voorgesteld, bestuur):
    services.stel_programma_vast(jaarprogramma=voorgesteld, acting_user=bestuur)
    programma = services.sluit_programma_af(jaarprogramma=voorgesteld, acting_user=bestuur)
    assert programma.status == Status.AFGESLOTEN
    with pytest.raises(Bevroren):
        programma.save()
    with pytest.raises(Bevroren):
        programma.delete()
    with pytest.raises(Bevroren):
        Jaarprogramma.objects.filter(pk=programma.pk).delete()
    _ruw("UPDATE programma_jaarprogramma SET status = status WHERE id = %s", programma.pk)
    assert _stand(programma) == (programma.jaar, Status.AFGESLOTEN)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize(
    "tabel",
    [
        "programma_bijdrage",
        "programma_programmaopgave CASCADE",
        "programma_programmaversie CASCADE",
        "programma_jaarprogramma CASCADE",
        "programma_historicalbijdrage",
        "regio_historicalgemeente",
    ],
)
def test_truncate_van_bevroren_rijen_wordt_geweigerd(voorgesteld, tabel):
    with connection.cursor() as cursor:
        # The test's transaction has deferred foreign-key checks pending, which TRUNCATE
        # would refuse before any trigger could.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _ruw(f"TRUNCATE {tabel}")
    assert voorgesteld.versies.get().opgaven.first().bijdragen.exists()
