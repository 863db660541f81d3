"""Members and inwoners are fixed when a version is proposed, not when its concept is created
(issue 14, point 5; DESIGN.md §2 and §4): a first concept follows Lidmaatschap and Inwonertal
live, the proposal records the members, inwoners and peildatum it used and computes the
bijdragen from exactly those, and a correction keeps them."""

import datetime
from decimal import Decimal

import pytest

from programma import selectors, services
from programma.models import Bijdrage, Deelnemer
from regio.exceptions import DomeinFout
from regio.models import Inwonertal
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db

PEILDATUM = datetime.date(2039, 1, 1)


def _bijdragen(versie) -> dict[str, dict[str, int]]:
    """{opgave budget: {gemeente: bedrag}} as stored."""
    uitkomst: dict[str, dict[str, int]] = {}
    for b in Bijdrage.objects.filter(programma_opgave__versie=versie).select_related(
        "gemeente", "programma_opgave"
    ):
        uitkomst.setdefault(b.programma_opgave.budget, {})[b.gemeente.naam] = b.bedrag
    return uitkomst


def _deelnemers(versie) -> dict[str, int]:
    return dict(Deelnemer.objects.filter(versie=versie).values_list("gemeente__naam", "inwoners"))


def test_lidmaatschap_gewijzigd_tijdens_het_opstellen_zit_in_de_bijdragen(
    concept, kleine_regio, bestuur
):
    aaa, bbb, ccc = kleine_regio
    # While drafting: Ccc leaves before 1 January 2040, Ddd joins.
    lid = ccc.lidmaatschappen.get()
    lid.einde = datetime.date(2039, 12, 31)
    lid.save()
    GemeenteFactory(naam="Ddd", inwoners=20_000, cbs_code="GM9104", slug="ddd")
    # the concept follows at once (its preview and pages)
    assert [d.gemeente.naam for d in selectors.deelnemers_van(concept)] == ["Aaa", "Bbb", "Ddd"]

    services.stel_programma_voor(versie=concept, acting_user=bestuur)

    assert _deelnemers(concept) == {"Aaa": 50_000, "Bbb": 30_000, "Ddd": 20_000}
    # 1.000.000 over 50/30/20 %, Ccc no longer in it and Ddd in it
    assert _bijdragen(concept)[1_000_000] == {"Aaa": 500_000, "Bbb": 300_000, "Ddd": 200_000}


def test_inwoners_gewijzigd_tijdens_het_opstellen_zitten_in_de_bijdragen(
    concept, kleine_regio, bestuur
):
    aaa, bbb, ccc = kleine_regio
    # CBS publishes a newer peildatum (still on or before 1 January 2040) while drafting, and
    # an existing figure of the old one is corrected.
    nieuw = datetime.date(2040, 1, 1)
    for gemeente, inwoners in ((aaa, 40_000), (bbb, 40_000), (ccc, 20_000)):
        Inwonertal.objects.create(gemeente=gemeente, peildatum=nieuw, inwoners=inwoners)
    deelname = selectors.deelname_van(concept)
    assert deelname.voorlopig and deelname.peildatum == nieuw

    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    concept.refresh_from_db()

    assert concept.peildatum_inwoners == nieuw
    assert _deelnemers(concept) == {"Aaa": 40_000, "Bbb": 40_000, "Ccc": 20_000}
    assert _bijdragen(concept)[1_000_000] == {"Aaa": 400_000, "Bbb": 400_000, "Ccc": 200_000}


def test_een_ander_inwonertal_op_dezelfde_peildatum_telt_ook_mee(concept, kleine_regio, bestuur):
    tal = kleine_regio[2].inwonertallen.get(peildatum=PEILDATUM)
    tal.inwoners = 120_000  # a correction of the CBS figure
    tal.save()
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    assert _deelnemers(concept)["Ccc"] == 120_000
    assert _bijdragen(concept)[1_000_000] == {"Aaa": 250_000, "Bbb": 150_000, "Ccc": 600_000}


def test_na_het_voorstel_verandert_niets_meer(concept, kleine_regio, bestuur, client):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    voor_bijdragen, voor_deelnemers = _bijdragen(concept), _deelnemers(concept)
    # Everything the first two tests changed while drafting, now after the proposal.
    lid = kleine_regio[2].lidmaatschappen.get()
    lid.einde = datetime.date(2039, 12, 31)
    lid.save()
    GemeenteFactory(naam="Ddd", inwoners=20_000, cbs_code="GM9104", slug="ddd")
    Inwonertal.objects.create(
        gemeente=kleine_regio[0], peildatum=datetime.date(2040, 1, 1), inwoners=99_000
    )
    tal = kleine_regio[1].inwonertallen.get(peildatum=PEILDATUM)
    tal.inwoners = 1
    tal.save()

    concept.refresh_from_db()
    assert (_bijdragen(concept), _deelnemers(concept)) == (voor_bijdragen, voor_deelnemers)
    assert concept.peildatum_inwoners == PEILDATUM
    assert selectors.deelname_van(concept).peildatum == PEILDATUM
    assert [d.gemeente.naam for d in selectors.deelnemers_van(concept)] == ["Aaa", "Bbb", "Ccc"]
    # and the public page shows the recorded members and inwoners
    html = client.get("/programma/2040/").content.decode()
    assert "Verdeeld over 3 gemeenten, inwoners per 1 januari 2039." in html
    assert "Ddd" not in html and "99.000" not in html


