"""The URLs of the councils and the decision round (included by regio.urls)."""

from django.urls import path

from raden.views import dekking, mijn, raad, stemmen, vragen

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
    path("mijn/", mijn.mijn, name="mijn"),
    path(
        "opgaven/<slug:slug>/<int:jaar>/vragen/nieuw/", vragen.vraag_stellen, name="vraag-stellen"
    ),
    path("vragen/", vragen.vragen, name="vragen"),
    path("vragen/<int:pk>/beantwoorden/", vragen.beantwoorden, name="vraag-beantwoorden"),
]

# --- council votes (task stemmen) ---
_stemming = "gemeenten/<slug:slug>/stemmingen/<int:pk>/"
urlpatterns += [
    path("gemeenten/<slug:slug>/besluiten/<int:jaar>/", stemmen.besluiten, name="besluiten"),
    path(_stemming, stemmen.stemming, name="stemming"),
    path(_stemming + "stem/", stemmen.stem, name="stem"),
    path(_stemming + "vastleggen/", stemmen.stem_vastleggen, name="stem-vastleggen"),
    path(_stemming + "fractie/", stemmen.stem_fractie, name="stem-fractie"),
    path(_stemming + "sluiten/", stemmen.stemming_sluiten, name="stemming-sluiten"),
    path(_stemming + "heropenen/", stemmen.stemming_heropenen, name="stemming-heropenen"),
    path(_stemming + "bevestigen/", stemmen.stemming_bevestigen, name="stemming-bevestigen"),
]
