"""The raadsvoorstel PDFs of the demo region as a surface: every figure they show, read back from
the PDF text (PdfTekst) and compared cell by cell with the figures recomputed from the raw rows
(a frozen version's stored Bijdrage rows, added up here in plain Python)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from programma.documenten import opslag, soorten
from programma.documenten.models import DocumentSoort
from programma.models import (
    Deelnemer,
    ExterneRegeling,
    Niveau,
    ProgrammaOpgave,
    ProgrammaVersie,
)
from regio.models import Gemeente
from tests.reconciliatie.oppervlak import PdfRegel, PdfTabel, PdfTekst, klopt, lees
from tests.reconciliatie.verwacht import Cijfers, Rijen

# Rendered once per test run and read by every test of this module (the demo is committed once
# per session and these tests only read it): (jaar, nummer, slug) -> PDF bytes.
_PDF: dict[tuple[int, int, str], bytes] = {}

DEELNEMERS_2027 = 18


def pdf_van(jaar: int, nummer: int, slug: str) -> bytes:
    sleutel = (jaar, nummer, slug)
    if sleutel not in _PDF:
        versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=jaar, nummer=nummer)
        gemeente = Gemeente.objects.get(slug=slug)
        _PDF[sleutel], _, _ = opslag.render(
            soorten.soort(DocumentSoort.RAADSVOORSTEL), versie, gemeente
        )
    return _PDF[sleutel]


@pytest.fixture
def rijen(demo) -> Rijen:
    return Rijen.lees()


def _versie_id(rijen: Rijen, jaar: int, nummer: int) -> int:
    return next(
        vid for vid, v in rijen.versies.items() if rijen.jaar(vid) == jaar and v["nummer"] == nummer
    )


def _regelingen(versie_id: int) -> list[dict]:
    return list(
        ExterneRegeling.objects.filter(programma_opgave__versie_id=versie_id).values(
            "programma_opgave_id", "naam", "verwachte_cofinanciering"
        )
    )


def verwacht(rijen: Rijen, versie_id: int, gemeente_id: int) -> Cijfers:
    """Every figure the raadsvoorstel of one gemeente shows, from the raw rows."""
    pos = rijen.pos_van(versie_id)
    bedragen = rijen.bijdragen_van(versie_id)
    regelingen = _regelingen(versie_id)
    budget = sum(po["budget"] for po in pos)
    totaal = 0
    k: Cijfers = {}
    for po in pos:
        rij = f"opgave:{rijen.slug(po)}"
        bijdrage = bedragen.get((po["pk"], gemeente_id), 0)
        totaal += bijdrage
        k[("opgaven", rij, "budget")] = po["budget"]
        k[("opgaven", rij, "fte")] = po["capaciteit_fte"]
        k[("opgaven", rij, "bijdrage")] = bijdrage
        for r in regelingen:
            if r["programma_opgave_id"] == po["pk"]:
                sleutel = (f"regelingen:{rij}", f"regeling:{r['naam']}", "cofinanciering")
                k[sleutel] = r["verwachte_cofinanciering"]
        k[("financien", rij, "budget")] = po["budget"]
        k[("financien", rij, "bijdrage")] = bijdrage
        k[("financien", rij, "aandeel")] = (
            Fraction(100 * bijdrage, po["budget"]) if po["budget"] else None
        )
        k[("grafiek", rij, "bijdrage")] = bijdrage
    k[("financien", "totaal", "budget")] = budget
    k[("financien", "totaal", "bijdrage")] = totaal
    k[("financien", "totaal", "aandeel")] = Fraction(100 * totaal, budget) if budget else None
    k[("financien", "tekst", "budget")] = budget
    k[("financien", "tekst", "bijdrage")] = totaal
    k[("inleiding", "totaal", "gemeenten")] = len(rijen.deelnemers_van(versie_id))
    k[("beslispunten", "totaal", "bijdrage")] = totaal
    k[("ontwerpbesluit", "totaal", "bijdrage")] = totaal
    return k


def oppervlak(inhoud: bytes, naam: str, *, rijen: Rijen, versie_id: int, gemeente: str):
    """How a raadsvoorstel reads back: the lines its template writes for each figure."""
    titels = {o["titel"]: f"opgave:{o['slug']}" for o in rijen.opgaven.values()}
    # a frozen version shows each title as proposed
    titels.update(
        (po["opgave_titel"], f"opgave:{po['opgave__slug']}")
        for po in ProgrammaOpgave.objects.filter(versie_id=versie_id).values(
            "opgave_titel", "opgave__slug"
        )
        if po["opgave_titel"]
    )
    kort: dict[str, list[str]] = {}
    for titel, sleutel in titels.items():
        kort.setdefault(titel.split(":", 1)[0].strip(), []).append(sleutel)
    # the chart names a bar by the title up to its colon (the full title if that is ambiguous)
    labels = {**titels, **{k: v[0] for k, v in kort.items() if len(v) == 1}, "Totaal": "totaal"}
    regelingen = {r["naam"]: f"regeling:{r['naam']}" for r in _regelingen(versie_id)}
    niveaus = "|".join(str(label) for label in Niveau.labels)
    bedrag = r"€ [\d.]+"
    opgaven = {"secties": titels, "begin": "^De opgaven$", "einde": "^Financiële paragraaf$"}
    besluit = rf"^(?P<bijdrage>{bedrag}) op te nemen in de begroting \d{{4}}"
    return PdfTekst(
        inhoud,
        naam,
        tabellen=[
            PdfTabel(
                "financien",
                r"Opgave Budget Bijdrage .+ Aandeel",
                ("budget", "bijdrage", "aandeel"),
                labels,
            ),
            PdfTabel("grafiek", r"Bijdrage .+ per opgave, \d{4}", ("bijdrage",), labels, "^€ 0$"),
        ],
        regels=[
            PdfRegel(
                "beslispunten", besluit, rij="totaal", begin="^Beslispunten$", einde="^Inleiding$"
            ),
            PdfRegel("ontwerpbesluit", besluit, rij="totaal", begin="^Ontwerpbesluit$"),
            PdfRegel(
                "inleiding",
                r"^(?P<gemeenten>\d+) gemeenten werken samen",
                rij="totaal",
                begin="^Inleiding$",
                einde="^De opgaven$",
            ),
            PdfRegel(
                "financien",
                rf"is (?P<bijdrage>{bedrag}), van een programmabudget van (?P<budget>{bedrag})",
                rij="tekst",
                begin="^Financiële paragraaf$",
            ),
            PdfRegel(
                "opgaven", rf"^Bijdrage {gemeente}: (?P<bijdrage>{bedrag})$", "{sectie}", **opgaven
            ),
            PdfRegel(
                "opgaven", rf"^(?P<budget>{bedrag}) voor de hele regio$", "{sectie}", **opgaven
            ),
            PdfRegel("opgaven", r"^(?P<fte>\d+(?:,\d+)? fte)$", "{sectie}", **opgaven),
            PdfRegel(
                "regelingen:{sectie}",
                rf"^(?P<label>.+?) \((?:{niveaus})\): verwachte cofinanciering "
                rf"(?P<cofinanciering>{bedrag})$",
                rijen=regelingen,
                **opgaven,
            ),
        ],
    )


def _gemeenten(rijen: Rijen, versie_id: int) -> list[tuple[str, int, str]]:
    """(slug, id, the name the version shows) of each deelnemer (a first concept has no stored
    deelnemers: it shares over the members, under today's names)."""
    namen = {g.pk: g.naam for g in Gemeente.objects.all()}
    namen.update(
        (d.gemeente_id, d.gemeente_weergave)
        for d in Deelnemer.objects.filter(versie_id=versie_id).select_related("gemeente", "versie")
    )
    return [
        (rijen.gemeenten[d["gemeente_id"]]["slug"], d["gemeente_id"], namen[d["gemeente_id"]])
        for d in rijen.deelnemers_van(versie_id)
    ]


# Read back once as well (pypdf takes about as long to read a PDF as WeasyPrint to make it).
_OPPERVLAK: dict[tuple[int, int, str], PdfTekst] = {}


def _gelezen(rijen: Rijen, jaar: int, nummer: int, slug: str) -> tuple[PdfTekst, int]:
    """The surface of one raadsvoorstel and the id of its gemeente."""
    versie_id = _versie_id(rijen, jaar, nummer)
    _, gemeente_id, naam = next(g for g in _gemeenten(rijen, versie_id) if g[0] == slug)
    if (jaar, nummer, slug) not in _OPPERVLAK:
        _OPPERVLAK[(jaar, nummer, slug)] = oppervlak(
            pdf_van(jaar, nummer, slug),
            f"raadsvoorstel {jaar} v{nummer} {slug}",
            rijen=rijen,
            versie_id=versie_id,
            gemeente=naam,
        )
    return _OPPERVLAK[(jaar, nummer, slug)], gemeente_id


def _klopt(rijen: Rijen, jaar: int, nummer: int, slug: str) -> None:
    opp, gemeente_id = _gelezen(rijen, jaar, nummer, slug)
    klopt(opp, verwacht(rijen, _versie_id(rijen, jaar, nummer), gemeente_id))


SLUGS_2027 = [
    "arnhem",
    "berg-en-dal",
    "beuningen",
    "doesburg",
    "druten",
    "duiven",
    "heumen",
    "lingewaard",
    "montferland",
    "mook-en-middelaar",
    "nijmegen",
    "overbetuwe",
    "renkum",
    "rheden",
    "rozendaal",
    "westervoort",
    "wijchen",
    "zevenaar",
]


def test_de_demo_heeft_achttien_deelnemers_in_2027(rijen):
    versie_id = _versie_id(rijen, 2027, 2)
    assert sorted(g[0] for g in _gemeenten(rijen, versie_id)) == SLUGS_2027
    assert len(SLUGS_2027) == DEELNEMERS_2027


@pytest.mark.parametrize("slug", SLUGS_2027)
def test_raadsvoorstel_2027_elke_gemeente(slug, rijen):
    _klopt(rijen, 2027, 2, slug)


def test_raadsvoorstel_van_een_eerdere_versie(rijen):
    _klopt(rijen, 2027, 1, "nijmegen")


def test_raadsvoorstel_van_het_concept(rijen):
    """A concept shows the bijdragen as computed now (the split is proven on its own)."""
    _klopt(rijen, 2028, 1, "berg-en-dal")


def test_de_achttien_totalen_zijn_samen_het_programmabudget(rijen):
    """Each raadsvoorstel's total, read from its PDF, adds up over the 18 gemeenten to the
    budget of the programme: the sum of its opgaven's budgets, from the raw rows."""
    versie_id = _versie_id(rijen, 2027, 2)
    totalen = {}
    for slug, _, _ in _gemeenten(rijen, versie_id):
        cellen = _gelezen(rijen, 2027, 2, slug)[0].cellen()
        totalen[slug] = lees(cellen[("financien", "totaal", "bijdrage")])
        assert lees(cellen[("beslispunten", "totaal", "bijdrage")]) == totalen[slug]
        assert lees(cellen[("ontwerpbesluit", "totaal", "bijdrage")]) == totalen[slug]
    assert len(totalen) == DEELNEMERS_2027
    assert sum(totalen.values()) == sum(po["budget"] for po in rijen.pos_van(versie_id))
