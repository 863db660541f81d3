"""Settings come from the environment; production mode passes `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    weg = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    omgeving = {k: v for k, v in os.environ.items() if k not in weg}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_productie_is_schoon_voor_check_deploy():
    uitkomst = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "een-lange-willekeurige-productiesleutel-0123456789",
        ALLOWED_HOSTS="regioportaal.example.nl",
    )
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "no issues" in uitkomst.stdout


def test_productie_zonder_secret_key_start_niet():
    uitkomst = _manage("check", DEBUG="0")
    assert uitkomst.returncode != 0
    assert "SECRET_KEY" in uitkomst.stderr


def test_database_url_wordt_gelezen():
    uitkomst = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DATABASE_URL="sqlite:////tmp/regioportaal-instellingen-test.sqlite3",
    )
    assert uitkomst.stdout.strip().splitlines()[-1] == "/tmp/regioportaal-instellingen-test.sqlite3"
