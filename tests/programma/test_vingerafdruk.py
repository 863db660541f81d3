"""The fingerprint of a frozen version (programma.documenten.vingerafdruk): stable for the same
content, different for any change, stored at the proposal and never changed after, the same in
every language, read in a fixed number of queries; and what a PDF says about it."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programma import services
from programma.documenten import vingerafdruk
from programma.documenten.models import Vingerafdruk
from programma.models import (
    Bijdrage,
    Deelnemer,
    ExterneRegeling,
    ProgrammaOpgave,
    ProgrammaVersie,
    StuurgroepLid,
    Synergie,
    Verdeelsleutel,
)
from regio.exceptions import DomeinFout
from tests.factories import BestuurderFactory, OpgaveFactory, opgave_inhoud

pytestmark = pytest.mark.django_db


# --- a small version with every kind of content ------------------------------------------


@pytest.fixture
def inhoud(concept, kleine_regio, bestuur):
    """The 2040 concept with, besides its two opgaven and their synergy, what a proposal
    records: members with inwoners, bijdragen, the names it shows, a stuurgroep member and an
    externe regeling (written here directly, as the proposal would, so that each can be changed
    by itself and the print compared before and after)."""
    eerste, tweede = concept.opgaven.order_by("pk")
    ProgrammaOpgave.objects.filter(versie=concept).update(
        thema_naam="Energie", portefeuillehouder_naam="A. Houder", portefeuillehouder_functie="w"
    )
    ProgrammaVersie.objects.filter(pk=concept.pk).update(
        peildatum_inwoners=datetime.date(2039, 1, 1)
    )
    for gemeente, inwoners in zip(kleine_regio, (50_000, 30_000, 20_000), strict=True):
        Deelnemer.objects.create(
            versie=concept, gemeente=gemeente, inwoners=inwoners, gemeente_naam=gemeente.naam
        )
    for po in (eerste, tweede):
        rest = po.budget
        for gemeente, deel in zip(kleine_regio, (5, 3, 2), strict=True):
            bedrag = po.budget * deel // 10 if gemeente != kleine_regio[-1] else rest
            rest -= bedrag
            Bijdrage.objects.create(programma_opgave=po, gemeente=gemeente, bedrag=bedrag)
    lid = BestuurderFactory(gemeente=kleine_regio[1])
    StuurgroepLid.objects.create(
        programma_opgave=eerste,
        bestuurder=lid,
        rol="voorzitter",
        naam=lid.naam,
        functie="wethouder",
        gemeente_naam=kleine_regio[1].naam,
    )
    services.voeg_externe_regeling_toe(
        programma_opgave=eerste,
        naam="Regiodeal",
        niveau="rijk",
        verwachte_cofinanciering=200_000,
        acting_user=bestuur,
    )
    return {
        "versie": concept,
        "eerste": eerste,
        "tweede": tweede,
        "regio": kleine_regio,
        "bestuur": bestuur,
    }


def _vers(versie) -> ProgrammaVersie:
    return ProgrammaVersie.objects.get(pk=versie.pk)


def test_zelfde_inhoud_geeft_dezelfde_vingerafdruk(inhoud):
    versie = inhoud["versie"]
    eerst = vingerafdruk.bereken(versie)
    assert vingerafdruk.bereken(_vers(versie)) == eerst
    assert vingerafdruk.canoniek(_vers(versie)) == vingerafdruk.canoniek(versie)
    assert len(eerst) == 64 and vingerafdruk.normaliseer(eerst) == eerst


def _eerste(o):
    return ProgrammaOpgave.objects.filter(pk=o["eerste"].pk)


def _bijdrage(o):
    return Bijdrage.objects.filter(programma_opgave=o["eerste"], gemeente=o["regio"][0])


def _deelnemer(o):
    return Deelnemer.objects.filter(versie=o["versie"], gemeente=o["regio"][2])


def _versie(o):
    return ProgrammaVersie.objects.filter(pk=o["versie"].pk)


def _lid_erbij(o):
    b = BestuurderFactory(gemeente=o["regio"][2])
    StuurgroepLid.objects.create(programma_opgave=o["eerste"], bestuurder=b, naam=b.naam)


def _opgave_erbij(o):
    services.neem_opgave_op(
        versie=o["versie"],
        opgave=OpgaveFactory(),
        acting_user=o["bestuur"],
        portefeuillehouder=None,
        **opgave_inhoud(budget=1),
    )


def _regeling_verhuist(o):
    """The same regeling, at the other opgave."""
    ExterneRegeling.objects.filter(programma_opgave=o["eerste"]).delete()
    services.voeg_externe_regeling_toe(
        programma_opgave=o["tweede"],
        naam="Regiodeal",
        niveau="rijk",
        verwachte_cofinanciering=200_000,
        acting_user=o["bestuur"],
    )


# Every part of what a version proposes, changed by as little as possible.
WIJZIGINGEN = {
    "titel": lambda o: _versie(o).update(titel="Programma 2040."),
    "visie": lambda o: _versie(o).update(visie_perspectief="Verder."),
    "verdeelsleutel": lambda o: _versie(o).update(
        verdeelsleutel=Verdeelsleutel.BASIS_PLUS_INWONERS
    ),
    "basisaandeel": lambda o: _versie(o).update(basisaandeel=Decimal("0.01")),
    "peildatum": lambda o: _versie(o).update(peildatum_inwoners=datetime.date(2039, 1, 2)),
    "doel": lambda o: _eerste(o).update(doel="Het doel van de opgave!"),
    "doel-spatie": lambda o: _eerste(o).update(doel="Het doel van de opgave. "),
    "resultaat": lambda o: _eerste(o).update(resultaat="Een ander resultaat."),
    "mandaat": lambda o: _eerste(o).update(mandaat="Meer mandaat."),
    "sturing": lambda o: _eerste(o).update(sturing="Anders."),
    "budget-1-euro": lambda o: _eerste(o).update(budget=o["eerste"].budget + 1),
    "capaciteit": lambda o: _eerste(o).update(capaciteit_fte=Decimal("2.6")),
    "capaciteit-toelichting": lambda o: _eerste(o).update(capaciteit_toelichting="x"),
    "rangorde": lambda o: _eerste(o).update(rangorde=7),
    "thema": lambda o: _eerste(o).update(thema_naam="Klimaat"),
    "portefeuillehouder": lambda o: _eerste(o).update(portefeuillehouder_naam="B. Houder"),
    "bijdrage-1-euro": lambda o: _bijdrage(o).update(bedrag=_bijdrage(o).get().bedrag + 1),
    "bijdrage-weg": lambda o: _bijdrage(o).delete(),
    "inwoners": lambda o: _deelnemer(o).update(inwoners=20_001),
    "deelnemer-naam": lambda o: _deelnemer(o).update(gemeente_naam="Ccc (gem.)"),
    "deelnemer-weg": lambda o: _deelnemer(o).delete(),
    "stuurgroeplid-naam": lambda o: StuurgroepLid.objects.filter(
        programma_opgave=o["eerste"]
    ).update(naam="Iemand anders"),
    "stuurgroeplid-rol": lambda o: StuurgroepLid.objects.filter(
        programma_opgave=o["eerste"]
    ).update(rol="lid"),
    "stuurgroeplid-erbij": _lid_erbij,
    "stuurgroeplid-weg": lambda o: StuurgroepLid.objects.filter(
        programma_opgave=o["eerste"]
    ).delete(),
    "regeling-cofinanciering": lambda o: ExterneRegeling.objects.filter(
        programma_opgave=o["eerste"]
    ).update(verwachte_cofinanciering=200_001),
    "regeling-niveau": lambda o: ExterneRegeling.objects.filter(
        programma_opgave=o["eerste"]
    ).update(niveau="eu"),
    "regeling-naar-andere-opgave": _regeling_verhuist,
    "synergie-toelichting": lambda o: Synergie.objects.filter(van__versie=o["versie"]).update(
        toelichting="Samen nog sterker."
    ),
    "synergie-weg": lambda o: Synergie.objects.filter(van__versie=o["versie"]).delete(),
    "opgave-erbij": _opgave_erbij,
}


@pytest.mark.parametrize("wijziging", sorted(WIJZIGINGEN))
def test_elke_wijziging_geeft_een_andere_vingerafdruk(inhoud, wijziging):
    voor = vingerafdruk.bereken(_vers(inhoud["versie"]))
    WIJZIGINGEN[wijziging](inhoud)
    na = vingerafdruk.bereken(_vers(inhoud["versie"]))
    assert na != voor


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    doel=st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=80),
    budget=st.integers(min_value=0, max_value=10**9),
)
def test_verschillende_inhoud_verschillende_vingerafdruk(inhoud, doel, budget):
    """Any text and any budget go into the print as they are: two different values never give
    the same print (one of them is what the version held before)."""
    eerste = inhoud["eerste"]
    gezien = {}
    for waarden in ({"doel": doel, "budget": budget}, {"doel": doel + "x", "budget": budget}):
        ProgrammaOpgave.objects.filter(pk=eerste.pk).update(**waarden)
        gezien[vingerafdruk.bereken(_vers(inhoud["versie"]))] = waarden
    ProgrammaOpgave.objects.filter(pk=eerste.pk).update(budget=budget + 1)
    gezien[vingerafdruk.bereken(_vers(inhoud["versie"]))] = "budget + 1"
    assert len(gezien) == 3


def test_vastgelegd_bij_voorstellen_en_gelijk_aan_de_berekening(concept, bestuur):
    assert vingerafdruk.vingerafdruk_van(concept) is None  # a concept still changes
    assert not Vingerafdruk.objects.filter(versie=concept).exists()
    versie = services.stel_programma_voor(versie=concept, acting_user=bestuur)
    rij = Vingerafdruk.objects.get(versie=versie)
    assert rij.sha256 == vingerafdruk.bereken(_vers(versie))
    assert rij.vorm == vingerafdruk.VORM
    assert vingerafdruk.vingerafdruk_van(_vers(versie)) == rij.sha256
    # leg_vast is idempotent: a second call finds the stored row and writes none
    assert vingerafdruk.leg_vast(versie).pk == rij.pk
    assert Vingerafdruk.objects.filter(versie=versie).count() == 1


def test_vastgelegde_vingerafdruk_verandert_nooit(concept, bestuur):
    versie = services.stel_programma_voor(versie=concept, acting_user=bestuur)
    rij = Vingerafdruk.objects.get(versie=versie)
    origineel = rij.sha256
    rij.sha256 = "f" * 64
    with pytest.raises(DomeinFout):
        rij.save()
    with pytest.raises(DomeinFout):
        rij.delete()
    with pytest.raises(DomeinFout):
        Vingerafdruk.objects.filter(pk=rij.pk).update(sha256="f" * 64)
    with pytest.raises(DomeinFout):
        Vingerafdruk.objects.filter(pk=rij.pk).delete()
    tabel = Vingerafdruk._meta.db_table
    for sql, params in (
        (f"UPDATE {tabel} SET sha256 = %s WHERE id = %s", ["f" * 64, rij.pk]),
        (f"DELETE FROM {tabel} WHERE id = %s", [rij.pk]),
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
            c.execute(sql, params)
    assert Vingerafdruk.objects.get(versie=versie).sha256 == origineel
    # and the content it was computed from cannot change either: the print stays true
    assert vingerafdruk.bereken(_vers(versie)) == origineel


def test_correctie_met_dezelfde_inhoud_verschilt_alleen_in_het_versienummer(concept, bestuur):
    v1 = services.stel_programma_voor(versie=concept, acting_user=bestuur)
    v2 = services.corrigeer_programma(
        jaarprogramma=v1.jaarprogramma, reden="Alleen een nieuwe versie.", acting_user=bestuur
    )
    v2 = services.stel_programma_voor(versie=v2, acting_user=bestuur)
    een, twee = vingerafdruk.canoniek(_vers(v1)), vingerafdruk.canoniek(_vers(v2))
    assert een.keys() == twee.keys()
    assert {k for k in een if een[k] != twee[k]} == {"versie"}
    assert (een["versie"], twee["versie"]) == (1, 2)
    # the reason of a correction is not content: two prints, both stored, distinct
    a, b = Vingerafdruk.objects.get(versie=v1), Vingerafdruk.objects.get(versie=v2)
    assert a.sha256 != b.sha256
    assert b.sha256 == vingerafdruk.bereken(_vers(v2))


def test_vingerafdruk_hangt_niet_af_van_de_taal(inhoud):
    versie = inhoud["versie"]
    prints = set()
    for taal in ("nl", "en"):
        with translation.override(taal):
            prints.add(vingerafdruk.bereken(_vers(versie)))
    assert len(prints) == 1
    # codes, never the labels a language would show
    inhoud_nl = vingerafdruk.canoniek(_vers(versie))
    assert inhoud_nl["verdeelsleutel"] == "inwoners"
    assert inhoud_nl["opgaven"][0]["externe_regelingen"][0]["niveau"] == "rijk"


def test_canoniek_leest_een_vast_aantal_queries(inhoud, bestuur, django_assert_max_num_queries):
    versie = inhoud["versie"]
    vers = _vers(versie)  # without its jaarprogramma: canoniek reads that too
    with CaptureQueriesContext(connection) as klein, django_assert_max_num_queries(7):
        vingerafdruk.canoniek(vers)
    # five more opgaven, each with a stuurgroep member, a regeling and a synergy
    vorige = inhoud["eerste"]
    for i in range(5):
        po = services.neem_opgave_op(
            versie=versie,
            opgave=OpgaveFactory(),
            acting_user=bestuur,
            portefeuillehouder=None,
            **opgave_inhoud(budget=1000 + i),
        )
        b = BestuurderFactory(gemeente=inhoud["regio"][0])
        StuurgroepLid.objects.create(programma_opgave=po, bestuurder=b, naam=b.naam)
        services.voeg_externe_regeling_toe(
            programma_opgave=po,
            naam=f"Regeling {i}",
            niveau="eu",
            verwachte_cofinanciering=i,
            acting_user=bestuur,
        )
        services.voeg_synergie_toe(van=po, naar=vorige, toelichting="Samen.", acting_user=bestuur)
        vorige = po
    vers = _vers(versie)
    with CaptureQueriesContext(connection) as groot, django_assert_max_num_queries(7):
        uit = vingerafdruk.canoniek(vers)
    assert len(uit["opgaven"]) == 7
    assert len(groot) == len(klein)


def test_normaliseer_verdraagt_wat_mensen_plakken():
    sha = "ab" * 32
    for geplakt in (
        sha,
        sha.upper(),
        f"sha256:{sha}",
        f"SHA256: {sha.upper()}",
        " ".join(sha[i : i + 8] for i in range(0, 64, 8)),
        sha[:32] + "\n" + sha[32:],
        f"  {sha}  ",
    ):
        assert vingerafdruk.normaliseer(geplakt) == sha, geplakt
    for fout in ("", sha[:-1], sha + "a", "g" * 64, "sha1:" + sha, "0x" + sha):
        assert vingerafdruk.normaliseer(fout) is None, fout


# --- reading a PDF back ---------------------------------------------------------------


def _pdf(*, metadata: dict | None = None, tekst: str | None = None, wachtwoord=None) -> bytes:
    """A one-page PDF made with pypdf, with this metadata and this line of text."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    pagina = writer.add_blank_page(595, 842)
    if tekst is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        pagina[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stroom = DecodedStreamObject()
        stroom.set_data(f"BT /F1 8 Tf 20 20 Td ({tekst}) Tj ET".encode("latin-1"))
        pagina[NameObject("/Contents")] = writer._add_object(stroom)
    if metadata:
        writer.add_metadata(metadata)
    if wachtwoord:
        writer.encrypt(wachtwoord, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


SHA = "0123456789abcdef" * 4


def test_uit_pdf_leest_de_sleutel_in_de_metadata():
    gegevens = vingerafdruk.uit_pdf(_pdf(metadata={"/Vingerafdruk": SHA, "/Title": "Titel"}))
    assert gegevens == vingerafdruk.PdfGegevens(vingerafdruk=SHA, titel="Titel")


def test_uit_pdf_leest_anders_de_tekst():
    gegevens = vingerafdruk.uit_pdf(_pdf(tekst=f"Vingerafdruk {SHA} pagina 1 van 1"))
    assert gegevens.vingerafdruk == SHA


def test_uit_pdf_zonder_vingerafdruk():
    assert vingerafdruk.uit_pdf(_pdf(tekst="Een gewone brief.")).vingerafdruk is None


@pytest.mark.parametrize(
    "inhoud",
    [b"%PDF-1.7\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF", b""],
)
def test_uit_pdf_weigert_een_kapot_bestand(inhoud):
    with pytest.raises(vingerafdruk.OnleesbarePdf):
        vingerafdruk.uit_pdf(inhoud)


def test_uit_pdf_weigert_een_bestand_met_wachtwoord():
    with pytest.raises(vingerafdruk.VersleuteldePdf):
        vingerafdruk.uit_pdf(_pdf(metadata={"/Vingerafdruk": SHA}, wachtwoord="geheim"))
