"""Every state change of a Jaarprogramma: one function each, atomic, with the acting user
recorded in the history and a Dutch DomeinFout when a rule refuses.

levenscyclus: a year's programme from creation through proposal, correction and closing;
opstellen: the drafting of a concept version (texts, opgaven, synergieën, verdeelsleutel);
terugzetten: reverting a concept opgave or a concept's texts to an earlier recorded state."""

from programma.services.levenscyclus import (
    benoem_portefeuillehouder,
    corrigeer_programma,
    maak_jaarprogramma,
    neem_opgave_op,
    sluit_programma_af,
    stel_programma_vast,
    stel_programma_voor,
    verwijder_synergie,
    voeg_externe_regeling_toe,
    voeg_synergie_toe,
)
from programma.services.opstellen import (
    Conflict,
    Samengevoegd,
    stand_van_opgave,
    stand_van_visie,
    verwijder_externe_regeling,
    verwijder_opgave_uit_programma,
    voeg_opgave_samen,
    voeg_visie_samen,
    werk_opgave_bij,
    werk_verdeelsleutel_bij,
    werk_visie_bij,
)
from programma.services.terugzetten import (
    mag_terugzetten,
    standen_van_opgave,
    standen_van_visie,
    zet_opgave_terug,
    zet_visie_terug,
)

__all__ = [
    "Conflict",
    "Samengevoegd",
    "benoem_portefeuillehouder",
    "corrigeer_programma",
    "maak_jaarprogramma",
    "mag_terugzetten",
    "neem_opgave_op",
    "sluit_programma_af",
    "stand_van_opgave",
    "stand_van_visie",
    "standen_van_opgave",
    "standen_van_visie",
    "stel_programma_vast",
    "stel_programma_voor",
    "verwijder_externe_regeling",
    "verwijder_opgave_uit_programma",
    "verwijder_synergie",
    "voeg_externe_regeling_toe",
    "voeg_opgave_samen",
    "voeg_synergie_toe",
    "voeg_visie_samen",
    "werk_opgave_bij",
    "werk_verdeelsleutel_bij",
    "werk_visie_bij",
    "zet_opgave_terug",
    "zet_visie_terug",
]
