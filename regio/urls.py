"""The URLs of Regioportaal. They are meant to stay (DESIGN.md §6). Every view states its
access rule with a decorator from regio.permissions (tests/test_toegang.py checks them all)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from historie import views as historie_views
from programma import views as programma_views
from programma.views import documenten, opstellen, terugzetten, vergelijk, verifieer
from raden.views import openbaar as raden_openbaar
from regio import views as regio_views
from regio.forms import InlogForm
from regio.permissions import ingelogd, openbaar

urlpatterns = [
    path("", programma_views.home, name="home"),
    path("programma/<int:jaar>/", programma_views.programma, name="programma"),
    path(
        "programma/<int:jaar>/v<int:nummer>/",
        programma_views.programma,
        name="programma-versie",
    ),
    path(
        "programma/<int:jaar>/portefeuillehouders/",
        programma_views.portefeuillehouders,
        name="portefeuillehouders",
    ),
    path("programma/<int:jaar>/begroting/", programma_views.begroting, name="begroting"),
    path("programma/<int:jaar>/synergie/", programma_views.synergie, name="synergie"),
    # Drafting a concept (programma/views/opstellen.py)
    path("programma/nieuw/", opstellen.nieuw_programma, name="programma-nieuw"),
    path("programma/<int:jaar>/bewerken/", opstellen.overzicht, name="bewerken"),
    path("programma/<int:jaar>/bewerken/visie/", opstellen.visie, name="bewerken-visie"),
    path(
        "programma/<int:jaar>/bewerken/verdeelsleutel/",
        opstellen.verdeelsleutel,
        name="bewerken-verdeelsleutel",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/nieuw/",
        opstellen.nieuwe_opgave,
        name="bewerken-opgave-nieuw",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/",
        opstellen.opgave,
        name="bewerken-opgave",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/verwijderen/",
        opstellen.opgave_verwijderen,
        name="bewerken-opgave-verwijderen",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/synergieen/",
        opstellen.synergie_toevoegen,
        name="bewerken-synergie",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/synergieen/<int:pk>/verwijderen/",
        opstellen.synergie_verwijderen,
        name="bewerken-synergie-verwijderen",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/regelingen/",
        opstellen.regeling_toevoegen,
        name="bewerken-regeling",
    ),
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/regelingen/<int:pk>/verwijderen/",
        opstellen.regeling_verwijderen,
        name="bewerken-regeling-verwijderen",
    ),
    path("programma/<int:jaar>/bewerken/voorstellen/", opstellen.voorstellen, name="voorstellen"),
    path("programma/<int:jaar>/corrigeren/", opstellen.corrigeren, name="corrigeren"),
    # Reverting a concept to an earlier recorded state (programma/views/terugzetten.py)
    path(
        "programma/<int:jaar>/bewerken/opgaven/<slug:slug>/terugzetten/<int:stand>/",
        terugzetten.opgave,
        name="terugzetten-opgave",
    ),
    path(
        "programma/<int:jaar>/bewerken/visie/terugzetten/<int:stand>/",
        terugzetten.visie,
        name="terugzetten-visie",
    ),
    # Comparing versions and years (programma/views/vergelijk.py)
    path(
        "programma/<int:jaar>/vergelijk/<int:van>/<int:naar>/",
        vergelijk.versies,
        name="vergelijk-versies",
    ),
    path(
        "programma/<int:jaar>/vergelijk/<int:van>/<int:naar>.csv",
        vergelijk.versies_csv,
        name="vergelijk-versies-csv",
    ),
    path("programma/vergelijk/<int:van>/<int:naar>/", vergelijk.jaren, name="vergelijk-jaren"),
    path(
        "programma/vergelijk/<int:van>/<int:naar>.csv",
        vergelijk.jaren_csv,
        name="vergelijk-jaren-csv",
    ),
    # History (historie/views.py)
    path(
        "programma/<int:jaar>/geschiedenis/",
        historie_views.programma,
        name="programma-geschiedenis",
    ),
    path(
        "programma/<int:jaar>/geschiedenis.csv",
        historie_views.programma_csv,
        name="programma-geschiedenis-csv",
    ),
    # The documents of a version (programma/views/documenten.py): the published version, or /v<n>/
    *[
        path(f"programma/<int:jaar>/{voor}{route}", view, name=f"{naam}{achter}")
        for voor, achter in (("", ""), ("v<int:nummer>/", "-versie"))
        for route, view, naam in (
            ("raadsvoorstel/<slug:gemeente>.pdf", documenten.raadsvoorstel, "raadsvoorstel-pdf"),
            ("programma.pdf", documenten.programmadocument, "programma-pdf"),
            ("besluiten.pdf", documenten.besluiten, "besluiten-pdf"),
            ("raadsvoorstellen.zip", documenten.raadsvoorstellen_zip, "raadsvoorstellen-zip"),
        )
    ],
    path("verifieer/", verifieer.verifieer, name="verifieer"),
    path("themas/<slug:slug>/", programma_views.thema, name="thema"),
    path("programma/<int:jaar>/themas/<slug:slug>/", programma_views.thema, name="thema-jaar"),
    path("opgaven/<slug:slug>/", raden_openbaar.opgave, name="opgave"),
    path("opgaven/<slug:slug>/geschiedenis/", historie_views.opgave, name="opgave-geschiedenis"),
    path("opgaven/<slug:slug>/<int:jaar>/", raden_openbaar.opgave, name="opgave-jaar"),
    path("gemeenten/", regio_views.gemeenten, name="gemeenten"),
    path("gemeenten/<slug:slug>/", raden_openbaar.gemeente, name="gemeente"),
    path(
        "gemeenten/<slug:slug>/geschiedenis/",
        historie_views.gemeente,
        name="gemeente-geschiedenis",
    ),
    path("", include("raden.urls")),
    path("", include("openbaar.urls")),
    path("taal/<str:taal>/", regio_views.taal, name="taal"),
    path("healthz", regio_views.healthz, name="healthz"),
    # Accounts: Django's own views, labelled with their access rule.
    path(
        "accounts/login/",
        openbaar(auth_views.LoginView.as_view(authentication_form=InlogForm)),
        name="login",
    ),
    path("accounts/logout/", openbaar(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/wachtwoord/wijzigen/",
        ingelogd(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/wachtwoord/gewijzigd/",
        ingelogd(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "accounts/wachtwoord/vergeten/",
        openbaar(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/wachtwoord/verstuurd/",
        openbaar(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/wachtwoord/nieuw/<uidb64>/<token>/",
        openbaar(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "accounts/wachtwoord/opgeslagen/",
        openbaar(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
]
