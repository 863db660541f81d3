"""The programme document and the besluitenoverzicht as surfaces: each PDF is read back with
pypdf and every figure it shows is compared, cell by cell, with the figures recomputed from the
raw rows (tests/reconciliatie/verwacht.py): every bijdrage of every gemeente to every opgave,
the row and column totals, the grand total; the coverage per opgave and per gemeente, the state
of every cell of the decision matrix, and the votes per fractie of every confirmed stemming.

The PDF's text is read line by line (pypdf keeps a table row on one line, a cell that wraps
before the cells after it); the small readers below know the layout of these two documents
only. `pdf_van` keeps each rendered document of the demo for the session: the demo is the same
in every test, and a render takes seconds."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from programma.models import Deelnemer
from regio.models import Gemeente
from tests.reconciliatie.oppervlak import Oppervlak, Sleutel, klopt
from tests.reconciliatie.verwacht import Rijen, Ronde

# --- reading a PDF back -------------------------------------------------------------------

#: the running header and footer of every page (templates/documenten/basis.html)
_LOPEND = re.compile(
    r"^((Besluitenoverzicht · )?Jaarprogramma \d{4} · versie \d+|Vingerafdruk |Concept: nog niet)"
)
_GETAL = r"\d{1,3}(?:\.\d{3})*"

_GEMAAKT: dict[tuple[str, str], bytes] = {}


def pdf_van(url: str, gebruiker: str | None = None) -> bytes:
    """The PDF a URL serves (to `gebruiker`, or anonymously), rendered once per session."""
    sleutel = (url, gebruiker or "")
    if sleutel not in _GEMAAKT:
        client = Client()
        if gebruiker:
            client.force_login(get_user_model().objects.get(username=gebruiker))
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response["Content-Type"] == "application/pdf"
        _GEMAAKT[sleutel] = response.content
    return _GEMAAKT[sleutel]


def paginas(inhoud: bytes) -> list[str]:
    """The text of every page."""
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(inhoud)).pages]


def regels(inhoud: bytes) -> list[str]:
    """Every line of the document's text, without the running header and footer."""
    uit = []
    for tekst in paginas(inhoud):
        uit += [r.strip() for r in tekst.splitlines() if r.strip() and not _LOPEND.match(r)]
    return uit


def _naam_voorop(regel: str, namen: list[str]) -> tuple[str, str] | None:
    """(name, rest) if the line starts with one of the names (the longest that fits)."""
    for naam in sorted(namen, key=len, reverse=True):
        if regel == naam or regel.startswith(naam + " "):
            return naam, regel[len(naam) :].strip()
    return None


# --- the programme document ----------------------------------------------------------------


class ProgrammaPdf(Oppervlak):
    """The bijdragen table of a programme document (in one part or more): per gemeente its
    inwoners, its bijdrage to each opgave and its total; per opgave the column total; the grand
    total. `gemeenten` maps the names the document shows to slugs; `opgaven` lists the opgave
    slugs in the document's numbering (1, 2, ...)."""

    def __init__(self, inhoud: bytes, *, gemeenten: dict[str, str], opgaven: list[str], naam):
        self.naam = naam
        self._cellen: dict[Sleutel, str] = {}
        self._dubbel: list[Sleutel] = []
        kolommen: list[int] | None = None
        totaal = False
        for regel in regels(inhoud):
            if m := re.fullmatch(r"Gemeente Inwoners((?: \d+)+)( Totaal)?", regel):
                kolommen = [int(n) for n in m.group(1).split()]
                totaal = bool(m.group(2))
                continue
            if kolommen is None:
                continue
            gevonden = _naam_voorop(regel, [*gemeenten, "Totaal"])
            if gevonden is None:
                continue
            naam_rij, rest = gevonden
            getallen = re.findall(_GETAL, rest)
            if " ".join(getallen) != rest:
                continue
            if naam_rij == "Totaal":
                rij, verwacht_aantal = "totaal", len(kolommen) + totaal
            else:
                rij, verwacht_aantal = f"gemeente:{gemeenten[naam_rij]}", 1 + len(kolommen) + totaal
                self._zet(("bijdragen", rij, "inwoners"), getallen.pop(0))
            assert len(getallen) == verwacht_aantal - (rij != "totaal"), (regel, kolommen)
            for nummer, getal in zip(kolommen, getallen, strict=False):
                self._zet(("bijdragen", rij, f"opgave:{opgaven[nummer - 1]}"), getal)
            if totaal:
                self._zet(("bijdragen", rij, "totaal"), getallen[-1])

    def _zet(self, sleutel: Sleutel, tekst: str) -> None:
        if sleutel in self._cellen and self._cellen[sleutel] != tekst:
            self._dubbel.append(sleutel)
        self._cellen[sleutel] = tekst

    def cellen(self) -> dict[Sleutel, str]:
        return dict(self._cellen)

    def dubbel(self) -> list[Sleutel]:
        return list(self._dubbel)


