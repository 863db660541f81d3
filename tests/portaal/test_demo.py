"""`manage.py demo`: the real demo region from portaal/demo/data, idempotent, written with a user
in every history row, refused in production without --force."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from opgaven.models import Opgave
from portaal.demo import inhoud
from portaal.rollen import ROLLEN_REDEN
from programma.models import (
    Bijdrage,
    ExterneRegeling,
    Jaarprogramma,
    ProgrammaOpgave,
    ProgrammaVersie,
    Status,
    Synergie,
)
from raden.models import Raadslid
from regio.models import Bestuurder, Gemeente, Inwonertal, Thema

User = get_user_model()


def _aantallen():
    return {
        m.__name__: m.objects.count()
        for m in (
            Gemeente,
            Inwonertal,
            Thema,
            Opgave,
            Bestuurder,
            User,
            Jaarprogramma,
            ProgrammaOpgave,
            Bijdrage,
            Synergie,
        )
    }


def test_demo_is_idempotent(demo):
    voor = _aantallen()
    call_command("demo", "--force")  # the test runner runs with DEBUG off
    assert _aantallen() == voor


def test_de_regio_zelf(demo):
    assert Gemeente.objects.count() == 18
    assert Gemeente.objects.get(cbs_code="GM0202").naam == "Arnhem"
    assert Gemeente.objects.get(cbs_code="GM0268").naam == "Nijmegen"
    assert Gemeente.objects.get(naam="Mook en Middelaar").provincie == "limburg"
    assert (
        Gemeente.objects.exclude(naam="Mook en Middelaar").filter(provincie="limburg").count() == 0
    )
    assert set(Inwonertal.objects.values_list("peildatum", flat=True)) == {
        __import__("datetime").date(2024, 1, 1)
    }
    assert Inwonertal.objects.count() == len(inhoud.GEMEENTEN) == 18
    assert list(Thema.objects.values_list("naam", flat=True)) == [
        "Groeiregio in balans",
        "Productieve regio",
        "Verbonden regio",
        "Vitale regio",
        "Circulaire regio",
    ]


def test_de_programmas_staan_in_de_juiste_status(demo):
    assert dict(Jaarprogramma.objects.values_list("jaar", "status")) == {
        2026: Status.VASTGESTELD,
        2027: Status.VOORGESTELD,
        2028: Status.CONCEPT,
    }
    assert Opgave.objects.count() >= 10
    for po in ProgrammaOpgave.objects.filter(versie__bevroren_op__isnull=False):
        assert po.bijdragen.count() == 18
        assert po.bijdragen.aggregate(s=Sum("bedrag"))["s"] == po.budget
    for po in ProgrammaOpgave.objects.all():
        for veld in ("doel", "resultaat", "mandaat", "sturing", "capaciteit_toelichting"):
            assert getattr(po, veld).strip(), (po, veld)
        assert po.capaciteit_fte > 0 and po.budget > 0
        assert po.stuurgroep.exists()
    assert Synergie.objects.filter(van__versie__jaarprogramma__jaar=2026).count() >= 5


def test_demo_accounts_voor_elke_rol(demo, client):
    namen = ["regiobestuur", "programmabureau", "beheer", "portefeuillehouder"]
    namen += [f"griffier-{g['slug']}" for g in inhoud.GEMEENTEN]
    namen += [f"raadslid-{g['slug']}" for g in inhoud.GEMEENTEN]
    for naam in namen:
        response = client.post("/accounts/login/", {"username": naam, "password": "demo"})
        assert response.status_code == 302 and response["Location"] == "/mijn/", naam
    assert User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="berg-en-dal")
    )
    assert not User.objects.get(username="griffier-berg-en-dal").has_perm(
        "regio.griffier_van", Gemeente.objects.get(slug="arnhem")
    )
    # a raadslid's right is their seat (raden.permissions), in their own council only
    raadslid = User.objects.get(username="raadslid-arnhem")
    assert raadslid.has_perm("raden.raadslid_van", Gemeente.objects.get(slug="arnhem"))
    assert not raadslid.has_perm("raden.raadslid_van", Gemeente.objects.get(slug="nijmegen"))
    houder = Bestuurder.objects.get(user__username="portefeuillehouder")
    assert houder.naam == "Marieke van der Linden"
    assert ProgrammaOpgave.objects.filter(portefeuillehouder=houder).exists()
    assert User.objects.get(username="beheer").is_staff


def test_demo_weigert_zonder_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo")


def test_bestuurders_uit_alle_achttien_gemeenten(demo):
    assert Gemeente.objects.filter(bestuurders__isnull=False).distinct().count() == 18


def _historische_modellen():
    # The rows of a many-to-many history (a user's groups) hang off their user's history row,
    # which names who did it.
    return [
        m
        for m in apps.get_models()
        if hasattr(m, "instance_type") and any(f.name == "history_user" for f in m._meta.fields)
    ]


def test_elke_historieregel_van_de_demo_noemt_wie(demo):
    """Every write of the demo goes through a service or the history helper with a demo user."""
    modellen = _historische_modellen()
    assert len(modellen) >= 15
    # The role groups are written by `migrate`, where no person acts; their reason says so.
    zonder_gebruiker = {
        m: m.objects.filter(history_user__isnull=True).exclude(history_change_reason=ROLLEN_REDEN)
        for m in modellen
    }
    zonder = {m.__name__: qs.count() for m, qs in zonder_gebruiker.items() if qs.exists()}
    assert zonder == {}
    # ... and the user whose role it is.
    assert {h.history_user.username for h in Gemeente.history.all()} == {"beheer"}
    # the programmabureau drafts; the regiobestuur's proposal stores the names it showed
    assert {h.history_user.username for h in ProgrammaOpgave.history.all()} == {
        "programmabureau",
        "regiobestuur",
    }
    assert {h.history_user.username for h in Bijdrage.history.all()} == {"regiobestuur"}
    for h in Raadslid.history.select_related("gemeente", "history_user"):
        assert h.history_user.username == f"griffier-{h.gemeente.slug}"


def test_opnieuw_laden_schrijft_geen_historie(demo):
    """Loading again finds everything in place and so records no change anywhere."""
    modellen = [m for m in _historische_modellen() if m.instance_type is not User]
    voor = {m.__name__: m.objects.count() for m in modellen}
    call_command("demo", "--force")
    assert {m.__name__: m.objects.count() for m in modellen} == voor


def _versies_per_jaar():
    """(jaar, nummer) of every version of the demo: 2027 has its proposal v1 and the
    correction v2 (the current one), the other years one version."""
    return sorted(ProgrammaVersie.objects.values_list("jaarprogramma__jaar", "nummer").distinct())


def test_de_inhoud_komt_uit_de_databestanden(demo):
    """What the pages show is what the TOML files say, texts unwrapped to their paragraphs; the
    correction of 2027 (besluiten.toml) changed one budget in version 2 and nothing else."""
    assert _versies_per_jaar() == [(2026, 1), (2027, 1), (2027, 2), (2028, 1)]
    correctie = inhoud.BESLUITEN[2027]["correctie"]
    visie = inhoud.VISIE[2027]
    for versie in Jaarprogramma.objects.get(jaar=2027).versies.all():
        assert versie.titel == visie["titel"]
        assert versie.visie_fundament == visie["fundament"]
        assert versie.visie_fundament.count("\n\n") == 2
        assert "\n\n\n" not in versie.visie_fundament
    gecorrigeerd = []
    for o in inhoud.OPGAVEN:
        for jaar, dit_jaar in o["jaren"].items():
            nummers = [n for j, n in _versies_per_jaar() if j == jaar]
            for nummer in nummers:
                po = ProgrammaOpgave.objects.get(
                    versie__jaarprogramma__jaar=jaar, versie__nummer=nummer, opgave__slug=o["slug"]
                )
                budget = dit_jaar["budget"]
                if (jaar, nummer, o["slug"]) == (2027, 2, correctie["opgave"]):
                    assert budget != correctie["budget"]  # the correction changes it
                    budget = correctie["budget"]
                    gecorrigeerd.append(po)
                assert (po.budget, po.capaciteit_fte, po.resultaat, po.doel) == (
                    budget,
                    Decimal(dit_jaar["fte"]),
                    dit_jaar["resultaat"],
                    o["doel"],
                )
                assert "\n" not in po.doel and "  " not in po.doel
                assert sorted(po.externe_regelingen.values_list("naam", flat=True)) == sorted(
                    r["naam"] for r in o["externe_regelingen"]
                )
    assert len(gecorrigeerd) == 1


def test_dezelfde_demoregio_als_voor_de_databestanden(demo):
    """The figures of the demo as the Python literals had them (opgaven, budget, co-funding per
    year, accounts): moving the content into data files changed none of them. 2027 has them in
    its proposal v1; its correction v2 (besluiten.toml) lowers one budget by 60.000."""
    per_versie = {
        (jaar, nummer): (
            ProgrammaOpgave.objects.filter(
                versie__jaarprogramma__jaar=jaar, versie__nummer=nummer
            ).count(),
            ProgrammaOpgave.objects.filter(
                versie__jaarprogramma__jaar=jaar, versie__nummer=nummer
            ).aggregate(s=Sum("budget"))["s"],
            ExterneRegeling.objects.filter(
                programma_opgave__versie__jaarprogramma__jaar=jaar,
                programma_opgave__versie__nummer=nummer,
            ).aggregate(s=Sum("verwachte_cofinanciering"))["s"],
        )
        for jaar, nummer in _versies_per_jaar()
    }
    assert per_versie == {
        (2026, 1): (12, 13_905_000, 12_250_000),
        (2027, 1): (14, 16_792_500, 13_350_000),
        (2027, 2): (14, 16_792_500 - 60_000, 13_350_000),
        (2028, 1): (14, 17_800_000, 13_400_000),
    }
    assert User.objects.filter(email__endswith="@demo.regioportaal.nl").count() == 40
    synergieen = {
        versie: Synergie.objects.filter(
            van__versie__jaarprogramma__jaar=versie[0], van__versie__nummer=versie[1]
        ).count()
        for versie in per_versie
    }
    # 56 as the literals had them, and the correction copies 2027's synergieën unchanged
    assert synergieen[2027, 2] == synergieen[2027, 1] > 0
    assert Synergie.objects.count() - synergieen[2027, 2] == 56


# --- The decision rounds of the demo (issue 15 point 9; the demo helper's block) -------------

from django.db import transaction  # noqa: E402

from raden import services as raden_services  # noqa: E402
from raden.cijfers import Stand, dekking_van  # noqa: E402
from raden.models import Besluit, Dekking, Keuze, Stem, Stemming, Uitkomst, Vraag  # noqa: E402
from raden.permissions import zetel_van  # noqa: E402


def test_2026_is_vastgesteld_met_besluiten_van_alle_raden(demo):
    versie = Jaarprogramma.objects.get(jaar=2026).versies.get()
    opgaven = list(versie.opgaven.all())
    besluiten = Besluit.objects.filter(programma_opgave__versie=versie)
    assert besluiten.count() == 18 * len(opgaven)
    for po in opgaven:
        assert besluiten.filter(programma_opgave=po).values("gemeente").distinct().count() == 18
    dekkingen = Dekking.objects.filter(programma_opgave__versie=versie)
    assert dekkingen.count() == len(opgaven)
    niet_gedekt = dekkingen.filter(gedekt=False)
    assert 1 <= niet_gedekt.count() < len(opgaven) // 2  # most opgaven are carried
    for d in niet_gedekt:
        assert besluiten.filter(programma_opgave=d.programma_opgave, deelname=False).exists()
    for d in dekkingen.filter(gedekt=True):
        assert d.gedekt_bedrag == d.budget
    assert besluiten.exclude(zienswijze="").exists()
    # individual votes: one Stem per sitting member of every Stemming, a few not taking part
    for stemming in Stemming.objects.filter(versie=versie):
        zittend = raden_services.stemgerechtigden(stemming).count()
        assert stemming.stemmen.count() == zittend == stemming.zittend
        assert stemming.is_bevestigd
    stemmen = Stem.objects.filter(stemming__versie=versie)
    assert stemmen.filter(keuze=Keuze.NIET_DEELGENOMEN).exists()
    assert stemmen.filter(keuze=Keuze.TEGEN).exists()
    assert stemmen.filter(keuze=Keuze.VOOR).count() > stemmen.count() // 2


def test_2027_gecorrigeerd_en_de_ronde_loopt_op_versie_2(demo):
    jaarprogramma = Jaarprogramma.objects.get(jaar=2027)
    v1, v2 = jaarprogramma.versies.order_by("nummer")
    assert (v1.nummer, v2.nummer) == (1, 2) and v2.is_bevroren and v2.reden.strip()
    assert jaarprogramma.status == Status.VOORGESTELD
    # the correction changed one budget, and so the bijdragen
    correctie = inhoud.BESLUITEN[2027]["correctie"]
    assert v2.reden == correctie["reden"]
    oud, nieuw = (v.opgaven.get(opgave__slug=correctie["opgave"]).budget for v in (v1, v2))
    assert oud != nieuw == correctie["budget"]
    # a council decided on version 1 before the correction, and must decide again
    eerder = Besluit.objects.filter(programma_opgave__versie=v1)
    assert eerder.count() == v1.opgaven.count()
    assert not Besluit.objects.filter(
        programma_opgave__versie=v2, gemeente__in=eerder.values("gemeente")
    ).exists()
    matrix = dekking_van(v2)
    standen = {c.stand for r in matrix.rijen for c in r.cellen}
    assert {Stand.JA, Stand.OPNIEUW, Stand.OPEN, Stand.UITGESTELD, Stand.GEEN} <= standen
    # some gemeenten decided on every opgave of version 2
    per_gemeente = {k.deelnemer.gemeente.slug: k.besloten for k in matrix.kolommen}
    assert sum(1 for n in per_gemeente.values() if n == len(matrix.rijen)) >= 2
    # a tie in an incomplete meeting, confirmed, waits for a next meeting
    staken = Stemming.objects.get(versie=v2, uitkomst=Uitkomst.UITGESTELD)
    assert staken.is_bevestigd and staken.voor == staken.tegen and staken.afwezig > 0
    assert not Besluit.objects.filter(stemming=staken).exists()
    # questions: answered ones and open ones
    vragen = Vraag.objects.filter(programma_opgave__versie__jaarprogramma=jaarprogramma)
    assert vragen.filter(beantwoord_op__isnull=False).exists()
    assert vragen.filter(beantwoord_op__isnull=True, programma_opgave__versie=v2).exists()


def test_raadslid_arnhem_kan_stemmen_in_het_open_venster(demo):
    v2 = Jaarprogramma.objects.get(jaar=2027).versies.get(nummer=2)
    arnhem = Gemeente.objects.get(slug="arnhem")
    user = User.objects.get(username="raadslid-arnhem")
    zetel = zetel_van(user, arnhem)
    open_ = Stemming.objects.filter(versie=v2, gemeente=arnhem, gesloten_op__isnull=True)
    assert open_.exists()
    stemming = open_.first()
    assert not Stem.objects.filter(stemming=stemming, raadslid=zetel).exists()
    assert Stem.objects.filter(stemming=stemming).exists()  # the griffier entered a few fracties
    with transaction.atomic():
        stem = raden_services.stem(
            stemming=stemming, raadslid=zetel, keuze=Keuze.VOOR, acting_user=user
        )
        assert stem.keuze == Keuze.VOOR
        transaction.set_rollback(True)
    assert not Stem.objects.filter(stemming=stemming, raadslid=zetel).exists()


def test_opnieuw_laden_verandert_de_besluitrondes_niet(demo):
    modellen = [Stemming, Stem, Besluit, Dekking, Vraag]
    voor = {m.__name__: m.history.count() for m in modellen}
    voor.update({f"{m.__name__} rijen": m.objects.count() for m in modellen})
    call_command("demo", "--force")
    na = {m.__name__: m.history.count() for m in modellen}
    na.update({f"{m.__name__} rijen": m.objects.count() for m in modellen})
    assert na == voor
