"""The search form: the query and its filters, read from the query string (GET).

Every filter is a choice among values read from the database, so no value a visitor types
reaches a query except the search text itself, which only ever goes in as a parameter."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from programma.models import Jaarprogramma, Status
from regio.models import Gemeente, Thema

#: longer queries are cut to this many characters (and the page says so)
MAX_LENGTE = 200

OPGAVEN, PROGRAMMA, VRAGEN = "opgaven", "programma", "vragen"
SOORTEN = [
    (OPGAVEN, _("Opgaven")),
    (PROGRAMMA, _("Programmateksten")),
    (VRAGEN, _("Technische vragen en antwoorden")),
]

GEDEKT, NIET_GEDEKT = "gedekt", "niet-gedekt"
#: the status of the programme year (every kind), or of an opgave after the decision round
STATUSSEN = [
    (
        _("Programmajaar"),
        [(s.value, s.label) for s in Status if s != Status.CONCEPT],
    ),
    (
        _("Opgave na de besluitronde"),
        [(GEDEKT, _("gedekt")), (NIET_GEDEKT, _("niet gedekt"))],
    ),
]

_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def schoon(tekst: str) -> str:
    """The search text as it is used and shown back: control characters (a NUL byte, ...)
    become spaces, whitespace runs one space."""
    return " ".join(unicodedata.normalize("NFC", _CONTROLE.sub(" ", tekst)).split())


def _keuze(label, melding, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, error_messages={"invalid_choice": melding}, **kwargs
    )


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Zoekwoorden"), required=False)
    soort = _keuze(_("Soort"), _("Kies een soort uit de lijst."), choices=[])
    thema = _keuze(_("Thema"), _("Dit thema bestaat niet; kies er een uit de lijst."))
    gemeente = _keuze(_("Gemeente"), _("Deze gemeente bestaat niet; kies er een uit de lijst."))
    status = _keuze(_("Status"), _("Kies een status uit de lijst."))
    jaar = _keuze(
        _("Jaar"), _("Voor dit jaar is geen programma gepubliceerd; kies een jaar uit de lijst.")
    )
    vervangen = forms.BooleanField(
        label=_("Ook in eerdere, vervangen versies zoeken"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ingekort = False
        if self.is_bound and "q" in self.data:
            # cleaned and cut before the field sees it, so the page shows back what was
            # searched, never a NUL byte (and the field's own NUL check has nothing to refuse)
            q = schoon(self.data["q"])
            if len(q) > MAX_LENGTE:
                self.ingekort = True
                q = q[:MAX_LENGTE].rstrip()
            self.data = self.data.copy()
            self.data["q"] = q
        alle = [("", _("Alle"))]
        self.fields["soort"].choices = [("", _("Alle soorten")), *SOORTEN]
        self.fields["thema"].choices = [
            ("", _("Alle thema's")),
            *Thema.objects.values_list("slug", "naam"),
        ]
        self.fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            *Gemeente.objects.order_by("naam").values_list("slug", "naam"),
        ]
        self.fields["status"].choices = [*alle, *STATUSSEN]
        # only the years with a published version (a concept year is not named at all)
        jaren = (
            Jaarprogramma.objects.filter(versies__bevroren_op__isnull=False)
            .order_by("-jaar")
            .values_list("jaar", flat=True)
            .distinct()
        )
        self.fields["jaar"].choices = [("", _("Alle jaren")), *((str(j), j) for j in jaren)]

    @property
    def heeft_filter(self) -> bool:
        return any(
            self.cleaned_data.get(n)
            for n in ("soort", "thema", "gemeente", "status", "jaar", "vervangen")
        )
