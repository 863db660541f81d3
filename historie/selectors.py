"""Which history pages exist for a reader: 404 alike for what does not exist and for what
must stay secret (a concept's opgave or year for whoever may not see the concept)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from opgaven.models import Opgave
from programma.models import Jaarprogramma
from programma.selectors import zichtbare_versies
from regio.models import Gemeente


def opgave_of_404(user, slug: str) -> Opgave:
    """The opgave whose history this user may read: one that is in a version they may see."""
    opgave = Opgave.objects.filter(slug=slug).first()
    if opgave is None or not zichtbare_versies(user).filter(opgaven__opgave=opgave).exists():
        raise Http404("Geen opgave met dit adres.")
    return opgave


def jaarprogramma_of_404(user, jaar: int) -> Jaarprogramma:
    """The programme year whose history this user may read: one with a version they may see."""
    programma = Jaarprogramma.objects.filter(jaar=jaar).first()
    if programma is None or not zichtbare_versies(user).filter(jaarprogramma=programma).exists():
        raise Http404("Geen programma voor dit jaar.")
    return programma


def gemeente_of_404(slug: str) -> Gemeente:
    """A gemeente's decision history is public (what is not yet confirmed is left out)."""
    return get_object_or_404(Gemeente, slug=slug)


def jaren_met_stemmingen(gemeente: Gemeente) -> list[int]:
    """The programme years this gemeente's council voted on (newest first)."""
    from raden.models import Stemming

    return sorted(
        set(
            Stemming.objects.filter(gemeente=gemeente).values_list(
                "versie__jaarprogramma__jaar", flat=True
            )
        ),
        reverse=True,
    )
