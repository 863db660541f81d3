"""The programme document /programma/<jaar>/programma.pdf, read back with pypdf: the title
page, the vision, every thema with its totals and every opgave; a concept's preview marked
CONCEPT and its user text shown as text, never as markup; the bijdragen table in parts when a
programme has more opgaven than one landscape page takes, every cell still reconciled; a
proposed version's document stored once. The bijdragen of the demo's published programmes are
reconciled cell by cell in tests/reconciliatie/test_pdf_programma.py."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation

from programma import services
from programma.documenten import programmadocument
from programma.documenten.models import Document, DocumentSoort
from programma.models import ProgrammaOpgave, ProgrammaVersie
from tests.reconciliatie.oppervlak import klopt
from tests.reconciliatie.test_pdf_programma import (
    ProgrammaPdf,
    gemeentenamen,
    paginas,
    pdf_van,
    verwachte_bijdragen,
    volgorde,
)
from tests.reconciliatie.verwacht import Rijen

URL = "/programma/2027/programma.pdf"


def _plat(inhoud: bytes) -> str:
    return " ".join(" ".join(paginas(inhoud)).split())


def _fte(waarde: Decimal) -> str:
    return f"{Decimal(waarde).normalize():f}".replace(".", ",") + " fte"


def _euro(bedrag: int) -> str:
    return "€ " + f"{bedrag:,}".replace(",", ".")


def test_titelblad_visie_themas_en_elke_opgave(demo):
    versie = ProgrammaVersie.objects.bevroren().filter(jaarprogramma__jaar=2027).latest("nummer")
    tekst = _plat(pdf_van(URL)).replace("\u00a0", " ")
    with translation.override("nl"):
        datum = formats.date_format(timezone.localdate(versie.bevroren_op), "j F Y")
    assert "Jaarprogramma 2027" in tekst
    assert f"Versie {versie.nummer}, voorgesteld door het regiobestuur op {datum}" in tekst
    assert "CONCEPT" not in tekst
    for deel in ("Fundament", "Actualiteit", "Perspectief"):
        assert deel in tekst
    for veld in ("visie_fundament", "visie_actualiteit", "visie_perspectief"):
        begin = " ".join(getattr(versie, veld).split()[:8])
        assert begin in tekst, veld

    rijen = Rijen.lees()
    opgaven = volgorde(rijen, versie.pk)
    per_thema: dict[int, list[dict]] = {}
    for po in opgaven:
        per_thema.setdefault(rijen.opgaven[po["opgave_id"]]["thema_id"], []).append(po)
    namen = dict(ProgrammaOpgave.objects.filter(versie=versie).values_list("pk", "thema_naam"))
    for pos in per_thema.values():
        thema = namen[pos[0]["pk"]]
        # "Totaal <thema> <fte> <cofinanciering> <budget>", each added up from the raw rows
        regel = (
            f"Totaal {thema} {_fte(sum(po['capaciteit_fte'] for po in pos))} "
            f"{_euro(sum(rijen.cofinanciering(po) for po in pos))} "
            f"{_euro(sum(po['budget'] for po in pos))}"
        )
        assert regel in tekst, regel
    for nummer, po in enumerate(opgaven, start=1):
        titel = rijen.opgaven[po["opgave_id"]]["titel"]
        # in the contents and as the heading of its own section
        assert tekst.count(f"{nummer} {titel}") >= 2, titel
    assert tekst.count("Budget 2027 Capaciteit Verwachte cofinanciering") == len(opgaven)
    for titel in ("Doel", "Resultaat", "Capaciteit", "Sturing", "Stuurgroep", "Mandaat"):
        assert tekst.count(f" {titel} ") >= len(opgaven), titel
    assert tekst.count("Synergie met andere opgaven") == len(opgaven)
    assert tekst.count("Externe regelingen") >= len(opgaven)


def test_een_concept_is_een_voorbeeld_met_de_tekst_als_tekst(concept, bestuur, client):
    po = concept.opgaven.order_by("pk").first()
    kwaad = 'Bouwen <b>vet</b> & <script>alert("x")</script> <a href="http://x">link</a>'
    ProgrammaOpgave.objects.filter(pk=po.pk).update(doel=kwaad)
    url = f"/programma/{concept.jaar}/programma.pdf"
    assert client.get(url).status_code == 404  # anonymous: a concept is not public

    client.force_login(bestuur)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('inline; filename="CONCEPT-')
    teksten = paginas(response.content)
    assert "CONCEPT" in teksten[0]
    assert "nog niet voorgesteld door het regiobestuur" in teksten[0]
    plat = " ".join(" ".join(teksten).split())
    assert kwaad in plat
    assert "Voorlopige berekening" in plat
    assert not Document.objects.filter(versie=concept).exists()


def test_de_bijdragentabel_in_delen_en_elke_cel_klopt(concept, bestuur, client, monkeypatch):
    """A programme with more opgaven than fit one landscape page gets its table in parts, each
    with its column totals; the last has the totals per gemeente and the grand total."""
    monkeypatch.setattr(programmadocument, "KOLOMMEN_PER_TABEL", 1)
    client.force_login(bestuur)
    response = client.get(f"/programma/{concept.jaar}/programma.pdf")
    assert response.status_code == 200
    tekst = "\n".join(paginas(response.content))
    assert len(re.findall(r"^Gemeente Inwoners \d+$", tekst, re.M)) == 1
    assert len(re.findall(r"^Gemeente Inwoners \d+ Totaal$", tekst, re.M)) == 1
    assert "deel 1 van 2" in tekst and "deel 2 van 2" in tekst
    rijen = Rijen.lees()
    oppervlak = ProgrammaPdf(
        response.content,
        gemeenten=gemeentenamen(rijen, concept.pk),
        opgaven=[rijen.slug(po) for po in volgorde(rijen, concept.pk)],
        naam="concept in delen",
    )
    klopt(oppervlak, verwachte_bijdragen(rijen, concept.pk))


@pytest.mark.parametrize(
    ("aantal", "delen"), [(0, []), (1, [1]), (14, [14]), (15, [8, 7]), (29, [10, 10, 9])]
)
def test_delen_zo_gelijk_mogelijk(aantal, delen):
    uitkomst = programmadocument._delen(aantal)
    assert [len(d) for d in uitkomst] == delen
    assert [i for d in uitkomst for i in d] == list(range(aantal))


def test_voorgesteld_wordt_het_eenmaal_gemaakt_en_bewaard(concept, bestuur, client):
    services.stel_programma_voor(versie=concept, acting_user=bestuur)
    url = f"/programma/{concept.jaar}/programma.pdf"
    eerste = client.get(url)  # public now
    assert eerste.status_code == 200
    tweede = client.get(url)
    assert tweede.content == eerste.content
    (doc,) = Document.objects.filter(versie=concept, soort=DocumentSoort.PROGRAMMA)
    assert eerste["ETag"] == f'"{doc.sha256}"'
    assert client.get(url, headers={"If-None-Match": eerste["ETag"]}).status_code == 304
    plat = _plat(eerste.content)
    assert "CONCEPT" not in plat
    assert "Echtheid van dit document" in plat
