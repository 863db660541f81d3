"""After PostgreSQL restarts, the next request succeeds (issue 19: "none after it is back").

A restart ends every connection a worker holds: the idle ones in Django's pool and the worker's
own connection for the publication stand (regio/publicatie.py). pg_terminate_backend ends them
the same way without stopping the server for everyone else; `make bench` restarts the server
itself (portaal/bench/storing/)."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client

from regio import publicatie

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Django's pool and the stand's own connection are PostgreSQL's",
)

ANONIEM = "/programma/2027/"  # from the page cache: only the stand is read
INGELOGD = "/mijn/"  # session, user and rights through the pool


def _beeindig_alle_verbindingen() -> int:
    """End every other session on the test database, waiting until each has ended."""
    params = {
        k: v
        for k, v in connection.get_connection_params().items()
        if k not in ("cursor_factory", "context", "prepare_threshold")
    }
    with psycopg.connect(**params, autocommit=True) as beheer:
        return beheer.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000))"
            " FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        ).fetchone()[0]


@pytest.fixture
def productie(settings):
    """The production path: the page cache on and the stand over the worker's own connection,
    and the pool as a gunicorn sync worker has it: one connection. Earlier tests on this test
    worker (a live server's thread, say) may have grown it, and every idle connection that died
    costs the request that finds it a back-off sleep of 1, 2, 4, 8 s: four are past the wait."""
    connection.close()
    connection.close_pool()
    settings.DEBUG = False
    settings.STAND_EIGEN_VERBINDING = True
    yield
    publicatie.sluit_eigen_verbinding()  # or the test database cannot be dropped


def _bezoekers() -> tuple[Client, Client]:
    griffier = Client()
    griffier.force_login(get_user_model().objects.get(username="griffier-arnhem"))
    connection.close()
    return Client(), griffier


def _haal(client: Client, pad: str) -> int:
    """A request as a worker handles it: the connection goes back to the pool afterwards (the
    test client keeps it checked out between requests, for the tests' transactions)."""
    try:
        return client.get(pad).status_code
    finally:
        connection.close()


def test_na_een_herstart_slaagt_het_volgende_verzoek(demo_vastgelegd, productie):
    anoniem, griffier = _bezoekers()
    assert _haal(anoniem, ANONIEM) == 200
    assert _haal(griffier, INGELOGD) == 200
    stand_verbinding = publicatie._lezer.verbinding
    assert connection.pool.get_stats()["pool_available"] >= 1  # idle in the pool

    assert _beeindig_alle_verbindingen() >= 2  # the stand's and the pool's at least

    # the test client re-raises an exception in a view: a 500 would fail here
    assert _haal(anoniem, ANONIEM) == 200
    assert publicatie._lezer.verbinding is not stand_verbinding  # a new one replaced it
    begin = time.monotonic()
    assert _haal(griffier, INGELOGD) == 200
    # the stand's dead connection made the pool test its idle ones and replace them: this
    # request did not meet a dead one (and psycopg_pool's back-off sleep of a second after it)
    assert time.monotonic() - begin < 0.9


def test_na_een_herstart_slaagt_ook_een_eerste_ingelogd_verzoek(demo_vastgelegd, productie):
    """Without an anonymous visitor first, the pool finds its dead connection itself."""
    _, griffier = _bezoekers()
    assert _haal(griffier, INGELOGD) == 200
    assert _beeindig_alle_verbindingen() >= 1
    begin = time.monotonic()
    assert _haal(griffier, INGELOGD) == 200
    # one dead idle connection (a sync worker keeps one) costs a back-off sleep of a second;
    # psycopg_pool's default of four cost 1 + 2 + 4 s
    assert time.monotonic() - begin < 4
    assert _haal(griffier, INGELOGD) == 200


def test_zonder_controle_faalt_het_verzoek_na_een_herstart(demo_vastgelegd):
    """The control: a pool that hands out its connections unchecked (CONN_HEALTH_CHECKS off)
    gives the request after the restart a dead connection. This is what the check prevents."""
    _, griffier = _bezoekers()
    connection.close()
    connection.close_pool()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    try:
        assert _haal(griffier, INGELOGD) == 200
        _beeindig_alle_verbindingen()
        with pytest.raises(OperationalError, match="terminating connection"):
            _haal(griffier, INGELOGD)
    finally:
        connection.close()
        connection.close_pool()
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    assert _haal(griffier, INGELOGD) == 200


@pytest.fixture
def weigerende_database(monkeypatch, transactional_db, productie):
    """The stand's connection refused `n` times (PostgreSQL restarting), then the real one."""
    echt = publicatie._eigen_verbinding
    pogingen = []
    ververst = []
    monkeypatch.setattr(publicatie, "_ververs_pool", lambda conn: ververst.append(conn))

    def weiger(n: int) -> list:
        def verbind(conn):
            pogingen.append(time.monotonic())
            if len(pogingen) <= n:
                raise psycopg.OperationalError("the database system is starting up")
            return echt(conn)

        monkeypatch.setattr(publicatie, "_eigen_verbinding", verbind)
        return pogingen, ververst

    return weiger


def test_de_stand_wacht_op_een_herstartende_database(weigerende_database, settings):
    """While PostgreSQL restarts, the stand is tried again (as the pool waits for a connection)
    instead of failing the request at once."""
    settings.DATABASE_WACHTTIJD = 10
    settings.STAND_EIGEN_VERBINDING = False
    verwacht = publicatie.stand()  # over Django's connection
    settings.STAND_EIGEN_VERBINDING = True
    pogingen, ververst = weigerende_database(5)
    begin = time.monotonic()
    assert publicatie.stand() == verwacht
    assert len(pogingen) == 6
    assert ververst == [connection]  # once back, the pool's dead connections are replaced
    # the first retry at once (a connection that died in a restart), then every WACHTSTAP_S
    assert pogingen[1] - pogingen[0] < publicatie.WACHTSTAP_S
    assert time.monotonic() - begin < 2


def test_de_stand_geeft_op_na_de_wachttijd(weigerende_database, settings):
    settings.DATABASE_WACHTTIJD = 0.3
    pogingen, ververst = weigerende_database(1000)
    begin = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        publicatie.stand()
    duur = time.monotonic() - begin
    assert 0.3 <= duur < 1.5, duur
    assert len(pogingen) >= 3 and ververst == []
