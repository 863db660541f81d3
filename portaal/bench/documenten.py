"""The documents part of `manage.py bench`: render time and pages per kind of document on the
demo, all raadsvoorstellen of one version, peak memory, a stored repeat download, and
WeasyPrint's own time for a plain document of as many pages as the raadsvoorstel (same
stylesheets, font and PDF/UA variant, through the same `maak_pdf`), with the issue's targets.

Everything runs inside a transaction that is rolled back, and the one document that may be
stored (for the repeat download) goes to a temporary MEDIA_ROOT that is removed afterwards: the
demo database and media stay as they are. Rendering itself (`opslag.render`) stores nothing."""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from programma.documenten import opslag, pdf, soorten
from programma.documenten.models import Document, DocumentSoort
from programma.models import ProgrammaVersie
from regio.models import Gemeente

#: the raadsvoorstel that stands for all: Nijmegen, 2027 version 2 (the demo's round)
JAAR, VERSIE, GEMEENTE = 2027, 2, "nijmegen"
#: the year whose (last frozen) version has a besluitenoverzicht in the demo
BESLUITEN_JAAR = 2026
#: the issue's targets
DOEL_REFERENTIE = 1.5  # raadsvoorstel <= 1.5x a plain document of as many pages
DOEL_DOWNLOAD = 0.05  # a stored repeat download <= 5 % of a render

BREEDTE = 36
KOP = f"{'documenten (teruggedraaid)':<{BREEDTE}}{'pag.':>7}{'p50 ms':>9}{'n':>5}{'kB':>8}  doel"

ZINNEN = (
    "De gemeenten van de regio werken samen aan opgaven die geen gemeente alleen kan dragen.",
    "Het regiobestuur stelt het programma voor en iedere raad beslist voor de eigen gemeente.",
    "De bijdrage van een gemeente volgt uit de verdeelsleutel naar het aantal inwoners.",
    "Een opgave heeft een doel, een resultaat, een budget en een regionaal portefeuillehouder.",
    "De griffie legt het voorstel met het ontwerpbesluit voor aan de gemeenteraad.",
)


class _Terug(Exception):
    """Leaves the transaction of the documents bench, which is always rolled back."""


@dataclass
class _Regel:
    naam: str
    paginas: int | str = ""
    ms: float | None = None
    n: int | str = ""
    kb: int | str = ""
    doel: str = ""

    def __str__(self) -> str:
        ms = "" if self.ms is None else f"{self.ms:.0f}" if self.ms >= 10 else f"{self.ms:.1f}"
        return (
            f"{self.naam:<{BREEDTE}}{self.paginas!s:>7}{ms:>9}{self.n!s:>5}{self.kb!s:>8}"
            f"  {self.doel}"
        ).rstrip()


@dataclass
class _Meting:
    regels: list[str] = field(default_factory=list)

    def regel(self, *args, **kwargs) -> None:
        self.regels.append(str(_Regel(*args, **kwargs)))

    def tekst(self, tekst: str) -> None:
        self.regels.append(tekst)


def _keer(functie: Callable[[], tuple[bytes, int]], n: int) -> tuple[list[float], bytes, int]:
    """Run `functie` n times: its times in ms, and the bytes and pages of the last run."""
    tijden = []
    inhoud, paginas = b"", 0
    for _ in range(n):
        begin = time.perf_counter()
        inhoud, paginas = functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return tijden, inhoud, paginas


def _render(code: str, versie: ProgrammaVersie, gemeente: Gemeente | None):
    soort = soorten.soort(code)

    def render() -> tuple[bytes, int]:
        inhoud, paginas, _ = opslag.render(soort, versie, gemeente)
        return inhoud, paginas

    return render


def platte_html(alineas: int) -> str:
    """A plain document: a title and `alineas` paragraphs of ordinary Dutch prose."""
    tekst = "".join(
        "<p>" + " ".join(ZINNEN[(i + j) % len(ZINNEN)] for j in range(4)) + "</p>"
        for i in range(alineas)
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        "<title>Referentie</title></head>"
        f'<body class="document"><h1>Referentie</h1>{tekst}</body></html>'
    )


def _platte_pdf(alineas: int) -> tuple[bytes, int]:
    return pdf.maak_pdf(platte_html(alineas), titel="Referentie", auteur=opslag.AUTEUR)


def _platte_pdf_van(alineas: int) -> Callable[[], tuple[bytes, int]]:
    html = platte_html(alineas)
    return lambda: pdf.maak_pdf(html, titel="Referentie", auteur=opslag.AUTEUR)


