"""The public layer's URLs: each capability keeps its own list beside its views, so that
capabilities built side by side never edit one file."""

from openbaar.views import feed, opendata, toegankelijkheid, zoeken

urlpatterns = [
    *zoeken.urlpatterns,
    *opendata.urlpatterns,
    *feed.urlpatterns,
    *toegankelijkheid.urlpatterns,
]
