"""The rows of each open-data table of one proposed version, read through the selectors the
pages read (programma.cijfers, programma.selectors, raden.cijfers, raden.selectors), so the
files show the figures the pages show. Each builder returns one dict per row with exactly the
columns of its table (openbaar.opendata.schema), as Python values: int for euros and counts,
Decimal for FTE, bool, date, datetime, str, None for empty. A fixed number of queries per
table, whatever the number of opgaven, gemeenten or votes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Sum
from django.urls import reverse

from openbaar.opendata import schema
from openbaar.opendata.versies import OpenVersie
from programma.cijfers import programma_opgaven
from programma.models import ProgrammaOpgave
from programma.selectors import bijdragen_van, deelnemers_van
from raden.cijfers import dekking_van
from raden.models import Besluit, Stem
from raden.selectors import stemmen_per_fractie_van_versie

Rij = dict[str, object]


def absoluut(pad: str) -> str:
    """An absolute URL on the portal's own address (PORTAAL_URL), whatever host was asked."""
    return settings.PORTAAL_URL.rstrip("/") + pad


def _basis(ov: OpenVersie) -> Rij:
    return {"jaar": ov.jaar, "versie": ov.nummer}


def versie(ov: OpenVersie) -> list[Rij]:
    """One row: the version itself (two queries: the totals, the fingerprint if not read)."""
    v = ov.versie
    totalen = ProgrammaOpgave.objects.filter(versie=v).aggregate(
        aantal=Count("pk"), budget=Sum("budget")
    )
    return [
        {
            **_basis(ov),
            "titel": v.titel,
            "status": v.jaarprogramma.status,
            "geldend": ov.geldend,
            "vervangen_door": ov.vervanging.door.nummer if ov.vervanging else None,
            "voorgesteld_op": v.bevroren_op,
            "reden": v.reden,
            "verdeelsleutel": v.verdeelsleutel,
            "basisaandeel": v.basisaandeel,
            "peildatum_inwoners": v.peildatum_inwoners,
            "aantal_opgaven": totalen["aantal"],
            "budget": totalen["budget"] or 0,
            "aantal_gemeenten": v.deelnemers.count(),
            "vingerafdruk": ov.vingerafdruk,
            "visie_fundament": v.visie_fundament,
            "visie_actualiteit": v.visie_actualiteit,
            "visie_perspectief": v.visie_perspectief,
            "url": absoluut(v.get_absolute_url()),
        }
    ]


def opgaven(ov: OpenVersie) -> list[Rij]:
    """A row per opgave: its content as proposed, its figures as the programme page shows them
    (programma.cijfers) and its coverage as the dekking page shows it (raden.cijfers)."""
    dekking = {r.programma_opgave.pk: r for r in dekking_van(ov.versie).rijen}
    rijen = []
    for po in programma_opgaven(ov.versie):
        rij = dekking[po.pk]
        if rij.dekking is None:
            status = "open"
        else:
            status = "gedekt" if rij.dekking.gedekt else "niet_gedekt"
        rijen.append(
            {
                **_basis(ov),
                "opgave": po.opgave.slug,
                "titel": po.titel_weergave,
                "thema": po.thema_weergave,
                "rangorde": po.rangorde,
                "doel": po.doel,
                "resultaat": po.resultaat,
                "mandaat": po.mandaat,
                "sturing": po.sturing,
                "budget": po.budget,
                "capaciteit_fte": po.capaciteit_fte,
                "capaciteit_toelichting": po.capaciteit_toelichting,
                "portefeuillehouder": po.portefeuillehouder_naam,
                "portefeuillehouder_functie": po.portefeuillehouder_functie,
                "portefeuillehouder_gemeente": po.portefeuillehouder_gemeente,
                "cofinanciering": po.cofinanciering,
                "aantal_synergieen": po.aantal_synergieen,
                "besluiten_ja": rij.ja,
                "besluiten_nee": rij.nee,
                "toegezegd": rij.gedekt,
                "status": status,
                "url": absoluut(
                    reverse("opgave-jaar", kwargs={"slug": po.opgave.slug, "jaar": ov.jaar})
                ),
            }
        )
    return rijen


def bijdragen(ov: OpenVersie) -> list[Rij]:
    """A row per stored Bijdrage: the opgaven in the programme's order, the gemeenten by name
    (three queries)."""
    deelnemers = deelnemers_van(ov.versie)
    bedragen = bijdragen_van(ov.versie, deelnemers)
    opgaven_ = ov.versie.opgaven.select_related("opgave").order_by(
        "opgave__thema__volgorde", "rangorde", "opgave__titel"
    )
    return [
        {
            **_basis(ov),
            "opgave": po.opgave.slug,
            "opgave_titel": po.titel_weergave,
            "gemeente": d.gemeente.slug,
            "gemeente_naam": d.gemeente_weergave,
            "cbs_code": d.gemeente.cbs_code,
            "inwoners": d.inwoners,
            "bedrag": bedragen[(po.pk, d.gemeente_id)],
        }
        for po in opgaven_
        for d in deelnemers
        if (po.pk, d.gemeente_id) in bedragen
    ]


