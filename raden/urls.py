"""The URLs of the councils and the decision round (included by regio.urls)."""

from django.urls import path

from raden.views import dekking, raad

urlpatterns = [
    path("programma/<int:jaar>/dekking/", dekking.dekking, name="dekking"),
    path(
        "programma/<int:jaar>/besluitronde/sluiten/",
        dekking.besluitronde_sluiten,
        name="besluitronde-sluiten",
    ),
    path("gemeenten/<slug:slug>/raad/", raad.raad, name="raad"),
    path(
        "gemeenten/<slug:slug>/raad/<int:pk>/beeindigen/",
        raad.raadslid_beeindigen,
        name="raadslid-beeindigen",
    ),
    path("mijn/", raad.mijn, name="mijn"),
]
