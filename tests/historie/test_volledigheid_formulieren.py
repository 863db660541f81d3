"""History is complete (issue 17, point 5): every POST form and htmx action of the product, posted
by its real user, leaves history rows naming that user. A new URL that accepts a POST fails
`test_elke_post_url_wordt_gelopen` until it is walked here or given a reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from programma.models import (
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    Synergie,
)
from programma.services.levenscyclus import VOORGESTELD
from raden import services as raden
from raden.models import Fractie, Keuze, Raadslid, Reden
from regio.models import Bestuurder, Gemeente, Partner, Thema
from tests.fuzz.formulieren import post_formulieren
from tests.historie.paden import (
    CONCEPT,
    HX,
    JAAR,
    _gelukt,
    _gesloten,
    _leg_vast,
    _open_stemming,
    _opgave_post,
    _po,
    _stemming_url,
    _user,
    _vrije_zetel,
)
from tests.historie.volledig import (
    schrijft_historie,
)

# --- every POST form and htmx action of the product, as its real user -------------------------


def pad_programma_nieuw(client, login):
    bestuur = login("regiobestuur")
    with schrijft_historie(door=bestuur) as v:
        data = {"jaar": "2029", "titel": "Programma 2029", "start": "overnemen"}
        _gelukt(client.post("/programma/nieuw/", data))
    # the copy of the previous year's opgaven comes in bulk, with history
    assert "programma.HistoricalProgrammaOpgave" in v.modellen


def pad_bewerken_visie(client, login):
    bureau = login("programmabureau")
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    data = {
        "titel": "Een nieuwe titel",
        "visie_fundament": versie.visie_fundament,
        "visie_actualiteit": versie.visie_actualiteit + " Aangevuld.",
        "visie_perspectief": versie.visie_perspectief,
        "wijzigingsnummer": versie.wijzigingsnummer,
    }
    with schrijft_historie(door=bureau):
        _gelukt(client.post(f"{CONCEPT}/visie/", data))


def pad_bewerken_verdeelsleutel(client, login):
    bestuur = login("regiobestuur")
    data = {"verdeelsleutel": "basis_plus_inwoners", "basisaandeel": "20", "actie": "opslaan"}
    with schrijft_historie(door=bestuur):
        _gelukt(client.post(f"{CONCEPT}/verdeelsleutel/", data))


def pad_bewerken_opgave_nieuw(client, login):
    bureau = login("programmabureau")
    data = {
        "titel": "Nachtnet: ov in de nacht",
        "thema": Thema.objects.get(slug="verbonden-regio").pk,
        "doel": "D",
        "resultaat": "R",
        "mandaat": "M",
        "sturing": "S",
        "budget": "450.000",
        "capaciteit_fte": "1,5",
        "rangorde": "0",
        "portefeuillehouder": Bestuurder.objects.first().pk,
    }
    with schrijft_historie(door=bureau) as v:
        _gelukt(client.post(f"{CONCEPT}/opgaven/nieuw/", data))
    assert {"opgaven.HistoricalOpgave", "programma.HistoricalProgrammaOpgave"} <= v.modellen


def pad_bewerken_opgave(client, login):
    # the portefeuillehouder edits the own opgave (stuurgroep included)
    houder = login("portefeuillehouder")
    po = _po("energietransitie")
    partners = list(Partner.objects.exclude(stuurgroeplid__programma_opgave=po)[:1])
    data = _opgave_post(po, doel="Een scherper doel.")
    data["partners"] = [*data["partners"], *(p.pk for p in partners)]
    with schrijft_historie(door=houder):
        _gelukt(client.post(f"{CONCEPT}/opgaven/energietransitie/", data))


def pad_bewerken_opgave_verwijderen(client, login):
    bestuur = login("regiobestuur")
    with schrijft_historie(door=bestuur) as v:
        _gelukt(client.post(f"{CONCEPT}/opgaven/warmtetransitie/verwijderen/"))
    # the rows that hung on it (stuurgroep, synergieën, ...) are deleted with who did it
    assert {r.soort for r in v.rijen} == {"-"}


def pad_bewerken_synergie(client, login):
    bureau = login("programmabureau")
    van = _po("energietransitie")
    kandidaat = next(
        po
        for po in ProgrammaOpgave.objects.filter(versie=van.versie).exclude(pk=van.pk)
        if not Synergie.objects.filter(van=van, naar=po).exists()
        and not Synergie.objects.filter(van=po, naar=van).exists()
    )
    data = {"andere": kandidaat.pk, "toelichting": "Samen aan gezond voedsel in de wijk."}
    with schrijft_historie(door=bureau):
        _gelukt(client.post(f"{CONCEPT}/opgaven/energietransitie/synergieen/", data, **HX), 200)
    assert Synergie.objects.filter(toelichting=data["toelichting"]).exists()


def pad_bewerken_synergie_verwijderen(client, login):
    bureau = login("programmabureau")
    po = _po("energietransitie")
    synergie = Synergie.objects.van_opgave(po).first()
    slug = po.opgave.slug
    with schrijft_historie(door=bureau):
        _gelukt(client.post(f"{CONCEPT}/opgaven/{slug}/synergieen/{synergie.pk}/verwijderen/"))


def pad_bewerken_regeling(client, login):
    houder = login("portefeuillehouder")
    data = {
        "naam": "Interreg Deutschland-Nederland",
        "niveau": "eu",
        "verwachte_cofinanciering": "€ 300.000",
        "toelichting": "Grensoverschrijdend net",
    }
    with schrijft_historie(door=houder):
        _gelukt(client.post(f"{CONCEPT}/opgaven/energietransitie/regelingen/", data, **HX), 200)
    assert ExterneRegeling.objects.filter(naam=data["naam"]).exists()


def pad_bewerken_regeling_verwijderen(client, login):
    houder = login("portefeuillehouder")
    regeling = ExterneRegeling.objects.filter(programma_opgave=_po("energietransitie")).first()
    url = f"{CONCEPT}/opgaven/energietransitie/regelingen/{regeling.pk}/verwijderen/"
    with schrijft_historie(door=houder):
        _gelukt(client.post(url))


def pad_voorstellen(client, login):
    """The proposal writes Deelnemers, Bijdragen and names in bulk: each with history."""
    bestuur = login("regiobestuur")
    with schrijft_historie(
        door=bestuur,
        reden=str(VOORGESTELD),
        reden_op=("programma.HistoricalBijdrage", "programma.HistoricalDeelnemer"),
    ) as v:
        _gelukt(client.post(f"{CONCEPT}/voorstellen/"))
    assert len(v.van("programma.HistoricalBijdrage")) >= 18


def pad_corrigeren(client, login):
    bestuur = login("regiobestuur")
    reden = "Budget mobiliteit aangepast na besluit provincie."
    with schrijft_historie(
        door=bestuur, reden=reden, reden_op=("programma.HistoricalProgrammaVersie",)
    ):
        _gelukt(client.post("/programma/2027/corrigeren/", {"reden": reden}))


def pad_portefeuillehouders(client, login):
    bestuur = login("regiobestuur")
    po = _po("woningbouwversnelling")
    houder = Bestuurder.objects.exclude(pk=po.portefeuillehouder_id).first()
    data = {"programma_opgave": po.pk, "bestuurder": houder.pk}
    with schrijft_historie(door=bestuur):
        _gelukt(client.post("/programma/2028/portefeuillehouders/", data))


def pad_besluitronde_sluiten(client, login):
    bestuur = login("regiobestuur")
    with schrijft_historie(door=bestuur) as v:
        _gelukt(client.post(f"/programma/{JAAR}/besluitronde/sluiten/", {"onvolledig": "on"}))
    assert "raden.HistoricalDekking" in v.modellen


def pad_raad(client, login):
    """Both forms of the raad page: seat a raadslid, and the composition with a new party."""
    griffier = login("griffier-arnhem")
    arnhem = Gemeente.objects.get(slug="arnhem")
    vvd = _vrije_zetel(arnhem)
    data = {
        "voornaam": "Nieuw",
        "achternaam": "Lid",
        "fractie": vvd.naam,
        "email": "nieuw.lid@arnhem.example",
        "begin": timezone.localdate().isoformat(),
    }
    with schrijft_historie(door=griffier) as v:
        _gelukt(client.post("/gemeenten/arnhem/raad/", data))
    assert "raden.HistoricalRaadslid" in v.modellen
    # a new local party with the seat another member leaves
    vvd = _vrije_zetel(arnhem)
    samenstelling = {"formulier": "samenstelling"}
    for f in Fractie.objects.filter(gemeente=arnhem):
        samenstelling[f"samenstelling-zetels_{f.partij_id}"] = str(f.zetels)
    samenstelling.update(
        {
            f"samenstelling-zetels_{vvd.partij_id}": str(vvd.zetels - 1),
            "samenstelling-nieuwe_naam": "Arnhem Vooruit",
            "samenstelling-nieuwe_naam_lokaal": "on",
            "samenstelling-nieuwe_naam_zetels": "1",
        }
    )
    with schrijft_historie(door=griffier) as v:
        _gelukt(client.post("/gemeenten/arnhem/raad/", samenstelling))
    assert {"raden.HistoricalPartij", "raden.HistoricalFractie"} <= v.modellen


def pad_raadslid_beeindigen(client, login):
    griffier = login("griffier-arnhem")
    lid = Raadslid.objects.get(user__username="raadslid-arnhem")
    with schrijft_historie(door=griffier):
        _gelukt(client.post(f"/gemeenten/arnhem/raad/{lid.pk}/beeindigen/"))


def pad_vraag_stellen(client, login):
    raadslid = login("raadslid-arnhem")
    with schrijft_historie(door=raadslid):
        _gelukt(
            client.post(
                f"/opgaven/energietransitie/{JAAR}/vragen/nieuw/",
                {"vraag": "Hoeveel MW zon op dak?"},
            )
        )


def pad_vraag_beantwoorden(client, login):
    vraag = raden.stel_vraag(
        programma_opgave=_po("energietransitie", JAAR),
        tekst="Een vraag om te beantwoorden.",
        acting_user=_user("raadslid-arnhem"),
    )
    bureau = login("programmabureau")
    with schrijft_historie(door=bureau):
        _gelukt(client.post(f"/vragen/{vraag.pk}/beantwoorden/", {"antwoord": "Zo."}))


def pad_besluiten(client, login):
    """The griffier opens votes: on one opgave, and on all without a decision."""
    griffier = login("griffier-rozendaal")
    data = {"vergaderdatum": timezone.localdate().isoformat(), "alle": "1"}
    with schrijft_historie(door=griffier) as v:
        _gelukt(client.post(f"/gemeenten/rozendaal/besluiten/{JAAR}/", data))
    assert "raden.HistoricalStemming" in v.modellen


def pad_stem(client, login):
    stemming = _open_stemming("arnhem")
    raadslid = login("raadslid-arnhem")
    with schrijft_historie(door=raadslid):
        _gelukt(client.post(_stemming_url(stemming, "stem/"), {"keuze": "voor"}, **HX), 200)
    with schrijft_historie(door=raadslid):  # changing it, without JavaScript
        _gelukt(client.post(_stemming_url(stemming, "stem/"), {"keuze": "tegen"}))


def pad_stem_vastleggen(client, login):
    stemming = _open_stemming("rozendaal")
    griffier = login("griffier-rozendaal")
    lid = raden.stemgerechtigden(stemming).order_by("pk").first()
    data = {"raadslid": lid.pk, "keuze": Keuze.NIET_DEELGENOMEN, "reden": Reden.AFWEZIG}
    with schrijft_historie(door=griffier):
        _gelukt(client.post(_stemming_url(stemming, "vastleggen/"), data))


def pad_stem_fractie(client, login):
    stemming = _open_stemming("arnhem")
    griffier = login("griffier-arnhem")
    leden = list(raden.stemgerechtigden(stemming).order_by("pk"))
    fractie = Fractie.objects.get(pk=leden[0].fractie_id)
    anders = next(lid for lid in leden if lid.fractie_id == fractie.pk)
    data = {
        "fractie": fractie.pk,
        "keuze": "voor",
        "behalve": [anders.pk],
        f"afwijking_{anders.pk}": "tegen",
    }
    with schrijft_historie(door=griffier) as v:
        _gelukt(client.post(_stemming_url(stemming, "fractie/"), data))
    assert len(v.van("raden.HistoricalStem")) == sum(lid.fractie_id == fractie.pk for lid in leden)


def pad_stemming_sluiten(client, login):
    stemming = _open_stemming("rozendaal")
    _leg_vast(stemming, [(Keuze.VOOR, "")] * 5)
    griffier = login("griffier-rozendaal")
    with schrijft_historie(door=griffier):
        _gelukt(client.post(_stemming_url(stemming, "sluiten/")))


def pad_stemming_heropenen(client, login):
    afwezig = (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)
    stemming = _gesloten("rozendaal", [(Keuze.VOOR, "")] * 3 + [afwezig] * 2)
    griffier = login("griffier-rozendaal")
    with schrijft_historie(door=griffier):
        _gelukt(client.post(_stemming_url(stemming, "heropenen/")))


def pad_stemming_bevestigen(client, login):
    stemming = _gesloten("rozendaal", [(Keuze.VOOR, "")] * 5)
    griffier = login("griffier-rozendaal")
    with schrijft_historie(door=griffier) as v:
        _gelukt(client.post(_stemming_url(stemming, "bevestigen/"), {"zienswijze": "Rapporteer."}))
    assert "raden.HistoricalBesluit" in v.modellen


def _vorige_stand(model, pk: int) -> int:
    """The history id of the state before the latest change of this row."""
    return model.history.filter(id=pk).order_by("-history_id")[1].history_id


def pad_terugzetten_opgave(client, login):
    bestuur = login("regiobestuur")
    po = _po("energietransitie")
    url = f"{CONCEPT}/opgaven/energietransitie/"
    _gelukt(client.post(url, _opgave_post(po, doel="Een doel om terug te zetten.")))
    _terugzetten(client, bestuur, f"{url}terugzetten/{_vorige_stand(ProgrammaOpgave, po.pk)}/")


def pad_terugzetten_visie(client, login):
    bestuur = login("regiobestuur")
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    data = {
        "titel": "Een titel om terug te zetten",
        "visie_fundament": versie.visie_fundament,
        "visie_actualiteit": versie.visie_actualiteit,
        "visie_perspectief": versie.visie_perspectief,
        "wijzigingsnummer": versie.wijzigingsnummer,
    }
    _gelukt(client.post(f"{CONCEPT}/visie/", data))
    stand = _vorige_stand(ProgrammaVersie, versie.pk)
    _terugzetten(client, bestuur, f"{CONCEPT}/visie/terugzetten/{stand}/")


def _terugzetten(client, user, url):
    """Revert through the form the page shows (its fields are the reverting view's own)."""
    pagina = client.get(url)
    assert pagina.status_code == 200, url
    formulieren = post_formulieren(pagina.content.decode(), url)
    assert formulieren, "geen formulier om terug te zetten"
    form = formulieren[0]
    data = form.basis()
    reden = "Terug naar de eerdere tekst."
    for naam in form.velden:
        if "reden" in naam:
            data[naam] = [reden]
    with schrijft_historie(door=user):
        _gelukt(client.post(form.action, data))
    # the revert's own record says why, in the words the user gave
    laatste = max(
        (m.history.order_by("-history_id").first() for m in (ProgrammaOpgave, ProgrammaVersie)),
        key=lambda h: h.history_date,
    )
    assert reden in laatste.history_change_reason


def pad_password_change(client, login):
    user = login("raadslid-arnhem")
    data = {
        "old_password": "demo",
        "new_password1": "Een-Sterk-Wachtwoord-2026",
        "new_password2": "Een-Sterk-Wachtwoord-2026",
    }
    with schrijft_historie(door=user):
        _gelukt(client.post("/accounts/wachtwoord/wijzigen/", data))


def pad_password_reset_confirm(client, login):
    """Anonymous, proven by the e-mailed token: the account's owner acts on it."""
    user = _user("raadslid-arnhem")
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    formulier = client.get(link, follow=True).request["PATH_INFO"]
    data = {
        "new_password1": "Een-Sterk-Wachtwoord-2026",
        "new_password2": "Een-Sterk-Wachtwoord-2026",
    }
    with schrijft_historie(door=user):
        _gelukt(client.post(formulier, data))


WEB_PADEN = {
    "programma-nieuw": pad_programma_nieuw,
    "bewerken-visie": pad_bewerken_visie,
    "bewerken-verdeelsleutel": pad_bewerken_verdeelsleutel,
    "bewerken-opgave-nieuw": pad_bewerken_opgave_nieuw,
    "bewerken-opgave": pad_bewerken_opgave,
    "bewerken-opgave-verwijderen": pad_bewerken_opgave_verwijderen,
    "bewerken-synergie": pad_bewerken_synergie,
    "bewerken-synergie-verwijderen": pad_bewerken_synergie_verwijderen,
    "bewerken-regeling": pad_bewerken_regeling,
    "bewerken-regeling-verwijderen": pad_bewerken_regeling_verwijderen,
    "voorstellen": pad_voorstellen,
    "corrigeren": pad_corrigeren,
    "portefeuillehouders": pad_portefeuillehouders,
    "besluitronde-sluiten": pad_besluitronde_sluiten,
    "raad": pad_raad,
    "raadslid-beeindigen": pad_raadslid_beeindigen,
    "vraag-stellen": pad_vraag_stellen,
    "vraag-beantwoorden": pad_vraag_beantwoorden,
    "besluiten": pad_besluiten,
    "stem": pad_stem,
    "stem-vastleggen": pad_stem_vastleggen,
    "stem-fractie": pad_stem_fractie,
    "stemming-sluiten": pad_stemming_sluiten,
    "stemming-heropenen": pad_stemming_heropenen,
    "stemming-bevestigen": pad_stemming_bevestigen,
    "terugzetten-opgave": pad_terugzetten_opgave,
    "terugzetten-visie": pad_terugzetten_visie,
    "password_change": pad_password_change,
    "password_reset_confirm": pad_password_reset_confirm,
}

#: URLs that take a POST but write no domain row, each with the reason.
GEEN_SCHRIJFPAD = {
    "login": "schrijft alleen de sessie en axes (geen domeinhistorie); last_login geeft bewust "
    "geen historierij (regio.rechten.RechtenHistorie)",
    "logout": "verwijdert alleen de sessie",
    "password_reset": "verstuurt alleen een e-mail met een link",
    "verifieer": "leest een geüpload document en vergelijkt het; schrijft niets",
}


@pytest.mark.parametrize("naam", sorted(WEB_PADEN))
def test_elk_formulier_schrijft_historie_met_gebruiker(naam, demo, client, login):
    WEB_PADEN[naam](client, login)


def test_elke_post_url_wordt_gelopen():
    """A new URL that accepts a POST from some role must get a walk here (or a reason)."""
    from tests.toegang.test_matrix import MATRIX

    posten = {
        naam
        for naam, gevallen in MATRIX.items()
        if any(s in (200, 302) for g in gevallen for s in g.post.values())
    }
    posten |= {"terugzetten-opgave", "terugzetten-visie"}  # a GET shows the form it posts
    ontbreekt = sorted(posten - set(WEB_PADEN) - set(GEEN_SCHRIJFPAD))
    assert not ontbreekt, f"POST-URL's zonder historiewandeling: {ontbreekt}"
    assert not set(WEB_PADEN) & set(GEEN_SCHRIJFPAD)


# --- a document stored on first request (a GET that writes) ----------------------------------


def test_opgeslagen_document_heeft_een_gebruiker(demo, client):
    with schrijft_historie():
        response = client.get(f"/programma/{JAAR}/raadsvoorstel/rozendaal.pdf")
        assert response.status_code == 200
