"""Reverting a concept opgave or a concept's title and vision to an earlier recorded state
(programma.services.terugzetten, programma/views/terugzetten.py), and the paths by which a
frozen version, a confirmed vote and a Besluit could be reverted or edited, all refused.

Where each "any path" is proved (issue 17, point 3), for a frozen programme version (F) and
for a confirmed Stemming with its Stemmen and Besluit (S):

- service: F tests/programma/test_bevriezing.py::test_niets_toevoegen_aan_een_bevroren_versie
  and here test_bevroren_versie_weigert_terugzetten; S tests/raden/test_stemmen.py::
  test_na_bevestiging_verandert_niets_via_de_services (and ..._via_de_urls)
- model save / delete: F test_bevriezing.py::test_model_save_en_delete_weigeren;
  S test_stemmen.py::test_na_bevestiging_verandert_niets_via_de_orm
- queryset update / delete / bulk_update: F test_bevriezing.py::
  test_queryset_update_en_delete_weigeren; S test_stemmen.py::..._via_de_orm
- raw SQL UPDATE / DELETE: F test_bevriezing.py::test_ruwe_sql_per_soort_wordt_geweigerd;
  S test_stemmen.py::test_na_bevestiging_verandert_niets_via_sql
- admin change POST: F test_bevriezing.py::test_de_admin_toont_een_bevroren_versie_alleen_lezen;
  S here test_admin_wijzigt_geen_bevestigde_stemming_stem_of_besluit
- admin history revert POST: F here test_admin_zet_niets_terug_ook_geen_concept;
  S here test_admin_zet_geen_bevestigde_stemming_stem_of_besluit_terug
- revert service and URL: F here test_bevroren_versie_weigert_terugzetten and
  test_onbekende_of_andere_stand_en_bevroren_versie_404 (votes have no revert service)
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from portaal.rollen import Rol
from programma import services
from programma.models import ExterneRegeling, ProgrammaOpgave, ProgrammaVersie, StuurgroepLid
from programma.services import terugzetten as tz
from regio.exceptions import Bevroren, DomeinFout
from regio.history import bewaar
from tests.factories import BestuurderFactory, PartnerFactory, UserFactory, inhoud_van
from tests.programma.test_conflict import _formulier, _stuur

pytestmark = pytest.mark.django_db

User = get_user_model()


def _historie() -> int:
    """Every write leaves a history record: their number is the witness that nothing was."""
    return sum(m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical"))


class Klok:
    """The clock of the history records: each step of a test a minute later, so that the
    stands of a test are as far apart as those of people (the rows of one save stay together)."""

    def __init__(self):
        self.nu = timezone.now()

    def now(self):
        self.nu += datetime.timedelta(milliseconds=1)
        return self.nu

    def verder(self):
        self.nu += datetime.timedelta(minutes=1)


@pytest.fixture
def klok(monkeypatch):
    import simple_history.models

    klok = Klok()
    monkeypatch.setattr(simple_history.models, "timezone", klok)
    return klok


@pytest.fixture
def bureau(rollen):
    user = UserFactory(username="test-programmabureau")
    user.groups.add(rollen[Rol.PROGRAMMABUREAU])
    return user


def _bewerk(po, user, **wijziging):
    """werk_opgave_bij with the current state and these changes."""
    return services.werk_opgave_bij(
        programma_opgave=ProgrammaOpgave.objects.get(pk=po.pk),
        verwacht_wijzigingsnummer=None,
        acting_user=user,
        **inhoud_van(po, **wijziging),
    )


def _inhoud(po) -> dict:
    po = ProgrammaOpgave.objects.get(pk=po.pk)
    return {
        **{naam: getattr(po, naam) for naam in tz.OPGAVE_INHOUD if naam != "portefeuillehouder"},
        "portefeuillehouder": po.portefeuillehouder_id,
        "stuurgroep": sorted(
            (lid.partner_id or 0, lid.bestuurder_id or 0, lid.rol) for lid in po.stuurgroep.all()
        ),
        "regelingen": sorted(
            (r.naam, r.niveau, r.verwachte_cofinanciering, r.toelichting)
            for r in po.externe_regelingen.all()
        ),
    }


# --- the service: an opgave ----------------------------------------------------------------


@pytest.fixture
def twee_bewerkingen(concept, bestuur, klok):
    """An opgave of the 2040 concept after two edits (and changes of its stuurgroep and
    regelingen between them): (opgave, its stand after the first edit, its content then)."""
    po = concept.opgaven.order_by("pk").first()
    p1, p2, p3 = PartnerFactory(), PartnerFactory(), PartnerFactory()
    b1 = BestuurderFactory(gemeente=po.portefeuillehouder.gemeente)
    klok.verder()
    _bewerk(
        po,
        bestuur,
        doel="Eerste doel.",
        budget=1_200_000,
        capaciteit_fte=Decimal("3.5"),
        partners=[p1, p2],
        bestuurders=[b1],
    )
    # the same save's regeling, and a role in the stuurgroep
    services.voeg_externe_regeling_toe(
        programma_opgave=po,
        naam="Regio Deal",
        niveau="rijk",
        verwachte_cofinanciering=500_000,
        acting_user=bestuur,
    )
    lid = po.stuurgroep.get(partner=p2)
    lid.rol = "voorzitter"
    bewaar(lid, acting_user=bestuur)
    stand = po.history.order_by("-history_date").first().history_id
    toen = _inhoud(po)

    klok.verder()
    _bewerk(
        po,
        bestuur,
        doel="Tweede doel, heel anders.",
        mandaat="Een nieuw mandaat.",
        budget=900_000,
        capaciteit_fte=Decimal("1"),
        rangorde=4,
        partners=[p2, p3],
        bestuurders=[],
    )
    klok.verder()
    lid = po.stuurgroep.get(partner=p2)
    lid.rol = "lid"
    bewaar(lid, acting_user=bestuur)
    regeling = po.externe_regelingen.get()
    regeling.verwachte_cofinanciering = 750_000
    bewaar(regeling, acting_user=bestuur)
    services.voeg_externe_regeling_toe(
        programma_opgave=po,
        naam="Interreg",
        niveau="eu",
        verwachte_cofinanciering=100_000,
        acting_user=bestuur,
    )
    klok.verder()
    assert _inhoud(po) != toen
    return po, stand, toen


def test_opgave_terug_naar_de_stand_na_de_eerste_bewerking(twee_bewerkingen, bureau):
    po, stand, toen = twee_bewerkingen
    nummer = ProgrammaOpgave.objects.get(pk=po.pk).wijzigingsnummer
    rec = po.history.get(history_id=stand)

    services.zet_opgave_terug(
        programma_opgave=po,
        stand=stand,
        reden="  Tweede bewerking was te vroeg.  ",
        acting_user=bureau,
    )

    assert _inhoud(po) == toen  # the fields, the stuurgroep (with roles) and the regelingen
    po = ProgrammaOpgave.objects.get(pk=po.pk)
    assert po.wijzigingsnummer == nummer + 1
    laatste = po.history.order_by("-history_date").first()
    verwacht = f"Teruggezet naar de stand van {tz.datum_van(rec)}: Tweede bewerking was te vroeg."
    assert (laatste.history_user, laatste.history_change_reason) == (bureau, verwacht)
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}:\d{2}", tz.datum_van(rec))
    # every row the revert touched records the same who and why
    for model in (StuurgroepLid, ExterneRegeling):
        records = model.history.filter(history_change_reason=verwacht)
        assert records.exists()
        assert set(records.values_list("history_user", flat=True)) == {bureau.pk}


def test_een_bewerkformulier_van_voor_het_terugzetten_krijgt_een_conflict(
    twee_bewerkingen, bureau, bestuur
):
    po, stand, _toen = twee_bewerkingen
    geopend = ProgrammaOpgave.objects.get(pk=po.pk).wijzigingsnummer
    services.zet_opgave_terug(programma_opgave=po, stand=stand, reden="Terug.", acting_user=bureau)
    with pytest.raises(services.Conflict):
        po = ProgrammaOpgave.objects.get(pk=po.pk)
        services.werk_opgave_bij(
            programma_opgave=po,
            verwacht_wijzigingsnummer=geopend,
            acting_user=bestuur,
            doel="Overschrijft het terugzetten niet.",
            resultaat=po.resultaat,
            mandaat=po.mandaat,
            sturing=po.sturing,
            budget=po.budget,
            capaciteit_fte=po.capaciteit_fte,
            capaciteit_toelichting=po.capaciteit_toelichting,
            rangorde=po.rangorde,
            partners=[],
            bestuurders=[],
        )


def test_standen_van_een_opgave_nieuwste_eerst(twee_bewerkingen):
    po, stand, _toen = twee_bewerkingen
    standen = services.standen_van_opgave(po)
    assert [s.history_date for s in standen] == sorted(
        (s.history_date for s in standen), reverse=True
    )
    assert stand in [s.history_id for s in standen]
    assert len(services.standen_van_opgave(po, aantal=2)) == 2


def test_terugzetten_vraagt_een_reden_en_het_recht(twee_bewerkingen, rollen):
    po, stand, _toen = twee_bewerkingen
    houder = po.portefeuillehouder
    houder.user = UserFactory()
    houder.save()
    iemand = UserFactory()
    voor, inhoud = _historie(), _inhoud(po)
    bestuur = User.objects.get(username="test-regiobestuur")
    pogingen = [
        # the portefeuillehouder edits the texts of the opgave, but never reverts
        (houder.user, "Mag ik?", "Alleen het regiobestuur en het programmabureau"),
        (iemand, "Mag ik?", "Alleen het regiobestuur en het programmabureau"),
        (bestuur, "   ", "Geef een reden op"),
    ]
    for user, reden, melding in pogingen:
        with pytest.raises(DomeinFout, match=melding):
            services.zet_opgave_terug(
                programma_opgave=po, stand=stand, reden=reden, acting_user=user
            )
    assert not services.mag_terugzetten(houder.user)
    assert (_historie(), _inhoud(po)) == (voor, inhoud)


def test_een_stand_van_een_andere_rij_hoort_er_niet_bij(concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("pk")
    andere = tweede.history.first().history_id
    voor = _historie()
    for stand in (andere, 10**9):
        with pytest.raises(DomeinFout, match="Deze stand hoort niet bij deze opgave"):
            services.zet_opgave_terug(
                programma_opgave=eerste, stand=stand, reden="Terug.", acting_user=bestuur
            )
    with pytest.raises(DomeinFout, match="hoort niet bij deze programmaversie"):
        services.zet_visie_terug(versie=concept, stand=10**9, reden="x", acting_user=bestuur)
    assert _historie() == voor


def test_het_bureau_benoemt_ook_bij_terugzetten_geen_portefeuillehouder(
    concept, bestuur, bureau, klok
):
    po = concept.opgaven.order_by("pk").first()
    stand = po.history.first().history_id
    klok.verder()
    services.benoem_portefeuillehouder(
        programma_opgave=po,
        bestuurder=BestuurderFactory(gemeente=po.portefeuillehouder.gemeente),
        acting_user=bestuur,
    )
    voor = _historie()
    with pytest.raises(DomeinFout, match="Alleen het regiobestuur benoemt"):
        services.zet_opgave_terug(
            programma_opgave=po, stand=stand, reden="Terug.", acting_user=bureau
        )
    assert _historie() == voor
    # the regiobestuur may: the appointment of that stand comes back
    services.zet_opgave_terug(programma_opgave=po, stand=stand, reden="Terug.", acting_user=bestuur)
    assert (
        ProgrammaOpgave.objects.get(pk=po.pk).portefeuillehouder_id
        == po.history.get(history_id=stand).portefeuillehouder_id
    )


def test_bevroren_versie_weigert_terugzetten(concept, bestuur):
    po = concept.opgaven.order_by("pk").first()
    stand = po.history.first().history_id
    visie = concept.history.first().history_id
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    voor, inhoud = _historie(), _inhoud(po)
    with pytest.raises(Bevroren, match="voorgesteld en kan niet meer veranderen"):
        services.zet_opgave_terug(programma_opgave=po, stand=stand, reden="x", acting_user=bestuur)
    with pytest.raises(Bevroren, match="voorgesteld en kan niet meer veranderen"):
        services.zet_visie_terug(versie=concept, stand=visie, reden="x", acting_user=bestuur)
    assert (_historie(), _inhoud(po)) == (voor, inhoud)


# --- the service: title and vision ------------------------------------------------------------


def test_visie_terug(concept, bestuur, bureau, klok):
    def bewerk(**w):
        v = ProgrammaVersie.objects.get(pk=concept.pk)
        waarden = {n: getattr(v, n) for n in tz.VISIE_INHOUD}
        waarden.update(w)
        services.werk_visie_bij(
            versie=v, verwacht_wijzigingsnummer=None, acting_user=bestuur, **waarden
        )

    klok.verder()
    bewerk(titel="Eerste titel", visie_fundament="Fundament één.", visie_perspectief="Ver weg.")
    toen = {n: getattr(ProgrammaVersie.objects.get(pk=concept.pk), n) for n in tz.VISIE_INHOUD}
    stand = concept.history.order_by("-history_date").first().history_id
    klok.verder()
    bewerk(titel="Tweede titel", visie_fundament="Fundament twee.", visie_actualiteit="Nu.")
    geopend = ProgrammaVersie.objects.get(pk=concept.pk).wijzigingsnummer
    assert [s.history_id for s in services.standen_van_visie(concept)][1] == stand

    services.zet_visie_terug(versie=concept, stand=stand, reden="Oude titel.", acting_user=bureau)

    versie = ProgrammaVersie.objects.get(pk=concept.pk)
    assert {n: getattr(versie, n) for n in tz.VISIE_INHOUD} == toen
    assert versie.wijzigingsnummer == geopend + 1
    laatste = versie.history.order_by("-history_date").first()
    assert laatste.history_user == bureau
    assert laatste.history_change_reason.endswith(": Oude titel.")
    with pytest.raises(services.Conflict):
        services.werk_visie_bij(
            versie=versie,
            verwacht_wijzigingsnummer=geopend,
            acting_user=bestuur,
            titel="Overschrijft niets",
            visie_fundament="",
            visie_actualiteit="",
            visie_perspectief="",
        )


# --- through the URLs (demo region, 2028 concept) -----------------------------------------


def _po_2028(slug="energietransitie") -> ProgrammaOpgave:
    return ProgrammaOpgave.objects.select_related("versie").get(
        opgave__slug=slug, versie__jaarprogramma__jaar=2028
    )


def _url(po, stand) -> str:
    return f"/programma/2028/bewerken/opgaven/{po.opgave.slug}/terugzetten/{stand}/"


@pytest.fixture
def gewijzigd(demo, klok):
    """The 2028 energietransitie after an edit by the regiobestuur: (opgave, the stand before)."""
    po = _po_2028()
    stand = po.history.order_by("-history_date").first()
    klok.verder()
    _bewerk(po, User.objects.get(username="regiobestuur"), doel="Een doel dat terug moet.")
    return po, stand


def test_bevestigpagina_toont_wat_verandert(
    gewijzigd, client, login, django_assert_max_num_queries
):
    po, stand = gewijzigd
    login("programmabureau")
    with django_assert_max_num_queries(22):  # 18 measured
        response = client.get(_url(po, stand.history_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Opgave {po.opgave.titel} terugzetten" in html
    assert f"Terug naar de stand van {tz.datum_van(stand)}" in html
    assert 'data-veld="doel"' in html and "Een doel dat terug moet." in html
    assert 'data-veld="budget"' not in html  # only what differs
    assert 'name="reden"' in html and "Terugzetten</button>" in html


def test_terugzetten_via_de_url(gewijzigd, client, login, django_assert_max_num_queries):
    po, stand = gewijzigd
    user = login("regiobestuur")
    # 43 measured; a changed stuurgroep row or regeling adds its own write, as in an edit
    with django_assert_max_num_queries(
        54
    ):  # +6: the token of what the page showed, read and checked
        response = client.post(_url(po, stand.history_id), {"reden": "Doel was beter."})
    assert response.status_code == 302
    assert response["Location"] == f"/programma/2028/bewerken/opgaven/{po.opgave.slug}/"
    assert _po_2028().doel == stand.doel
    laatste = _po_2028().history.order_by("-history_date").first()
    assert laatste.history_user == user and laatste.history_change_reason.endswith(
        ": Doel was beter."
    )
    pagina = client.get(response["Location"]).content.decode()
    assert "teruggezet naar de stand van" in pagina  # the success message
    assert "Eerdere standen" in pagina and "Doel was beter." in pagina


def test_zonder_reden_blijft_het_formulier_staan(gewijzigd, client, login):
    po, stand = gewijzigd
    login("programmabureau")
    voor = _historie()
    response = client.post(_url(po, stand.history_id), {"reden": "  "})
    assert response.status_code == 200
    assert "Geef een reden op" in response.content.decode()
    assert _historie() == voor and _po_2028().doel == "Een doel dat terug moet."


def test_een_geweigerd_terugzetten_houdt_de_reden(demo, client, login, klok):
    """The bureau reverts to a stand with another portefeuillehouder: refused on the form."""
    po = _po_2028()
    stand = po.history.order_by("-history_date").first().history_id
    klok.verder()
    services.benoem_portefeuillehouder(
        programma_opgave=po,
        bestuurder=BestuurderFactory(gemeente=po.portefeuillehouder.gemeente),
        acting_user=User.objects.get(username="regiobestuur"),
    )
    login("programmabureau")
    voor = _historie()
    response = client.post(_url(po, stand), {"reden": "Mijn reden hier."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alleen het regiobestuur benoemt de portefeuillehouder." in html
    assert "Mijn reden hier.</textarea>" in html
    assert _historie() == voor


@pytest.mark.parametrize(
    "gebruiker, status",
    [
        ("portefeuillehouder", 403),  # sees the concept, edits own texts, may not revert
        ("griffier-arnhem", 404),
        ("raadslid-arnhem", 404),
        ("beheer", 404),
    ],
)
def test_wie_niet_mag_terugzetten(gewijzigd, client, login, gebruiker, status):
    po, stand = gewijzigd
    login(gebruiker)
    voor = _historie()
    assert client.get(_url(po, stand.history_id)).status_code == status
    assert client.post(_url(po, stand.history_id), {"reden": "x"}).status_code == status
    assert (
        client.get(f"/programma/2028/bewerken/visie/terugzetten/{stand.history_id}/").status_code
        == status
    )
    assert _historie() == voor


def test_anoniem_naar_inloggen(gewijzigd, client):
    po, stand = gewijzigd
    response = client.post(_url(po, stand.history_id), {"reden": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_onbekende_of_andere_stand_en_bevroren_versie_404(gewijzigd, client, login):
    po, _stand = gewijzigd
    login("regiobestuur")
    andere = _po_2028("woningbouwversnelling").history.first().history_id
    bevroren = (
        ProgrammaOpgave.objects.filter(
            opgave__slug="energietransitie", versie__jaarprogramma__jaar=2027
        )
        .order_by("-versie__nummer")
        .first()
    )
    voor = _historie()
    assert client.get(_url(po, andere)).status_code == 404
    assert client.get(_url(po, 10**9)).status_code == 404
    # a stand of the frozen 2027 opgave through the 2028 URL, and the 2027 URL itself
    oud = bevroren.history.first().history_id
    assert client.post(_url(po, oud), {"reden": "x"}).status_code == 404
    url_2027 = f"/programma/2027/bewerken/opgaven/energietransitie/terugzetten/{oud}/"
    assert client.get(url_2027).status_code == 404
    assert client.post(url_2027, {"reden": "x"}).status_code == 404
    visie_2027 = bevroren.versie.history.first().history_id
    assert (
        client.post(
            f"/programma/2027/bewerken/visie/terugzetten/{visie_2027}/", {"reden": "x"}
        ).status_code
        == 404
    )
    assert _historie() == voor


def test_bewerkpagina_na_terugzetten_geeft_conflict(gewijzigd, client, login):
    """An edit form opened before the revert, saved after it with the same field changed,
    gets the conflict screen instead of overwriting the revert."""
    po, stand = gewijzigd
    login("programmabureau")
    bewerk_url = f"/programma/2028/bewerken/opgaven/{po.opgave.slug}/"
    formulier = _formulier(client.get(bewerk_url))
    assert client.post(_url(po, stand.history_id), {"reden": "Terug."}).status_code == 302
    response = _stuur(client, bewerk_url, formulier, doel="Mijn eigen doel.")
    assert response.status_code == 200
    assert "Iemand anders heeft intussen opgeslagen" in response.content.decode()
    assert _po_2028().doel == stand.doel


def test_visie_via_de_url(demo, client, login, klok, django_assert_max_num_queries):
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028, bevroren_op__isnull=True)
    stand = versie.history.order_by("-history_date").first()
    klok.verder()
    waarden = {n: getattr(versie, n) for n in tz.VISIE_INHOUD}
    waarden["visie_perspectief"] = "Een perspectief dat terug moet."
    services.werk_visie_bij(
        versie=versie,
        verwacht_wijzigingsnummer=None,
        acting_user=User.objects.get(username="regiobestuur"),
        **waarden,
    )
    login("programmabureau")
    url = f"/programma/2028/bewerken/visie/terugzetten/{stand.history_id}/"
    with django_assert_max_num_queries(9):  # 6 measured
        html = client.get(url).content.decode()
    assert "Titel en visie terugzetten" in html and 'data-veld="visie_perspectief"' in html
    with django_assert_max_num_queries(9):  # 6 measured
        bewerkpagina = client.get("/programma/2028/bewerken/visie/").content.decode()
    assert "Eerdere standen" in bewerkpagina and f"terugzetten/{stand.history_id}/" in bewerkpagina
    response = client.post(url, {"reden": "Terug naar het oude perspectief."})
    assert response.status_code == 302 and response["Location"] == "/programma/2028/bewerken/visie/"
    versie.refresh_from_db()
    assert versie.visie_perspectief == stand.visie_perspectief


def test_eerdere_standen_alleen_voor_wie_mag_terugzetten(
    gewijzigd, client, login, django_assert_max_num_queries
):
    po, stand = gewijzigd
    url = f"/programma/2028/bewerken/opgaven/{po.opgave.slug}/"
    login("regiobestuur")
    with django_assert_max_num_queries(22):  # 18 measured, the last 10 standen in one
        html = client.get(url).content.decode()
    assert "Eerdere standen" in html and _url(po, stand.history_id) in html
    login("portefeuillehouder")
    html = client.get(url).content.decode()
    assert "Eerdere standen" not in html and "terugzetten/" not in html


# --- the admin: no revert, no edit of what is frozen ---------------------------------------


@pytest.fixture
def superuser(demo, client):
    user = User.objects.create_superuser("super", "super@example.nl", "geheim-genoeg")
    client.force_login(user)
    return user


def _historie_url(obj) -> str:
    meta = obj._meta
    rec = obj.history.order_by("history_date").first()
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/history/{rec.history_id}/"


def test_admin_zet_niets_terug_ook_geen_concept(superuser, client, klok):
    """simple-history's record page would save the old row on POST; here it only shows."""
    bevroren = (
        ProgrammaOpgave.objects.filter(versie__jaarprogramma__jaar=2027)
        .order_by("-versie__nummer")
        .first()
    )
    concept_po = _po_2028()
    klok.verder()
    _bewerk(concept_po, superuser, doel="Nieuw doel in het concept.")
    concept_po.refresh_from_db()
    for obj in (bevroren, bevroren.versie, concept_po, concept_po.versie):
        voor, rij = _historie(), type(obj).objects.filter(pk=obj.pk).values().get()
        url = _historie_url(obj)
        pagina = client.get(url).content.decode()
        assert 'name="_save"' not in pagina  # SIMPLE_HISTORY_REVERT_DISABLED: no button
        data = {"doel": "oud", "titel": "oud", "budget": "1", "_save": "1"}
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert "Terugzetten kan niet in de beheeromgeving" in response.content.decode()
        assert _historie() == voor
        assert type(obj).objects.filter(pk=obj.pk).values().get() == rij


