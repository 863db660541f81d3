"""A frozen version shows what was proposed (issue 14, point 9): renaming a bestuurder, a
thema, a partner or a gemeente afterwards leaves every page of a proposed programme as it was,
cell by cell, while the concept shows the new names."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from programma import services
from programma.models import ProgrammaOpgave, ProgrammaVersie, StuurgroepLid
from regio.models import Bestuurder, Gemeente, Partner, Thema
from tests.factories import PartnerFactory

SLUG = "energietransitie"


class _Boom(HTMLParser):
    """A minimal element tree of a page: enough to read headings, lists and table cells."""

    LEEG = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr", "circle", "rect"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.wortel = {"tag": "root", "attrs": {}, "kids": [], "tekst": []}
        self.stapel = [self.wortel]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "kids": [], "tekst": []}
        self.stapel[-1]["kids"].append(el)
        if tag not in self.LEEG:
            self.stapel.append(el)

    def handle_startendtag(self, tag, attrs):
        self.stapel[-1]["kids"].append({"tag": tag, "attrs": dict(attrs), "kids": [], "tekst": []})

    def handle_endtag(self, tag):
        for i in range(len(self.stapel) - 1, 0, -1):
            if self.stapel[i]["tag"] == tag:
                del self.stapel[i:]
                return

    def handle_data(self, data):
        for el in self.stapel:
            el["tekst"].append(data)


def _alle(el, tag: str):
    for kind in el["kids"]:
        if kind["tag"] == tag:
            yield kind
        yield from _alle(kind, tag)


def _tekst(el) -> str:
    return re.sub(r"\s+", " ", "".join(el["tekst"])).strip()


def _pagina(client, url: str):
    # The names come with the rows the pages already read: no query per name.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(queries) <= 16, (url, len(queries))
    return _Boom(response.content.decode()).wortel


def _tabellen(wortel) -> list[list[list[str]]]:
    return [
        [[_tekst(c) for c in rij["kids"] if c["tag"] in ("th", "td")] for rij in _alle(t, "tr")]
        for t in _alle(wortel, "table")
    ]


def _rij(wortel, eerste_cel: str) -> list[list[str]]:
    """Every table row (of any table) whose first cell is this text."""
    return [rij for tabel in _tabellen(wortel) for rij in tabel if rij and rij[0] == eerste_cel]


def _kaarten(wortel, titel: str) -> list[dict[str, str]]:
    """Every opgave card (the programme pages show opgaven as cards) with this title, as
    {dt: dd} of its figures."""
    kaarten = []
    for li in _alle(wortel, "li"):
        if "kaart" not in li["attrs"].get("class", "").split():
            continue
        koppen = [el for tag in ("h3", "h4") for el in _alle(li, tag)]
        if koppen and _tekst(koppen[0]) == titel:
            dts, dds = list(_alle(li, "dt")), list(_alle(li, "dd"))
            kaarten.append({_tekst(dt): _tekst(dd) for dt, dd in zip(dts, dds, strict=True)})
    return kaarten


def _teksten(wortel, tag: str) -> list[str]:
    return [_tekst(el) for el in _alle(wortel, tag)]


def _huidige_versie(jaar):
    """The latest frozen version of a year, the one its public pages show."""
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=jaar)
        .order_by("-nummer")
        .first()
    )


@pytest.fixture
def hernoemd(demo, django_user_model):
    """The names of energietransitie as proposed, then renamed in the reference data (as the
    admin does, with a history user) after 2026 and 2027 were proposed; 2028 is a concept.
    The row is that of 2027's current version: the correction v2 (v1 was proposed first, and
    both before the renames)."""
    beheer = django_user_model.objects.get(username="beheer")
    po = ProgrammaOpgave.objects.select_related(
        "opgave__thema", "portefeuillehouder__gemeente", "versie"
    ).get(opgave__slug=SLUG, versie=_huidige_versie(2027))
    assert po.versie.nummer == 2
    houder = po.portefeuillehouder
    lid_partner = po.stuurgroep.filter(partner__isnull=False).select_related("partner")[0]
    lid_bestuurder = (
        po.stuurgroep.filter(bestuurder__isnull=False)
        .exclude(bestuurder=houder)
        .select_related("bestuurder__gemeente")[0]
    )
    oud = {
        "houder": houder.naam,
        "houder_cel": f"{houder.naam} ({houder.get_functie_display()} {houder.gemeente.naam})",
        "thema": po.opgave.thema.naam,
        "partner": lid_partner.partner.naam,
        "soort": lid_partner.partner.get_soort_display(),
        "bestuurder": lid_bestuurder.bestuurder.naam,
        "bestuurder_li": (
            f"{lid_bestuurder.bestuurder.naam}, "
            f"{lid_bestuurder.bestuurder.get_functie_display()} "
            f"{lid_bestuurder.bestuurder.gemeente.naam}"
        ),
        "gemeente": houder.gemeente.naam,
        "gemeente_slug": houder.gemeente.slug,
    }
    for obj, veld, waarde in (
        (houder, "naam", "Nieuwe Naam Houder"),
        (houder.gemeente, "naam", "Hernoemde Gemeente"),
        (po.opgave.thema, "naam", "Hernoemd Thema"),
        (lid_partner.partner, "naam", "Hernoemde Partner"),
        (lid_bestuurder.bestuurder, "naam", "Nieuwe Naam Stuurgroeplid"),
        (lid_bestuurder.bestuurder, "functie", Bestuurder.Functie.BURGEMEESTER),
    ):
        setattr(obj, veld, waarde)
        obj._history_user = beheer
        obj.save()
    nieuw = {
        "houder": "Nieuwe Naam Houder",
        "thema": "Hernoemd Thema",
        "partner": "Hernoemde Partner",
        "bestuurder": "Nieuwe Naam Stuurgroeplid",
        "gemeente": "Hernoemde Gemeente",
    }
    return po, oud, nieuw


def _geen_nieuwe_namen(wortel, nieuw: dict) -> None:
    tekst = _tekst(wortel)
    for naam in nieuw.values():
        assert naam not in tekst


@pytest.mark.parametrize("url", ["/programma/2026/", "/programma/2027/", "/"])
def test_de_programmapagina_van_een_voorgestelde_versie_blijft_zoals_voorgesteld(
    hernoemd, client, url
):
    po, oud, nieuw = hernoemd
    wortel = _pagina(client, url)
    assert oud["thema"] in _teksten(wortel, "h3")  # the thema heading
    [kaart] = _kaarten(wortel, po.opgave.titel)
    assert kaart["Regionaal portefeuillehouder"] == oud["houder_cel"]
    # the gemeente in the bijdragen table, by the name it had
    assert len(_rij(wortel, oud["gemeente"])) == 1
    _geen_nieuwe_namen(wortel, nieuw)


def test_de_opgavepagina_van_een_voorgestelde_versie_blijft_zoals_voorgesteld(hernoemd, client):
    po, oud, nieuw = hernoemd
    wortel = _pagina(client, f"/opgaven/{SLUG}/")
    assert f"versie {po.versie.nummer}" in _tekst(wortel) and "2027" in _tekst(wortel)
    kruimel = [el for el in _alle(wortel, "p") if el["attrs"].get("class") == "kruimel"][0]
    assert _tekst(kruimel).endswith(f"› {oud['thema']}")
    assert oud["houder_cel"] in _teksten(wortel, "dd")
    stuurgroep = _teksten(wortel, "li")
    assert f"{oud['houder']}, regionaal portefeuillehouder (voorzitter)" in stuurgroep
    assert f"{oud['partner']} ({oud['soort']})" in stuurgroep
    assert oud["bestuurder_li"] in stuurgroep
    assert len(_rij(wortel, oud["gemeente"])) == 1  # bijdragen table
    _geen_nieuwe_namen(wortel, nieuw)


@pytest.mark.parametrize("jaar", [2026, 2027])
def test_begroting_synergie_en_gemeentepagina_blijven_zoals_voorgesteld(hernoemd, client, jaar):
    po, oud, nieuw = hernoemd
    begroting = _pagina(client, f"/programma/{jaar}/begroting/")
    per_thema, per_opgave = _tabellen(begroting)[:2]
    assert oud["thema"] in [rij[0] for rij in per_thema[1:-1]]
    assert [rij[1] for rij in per_opgave if rij[0] == po.opgave.titel] == [oud["thema"]]
    _geen_nieuwe_namen(begroting, nieuw)

    synergie = _pagina(client, f"/programma/{jaar}/synergie/")
    assert oud["thema"] in _teksten(synergie, "li")  # the map's legend
    _geen_nieuwe_namen(synergie, nieuw)

    gemeente = _pagina(client, f"/gemeenten/{oud['gemeente_slug']}/")
    jaar_sectie = [
        s for s in _alle(gemeente, "section") if s["attrs"].get("aria-labelledby") == f"jaar-{jaar}"
    ][0]
    assert [rij[1] for rij in _rij(jaar_sectie, po.opgave.titel)] == [oud["thema"]]
    assert nieuw["thema"] not in _tekst(jaar_sectie)


def test_het_concept_toont_de_nieuwe_namen(hernoemd, client, login):
    po, oud, nieuw = hernoemd
    login("regiobestuur")
    wortel = _pagina(client, "/programma/2028/")
    assert nieuw["thema"] in _teksten(wortel, "h3")
    [kaart] = _kaarten(wortel, po.opgave.titel)
    houder = f"{nieuw['houder']} (wethouder {nieuw['gemeente']})"
    assert kaart["Regionaal portefeuillehouder"] == houder
    assert len(_rij(wortel, nieuw["gemeente"])) == 1
    begroting = _pagina(client, "/programma/2028/begroting/")
    assert [rij[1] for rij in _rij(begroting, po.opgave.titel)] == [nieuw["thema"]]


def test_een_correctie_legt_de_namen_van_haar_eigen_voorstel_vast(hernoemd, client, login):
    """A correction of 2027 proposed after the renames (v3: the demo has v1 and v2) shows the new
    names, the versions proposed before them the old ones."""
    po, oud, nieuw = hernoemd
    bestuur = login("regiobestuur")
    programma = po.versie.jaarprogramma
    v3 = services.corrigeer_programma(jaarprogramma=programma, reden="x", acting_user=bestuur)
    assert v3.nummer == po.versie.nummer + 1 == 3
    services.stel_programma_voor(versie=v3, acting_user=bestuur)
    houder = "Regionaal portefeuillehouder"
    [kaart] = _kaarten(_pagina(client, "/programma/2027/v3/"), po.opgave.titel)
    assert kaart[houder] == f"{nieuw['houder']} (wethouder {nieuw['gemeente']})"
    for eerder in ("v1", "v2"):
        [kaart] = _kaarten(_pagina(client, f"/programma/2027/{eerder}/"), po.opgave.titel)
        assert kaart[houder] == oud["houder_cel"]


@pytest.mark.django_db
def test_voorstellen_legt_elke_naam_vast_met_historie(concept, bestuur):
    po = concept.opgaven.order_by("pk").first()
    services.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=None,
        acting_user=bestuur,
        doel=po.doel,
        resultaat=po.resultaat,
        mandaat=po.mandaat,
        sturing=po.sturing,
        budget=po.budget,
        capaciteit_fte=po.capaciteit_fte,
        capaciteit_toelichting=po.capaciteit_toelichting,
        rangorde=po.rangorde,
        partners=[PartnerFactory(naam="Radboud")],
        bestuurders=[po.portefeuillehouder],
    )
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    po = ProgrammaOpgave.objects.select_related(
        "opgave__thema", "portefeuillehouder__gemeente"
    ).get(pk=po.pk)
    houder = po.portefeuillehouder
    assert (
        po.thema_naam,
        po.portefeuillehouder_naam,
        po.portefeuillehouder_functie,
        po.portefeuillehouder_gemeente,
    ) == (po.opgave.thema.naam, houder.naam, houder.functie, houder.gemeente.naam)
    leden = {(lid.naam, lid.functie, lid.gemeente_naam, lid.soort) for lid in po.stuurgroep.all()}
    assert leden == {
        ("Radboud", "", "", "kennisinstelling"),
        (houder.naam, "wethouder", houder.gemeente.naam, ""),
    }
    assert {d.gemeente_naam for d in concept.deelnemers.all()} == {"Aaa", "Bbb", "Ccc"}
    # recorded in the history, by the one who proposed
    laatste = po.history.first()
    assert laatste.portefeuillehouder_naam == houder.naam and laatste.history_user == bestuur
    assert StuurgroepLid.history.filter(naam="Radboud", history_user=bestuur).exists()
    assert ProgrammaVersie.objects.get(pk=concept.pk).is_bevroren


def test_de_migratie_vult_de_namen_van_eerder_voorgestelde_versies_zoals_toen(hernoemd):
    """programma 0006 fills the names of versions frozen before it, as they were at their
    proposal (from the history of the reference data), past the freeze triggers, which are
    there again afterwards."""
    import importlib

    from django.apps import apps

    from regio import triggers

    migratie = importlib.import_module("programma.migrations.0006_momentopname")
    po, oud, nieuw = hernoemd
    # The demo records its proposals on their real, past dates, but its reference data got
    # their history when it was loaded, after those dates. As in a real region, the renamed
    # rows existed before the first proposal: their creation is recorded (the history is
    # append-only) once more, dated the day before, so "as at the proposal" means the old names.
    eerste_voorstel = ProgrammaVersie.objects.bevroren().order_by("bevroren_op")[0].bevroren_op
    for model in (Thema, Bestuurder, Partner, Gemeente):
        for historie in model.history.filter(history_type="+"):
            historie.pk = None
            historie.history_date = eerste_voorstel - datetime.timedelta(days=1)
            historie.save()
    voor = triggers.aanwezig()
    assert voor  # installed: the migration must get past them itself
    # As before the migration: frozen rows without names.
    migratie._zonder_bevriezingstriggers(
        connection,
        lambda: (
            ProgrammaOpgave._base_manager.update(thema_naam="", portefeuillehouder_naam=""),
            StuurgroepLid._base_manager.update(naam=""),
        ),
    )
    assert triggers.aanwezig() == voor

    migratie.leg_namen_vast(apps, type("SchemaEditor", (), {"connection": connection})())

    assert triggers.aanwezig() == voor
    # every frozen row: 2026 v1, and 2027's proposal v1 and its correction v2
    rijen = ProgrammaOpgave.objects.filter(
        opgave__slug=SLUG, versie__jaarprogramma__jaar__in=(2026, 2027)
    )
    assert sorted(rijen.values_list("versie__jaarprogramma__jaar", "versie__nummer")) == [
        (2026, 1),
        (2027, 1),
        (2027, 2),
    ]
    for rij in rijen:
        assert (rij.thema_naam, rij.portefeuillehouder_naam) == (oud["thema"], oud["houder"])
        assert rij.history.first().history_change_reason == migratie.REDEN
        namen = set(rij.stuurgroep.values_list("naam", flat=True))
        assert {oud["partner"], oud["bestuurder"]} <= namen
    # a concept is left alone: it shows the reference data as they are
    concept = ProgrammaOpgave.objects.get(opgave__slug=SLUG, versie__jaarprogramma__jaar=2028)
    assert concept.thema_naam == "" and concept.thema_weergave == nieuw["thema"]
    # and the frozen rows are still guarded
    with (
        pytest.raises(IntegrityError, match="bevroren"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE programma_programmaopgave SET thema_naam = 'x' WHERE id = %s", [po.pk]
        )
