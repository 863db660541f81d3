"""The fingerprint of a frozen programme version: SHA-256 over its canonical content.

The canonical content is everything the version proposes, named by lasting keys (opgave and
gemeente slugs, never database ids): year and number, title and vision, the verdeelsleutel, the
peildatum and the members with their inwoners, and per opgave its texts, budget, capaciteit,
portefeuillehouder, stuurgroep, externe regelingen, synergieën and the stored bijdragen. It is
serialised as JSON with sorted keys and no whitespace, UTF-8, and hashed. Who proposed it and
when are left out: the print says *what* was proposed, so the same content gives the same print.

`VORM` numbers this form. Changing what goes in is a new form: prints already stored keep the
number they were made with."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from programma.documenten.models import Document, Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
)

VORM = 1
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
#: the key under which maak_pdf writes the fingerprint into a document's information dictionary
PDF_SLEUTEL = "/Vingerafdruk"


def _tekst(waarde) -> str:
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f")
    return "" if waarde is None else str(waarde)


def canoniek(versie: ProgrammaVersie) -> dict:
    """The canonical content of a version as a plain dict (6 queries, whatever its size); a
    frozen version's names as stored at its proposal."""
    opgaven = list(
        ProgrammaOpgave.objects.filter(versie=versie)
        .select_related("opgave")
        .order_by("opgave__slug")
    )
    slug_van = {po.pk: po.opgave.slug for po in opgaven}
    per_opgave: dict[int, dict] = {
        po.pk: {
            "opgave": po.opgave.slug,
            "titel": po.opgave_titel or po.opgave.titel,
            "thema": po.thema_naam,
            "rangorde": po.rangorde,
            "doel": po.doel,
            "resultaat": po.resultaat,
            "mandaat": po.mandaat,
            "sturing": po.sturing,
            "budget": po.budget,
            "capaciteit_fte": _tekst(po.capaciteit_fte),
            "capaciteit_toelichting": po.capaciteit_toelichting,
            "portefeuillehouder": _houder(po),
            "stuurgroep": [],
            "externe_regelingen": [],
            "synergieen": [],
            "bijdragen": {},
        }
        for po in opgaven
    }
    # The names as stored at the proposal, as codes: never a translated label, so the print
    # does not depend on the reader's language.
    for lid in StuurgroepLid.objects.filter(programma_opgave__versie=versie):
        per_opgave[lid.programma_opgave_id]["stuurgroep"].append(
            {
                "naam": lid.naam,
                "functie": lid.functie,
                "gemeente": lid.gemeente_naam,
                "soort": lid.soort,
                "rol": lid.rol,
            }
        )
    for regeling in ExterneRegeling.objects.filter(programma_opgave__versie=versie):
        per_opgave[regeling.programma_opgave_id]["externe_regelingen"].append(
            {
                "naam": regeling.naam,
                "niveau": regeling.niveau,
                "verwachte_cofinanciering": regeling.verwachte_cofinanciering,
                "toelichting": regeling.toelichting,
            }
        )
    for synergie in Synergie.objects.filter(van__versie=versie):
        for eigen, ander in (
            (synergie.van_id, synergie.naar_id),
            (synergie.naar_id, synergie.van_id),
        ):
            per_opgave[eigen]["synergieen"].append(
                {"met": slug_van[ander], "toelichting": synergie.toelichting}
            )
    deelnemers = list(
        Deelnemer.objects.filter(versie=versie)
        .select_related("gemeente")
        .order_by("gemeente__slug")
    )
    gemeente_slug = {d.gemeente_id: d.gemeente.slug for d in deelnemers}
    for po_id, gemeente_id, bedrag in Bijdrage.objects.filter(
        programma_opgave__versie=versie
    ).values_list("programma_opgave_id", "gemeente_id", "bedrag"):
        per_opgave[po_id]["bijdragen"][gemeente_slug.get(gemeente_id, str(gemeente_id))] = bedrag
    for inhoud in per_opgave.values():
        for lijst in ("stuurgroep", "externe_regelingen", "synergieen"):
            inhoud[lijst].sort(key=lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False))
    return {
        "vorm": VORM,
        "jaar": versie.jaarprogramma.jaar,
        "versie": versie.nummer,
        "titel": versie.titel,
        "visie": {
            "fundament": versie.visie_fundament,
            "actualiteit": versie.visie_actualiteit,
            "perspectief": versie.visie_perspectief,
        },
        "verdeelsleutel": versie.verdeelsleutel,
        "basisaandeel": _tekst(versie.basisaandeel),
        "peildatum_inwoners": _tekst(versie.peildatum_inwoners),
        "deelnemers": [
            {
                "gemeente": d.gemeente.slug,
                "naam": d.gemeente_naam,
                "inwoners": d.inwoners,
                "percentage": _tekst(d.percentage),
            }
            for d in deelnemers
        ],
        "opgaven": [per_opgave[po.pk] for po in opgaven],
    }


def _houder(po: ProgrammaOpgave) -> dict:
    return {
        "naam": po.portefeuillehouder_naam,
        "functie": po.portefeuillehouder_functie,
        "gemeente": po.portefeuillehouder_gemeente,
    }


