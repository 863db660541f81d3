"""Every state change of the councils, one function each (CONVENTIONS.md): the raad itself
(raad.py), voting windows (venster.py), votes (stemmen.py), the round as a whole
(ronde.py), technische vragen (vragen.py)."""

from raden.services.raad import (
    beeindig_raadslidmaatschap,
    benoem_griffier,
    stel_fracties_vast,
    voeg_raadslid_toe,
    zetels_van,
)
from raden.services.ronde import sluit_besluitronde
from raden.services.stemmen import stem, stem_fractie, stemgerechtigden, uitslag_van
from raden.services.venster import (
    bevestig_stemming,
    heropen_stemming,
    open_stemmingen,
    sluit_stemming,
)
from raden.services.vragen import beantwoord_vraag, stel_vraag

__all__ = [
    "beantwoord_vraag",
    "stel_vraag",
    "beeindig_raadslidmaatschap",
    "benoem_griffier",
    "bevestig_stemming",
    "heropen_stemming",
    "open_stemmingen",
    "sluit_besluitronde",
    "sluit_stemming",
    "stel_fracties_vast",
    "stem",
    "stem_fractie",
    "stemgerechtigden",
    "uitslag_van",
    "voeg_raadslid_toe",
    "zetels_van",
]
