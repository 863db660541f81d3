"""Placeholder until this capability lands (issue 18): every URL answers 404."""

from django.http import Http404
from django.urls import path

from regio.permissions import openbaar


@openbaar
def _nog_niet(request, **kwargs):
    raise Http404


urlpatterns = [
    path("toegankelijkheid/", _nog_niet, name="toegankelijkheid"),
]