def bereken(versie: ProgrammaVersie) -> str:
    """The SHA-256 (hex) of a version's canonical content."""
    tekst = json.dumps(canoniek(versie), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def leg_vast(versie: ProgrammaVersie, *, acting_user=None) -> Vingerafdruk:
    """Store the fingerprint of a frozen version (at its proposal, by whoever proposed it;
    idempotent). Its history names that person."""
    bestaand = Vingerafdruk.objects.filter(versie=versie).first()
    if bestaand is not None:
        return bestaand
    afdruk = Vingerafdruk(
        versie=versie, sha256=bereken(versie), vorm=VORM, berekend_op=timezone.now()
    )
    afdruk._history_user = acting_user
    afdruk._change_reason = "Vingerafdruk bij het voorstel"
    try:
        with transaction.atomic():
            afdruk.save()
            return afdruk
    except IntegrityError:
        # another request stored it first (a version frozen before fingerprints existed)
        return Vingerafdruk.objects.get(versie=versie)


def vingerafdruk_van(versie: ProgrammaVersie) -> str | None:
    """The stored fingerprint of a frozen version (stored now for one frozen before this
    existed); None for a concept, whose content still changes."""
    if not versie.is_bevroren:
        return None
    try:
        return versie.vingerafdruk.sha256
    except Vingerafdruk.DoesNotExist:
        return leg_vast(versie).sha256


def normaliseer(tekst: str) -> str | None:
    """The fingerprint in what someone pasted (spaces, capitals, a 'sha256:' prefix and line
    breaks allowed), or None when it holds none."""
    schoon = re.sub(r"[\s:-]", "", tekst.lower()).removeprefix("sha256")
    return schoon if re.fullmatch(r"[0-9a-f]{64}", schoon) else None


def zoek(sha256: str) -> Vingerafdruk | None:
    """The fingerprint row with this value, with its version and year."""
    return (
        Vingerafdruk.objects.select_related("versie__jaarprogramma").filter(sha256=sha256).first()
    )


@dataclass(frozen=True)
class Herkomst:
    """Where a fingerprint comes from: its version, and whether that is still the current one."""

    vingerafdruk: Vingerafdruk
    versie: ProgrammaVersie
    #: the year's current version (the newest frozen one), None only if it cannot be found
    geldend: ProgrammaVersie | None
    #: the frozen versions of the same year after this one, oldest first (each with its reden)
    later: list[ProgrammaVersie] = field(default_factory=list)

    @property
    def is_geldend(self) -> bool:
        return self.geldend is not None and self.geldend.pk == self.versie.pk

    @property
    def vervangen_door(self) -> ProgrammaVersie | None:
        return self.later[0] if self.later else None


def herkomst(sha256: str) -> Herkomst | None:
    """The version a fingerprint belongs to and where it stands now (2 queries); None for a
    fingerprint of no proposed version. What superseded it comes from the one selector the
    pages and documents ask too (programma.selectors.vervanging_van)."""
    from programma.selectors import vervanging_van

    gevonden = zoek(sha256)
    if gevonden is None:
        return None
    versie = gevonden.versie
    vervanging = vervanging_van(versie)
    if vervanging is None:  # nothing later proposed: this version holds
        return Herkomst(vingerafdruk=gevonden, versie=versie, geldend=versie)
    return Herkomst(
        vingerafdruk=gevonden,
        versie=versie,
        geldend=vervanging.geldend,
        later=list(vervanging.later),
    )


def zoek_document(sha256: str) -> Document | None:
    """The stored document whose file has exactly this SHA-256."""
    return (
        Document.objects.select_related("versie__jaarprogramma", "gemeente")
        .filter(sha256=sha256)
        .order_by("gemaakt_op")
        .first()
    )


class OnleesbarePdf(ValueError):
    """pypdf could not read the file (damaged, truncated, or a limit of pypdf was reached)."""


class VersleuteldePdf(OnleesbarePdf):
    """The file is protected with a password: its content cannot be read."""


@dataclass(frozen=True)
class PdfGegevens:
    """What a PDF says about itself: the fingerprint it names (None if none) and its title."""

    vingerafdruk: str | None
    titel: str


#: pages whose text is searched for a fingerprint: the running footer of every page of a
#: Regioportaal document carries it, so the first and the last page are enough
_PAGINAS = (0, -1)


def uit_pdf(inhoud: bytes) -> PdfGegevens:
    """The fingerprint a PDF names: the /Vingerafdruk key in its document information
    (written by programma.documenten.pdf.maak_pdf), else a 64-hex string in the text of its
    first or last page. Raises OnleesbarePdf when pypdf cannot read it."""
    from pypdf import PdfReader

    # pypdf raises many kinds of exception on a malformed file (its own, but also KeyError,
    # ValueError, RecursionError...): every one of them means "unreadable" here.
    try:
        lezer = PdfReader(io.BytesIO(inhoud), strict=False)
        if lezer.is_encrypted and not lezer.decrypt(""):
            raise VersleuteldePdf("versleuteld")
        info = lezer.metadata or {}
        titel = str(info.get("/Title") or "")
        afdruk = normaliseer(str(info.get(PDF_SLEUTEL) or ""))
        if afdruk is None:
            aantal = len(lezer.pages)
            for index in sorted({i % aantal for i in _PAGINAS}) if aantal else ():
                gevonden = HEX64.search((lezer.pages[index].extract_text() or "").lower())
                if gevonden:
                    afdruk = gevonden.group(0)
                    break
    except OnleesbarePdf:
        raise
    except Exception as fout:  # noqa: BLE001
        raise OnleesbarePdf(str(fout)) from fout
    return PdfGegevens(vingerafdruk=afdruk, titel=titel)
