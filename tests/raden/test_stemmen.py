"""Council votes through the real URLs (DOMAIN.md "Council votes", Gemeentewet art. 20, 28,
32): the griffier opens a window on the round page, raadsleden vote, the griffier records the
rest, closes and confirms; after confirmation nothing changes by any path."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from programma import services as programma_services
from programma.models import Bijdrage, ProgrammaOpgave, ProgrammaVersie
from raden import services
from raden.models import Besluit, Keuze, Raadslid, Reden, Stem, Stemming, Uitkomst
from regio.exceptions import DomeinFout
from tests.fuzz.formulieren import lees

User = get_user_model()
JAAR = 2027
VOOR = (Keuze.VOOR, "")
TEGEN = (Keuze.TEGEN, "")
AFWEZIG = (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)
BELANG = (Keuze.NIET_DEELGENOMEN, Reden.PERSOONLIJK_BELANG)


# --- helpers: everything through the URLs -------------------------------------------------


def _versie() -> ProgrammaVersie:
    return (
        ProgrammaVersie.objects.filter(jaarprogramma__jaar=JAAR)
        .bevroren()
        .order_by("-nummer")
        .first()
    )


def _vrije_opgave(slug: str, versie=None) -> ProgrammaOpgave:
    """An opgave of the current version this gemeente has no vote or decision on yet."""
    versie = versie or _versie()
    return (
        versie.opgaven.exclude(stemmingen__gemeente__slug=slug)
        .exclude(besluiten__gemeente__slug=slug)
        .select_related("opgave")
        .order_by("rangorde")
        .first()
    )


def _stand(html: str, po: ProgrammaOpgave) -> str:
    """The stand of this opgave's row on the round page."""
    rij = html[html.index(f'data-rij="opgave:{po.opgave.slug}"') :]
    rij = rij[: rij.index("</tr>")]
    return re.search(r'data-stand="([^"]*)"', rij).group(1)


def _vandaag() -> datetime.date:
    return timezone.localdate()


def _open(client, login, slug: str, *, po=None, datum=None, follow=False):
    login(f"griffier-{slug}")
    po = po or _vrije_opgave(slug)
    datum = datum or _vandaag()
    r = client.post(
        f"/gemeenten/{slug}/besluiten/{JAAR}/",
        {"vergaderdatum": datum.isoformat(), "opgaven": [po.pk]},
        follow=follow,
    )
    return r, po


def _geopend(client, login, slug: str, **kwargs) -> Stemming:
    r, po = _open(client, login, slug, **kwargs)
    assert r.status_code == 302, _fouten(r)
    return Stemming.objects.filter(gemeente__slug=slug, programma_opgave=po).latest("geopend_op")


def _url(stemming: Stemming, actie: str = "") -> str:
    return f"/gemeenten/{stemming.gemeente.slug}/stemmingen/{stemming.pk}/" + actie


def _fouten(r) -> list[str]:
    return lees(r.content.decode()).fouten


def _leden(stemming: Stemming) -> list[Raadslid]:
    return list(services.stemgerechtigden(stemming).order_by("pk"))


def _leg_vast(client, stemming: Stemming, stemmen: list[tuple[str, str]]) -> None:
    """The griffier records these (keuze, reden) for the first members, one POST each."""
    for lid, (keuze, reden) in zip(_leden(stemming), stemmen, strict=False):
        r = client.post(
            _url(stemming, "vastleggen/"), {"raadslid": lid.pk, "keuze": keuze, "reden": reden}
        )
        assert r.status_code == 302, _fouten(r)


def _sluit(client, stemming: Stemming) -> Stemming:
    r = client.post(_url(stemming, "sluiten/"))
    assert r.status_code == 302, _fouten(r)
    stemming.refresh_from_db()
    return stemming


def _bevestig(client, stemming: Stemming, zienswijze: str = ""):
    return client.post(_url(stemming, "bevestigen/"), {"zienswijze": zienswijze})


