"""The programme document: vision, thema's, every opgave, the bijdragen table of all gemeenten."""

from __future__ import annotations

from programma import cijfers
from programma.models import ProgrammaVersie


def programma_context(versie: ProgrammaVersie, gemeente=None) -> dict:
    """What the programme document shows: vision, thema's, every opgave, the bijdragen table
    of all gemeenten."""
    from programma.documenten.inhoud import opgaven_met_details

    figuren = cijfers.versie_cijfers(versie)
    details = {po.pk: po for po in opgaven_met_details(versie)}
    return {
        "cijfers": figuren,
        "opgaven": [details[po.pk] for po in figuren.opgaven],
    }
