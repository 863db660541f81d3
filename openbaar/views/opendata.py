"""Placeholder until this capability lands (issue 18): every URL answers 404."""

from django.http import Http404
from django.urls import path

from regio.permissions import openbaar


@openbaar
def _nog_niet(request, **kwargs):
    raise Http404


urlpatterns = [
    path("open-data/", _nog_niet, name="open-data"),
    path("open-data/schema/", _nog_niet, name="open-data-schema"),
    path("open-data/<int:jaar>/v<int:nummer>/<slug:tabel>.csv", _nog_niet, name="open-data-csv"),
    path("open-data/<int:jaar>/v<int:nummer>/<slug:tabel>.json", _nog_niet, name="open-data-json"),
]