def _minste_alineas(paginas: int) -> int:
    """The fewest paragraphs at which the plain document reaches `paginas` pages."""
    laag, hoog = 0, 1
    while _platte_pdf(hoog)[1] < paginas:
        laag, hoog = hoog, hoog * 2
    while hoog - laag > 1:  # pages(laag) < paginas <= pages(hoog)
        midden = (laag + hoog) // 2
        if _platte_pdf(midden)[1] < paginas:
            laag = midden
        else:
            hoog = midden
    return hoog


def alineas_voor(paginas: int) -> int:
    """The most paragraphs that still make `paginas` pages: paragraphs are added until the
    page count matches and the last page is full, as a document's pages are (with the fewest,
    the last page would hold one paragraph and a one-page reference next to nothing)."""
    return max(_minste_alineas(paginas + 1) - 1, 1)


def max_rss_mb() -> float:
    """The process's peak resident memory so far (kB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _doel(gehaald: bool, wat: str) -> str:
    return f"{wat}  {'gehaald' if gehaald else 'NIET GEHAALD'}"


def meet(*, renders: int = 5, downloads: int = 20, voorstellen: int | None = None) -> list[str]:
    """The lines of the documents part of the bench table. `voorstellen` limits the "all
    raadsvoorstellen" row (tests, the national scale); None renders every deelnemer."""
    meting = _Meting()
    if not pdf.beschikbaar():
        meting.tekst(f"documenten: niet gemeten: {_fout()}")
        return meting.regels
    rss_voor = max_rss_mb()
    try:
        with transaction.atomic():
            _meet(meting, renders, downloads, voorstellen)
            raise _Terug
    except _Terug:
        pass
    except Exception as fout:  # a refusal is a result of the bench, not a crash
        meting.tekst(f"documenten: niet gemeten: {type(fout).__name__}: {fout}")
    meting.tekst(
        f"{'max RSS van het proces':<{BREEDTE}}{max_rss_mb():>16.0f} MB "
        f"(voor de documenten {rss_voor:.0f} MB)"
    )
    return meting.regels


def _fout() -> str:
    try:
        pdf.maak_pdf("<p></p>", titel="", auteur="")
    except pdf.PdfNietBeschikbaar as fout:
        return str(fout)
    return ""


