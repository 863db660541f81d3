"""The besluitenoverzicht /programma/<jaar>/besluiten.pdf: there only once a raad confirmed a
vote on the version; stored per `stand` of the confirmed decisions, so a newly confirmed vote
gives a new document while the old one stays, and a vote that only opens or closes gives none;
its figures read back equal to the raw rows (the whole reconciliation is in
tests/reconciliatie/test_pdf_programma.py); its reads a fixed number of queries whatever the
number of votes."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from programma.documenten import opslag
from programma.documenten.models import Document, DocumentSoort
from programma.models import ProgrammaVersie
from programma.services import corrigeer_programma, stel_programma_voor
from raden import documenten
from raden.models import Stemming
from raden.selectors import stemmen_per_fractie_van_versie
from tests.raden.test_dekking import (
    besluit,
    huidige_versie,
    open_stemming,
    zonder_besluiten,
)
from tests.reconciliatie.test_pdf_programma import (
    BesluitenPdf,
    controleer_besluiten,
    gemeentenamen,
    paginas,
    pdf_van,
    volgorde,
)
from tests.reconciliatie.verwacht import Rijen

URL = "/programma/2027/besluiten.pdf"


def _versie(jaar: int, nummer: int) -> ProgrammaVersie:
    return ProgrammaVersie.objects.get(jaarprogramma__jaar=jaar, nummer=nummer)


def test_niet_zonder_bevestigde_besluiten(demo, client, login):
    concept = _versie(2028, 1)
    assert client.get("/programma/2028/besluiten.pdf").status_code == 404
    login("regiobestuur")  # may preview the concept's other documents, not this one
    assert client.get("/programma/2028/besluiten.pdf").status_code == 404
    assert not documenten.bestaat(concept)

    # proposed, but no raad has confirmed a vote on it yet
    stel_programma_voor(
        versie=concept, acting_user=get_user_model().objects.get(username="regiobestuur")
    )
    concept.refresh_from_db()
    assert concept.is_bevroren and not documenten.bestaat(concept)
    client.logout()
    assert client.get("/programma/2028/besluiten.pdf").status_code == 404
    assert client.get("/programma/2028/v1/besluiten.pdf").status_code == 404
    assert not Document.objects.filter(versie=concept, soort=DocumentSoort.BESLUITEN).exists()


def test_er_voor_2026_en_2027(demo):
    assert documenten.bestaat(_versie(2026, 1))
    assert documenten.bestaat(_versie(2027, 2))
    # Rozendaal decided on version 1 before the correction: it has an overview of its own
    assert documenten.bestaat(_versie(2027, 1))
    for jaar in (2026, 2027):
        teksten = paginas(pdf_van(f"/programma/{jaar}/besluiten.pdf"))
        assert f"Besluitenoverzicht jaarprogramma {jaar}" in teksten[0]
        assert "Stemmingen per fractie" in " ".join(teksten)


def test_een_nieuw_bevestigde_stemming_geeft_een_nieuw_document(demo, client):
    versie = huidige_versie()
    eerste_stand = documenten.stand(versie)
    eerste = client.get(URL)
    assert eerste.status_code == 200
    (oud,) = Document.objects.filter(versie=versie, soort=DocumentSoort.BESLUITEN)
    assert oud.stand == eerste_stand

    # a vote that opens, and one that closes without confirmation, show in no document
    po, po2 = zonder_besluiten(versie, "berg-en-dal", "nijmegen")[:2]
    open_stemming("berg-en-dal", po)
    besluit("nijmegen", po2, bevestig=False)
    assert documenten.stand(versie) == eerste_stand
    weer = client.get(URL, headers={"If-None-Match": eerste["ETag"]})
    assert weer.status_code == 304
    assert Document.objects.filter(versie=versie, soort=DocumentSoort.BESLUITEN).count() == 1

    # Arnhem confirms its vote on one opgave: a new stand, a new stored document
    stemming = (
        Stemming.objects.filter(versie=versie, gemeente__slug="arnhem", gesloten_op__isnull=True)
        .select_related("programma_opgave__opgave")
        .first()
    )
    besluit("arnhem", stemming.programma_opgave, ja=True, stemming=stemming)
    nieuwe_stand = documenten.stand(versie)
    assert nieuwe_stand != eerste_stand
    tweede = client.get(URL)
    assert tweede.status_code == 200
    assert tweede["ETag"] != eerste["ETag"]
    docs = Document.objects.filter(versie=versie, soort=DocumentSoort.BESLUITEN)
    assert {d.stand for d in docs} == {eerste_stand, nieuwe_stand}
    oud.refresh_from_db()
    assert opslag.inhoud_van(oud) == eerste.content  # the old one stays, unchanged

    rijen = Rijen.lees()
    opgaven = [rijen.slug(p) for p in volgorde(rijen, versie.pk)]
    gemeenten = gemeentenamen(rijen, versie.pk)
    slug = stemming.programma_opgave.opgave.slug
    voor = BesluitenPdf(eerste.content, gemeenten=gemeenten, opgaven=opgaven, naam="voor")
    na = controleer_besluiten(tweede.content, 2027, versie.nummer, "na")
    assert voor.standen[("arnhem", slug)] == "–"
    assert na.standen[("arnhem", slug)] == "ja"
    assert "arnhem" not in voor.stemmen and [o for o, *_ in na.stemmen["arnhem"]] == [slug]
    # the vote of Berg en Dal that is still open is in neither
    assert na.standen[("berg-en-dal", po.opgave.slug)] == "–"


def test_de_stemmen_in_een_vast_aantal_queries(demo, django_assert_num_queries):
    for versie in (_versie(2026, 1), _versie(2027, 2), _versie(2027, 1)):
        with django_assert_num_queries(2):
            stemmingen = stemmen_per_fractie_van_versie(versie)
        assert stemmingen
    concept = _versie(2028, 1)
    with django_assert_num_queries(0):
        assert stemmen_per_fractie_van_versie(concept) == []


def test_de_inhoud_in_een_vast_aantal_queries(demo, django_assert_max_num_queries):
    aantallen = []
    for versie in (_versie(2026, 1), _versie(2027, 2)):
        versie = ProgrammaVersie.objects.select_related("jaarprogramma").get(pk=versie.pk)
        # the matrix 6, the numbering 1, the votes 2, older decisions 1, the key 3 (twice)
        with django_assert_max_num_queries(16) as gebruikt:
            documenten.besluiten_context(versie)
            documenten.stand(versie)
        aantallen.append(len(gebruikt))
    assert aantallen[0] == aantallen[1]


def test_een_vervangen_versie_heeft_een_nieuwe_stand(demo):
    """Proposing a correction replaces the version: its overview says so, so its key changes
    (the decisions on it stay what they were)."""
    versie = huidige_versie()
    voor = documenten.stand(versie)
    bestuur = get_user_model().objects.get(username="regiobestuur")
    nieuw = corrigeer_programma(
        jaarprogramma=versie.jaarprogramma, reden="Een nieuwe correctie.", acting_user=bestuur
    )
    assert documenten.stand(versie) == voor  # a concept replaces nothing yet
    stel_programma_voor(versie=nieuw, acting_user=bestuur)
    versie = ProgrammaVersie.objects.get(pk=versie.pk)
    na = documenten.stand(versie)
    assert na != voor and f"-v{nieuw.nummer}-" in na
    context = documenten.besluiten_context(versie)
    assert context["vervangen_door"].pk == nieuw.pk and context["afgelopen"]
