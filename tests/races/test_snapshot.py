"""The snapshot that gives transactional tests the demo back after their flush
(tests/snapshot.py) puts back exactly what a fresh load left: the same rows in every table, the
same ids and contents of the key tables, sequences that go on after them, and the triggers
working as before."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from programma.models import ProgrammaVersie
from regio import triggers
from tests import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "superuser",
    [
        None,
        pytest.param(
            False,
            marks=pytest.mark.skipif(
                connection.vendor != "postgresql", reason="PostgreSQL's other way"
            ),
        ),
    ],
    ids=["zoals-de-rol-kan", "zonder-superuser"],
)
def test_na_flush_en_herstel_is_de_demo_als_vers_geladen(demo_vastgelegd, superuser):
    vers = demo_vastgelegd.afdruk  # taken right after laad_demo()
    assert snapshot.vingerafdruk() == vers

    # what pytest-django does after a transactional test: our flush, then post_migrate
    # (content types, permissions and role groups again, with other ids)
    call_command("flush", interactive=False, verbosity=0)
    assert not demo_vastgelegd.aanwezig()

    snapshot.herstel(demo_vastgelegd, superuser=superuser)
    assert demo_vastgelegd.aanwezig()
    assert snapshot.vingerafdruk() == vers

    # the triggers are all there and refuse again
    tabellen = set(connection.introspection.table_names())
    assert triggers.aanwezig() == triggers.verwacht(connection.vendor, tabellen)
    bevroren = ProgrammaVersie.objects.bevroren().order_by("pk").first()
    with (
        pytest.raises(IntegrityError, match="Regioportaal"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE programma_programmaversie SET titel = 'vervalst' WHERE id = %s", [bevroren.pk]
        )
    # the sequences go on after the restored ids
    User = get_user_model()
    nieuw = User.objects.create_user("na-herstel")
    assert nieuw.pk > User.objects.exclude(pk=nieuw.pk).order_by("-pk").first().pk
    # flush's post_migrate cached content types with other ids: no longer
    ct = ContentType.objects.get_for_model(ProgrammaVersie)
    assert ct == ContentType.objects.filter(app_label="programma", model="programmaversie").get()