def _stemming_met(client, login, slug, stemmen, **kwargs) -> Stemming:
    stemming = _geopend(client, login, slug, **kwargs)
    _leg_vast(client, stemming, stemmen)
    return _sluit(client, stemming)


# --- the round page -------------------------------------------------------------------------


def test_rondepagina_toont_opgaven_met_bijdrage_en_stand(demo, client, login):
    # Berg en Dal has not voted on 2027 at all (Rozendaal decided on version 1: "opnieuw")
    login("griffier-berg-en-dal")
    r = client.get(f"/gemeenten/berg-en-dal/besluiten/{JAAR}/")
    assert r.status_code == 200
    html = r.content.decode()
    po = _vrije_opgave("berg-en-dal")
    bijdrage = Bijdrage.objects.get(programma_opgave=po, gemeente__slug="berg-en-dal").bedrag
    assert po.opgave.titel in html
    assert f"{bijdrage:,}".replace(",", ".") in html
    assert _stand(html, po) == "geen"
    login("griffier-rozendaal")
    html = client.get(f"/gemeenten/rozendaal/besluiten/{JAAR}/").content.decode()
    assert _stand(html, _vrije_opgave("rozendaal")) == "opnieuw"


@pytest.mark.parametrize(
    "gebruiker, url, status",
    [
        ("griffier-nijmegen", "/gemeenten/rozendaal/besluiten/2027/", 403),
        ("raadslid-rozendaal", "/gemeenten/rozendaal/besluiten/2027/", 403),
        ("regiobestuur", "/gemeenten/rozendaal/besluiten/2027/", 403),
        ("griffier-rozendaal", "/gemeenten/bestaat-niet/besluiten/2027/", 404),
        ("griffier-rozendaal", "/gemeenten/rozendaal/besluiten/2099/", 404),
        ("griffier-rozendaal", "/gemeenten/rozendaal/besluiten/2028/", 404),  # a concept
    ],
)
def test_rondepagina_toegang(demo, client, login, gebruiker, url, status):
    login(gebruiker)
    assert client.get(url).status_code == status


def test_openen_fouten_op_het_formulier(demo, client, login):
    versie = _versie()
    voor_voorstel = timezone.localtime(versie.bevroren_op).date() - datetime.timedelta(days=1)
    r, po = _open(client, login, "rozendaal", datum=voor_voorstel)
    assert r.status_code == 200
    assert any("voor de dag waarop" in f for f in _fouten(r))
    # (Rozendaal's votes on version 1 of the demo stay; none on the current version)
    op_versie = Stemming.objects.filter(gemeente__slug="rozendaal", versie=versie)
    assert not op_versie.exists()
    # nothing ticked, no "alle"
    r = client.post(f"/gemeenten/rozendaal/besluiten/{JAAR}/", {"vergaderdatum": "2027-01-05"})
    assert r.status_code == 200 and _fouten(r)
    # twice on the same opgave: the second is refused on the form
    _geopend(client, login, "rozendaal", po=po)
    r, _po = _open(client, login, "rozendaal", po=po)
    assert r.status_code == 200
    assert any("loopt al een stemming" in f for f in _fouten(r))
    assert op_versie.count() == 1


def test_openen_over_alle_opgaven_zonder_besluit(demo, client, login):
    login("griffier-rozendaal")
    r = client.post(
        f"/gemeenten/rozendaal/besluiten/{JAAR}/",
        {"vergaderdatum": _vandaag().isoformat(), "alle": "1"},
    )
    assert r.status_code == 302, _fouten(r)
    versie = _versie()
    assert (
        Stemming.objects.filter(gemeente__slug="rozendaal", versie=versie).count()
        == versie.opgaven.count()
    )
    r = client.get(f"/gemeenten/rozendaal/besluiten/{JAAR}/")
    assert r.content.decode().count('data-stand="open"') == _versie().opgaven.count()


# --- the rules ------------------------------------------------------------------------------


