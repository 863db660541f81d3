"""History is complete (issue 17, point 5): the services called without a request, as a task or
script would (simple-history's middleware names no one there): every row names the acting user,
bulk operations included."""

from __future__ import annotations

import datetime

import pytest
from simple_history.models import HistoricalRecords

from programma import services as programma
from programma.models import (
    Jaarprogramma,
    ProgrammaVersie,
    Synergie,
)
from programma.services.levenscyclus import VOORGESTELD
from raden import services as raden
from raden.models import Keuze
from regio.models import Bestuurder, Gemeente, Inwonertal
from tests.historie.paden import (
    BEHEER,
    JAAR,
    User,
    _leg_vast,
    _open_stemming,
    _po,
    _user,
    _vrije_zetel,
)
from tests.historie.volledig import (
    schrijft_historie,
)

# --- services called without a request (a task, a script) -----------------------------------


def _geen_verzoek():
    assert getattr(HistoricalRecords.context, "request", None) is None


def dienst_stel_programma_voor():
    bestuur = _user("regiobestuur")
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    with schrijft_historie(
        door=bestuur,
        reden=str(VOORGESTELD),
        reden_op=("programma.HistoricalBijdrage", "programma.HistoricalDeelnemer"),
    ):
        programma.stel_programma_voor(versie=versie, acting_user=bestuur)


def dienst_corrigeer_programma():
    bestuur = _user("regiobestuur")
    reden = "Correctie door een taak."
    with schrijft_historie(
        door=bestuur, reden=reden, reden_op=("programma.HistoricalProgrammaVersie",)
    ):
        programma.corrigeer_programma(
            jaarprogramma=Jaarprogramma.objects.get(jaar=JAAR), reden=reden, acting_user=bestuur
        )


def dienst_maak_jaarprogramma_overnemen():
    bestuur = _user("regiobestuur")
    with schrijft_historie(door=bestuur):
        programma.maak_jaarprogramma(
            jaar=2029, titel="Programma 2029", acting_user=bestuur, overnemen=True
        )


def dienst_verwijder_opgave_uit_programma():
    bureau = _user("programmabureau")
    with schrijft_historie(door=bureau):
        programma.verwijder_opgave_uit_programma(
            programma_opgave=_po("warmtetransitie"), acting_user=bureau
        )


def dienst_verwijder_synergie():
    bureau = _user("programmabureau")
    synergie = Synergie.objects.van_opgave(_po("energietransitie")).first()
    with schrijft_historie(door=bureau):
        programma.verwijder_synergie(synergie=synergie, acting_user=bureau)


def dienst_benoem_portefeuillehouder():
    bestuur = _user("regiobestuur")
    po = _po("woningbouwversnelling")
    houder = Bestuurder.objects.filter(user__username="portefeuillehouder").first()
    with schrijft_historie(door=bestuur):
        programma.benoem_portefeuillehouder(
            programma_opgave=po, bestuurder=houder, acting_user=bestuur
        )


def dienst_stem_fractie():
    stemming = _open_stemming("arnhem")
    griffier = _user("griffier-arnhem")
    fractie = raden.stemgerechtigden(stemming).order_by("pk").first().fractie
    with schrijft_historie(door=griffier) as v:
        raden.stem_fractie(
            stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier
        )
    assert v.van("raden.HistoricalStem")


def dienst_stem_als_raad():
    stemming = _open_stemming("rozendaal")
    griffier = _user("griffier-rozendaal")
    with schrijft_historie(door=griffier):
        raden.stem_fractie(stemming=stemming, fractie=None, keuze=Keuze.VOOR, acting_user=griffier)


def dienst_sluit_en_bevestig():
    stemming = _open_stemming("rozendaal")
    griffier = _user("griffier-rozendaal")
    _leg_vast(stemming, [(Keuze.VOOR, "")] * 5)
    with schrijft_historie(door=griffier):
        raden.sluit_stemming(stemming=stemming, acting_user=griffier)
    with schrijft_historie(door=griffier):
        raden.bevestig_stemming(stemming=stemming, zienswijze="", acting_user=griffier)


def dienst_sluit_besluitronde():
    bestuur = _user("regiobestuur")
    with schrijft_historie(door=bestuur):
        raden.sluit_besluitronde(
            jaarprogramma=Jaarprogramma.objects.get(jaar=JAAR), acting_user=bestuur, onvolledig=True
        )


def dienst_raad():
    griffier = _user("griffier-arnhem")
    arnhem = Gemeente.objects.get(slug="arnhem")
    with schrijft_historie(door=griffier):
        vvd = _vrije_zetel(arnhem)
    with schrijft_historie(door=griffier):
        raden.voeg_raadslid_toe(
            gemeente=arnhem,
            fractie=vvd,
            voornaam="Taak",
            achternaam="Lid",
            email="taak.lid@arnhem.example",
            acting_user=griffier,
        )


def dienst_benoem_griffier():
    beheer = _user(BEHEER)
    from regio.history import bewaar

    nieuw = bewaar(User(username="taak-griffier"), acting_user=beheer, valideer=False)
    with schrijft_historie(door=beheer) as v:
        raden.benoem_griffier(
            gemeente=Gemeente.objects.get(slug="rozendaal"), user=nieuw, acting_user=beheer
        )
    assert "regio.HistoricalGemeenteUserObjectPermission" in v.modellen


def dienst_vragen():
    raadslid = _user("raadslid-arnhem")
    with schrijft_historie(door=raadslid):
        vraag = raden.stel_vraag(
            programma_opgave=_po("energietransitie", JAAR), tekst="Taakvraag?", acting_user=raadslid
        )
    bureau = _user("programmabureau")
    with schrijft_historie(door=bureau):
        raden.beantwoord_vraag(vraag=vraag, antwoord="Taakantwoord.", acting_user=bureau)


def dienst_verwijder_met_wat_meegaat():
    """regio.history.verwijder: the rows the delete cascades to name the user and reason too
    (Django makes those instances itself; without a request nobody else would name one)."""
    from regio.history import bewaar, verwijder

    beheer = _user(BEHEER)
    gemeente = bewaar(
        Gemeente(naam="Weggemeente", slug="weggemeente", cbs_code="GM9903", provincie="gelderland"),
        acting_user=beheer,
        valideer=False,
    )
    bewaar(
        Inwonertal(gemeente=gemeente, peildatum=datetime.date(2031, 1, 1), inwoners=1, bron="CBS"),
        acting_user=beheer,
        valideer=False,
    )
    reden = "Dubbel ingevoerd."
    with schrijft_historie(door=beheer, reden=reden, reden_op=("regio.HistoricalInwonertal",)):
        verwijder(gemeente, acting_user=beheer, reden=reden)


DIENSTEN = {
    naam.removeprefix("dienst_"): f
    for naam, f in dict(globals()).items()
    if naam.startswith("dienst_")
}


@pytest.mark.parametrize("naam", sorted(DIENSTEN))
def test_dienst_zonder_verzoek_schrijft_de_handelende_gebruiker(naam, demo):
    _geen_verzoek()
    DIENSTEN[naam]()