def volgorde(rijen: Rijen, versie_id: int) -> list[dict]:
    """The opgaven of a version in the programme's order (thema, rank, title): the numbering
    of both documents."""
    return sorted(
        rijen.pos_van(versie_id),
        key=lambda po: (
            rijen.themas[rijen.opgaven[po["opgave_id"]]["thema_id"]]["volgorde"],
            po["rangorde"],
            rijen.opgaven[po["opgave_id"]]["titel"],
        ),
    )


def gemeentenamen(rijen: Rijen, versie_id: int) -> dict[str, str]:
    """The name each deelnemer has in the version's documents -> its slug (raw rows): the name
    stored at the proposal, or (a concept) the gemeente's name now."""
    opgeslagen = {
        d["gemeente_id"]: d["gemeente_naam"]
        for d in Deelnemer.objects.filter(versie_id=versie_id).values(
            "gemeente_id", "gemeente_naam"
        )
    }
    namen = dict(Gemeente.objects.values_list("pk", "naam"))
    uit = {}
    for d in rijen.deelnemers_van(versie_id):
        g = d["gemeente_id"]
        naam = opgeslagen.get(g) if rijen.bevroren(versie_id) else None
        uit[naam or namen[g]] = rijen.gemeenten[g]["slug"]
    return uit


def verwachte_bijdragen(rijen: Rijen, versie_id: int) -> dict[Sleutel, object]:
    """Every cell of the bijdragen table from the raw Bijdrage rows; the column totals are the
    opgaven's budgets and the grand total their sum."""
    pos = rijen.pos_van(versie_id)
    bijdragen = rijen.bijdragen_van(versie_id)
    k: dict[Sleutel, object] = {}
    for d in rijen.deelnemers_van(versie_id):
        g = d["gemeente_id"]
        rij = f"gemeente:{rijen.gemeenten[g]['slug']}"
        k[("bijdragen", rij, "inwoners")] = d["inwoners"]
        for po in pos:
            k[("bijdragen", rij, f"opgave:{rijen.slug(po)}")] = bijdragen.get((po["pk"], g), 0)
        k[("bijdragen", rij, "totaal")] = sum(bijdragen.get((po["pk"], g), 0) for po in pos)
    for po in pos:
        k[("bijdragen", "totaal", f"opgave:{rijen.slug(po)}")] = po["budget"]
    k[("bijdragen", "totaal", "totaal")] = sum(po["budget"] for po in pos)
    return k


def controleer_programma(inhoud: bytes, versie_id: int, naam: str) -> ProgrammaPdf:
    """The document's bijdragen table equals the raw rows, cell by cell; every opgave title is
    in it, numbered in the programme's order."""
    rijen = Rijen.lees()
    opgaven = volgorde(rijen, versie_id)
    tekst = "\n".join(paginas(inhoud))
    platte_tekst = " ".join(tekst.split())
    for nummer, po in enumerate(opgaven, start=1):
        titel = rijen.opgaven[po["opgave_id"]]["titel"]
        # the contents on the first page: "<n> <titel> ..... <page>"
        assert f"{nummer} {titel}" in platte_tekst, titel
    # the key above the bijdragen table names the opgaven in the order of its columns
    sleutel = platte_tekst[platte_tekst.index("Bijdragen per gemeente Bijdrage van") :]
    plaatsen = [sleutel.index(rijen.opgaven[po["opgave_id"]]["titel"]) for po in opgaven]
    assert plaatsen == sorted(plaatsen)
    oppervlak = ProgrammaPdf(
        inhoud,
        gemeenten=gemeentenamen(rijen, versie_id),
        opgaven=[rijen.slug(po) for po in opgaven],
        naam=naam,
    )
    klopt(oppervlak, verwachte_bijdragen(rijen, versie_id))
    return oppervlak


