"""`manage.py demo --scale national` (issue 19): the demo region plus generated gemeenten,
opgaven, councils and a decision round written in bulk. Loaded here at a small size (the shape,
not the size, is tested; `make bench` loads and measures the full one) into an emptied database,
and every generated figure is recomputed from the raw rows."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from portaal.demo import nationaal
from portaal.demo.laden import NATIONAAL, DemoFout, laad_demo
from programma.models import Bijdrage, ProgrammaVersie
from raden.models import Besluit, Fractie, Raadslid, Stem, Stemming
from raden.models.raad import raadsgrootte
from regio.exceptions import Bevroren
from regio.models import Gemeente, GemeenteUserObjectPermission, Inwonertal

GEMEENTEN, OPGAVEN = 22, 17  # 4 generated gemeenten, 3 generated opgaven beside the demo's 14


@pytest.fixture
def klein_nationaal(monkeypatch, transactional_db):
    monkeypatch.setattr(nationaal, "GEMEENTEN", GEMEENTEN)
    monkeypatch.setattr(nationaal, "OPGAVEN", OPGAVEN)
    # the session's demo region may be committed: the national demo needs an empty database
    # (the project's flush lets the freeze triggers through)
    call_command("flush", interactive=False, verbosity=0)
    laad_demo(NATIONAAL)
    return list(Gemeente.objects.filter(inwonertallen__bron=nationaal.BRON))


def _versie_2027() -> ProgrammaVersie:
    return (
        ProgrammaVersie.objects.bevroren()
        .filter(jaarprogramma__jaar=2027)
        .order_by("-nummer")
        .first()
    )


def _nationale_schaal_gemeenten_raden_en_programma(klein_nationaal):
    nieuw = klein_nationaal
    assert Gemeente.objects.count() == GEMEENTEN and len(nieuw) == GEMEENTEN - 18
    # members from 2027, not of 2026
    assert Gemeente.objects.leden_op(datetime.date(2026, 1, 1)).count() == 18
    assert Gemeente.objects.leden_op(datetime.date(2027, 1, 1)).count() == GEMEENTEN
    for g in nieuw:
        inwoners = Inwonertal.objects.get(gemeente=g).inwoners
        zetels = sum(Fractie.objects.filter(gemeente=g).values_list("zetels", flat=True))
        assert zetels == raadsgrootte(inwoners) == Raadslid.objects.filter(gemeente=g).count()
        # every fractie's seats are taken by as many members
        for f in Fractie.objects.filter(gemeente=g):
            assert f.leden.count() == f.zetels > 0
        # the griffier may act for the gemeente (and for no other)
        assert list(
            GemeenteUserObjectPermission.objects.filter(
                user__username=f"griffier-{g.slug}"
            ).values_list("content_object_id", flat=True)
        ) == [g.pk]
    versie = _versie_2027()
    assert versie.nummer == 2  # the demo's correction, at national scale too
    assert versie.opgaven.count() == OPGAVEN
    assert Bijdrage.objects.filter(programma_opgave__versie=versie).count() == OPGAVEN * GEMEENTEN
    concept = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028)
    assert concept.opgaven.count() == OPGAVEN


def _nationale_stemmen_kloppen_met_de_ruwe_rijen(klein_nationaal):
    versie = _versie_2027()
    bijdragen = {
        (b.gemeente_id, b.programma_opgave_id): b.bedrag
        for b in Bijdrage.objects.filter(programma_opgave__versie=versie)
    }
    stemmen = defaultdict(list)
    for stemming_id, keuze, reden in Stem.objects.filter(
        stemming__gemeente__in=klein_nationaal
    ).values_list("stemming_id", "keuze", "reden"):
        stemmen[stemming_id].append((keuze, reden))
    stemmingen = list(Stemming.objects.filter(gemeente__in=klein_nationaal))
    # every generated council decided on every opgave of the current version, once
    assert len(stemmingen) == len(klein_nationaal) * OPGAVEN
    assert {(s.gemeente_id, s.programma_opgave_id) for s in stemmingen} == {
        (g.pk, po.pk) for g in klein_nationaal for po in versie.opgaven.all()
    }
    besluiten = {b.stemming_id: b for b in Besluit.objects.filter(gemeente__in=klein_nationaal)}
    for s in stemmingen:
        assert s.bevestigd_op is not None and s.gesloten_op < s.bevestigd_op
        assert s.versie_id == versie.pk
        geteld = Counter(stemmen[s.pk])
        raad = Raadslid.objects.filter(gemeente_id=s.gemeente_id).count()
        assert s.zittend == raad == len(stemmen[s.pk])
        assert s.voor == geteld[("voor", "")]
        assert s.tegen == geteld[("tegen", "")]
        assert s.afwezig == geteld[("niet_deelgenomen", "afwezig")]
        assert s.onthouden == geteld[("niet_deelgenomen", "persoonlijk_belang")]
        # the outcome by the rules of DOMAIN.md, recomputed here by hand
        aanwezig = s.voor + s.tegen + s.onthouden
        assert 2 * aanwezig > s.zittend
        verwacht = "aangenomen" if s.voor > s.tegen else "verworpen"
        if s.voor == s.tegen:
            verwacht = "verworpen" if aanwezig == s.zittend else "uitgesteld"
        assert s.uitkomst == verwacht
        besluit = besluiten.get(s.pk)
        if verwacht == "uitgesteld":
            assert besluit is None
            continue
        assert besluit.deelname == (verwacht == "aangenomen")
        sleutel = (s.gemeente_id, s.programma_opgave_id)
        assert besluit.bijdrage == (bijdragen[sleutel] if besluit.deelname else 0)


def _nationale_historie_in_bulk_zegt_wie_en_wanneer(klein_nationaal):
    griffier_van = {g.pk: f"griffier-{g.slug}" for g in klein_nationaal}
    stemming = Stemming.objects.filter(gemeente__in=klein_nationaal).first()
    historie = list(stemming.history.order_by("history_date", "history_id"))
    # opened, closed with the outcome, confirmed: as the services write it
    assert [h.history_type for h in historie] == ["+", "~", "~"]
    assert [h.history_date for h in historie] == [
        stemming.geopend_op,
        stemming.gesloten_op,
        stemming.bevestigd_op,
    ]
    assert historie[0].uitkomst == "" and historie[1].uitkomst == stemming.uitkomst
    assert historie[1].bevestigd_op is None and historie[2].bevestigd_op == stemming.bevestigd_op
    assert {h.history_user.username for h in historie} == {griffier_van[stemming.gemeente_id]}
    # every generated vote has exactly one history row, by the griffier, at its own moment
    stemmen = Stem.objects.filter(stemming__gemeente__in=klein_nationaal)
    rijen = Stem.history.filter(stemming__gemeente__in=klein_nationaal)
    assert rijen.count() == stemmen.count() > 0
    for stem in stemmen.select_related("stemming")[:200]:
        (h,) = stem.history.all()
        assert h.history_type == "+" and h.history_date == stem.uitgebracht_op
        assert h.history_user.username == griffier_van[stem.stemming.gemeente_id]
        assert (h.keuze, h.reden, h.raadslid_naam) == (stem.keuze, stem.reden, stem.raadslid_naam)
    besluit = Besluit.objects.filter(gemeente__in=klein_nationaal).first()
    assert besluit.history.count() == 1
    assert Raadslid.history.filter(gemeente__in=klein_nationaal).count() == (
        Raadslid.objects.filter(gemeente__in=klein_nationaal).count()
    )


def _nationale_stemmen_zijn_bevroren(klein_nationaal):
    stem = Stem.objects.filter(stemming__gemeente__in=klein_nationaal).first()
    stem.keuze = "tegen" if stem.keuze == "voor" else "voor"
    with pytest.raises(Bevroren):
        stem.save()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Stem._meta.db_table} SET keuze = 'tegen' WHERE id = %s", [stem.pk])
    besluit = Besluit.objects.filter(gemeente__in=klein_nationaal).first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Besluit._meta.db_table} WHERE id = %s", [besluit.pk])


def _nationale_demo_opnieuw_laden_voegt_niets_toe(klein_nationaal):
    voor = (Gemeente.objects.count(), Stem.objects.count(), Stem.history.count())
    laad_demo(NATIONAAL)
    assert (Gemeente.objects.count(), Stem.objects.count(), Stem.history.count()) == voor


def test_nationale_schaal(klein_nationaal):
    """One load for all the checks (a load takes a while, even small)."""
    _nationale_schaal_gemeenten_raden_en_programma(klein_nationaal)
    _nationale_stemmen_kloppen_met_de_ruwe_rijen(klein_nationaal)
    _nationale_historie_in_bulk_zegt_wie_en_wanneer(klein_nationaal)
    _nationale_stemmen_zijn_bevroren(klein_nationaal)
    _nationale_demo_opnieuw_laden_voegt_niets_toe(klein_nationaal)


def test_nationale_schaal_weigert_een_regionale_demo(demo):
    with pytest.raises(DemoFout, match="lege database"):
        laad_demo(NATIONAAL)
    assert Gemeente.objects.count() == 18
