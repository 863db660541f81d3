"""Shared fixtures: the demo region (loaded once per test session) and logged-in clients."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from portaal.rollen import Rol, installeer_rollen
from programma import services
from regio.models import Lidmaatschap
from tests.factories import (
    BestuurderFactory,
    GemeenteFactory,
    OpgaveFactory,
    UserFactory,
    opgave_inhoud,
)


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Stored documents go to a folder of this test run, never into the checkout's media/."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


#: the PDFs rendered in this session, by everything maak_pdf renders from
_PDF_GEHEUGEN: dict[str, tuple[bytes, int]] = {}


@pytest.fixture(scope="session", autouse=True)
def _pdf_eenmaal_per_invoer():
    """WeasyPrint renders the same HTML with the same metadata to the same bytes: within a
    session each document is rendered once per input, and a test that renders it again (the
    zip of 18 raadsvoorstellen for every role of the URL matrix) gets those bytes. `make bench`,
    which times renders, does not run through this file."""
    import hashlib
    import json

    from programma.documenten import pdf

    echt = pdf.maak_pdf

    def onthouden(html, **opties):
        pdf._weasyprint()  # without WeasyPrint, no document: not even a remembered one
        sleutel = hashlib.sha256(
            json.dumps([html, opties], sort_keys=True, default=str).encode()
        ).hexdigest()
        if sleutel not in _PDF_GEHEUGEN:
            _PDF_GEHEUGEN[sleutel] = echt(html, **opties)
        return _PDF_GEHEUGEN[sleutel]

    pdf.maak_pdf = onthouden
    yield
    pdf.maak_pdf = echt


@pytest.fixture(autouse=True)
def _lege_paginacache():
    """Each test starts with an empty public page cache: a rolled-back test leaves the
    publication stand where it was, so a page it cached would match the next test's key."""
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture(scope="session")
def demo_region(django_db_setup, django_db_blocker):
    """The demo region of `manage.py demo`, committed once for the whole session; returns a
    snapshot of the database taken right after it was loaded (tests/snapshot.py)."""
    from portaal.demo.laden import laad_demo
    from tests import snapshot

    with django_db_blocker.unblock():
        laad_demo()
        return snapshot.neem()


@pytest.fixture(autouse=True)
def _demo_aanwezig(request, django_db_blocker):
    """For a test that uses the demo: the demo region committed in this worker's database. A
    transactional test that ran before on this worker (pytest-xdist hands them out in any
    order) left its tables empty. Autouse, so it runs before the test's transaction opens."""
    if "demo" not in request.fixturenames:
        return
    from tests import snapshot

    demo_region = request.getfixturevalue("demo_region")
    with django_db_blocker.unblock():
        if not demo_region.aanwezig():
            snapshot.herstel(demo_region)


@pytest.fixture
def demo(demo_region, db):
    return demo_region


@pytest.fixture
def demo_vastgelegd(demo_region, transactional_db):
    """The demo region, committed, for a transactional test (threads, a live server). After
    each such test pytest-django empties every table with `flush` (the project's own,
    regio/management/commands/flush.py, which the triggers let through); the next one gets the
    demo back from the session's snapshot, in well under a second instead of a new demo load."""
    from tests import snapshot

    if not demo_region.aanwezig():
        snapshot.herstel(demo_region)
    return demo_region


@pytest.fixture
def login(client):
    """login("regiobestuur") logs the test client in as a demo user."""

    def _login(username: str):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def rollen(db):
    return installeer_rollen()


@pytest.fixture
def bestuur(rollen):
    user = UserFactory(username="test-regiobestuur")
    user.groups.add(rollen[Rol.REGIOBESTUUR])
    return user


@pytest.fixture
def kleine_regio(db):
    """Three member gemeenten with inwoners on 1 January 2039, and (inside this test's
    transaction) no other members from then on, whether or not the demo region is loaded."""
    regio = [
        GemeenteFactory(inwoners=50_000, naam="Aaa", cbs_code="GM8101", slug="aaa"),
        GemeenteFactory(inwoners=30_000, naam="Bbb", cbs_code="GM8102", slug="bbb"),
        GemeenteFactory(inwoners=20_000, naam="Ccc", cbs_code="GM8103", slug="ccc"),
    ]
    Lidmaatschap.objects.exclude(gemeente__in=regio).update(einde=datetime.date(2038, 12, 31))
    return regio


@pytest.fixture
def concept(kleine_regio, bestuur):
    """A concept programme 2040 with two opgaven and a synergy between them."""
    versie = services.maak_jaarprogramma(jaar=2040, titel="Programma 2040", acting_user=bestuur)
    houder = BestuurderFactory(gemeente=kleine_regio[0])
    eerste = services.neem_opgave_op(
        versie=versie,
        opgave=OpgaveFactory(),
        acting_user=bestuur,
        portefeuillehouder=houder,
        **opgave_inhoud(budget=1_000_000),
    )
    tweede = services.neem_opgave_op(
        versie=versie,
        opgave=OpgaveFactory(),
        acting_user=bestuur,
        portefeuillehouder=houder,
        **opgave_inhoud(budget=250_001),
    )
    services.voeg_synergie_toe(
        van=tweede, naar=eerste, toelichting="Samen sterker.", acting_user=bestuur
    )
    return versie


PEILDATUM = datetime.date(2039, 1, 1)