def _versie_id(rijen: Rijen, jaar: int, nummer: int) -> int:
    return next(
        vid for vid, v in rijen.versies.items() if rijen.jaar(vid) == jaar and v["nummer"] == nummer
    )


def test_bijdragen_van_het_programmadocument_cel_voor_cel(demo):
    rijen = Rijen.lees()
    versie_id = _versie_id(rijen, 2027, 2)
    url = "/programma/2027/programma.pdf"
    oppervlak = controleer_programma(pdf_van(url), versie_id, url)
    # every gemeente and every opgave: nothing was silently skipped by the reader
    assert (
        len(oppervlak.cellen())
        == (len(rijen.deelnemers_van(versie_id)) + 1) * (len(rijen.pos_van(versie_id)) + 2) - 1
    )


def test_bijdragen_van_een_concept_cel_voor_cel(demo):
    """The preview of the 2028 concept: its bijdragen as computed now, cell by cell."""
    rijen = Rijen.lees()
    versie_id = _versie_id(rijen, 2028, 1)
    url = "/programma/2028/programma.pdf"
    controleer_programma(pdf_van(url, "regiobestuur"), versie_id, url)


# --- the besluitenoverzicht ------------------------------------------------------------------

_CEL = r"opnieuw \((?:ja|nee)\)|uitgesteld|nee|ja|–"
_KOP_RAAD = re.compile(r"^Raadsvergadering(en)? van ")


