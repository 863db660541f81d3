"""How a recorded value reads on a history page and in the audit export: money as money, a
choice by its label, a reference by the name of what it points at."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opgaven.models import Opgave
from programma.models import ProgrammaOpgave
from regio.geld import format_bedrag, format_fte
from regio.models import Bestuurder, Gemeente, Partner, Thema

GELDVELDEN = frozenset(
    {"budget", "bedrag", "bijdrage", "verwachte_cofinanciering", "gedekt_bedrag"}
)


@dataclass
class Namen:
    """The names a page's records refer to, read once per page (a fixed number of queries)."""

    gemeenten: dict[int, str] = field(default_factory=dict)
    opgaven: dict[int, str] = field(default_factory=dict)
    opgave_slugs: dict[int, str] = field(default_factory=dict)
    #: programma_opgave id -> (versie id, opgave id), also of rows deleted since
    programma_opgaven: dict[int, tuple[int, int]] = field(default_factory=dict)
    bestuurders: dict[int, str] = field(default_factory=dict)
    partners: dict[int, str] = field(default_factory=dict)
    themas: dict[int, str] = field(default_factory=dict)

    @classmethod
    def lees(cls, programma_opgaven=None) -> Namen:
        """The names of everything, and of the programme opgaven in `programma_opgaven` (a
        queryset on their history table: the scope's versions; None: all of them)."""
        po_historie = ProgrammaOpgave.history.model
        opgaven = list(Opgave.objects.values_list("id", "titel", "slug"))
        return cls(
            gemeenten=dict(Gemeente.objects.values_list("id", "naam")),
            opgaven={pk: titel for pk, titel, _slug in opgaven},
            opgave_slugs={pk: slug for pk, _titel, slug in opgaven},
            programma_opgaven={
                pk: (versie_id, opgave_id)
                for pk, versie_id, opgave_id in (
                    programma_opgaven if programma_opgaven is not None else po_historie.objects
                )
                .values_list("id", "versie_id", "opgave_id")
                .distinct()
            },
            bestuurders={
                b.pk: f"{b.naam} ({b.get_functie_display().lower()}, {b.gemeente.naam})"
                for b in Bestuurder.objects.select_related("gemeente")
            },
            partners=dict(Partner.objects.values_list("id", "naam")),
            themas=dict(Thema.objects.values_list("id", "naam")),
        )

    def opgave_van_po(self, po_id: int | None) -> str:
        versie_opgave = self.programma_opgaven.get(po_id)
        return self.opgaven.get(versie_opgave[1], "") if versie_opgave else ""

    def slug_van_po(self, po_id: int | None) -> str:
        versie_opgave = self.programma_opgaven.get(po_id)
        return self.opgave_slugs.get(versie_opgave[1], "") if versie_opgave else ""

    def verwijzing(self, veld: models.ForeignKey, waarde) -> str:
        doel = veld.related_model
        tabel = {
            Bestuurder: self.bestuurders,
            Partner: self.partners,
            Thema: self.themas,
            Gemeente: self.gemeenten,
            Opgave: self.opgaven,
        }.get(doel)
        if tabel is not None:
            return tabel.get(waarde, f"#{waarde}")
        if doel is ProgrammaOpgave:
            return self.opgave_van_po(waarde) or f"#{waarde}"
        return f"#{waarde}"


LEEG = "—"


def toon(veld: models.Field, waarde, namen: Namen) -> str:
    """One value as a reader sees it ('—' for nothing)."""
    if waarde is None or waarde == "":
        return LEEG
    if veld.is_relation:
        return namen.verwijzing(veld, waarde)
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(veld, models.BooleanField):
        return _("ja") if waarde else _("nee")
    if veld.name in GELDVELDEN:
        return format_bedrag(waarde)
    if isinstance(waarde, Decimal) and veld.name.endswith("fte"):
        return format_fte(waarde)
    if isinstance(waarde, datetime.datetime):
        return date_format(timezone.localtime(waarde), "j F Y H:i")
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, ensure_ascii=False, sort_keys=True) if waarde else LEEG
    return str(waarde)


def ruw(veld: models.Field, waarde) -> str:
    """One value for the audit export: exact, machine-readable (amounts as plain integers)."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, ensure_ascii=False, sort_keys=True)
    if isinstance(waarde, bool):
        return "1" if waarde else "0"
    return str(waarde)
