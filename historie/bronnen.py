"""The register of what the history pages read: per model, the fields a reader sees change, how
a record names its object, and which visibility rule decides who may read it.

Every model of the product keeps history (tests/programma/test_historie.py); this register says
how each is *shown*. A model missing here is still in the audit export (historie/export.py),
with all its fields; tests/historie/test_tijdlijn.py fails for a domain model that is in neither
this register nor its list of models the pages leave out on purpose."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from opgaven.models import Opgave
from programma.documenten.models import Document, Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)
from raden.models import Besluit, Dekking, Stem, Stemming, Vraag

# Visibility rules (historie/zicht.py applies them)
VERSIE = "versie"  # content of a programme version: raw records internal, public via publication
JAAR = "jaar"  # the status of a Jaarprogramma: public once it left concept
OPGAVE = "opgave"  # the lasting identity of an opgave: internal (public reads it per version)
STEMMING = "stemming"  # a council's vote and what hangs off it: public once confirmed
DEKKING = "dekking"  # the outcome of a closed round: public
VRAAG = "vraag"  # a question on a proposed programme: public once answered

# Fields no reader needs to see change: keys, counters, stamps the record itself carries.
TECHNISCH = frozenset(
    {"id", "wijzigingsnummer", "aangemaakt_op", "aangemaakt_door", "bevroren_door", "sha256"}
)


@dataclass(frozen=True)
class Bron:
    model: type[models.Model]
    zicht: str
    #: the fields shown, in order (None: every concrete field but TECHNISCH and `verborgen`)
    velden: tuple[str, ...] | None = None
    #: fields that only identify the owner (shown in the object's name, not as a change)
    verborgen: tuple[str, ...] = ()
    #: False: part of the audit export only (computed rows a publication entry summarises)
    op_pagina: bool = True

    @property
    def historie(self) -> type[models.Model]:
        return self.model.history.model

    def toon_velden(self) -> list[models.Field]:
        if self.velden is not None:
            return [self.model._meta.get_field(v) for v in self.velden]
        weg = TECHNISCH | set(self.verborgen)
        return [
            f
            for f in self.model._meta.concrete_fields
            if f.name not in weg and f.attname not in weg
        ]


BRONNEN: dict[type[models.Model], Bron] = {
    b.model: b
    for b in (
        Bron(Jaarprogramma, JAAR, velden=("status",)),
        Bron(
            ProgrammaVersie,
            VERSIE,
            velden=(
                "titel",
                "visie_fundament",
                "visie_actualiteit",
                "visie_perspectief",
                "verdeelsleutel",
                "basisaandeel",
                "peildatum_inwoners",
                "percentages",
                "reden",
                "bevroren_op",
            ),
        ),
        Bron(Deelnemer, VERSIE, verborgen=("versie",), op_pagina=False),
        Bron(
            ProgrammaOpgave,
            VERSIE,
            velden=(
                "doel",
                "resultaat",
                "mandaat",
                "sturing",
                "budget",
                "capaciteit_fte",
                "capaciteit_toelichting",
                "portefeuillehouder",
                "rangorde",
            ),
        ),
        Bron(StuurgroepLid, VERSIE, velden=("partner", "bestuurder", "rol")),
        Bron(
            ExterneRegeling,
            VERSIE,
            velden=("naam", "niveau", "verwachte_cofinanciering", "toelichting"),
        ),
        Bron(Synergie, VERSIE, velden=("naar", "toelichting")),
        Bron(Bijdrage, VERSIE, verborgen=("programma_opgave",), op_pagina=False),
        Bron(Vingerafdruk, VERSIE, verborgen=("versie",), op_pagina=False),
        Bron(Document, VERSIE, verborgen=("versie",), op_pagina=False),
        Bron(Opgave, OPGAVE, velden=("titel", "slug", "thema", "sinds")),
        Bron(
            Stemming,
            STEMMING,
            velden=(
                "vergaderdatum",
                "gesloten_op",
                "vervallen_reden",
                "uitkomst",
                "voor",
                "tegen",
                "afwezig",
                "onthouden",
                "bevestigd_op",
            ),
        ),
        Bron(Stem, STEMMING, velden=("keuze", "reden")),
        Bron(Besluit, STEMMING, velden=("deelname", "bijdrage", "zienswijze")),
        Bron(Dekking, DEKKING, velden=("budget", "gedekt_bedrag", "gedekt")),
        Bron(Vraag, VRAAG, velden=("vraag", "antwoord")),
    )
}


def bron(model: type[models.Model]) -> Bron:
    return BRONNEN[model]
