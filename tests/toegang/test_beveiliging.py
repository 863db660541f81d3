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
    assert json.loads(onveilig.stdout.strip().splitlines()[-1])["status"] == 301  # to https