class BesluitenPdf(Oppervlak):
    """The figures of a besluitenoverzicht: the key figures, the coverage per opgave, per
    gemeente its decisions and its toegezegd total; `standen` the word in every cell of the
    matrix, `stemmen` the votes per fractie of every stemming."""

    def __init__(self, inhoud: bytes, *, gemeenten: dict[str, str], opgaven: list[str], naam):
        self.naam = naam
        self._cellen: dict[Sleutel, str] = {}
        self.standen: dict[tuple[str, str], str] = {}
        #: gemeente slug -> list of (opgave slug, {fractie: "v/t/n"}, "v/t/n" total, uitkomst)
        self.stemmen: dict[str, list[tuple[str, dict[str, str], str, str]]] = {}
        lijst = regels(inhoud)
        self._kern(lijst)
        self._dekking(lijst, opgaven)
        self._matrix(lijst, gemeenten, opgaven)
        self._stemmen(lijst, gemeenten, opgaven)

    def _kern(self, lijst: list[str]) -> None:
        i = next(i for i, r in enumerate(lijst) if r.startswith("Budget ") and "gedekt" in r)
        m = re.fullmatch(
            rf"€\s({_GETAL}) €\s({_GETAL}) (\d+,\d\s%) (\d+) van \d+(?: (\d+))? (\d+)", lijst[i + 1]
        )
        assert m, lijst[i + 1]
        k = ("dekking-kern", "totaal")
        self._cellen[(*k, "budget")] = f"€ {m.group(1)}"
        self._cellen[(*k, "gedekt")] = f"€ {m.group(2)}"
        self._cellen[(*k, "procent")] = m.group(3)
        self._cellen[(*k, "gedekte_opgaven")] = m.group(4)
        if m.group(5) is not None:
            self._cellen[(*k, "open_besluiten")] = m.group(5)
        self._cellen[(*k, "stemmingen")] = m.group(6)

    def _dekking(self, lijst: list[str], opgaven: list[str]) -> None:
        begin = next(
            i
            for i, r in enumerate(lijst)
            if re.fullmatch(r"Nr\. Opgave Budget Gedekt % Ja Nee Open (Uitkomst|Stand)", r)
        )
        patroon = re.compile(
            rf"€\s({_GETAL}) €\s({_GETAL}) (\d+,\d\s%) (\d+) (\d+) (\d+) (gedekt|niet gedekt|nog "
            r"niet gedekt|–)$"
        )
        nummer = 0
        for regel in lijst[begin + 1 :]:
            if m := re.fullmatch(
                rf"Totaal €\s({_GETAL}) €\s({_GETAL}) (\d+,\d\s%) (\d+) van \d+ opgaven gedekt",
                regel,
            ):
                for kolom, waarde in zip(
                    ("budget", "gedekt", "procent"),
                    (f"€ {m.group(1)}", f"€ {m.group(2)}", m.group(3)),
                    strict=True,
                ):
                    self._cellen[("dekking", "totaal", kolom)] = waarde
                break
            if m := patroon.search(regel):
                rij = f"opgave:{opgaven[nummer]}"
                nummer += 1
                for kolom, waarde in zip(
                    ("budget", "gedekt", "procent", "ja", "nee", "open"),
                    (f"€ {m.group(1)}", f"€ {m.group(2)}", *m.group(3, 4, 5, 6)),
                    strict=True,
                ):
                    self._cellen[("dekking", rij, kolom)] = waarde
                self.standen[("uitkomst", opgaven[nummer - 1])] = m.group(7)
        assert nummer == len(opgaven)

    def _matrix(self, lijst: list[str], gemeenten: dict[str, str], opgaven: list[str]) -> None:
        kop = "Gemeente " + " ".join(str(n) for n in range(1, len(opgaven) + 1))
        begin = next(i for i, r in enumerate(lijst) if r.startswith(kop + " Besloten"))
        eind = next(
            i for i, r in enumerate(lijst) if i > begin and r.startswith(("Nu gedekt", "Opgave"))
        )
        # a row whose cells wrap spans several lines: split the rows on the gemeente names
        tekst = " ".join(lijst[begin + 1 : eind])
        plaatsen = sorted((tekst.index(naam + " "), naam) for naam in gemeenten)
        for (begin_rij, naam), (eind_rij, _) in zip(
            plaatsen, [*plaatsen[1:], (len(tekst), "")], strict=True
        ):
            stuk = tekst[begin_rij + len(naam) : eind_rij].rstrip()
            m = re.fullmatch(rf"((?: (?:{_CEL}))+) (\d+) €\s({_GETAL})", stuk)
            assert m, stuk
            woorden = re.findall(_CEL, m.group(1))
            assert len(woorden) == len(opgaven), stuk
            slug = gemeenten[naam]
            for opgave, woord in zip(opgaven, woorden, strict=True):
                self.standen[(slug, opgave)] = woord
            self._cellen[("matrix", f"gemeente:{slug}", "besloten")] = m.group(2)
            self._cellen[("dekking", "totaal", f"gemeente:{slug}")] = f"€ {m.group(3)}"
        voet = lijst[eind]
        m = re.fullmatch(
            rf"(?:Nu gedekt|Opgave gedekt)((?: (?:nog niet|ja|nee))+) €\s({_GETAL})", voet
        )
        assert m, voet
        woorden = re.findall(r"nog niet|ja|nee", m.group(1))
        for opgave, woord in zip(opgaven, woorden, strict=True):
            self.standen[("gedekt", opgave)] = woord
        self._cellen[("matrix", "totaal", "toegezegd")] = f"€ {m.group(2)}"

    def _stemmen(self, lijst: list[str], gemeenten: dict[str, str], opgaven: list[str]) -> None:
        i = 0
        while i < len(lijst):
            if lijst[i] in gemeenten and i + 1 < len(lijst) and _KOP_RAAD.match(lijst[i + 1]):
                slug = gemeenten[lijst[i]]
                kop = lijst[i + 2]
                assert kop.startswith("Fractie (leden) "), kop
                nummers = [int(n) for n in kop.removeprefix("Fractie (leden) ").split()]
                j = i + 3
                if lijst[j].startswith("Vergaderdatum "):
                    j += 1
                rijen_tekst = []
                while not lijst[j].startswith("Totaal "):
                    if lijst[j] != kop:  # a header repeated on a next page
                        rijen_tekst.append(lijst[j])
                    j += 1
                cel = r"\d+/\d+/\d+|–"
                fracties_per_kolom: list[dict[str, str]] = [{} for _ in nummers]
                for m in re.finditer(
                    rf"(\S.*?) \((\d+)\)((?: (?:{cel})){{{len(nummers)}}})(?= |$)",
                    " ".join(rijen_tekst),
                ):
                    for k, waarde in enumerate(re.findall(cel, m.group(3))):
                        if waarde != "–":
                            fracties_per_kolom[k][m.group(1)] = waarde
                totalen = lijst[j].removeprefix("Totaal ").split()
                uitkomsten = re.findall(
                    r"aangenomen|verworpen|uitgesteld|geen quorum",
                    lijst[j + 1].removeprefix("Uitkomst "),
                )
                assert len(totalen) == len(uitkomsten) == len(nummers), lijst[j : j + 2]
                self.stemmen[slug] = [
                    (opgaven[n - 1], f, t, u)
                    for n, f, t, u in zip(
                        nummers, fracties_per_kolom, totalen, uitkomsten, strict=True
                    )
                ]
                i = j + 2
            else:
                i += 1

    def cellen(self) -> dict[Sleutel, str]:
        return dict(self._cellen)


