"""A council votes at the same moment (PostgreSQL, real threads, each with its own connection
and transaction): 39 raadsleden of one council give exactly 39 votes and the right outcome;
the griffier closing while votes arrive leaves every vote either counted or refused, and the
stored outcome agrees with the votes. SQLite serialises writers: there is no race to test."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from programma.models import ProgrammaVersie
from raden import services
from raden.models import Keuze, Raadslid, Reden, Stem, Stemming, Uitkomst
from regio.models import Gemeente

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: no real race",
)

User = get_user_model()


@pytest.fixture
def raad_met_accounts(demo_vastgelegd):
    """Nijmegen (39 seats, nothing decided on 2027 in the demo) with an account for every
    raadslid: the demo's members without one leave the council and are succeeded by members
    with an account, through the services."""
    arnhem = Gemeente.objects.get(slug="nijmegen")
    griffier = User.objects.get(username="griffier-nijmegen")
    for i, lid in enumerate(
        Raadslid.objects.zittend().filter(gemeente=arnhem, user__isnull=True).order_by("pk")
    ):
        services.beeindig_raadslidmaatschap(raadslid=lid, acting_user=griffier)
        services.voeg_raadslid_toe(
            gemeente=arnhem,
            fractie=lid.fractie,
            voornaam="Opvolger",
            achternaam=f"Nummer {i}",
            email=f"opvolger{i}@nijmegen.example",
            acting_user=griffier,
        )
    leden = list(Raadslid.objects.zittend().filter(gemeente=arnhem).order_by("pk"))
    assert len(leden) == 39 and all(lid.user_id for lid in leden)
    versie = (
        ProgrammaVersie.objects.filter(jaarprogramma__jaar=2027)
        .bevroren()
        .order_by("-nummer")
        .first()
    )
    po = (
        versie.opgaven.exclude(stemmingen__gemeente=arnhem)
        .exclude(besluiten__gemeente=arnhem)
        .order_by("rangorde")
        .first()
    )
    (stemming,) = services.open_stemmingen(
        gemeente=arnhem,
        versie=versie,
        vergaderdatum=timezone.localdate(),
        opgaven=[po],
        acting_user=griffier,
    )
    return stemming, leden, griffier


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _tegelijk(taken) -> list:
    """Run every (client, url, data) at the same moment, each in its own thread."""
    start = threading.Barrier(len(taken))
    antwoorden: list = [None] * len(taken)

    def post(i: int) -> None:
        client, url, data = taken[i]
        try:
            start.wait()
            antwoorden[i] = client.post(url, data)
        except Exception as fout:  # a 500 re-raised by the test client
            antwoorden[i] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=post, args=(i,)) for i in range(len(taken))]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    fouten = [a for a in antwoorden if isinstance(a, Exception)]
    assert fouten == [], fouten
    return antwoorden


def _url(stemming, actie=""):
    return f"/gemeenten/nijmegen/stemmingen/{stemming.pk}/{actie}"


def test_39_raadsleden_stemmen_tegelijk(raad_met_accounts):
    stemming, leden, griffier = raad_met_accounts
    keuzes = [Keuze.VOOR] * 20 + [Keuze.TEGEN] * 19
    taken = [
        (_client(lid.user), _url(stemming, "stem/"), {"keuze": keuze})
        for lid, keuze in zip(leden, keuzes, strict=True)
    ]
    antwoorden = _tegelijk(taken)
    assert sorted(r.status_code for r in antwoorden) == [302] * 39
    stemmen = Stem.objects.filter(stemming=stemming)
    assert stemmen.count() == 39
    assert dict(stemmen.values_list("raadslid_id", "keuze")) == {
        lid.pk: keuze for lid, keuze in zip(leden, keuzes, strict=True)
    }
    assert all(s.uitgebracht_door_id == s.raadslid.user_id for s in stemmen)

    services.sluit_stemming(stemming=stemming, acting_user=griffier)
    stemming.refresh_from_db()
    assert (stemming.voor, stemming.tegen, stemming.afwezig) == (20, 19, 0)
    assert stemming.uitkomst == Uitkomst.AANGENOMEN
    assert Stem.objects.filter(stemming=stemming).count() == 39


def test_griffier_sluit_terwijl_stemmen_binnenkomen(raad_met_accounts):
    stemming, leden, griffier = raad_met_accounts
    taken = [(_client(lid.user), _url(stemming, "stem/"), {"keuze": Keuze.VOOR}) for lid in leden]
    # the griffier's close in the middle of the crowd
    taken.insert(19, (_client(griffier), _url(stemming, "sluiten/"), {}))
    antwoorden = _tegelijk(taken)
    sluiten = antwoorden.pop(19)
    assert sluiten.status_code == 302

    geteld, geweigerd = [], []
    for lid, r in zip(leden, antwoorden, strict=True):
        if r.status_code == 302:
            geteld.append(lid.pk)
        else:
            assert r.status_code == 200, r.status_code
            assert "gesloten" in r.content.decode()
            geweigerd.append(lid.pk)
    stemming.refresh_from_db()
    assert not stemming.is_open
    stemmen = {s.raadslid_id: s for s in Stem.objects.filter(stemming=stemming)}
    # every member has exactly one row: their own vote if it came before the close, else the
    # griffier's "afwezig" written by the close
    assert set(stemmen) == {lid.pk for lid in leden}
    for pk in geteld:
        assert stemmen[pk].keuze == Keuze.VOOR
    for pk in geweigerd:
        assert (stemmen[pk].keuze, stemmen[pk].reden) == (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)
        assert stemmen[pk].uitgebracht_door_id == griffier.pk
    # the stored outcome is the one of the rows
    assert (stemming.voor, stemming.tegen) == (len(geteld), 0)
    assert stemming.afwezig == len(geweigerd)
    assert stemming.uitkomst == services.uitslag_van(stemming).uitkomst
    assert Stemming.objects.get(pk=stemming.pk).uitkomst == stemming.uitkomst
