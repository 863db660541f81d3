"""The open-data files of a version: a table as CSV, a table or the whole version as JSON.

CSV: RFC 4180 with a comma between fields, UTF-8 without a byte order mark, a header row of
the column names, every cell through regio.csvcel (a text that a spreadsheet would read as a
formula gets a leading apostrophe). JSON: a small envelope (what it is, the licence, where it
comes from, the fingerprint of the version, the schema) around the rows. In both, amounts are
whole euros as integers, FTE a number with a decimal point, dates and moments ISO 8601."""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from openbaar.opendata import schema
from openbaar.opendata.rijen import BOUWERS, Rij, absoluut
from openbaar.opendata.versies import OpenVersie
from regio.csvcel import veilige_rij


def _tekst(waarde) -> str:
    """A value as a CSV cell (before the formula guard)."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f")
    return str(waarde)  # int, str, date


def json_waarde(waarde):
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        # a number in JSON: FTE and percentages have at most four decimals, exact as a float
        return int(waarde) if waarde == waarde.to_integral_value() else float(waarde)
    return waarde


def bestandsnaam(ov: OpenVersie, tabel: str, extensie: str) -> str:
    return f"regioportaal-{ov.jaar}-v{ov.nummer}-{tabel}.{extensie}"


def csv_tekst(tabel: schema.Tabel, rijen: list[Rij]) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow(tabel.kolomnamen)
    for rij in rijen:
        schrijver.writerow(veilige_rij(_tekst(rij[k]) for k in tabel.kolomnamen))
    return uit.getvalue()


def bestand_url(ov: OpenVersie, tabel: str, soort: str) -> str:
    return absoluut(
        reverse(
            f"open-data-{soort}",
            kwargs={"jaar": ov.jaar, "nummer": ov.nummer, "tabel": tabel},
        )
    )


def envelop(ov: OpenVersie, stand: datetime.datetime, naam: str) -> dict:
    """What a JSON file says about itself, before its rows."""
    v = ov.versie
    return {
        "bron": "Regioportaal, Groene Metropoolregio Arnhem-Nijmegen",
        "url": bestand_url(ov, naam, "json"),
        "licentie": {
            "naam": schema.LICENTIE_NAAM,
            "id": schema.LICENTIE_ID,
            "url": schema.LICENTIE_URL,
        },
        "schema": absoluut(reverse("open-data-schema-json")),
        "documentatie": absoluut(reverse("open-data-schema")),
        "jaar": ov.jaar,
        "versie": ov.nummer,
        "programma": absoluut(v.get_absolute_url()),
        "geldend": ov.geldend,
        "vervangen_door": ov.vervanging.door.nummer if ov.vervanging else None,
        "vingerafdruk": {"sha256": ov.vingerafdruk, "verifieer": absoluut(reverse("verifieer"))},
        "voorgesteld_op": json_waarde(v.bevroren_op),
        "stand_op": json_waarde(stand),
    }


def _rijen_json(tabel: schema.Tabel, rijen: list[Rij]) -> list[dict]:
    return [{k: json_waarde(rij[k]) for k in tabel.kolomnamen} for rij in rijen]


def json_document(ov: OpenVersie, stand: datetime.datetime, naam: str) -> dict:
    """One table with its envelope, or (PROGRAMMA) every table of the version."""
    document = envelop(ov, stand, naam)
    if naam == schema.PROGRAMMA:
        document["tabellen"] = {
            t.naam: _rijen_json(t, BOUWERS[t.naam](ov)) for t in schema.TABELLEN.values()
        }
    else:
        tabel = schema.TABELLEN[naam]
        document["tabel"] = tabel.naam
        document["kolommen"] = tabel.kolomnamen
        document["rijen"] = _rijen_json(tabel, BOUWERS[naam](ov))
    return document


def _open(response: HttpResponse) -> HttpResponse:
    # open data: any site may fetch it (no cookies are read or sent back)
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_antwoord(ov: OpenVersie, stand: datetime.datetime, naam: str) -> HttpResponse:
    tabel = schema.TABELLEN[naam]
    response = HttpResponse(
        csv_tekst(tabel, BOUWERS[naam](ov)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(ov, naam, "csv")}"'
    return _open(response)


def json_antwoord(ov: OpenVersie, stand: datetime.datetime, naam: str) -> HttpResponse:
    tekst = json.dumps(json_document(ov, stand, naam), ensure_ascii=False, indent=1)
    response = HttpResponse(tekst, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{bestandsnaam(ov, naam, "json")}"'
    return _open(response)
