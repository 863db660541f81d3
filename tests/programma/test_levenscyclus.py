"""The lifecycle of a Jaarprogramma (DOMAIN.md): concept -> voorgesteld -> vastgesteld ->
afgesloten, with frozen, numbered versions and stored bijdragen."""

import pytest
from django.db.models import Sum

from programma import services
from programma.models import Bijdrage, ProgrammaVersie, Status, Synergie
from programma.selectors import deelname_van, deelnemers_van
from regio.exceptions import Bevroren, DomeinFout
from regio.models import Gemeente
from tests.conftest import PEILDATUM
from tests.factories import BestuurderFactory, OpgaveFactory, opgave_inhoud

pytestmark = pytest.mark.django_db


def test_een_nieuw_programma_is_concept_versie_1_met_de_leden_van_het_jaar(concept, kleine_regio):
    assert concept.jaarprogramma.status == Status.CONCEPT
    assert concept.nummer == 1
    assert not concept.is_bevroren
    # The concept follows the members and inwoners of the year; nothing is stored before the
    # proposal.
    assert not concept.deelnemers.exists()
    assert [(d.gemeente, d.inwoners) for d in deelnemers_van(concept)] == list(
        zip(kleine_regio, [50_000, 30_000, 20_000], strict=True)
    )
    assert deelname_van(concept).peildatum.isoformat() == "2039-01-01"


def test_een_gemeente_die_is_uitgetreden_deelt_niet_mee(kleine_regio, bestuur):
    lid = kleine_regio[2].lidmaatschappen.get()
    lid.einde = lid.begin.replace(year=2039, month=12, day=31)
    lid.save()
    versie = services.maak_jaarprogramma(jaar=2040, titel="P", acting_user=bestuur)
    assert kleine_regio[2] not in [d.gemeente for d in deelnemers_van(versie)]


def test_voorstellen_bevriest_en_slaat_exacte_bijdragen_op(concept, bestuur):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    concept.refresh_from_db()
    assert concept.is_bevroren and concept.bevroren_door == bestuur
    assert concept.jaarprogramma.status == Status.VOORGESTELD
    for po in concept.opgaven.all():
        assert po.bijdragen.aggregate(s=Sum("bedrag"))["s"] == po.budget
        assert po.bijdragen.count() == 3
    tweede = concept.opgaven.get(budget=250_001)
    # 250.001 over 50/30/20 %: 125.000,5 / 75.000,3 / 50.000,2 -> the euro goes to Aaa.
    assert dict(tweede.bijdragen.values_list("gemeente__naam", "bedrag")) == {
        "Aaa": 125_001,
        "Bbb": 75_000,
        "Ccc": 50_000,
    }


def test_overgangen_alleen_in_de_volgorde_van_de_levenscyclus(concept, bestuur):
    programma = concept.jaarprogramma
    with pytest.raises(DomeinFout, match="kan niet naar"):
        services.stel_programma_vast(jaarprogramma=programma, acting_user=bestuur)
    with pytest.raises(DomeinFout, match="kan niet naar"):
        services.sluit_programma_af(jaarprogramma=programma, acting_user=bestuur)
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    with pytest.raises(DomeinFout, match="kan niet naar"):
        services.sluit_programma_af(jaarprogramma=programma, acting_user=bestuur)
    services.stel_programma_vast(jaarprogramma=programma, acting_user=bestuur)
    programma.refresh_from_db()
    assert programma.status == Status.VASTGESTELD
    services.sluit_programma_af(jaarprogramma=programma, acting_user=bestuur)
    programma.refresh_from_db()
    assert programma.status == Status.AFGESLOTEN
    with pytest.raises(DomeinFout):
        services.sluit_programma_af(jaarprogramma=programma, acting_user=bestuur)


def test_een_programma_zonder_opgaven_kan_niet_worden_voorgesteld(kleine_regio, bestuur):
    versie = services.maak_jaarprogramma(jaar=2041, titel="Leeg", acting_user=bestuur)
    with pytest.raises(DomeinFout, match="zonder opgaven"):
        services.stel_programma_voor(versie=versie, acting_user=bestuur)
    assert not Bijdrage.objects.filter(programma_opgave__versie=versie).exists()
    versie.refresh_from_db()
    assert not versie.is_bevroren


def test_een_bevroren_versie_wordt_niet_nog_eens_voorgesteld(concept, bestuur):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    with pytest.raises(Bevroren):
        services.stel_programma_voor(versie=concept, acting_user=bestuur)


