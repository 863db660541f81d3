"""Make a document, store it once, find it again.

A frozen version's documents are rendered once, on first request, into Django's STORAGES
through a `Document` row, and served from there ever after. Two requests for a document not
yet stored render it once: the second waits for the first (a lock on the version row in the
database, and a lock per process for SQLite, which has no row locks) and then finds its row. A
concept is rendered on every request and never stored: it still changes."""

from __future__ import annotations

import hashlib
import threading
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from programma.documenten import pdf, soorten
from programma.documenten.models import Document
from programma.documenten.vingerafdruk import vingerafdruk_van
from programma.models import ProgrammaVersie
from regio.models import Gemeente

AUTEUR = "Groene Metropoolregio Arnhem-Nijmegen, regiobestuur"

_PROCES = threading.Lock()


def html_van(soort: soorten.Soort, versie: ProgrammaVersie, gemeente: Gemeente | None) -> str:
    """The HTML a document is made of: its kind's context, plus what every document shows."""
    concept = not versie.is_bevroren
    with translation.override("nl"):
        context = {
            "versie": versie,
            "jaar": versie.jaarprogramma.jaar,
            "gemeente": gemeente,
            "concept": concept,
            "vingerafdruk": vingerafdruk_van(versie),
            "datum": timezone.localdate(versie.bevroren_op)
            if versie.bevroren_op
            else timezone.localdate(),
            "titel": soort.titel(versie, gemeente),
            "soort": soort.code,
        }
        context.update(soort.context(versie, gemeente))
        return render_to_string(f"documenten/{soort.sjabloon}", context)


def render(
    soort: soorten.Soort, versie: ProgrammaVersie, gemeente: Gemeente | None
) -> tuple[bytes, int, int]:
    """Render one document: (pdf bytes, pages, milliseconds)."""
    begin = time.perf_counter()
    html = html_van(soort, versie, gemeente)
    afdruk = vingerafdruk_van(versie)
    with translation.override("nl"):
        titel = str(soort.titel(versie, gemeente))
    inhoud, paginas = pdf.maak_pdf(
        html,
        titel=titel,
        auteur=AUTEUR,
        onderwerp=f"Jaarprogramma {versie.jaarprogramma.jaar}, versie {versie.nummer}",
        extra={"Vingerafdruk": afdruk} if afdruk else {},
    )
    return inhoud, paginas, round((time.perf_counter() - begin) * 1000)


def _gezocht(soort: soorten.Soort, versie: ProgrammaVersie, gemeente, stand: str):
    # at most one row (the unique constraints); order by pk, not by the default ordering,
    # which joins the gemeente for its name
    return (
        Document.objects.filter(soort=soort.code, versie=versie, gemeente=gemeente, stand=stand)
        .order_by("pk")
        .first()
    )


def document(code: str, versie: ProgrammaVersie, gemeente: Gemeente | None = None) -> Document:
    """The stored document of a frozen version, rendered and stored now if it is not yet."""
    if not versie.is_bevroren:
        raise ValueError("Een concept wordt nooit opgeslagen: gebruik render().")
    soort = soorten.soort(code)
    stand = soort.stand_van(versie)
    bestaand = _gezocht(soort, versie, gemeente, stand)
    if bestaand is not None:
        return bestaand
    with _PROCES, transaction.atomic():
        # Wait for whoever is rendering a document of this version, then look again. The lock
        # is on the version row alone, held for as long as the render takes: NO KEY, so that
        # inserts referring to the version (a griffier opening a vote on it) go on; of self and
        # unordered, because the default ordering joins the Jaarprogramma and would lock that
        # row too, which every vote of the year locks.
        list(
            ProgrammaVersie.objects.select_for_update(no_key=True, of=("self",))
            .filter(pk=versie.pk)
            .order_by()
            .values_list("pk", flat=True)
        )
        bestaand = _gezocht(soort, versie, gemeente, stand)
        if bestaand is not None:
            return bestaand
        inhoud, paginas, ms = render(soort, versie, gemeente)
        sha = hashlib.sha256(inhoud).hexdigest()
        bestandsnaam = soort.bestandsnaam(versie, gemeente)
        naam = default_storage.save(
            f"documenten/{versie.jaarprogramma.jaar}/v{versie.nummer}/{sha[:16]}-{bestandsnaam}",
            ContentFile(inhoud),
        )
        try:
            doc = Document(
                soort=soort.code,
                versie=versie,
                gemeente=gemeente,
                stand=stand,
                bestand=naam,
                bestandsnaam=bestandsnaam,
                sha256=sha,
                grootte=len(inhoud),
                paginas=paginas,
                rendertijd_ms=ms,
                vingerafdruk=vingerafdruk_van(versie) or "",
                gemaakt_op=timezone.now(),
            )
            # A stored document is the frozen version's, rendered on demand: whoever asks first
            # (often a visitor without an account) did not write it; the proposer's version did.
            doc._history_user = versie.bevroren_door
            doc._change_reason = translation.gettext("Opgeslagen bij de eerste opvraag")
            doc.save(force_insert=True)
            return doc
        except Exception:
            default_storage.delete(naam)
            raise


def inhoud_van(doc: Document) -> bytes:
    """The stored bytes of a document."""
    with doc.bestand.open("rb") as f:
        return f.read()


def opgeslagen_van(versie: ProgrammaVersie) -> dict[tuple[str, int | None, str], Document]:
    """The stored documents of a version by (kind, gemeente id, stand), in one query."""
    return {
        (d.soort, d.gemeente_id, d.stand): d
        for d in Document.objects.filter(versie=versie).order_by("pk")
    }


def alle_documenten(versie: ProgrammaVersie) -> list[Document]:
    """Every document of a frozen version (documenten_van), stored; those not stored yet are
    rendered now. Stored ones cost no query each: one query finds them all."""
    opgeslagen = opgeslagen_van(versie)
    standen: dict[str, str] = {}
    uit = []
    for soort, gemeente in documenten_van(versie):
        if soort.code not in standen:
            standen[soort.code] = soort.stand_van(versie)
        sleutel = (soort.code, gemeente.pk if gemeente else None, standen[soort.code])
        uit.append(opgeslagen.get(sleutel) or document(soort.code, versie, gemeente))
    return uit


def documenten_van(versie: ProgrammaVersie) -> list[tuple[soorten.Soort, Gemeente | None]]:
    """Every document a version has: the programme document, a raadsvoorstel per deelnemende
    gemeente, and the besluitenoverzicht once its round has decisions."""
    from programma.selectors import deelnemers_van

    uit: list[tuple[soorten.Soort, Gemeente | None]] = []
    for soort in soorten.soorten():
        if not soort.bestaat_voor(versie):
            continue
        if soort.per_gemeente:
            uit.extend((soort, d.gemeente) for d in deelnemers_van(versie))
        else:
            uit.append((soort, None))
    return uit
