from django.apps import AppConfig


class HistorieConfig(AppConfig):
    """The audited history of everything the portal records, and who may read which part of it.
    Above raden: it reads every noun (regio ← opgaven ← programma ← raden ← historie)."""

    name = "historie"
    verbose_name = "Historie"