def _slug_van_po(ronde: Ronde) -> dict[int, str]:
    return {p["pk"]: ronde.opgaven[p["opgave_id"]]["slug"] for p in ronde.pos}


def verwachte_besluiten(ronde: Ronde, versie_id: int) -> tuple[dict, dict, dict]:
    """(figures, words, votes) the besluitenoverzicht should show, from the raw rows. A cell
    shows confirmed decisions only: a running vote is not in it."""
    figuren, _ = ronde.dekking(versie_id)
    gesloten = ronde.jaar_van(versie_id)["status"] != "voorgesteld"
    versie = ronde.versies[versie_id]
    vervangen = any(
        v["jaarprogramma_id"] == versie["jaarprogramma_id"]
        and v["nummer"] > versie["nummer"]
        and v["bevroren_op"] is not None
        for v in ronde.versies.values()
    )
    if vervangen:  # a replaced version has no decisions open any more
        figuren.pop(("dekking-kern", "totaal", "open_besluiten"), None)
    slug_van = _slug_van_po(ronde)
    hier = [p for p in ronde.pos if p["versie_id"] == versie_id]
    gemeenten = [d["gemeente_id"] for d in ronde.deelnemers if d["versie_id"] == versie_id]
    bevestigd = [s for s in ronde.stemmingen if s["versie_id"] == versie_id and s["bevestigd_op"]]
    standen = ronde.standen(versie_id)
    woorden: dict = {}
    for po in hier:
        ja = nee = 0
        for g in gemeenten:
            stand, eerder = standen[(po["pk"], g)]
            if stand in ("open", "gesloten"):
                # not in the document: what the confirmed votes say instead
                gestaakt = any(
                    s["uitkomst"] == "uitgesteld"
                    and s["gemeente_id"] == g
                    and s["programma_opgave_id"] == po["pk"]
                    for s in bevestigd
                )
                stand = "uitgesteld" if gestaakt else "geen"
                eerder = ronde_eerder(ronde, versie_id, po, g)
                if stand == "geen" and eerder is not None:
                    stand = "opnieuw"
            woord = {"ja": "ja", "nee": "nee", "uitgesteld": "uitgesteld", "geen": "–"}.get(stand)
            if stand == "opnieuw":
                woord = f"opnieuw ({'ja' if eerder else 'nee'})"
            woorden[(ronde.gemeenten[g]["slug"], slug_van[po["pk"]])] = woord
            ja += stand == "ja"
            nee += stand == "nee"
        rij = f"opgave:{slug_van[po['pk']]}"
        figuren[("dekking", rij, "ja")] = ja
        figuren[("dekking", rij, "nee")] = nee
        figuren[("dekking", rij, "open")] = len(gemeenten) - ja - nee
        gedekt = figuren[("dekking", rij, "gedekt")] >= po["budget"]
        d = ronde.dekkingen.get(po["pk"])
        if gesloten:
            uitkomst = "–" if d is None else ("gedekt" if d["gedekt"] else "niet gedekt")
        elif gedekt:
            uitkomst = "gedekt"
        else:
            uitkomst = "niet gedekt" if vervangen else "nog niet gedekt"
        if gesloten and d is not None:
            gedekt = d["gedekt"]
        woorden[("uitkomst", slug_van[po["pk"]])] = uitkomst
        woorden[("gedekt", slug_van[po["pk"]])] = (
            "ja" if gedekt else ("nee" if gesloten or vervangen else "nog niet")
        )
    for g in gemeenten:
        besloten = sum(
            1
            for po in hier
            if woorden[(ronde.gemeenten[g]["slug"], slug_van[po["pk"]])] in ("ja", "nee")
        )
        figuren[("matrix", f"gemeente:{ronde.gemeenten[g]['slug']}", "besloten")] = besloten
    figuren[("matrix", "totaal", "toegezegd")] = figuren[("dekking", "totaal", "gedekt")]
    figuren[("dekking-kern", "totaal", "stemmingen")] = len(bevestigd)
    stemmen: dict[str, list] = defaultdict(list)
    for s in bevestigd:
        rijen = [r for r in ronde.stemmen if r["stemming_id"] == s["pk"]]
        per_fractie: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in rijen:
            per_fractie[r["fractie_naam"]][
                ("voor", "tegen", "niet_deelgenomen").index(r["keuze"])
            ] += 1
        totaal = [sum(v[i] for v in per_fractie.values()) for i in range(3)]
        stemmen[ronde.gemeenten[s["gemeente_id"]]["slug"]].append(
            (
                s,
                slug_van[s["programma_opgave_id"]],
                {f: "/".join(map(str, v)) for f, v in per_fractie.items()},
                "/".join(map(str, totaal)),
            )
        )
    return figuren, woorden, stemmen