def test_meerderheid_van_de_uitgebrachte_stemmen(demo, client, login):
    """3 voor, 2 tegen, 4 afwezig of 9: carried by the votes cast, not by the members."""
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 3 + [TEGEN] * 2)
    assert (stemming.voor, stemming.tegen, stemming.afwezig) == (3, 2, 4)
    assert stemming.uitkomst == Uitkomst.AANGENOMEN
    assert "Aangenomen" in client.get(_url(stemming)).content.decode()
    r = _bevestig(client, stemming, "Graag jaarlijks rapporteren.")
    assert r.status_code == 302, _fouten(r)
    besluit = Besluit.objects.get(stemming=stemming)
    bijdrage = Bijdrage.objects.get(
        programma_opgave=stemming.programma_opgave, gemeente=stemming.gemeente
    )
    assert (besluit.deelname, besluit.bijdrage) == (True, bijdrage.bedrag)
    assert besluit.zienswijze == "Graag jaarlijks rapporteren."
    # decided: opening again on it is refused on the form
    r, _po = _open(client, login, "rozendaal", po=stemming.programma_opgave)
    assert r.status_code == 200
    assert any("al besloten" in f for f in _fouten(r))
    ronde = client.get(f"/gemeenten/rozendaal/besluiten/{JAAR}/").content.decode()
    assert 'data-stand="ja"' in ronde


def test_geen_meerderheid_is_verworpen(demo, client, login):
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 3 + [TEGEN] * 4)
    assert stemming.uitkomst == Uitkomst.VERWORPEN
    assert _bevestig(client, stemming).status_code == 302
    assert Besluit.objects.get(stemming=stemming).deelname is False
    assert Besluit.objects.get(stemming=stemming).bijdrage == 0


def test_staken_in_voltallige_vergadering_is_verworpen(demo, client, login):
    """4 voor, 4 tegen, 1 onthouden wegens persoonlijk belang: everyone present."""
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 4 + [TEGEN] * 4 + [BELANG])
    assert (stemming.afwezig, stemming.onthouden) == (0, 1)
    assert stemming.uitkomst == Uitkomst.VERWORPEN
    assert "voltallige vergadering" in client.get(_url(stemming)).content.decode()


def test_staken_met_afwezige_uitgesteld_en_herstemming(demo, client, login):
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 4 + [TEGEN] * 4)
    assert stemming.uitkomst == Uitkomst.UITGESTELD
    html = client.get(_url(stemming)).content.decode()
    assert "uitgesteld naar een volgende vergadering" in html
    # no zienswijze without a decision; then confirmed without one: no Besluit
    r = _bevestig(client, stemming, "Een zienswijze")
    assert r.status_code == 200 and _fouten(r)
    assert _bevestig(client, stemming).status_code == 302
    assert not Besluit.objects.filter(stemming=stemming).exists()
    po = stemming.programma_opgave
    r = client.get(f"/gemeenten/rozendaal/besluiten/{JAAR}/")
    assert 'data-stand="uitgesteld"' in r.content.decode()
    # the repeat is in a next meeting: not on the same date
    r, _po = _open(client, login, "rozendaal", po=po, datum=stemming.vergaderdatum)
    assert r.status_code == 200
    assert any("volgende vergadering" in f for f in _fouten(r))
    later = stemming.vergaderdatum + datetime.timedelta(days=14)
    herstemming = _stemming_met(
        client, login, "rozendaal", [VOOR] * 4 + [TEGEN] * 4, po=po, datum=later
    )
    assert herstemming.herstemming_van_id == stemming.pk
    assert herstemming.uitkomst == Uitkomst.VERWORPEN  # a second tie
    html = client.get(_url(herstemming)).content.decode()
    assert "staakten opnieuw" in html
    assert _bevestig(client, herstemming).status_code == 302
    assert Besluit.objects.get(stemming=herstemming).deelname is False


