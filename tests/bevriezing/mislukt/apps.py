from django.apps import AppConfig


class MisluktConfig(AppConfig):
    """A test-only app whose one migration fails (tests/bevriezing/test_migratie.py)."""

    name = "tests.bevriezing.mislukt"
    label = "mislukt"
