"""HTML to PDF/UA with WeasyPrint. WeasyPrint (and Pango below it) is imported only inside the
functions that render: the rest of the portal never needs it, not even at import time."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from django.conf import settings

#: the project's own stylesheet and font files (static/documenten/, static/fonts/): no download
#: at run time, the same font on every machine
BASIS = Path(settings.BASE_DIR) / "static" / "documenten"
#: document.css first (page, font, shared parts), then one stylesheet per kind
STIJLEN = [
    BASIS / "document.css",
    *sorted(p for p in BASIS.glob("*.css") if p.name != "document.css"),
]

INSTALLATIE = "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


# Pango and fontconfig are not thread-safe, and the font configuration is shared: one render at a
# time per process (a threaded runserver, a worker with threads).
_RENDER = threading.Lock()


class PdfNietBeschikbaar(RuntimeError):
    """WeasyPrint cannot load here (Pango missing): the command that fixes it is in the text."""


@functools.cache
def _weasyprint():
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except OSError as fout:  # Pango or HarfBuzz missing: cffi cannot open the library
        raise PdfNietBeschikbaar(
            f"WeasyPrint kan Pango niet laden ({fout}). Installeer het met: {INSTALLATIE}"
        ) from fout
    return weasyprint, FontConfiguration


def beschikbaar() -> bool:
    """Whether PDFs can be made on this machine."""
    try:
        _weasyprint()
    except PdfNietBeschikbaar:
        return False
    return True


@functools.cache
def _stijl():
    weasyprint, FontConfiguration = _weasyprint()
    fonts = FontConfiguration()
    return [weasyprint.CSS(filename=str(p), font_config=fonts) for p in STIJLEN], fonts


def maak_pdf(
    html: str,
    *,
    titel: str,
    auteur: str,
    onderwerp: str = "",
    extra: dict[str, str] | None = None,
    variant: str | None = "pdf/ua-1",
) -> tuple[bytes, int]:
    """Render one document: the PDF bytes and its number of pages. Tagged PDF/UA-1 with the
    language from <html lang>, the title, author and subject in the metadata (and `extra` as
    custom keys of the document information), fonts embedded and subset."""
    weasyprint, _ = _weasyprint()
    with _RENDER:
        css, fonts = _stijl()
        opties = {"pdf_variant": variant} if variant else {}
        document = weasyprint.HTML(string=html, base_url=str(BASIS)).render(
            stylesheets=css, font_config=fonts, **opties
        )
        document.metadata.title = titel
        document.metadata.authors = [auteur]
        document.metadata.description = onderwerp or None
        document.metadata.lang = "nl"
        document.metadata.custom = dict(extra or {})
        pdf = document.write_pdf(custom_metadata=True, **opties)
    return pdf, len(document.pages)
