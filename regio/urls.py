"""The URLs of Regioportaal. They are meant to stay (DESIGN.md §6)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from programma import views as programma_views
from regio import views as regio_views

urlpatterns = [
    path("", programma_views.home, name="home"),
    path("programma/<int:jaar>/", programma_views.programma, name="programma"),
    path(
        "programma/<int:jaar>/v<int:nummer>/",
        programma_views.programma,
        name="programma-versie",
    ),
    path("opgaven/<slug:slug>/", programma_views.opgave, name="opgave"),
    path("gemeenten/", regio_views.gemeenten, name="gemeenten"),
    path("gemeenten/<slug:slug>/", programma_views.gemeente, name="gemeente"),
    path("healthz", regio_views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Regioportaal – functioneel beheer"
admin.site.site_title = "Regioportaal"
admin.site.index_title = "Beheer"
