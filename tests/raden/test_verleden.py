"""Recording what happened earlier (an import, the demo's past years): the voting and round
services take `op`, the moment it happened, instead of now; never in the future, never before
the step before it. Without `op` they stamp now, as they always did."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from portaal.demo import inhoud
from programma import services as programma
from programma.models import Jaarprogramma, Status
from raden import services
from raden.models import Dekking, Keuze, Partij, Reden, Stem, Stemming, Uitkomst
from regio.exceptions import DomeinFout
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NU = timezone.now()
#: the proposal, sixty days ago; the meeting thirty days ago, in the evening
VOORGESTELD = NU - datetime.timedelta(days=60)
VERGADERDATUM = timezone.localdate(NU - datetime.timedelta(days=30))


def _om(uur: int, minuut: int = 0, datum: datetime.date = VERGADERDATUM) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(uur, minuut)))


def _toekomst() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=5)


def _gemeld(moment: datetime.datetime) -> str:
    """The moment as a refusal names it: the step it may not precede."""
    return re.escape(timezone.localtime(moment).strftime("%d-%m-%Y %H:%M"))


@pytest.fixture
def raden(concept, kleine_regio, bestuur):
    """The concept of 2040 proposed sixty days ago; each gemeente with a griffier and a full
    council of one fractie."""
    programma.stel_programma_voor(versie=concept, acting_user=bestuur, op=VOORGESTELD)
    partij = Partij.objects.create(naam="Testpartij")
    uit = {}
    for gemeente in kleine_regio:
        griffier = UserFactory(username=f"griffier-{gemeente.slug}")
        services.benoem_griffier(gemeente=gemeente, user=griffier, acting_user=bestuur)
        zetels = services.zetels_van(gemeente)
        (fractie,) = services.stel_fracties_vast(
            gemeente=gemeente, zetels={partij: zetels}, acting_user=griffier
        )
        for i in range(zetels):
            services.voeg_raadslid_toe(
                gemeente=gemeente,
                fractie=fractie,
                voornaam="Lid",
                achternaam=f"{gemeente.naam} {i}",
                begin=datetime.date(2022, 3, 30),
                acting_user=griffier,
            )
        uit[gemeente.slug] = (gemeente, griffier, fractie)
    return uit


def _open(raden, slug: str, po, op=None, datum=VERGADERDATUM) -> Stemming:
    gemeente, griffier, _ = raden[slug]
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=po.versie,
        vergaderdatum=datum,
        opgaven=[po],
        acting_user=griffier,
        op=op,
    )
    return stemming


def _vergadering(raden, slug: str, po, *, keuze=Keuze.VOOR, uitzonderingen=None, dag=None):
    """One vote in the evening of the meeting: opened 19:30, voted 20:00, closed 22:00,
    confirmed 22:10."""
    dag = dag or VERGADERDATUM
    gemeente, griffier, fractie = raden[slug]
    stemming = _open(raden, slug, po, op=_om(19, 30, dag), datum=dag)
    services.stem_fractie(
        stemming=stemming,
        fractie=fractie,
        keuze=keuze,
        uitzonderingen=uitzonderingen,
        acting_user=griffier,
        op=_om(20, datum=dag),
    )
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(22, 0, dag))
    services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_om(22, 10, dag))
    stemming.refresh_from_db()
    return stemming


# --- every step at the moment it happened -----------------------------------------------------


def test_een_vergadering_van_vorige_maand_draagt_haar_eigen_momenten(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    afwezig, *stemmers = fractie.leden.order_by("pk")
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    # every member but one votes; closing records that one absent, at the closing moment
    for lid in stemmers:
        services.stem(
            stemming=stemming, raadslid=lid, keuze=Keuze.VOOR, acting_user=griffier, op=_om(20, 4)
        )
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(22))
    besluit = services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_om(22, 10))
    stemming.refresh_from_db()
    assert stemming.geopend_op == _om(19, 30)
    assert stemming.gesloten_op == _om(22)
    assert stemming.bevestigd_op == _om(22, 10)
    assert besluit.deelname and stemming.uitkomst == Uitkomst.AANGENOMEN
    momenten = dict(
        Stem.objects.filter(stemming=stemming).values_list("raadslid", "uitgebracht_op")
    )
    assert momenten.pop(afwezig.pk) == _om(22)
    assert set(momenten.values()) == {_om(20, 4)}
    assert Stem.objects.get(stemming=stemming, raadslid=afwezig).reden == Reden.AFWEZIG


def test_heropenen_neemt_de_afwezigen_van_een_verleden_sluiting_terug(raden, concept):
    """Closing in the past stamps the absent members with that moment, as closing now does:
    reopening finds them by it."""
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["bbb"]
    stemming = _open(raden, "bbb", eerste, op=_om(19, 30))
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(19, 45))
    assert stemming.uitkomst == Uitkomst.GEEN_QUORUM
    assert Stem.objects.filter(stemming=stemming, uitgebracht_op=_om(19, 45)).count() == (
        stemming.zittend
    )
    services.heropen_stemming(stemming=stemming, acting_user=griffier)
    assert not Stem.objects.filter(stemming=stemming).exists()


def test_de_besluitronde_van_vorige_week_gesloten(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    for slug in ("aaa", "bbb", "ccc"):
        _vergadering(raden, slug, eerste)
        _vergadering(raden, slug, tweede)
    gesloten = NU - datetime.timedelta(days=7)
    dekkingen = services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, op=gesloten
    )
    assert {d.vastgesteld_op for d in dekkingen} == {gesloten}
    assert all(d.gedekt for d in dekkingen)


def test_een_lopende_stemming_vervalt_op_het_moment_van_sluiten(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    _vergadering(raden, "aaa", eerste)
    lopend = _open(raden, "bbb", tweede, op=_om(19, 30))
    gesloten = _om(23)
    services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, onvolledig=True, op=gesloten
    )
    lopend.refresh_from_db()
    assert lopend.is_vervallen and lopend.gesloten_op == gesloten


# --- never in the future ------------------------------------------------------------------


def test_geen_moment_in_de_toekomst(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    gemeente, griffier, fractie = raden["aaa"]
    with pytest.raises(DomeinFout, match="toekomst"):
        _open(raden, "aaa", eerste, op=_toekomst())
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    with pytest.raises(DomeinFout, match="toekomst"):
        services.stem_fractie(
            stemming=stemming,
            fractie=fractie,
            keuze=Keuze.VOOR,
            acting_user=griffier,
            op=_toekomst(),
        )
    lid = fractie.leden.first()
    with pytest.raises(DomeinFout, match="toekomst"):
        services.stem(
            stemming=stemming, raadslid=lid, keuze=Keuze.VOOR, acting_user=griffier, op=_toekomst()
        )
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier, op=_om(20)
    )
    with pytest.raises(DomeinFout, match="toekomst"):
        services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_toekomst())
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(22))
    with pytest.raises(DomeinFout, match="toekomst"):
        services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_toekomst())
    services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_om(22, 10))
    with pytest.raises(DomeinFout, match="toekomst"):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma,
            acting_user=bestuur,
            onvolledig=True,
            op=_toekomst(),
        )
    stemming.refresh_from_db()
    assert stemming.bevestigd_op == _om(22, 10)  # nothing refused changed anything
    assert not Dekking.objects.filter(programma_opgave__versie=concept).exists()


def test_een_moment_zonder_tijdzone_is_een_programmeerfout(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    with pytest.raises(ValueError):
        _open(raden, "aaa", eerste, op=datetime.datetime.combine(VERGADERDATUM, datetime.time(19)))


# --- never before the step before it ------------------------------------------------------


def test_openen_niet_voor_het_voorstel(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    # on the day of the proposal, an hour before it
    voor = VOORGESTELD - datetime.timedelta(hours=1)
    with pytest.raises(DomeinFout, match="voorgesteld"):
        _open(raden, "aaa", eerste, op=voor, datum=timezone.localdate(VOORGESTELD))
    assert _open(raden, "aaa", eerste, op=VOORGESTELD).geopend_op == VOORGESTELD


def test_stemmen_niet_voor_het_openen(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    lid = fractie.leden.first()
    with pytest.raises(DomeinFout, match="geopend"):
        services.stem_fractie(
            stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier, op=_om(19)
        )
    with pytest.raises(DomeinFout, match="geopend"):
        services.stem(
            stemming=stemming, raadslid=lid, keuze=Keuze.VOOR, acting_user=griffier, op=_om(19)
        )
    stem = services.stem(
        stemming=stemming, raadslid=lid, keuze=Keuze.VOOR, acting_user=griffier, op=_om(20)
    )
    assert stem.uitgebracht_op == _om(20)
    # a changed vote is not recorded before the vote it changes
    with pytest.raises(DomeinFout, match="wijzigt"):
        services.stem(
            stemming=stemming, raadslid=lid, keuze=Keuze.TEGEN, acting_user=griffier, op=_om(19, 45)
        )


def test_sluiten_niet_voor_het_openen_of_de_laatste_stem(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    with pytest.raises(DomeinFout, match="geopend"):
        services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(19))
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier, op=_om(21)
    )
    with pytest.raises(DomeinFout, match="laatste stem"):
        services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(20))
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(21))
    assert stemming.gesloten_op == _om(21)


def test_bevestigen_niet_voor_het_sluiten(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier, op=_om(20)
    )
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(22))
    with pytest.raises(DomeinFout, match="gesloten"):
        services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_om(21, 59))
    assert not Stemming.objects.get(pk=stemming.pk).is_bevestigd
    services.bevestig_stemming(stemming=stemming, acting_user=griffier, op=_om(22))
    assert Stemming.objects.get(pk=stemming.pk).bevestigd_op == _om(22)


def test_de_ronde_niet_gesloten_voor_de_laatste_bevestiging(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    for slug in ("aaa", "bbb", "ccc"):
        _vergadering(raden, slug, eerste)
        _vergadering(raden, slug, tweede)
    # the last confirmation was at 22:10
    with pytest.raises(DomeinFout, match=_gemeld(_om(22, 10))):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma, acting_user=bestuur, op=_om(22, 5)
        )
    assert Jaarprogramma.objects.get(pk=concept.jaarprogramma_id).status == Status.VOORGESTELD
    services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, op=_om(22, 10)
    )


def test_de_ronde_niet_gesloten_voor_het_voorstel(raden, concept, bestuur):
    with pytest.raises(DomeinFout, match=_gemeld(VOORGESTELD)):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma,
            acting_user=bestuur,
            onvolledig=True,
            op=VOORGESTELD - datetime.timedelta(minutes=1),
        )


def test_de_ronde_niet_gesloten_voor_een_stem_in_een_lopend_venster(raden, concept, bestuur):
    """Closing lapses the running votes at its moment: not before what was recorded in them."""
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30))
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier, op=_om(20)
    )
    with pytest.raises(DomeinFout, match=_gemeld(_om(20))):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma, acting_user=bestuur, onvolledig=True, op=_om(19)
        )
    with pytest.raises(DomeinFout, match=_gemeld(_om(20))):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma,
            acting_user=bestuur,
            onvolledig=True,
            op=_om(19, 45),
        )


def test_een_herstemming_niet_voor_de_bevestigde_staking(raden, concept):
    """A tie in an incomplete meeting is voted again at a next meeting: its window does not
    open before the tie was confirmed."""
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["ccc"]
    leden = list(fractie.leden.order_by("pk"))
    assert len(leden) % 2 == 1  # one absent, the rest split evenly
    uitzonderingen = {leden[0].pk: (Keuze.NIET_DEELGENOMEN, Reden.AFWEZIG)}
    uitzonderingen |= {lid.pk: (Keuze.TEGEN, "") for lid in leden[1 : 1 + len(leden) // 2]}
    eerder = VERGADERDATUM - datetime.timedelta(days=7)
    staking = _vergadering(raden, "ccc", eerste, uitzonderingen=uitzonderingen, dag=eerder)
    assert staking.uitkomst == Uitkomst.UITGESTELD and staking.bevestigd_op == _om(22, 10, eerder)
    with pytest.raises(DomeinFout, match="gestaakte"):
        _open(raden, "ccc", eerste, op=_om(22, 5, eerder))
    herstemming = _open(raden, "ccc", eerste, op=_om(19, 30))
    assert herstemming.herstemming_van_id == staking.pk


def test_opnieuw_openen_zonder_quorum_niet_voor_het_sluiten(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["aaa"]
    eerder = VERGADERDATUM - datetime.timedelta(days=7)
    stemming = _open(raden, "aaa", eerste, op=_om(19, 30, eerder), datum=eerder)
    services.sluit_stemming(stemming=stemming, acting_user=griffier, op=_om(22, 0, eerder))
    with pytest.raises(DomeinFout, match="quorum"):
        _open(raden, "aaa", eerste, op=_om(21, 0, eerder))
    assert _open(raden, "aaa", eerste, op=_om(19, 30)).geopend_op == _om(19, 30)


# --- without `op`: now, as before ----------------------------------------------------------


def test_zonder_moment_stempelt_elke_stap_nu(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    gemeente, griffier, fractie = raden["aaa"]
    voor = timezone.now()
    stemming = _open(raden, "aaa", eerste, datum=timezone.localdate())
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier
    )
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    services.bevestig_stemming(stemming=stemming, acting_user=griffier)
    dekkingen = services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, onvolledig=True
    )
    na = timezone.now()
    stemming.refresh_from_db()
    momenten = [stemming.geopend_op, stemming.gesloten_op, stemming.bevestigd_op]
    momenten += list(
        Stem.objects.filter(stemming=stemming).values_list("uitgebracht_op", flat=True)
    )
    momenten += [d.vastgesteld_op for d in dekkingen]
    assert all(voor <= m <= na for m in momenten)
    assert stemming.geopend_op <= stemming.gesloten_op <= stemming.bevestigd_op


# --- the demo's past rounds -----------------------------------------------------------------


def test_de_demo_bevestigt_op_de_vergaderdatum_en_sluit_op_de_gegeven_dag(demo):
    """2026's round happened in June and July 2025: each vote was confirmed on the evening of
    its meeting, and the regiobestuur closed the round on the date besluiten.toml gives."""
    stemmingen = Stemming.objects.filter(versie__jaarprogramma__jaar=2026)
    assert stemmingen.count() == stemmingen.filter(bevestigd_op__isnull=False).count() > 0
    for s in stemmingen:
        assert timezone.localdate(s.geopend_op) == s.vergaderdatum, s
        assert timezone.localdate(s.bevestigd_op) == s.vergaderdatum, s
        assert s.geopend_op < s.gesloten_op <= s.bevestigd_op
    stemmen = Stem.objects.filter(stemming__versie__jaarprogramma__jaar=2026).select_related(
        "stemming"
    )
    assert all(s.stemming.geopend_op <= s.uitgebracht_op <= s.stemming.gesloten_op for s in stemmen)
    gesloten = inhoud.BESLUITEN[2026]["gesloten"]
    assert gesloten > max(inhoud.BESLUITEN[2026]["vergaderingen"].values())
    dekkingen = Dekking.objects.filter(programma_opgave__versie__jaarprogramma__jaar=2026)
    assert dekkingen.exists()
    assert {timezone.localdate(d.vastgesteld_op) for d in dekkingen} == {gesloten}


def test_in_de_demo_staat_alleen_het_open_venster_op_nu(demo):
    """The 2027 meetings that have passed carry their evenings too; only Arnhem's window, open
    now, was opened when the demo was loaded."""
    nog_open = Stemming.objects.filter(
        versie__jaarprogramma__jaar=2027, gesloten_op__isnull=True, vervallen_reden=""
    )
    assert set(nog_open.values_list("gemeente__slug", flat=True)) == {"arnhem"}
    for s in Stemming.objects.filter(versie__jaarprogramma__jaar=2027, bevestigd_op__isnull=False):
        assert timezone.localdate(s.bevestigd_op) == s.vergaderdatum, s