def besluiten(ov: OpenVersie) -> list[Rij]:
    """A row per Besluit on this version (made only by a confirmed vote; one query)."""
    qs = (
        Besluit.objects.filter(
            programma_opgave__versie=ov.versie, stemming__bevestigd_op__isnull=False
        )
        .select_related("gemeente", "programma_opgave__opgave", "programma_opgave__versie")
        .select_related("stemming")
        .order_by("gemeente__naam", "programma_opgave__rangorde", "programma_opgave__pk")
    )
    return [
        {
            **_basis(ov),
            "gemeente": b.gemeente.slug,
            "gemeente_naam": b.gemeente.naam,
            "opgave": b.programma_opgave.opgave.slug,
            "opgave_titel": b.programma_opgave.titel_weergave,
            "deelname": b.deelname,
            "bijdrage": b.bijdrage,
            "stemming": b.stemming_id,
            "vergaderdatum": b.stemming.vergaderdatum,
            "bevestigd_op": b.stemming.bevestigd_op,
            "uitkomst": b.stemming.uitkomst,
            "zienswijze": b.zienswijze,
        }
        for b in qs
    ]


def stemmen_per_raadslid(ov: OpenVersie) -> list[Rij]:
    """A row per Stem of every confirmed vote on this version, with the name and fractie the
    member had when voting (one query, read as plain values: thousands of rows)."""
    velden = (
        "stemming_id",
        "stemming__gemeente__slug",
        "stemming__gemeente__naam",
        "stemming__programma_opgave__opgave__slug",
        "stemming__vergaderdatum",
        "stemming__bevestigd_op",
        "fractie_naam",
        "raadslid_naam",
        "keuze",
        "reden",
    )
    qs = (
        Stem.objects.filter(stemming__versie=ov.versie, stemming__bevestigd_op__isnull=False)
        .order_by(
            "stemming__gemeente__naam",
            "stemming__programma_opgave__rangorde",
            "stemming__geopend_op",
            "stemming_id",
            "fractie_naam",
            "raadslid__achternaam",
            "raadslid__voornaam",
            "pk",
        )
        .values_list(*velden)
    )
    basis = _basis(ov)
    return [
        {
            **basis,
            "stemming": stemming,
            "gemeente": gemeente,
            "gemeente_naam": gemeente_naam,
            "opgave": opgave,
            "vergaderdatum": datum,
            "bevestigd_op": bevestigd,
            "fractie": fractie,
            "raadslid": raadslid,
            "keuze": keuze,
            "reden": reden,
        }
        for (
            stemming,
            gemeente,
            gemeente_naam,
            opgave,
            datum,
            bevestigd,
            fractie,
            raadslid,
            keuze,
            reden,
        ) in qs
    ]


def stemmen_per_fractie(ov: OpenVersie) -> list[Rij]:
    """A row per fractie per confirmed vote, counted as the pages count them
    (raden.selectors.stemmen_per_fractie_van_versie, two queries)."""
    return [
        {
            **_basis(ov),
            "stemming": s.stemming.pk,
            "gemeente": s.stemming.gemeente.slug,
            "gemeente_naam": s.stemming.gemeente.naam,
            "opgave": s.stemming.programma_opgave.opgave.slug,
            "vergaderdatum": s.stemming.vergaderdatum,
            "bevestigd_op": s.stemming.bevestigd_op,
            "uitkomst": s.stemming.uitkomst,
            "fractie": f.naam,
            "voor": f.voor,
            "tegen": f.tegen,
            "niet_deelgenomen": f.niet_deelgenomen,
        }
        for s in stemmen_per_fractie_van_versie(ov.versie)
        for f in s.fracties
    ]


BOUWERS: dict[str, Callable[[OpenVersie], list[Rij]]] = {
    schema.VERSIE.naam: versie,
    schema.OPGAVEN.naam: opgaven,
    schema.BIJDRAGEN.naam: bijdragen,
    schema.BESLUITEN.naam: besluiten,
    schema.STEMMEN_RAADSLEDEN.naam: stemmen_per_raadslid,
    schema.STEMMEN_FRACTIES.naam: stemmen_per_fractie,
}
assert set(BOUWERS) == set(schema.TABELLEN), "every table needs a row builder"
