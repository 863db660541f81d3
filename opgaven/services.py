"""Creating the lasting identity of an opgave."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from opgaven.models import Opgave
from regio.exceptions import DomeinFout
from regio.history import bewaar
from regio.models import Thema


@transaction.atomic
def maak_opgave(*, titel: str, thema: Thema, sinds: int, acting_user) -> Opgave:
    """A new opgave with a unique, readable slug made from its title."""
    titel = " ".join(titel.split())
    if not titel:
        raise DomeinFout(_("Geef de opgave een titel."))
    if Opgave.objects.filter(titel__iexact=titel).exists():
        raise DomeinFout(_("Er bestaat al een opgave met de titel '%(titel)s'.") % {"titel": titel})
    basis = slugify(titel)[:90] or "opgave"
    slug, n = basis, 2
    while Opgave.objects.filter(slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return bewaar(Opgave(titel=titel, slug=slug, thema=thema, sinds=sinds), acting_user=acting_user)


@transaction.atomic
def werk_identiteit_bij(*, opgave: Opgave, titel: str, thema: Thema, acting_user) -> Opgave:
    """Rename an opgave or move it to another thema, while no proposed programme has it yet.
    Its slug (the address) stays, so links keep working."""
    titel = " ".join(titel.split())
    if not titel:
        raise DomeinFout(_("Geef de opgave een titel."))
    if Opgave.objects.exclude(pk=opgave.pk).filter(titel__iexact=titel).exists():
        raise DomeinFout(_("Er bestaat al een opgave met de titel '%(titel)s'.") % {"titel": titel})
    opgave = Opgave.objects.select_for_update().get(pk=opgave.pk)
    if (opgave.titel, opgave.thema_id) == (titel, thema.pk):
        return opgave
    opgave.titel, opgave.thema = titel, thema
    return bewaar(opgave, acting_user=acting_user)
