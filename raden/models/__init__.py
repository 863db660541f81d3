"""The councils (raad.py), their votes and decisions (stemming.py) and questions (vraag.py)."""

from raden.models.raad import Fractie, Partij, Raadslid, raadsgrootte
from raden.models.stemming import Besluit, Dekking, Keuze, Reden, Stem, Stemming, Uitkomst
from raden.models.vraag import Vraag

__all__ = [
    "Besluit",
    "Dekking",
    "Fractie",
    "Keuze",
    "Partij",
    "Raadslid",
    "Reden",
    "Stem",
    "Stemming",
    "Uitkomst",
    "Vraag",
    "raadsgrootte",
]
