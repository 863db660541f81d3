"""The URLs of the councils and the decision round (included by regio.urls)."""

from django.urls import path

from raden.views import dekking, mijn, raad, vragen

urlpatterns = [
    path("programma/<int:jaar>/dekking/", dekking.dekking, name="dekking"),
    path("gemeenten/<slug:slug>/raad/", raad.raad, name="raad"),
    path(
        "gemeenten/<slug:slug>/raad/<int:pk>/beeindigen/",
        raad.raadslid_beeindigen,
        name="raadslid-beeindigen",
    ),
    path("mijn/", mijn.mijn, name="mijn"),
    path(
        "opgaven/<slug:slug>/<int:jaar>/vragen/nieuw/", vragen.vraag_stellen, name="vraag-stellen"
    ),
    path("vragen/", vragen.vragen, name="vragen"),
    path("vragen/<int:pk>/beantwoorden/", vragen.beantwoorden, name="vraag-beantwoorden"),
]
