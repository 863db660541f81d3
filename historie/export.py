"""The audit export: every recorded change of a programme year as CSV, for accountants and
councils: when, who, role, object, field, old, new, reason. The role is the person's role in
the portal today (rol_nu): the portal keeps who did something, not what post they held then.

Streamed: each history table is read in chunks, oldest first, and the tables are merged by
moment, so that a long history never sits in memory (what is kept is the last state of each
object, to compare the next record with). The reader sees what the history page shows them:
the public every proposed version (against the one before it), the status of the year, the
confirmed votes; drafters every record."""

from __future__ import annotations

import csv
import heapq
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone

from historie import tijdlijn
from historie.personen import ONBEKEND, personen
from historie.publicaties import publicaties
from historie.zicht import Zicht
from programma.models import Jaarprogramma
from regio.csvcel import veilige_rij

KOLOMMEN = [
    "wanneer",
    "wie",
    "rol_nu",
    "soort",
    "onderwerp",
    "object",
    "veld",
    "oud",
    "nieuw",
    "reden",
    "tabel",
    "historie_id",
]


class _Regel:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, tekst: str) -> str:
        return tekst


def regels(jaarprogramma: Jaarprogramma, zicht: Zicht) -> Iterator[list[str]]:
    """The export's rows, header first, oldest change first."""
    bereik = tijdlijn.bereik_jaar(jaarprogramma)
    lezer = tijdlijn.Lezer.voor(bereik, zicht)
    # the people of this year's history only (one query per table), not every account
    ids: set[int] = set()
    for _b, qs, _op_pagina in bereik.bronnen:
        ids.update(qs.order_by().values_list("history_user_id", flat=True).distinct())
    ids.update(v.bevroren_door_id for v in jaarprogramma.versies.all())
    mensen = personen(ids)
    stromen = [tijdlijn.records(b, qs, lezer, stroom=True) for b, qs, _op_pagina in bereik.bronnen]
    stromen.append(iter(sorted(publicaties(bereik, zicht), key=lambda g: (g.moment, g.volgorde))))
    yield KOLOMMEN
    for g in heapq.merge(*stromen, key=lambda g: (g.moment, g.volgorde)):
        persoon = mensen.get(g.persoon_id, ONBEKEND)
        basis = [
            timezone.localtime(g.moment).isoformat(),
            persoon.naam,
            persoon.rol,
            tijdlijn.SOORTEN[g.soort],
            g.onderwerp,
            g.naam,
        ]
        staart = [g.reden, g.model, str(g.volgorde) if g.soort != tijdlijn.VOORGESTELD else ""]
        if not g.wijzigingen:
            yield [*basis, "", "", "", *staart]
        for w in g.wijzigingen:
            yield [*basis, w.label, w.oud_ruw, w.nieuw_ruw, *staart]


def antwoord(jaarprogramma: Jaarprogramma, zicht: Zicht) -> StreamingHttpResponse:
    """The export as a streamed download: UTF-8 with a byte order mark and `;` between fields,
    as Dutch spreadsheet programs open it."""
    schrijver = csv.writer(_Regel(), delimiter=";")

    def inhoud() -> Iterator[str]:
        yield "\ufeff"
        for regel in regels(jaarprogramma, zicht):
            yield schrijver.writerow(veilige_rij(regel))

    response = StreamingHttpResponse(inhoud(), content_type="text/csv; charset=utf-8")
    naam = f"geschiedenis-programma-{jaarprogramma.jaar}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
