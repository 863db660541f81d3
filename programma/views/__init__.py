"""Views of the programme: `openbaar` (the read pages), `opstellen` (drafting a concept)."""

from programma.views import opstellen
from programma.views.openbaar import (
    begroting,
    gemeente,
    home,
    opgave,
    portefeuillehouders,
    programma,
    synergie,
    thema,
)

__all__ = [
    "begroting",
    "gemeente",
    "home",
    "opgave",
    "opstellen",
    "portefeuillehouders",
    "programma",
    "synergie",
    "thema",
]