def test_correctie_is_een_nieuwe_versie_en_de_oude_blijft_leesbaar(concept, bestuur):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    with pytest.raises(DomeinFout, match="reden"):
        services.corrigeer_programma(
            jaarprogramma=concept.jaarprogramma, reden=" ", acting_user=bestuur
        )
    v2 = services.corrigeer_programma(
        jaarprogramma=concept.jaarprogramma, reden="Budget energie bijgesteld", acting_user=bestuur
    )
    assert (v2.nummer, v2.vorige, v2.reden) == (2, concept, "Budget energie bijgesteld")
    assert v2.opgaven.count() == concept.opgaven.count()
    assert Synergie.objects.filter(van__versie=v2).count() == 1
    assert v2.deelnemers.count() == 3
    with pytest.raises(DomeinFout, match="al een nieuwe versie"):
        services.corrigeer_programma(
            jaarprogramma=concept.jaarprogramma, reden="x", acting_user=bestuur
        )
    # Editing the correction leaves version 1 as it was.
    po = v2.opgaven.get(budget=1_000_000)
    po.budget = 1_100_000
    po.save()
    assert concept.opgaven.filter(budget=1_000_000).exists()
    with pytest.raises(DomeinFout, match="correctie in bewerking"):
        services.stel_programma_vast(jaarprogramma=concept.jaarprogramma, acting_user=bestuur)
    services.stel_programma_voor(versie=v2, acting_user=bestuur)
    assert Bijdrage.objects.filter(programma_opgave=po).aggregate(s=Sum("bedrag"))["s"] == 1_100_000
    assert (
        ProgrammaVersie.objects.filter(jaarprogramma=concept.jaarprogramma).bevroren().count() == 2
    )


def test_overnemen_uit_het_vorige_jaar_laat_het_oude_programma_ongemoeid(concept, bestuur):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    nieuw = services.maak_jaarprogramma(
        jaar=2041, titel="Programma 2041", acting_user=bestuur, overnemen=True
    )
    assert nieuw.vorige == concept
    assert sorted(nieuw.opgaven.values_list("opgave__slug", "budget")) == sorted(
        concept.opgaven.values_list("opgave__slug", "budget")
    )
    assert Synergie.objects.filter(van__versie=nieuw).count() == 1
    assert not nieuw.is_bevroren and nieuw.jaarprogramma.status == Status.CONCEPT
    with pytest.raises(DomeinFout, match="al een jaarprogramma"):
        services.maak_jaarprogramma(jaar=2041, titel="x", acting_user=bestuur)
    with pytest.raises(DomeinFout, match="geen jaarprogramma 2049"):
        services.maak_jaarprogramma(jaar=2050, titel="x", acting_user=bestuur, overnemen=True)


def test_synergie_is_symmetrisch_en_uniek(concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("pk")
    s = Synergie.objects.get(van__versie=concept)
    assert (s.van, s.naar) == (eerste, tweede)  # stored once, lower id first
    assert s.andere(eerste) == tweede and s.andere(tweede) == eerste
    with pytest.raises(DomeinFout, match="al vastgelegd"):
        services.voeg_synergie_toe(van=eerste, naar=tweede, toelichting="x", acting_user=bestuur)
    with pytest.raises(DomeinFout, match="zichzelf"):
        services.voeg_synergie_toe(van=eerste, naar=eerste, toelichting="x", acting_user=bestuur)
    assert (
        Synergie.objects.van_opgave(eerste).count() == Synergie.objects.van_opgave(tweede).count()
    )


def test_dezelfde_opgave_kan_niet_twee_keer_in_een_versie(concept, bestuur):
    po = concept.opgaven.first()
    with pytest.raises(DomeinFout, match="al in het programma"):
        services.neem_opgave_op(
            versie=concept,
            opgave=po.opgave,
            acting_user=bestuur,
            portefeuillehouder=po.portefeuillehouder,
            **opgave_inhoud(),
        )


def test_percentages_die_niet_optellen_houden_het_voorstel_tegen(concept, bestuur):
    concept.verdeelsleutel = "percentages"
    concept.percentages = {str(g.pk): "30" for g in Gemeente.objects.leden_op(PEILDATUM)}
    concept.save()
    with pytest.raises(DomeinFout, match="90,0000 in plaats van 100"):
        services.stel_programma_voor(versie=concept, acting_user=bestuur)
    concept.refresh_from_db()
    assert not concept.is_bevroren
    assert not Bijdrage.objects.filter(programma_opgave__versie=concept).exists()


def test_vast_deel_plus_inwoners(concept, bestuur):
    concept.verdeelsleutel = "basis_plus_inwoners"
    concept.basisaandeel = 30
    concept.save()
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    po = concept.opgaven.get(budget=1_000_000)
    # 30 % equally (100.000 each) plus 70 % by inwoners (350.000 / 210.000 / 140.000).
    assert dict(po.bijdragen.values_list("gemeente__naam", "bedrag")) == {
        "Aaa": 450_000,
        "Bbb": 310_000,
        "Ccc": 240_000,
    }


def test_nieuwe_opgave_via_factory_en_service(concept, bestuur):
    po = services.neem_opgave_op(
        versie=concept,
        opgave=OpgaveFactory(),
        acting_user=bestuur,
        portefeuillehouder=BestuurderFactory(),
        **opgave_inhoud(budget=0),
    )
    assert po.budget == 0
