"""History pages: the diff of each change, who made it, the filters, who may read what, and a
number of queries that does not grow with the history."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from historie import bronnen
from programma import services
from programma.models import ProgrammaOpgave
from raden.models import Stemming
from regio.geld import format_bedrag
from tests.factories import inhoud_van

pytestmark = pytest.mark.django_db

OPGAVE = "/opgaven/energietransitie/geschiedenis/"
JAAR = "/programma/{}/geschiedenis/"
GEMEENTE = "/gemeenten/arnhem/geschiedenis/"


def _user(naam):
    return get_user_model().objects.get(username=naam)


def _client(naam=None) -> Client:
    c = Client()
    if naam:
        c.force_login(_user(naam))
    return c


def _po(jaar=2028, slug="energietransitie"):
    """The opgave in the newest version of the year."""
    return (
        ProgrammaOpgave.objects.select_related("versie", "opgave")
        .filter(opgave__slug=slug, versie__jaarprogramma__jaar=jaar)
        .order_by("-versie__nummer")
        .first()
    )


def _bewerk(po, user, **wijziging):
    return services.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=po.wijzigingsnummer,
        acting_user=user,
        **inhoud_van(po, **wijziging),
    )


def _items(html: str) -> list[str]:
    return re.findall(
        r'<li class="tijdlijn__item.*?</li>\s*(?=<li class="tijdlijn__item|</ol>)', html, re.S
    )


def _item_van(html: str, volgorde: int) -> str:
    gevonden = [i for i in _items(html) if f'data-volgorde="{volgorde}"' in i]
    assert len(gevonden) == 1, f"entry {volgorde} not found once"
    return gevonden[0]


def _rij(item: str, veld: str) -> tuple[str, str]:
    rij = re.search(rf'<tr data-veld="{veld}">(.*?)</tr>', item, re.S).group(1)
    oud = re.search(r'data-kolom="oud"[^>]*>(.*?)</td>', rij, re.S).group(1)
    nieuw = re.search(r'data-kolom="nieuw"[^>]*>(.*?)</td>', rij, re.S).group(1)
    return unescape(oud).strip(), unescape(nieuw).strip()


def test_een_wijziging_veld_voor_veld_met_wie_en_een_woordverschil(demo):
    po = _po()
    bureau = _user("programmabureau")
    oud_budget = po.budget
    oud_doel = po.doel
    _bewerk(
        po, bureau, budget=oud_budget + 125_000, doel=oud_doel + " Ook warmtenetten tellen mee."
    )
    record = ProgrammaOpgave.history.filter(id=po.pk).first()

    html = _client("regiobestuur").get(OPGAVE).content.decode()
    item = _item_van(html, record.history_id)
    assert _rij(item, "budget") == (format_bedrag(oud_budget), format_bedrag(oud_budget + 125_000))
    doel = re.search(r'<tr data-veld="doel">(.*?)</tr>', item, re.S).group(1)
    assert "<ins> Ook warmtenetten tellen mee.</ins>" in doel
    assert "<del>" not in doel  # only words were added
    assert 'data-veld="mandaat"' not in item  # unchanged fields are not listed
    assert "Demo Programmabureau" in item and "(programmabureau)" in item
    assert "gewijzigd" in item and "programma 2028, versie 1" in item


def test_het_publiek_ziet_geen_conceptwijzigingen_en_geen_conceptjaar(demo):
    po = _po()
    _bewerk(po, _user("programmabureau"), budget=po.budget + 1)
    record = ProgrammaOpgave.history.filter(id=po.pk).first()
    for wie in (None, "raadslid-arnhem", "griffier-arnhem"):
        c = _client(wie)
        html = c.get(OPGAVE).content.decode()
        assert f'data-volgorde="{record.history_id}"' not in html
        assert 'data-gebeurtenis="programma.programmaopgave"' not in html
        assert "2028" not in re.sub(r"<footer.*", "", html, flags=re.S).split("tijdlijn", 1)[-1]
        assert c.get(JAAR.format(2028)).status_code == 404
        assert c.get("/opgaven/grensoverschrijdende-samenwerking/geschiedenis/").status_code == 404
    assert _client("portefeuillehouder").get(JAAR.format(2028)).status_code == 200


def test_publicatie_vergelijkt_met_de_vorige_voorgestelde_versie(demo):
    """The public reads each proposed version against the one before it: 2027 v1 against
    2026, with the budgets as the stored rows have them."""
    oud, nieuw = _po(2026), _po(2027)
    v1 = ProgrammaOpgave.objects.get(
        opgave__slug="energietransitie", versie__jaarprogramma__jaar=2027, versie__nummer=1
    )
    html = _client().get(OPGAVE).content.decode()
    items = [i for i in _items(html) if 'data-gebeurtenis="publicatie"' in i]
    eerste = [i for i in items if "programma 2027, versie 1" in i]
    assert len(eerste) == 1
    if oud.budget != v1.budget:
        assert _rij(eerste[0], "budget") == (format_bedrag(oud.budget), format_bedrag(v1.budget))
    # the very versions it compares: 2026 v1 with 2027 v1, not the years' current versions
    link = 'href="/programma/vergelijk/2026/2027/?versie_van=1&amp;versie_naar=1"'
    assert link in eerste[0]
    pagina = _client().get("/programma/vergelijk/2026/2027/?versie_van=1&versie_naar=1")
    assert pagina.status_code == 200
    assert pagina.context["oud"].nummer == 1 and pagina.context["nieuw"].nummer == 1
    assert pagina.context["nieuw"].jaar == 2027
    tweede = [i for i in items if "programma 2027, versie 2" in i]
    # unchanged in the correction: no reason of another opgave's change on it
    assert len(tweede) == 1 and "Ongewijzigd" in tweede[0]
    assert nieuw.versie.reden.split(":")[0] not in unescape(tweede[0])
    gecorrigeerd = _client().get("/opgaven/klimaatadaptatie-en-water/geschiedenis/")
    correctie = [
        i
        for i in _items(gecorrigeerd.content.decode())
        if 'data-gebeurtenis="publicatie"' in i and "programma 2027, versie 2" in i
    ]
    assert len(correctie) == 1 and nieuw.versie.reden.split(":")[0] in unescape(correctie[0])
    assert 'data-veld="budget"' in correctie[0]
    assert 'href="/programma/2027/vergelijk/1/2/"' in tweede[0]
    # the first year it ran: every field as proposed, nothing before it
    begin = [i for i in items if "programma 2026, versie 1" in i]
    assert len(begin) == 1 and _rij(begin[0], "budget") == ("—", format_bedrag(oud.budget))


def test_gemeente_publiek_alleen_bevestigde_stemmingen_griffier_ook_lopende(demo):
    open_ = Stemming.objects.filter(gemeente__slug="arnhem", bevestigd_op__isnull=True)
    assert open_.exists(), "the demo has a running vote in Arnhem"
    lopend = {h.history_id for h in Stemming.history.filter(id__in=open_.values("id"))}
    publiek = _client().get(GEMEENTE).content.decode()
    raadslid = _client("raadslid-arnhem").get(GEMEENTE).content.decode()
    griffier = _client("griffier-arnhem").get(GEMEENTE).content.decode()
    ander = _client("griffier-nijmegen").get(GEMEENTE).content.decode()
    for html in (publiek, raadslid, ander):
        assert not any(f'data-volgorde="{h}"' in html for h in lopend)
    assert any(f'data-volgorde="{h}"' in griffier for h in lopend)
    volgorde = re.compile(r'data-volgorde="(\d+)"')
    # raadsleden read exactly what the public reads
    assert volgorde.findall(publiek) == volgorde.findall(raadslid)


def test_filters_op_persoon_veld_en_periode(demo):
    po = _po()
    bureau, bestuur = _user("programmabureau"), _user("regiobestuur")
    _bewerk(po, bureau, budget=po.budget + 7)
    po.refresh_from_db()
    _bewerk(po, bestuur, mandaat=po.mandaat + " Extra.")
    c = _client("regiobestuur")
    alle = c.get(OPGAVE).content.decode()
    door_bureau = c.get(OPGAVE, {"persoon": bureau.pk}).content.decode()
    assert f'data-persoon="{bestuur.pk}"' not in door_bureau
    assert f'data-persoon="{bureau.pk}"' in door_bureau
    alleen_budget = c.get(OPGAVE, {"veld": "budget"}).content.decode()
    assert all('data-veld="budget"' in i for i in _items(alleen_budget))
    assert len(_items(alleen_budget)) < len(_items(alle))
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert _items(c.get(OPGAVE, {"van": morgen}).content.decode()) == []
    fout = c.get(OPGAVE, {"van": morgen, "tot": "2020-01-01"})
    assert fout.status_code == 200
    assert "De einddatum ligt voor de begindatum." in fout.content.decode()
    assert 'value="2020-01-01"' in fout.content.decode()  # input kept


@pytest.mark.parametrize("url", [OPGAVE, JAAR.format(2028), GEMEENTE])
def test_aantal_queries_groeit_niet_met_de_historie(demo, url, django_assert_max_num_queries):
    c = _client("regiobestuur")
    with django_assert_max_num_queries(40) as eerst:
        assert c.get(url).status_code == 200
    po = _po()
    for i in range(15):
        po.refresh_from_db()
        _bewerk(po, _user("programmabureau"), budget=po.budget + i + 1)
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        assert c.get(url).status_code == 200


def test_pagina_2_en_de_terugzetlink(demo):
    po = _po()
    for i in range(60):
        po.refresh_from_db()
        _bewerk(po, _user("programmabureau"), budget=po.budget + i + 1)
    c = _client("regiobestuur")
    html = c.get(OPGAVE).content.decode()
    assert 'rel="next"' in html and len(_items(html)) == 50
    tweede = c.get(OPGAVE, {"pagina": 2}).content.decode()
    assert 'rel="prev"' in tweede and _items(tweede)
    assert "/programma/2028/bewerken/opgaven/energietransitie/terugzetten/" in html
    assert "terugzetten" not in _client("portefeuillehouder").get(OPGAVE).content.decode()


# Models whose history the pages leave out on purpose; the audit export and the admin keep it.
NIET_OP_PAGINAS = {
    "regio": "reference data and accounts: the admin's history (functioneel beheer)",
    "portaal": "no models",
    "historie": "no models",
}
RADEN_BUITEN = {"Partij", "Fractie", "Raadslid"}  # who sits in a raad: the raad's own page


def test_elk_domeinmodel_staat_in_het_register_van_de_historiepaginas():
    ontbreekt = []
    for app in ("opgaven", "programma", "raden"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical") or not hasattr(model, "history"):
                continue
            if model in bronnen.BRONNEN or (app == "raden" and model.__name__ in RADEN_BUITEN):
                continue
            ontbreekt.append(model.__name__)
    assert ontbreekt == []


def test_de_historie_van_een_afgelopen_ronde_draagt_haar_eigen_momenten(demo):
    """The demo's 2026 round was decided in 2025: its history says so (op_moment), not the
    day the demo was loaded."""
    from programma.models import ProgrammaVersie

    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2026, nummer=1)
    voorstel = versie.history.filter(bevroren_op__isnull=False).order_by("history_id").first()
    assert voorstel.history_date == versie.bevroren_op
    for stemming in Stemming.objects.filter(versie=versie, bevestigd_op__isnull=False)[:20]:
        laatste = stemming.history.order_by("-history_id").first()
        assert laatste.history_date == stemming.bevestigd_op
    eerste = ProgrammaOpgave.history.filter(versie_id=versie.pk).order_by("history_date").first()
    assert eerste.history_date < versie.bevroren_op  # drafted before it was proposed


def test_geen_terugzetlink_op_de_huidige_stand_en_niet_openbaar_gemarkeerd(demo):
    po = _po()
    for i in range(2):
        po.refresh_from_db()
        _bewerk(po, _user("programmabureau"), budget=po.budget + i + 1)
    nieuwste = ProgrammaOpgave.history.filter(id=po.pk).first()
    vorige = ProgrammaOpgave.history.filter(id=po.pk)[1]
    html = _client("regiobestuur").get(OPGAVE).content.decode()
    assert "terugzetten" not in _item_van(html, nieuwste.history_id)
    assert f"/terugzetten/{vorige.history_id}/" in _item_van(html, vorige.history_id)
    assert "niet openbaar" in _item_van(html, nieuwste.history_id)  # a concept's edit


def test_stemfilter_heet_stem_en_lopende_stemmingen_zijn_gemarkeerd(demo):
    publiek = _client().get(GEMEENTE, {"jaar": 2026}).content.decode()
    assert '<option value="keuze">Stem</option>' in publiek
    assert "niet openbaar" not in publiek
    griffier = _client("griffier-arnhem").get(GEMEENTE).content.decode()
    assert "niet openbaar" in griffier


def test_een_ongeldig_filter_zegt_dat_het_niet_is_toegepast(demo):
    html = _client().get(OPGAVE, {"van": "2027-01-01", "tot": "2020-01-01"}).content.decode()
    assert "Het filter is niet toegepast" in html
    assert "De einddatum ligt voor de begindatum." in html


def test_jaarpagina_zonder_stemmingen_de_export_met(demo):
    html = _client().get(JAAR.format(2027)).content.decode()
    assert 'data-gebeurtenis="raden.stemming"' not in html
    assert 'data-gebeurtenis="raden.besluit"' not in html
    assert "/programma/2027/dekking/" in html


def test_gemeente_per_programmajaar(demo, django_assert_max_num_queries):
    c = _client()
    with django_assert_max_num_queries(40):
        standaard = c.get("/gemeenten/heumen/geschiedenis/")
    assert standaard.context["jaar"] == 2027 and standaard.context["jaren"] == [2027, 2026]
    html = standaard.content.decode()
    assert "(programma 2026," not in html and "(programma 2027," in html
    ouder = c.get("/gemeenten/heumen/geschiedenis/", {"jaar": 2026}).content.decode()
    assert "(programma 2027," not in ouder and "(programma 2026," in ouder
    assert 'name="jaar" value="2026"' in ouder  # the filters stay in that year
    for fout in ("2099", "x", "-1"):
        assert c.get(GEMEENTE, {"jaar": fout}).status_code == 404


def test_jaarpagina_toont_het_geld_van_een_correctie(demo):
    """2027 v2 changed one budget: the year's page says which and by how much, from the rows."""
    v1, v2 = (
        ProgrammaOpgave.objects.get(
            opgave__slug="klimaatadaptatie-en-water",
            versie__jaarprogramma__jaar=2027,
            versie__nummer=n,
        )
        for n in (1, 2)
    )
    html = _client().get(JAAR.format(2027)).content.decode()
    correctie = [
        i
        for i in _items(html)
        if 'data-gebeurtenis="publicatie"' in i and "Programma 2027, versie 2" in i
    ]
    assert len(correctie) == 1
    rijen = re.findall(r'<tr data-veld="budget">(.*?)</tr>', correctie[0], re.S)
    assert len(rijen) == 1 and v1.opgave.titel in unescape(rijen[0])
    assert _rij(correctie[0], "budget") == (format_bedrag(v1.budget), format_bedrag(v2.budget))
