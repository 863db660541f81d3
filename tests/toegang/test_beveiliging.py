"""Login security: argon2, lock-out, sessions, CSRF, Content-Security-Policy, headers."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.utils import load_backend
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_wachtwoorden_met_argon2(demo):
    assert get_user_model().objects.get(username="regiobestuur").password.startswith("argon2")


def _inloggen(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_blokkade_na_herhaald_fout_inloggen(demo, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _inloggen(client, "griffier-arnhem", "fout")
        assert response.status_code == 200
        assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert _inloggen(client, "griffier-arnhem", "fout").status_code == 429  # the last try
    geblokkeerd = _inloggen(client, "griffier-arnhem", "demo")  # now even the right one
    assert geblokkeerd.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    assert "_auth_user_id" not in client.session
    # The same council hall (address), another person: not locked out.
    assert _inloggen(Client(), "raadslid-arnhem", "demo").status_code == 302
    # The same person from another address: not locked out either.
    assert _inloggen(Client(), "griffier-arnhem", "demo", ip="10.0.0.2").status_code == 302
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60  # finite


def test_sessies_verlopen():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_csrf_op_elk_formulier(demo):
    client = Client(enforce_csrf_checks=True)
    assert _inloggen(client, "regiobestuur", "demo").status_code == 403
    for template in (ROOT / "templates").rglob("*.html"):
        tekst = template.read_text()
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", tekst, re.S):
            assert "{% csrf_token %}" in form, template


PAGINAS = [
    "/",
    "/programma/2027/",
    "/opgaven/energietransitie/",
    "/gemeenten/",
    "/gemeenten/arnhem/",
    "/accounts/login/",
    "/mijn/",
    "/gemeenten/arnhem/raad/",
    "/admin/",
    "/admin/regio/gemeente/",
]


@pytest.mark.parametrize("url", PAGINAS)
def test_geen_inline_script_en_een_strenge_csp(demo, client, login, url):
    login("griffier-arnhem" if "raad" in url else ("beheer" if "admin" in url else "regiobestuur"))
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", response.content.decode(), re.S
    )
    assert [s for s in inline if s.strip()] == [] or all(
        "application/json" in tag
        for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
    )


def test_beveiligingsheaders_in_productie():
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True, HTTP_HOST='regioportaal.example.nl');"
        "print(json.dumps({'status': r.status_code, **{k: v for k, v in r.headers.items()}}))"
    )
    omgeving = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "regioportaal.example.nl",
        "DJANGO_SETTINGS_MODULE": "regio.settings",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    uitkomst = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    regel = uitkomst.stdout.strip().splitlines()[-1]
    headers = json.loads(regel)
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    onveilig = subprocess.run(
        [sys.executable, "-c", code.replace("secure=True", "secure=False")],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The health check answers over plain HTTP, for load balancers; every other page redirects.
    assert json.loads(onveilig.stdout.strip().splitlines()[-1])["status"] == 200
    pagina = subprocess.run(
        [
            sys.executable,
            "-c",
            code.replace("secure=True", "secure=False").replace("/healthz", "/"),
        ],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(pagina.stdout.strip().splitlines()[-1])["status"] == 301  # to https


# --- recovery: a password reset lifts the lock-out (issue 13.6) ---------------------------


def _blokkeer(username: str, ip: str = "10.0.0.1") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(Client(), username, "fout", ip=ip)
    assert _inloggen(Client(), username, "demo", ip=ip).status_code == 429


def _herstel_wachtwoord(email: str, nieuw: str) -> None:
    from django.core import mail

    client = Client()
    mail.outbox.clear()
    assert client.post("/accounts/wachtwoord/vergeten/", {"email": email}).status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/wachtwoord/nieuw/\S+)", mail.outbox[0].body)
    formulier = client.get(link.group(1), follow=True)  # Django moves the token to the session
    assert formulier.status_code == 200
    stap = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw}
    )
    assert stap.status_code == 302 and stap["Location"] == "/accounts/wachtwoord/opgeslagen/"


def test_wachtwoordherstel_heft_de_blokkade_op(demo):
    _blokkeer("griffier-arnhem")
    _blokkeer("griffier-nijmegen")
    geblokkeerd = _inloggen(Client(), "griffier-arnhem", "demo")
    assert 'href="/accounts/wachtwoord/vergeten/"' in geblokkeerd.content.decode()  # the advice
    _herstel_wachtwoord("griffier-arnhem@demo.regioportaal.nl", "Nieuw-en-lang-genoeg-2027")
    # The advice works: the new password lets them in at once, from the same address.
    assert _inloggen(Client(), "griffier-arnhem", "Nieuw-en-lang-genoeg-2027").status_code == 302
    # Only that account: another locked-out person stays locked out.
    assert _inloggen(Client(), "griffier-nijmegen", "demo").status_code == 429


def test_een_wachtwoordaanvraag_alleen_heft_niets_op(demo):
    from django.core import mail

    _blokkeer("griffier-arnhem")
    mail.outbox.clear()
    Client().post(
        "/accounts/wachtwoord/vergeten/", {"email": "griffier-arnhem@demo.regioportaal.nl"}
    )
    assert len(mail.outbox) == 1
    # Asking is not proving: until the link is used, the lock-out holds.
    assert _inloggen(Client(), "griffier-arnhem", "demo").status_code == 429


# --- the health check: fast, plain and discreet when the database is down (issue 13.6) ---


def _kapotte_database(monkeypatch, instellingen: dict) -> None:
    from regio import views

    basis = views._database_instellingen()
    monkeypatch.setattr(views, "_database_instellingen", lambda: {**basis, **instellingen})


VERBODEN_IN_ANTWOORD = [
    "sqlite",
    "psycopg",
    "postgres",
    "operationalerror",
    "connection",
    "127.0.0.1",
    "port",
    "file",
    "fatal",
]


def _controleer_503(client, django_assert_max_num_queries) -> float:
    import time

    begin = time.monotonic()
    with django_assert_max_num_queries(0):
        response = client.get("/healthz")
    duur = time.monotonic() - begin
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "fout", "database": "onbereikbaar"}
    tekst = response.content.decode().lower()
    assert [w for w in VERBODEN_IN_ANTWOORD if w in tekst] == []
    return duur


def test_healthz_is_ok_met_een_database(db, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):  # its own connection, not the request's
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_sqlite_kapot_pad(db, client, monkeypatch, django_assert_max_num_queries):
    _kapotte_database(
        monkeypatch,
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": "/bestaat/niet/regioportaal.sqlite3",
            "OPTIONS": {},
        },
    )
    assert _controleer_503(client, django_assert_max_num_queries) < 1.0


def _postgres(poort: int, host: str = "127.0.0.1") -> dict:
    # A site on PostgreSQL has its driver loaded at start-up, long before a health check; a
    # test run on SQLite loads it only here. Load it before the clock runs: importing psycopg
    # takes a third of a second on an idle machine and can pass the check's wait under load,
    # which would time the import instead of the unreachable database.
    load_backend("django.db.backends.postgresql")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "regioportaal",
        "USER": "regioportaal",
        "PASSWORD": "geheim-wachtwoord",
        "HOST": host,
        "PORT": str(poort),
        "OPTIONS": {"connect_timeout": 2},
    }


def _vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_healthz_postgres_gesloten_poort(db, client, monkeypatch, django_assert_max_num_queries):
    _kapotte_database(monkeypatch, _postgres(_vrije_poort()))
    assert _controleer_503(client, django_assert_max_num_queries) < 1.0


def test_healthz_postgres_die_niet_antwoordt(
    db, client, monkeypatch, django_assert_max_num_queries
):
    """A server that accepts the connection and then says nothing: libpq would wait for its
    connect timeout (at least 2 s); the check answers within a second anyway."""
    import socket

    stil = socket.socket()
    stil.bind(("127.0.0.1", 0))
    stil.listen(8)
    try:
        _kapotte_database(monkeypatch, _postgres(stil.getsockname()[1]))
        assert _controleer_503(client, django_assert_max_num_queries) < 1.0
    finally:
        stil.close()


def test_postgres_verbindt_met_een_korte_timeout_en_een_gecontroleerde_pool():
    """Production's database settings, as a site on PostgreSQL reads them: a short connect
    timeout; Django's pool, built as Django builds it (a "check" of our own beside the one
    Django passes for CONN_HEALTH_CHECKS would be a TypeError here), with one connection kept
    per sync worker (after a restart of PostgreSQL each dead idle one costs the request that
    finds it a growing back-off sleep) and a wait for a connection shorter than gunicorn's
    30 s worker timeout."""
    code = (
        "import django, json; django.setup();"
        "from django.conf import settings; from django.db import connection;"
        "pool = connection.pool;"
        "print(json.dumps({**settings.DATABASES['default']['OPTIONS'],"
        " 'health': settings.DATABASES['default']['CONN_HEALTH_CHECKS'],"
        " 'gebouwd': [pool.min_size, pool.max_size, pool.timeout]}))"
    )
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regio.settings",
        "DATABASE_URL": "postgres://regioportaal@db.example.nl:5432/regioportaal",
    }
    uitkomst = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=omgeving, capture_output=True, text=True
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
    opties = json.loads(uitkomst.stdout.strip().splitlines()[-1])
    assert opties["connect_timeout"] <= 2
    assert opties["health"] is True and "check" not in opties["pool"]
    assert opties["gebouwd"] == [1, 10, 10.0]
    assert opties["pool"]["timeout"] < 30