def _bevestigde_stemming():
    from raden.models import Stemming

    stemming = (
        Stemming.objects.filter(bevestigd_op__isnull=False, stemmen__isnull=False)
        .order_by("pk")
        .first()
    )
    assert stemming is not None, "de demo heeft een bevestigde stemming met stemmen"
    return stemming


def _vote_objecten():
    from raden.models import Besluit

    stemming = _bevestigde_stemming()
    return [
        stemming,
        stemming.stemmen.order_by("pk").first(),
        Besluit.objects.filter(stemming=stemming).first(),
    ]


def _rij(obj):
    return type(obj).objects.filter(pk=obj.pk).values().get()


def test_admin_wijzigt_geen_bevestigde_stemming_stem_of_besluit(superuser, client):
    for obj in _vote_objecten():
        assert obj is not None
        meta = obj._meta
        voor, rij = _historie(), _rij(obj)
        url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"
        response = client.post(url, {"keuze": "tegen", "deelname": "", "bijdrage": "0"})
        assert response.status_code == 403, url
        assert (_historie(), _rij(obj)) == (voor, rij)


def test_admin_zet_geen_bevestigde_stemming_stem_of_besluit_terug(superuser, client):
    for obj in _vote_objecten():
        voor, rij = _historie(), _rij(obj)
        url = _historie_url(obj)
        response = client.post(url, {"keuze": "tegen", "deelname": "", "bijdrage": "0"})
        # every history admin answers a POST to a record as a view of it (HistorieAdmin)
        assert response.status_code == 200, url
        assert "Terugzetten kan niet in de beheeromgeving" in response.content.decode(), url
        assert (_historie(), _rij(obj)) == (voor, rij)


