"""Open data (issue 18, point 4): the page that lists every proposed programme version with its
files, the schema page (also as JSON), and the files: a table as CSV or JSON, the whole
version as JSON, and a Frictionless Data Package per version.

Open data is public: what a file holds never depends on who asks (a drafter gets the same 404
for a concept as anyone), only on the path. Files carry Last-Modified and answer a conditional
request with 304."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from openbaar.opendata import bestanden, schema, versies
from openbaar.opendata.rijen import absoluut
from regio.permissions import openbaar

#: a Frictionless Data Package of one version: its CSV files with their schemas
DATAPACKAGE = "datapackage"


@require_safe
@openbaar
def overzicht(request: HttpRequest) -> HttpResponse:
    """/open-data/: every proposed version per year, with a link to each file (one query)."""
    return render(
        request,
        "openbaar/open_data.html",
        {
            "jaren": versies.per_jaar(),
            "tabellen": list(schema.TABELLEN.values()),
            "licentie_url": schema.LICENTIE_URL,
            "licentie_naam": schema.LICENTIE_NAAM,
        },
    )


@require_safe
@openbaar
def schema_pagina(request: HttpRequest) -> HttpResponse:
    """/open-data/schema/: per table each column, its type and meaning (no query)."""
    return render(
        request,
        "openbaar/open_data_schema.html",
        {
            "tabellen": list(schema.TABELLEN.values()),
            "typen": list(schema.TYPE_UITLEG.items()),
            "licentie_url": schema.LICENTIE_URL,
            "licentie_naam": schema.LICENTIE_NAAM,
        },
    )


def _licenties() -> list[dict]:
    return [
        {"name": schema.LICENTIE_ID, "path": schema.LICENTIE_URL, "title": schema.LICENTIE_NAAM}
    ]


@require_safe
@openbaar
def schema_json(request: HttpRequest) -> HttpResponse:
    """/open-data/schema.json: the Frictionless Table Schema of every table (no query)."""
    document = {
        "licenses": _licenties(),
        "documentation": absoluut(reverse("open-data-schema")),
        "tables": [
            {
                "name": t.naam,
                "title": str(t.titel),
                "description": str(t.omschrijving),
                "csv": t.csv,
                "schema": schema.tabel_schema(t),
            }
            for t in schema.TABELLEN.values()
        ],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _bestand(request: HttpRequest, jaar: int, nummer: int, maak) -> HttpResponse:
    """A file of a proposed version. Its validator is the page cache's (regio/paginacache.py):
    the publication stand, which moves with every public change, so a 304 never outlives one
    (the version's own moments miss a closed year or a renamed gemeente)."""
    ov = versies.open_versie_of_404(jaar, nummer)
    return maak(ov, versies.stand_van(ov))


@require_safe
@openbaar
def csv_bestand(request: HttpRequest, jaar: int, nummer: int, tabel: str) -> HttpResponse:
    if tabel not in schema.TABELLEN or not schema.TABELLEN[tabel].csv:
        raise Http404("Geen tabel met deze naam.")
    return _bestand(
        request, jaar, nummer, lambda ov, stand: bestanden.csv_antwoord(ov, stand, tabel)
    )


def _datapackage(ov: versies.OpenVersie, stand) -> HttpResponse:
    document = {
        "profile": "tabular-data-package",
        "name": f"regioportaal-{ov.jaar}-v{ov.nummer}",
        "title": f"Regioportaal: programma {ov.jaar}, versie {ov.nummer}",
        "homepage": absoluut(reverse("open-data")),
        "licenses": _licenties(),
        "created": bestanden.json_waarde(stand),
        "resources": [
            {
                "name": t.naam,
                "title": str(t.titel),
                "description": str(t.omschrijving),
                "path": bestanden.bestand_url(ov, t.naam, "csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema.tabel_schema(t),
            }
            for t in schema.TABELLEN.values()
            if t.csv
        ],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@openbaar
def json_bestand(request: HttpRequest, jaar: int, nummer: int, tabel: str) -> HttpResponse:
    if tabel == DATAPACKAGE:
        return _bestand(request, jaar, nummer, _datapackage)
    if tabel not in schema.TABELLEN and tabel != schema.PROGRAMMA:
        raise Http404("Geen tabel met deze naam.")
    return _bestand(
        request, jaar, nummer, lambda ov, stand: bestanden.json_antwoord(ov, stand, tabel)
    )


urlpatterns = [
    path("open-data/", overzicht, name="open-data"),
    path("open-data/schema/", schema_pagina, name="open-data-schema"),
    path("open-data/schema.json", schema_json, name="open-data-schema-json"),
    path("open-data/<int:jaar>/v<int:nummer>/<slug:tabel>.csv", csv_bestand, name="open-data-csv"),
    path(
        "open-data/<int:jaar>/v<int:nummer>/<slug:tabel>.json", json_bestand, name="open-data-json"
    ),
]
