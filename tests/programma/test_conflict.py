"""Two people edit the same concept opgave (or vision): the second save merges with the first.
A field only one of them changed is kept without a question; only a field both changed
differently is asked, and the answer is applied. Services directly, then through the URLs."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from programma import services
from programma.forms import OpgaveForm
from programma.models import ProgrammaOpgave, ProgrammaVersie
from tests.factories import inhoud_van

URL = "/programma/2028/bewerken/opgaven/energietransitie/"
VISIE = "/programma/2028/bewerken/visie/"


def _po():
    return ProgrammaOpgave.objects.select_related("versie", "opgave").get(
        opgave__slug="energietransitie", versie__jaarprogramma__jaar=2028
    )


def _user(naam):
    return get_user_model().objects.get(username=naam)


def _inhoud(po, **wijziging) -> dict:
    """The keyword arguments of werk_opgave_bij for `po` as it is stored, with changes."""
    return inhoud_van(po, **wijziging)


# --- the services ---------------------------------------------------------------------------


def test_service_voegt_losse_wijzigingen_samen(demo):
    po = _po()
    basis = services.stand_van_opgave(OpgaveForm.initial_van(po))
    nummer = po.wijzigingsnummer
    anja, bert = _user("programmabureau"), _user("regiobestuur")
    services.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=nummer,
        acting_user=anja,
        **_inhoud(po, budget=4_321_000),
    )
    # Bert started from the same basis and changed only the doel
    samen = services.voeg_opgave_samen(
        programma_opgave=po,
        verwacht_wijzigingsnummer=nummer,
        basis=basis,
        invoer={**basis, "doel": "Doel van Bert"},
    )
    assert samen.waarden["doel"] == "Doel van Bert"
    assert samen.waarden["budget"] == 4_321_000  # Anja's, not Bert's stale value
    assert samen.van_ander == ["budget"] and samen.door == anja
    assert samen.wijzigingsnummer == nummer + 1
    _ = bert


def test_service_geeft_een_conflict_voor_alleen_het_veld_dat_beiden_veranderden(demo):
    po = _po()
    basis = services.stand_van_opgave(OpgaveForm.initial_van(po))
    nummer = po.wijzigingsnummer
    services.werk_opgave_bij(
        programma_opgave=po,
        verwacht_wijzigingsnummer=nummer,
        acting_user=_user("programmabureau"),
        **_inhoud(po, doel="Doel van Anja", budget=4_321_000),
    )
    with pytest.raises(services.Conflict) as fout:
        services.voeg_opgave_samen(
            programma_opgave=po,
            verwacht_wijzigingsnummer=nummer,
            basis=basis,
            invoer={**basis, "doel": "Doel van Bert", "mandaat": "Mandaat van Bert"},
        )
    samen = fout.value.samenvoeging
    assert samen.conflicten == ["doel"]
    assert samen.van_ander == ["budget"]
    assert samen.resultaat["mandaat"] == "Mandaat van Bert"
    assert fout.value.opgeslagen["doel"] == "Doel van Anja"
    assert fout.value.door == _user("programmabureau")


def test_een_bewerking_in_de_admin_telt_niet_op_en_blijft_toch_staan(demo):
    """The admin saves without counting up the wijzigingsnummer: the history would not show
    it as a new state of the form, the basis in the form does."""
    from regio.history import bewaar

    po = _po()
    basis = services.stand_van_opgave(OpgaveForm.initial_van(po))
    nummer = po.wijzigingsnummer
    po.budget = 3_333_000
    bewaar(po, acting_user=_user("beheer"))  # as the admin does
    assert _po().wijzigingsnummer == nummer
    samen = services.voeg_opgave_samen(
        programma_opgave=po,
        verwacht_wijzigingsnummer=nummer,
        basis=basis,
        invoer={**basis, "doel": "Doel van Bert"},
    )
    assert samen.waarden["budget"] == 3_333_000 and samen.van_ander == ["budget"]


def test_service_visie(demo):
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    basis = services.stand_van_visie(versie)
    nummer = versie.wijzigingsnummer
    services.werk_visie_bij(
        versie=versie,
        verwacht_wijzigingsnummer=nummer,
        acting_user=_user("programmabureau"),
        **{**basis, "titel": "Titel van Anja"},
    )
    samen = services.voeg_visie_samen(
        versie=versie,
        verwacht_wijzigingsnummer=nummer,
        basis=basis,
        invoer={**basis, "visie_perspectief": "Perspectief van Bert"},
    )
    assert samen.waarden["titel"] == "Titel van Anja"
    assert samen.waarden["visie_perspectief"] == "Perspectief van Bert"
    with pytest.raises(services.Conflict) as fout:
        services.voeg_visie_samen(
            versie=versie,
            verwacht_wijzigingsnummer=nummer,
            basis=basis,
            invoer={**basis, "titel": "Titel van Bert"},
        )
    assert fout.value.samenvoeging.conflicten == ["titel"]


# --- through the URLs -----------------------------------------------------------------------


class _Formulier(HTMLParser):
    """What a browser would send for each POST form of a page, as it is shown."""

    def __init__(self):
        super().__init__()
        self.formulieren: list[dict[str, list[str]]] = []
        self.velden: dict[str, list[str]] = {}
        self._in_form = False
        self._textarea = self._select = None
        self._optie = None

    def _voeg(self, naam, waarde):
        self.velden.setdefault(naam, []).append(waarde)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self._in_form = True
            self.velden = {}
            self.formulieren.append(self.velden)
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            soort = a.get("type", "text")
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    self._voeg(a["name"], a.get("value", "on"))
            elif soort != "submit":
                self._voeg(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._voeg(self._textarea, "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._voeg(self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.velden[self._textarea][-1] += data


def _formulier(response) -> dict:
    """The edit form (the one with a wijzigingsnummer) as the browser would send it."""
    parser = _Formulier()
    parser.feed(response.content.decode())
    (velden,) = [f for f in parser.formulieren if "wijzigingsnummer" in f]
    # a textarea's first newline belongs to the markup, as a browser reads it
    return {
        naam: [w[1:] if w.startswith("\n") else w for w in waarden]
        for naam, waarden in velden.items()
    }


def _stuur(client, url, velden: dict, **wijziging):
    data = dict(velden)
    data.update({k: [v] if isinstance(v, str) else v for k, v in wijziging.items()})
    data.pop("csrfmiddlewaretoken", None)
    return client.post(url, data)


@pytest.fixture
def twee(demo):
    anja, bert = Client(), Client()
    anja.force_login(_user("programmabureau"))
    bert.force_login(_user("regiobestuur"))
    return anja, bert


def _legenden(html: str) -> list[str]:
    return re.findall(r'<fieldset class="conflictveld[^"]*">\s*<legend>([^<]+)</legend>', html)


def test_losse_wijzigingen_van_twee_mensen_blijven_allebei(twee, django_assert_max_num_queries):
    anja, bert = twee
    with django_assert_max_num_queries(24):  # 20 measured
        form_anja = _formulier(anja.get(URL))
    form_bert = _formulier(bert.get(URL))
    assert form_anja["basis"][0]  # the signed basis travels with the form
    assert _stuur(anja, URL, form_anja, budget="4.321.000").status_code == 302
    response = _stuur(bert, URL, form_bert, doel="Doel van Bert, met meer zon op daken.")
    assert response.status_code == 302  # no conflict screen
    po = _po()
    assert (po.doel, po.budget) == ("Doel van Bert, met meer zon op daken.", 4_321_000)
    melding = bert.get(response["Location"]).content.decode()
    assert "Demo Programmabureau had intussen ook opgeslagen" in melding
    assert "Budget (euro)" in melding


def test_stuurgroep_van_beiden_samengevoegd(twee):
    anja, bert = twee
    form_anja, form_bert = _formulier(anja.get(URL)), _formulier(bert.get(URL))
    keuzes = OpgaveForm(initial={}).fields["partners"].queryset
    al = set(form_anja.get("partners", []))
    nieuw = [str(p.pk) for p in keuzes if str(p.pk) not in al][:2]
    assert len(nieuw) == 2
    assert (
        _stuur(anja, URL, form_anja, partners=[*form_anja.get("partners", []), nieuw[0]])
    ).status_code == 302
    assert (
        _stuur(bert, URL, form_bert, partners=[*form_bert.get("partners", []), nieuw[1]])
    ).status_code == 302
    partners = {str(lid.partner_id) for lid in _po().stuurgroep.all() if lid.partner_id}
    assert partners == al | set(nieuw)


@pytest.mark.parametrize(
    "keuze, doel", [("opgeslagen", "Doel van Anja."), ("mijn", "Doel van Bert.")]
)
def test_hetzelfde_veld_wordt_gevraagd_en_de_keuze_toegepast(
    twee, keuze, doel, django_assert_max_num_queries
):
    anja, bert = twee
    form_anja, form_bert = _formulier(anja.get(URL)), _formulier(bert.get(URL))
    assert (
        _stuur(anja, URL, form_anja, doel="Doel van Anja.", budget="4.321.000").status_code == 302
    )
    with django_assert_max_num_queries(40):  # 34 measured
        conflict = _stuur(bert, URL, form_bert, doel="Doel van Bert.", mandaat="Mandaat van Bert.")
    html = conflict.content.decode()
    assert conflict.status_code == 200
    assert _legenden(html) == ["Doel"]  # only the field both changed is asked
    assert 'name="keuze_doel"' in html and "keuze_mandaat" not in html
    assert "<ins>Anja.</ins>" in html or "<ins>Doel van Anja.</ins>" in html  # word-level mark
    po = _po()
    assert po.doel == "Doel van Anja."  # nothing saved yet
    scherm = _formulier(conflict)
    # the form holds the merge: Anja's budget, Bert's mandaat, Bert's doel until he chooses
    assert scherm["budget"] == ["4.321.000"]
    assert scherm["mandaat"] == ["Mandaat van Bert."]
    assert scherm["doel"] == ["Doel van Bert."]
    assert scherm["wijzigingsnummer"] == [str(po.wijzigingsnummer)]

    # saving without choosing asks again and saves nothing
    opnieuw = _stuur(bert, URL, scherm)
    assert opnieuw.status_code == 200
    assert "kies bij elk veld welke versie blijft" in opnieuw.content.decode()
    assert _legenden(opnieuw.content.decode()) == ["Doel"]
    assert _po().wijzigingsnummer == po.wijzigingsnummer

    assert _stuur(bert, URL, scherm, keuze_doel=keuze).status_code == 302
    po = _po()
    assert (po.doel, po.mandaat, po.budget) == (doel, "Mandaat van Bert.", 4_321_000)


def test_een_derde_slaat_op_terwijl_de_tweede_kiest(twee):
    anja, bert = twee
    carla = Client()
    carla.force_login(_user("programmabureau"))
    form_anja, form_bert = _formulier(anja.get(URL)), _formulier(bert.get(URL))
    assert _stuur(anja, URL, form_anja, doel="Doel van Anja.").status_code == 302
    scherm = _formulier(_stuur(bert, URL, form_bert, doel="Doel van Bert."))
    # while Bert reads the conflict screen, Carla changes the sturing
    form_carla = _formulier(carla.get(URL))
    assert _stuur(carla, URL, form_carla, sturing="Sturing van Carla.").status_code == 302
    # Bert keeps the stored doel he was shown: Carla's sturing stays, nothing is asked
    assert _stuur(bert, URL, scherm, keuze_doel="opgeslagen").status_code == 302
    po = _po()
    assert (po.doel, po.sturing) == ("Doel van Anja.", "Sturing van Carla.")

    # and when Carla changed the very field again, Bert is asked again
    form_anja, form_bert = _formulier(anja.get(URL)), _formulier(bert.get(URL))
    assert _stuur(anja, URL, form_anja, mandaat="Mandaat van Anja.").status_code == 302
    scherm = _formulier(_stuur(bert, URL, form_bert, mandaat="Mandaat van Bert."))
    form_carla = _formulier(carla.get(URL))
    assert _stuur(carla, URL, form_carla, mandaat="Mandaat van Carla.").status_code == 302
    response = _stuur(bert, URL, scherm, keuze_mandaat="mijn")
    assert response.status_code == 200
    assert _legenden(response.content.decode()) == ["Mandaat"]
    assert _po().mandaat == "Mandaat van Carla."


def test_een_vervalste_basis_telt_niet(twee):
    anja, bert = twee
    form_anja, form_bert = _formulier(anja.get(URL)), _formulier(bert.get(URL))
    assert _stuur(anja, URL, form_anja, budget="4.321.000").status_code == 302
    form_bert["basis"] = [form_bert["basis"][0][:-3] + "abc"]
    # without a trustworthy basis nobody knows who changed what: every difference is asked
    response = _stuur(bert, URL, form_bert, doel="Doel van Bert.")
    assert response.status_code == 200
    assert _legenden(response.content.decode()) == ["Doel", "Budget (euro)"]
    assert _po().budget == 4_321_000


def test_visie_door_twee_mensen(twee):
    anja, bert = twee
    form_anja, form_bert = _formulier(anja.get(VISIE)), _formulier(bert.get(VISIE))
    assert _stuur(anja, VISIE, form_anja, titel="Titel van Anja").status_code == 302
    response = _stuur(bert, VISIE, form_bert, visie_perspectief="Perspectief van Bert.")
    assert response.status_code == 302
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    assert (versie.titel, versie.visie_perspectief) == ("Titel van Anja", "Perspectief van Bert.")

    form_anja, form_bert = _formulier(anja.get(VISIE)), _formulier(bert.get(VISIE))
    assert _stuur(anja, VISIE, form_anja, titel="Titel A").status_code == 302
    conflict = _stuur(bert, VISIE, form_bert, titel="Titel B")
    assert _legenden(conflict.content.decode()) == ["Titel"]
    assert _stuur(bert, VISIE, _formulier(conflict), keuze_titel="mijn").status_code == 302
    versie.refresh_from_db()
    assert versie.titel == "Titel B"