def test_persoonlijk_belang_telt_mee_voor_het_quorum(demo, client, login):
    """2 voor, 1 tegen and 2 excused for a personal interest of 9: 5 present, a quorum."""
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 2 + [TEGEN] + [BELANG] * 2)
    assert (stemming.afwezig, stemming.onthouden) == (4, 2)
    assert stemming.uitkomst == Uitkomst.AANGENOMEN


def test_afwezig_telt_niet_mee_voor_het_quorum_en_dan_geen_bevestiging(demo, client, login):
    """The same, with the two absent: 3 of 9 present, no quorum, cannot be confirmed."""
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 2 + [TEGEN] + [AFWEZIG] * 2)
    assert stemming.uitkomst == Uitkomst.GEEN_QUORUM
    html = client.get(_url(stemming)).content.decode()
    assert "Geen quorum" in html and "minstens 5" in html
    r = _bevestig(client, stemming)
    assert r.status_code == 200
    assert any("geen quorum" in f for f in _fouten(r))
    stemming.refresh_from_db()
    assert not stemming.is_bevestigd and not Besluit.objects.filter(stemming=stemming).exists()
    # reopened in a meeting with a quorum
    assert client.post(_url(stemming, "heropenen/")).status_code == 302
    stemming.refresh_from_db()
    assert stemming.is_open


def test_niet_deelgenomen_vraagt_een_reden(demo, client, login):
    stemming = _geopend(client, login, "rozendaal")
    lid = _leden(stemming)[0]
    r = client.post(
        _url(stemming, "vastleggen/"),
        {"raadslid": lid.pk, "keuze": Keuze.NIET_DEELGENOMEN, "reden": ""},
    )
    assert r.status_code == 200
    assert any("afwezig of persoonlijk belang" in f for f in _fouten(r))
    assert not Stem.objects.filter(stemming=stemming).exists()


def test_snelinvoer_per_fractie_met_uitzonderingen(demo, client, login):
    stemming = _geopend(client, login, "rozendaal")
    leden = services.stemgerechtigden(stemming).select_related("fractie").order_by("pk")
    fractie = leden[0].fractie
    eigen = [lid for lid in leden if lid.fractie_id == fractie.pk]
    anders, belang = eigen[0], eigen[1]
    r = client.post(
        _url(stemming, "fractie/"),
        {
            "fractie": fractie.pk,
            "keuze": "voor",
            "behalve": [anders.pk, belang.pk],
            f"afwijking_{anders.pk}": "tegen",
            f"afwijking_{belang.pk}": "persoonlijk_belang",
        },
    )
    assert r.status_code == 302, _fouten(r)
    stemmen = {s.raadslid_id: (s.keuze, s.reden) for s in Stem.objects.filter(stemming=stemming)}
    assert stemmen[anders.pk] == TEGEN
    assert stemmen[belang.pk] == BELANG
    assert {stemmen[lid.pk] for lid in eigen[2:]} <= {VOOR}
    assert len(stemmen) == len(eigen)
    # an exception without its way of voting: refused on the form, what was ticked kept
    r = client.post(
        _url(stemming, "fractie/"),
        {"fractie": fractie.pk, "keuze": "tegen", "behalve": [anders.pk]},
    )
    assert r.status_code == 200 and _fouten(r)
    assert f'name="behalve" value="{anders.pk}" checked' in r.content.decode()
    # a member of another fractie as an exception: the service refuses, nothing written
    ander_lid = next(lid for lid in leden if lid.fractie_id != fractie.pk)
    r = client.post(
        _url(stemming, "fractie/"),
        {
            "fractie": fractie.pk,
            "keuze": "tegen",
            "behalve": [ander_lid.pk],
            f"afwijking_{ander_lid.pk}": "voor",
        },
    )
    assert r.status_code == 200
    assert any("geen lid van deze fractie" in f for f in _fouten(r))
    assert {s.raadslid_id: (s.keuze, s.reden) for s in Stem.objects.filter(stemming=stemming)} == (
        stemmen
    )


