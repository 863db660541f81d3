"""Settings with an extra app whose migration fails (tests/bevriezing/test_migratie.py)."""

from regio.settings import *  # noqa: F403
from regio.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.bevriezing.mislukt"]
