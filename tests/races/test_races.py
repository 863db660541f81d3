"""Races answer in Dutch, never with a 500 (issue 13.3).

Ten identical posts at once to "new jaarprogramma", "new opgave" and "add raadslid": one
succeeds, the others get a Dutch message, and nothing exists twice. On PostgreSQL with real
threads, each with its own connection; SQLite serialises writers, so there the race is
simulated: the competing row appears between the service's own check and its save, which is
the window a real race hits. And the portefeuillehouder page answers from what was saved."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from opgaven.models import Opgave
from programma import selectors, services
from programma.models import Jaarprogramma, ProgrammaOpgave
from raden import services as raden_services
from raden.models import Raadslid
from regio.models import Bestuurder, Thema
from tests.factories import OpgaveFactory, opgave_inhoud
from tests.fuzz.formulieren import ENGELS, lees

User = get_user_model()


def _programma() -> dict:
    return {"jaar": "2033", "titel": "Programma 2033", "start": "leeg"}


def _opgave() -> dict:
    return {
        "bestaande_opgave": "",
        "titel": "Dubbel ingediende opgave",
        "thema": str(Thema.objects.order_by("pk").first().pk),
        "doel": "Doel.",
        "resultaat": "Resultaat.",
        "mandaat": "Mandaat.",
        "sturing": "Sturing.",
        "budget": "100.000",
        "capaciteit_fte": "1",
        "capaciteit_toelichting": "",
        "rangorde": "0",
        "portefeuillehouder": "",
    }


def _raadslid() -> dict:
    return {
        "voornaam": "Dubbel",
        "achternaam": "Geklikt",
        "email": "dubbel@arnhem.nl",
        "fractie": "VVD",
    }


def _vrije_zetel() -> None:
    """Every seat of the demo's councils is taken: a VVD member of Arnhem without an account
    leaves the council today, so that the raadslid of _raadslid() has a seat to take."""
    lid = (
        Raadslid.objects.zittend()
        .filter(gemeente__slug="arnhem", fractie__naam="VVD", user__isnull=True)
        .order_by("pk")
        .first()
    )
    raden_services.beeindig_raadslidmaatschap(
        raadslid=lid, acting_user=User.objects.get(username="griffier-arnhem")
    )


# (url, user, data, how many rows of the thing there are)
GEVALLEN = {
    "jaarprogramma": (
        "/programma/nieuw/",
        "regiobestuur",
        _programma,
        lambda: Jaarprogramma.objects.filter(jaar=2033).count(),
    ),
    "opgave": (
        "/programma/2028/bewerken/opgaven/nieuw/",
        "regiobestuur",
        _opgave,
        lambda: ProgrammaOpgave.objects.filter(opgave__titel="Dubbel ingediende opgave").count(),
    ),
    "raadslid": (
        "/gemeenten/arnhem/raad/",
        "griffier-arnhem",
        _raadslid,
        lambda: Raadslid.objects.zittend().filter(user__username="dubbel@arnhem.nl").count(),
    ),
}


def _melding(response) -> list[str]:
    return lees(response.content.decode()).fouten


def _controleer(antwoorden: list, aantal: int) -> None:
    statussen = sorted(r.status_code for r in antwoorden)
    assert 500 not in statussen, statussen
    assert statussen.count(302) == 1, statussen  # exactly one succeeded
    assert aantal == 1, "the thing exists twice"
    for r in antwoorden:
        if r.status_code != 302:
            assert r.status_code == 200
            meldingen = _melding(r)
            assert meldingen, "refused without a message"
            assert not [m for m in meldingen if ENGELS.search(m)], meldingen


# --- PostgreSQL: ten threads at once -------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: no real race (see the simulated ones below)",
)
@pytest.mark.parametrize("geval", list(GEVALLEN))
def test_tien_gelijke_posts_tegelijk(demo_vastgelegd, geval):
    url, gebruiker, data, tel = GEVALLEN[geval]
    if geval == "raadslid":
        _vrije_zetel()  # one seat, ten requests for it
    user = User.objects.get(username=gebruiker)
    gegevens = data()
    clients = []
    for _ in range(10):
        c = Client()
        c.force_login(user)
        clients.append(c)
    start = threading.Barrier(len(clients))
    antwoorden: list = [None] * len(clients)

    def post(i: int) -> None:
        try:
            start.wait()
            antwoorden[i] = clients[i].post(url, gegevens)
        except Exception as fout:  # a 500 re-raised by the test client
            antwoorden[i] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    fouten = [a for a in antwoorden if isinstance(a, Exception)]
    assert fouten == [], fouten
    _controleer(antwoorden, tel())


# --- both databases: the race window, simulated ------------------------------------------


def _concurrent(model, maak_concurrent):
    """Patch model.full_clean: after this request's own validation passed, another request
    makes the competing row (maak_concurrent), just before this one saves. (Inside the test's
    transaction the refused service takes that row with it when it rolls back; that nothing
    exists twice is what the PostgreSQL test above proves.)"""
    origineel = model.full_clean
    gedaan = []

    def full_clean(self, *args, **kwargs):
        origineel(self, *args, **kwargs)
        if not gedaan:
            gedaan.append(True)
            maak_concurrent(self)

    return mock.patch.object(model, "full_clean", full_clean)


def _post(client, login, url, gebruiker, data):
    login(gebruiker)
    return client.post(url, data)


def test_nieuw_jaarprogramma_tegelijk(demo, client, login):
    with _concurrent(Jaarprogramma, lambda p: Jaarprogramma.objects.create(jaar=p.jaar)):
        r = _post(client, login, "/programma/nieuw/", "regiobestuur", _programma())
    assert r.status_code == 200
    assert _melding(r) and not ENGELS.search(" ".join(_melding(r)))
    assert Jaarprogramma.objects.filter(jaar=2033).count() <= 1
    assert 'value="Programma 2033"' in r.content.decode()  # what was typed is kept


def test_nieuwe_opgave_tegelijk(demo, client, login):
    def concurrent(opgave):
        Opgave.objects.create(titel=opgave.titel, slug=opgave.slug, thema=opgave.thema, sinds=2028)

    with _concurrent(Opgave, concurrent):
        r = _post(
            client, login, "/programma/2028/bewerken/opgaven/nieuw/", "regiobestuur", _opgave()
        )
    assert r.status_code == 200
    assert _melding(r) and not ENGELS.search(" ".join(_melding(r)))
    assert Opgave.objects.filter(titel="Dubbel ingediende opgave").count() <= 1
    assert not ProgrammaOpgave.objects.filter(opgave__titel="Dubbel ingediende opgave").exists()


def test_raadslid_tegelijk(demo, client, login):
    _vrije_zetel()
    gemaakt = []

    def concurrent(raadslid):
        gemaakt.append(raadslid.user)  # the request got past its checks: the race window
        Raadslid.objects.create(
            gemeente=raadslid.gemeente,
            fractie=raadslid.fractie,
            user=raadslid.user,
            begin=raadslid.begin,
        )

    with _concurrent(Raadslid, concurrent):
        r = _post(client, login, "/gemeenten/arnhem/raad/", "griffier-arnhem", _raadslid())
    assert len(gemaakt) == 1
    assert r.status_code == 200
    assert _melding(r) and not ENGELS.search(" ".join(_melding(r)))
    assert Raadslid.objects.zittend().filter(user__username="dubbel@arnhem.nl").count() <= 1


def test_account_van_raadslid_tegelijk_aangemaakt(demo, client, login):
    """The other request made the account between this one's lookup and its save."""
    _vrije_zetel()
    origineel = User.set_password  # called between the lookup and the save

    def set_password(self, wachtwoord):
        if self.pk is None and self.username == "dubbel@arnhem.nl":
            User.objects.create(username=self.username, email=self.email)
        return origineel(self, wachtwoord)

    with mock.patch.object(User, "set_password", set_password):
        r = _post(client, login, "/gemeenten/arnhem/raad/", "griffier-arnhem", _raadslid())
    assert r.status_code == 302
    assert User.objects.filter(username="dubbel@arnhem.nl").count() == 1
    assert Raadslid.objects.zittend().filter(user__username="dubbel@arnhem.nl").count() == 1


# --- the portefeuillehouder page renders what the service saved ---------------------------


def test_eerste_en_volgende_portefeuillehouder(demo, client, login):
    bestuur = login("regiobestuur")
    versie = selectors.concept_versie_van_jaar(2028)
    po = services.neem_opgave_op(
        versie=versie,
        opgave=OpgaveFactory(),
        acting_user=bestuur,
        portefeuillehouder=None,
        **opgave_inhoud(budget=100_000),
    )
    eerste, tweede = Bestuurder.objects.order_by("pk")[:2]
    url = "/programma/2028/portefeuillehouders/"

    r = client.post(url, {"programma_opgave": po.pk, "bestuurder": eerste.pk}, follow=True)
    assert r.status_code == 200
    meldingen = [str(m) for m in r.context["messages"]]
    assert meldingen == [f"{eerste.naam} is regionaal portefeuillehouder van {po.opgave.titel}."]

    r = client.post(url, {"programma_opgave": po.pk, "bestuurder": tweede.pk}, follow=True)
    meldingen = [str(m) for m in r.context["messages"]]
    assert meldingen == [f"{tweede.naam} is regionaal portefeuillehouder van {po.opgave.titel}."]
    po.refresh_from_db()
    assert po.portefeuillehouder == tweede