# --- the raadslid's own vote ----------------------------------------------------------------


def test_raadslid_stemt_en_wijzigt_tot_het_sluiten(demo, client, login):
    stemming = _geopend(client, login, "rozendaal")
    raadslid = login("raadslid-rozendaal")
    zetel = Raadslid.objects.get(user=raadslid)
    r = client.get(_url(stemming))
    assert r.status_code == 200
    assert "Uw stem" in r.content.decode() and "Tussenstand" not in r.content.decode()
    # without JavaScript: a redirect back
    r = client.post(_url(stemming, "stem/"), {"keuze": "voor"})
    assert r.status_code == 302 and r["Location"].endswith(_url(stemming) + "#uw-stem")
    # with htmx: the partial with the vote now
    r = client.post(_url(stemming, "stem/"), {"keuze": "tegen"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.startswith('<section id="uw-stem"') and 'data-uw-stem="tegen"' in html
    assert "<html" not in html
    # the buttons keep their ids in the swapped partial: htmx puts the focus back on the one
    # pressed (a keyboard user would otherwise start again at the top of the page)
    assert 'value="voor" id="stem-voor"' in html and 'value="tegen" id="stem-tegen"' in html
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.TEGEN
    assert Stem.objects.filter(stemming=stemming).count() == 1
    # no abstention for a raadslid, no vote for someone else
    r = client.post(_url(stemming, "stem/"), {"keuze": Keuze.NIET_DEELGENOMEN})
    assert r.status_code == 200 and _fouten(r)
    ander = next(lid for lid in _leden(stemming) if lid.pk != zetel.pk)
    r = client.post(_url(stemming, "stem/"), {"keuze": "voor", "raadslid": ander.pk})
    assert r.status_code == 302
    assert not Stem.objects.filter(stemming=stemming, raadslid=ander).exists()
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.VOOR
    r = client.post(
        _url(stemming, "vastleggen/"), {"raadslid": ander.pk, "keuze": "voor", "reden": ""}
    )
    assert r.status_code == 403
    with pytest.raises(DomeinFout, match="eigen stem"):
        services.stem(stemming=stemming, raadslid=ander, keuze=Keuze.VOOR, acting_user=raadslid)
    assert not Stem.objects.filter(stemming=stemming, raadslid=ander).exists()

    # closed: no vote any more, by either path
    login("griffier-rozendaal")
    _sluit(client, stemming)
    login("raadslid-rozendaal")
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        r = client.post(_url(stemming, "stem/"), {"keuze": "tegen"}, **extra)
        assert r.status_code == 200
        assert "gesloten" in r.content.decode()
    assert Stem.objects.get(stemming=stemming, raadslid=zetel).keuze == Keuze.VOOR
    assert 'name="keuze" value="tegen"' not in client.get(_url(stemming)).content.decode()


def test_raadslid_van_een_andere_gemeente_stemt_niet(demo, client, login):
    stemming = _geopend(client, login, "rozendaal")
    login("raadslid-arnhem")
    assert client.get(_url(stemming)).status_code == 403
    assert client.post(_url(stemming, "stem/"), {"keuze": "voor"}).status_code == 403
    # through the own gemeente's URL: that gemeente has no such stemming
    r = client.post(f"/gemeenten/arnhem/stemmingen/{stemming.pk}/stem/", {"keuze": "voor"})
    assert r.status_code == 404
    assert client.get(f"/gemeenten/arnhem/stemmingen/{stemming.pk}/").status_code == 404
    assert not Stem.objects.filter(stemming=stemming).exists()


@pytest.mark.parametrize(
    "gebruiker, status",
    [
        ("griffier-rozendaal", 200),
        ("raadslid-rozendaal", 200),
        ("griffier-nijmegen", 403),
        ("raadslid-arnhem", 403),
        ("regiobestuur", 403),
        ("programmabureau", 403),
    ],
)
def test_stemmingpagina_toegang(demo, client, login, gebruiker, status):
    stemming = _geopend(client, login, "rozendaal")
    login(gebruiker)
    assert client.get(_url(stemming)).status_code == status


def test_stemmingpagina_anoniem_naar_inloggen(demo, client, login):
    stemming = _geopend(client, login, "rozendaal")
    client.logout()
    r = client.get(_url(stemming))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


# --- after confirmation nothing changes ---------------------------------------------------


def _alles(stemming: Stemming) -> tuple:
    stemming = Stemming.objects.get(pk=stemming.pk)
    return (
        tuple(
            (f.name, getattr(stemming, f.attname))
            for f in Stemming._meta.concrete_fields
            if f.name != "id"
        ),
        sorted(Stem.objects.filter(stemming=stemming).values_list("raadslid_id", "keuze", "reden")),
        list(Besluit.objects.filter(stemming=stemming).values_list("deelname", "bijdrage")),
        Stem.objects.filter(stemming=stemming).count(),
        Stemming.history.filter(id=stemming.pk).count(),
    )


@pytest.fixture
def bevestigd(demo, client, login):
    stemming = _stemming_met(client, login, "rozendaal", [VOOR] * 5 + [TEGEN] * 3 + [BELANG])
    assert _bevestig(client, stemming, "Eerste zienswijze").status_code == 302
    stemming.refresh_from_db()
    assert stemming.is_bevestigd
    return stemming


def test_na_bevestiging_verandert_niets_via_de_urls(bevestigd, client, login):
    voor = _alles(bevestigd)
    lid = _leden(bevestigd)[0]
    login("griffier-rozendaal")
    html = client.get(_url(bevestigd)).content.decode()
    assert "verandert niet meer" in html
    for actie in ("stem/", "vastleggen/", "fractie/", "sluiten/", "heropenen/", "bevestigen/"):
        assert f'action="{_url(bevestigd, actie)}"' not in html
    acties = [
        ("vastleggen/", {"raadslid": lid.pk, "keuze": "tegen", "reden": ""}),
        ("fractie/", {"fractie": lid.fractie_id, "keuze": "tegen"}),
        ("sluiten/", {}),
        ("heropenen/", {}),
        ("bevestigen/", {"zienswijze": "Nog een"}),
    ]
    for actie, data in acties:
        r = client.post(_url(bevestigd, actie), data)
        assert r.status_code == 200, actie
        assert _fouten(r), actie
    login("raadslid-rozendaal")
    r = client.post(_url(bevestigd, "stem/"), {"keuze": "tegen"})
    assert r.status_code == 200 and "bevestigd" in r.content.decode()
    assert _alles(bevestigd) == voor


def test_na_bevestiging_verandert_niets_via_de_services(bevestigd):
    griffier = User.objects.get(username="griffier-rozendaal")
    lid = _leden(bevestigd)[0]
    voor = _alles(bevestigd)
    pogingen = [
        lambda: services.stem(
            stemming=bevestigd, raadslid=lid, keuze=Keuze.TEGEN, acting_user=griffier
        ),
        lambda: services.stem_fractie(
            stemming=bevestigd, fractie=lid.fractie, keuze=Keuze.TEGEN, acting_user=griffier
        ),
        lambda: services.sluit_stemming(stemming=bevestigd, acting_user=griffier),
        lambda: services.heropen_stemming(stemming=bevestigd, acting_user=griffier),
        lambda: services.bevestig_stemming(stemming=bevestigd, acting_user=griffier),
    ]
    for poging in pogingen:
        with pytest.raises(DomeinFout):
            poging()
    assert _alles(bevestigd) == voor


def test_na_bevestiging_verandert_niets_via_de_orm(bevestigd):
    voor = _alles(bevestigd)
    stem = Stem.objects.filter(stemming=bevestigd).first()
    besluit = Besluit.objects.get(stemming=bevestigd)
    stemming = Stemming.objects.get(pk=bevestigd.pk)
    pogingen = [
        lambda: (setattr(stem, "keuze", Keuze.TEGEN), stem.save()),
        stem.delete,
        lambda: Stem.objects.filter(stemming=bevestigd).update(keuze=Keuze.TEGEN),
        lambda: Stem.objects.filter(stemming=bevestigd).delete(),
        lambda: (setattr(stemming, "uitkomst", Uitkomst.VERWORPEN), stemming.save()),
        stemming.delete,
        lambda: Stemming.objects.filter(pk=bevestigd.pk).update(uitkomst=Uitkomst.VERWORPEN),
        lambda: Stemming.objects.filter(pk=bevestigd.pk).delete(),
        lambda: (setattr(besluit, "zienswijze", "anders"), besluit.save()),
        besluit.delete,
        lambda: Besluit.objects.filter(pk=besluit.pk).update(deelname=False, bijdrage=0),
        lambda: Besluit.objects.filter(pk=besluit.pk).delete(),
    ]
    for poging in pogingen:
        with pytest.raises(DomeinFout), transaction.atomic():
            poging()
    assert _alles(bevestigd) == voor


def test_na_bevestiging_verandert_niets_via_sql(bevestigd):
    voor = _alles(bevestigd)
    pk = bevestigd.pk
    besluit = Besluit.objects.get(stemming=bevestigd).pk
    statements = [
        f"UPDATE raden_stem SET keuze = 'tegen' WHERE stemming_id = {pk}",
        f"DELETE FROM raden_stem WHERE stemming_id = {pk}",
        f"UPDATE raden_stemming SET uitkomst = 'verworpen' WHERE id = {pk}",
        f"UPDATE raden_stemming SET bevestigd_op = NULL WHERE id = {pk}",
        f"DELETE FROM raden_stemming WHERE id = {pk}",
        f"UPDATE raden_besluit SET zienswijze = 'anders' WHERE id = {besluit}",
        f"UPDATE raden_besluit SET deelname = false, bijdrage = 0 WHERE id = {besluit}",
        f"DELETE FROM raden_besluit WHERE id = {besluit}",
    ]
    for sql in statements:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert _alles(bevestigd) == voor


# --- the version rule -----------------------------------------------------------------------


def test_correctie_laat_lopende_stemming_vervallen(demo, client, login):
    bestuur = User.objects.get(username="regiobestuur")
    oud = _versie()  # the current version of the demo (2027 was corrected once already)
    # Berg en Dal (nothing on 2027 yet) confirms on the current version; Renkum's vote is
    # still open when the next version is proposed
    besloten = _stemming_met(client, login, "berg-en-dal", [VOOR] * 20)
    assert _bevestig(client, besloten).status_code == 302
    lopend = _geopend(client, login, "renkum")
    _leg_vast(client, lopend, [VOOR] * 3)

    concept = programma_services.corrigeer_programma(
        jaarprogramma=oud.jaarprogramma, reden="Rekenfout in een bijdrage.", acting_user=bestuur
    )
    nieuw_v = programma_services.stel_programma_voor(versie=concept, acting_user=bestuur)
    assert _versie().pk == nieuw_v.pk and nieuw_v.nummer == oud.nummer + 1
    versie_n = f"versie {nieuw_v.nummer}"

    lopend.refresh_from_db()
    assert lopend.is_vervallen and versie_n in lopend.vervallen_reden
    login("griffier-renkum")
    html = client.get(_url(lopend)).content.decode()
    assert lopend.vervallen_reden in html
    assert 'action="' + _url(lopend, "sluiten/") not in html
    vijfde = _leden(lopend)[5]
    r = client.post(_url(lopend, "vastleggen/"), {"raadslid": vijfde.pk, "keuze": "voor"})
    assert r.status_code == 200 and any(versie_n in f for f in _fouten(r))
    r = client.post(_url(lopend, "sluiten/"))
    assert r.status_code == 200 and _fouten(r)

    # the confirmed Besluit stays on the old version
    besluit = Besluit.objects.get(stemming=besloten)
    assert besluit.programma_opgave.versie_id == oud.pk

    # a new vote on the new version works, on the round page of the same year
    po_nieuw = nieuw_v.opgaven.get(opgave=lopend.programma_opgave.opgave)
    nieuw = _stemming_met(client, login, "renkum", [VOOR] * 20, po=po_nieuw)
    assert nieuw.versie_id == nieuw_v.pk and nieuw.uitkomst == Uitkomst.AANGENOMEN
    assert _bevestig(client, nieuw).status_code == 302
    # Berg en Dal is asked to decide again on the new version (OPNIEUW on its round page),
    # on that opgave only
    login("griffier-berg-en-dal")
    html = client.get(f"/gemeenten/berg-en-dal/besluiten/{JAAR}/").content.decode()
    po_besloten = nieuw_v.opgaven.get(opgave=besloten.programma_opgave.opgave)
    assert _stand(html, po_besloten) == "opnieuw"
    assert html.count('data-stand="opnieuw"') == 1


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["rozendaal", "nijmegen"])  # 9 and 39 seats
def test_aantal_queries_begrensd(demo, client, login, slug, django_assert_max_num_queries):
    stemming = _geopend(client, login, slug)
    leden = _leden(stemming)
    assert len(leden) == {"rozendaal": 9, "nijmegen": 39}[slug]
    _leg_vast(client, stemming, [VOOR] * (len(leden) // 2) + [AFWEZIG, BELANG])
    login(f"griffier-{slug}")
    with django_assert_max_num_queries(12):
        assert client.get(f"/gemeenten/{slug}/besluiten/{JAAR}/").status_code == 200
    # +1 on the vote's page: whether a correction superseded its version (the banner)
    with django_assert_max_num_queries(14):
        assert client.get(_url(stemming)).status_code == 200
    login(f"raadslid-{slug}")
    with django_assert_max_num_queries(12):
        assert client.get(_url(stemming)).status_code == 200
    with django_assert_max_num_queries(19):
        r = client.post(_url(stemming, "stem/"), {"keuze": "voor"}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200
    login(f"griffier-{slug}")
    _sluit(client, stemming)
    with django_assert_max_num_queries(13):
        assert client.get(_url(stemming)).status_code == 200


# --- hostile input on the action URLs (the fuzzer reads only pages that take a POST) -------


VIJANDIG = ["", "abc", "a\x00b", str(2**63), "-1", "<script>alert(1)</script>", "١٢٣"]


@pytest.mark.parametrize("waarde", VIJANDIG)
def test_vijandige_invoer_op_de_acties(demo, client, login, waarde):
    stemming = _geopend(client, login, "rozendaal")
    lid = _leden(stemming)[0]
    voor = Stemming.history.count(), Stem.history.count()
    gevallen = [
        ("vastleggen/", {"raadslid": waarde, "keuze": "voor", "reden": ""}),
        ("vastleggen/", {"raadslid": lid.pk, "keuze": waarde, "reden": waarde}),
        ("fractie/", {"fractie": waarde, "keuze": "voor"}),
        ("fractie/", {"fractie": lid.fractie_id, "keuze": waarde}),
        (
            "fractie/",
            {
                "fractie": lid.fractie_id,
                "keuze": "voor",
                "behalve": [waarde],
                f"afwijking_{lid.pk}": waarde,
            },
        ),
        ("bevestigen/", {"zienswijze": waarde}),
        ("heropenen/", {"x": waarde}),
    ]
    for actie, data in gevallen:
        r = client.post(_url(stemming, actie), data)
        assert r.status_code == 200, (actie, data)
        assert _fouten(r), (actie, data)
    login("raadslid-rozendaal")
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        r = client.post(_url(stemming, "stem/"), {"keuze": waarde}, **extra)
        assert r.status_code == 200 and _fouten(r)
    assert (Stemming.history.count(), Stem.history.count()) == voor