def test_terugzetten_weigert_na_een_wijziging_die_de_pagina_niet_toonde(gewijzigd, client, login):
    """The confirm page carries a token of what it showed; an edit saved in between (here a new
    externe regeling) makes the revert refuse instead of silently undoing it."""
    import re as _re

    po, stand = gewijzigd
    login("programmabureau")
    pagina = client.get(_url(po, stand.history_id)).content.decode()
    token = _re.search(r'name="huidig" value="([^"]+)"', pagina).group(1)
    services.voeg_externe_regeling_toe(
        programma_opgave=_po_2028(),
        naam="Nieuwe regeling tussendoor",
        niveau="provincie",
        verwachte_cofinanciering=10_000,
        toelichting="",
        acting_user=User.objects.get(username="regiobestuur"),
    )
    voor = _historie()
    response = client.post(_url(po, stand.history_id), {"reden": "Terug.", "huidig": token})
    html = response.content.decode()
    assert response.status_code == 200
    assert "gewijzigd sinds u deze pagina opende" in html
    assert "Terug." in html  # the reason kept
    assert _historie() == voor  # nothing written
    nieuw = _re.search(r'name="huidig" value="([^"]+)"', html).group(1)
    assert nieuw != token
    response = client.post(_url(po, stand.history_id), {"reden": "Terug.", "huidig": nieuw})
    assert response.status_code == 302
    assert not _po_2028().externe_regelingen.filter(naam="Nieuwe regeling tussendoor").exists()
