"""The decision round as a whole, through the services: the version rule (a correction lapses
running votes, confirmed Besluiten stay on their version) and closing the round (gedekt or niet
gedekt, stored beside the frozen version and frozen itself)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from programma import services as programma
from programma.models import Jaarprogramma, Status
from raden import services
from raden.cijfers import Stand, dekking_van
from raden.models import Besluit, Dekking, Keuze, Partij, Stemming
from regio.exceptions import Bevroren, DomeinFout
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raden(concept, kleine_regio, bestuur):
    """The concept of 2040 proposed, each of the three gemeenten with a griffier and a full
    council of one fractie (art. 8 size for its inwoners)."""
    programma.stel_programma_voor(versie=concept, acting_user=bestuur)
    partij = Partij.objects.create(naam="Testpartij")
    uit = {}
    for gemeente in kleine_regio:
        griffier = UserFactory(username=f"griffier-{gemeente.slug}", email=f"g@{gemeente.slug}.nl")
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


def _besluit(raden, slug: str, po, keuze: str = Keuze.VOOR) -> Besluit | None:
    gemeente, griffier, fractie = raden[slug]
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=po.versie,
        vergaderdatum=timezone.localdate(),
        opgaven=[po],
        acting_user=griffier,
    )
    services.stem_fractie(stemming=stemming, fractie=fractie, keuze=keuze, acting_user=griffier)
    services.sluit_stemming(stemming=stemming, acting_user=griffier)
    return services.bevestig_stemming(stemming=stemming, acting_user=griffier)


def test_een_correctie_laat_lopende_stemmingen_vervallen_en_besluiten_staan(
    raden, concept, bestuur, django_capture_on_commit_callbacks
):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    besluit_bbb = _besluit(raden, "bbb", eerste)
    aaa, griffier_aaa, _ = raden["aaa"]
    (open_aaa,) = services.open_stemmingen(
        gemeente=aaa,
        versie=concept,
        vergaderdatum=timezone.localdate(),
        opgaven=[eerste],
        acting_user=griffier_aaa,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        v2 = programma.corrigeer_programma(
            jaarprogramma=concept.jaarprogramma, reden="Budget bijgesteld", acting_user=bestuur
        )
        programma.stel_programma_voor(versie=v2, acting_user=bestuur)

    open_aaa.refresh_from_db()
    assert open_aaa.is_vervallen and "versie 2" in open_aaa.vervallen_reden
    besluit_bbb.refresh_from_db()
    assert besluit_bbb.programma_opgave.versie_id == concept.pk  # stays on v1
    # Griffiers are told: the correction, and where a vote lapsed
    onderwerpen = [m.subject for m in mail.outbox]
    assert any("versie 2" in o for o in onderwerpen)
    assert any("vervallen" in o.lower() for o in onderwerpen)
    ontvangers = {a for m in mail.outbox for a in m.to}
    assert {"g@aaa.nl", "g@bbb.nl", "g@ccc.nl"} <= ontvangers

    matrix = dekking_van(v2)
    standen = {
        (r.programma_opgave.opgave_id, c.gemeente_id): c.stand
        for r in matrix.rijen
        for c in r.cellen
    }
    bbb, aaa_id = raden["bbb"][0].pk, aaa.pk
    assert standen[(eerste.opgave_id, bbb)] == Stand.OPNIEUW
    assert standen[(eerste.opgave_id, aaa_id)] == Stand.GEEN
    assert matrix.opnieuw == 1

    # A vote on the old version can no longer be opened, confirmed or voted in.
    with pytest.raises(DomeinFout, match="vervangen"):
        services.open_stemmingen(
            gemeente=aaa,
            versie=concept,
            vergaderdatum=timezone.localdate(),
            acting_user=griffier_aaa,
        )
    with pytest.raises(DomeinFout):
        services.sluit_stemming(stemming=open_aaa, acting_user=griffier_aaa)
    # ... and on the new one it can.
    assert services.open_stemmingen(
        gemeente=aaa, versie=v2, vergaderdatum=timezone.localdate(), acting_user=griffier_aaa
    )


def test_besluitronde_sluiten_gedekt_en_niet_gedekt(raden, concept, bestuur):
    eerste, tweede = concept.opgaven.order_by("rangorde")
    for slug in ("aaa", "bbb", "ccc"):
        _besluit(raden, slug, eerste, Keuze.VOOR)
    _besluit(raden, "aaa", tweede, Keuze.VOOR)
    _besluit(raden, "bbb", tweede, Keuze.TEGEN)

    with pytest.raises(DomeinFout, match="ontbreken"):
        services.sluit_besluitronde(jaarprogramma=concept.jaarprogramma, acting_user=bestuur)
    # ccc still has a window open on the second opgave: it lapses when the round closes
    ccc, griffier_ccc, _ = raden["ccc"]
    (open_ccc,) = services.open_stemmingen(
        gemeente=ccc, versie=concept, vergaderdatum=timezone.localdate(), acting_user=griffier_ccc
    )
    griffier = raden["aaa"][1]
    with pytest.raises(DomeinFout, match="regiobestuur"):
        services.sluit_besluitronde(
            jaarprogramma=concept.jaarprogramma, acting_user=griffier, onvolledig=True
        )

    services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, onvolledig=True
    )
    assert Jaarprogramma.objects.get(pk=concept.jaarprogramma_id).status == Status.VASTGESTELD
    open_ccc.refresh_from_db()
    assert open_ccc.is_vervallen
    dekking = {d.programma_opgave_id: d for d in Dekking.objects.all()}
    assert dekking[eerste.pk].gedekt and dekking[eerste.pk].gedekt_bedrag == eerste.budget
    assert not dekking[tweede.pk].gedekt
    verwacht = sum(b.bedrag for b in tweede.bijdragen.all() if b.gemeente_id == raden["aaa"][0].pk)
    assert dekking[tweede.pk].gedekt_bedrag == verwacht

    # Stored beside the frozen version, and frozen on every path.
    d = dekking[tweede.pk]
    d.gedekt_bedrag = tweede.budget
    with pytest.raises(Bevroren):
        d.save()
    with pytest.raises(Bevroren):
        Dekking.objects.filter(pk=d.pk).update(gedekt=True)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE raden_dekking SET gedekt = %s WHERE id = %s", [True, d.pk])
    with pytest.raises(DomeinFout):
        services.sluit_besluitronde(jaarprogramma=concept.jaarprogramma, acting_user=bestuur)


def test_bevestigde_stemming_is_bevroren_op_elk_pad(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    besluit = _besluit(raden, "aaa", eerste)
    stemming = Stemming.objects.get(pk=besluit.stemming_id)
    stem = stemming.stemmen.first()
    for obj in (stemming, stem, besluit):
        with pytest.raises(Bevroren):
            obj.save()
        with pytest.raises(Bevroren):
            obj.delete()
    with pytest.raises(Bevroren):
        stemming.stemmen.update(keuze=Keuze.TEGEN)
    for sql in (
        "UPDATE raden_stem SET keuze = 'tegen' WHERE stemming_id = %s",
        "DELETE FROM raden_stem WHERE stemming_id = %s",
        "UPDATE raden_besluit SET deelname = false, bijdrage = 0 WHERE stemming_id = %s",
        "UPDATE raden_stemming SET uitkomst = 'verworpen' WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
            c.execute(sql, [stemming.pk])
    # a vote added afterwards under the confirmed Stemming is refused too (by the trigger: the
    # member below has no vote in it, so no unique key stands in the way)
    ander = raden["bbb"][2].leden.first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "INSERT INTO raden_stem (stemming_id, raadslid_id, keuze, reden, fractie_naam,"
            " uitgebracht_door_id, uitgebracht_op) SELECT stemming_id, %s, keuze, reden,"
            " fractie_naam, uitgebracht_door_id, uitgebracht_op FROM raden_stem WHERE id = %s",
            [ander.pk, stem.pk],
        )


def test_een_lid_dat_vertrekt_na_zijn_stem_telt_niet_mee(raden, concept):
    """Only members who sit on the meeting date vote (art. 28)."""
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["ccc"]
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=concept,
        vergaderdatum=timezone.localdate() + datetime.timedelta(days=7),
        opgaven=[eerste],
        acting_user=griffier,
    )
    services.stem_fractie(
        stemming=stemming, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier
    )
    vertrekker = fractie.leden.first()
    services.beeindig_raadslidmaatschap(raadslid=vertrekker, acting_user=griffier)
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.zittend == services.zetels_van(gemeente) - 1
    assert stemming.voor == stemming.zittend
    assert stemming.stemmen.filter(raadslid=vertrekker).exists()  # kept in the record


def test_zonder_quorum_opnieuw_in_een_volgende_vergadering(raden, concept):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["ccc"]
    vandaag = timezone.localdate()
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=concept,
        vergaderdatum=vandaag,
        opgaven=[eerste],
        acting_user=griffier,
    )
    leden = list(fractie.leden.order_by("pk"))
    for lid in leden[:3]:  # 3 of 17 present: no quorum
        services.stem(stemming=stemming, raadslid=lid, keuze=Keuze.VOOR, acting_user=griffier)
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.uitkomst == "geen_quorum"
    with pytest.raises(DomeinFout, match="quorum"):
        services.bevestig_stemming(stemming=stemming, acting_user=griffier)
    # Reopening takes back the absences closing recorded; closing again records them again.
    stemming = services.heropen_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.stemmen.count() == 3
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.stemmen.count() == len(leden)
    # A new meeting: the same date is refused, a later one lapses the old vote and opens anew.
    with pytest.raises(DomeinFout, match="geen quorum"):
        services.open_stemmingen(
            gemeente=gemeente,
            versie=concept,
            vergaderdatum=vandaag,
            opgaven=[eerste],
            acting_user=griffier,
        )
    (nieuw,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=concept,
        vergaderdatum=vandaag + datetime.timedelta(days=14),
        opgaven=[eerste],
        acting_user=griffier,
    )
    stemming.refresh_from_db()
    assert stemming.is_vervallen and "quorum" in stemming.vervallen_reden.lower()
    services.stem_fractie(stemming=nieuw, fractie=fractie, keuze=Keuze.VOOR, acting_user=griffier)
    services.sluit_stemming(stemming=nieuw, acting_user=griffier)
    assert services.bevestig_stemming(stemming=nieuw, acting_user=griffier).deelname


def test_staken_uitgesteld_blijft_zichtbaar_als_de_herstemming_vervalt(raden, concept, bestuur):
    eerste = concept.opgaven.order_by("rangorde").first()
    gemeente, griffier, fractie = raden["ccc"]  # 17 seats
    vandaag = timezone.localdate()
    (stemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=concept,
        vergaderdatum=vandaag,
        opgaven=[eerste],
        acting_user=griffier,
    )
    leden = list(fractie.leden.order_by("pk"))
    # 8 voor, 8 tegen, 1 absent: a tie in an incomplete meeting
    services.stem_fractie(
        stemming=stemming,
        fractie=fractie,
        keuze=Keuze.VOOR,
        uitzonderingen={
            **{lid.pk: (Keuze.TEGEN, "") for lid in leden[:8]},
            leden[8].pk: (Keuze.NIET_DEELGENOMEN, "afwezig"),
        },
        acting_user=griffier,
    )
    stemming = services.sluit_stemming(stemming=stemming, acting_user=griffier)
    assert stemming.uitkomst == "uitgesteld"
    assert services.bevestig_stemming(stemming=stemming, acting_user=griffier) is None

    def stand():
        matrix = dekking_van(concept)
        rij = next(r for r in matrix.rijen if r.programma_opgave.pk == eerste.pk)
        return next(c for c in rij.cellen if c.gemeente_id == gemeente.pk).stand

    assert stand() == Stand.UITGESTELD
    (herstemming,) = services.open_stemmingen(
        gemeente=gemeente,
        versie=concept,
        vergaderdatum=vandaag + datetime.timedelta(days=30),
        opgaven=[eerste],
        acting_user=griffier,
    )
    assert herstemming.herstemming_van_id == stemming.pk
    assert stand() == Stand.OPEN
    services.sluit_besluitronde(
        jaarprogramma=concept.jaarprogramma, acting_user=bestuur, onvolledig=True
    )
    assert stand() == Stand.UITGESTELD