def _meet(meting: _Meting, renders: int, downloads: int, voorstellen: int | None) -> None:
    from programma.selectors import deelnemers_van

    versie = ProgrammaVersie.objects.select_related("jaarprogramma").get(
        jaarprogramma__jaar=JAAR, nummer=VERSIE
    )
    gemeente = Gemeente.objects.get(slug=GEMEENTE)
    raadsvoorstel = _render(DocumentSoort.RAADSVOORSTEL, versie, gemeente)
    naam_rv = f"raadsvoorstel {gemeente.naam} {JAAR} v{VERSIE}"

    # The first render of the process loads WeasyPrint, parses the stylesheets and the font.
    koud, _, paginas = _keer(raadsvoorstel, 1)
    meting.regel("eerste render (WeasyPrint laden)", paginas, koud[0], 1)

    # The raadsvoorstel and its reference alternate, and the ratio is the median of the ratios
    # of each pair: on a shared machine the load changes from one second to the next.
    alineas = alineas_voor(paginas)
    referentie = _platte_pdf_van(alineas)
    tijden, tijden_ref, verhoudingen = [], [], []
    for _ in range(renders):
        [ms], inhoud, paginas_rv = _keer(raadsvoorstel, 1)
        [ms_ref], inhoud_ref, paginas_ref = _keer(referentie, 1)
        tijden.append(ms)
        tijden_ref.append(ms_ref)
        verhoudingen.append(ms / ms_ref)
    render_ms = statistics.median(tijden)
    meting.regel(naam_rv, paginas_rv, render_ms, renders, len(inhoud) // 1024)
    soort = soorten.soort(DocumentSoort.RAADSVOORSTEL)
    html_tijden, queries = [], []
    for _ in range(renders):
        with CaptureQueriesContext(connection) as gevangen:
            begin = time.perf_counter()
            opslag.html_van(soort, versie, gemeente)
            html_tijden.append((time.perf_counter() - begin) * 1000)
        queries.append(len(gevangen))
    meting.regel(
        "  waarvan HTML (context + sjabloon)",
        "",
        statistics.median(html_tijden),
        doel=f"{max(queries)} queries",
    )

    _programma_en_besluiten(meting, versie, renders)

    deelnemers = [d.gemeente for d in deelnemers_van(versie)][:voorstellen]
    paginas_alle, kb_alle, begin = 0, 0, time.perf_counter()
    for g in deelnemers:
        inhoud, paginas = _render(DocumentSoort.RAADSVOORSTEL, versie, g)()
        paginas_alle += paginas
        kb_alle += len(inhoud) // 1024
    alle_ms = (time.perf_counter() - begin) * 1000
    meting.regel(
        f"{len(deelnemers)} raadsvoorstellen {JAAR} v{VERSIE} (samen)",
        paginas_alle,
        alle_ms,
        len(deelnemers),
        kb_alle,
        f"{alle_ms / max(len(deelnemers), 1):.0f} ms per stuk",
    )

    meting.regel(
        f"referentie: platte tekst ({alineas} al.)",
        paginas_ref,
        statistics.median(tijden_ref),
        renders,
        len(inhoud_ref) // 1024,
        "volle pagina's; zelfde CSS, font, PDF/UA-1",
    )
    verhouding = statistics.median(verhoudingen)
    meting.regel(
        f"raadsvoorstel / referentie: {verhouding:.2f}x",
        doel=_doel(verhouding <= DOEL_REFERENTIE, f"<= {DOEL_REFERENTIE}x"),
    )

    tracemalloc.start()
    try:
        raadsvoorstel()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    meting.tekst(
        f"{'piekgeheugen één raadsvoorstel':<{BREEDTE}}{piek / 1024 / 1024:>16.1f} MB "
        "(tracemalloc: Python-objecten, niet Pango/cairo)"
    )

    _download(meting, versie, gemeente, downloads, render_ms)


def _programma_en_besluiten(meting: _Meting, versie: ProgrammaVersie, renders: int) -> None:
    meetbaar = [(DocumentSoort.PROGRAMMA, versie, f"programmadocument {JAAR} v{VERSIE}")]
    besluiten = (
        ProgrammaVersie.objects.bevroren()
        .select_related("jaarprogramma")
        .filter(jaarprogramma__jaar=BESLUITEN_JAAR)
        .order_by("-nummer")
        .first()
    )
    if besluiten is not None:
        meetbaar.append(
            (
                DocumentSoort.BESLUITEN,
                besluiten,
                f"besluitenoverzicht {BESLUITEN_JAAR} v{besluiten.nummer}",
            )
        )
    for code, v, naam in meetbaar:
        try:
            soort = soorten.soort(code)
        except KeyError:
            meting.tekst(f"{naam:<{BREEDTE}} niet gemeten: deze soort is niet geregistreerd")
            continue
        if not soort.bestaat_voor(v):
            meting.tekst(f"{naam:<{BREEDTE}} niet gemeten: bestaat niet voor deze versie")
            continue
        tijden, inhoud, paginas = _keer(_render(code, v, None), renders)
        meting.regel(naam, paginas, statistics.median(tijden), renders, len(inhoud) // 1024)


def _download(meting, versie, gemeente, downloads: int, render_ms: float) -> None:
    """GET a stored raadsvoorstel as a visitor would (the Django test client, through every
    middleware), and once more with its ETag. Stored already (someone opened it in `make run`):
    that file, read only; otherwise it is stored now in a temporary MEDIA_ROOT (its row goes
    with the rollback)."""
    soort = soorten.soort(DocumentSoort.RAADSVOORSTEL)
    opgeslagen = Document.objects.filter(
        soort=soort.code, versie=versie, gemeente=gemeente, stand=soort.stand_van(versie)
    ).exists()
    with tempfile.TemporaryDirectory(prefix="bench-media-") as media:
        media_root = {} if opgeslagen else {"MEDIA_ROOT": media}
        with override_settings(ALLOWED_HOSTS=["testserver"], **media_root):
            _download_gemeten(meting, gemeente, downloads, render_ms)


def _download_gemeten(meting, gemeente, downloads: int, render_ms: float) -> None:
    url = f"/programma/{JAAR}/v{VERSIE}/raadsvoorstel/{gemeente.slug}.pdf"
    client = Client()
    eerste = client.get(url)  # stores it, if it is not stored yet
    if eerste.status_code != 200:
        meting.tekst(f"herhaalde download: niet gemeten: {url} gaf {eerste.status_code}")
        return
    tijden, tijden_304 = [], []
    for _ in range(downloads):
        begin = time.perf_counter()
        response = client.get(url)
        tijden.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    etag = eerste["ETag"]
    for _ in range(downloads):
        begin = time.perf_counter()
        response = client.get(url, headers={"If-None-Match": etag})
        tijden_304.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 304
    download_ms = statistics.median(tijden)
    aandeel = download_ms / render_ms
    meting.regel(
        "herhaalde download (opgeslagen)",
        "",
        download_ms,
        downloads,
        len(eerste.content) // 1024,
        _doel(aandeel <= DOEL_DOWNLOAD, f"{aandeel:.1%} van een render, <= {DOEL_DOWNLOAD:.0%}"),
    )
    meting.regel("  met If-None-Match (304)", "", statistics.median(tijden_304), downloads)
