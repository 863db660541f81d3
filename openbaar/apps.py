from django.apps import AppConfig


class OpenbaarConfig(AppConfig):
    """The public layer: search, open data, the feed and the accessibility statement. Above
    raden (DESIGN.md §7): it reads every noun through the selectors the pages use, and nothing
    imports it (regio ← opgaven ← programma ← raden ← openbaar)."""

    name = "openbaar"
    verbose_name = "Openbaar"
