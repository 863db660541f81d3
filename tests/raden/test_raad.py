"""The griffier's own council: its size by Gemeentewet art. 8, the composition, the members and
the right that follows a member's seat; through the raad page as the griffier uses it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from portaal.demo import inhoud
from raden import services
from raden.models import Fractie, Partij, Raadslid, raadsgrootte
from raden.permissions import RAADSLID_VAN, RaadslidBackend
from raden.services.raad import voeg_partij_toe
from regio.exceptions import DomeinFout
from regio.models import Gemeente, GemeenteUserObjectPermission, Inwonertal

User = get_user_model()
RAAD = "/gemeenten/arnhem/raad/"

# Gemeentewet art. 8, as DOMAIN.md writes it: (last number of inwoners of a band, seats)
ARTIKEL_8 = [
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
]


@pytest.mark.parametrize(("grens", "zetels"), ARTIKEL_8)
def test_raadsgrootte_op_elke_grens_van_artikel_8(grens, zetels):
    i = [g for g, _ in ARTIKEL_8].index(grens)
    volgende = ARTIKEL_8[i + 1][1] if i + 1 < len(ARTIKEL_8) else 45
    assert raadsgrootte(grens) == zetels
    assert raadsgrootte(grens + 1) == volgende


def test_raadsgrootte_aan_de_randen():
    assert raadsgrootte(0) == raadsgrootte(1) == 9
    assert raadsgrootte(10_000_000) == 45


def test_elke_demoraad_telt_de_zetels_van_artikel_8(demo):
    inwoners = {
        t.gemeente.slug: t.inwoners
        for t in Inwonertal.objects.select_related("gemeente").order_by("peildatum")
    }
    zetels = {}
    for f in Fractie.objects.select_related("gemeente"):
        zetels[f.gemeente.slug] = zetels.get(f.gemeente.slug, 0) + f.zetels
    assert set(zetels) == {g["slug"] for g in inhoud.GEMEENTEN}
    for slug, totaal in zetels.items():
        assert totaal == raadsgrootte(inwoners[slug]), slug
        assert totaal == services.zetels_van(Gemeente.objects.get(slug=slug)), slug
        zittend = Raadslid.objects.zittend().filter(gemeente__slug=slug).count()
        assert zittend == totaal, slug


# --- the right follows the seat ------------------------------------------------------------


@pytest.fixture
def arnhem(demo):
    return Gemeente.objects.get(slug="arnhem")


@pytest.fixture
def griffier(demo):
    return User.objects.get(username="griffier-arnhem")


def _vrije_zetel(gemeente, griffier, fractie_naam="VVD") -> Fractie:
    """End the membership of one member without an account, so the fractie has a free seat."""
    fractie = Fractie.objects.get(gemeente=gemeente, naam=fractie_naam)
    lid = Raadslid.objects.zittend().filter(fractie=fractie, user__isnull=True).first()
    services.beeindig_raadslidmaatschap(raadslid=lid, acting_user=griffier)
    return fractie


def test_het_recht_van_een_raadslid_volgt_de_zittingsperiode(arnhem, griffier):
    fractie = _vrije_zetel(arnhem, griffier)
    vandaag = timezone.localdate()
    user = User.objects.create_user("toekomst@arnhem.nl", "toekomst@arnhem.nl", "x" * 20)
    lid = services.voeg_raadslid_toe(
        gemeente=arnhem,
        fractie=fractie,
        voornaam="Toe",
        achternaam="Komst",
        user=user,
        begin=vandaag + datetime.timedelta(days=3),
        acting_user=griffier,
    )
    assert not user.has_perm(RAADSLID_VAN, arnhem)  # before begin
    # the backend itself, on the dates around the period
    lid.einde = vandaag + datetime.timedelta(days=10)
    lid.save()
    for dag, zit in ((2, False), (3, True), (9, True), (10, False), (11, False)):
        assert lid.zit_op(vandaag + datetime.timedelta(days=dag)) is zit
    # during the period: move it so that today lies inside
    lid.begin = vandaag - datetime.timedelta(days=1)
    lid.save()
    user = User.objects.get(pk=user.pk)  # no cached permissions
    assert user.has_perm(RAADSLID_VAN, arnhem)
    assert RaadslidBackend().has_perm(user, RAADSLID_VAN, arnhem)
    assert not user.has_perm(RAADSLID_VAN, Gemeente.objects.get(slug="nijmegen"))
    # from einde on: no longer
    lid.einde = vandaag
    lid.save()
    user = User.objects.get(pk=user.pk)
    assert not user.has_perm(RAADSLID_VAN, arnhem)


def test_wie_de_zetel_beeindigt_verliest_het_recht_dezelfde_dag(demo, client, login, arnhem):
    login("griffier-arnhem")
    lid = Raadslid.objects.get(user__username="raadslid-arnhem")
    assert lid.user.has_perm(RAADSLID_VAN, arnhem)
    assert client.post(f"{RAAD}{lid.pk}/beeindigen/").status_code == 302
    lid.refresh_from_db()
    assert lid.einde == timezone.localdate()
    assert not User.objects.get(pk=lid.user_id).has_perm(RAADSLID_VAN, arnhem)
    # no permission row exists for the right, neither before nor after
    assert not Permission.objects.filter(codename="raadslid_van").exists()
    assert not GemeenteUserObjectPermission.objects.filter(
        permission__codename="raadslid_van"
    ).exists()
    # a second time: the seat is no longer sitting, so 404, and nothing changes
    assert client.post(f"{RAAD}{lid.pk}/beeindigen/").status_code == 404


# --- the griffier of another gemeente ---------------------------------------------------------


def test_griffier_van_nijmegen_beheert_arnhem_niet(demo, client, login, arnhem):
    login("griffier-nijmegen")
    lid = Raadslid.objects.filter(gemeente=arnhem).first()
    voor = list(Fractie.objects.filter(gemeente=arnhem).values_list("pk", "zetels"))
    assert client.get(RAAD).status_code == 403
    response = client.post(RAAD, {"voornaam": "A", "achternaam": "B", "fractie": "VVD"})
    assert response.status_code == 403
    assert (
        client.post(RAAD, {"formulier": "samenstelling", "samenstelling-zetels_1": "39"})
    ).status_code == 403
    assert client.post(f"{RAAD}{lid.pk}/beeindigen/").status_code == 403
    # Arnhem's member through Nijmegen's own URL: unknown there
    assert client.post(f"/gemeenten/nijmegen/raad/{lid.pk}/beeindigen/").status_code == 404
    lid.refresh_from_db()
    assert lid.einde is None
    assert list(Fractie.objects.filter(gemeente=arnhem).values_list("pk", "zetels")) == voor


# --- the page and its forms through the URL ---------------------------------------------------


def test_de_raadspagina_toont_grootte_fracties_en_leden(
    demo, client, login, django_assert_max_num_queries
):
    aantallen = {}
    # a council of 39 and one of 9 seats: the number of queries does not grow with its size
    for slug in ("arnhem", "rozendaal"):
        login(f"griffier-{slug}")
        with django_assert_max_num_queries(12) as queries:
            response = client.get(f"/gemeenten/{slug}/raad/")
        assert response.status_code == 200
        aantallen[slug] = len(queries)
    assert aantallen["arnhem"] == aantallen["rozendaal"], aantallen
    login("griffier-arnhem")
    html = client.get(RAAD).content.decode()
    assert 'data-kolom="grootte">39<' in html
    assert 'data-kolom="verdeeld">39<' in html
    assert 'data-kolom="zittend">39<' in html
    groenlinks = Fractie.objects.get(gemeente__slug="arnhem", naam="GroenLinks")
    assert f'<tr data-rij="fractie:{groenlinks.pk}">' in html
    assert "geen account" in html  # the fictional members
    lid = Raadslid.objects.get(user__username="raadslid-arnhem")
    assert f'data-rij="raadslid:{lid.pk}"' in html and "Raadslid Arnhem" in html
    # only this council's members
    nijmegen = Raadslid.objects.filter(gemeente__slug="nijmegen").first()
    assert f'data-rij="raadslid:{nijmegen.pk}"' not in html


def _samenstelling(gemeente, **wijziging) -> dict:
    data = {"formulier": "samenstelling"}
    for f in Fractie.objects.filter(gemeente=gemeente):
        data[f"samenstelling-zetels_{f.partij_id}"] = str(f.zetels)
    data.update({f"samenstelling-{k}": v for k, v in wijziging.items()})
    return data


def test_samenstelling_die_niet_optelt_wordt_geweigerd_met_invoer(demo, client, login, arnhem):
    login("griffier-arnhem")
    vvd = Fractie.objects.get(gemeente=arnhem, naam="VVD")
    data = _samenstelling(arnhem, **{f"zetels_{vvd.partij_id}": "6"})
    response = client.post(RAAD, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "telt 39 zetels (Gemeentewet artikel 8)" in html and "nu 40" in html
    assert f'name="samenstelling-zetels_{vvd.partij_id}" value="6"' in html
    vvd.refresh_from_db()
    assert vvd.zetels == 5


def test_minder_zetels_dan_zittende_leden_wordt_geweigerd(demo, client, login, arnhem):
    login("griffier-arnhem")
    vvd = Fractie.objects.get(gemeente=arnhem, naam="VVD")
    gl = Fractie.objects.get(gemeente=arnhem, naam="GroenLinks")
    data = _samenstelling(arnhem, **{f"zetels_{vvd.partij_id}": "4", f"zetels_{gl.partij_id}": "8"})
    response = client.post(RAAD, data)
    assert response.status_code == 200
    assert "zittende leden; geef haar minstens zoveel zetels" in response.content.decode()


def test_samenstelling_met_een_nieuwe_lokale_partij(demo, client, login, arnhem, griffier):
    login("griffier-arnhem")
    vvd = _vrije_zetel(arnhem, griffier)
    data = _samenstelling(
        arnhem,
        **{
            f"zetels_{vvd.partij_id}": "4",
            "nieuwe_naam": "  Arnhem   Vooruit ",
            "nieuwe_naam_lokaal": "on",
            "nieuwe_naam_zetels": "1",
        },
    )
    response = client.post(RAAD, data)
    assert response.status_code == 302, response.content.decode()
    partij = Partij.objects.get(naam="Arnhem Vooruit")
    assert partij.lokaal and partij.history.first().history_user == griffier
    nieuw = Fractie.objects.get(gemeente=arnhem, partij=partij)
    assert nieuw.zetels == 1
    vvd.refresh_from_db()
    assert vvd.zetels == 4
    assert sum(Fractie.objects.filter(gemeente=arnhem).values_list("zetels", flat=True)) == 39


def test_samenstelling_met_een_bekende_partij(demo, client, login, arnhem, griffier):
    login("griffier-arnhem")
    vvd = _vrije_zetel(arnhem, griffier)
    partij = Partij.objects.exclude(fracties__gemeente=arnhem).first()
    data = _samenstelling(
        arnhem,
        **{
            f"zetels_{vvd.partij_id}": "4",
            "nieuwe_partij": str(partij.pk),
            "nieuwe_partij_zetels": "1",
        },
    )
    assert client.post(RAAD, data).status_code == 302
    assert Fractie.objects.get(gemeente=arnhem, partij=partij).zetels == 1


def test_mislukte_samenstelling_laat_geen_nieuwe_partij_achter(demo, client, login, arnhem):
    login("griffier-arnhem")
    data = _samenstelling(arnhem, nieuwe_naam="Partij Zonder Zetels Over", nieuwe_naam_zetels="1")
    response = client.post(RAAD, data)
    assert response.status_code == 200
    assert "nu 40" in response.content.decode()
    assert 'value="Partij Zonder Zetels Over"' in response.content.decode()
    assert not Partij.objects.filter(naam="Partij Zonder Zetels Over").exists()


def test_nieuwe_partij_zonder_zetels_is_een_formulierfout(demo, client, login, arnhem):
    login("griffier-arnhem")
    response = client.post(RAAD, _samenstelling(arnhem, nieuwe_naam="Iets"))
    assert response.status_code == 200
    assert "Geef de nieuwe partij haar zetels." in response.content.decode()


def test_voeg_partij_toe_maakt_geen_tweeling(demo, griffier):
    eerste = voeg_partij_toe(naam="Rijnstad Lokaal", lokaal=True, acting_user=griffier)
    assert voeg_partij_toe(naam="rijnstad  lokaal", lokaal=False, acting_user=griffier) == eerste
    with pytest.raises(DomeinFout):
        voeg_partij_toe(naam="   ", lokaal=False, acting_user=griffier)
    with pytest.raises(DomeinFout):
        voeg_partij_toe(
            naam="Iets", lokaal=False, acting_user=User.objects.get(username="raadslid-arnhem")
        )


def test_raadslid_zonder_account_toevoegen(demo, client, login, arnhem, griffier):
    login("griffier-arnhem")
    _vrije_zetel(arnhem, griffier)
    gebruikers = User.objects.count()
    response = client.post(
        RAAD, {"voornaam": " Joke ", "achternaam": "van Dam", "fractie": "VVD", "begin": ""}
    )
    assert response.status_code == 302
    lid = Raadslid.objects.get(gemeente=arnhem, achternaam="van Dam")
    assert lid.user is None and lid.voornaam == "Joke" and lid.begin == timezone.localdate()
    assert User.objects.count() == gebruikers and mail.outbox == []


def test_raadslid_met_account_krijgt_een_welkomstmail(
    demo, client, login, arnhem, griffier, django_capture_on_commit_callbacks
):
    login("griffier-arnhem")
    _vrije_zetel(arnhem, griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            RAAD,
            {
                "voornaam": "Kees",
                "achternaam": "Kaan",
                "fractie": "VVD",
                "email": "K.Kaan@Arnhem.nl",
                "begin": timezone.localdate().isoformat(),
            },
        )
    assert response.status_code == 302
    lid = Raadslid.objects.get(user__username="k.kaan@arnhem.nl")
    assert lid.begin == timezone.localdate()
    assert [m.to for m in mail.outbox] == [["k.kaan@arnhem.nl"]]


def test_volle_fractie_wordt_geweigerd_met_invoer(demo, client, login, arnhem):
    login("griffier-arnhem")
    voor = Raadslid.objects.count()
    response = client.post(
        RAAD, {"voornaam": "Vol", "achternaam": "Bezet", "fractie": "VVD", "email": "vol@x.nl"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "heeft 5 zetels en die zijn alle bezet" in html
    assert 'value="Bezet"' in html and 'value="vol@x.nl"' in html
    assert Raadslid.objects.count() == voor
    assert not User.objects.filter(username="vol@x.nl").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"voornaam": "", "achternaam": "Naamloos", "fractie": "VVD"},
        {"voornaam": "Jan", "achternaam": "   ", "fractie": "VVD"},
        {"voornaam": "Jan", "achternaam": "Jansen", "fractie": "Bestaat Niet"},
        {"voornaam": "Jan", "achternaam": "Jansen", "fractie": "VVD", "begin": "morgen"},
    ],
)
def test_onvolledig_raadslid_is_een_formulierfout(demo, client, login, data):
    login("griffier-arnhem")
    voor = Raadslid.objects.count()
    response = client.post(RAAD, data)
    assert response.status_code == 200
    assert 'class="veldfout"' in response.content.decode()
    assert Raadslid.objects.count() == voor


def test_fractie_van_een_andere_gemeente_kan_niet(demo, client, login):
    login("griffier-arnhem")
    # "Kernachtig Groesbeek" is a fractie of Berg en Dal only
    response = client.post(
        RAAD, {"voornaam": "A", "achternaam": "B", "fractie": "Kernachtig Groesbeek"}
    )
    assert response.status_code == 200
    assert "Kies een fractie van deze raad." in response.content.decode()


def test_griffier_zet_zichzelf_of_beheer_niet_in_de_raad(demo, client, login, arnhem, griffier):
    login("griffier-arnhem")
    _vrije_zetel(arnhem, griffier)
    for naam in ("griffier-arnhem", "beheer"):
        user = User.objects.get(username=naam)
        user.username = f"{naam}@example.nl"
        user.save()
        response = client.post(
            RAAD,
            {"voornaam": "A", "achternaam": "B", "fractie": "VVD", "email": user.username},
        )
        assert response.status_code == 200
        assert "Dit account kunt u niet als raadslid vastleggen" in response.content.decode()
        assert not Raadslid.objects.filter(user=user).exists()