def ronde_eerder(ronde: Ronde, versie_id: int, po: dict, g: int) -> bool | None:
    """The decision of gemeente g on this opgave in the newest older version of the year."""
    versie = ronde.versies[versie_id]
    pos = {p["pk"]: p for p in ronde.pos}
    ouder = [
        (ronde.versies[pos[b["programma_opgave_id"]]["versie_id"]]["nummer"], b["deelname"])
        for b in ronde.besluiten
        if b["gemeente_id"] == g
        and pos[b["programma_opgave_id"]]["opgave_id"] == po["opgave_id"]
        and ronde.versies[pos[b["programma_opgave_id"]]["versie_id"]]["jaarprogramma_id"]
        == versie["jaarprogramma_id"]
        and ronde.versies[pos[b["programma_opgave_id"]]["versie_id"]]["nummer"] < versie["nummer"]
    ]
    return max(ouder)[1] if ouder else None


def controleer_besluiten(inhoud: bytes, jaar: int, nummer: int, naam: str) -> BesluitenPdf:
    """The besluitenoverzicht equals the raw rows: every figure, every cell's word, every vote
    per fractie of every confirmed stemming."""
    rijen, ronde = Rijen.lees(), Ronde.lees()
    versie_id = _versie_id(rijen, jaar, nummer)
    opgaven = [rijen.slug(po) for po in volgorde(rijen, versie_id)]
    oppervlak = BesluitenPdf(
        inhoud, gemeenten=gemeentenamen(rijen, versie_id), opgaven=opgaven, naam=naam
    )
    figuren, woorden, stemmen = verwachte_besluiten(ronde, versie_id)
    klopt(oppervlak, figuren)
    verschillen = [
        f"{naam} {sleutel}: toont {oppervlak.standen.get(sleutel)!r}, verwacht {woord!r}"
        for sleutel, woord in sorted(woorden.items())
        if oppervlak.standen.get(sleutel) != woord
    ]
    assert not verschillen, "\n".join(verschillen[:40])
    assert set(oppervlak.stemmen) == set(stemmen)
    nummers = {slug: i for i, slug in enumerate(opgaven)}
    for slug, verwacht in stemmen.items():
        verwacht.sort(key=lambda t: (nummers[t[1]], t[0]["geopend_op"], t[0]["pk"]))
        getoond = oppervlak.stemmen[slug]
        assert [(o, f, t) for o, f, t, _ in getoond] == [(o, f, t) for _, o, f, t in verwacht], slug
        assert [u for *_, u in getoond] == [
            {
                "aangenomen": "aangenomen",
                "verworpen": "verworpen",
                "uitgesteld": "uitgesteld",
                "geen_quorum": "geen quorum",
            }[s["uitkomst"]]
            for s, *_ in verwacht
        ], slug
    return oppervlak


@pytest.mark.parametrize(
    ("jaar", "nummer", "url"),
    [
        (2026, 1, "/programma/2026/besluiten.pdf"),
        (2027, 2, "/programma/2027/besluiten.pdf"),
        # the replaced version: Rozendaal decided on it before the correction
        (2027, 1, "/programma/2027/v1/besluiten.pdf"),
    ],
)
def test_besluitenoverzicht_cel_voor_cel(demo, jaar, nummer, url):
    oppervlak = controleer_besluiten(pdf_van(url), jaar, nummer, url)
    # the reader saw every raad that confirmed a vote
    assert oppervlak.stemmen