def test_een_correctie_houdt_de_leden_en_inwoners_van_het_voorstel(concept, kleine_regio, bestuur):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    # Between the proposal and its correction the reference data change.
    lid = kleine_regio[2].lidmaatschappen.get()
    lid.einde = datetime.date(2039, 12, 31)
    lid.save()
    Inwonertal.objects.create(
        gemeente=kleine_regio[0], peildatum=datetime.date(2040, 1, 1), inwoners=99_000
    )
    v2 = services.corrigeer_programma(
        jaarprogramma=concept.jaarprogramma, reden="Budget bijgesteld", acting_user=bestuur
    )
    deelname = selectors.deelname_van(v2)
    assert not deelname.voorlopig and deelname.peildatum == PEILDATUM
    assert {d.gemeente.naam: d.inwoners for d in deelname.deelnemers} == _deelnemers(concept)
    services.stel_programma_voor(versie=v2, acting_user=bestuur)
    v2.refresh_from_db()
    assert v2.peildatum_inwoners == PEILDATUM
    assert _deelnemers(v2) == {"Aaa": 50_000, "Bbb": 30_000, "Ccc": 20_000}
    assert _bijdragen(v2) == _bijdragen(concept)


def test_vaste_percentages_worden_bij_het_voorstel_getoetst_aan_de_leden(
    concept, kleine_regio, bestuur, client
):
    aaa, bbb, ccc = kleine_regio
    services.werk_verdeelsleutel_bij(
        versie=concept,
        verdeelsleutel="percentages",
        basisaandeel=Decimal(0),
        percentages={aaa.pk: Decimal("60"), bbb.pk: Decimal("25"), ccc.pk: Decimal("15")},
        acting_user=bestuur,
    )
    assert not concept.deelnemers.exists()  # kept on the version until the proposal
    # A new member joins while drafting: it has no percentage yet.
    GemeenteFactory(naam="Ddd", inwoners=20_000, cbs_code="GM9104", slug="ddd")
    with pytest.raises(DomeinFout, match="Geen percentage voor Ddd, lid op 1 januari 2040"):
        services.stel_programma_voor(versie=concept, acting_user=bestuur)
    # the drafting pages say so instead of failing
    client.force_login(bestuur)
    for url in ("/programma/2040/", "/programma/2040/bewerken/verdeelsleutel/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Geen percentage voor Ddd" in response.content.decode()
    # Percentages that leave out the one who left do not add up.
    lid = ccc.lidmaatschappen.get()
    lid.einde = datetime.date(2039, 12, 31)
    lid.save()
    concept.refresh_from_db()
    ddd = selectors.deelnemers_van(concept)[-1].gemeente
    concept.percentages[str(ddd.pk)] = "10"
    concept.save()
    with pytest.raises(DomeinFout, match="tellen op tot 95,0000 in plaats van 100"):
        services.stel_programma_voor(versie=concept, acting_user=bestuur)

    services.werk_verdeelsleutel_bij(
        versie=concept,
        verdeelsleutel="percentages",
        basisaandeel=Decimal(0),
        percentages={aaa.pk: Decimal("60"), bbb.pk: Decimal("25"), ddd.pk: Decimal("15")},
        acting_user=bestuur,
    )
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    concept.refresh_from_db()
    assert concept.percentages == {}  # the record is on the members now
    assert dict(concept.deelnemers.values_list("gemeente__naam", "percentage")) == {
        "Aaa": Decimal("60"),
        "Bbb": Decimal("25"),
        "Ddd": Decimal("15"),
    }
    assert _bijdragen(concept)[1_000_000] == {"Aaa": 600_000, "Bbb": 250_000, "Ddd": 150_000}


def test_een_lid_zonder_inwonertal_houdt_het_voorstel_tegen(concept, bestuur, client):
    GemeenteFactory(naam="Ddd", cbs_code="GM9104", slug="ddd")  # member, no inwoners
    with pytest.raises(DomeinFout, match="Geen inwonertal op 01-01-2039 voor: Ddd"):
        services.stel_programma_voor(versie=concept, acting_user=bestuur)
    client.force_login(bestuur)
    response = client.get("/programma/2040/bewerken/voorstellen/")
    assert "Geen inwonertal op 01-01-2039 voor: Ddd" in response.content.decode()


def test_de_versiepagina_zegt_welke_leden_en_peildatum(concept, bestuur, client):
    client.force_login(bestuur)
    html = client.get("/programma/2040/").content.decode()
    assert (
        "Voorlopig: Verdeeld over 3 gemeenten, inwoners per 1 januari 2039. De leden en "
        "inwoners liggen vast zodra het programma wordt voorgesteld."
    ) in html
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    client.logout()
    html = client.get("/programma/2040/").content.decode()
    assert "Verdeeld over 3 gemeenten, inwoners per 1 januari 2039." in html
    assert "Voorlopig" not in html


def test_de_demo_versie_noemt_haar_18_gemeenten(demo, client):
    html = client.get("/programma/2027/").content.decode()
    assert "Verdeeld over 18 gemeenten, inwoners per 1 januari 2024." in html


def test_een_losse_deelnemer_in_een_eerste_concept_wijkt_voor_de_leden(concept, bestuur):
    """A row added by hand to a first concept (say in the admin) does not decide who shares."""
    Deelnemer.objects.create(versie=concept, gemeente=GemeenteFactory(lid_sinds=False), inwoners=1)
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    assert _deelnemers(concept) == {"Aaa": 50_000, "Bbb": 30_000, "Ccc": 20_000}
