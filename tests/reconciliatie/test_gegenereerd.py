"""A randomly generated programme, built through the services, reconciled on every page that
shows it: any number of opgaven, regelingen, stuurgroepleden and synergieën, concept or
proposed, under either verdeelsleutel that needs no input per gemeente."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programma import services
from programma.models import Niveau, Verdeelsleutel
from tests.factories import (
    BestuurderFactory,
    OpgaveFactory,
    PartnerFactory,
    ThemaFactory,
    opgave_inhoud,
)
from tests.reconciliatie.oppervlak import HtmlPagina, klopt
from tests.reconciliatie.verwacht import Rijen, Ronde
from tests.reconciliatie.verwacht_paginas import programma_pagina

JAAR = 2040
MAX_OPGAVEN = 6
# The most queries a programme or opgave page may take, as in test_demo.py: the opgave page
# reads the confirmed votes with their Stem rows, and the answered questions (issue 15); the
# programme page of a proposed version where its decision round stands (two, issue 18), read
# here by a logged-in regiobestuur (its session, user and permissions: four).
MAX_QUERIES = 16

opgaven = st.lists(
    st.fixed_dictionaries(
        {
            "budget": st.integers(0, 40_000_000),
            "fte": st.decimals(0, 99, places=2, allow_nan=False, allow_infinity=False),
            "rangorde": st.integers(0, 4),
            "thema": st.integers(0, 2),
            "regelingen": st.lists(
                st.tuples(st.sampled_from(Niveau.values), st.integers(0, 9_000_000)), max_size=4
            ),
            "partners": st.integers(0, 3),
            "bestuurders": st.integers(0, 2),
        }
    ),
    min_size=1,
    max_size=MAX_OPGAVEN,
)
programmas = st.fixed_dictionaries(
    {
        "opgaven": opgaven,
        "synergieen": st.sets(
            st.tuples(st.integers(0, MAX_OPGAVEN - 1), st.integers(0, MAX_OPGAVEN - 1)),
            max_size=10,
        ),
        "basisaandeel": st.none() | st.decimals(0, 100, places=1, allow_nan=False),
        "voorstellen": st.booleans(),
    }
)


def _bouw(plan: dict, gemeenten, bestuur):
    """The programme of the plan, through programma.services as the portal builds one."""
    versie = services.maak_jaarprogramma(jaar=JAAR, titel=f"Programma {JAAR}", acting_user=bestuur)
    if plan["basisaandeel"] is not None:
        services.werk_verdeelsleutel_bij(
            versie=versie,
            verdeelsleutel=Verdeelsleutel.BASIS_PLUS_INWONERS,
            basisaandeel=plan["basisaandeel"],
            percentages=None,
            acting_user=bestuur,
        )
    themas = [ThemaFactory(volgorde=i) for i in range(3)]
    partners = [PartnerFactory() for _ in range(3)]
    bestuurders = [BestuurderFactory(gemeente=g) for g in gemeenten[:2]]
    houder = BestuurderFactory(gemeente=gemeenten[-1])
    pos = []
    for o in plan["opgaven"]:
        po = services.neem_opgave_op(
            versie=versie,
            opgave=OpgaveFactory(thema=themas[o["thema"]], sinds=JAAR),
            acting_user=bestuur,
            portefeuillehouder=houder,
            partners=partners[: o["partners"]],
            bestuurders=bestuurders[: o["bestuurders"]],
            **opgave_inhoud(budget=o["budget"], capaciteit_fte=o["fte"], rangorde=o["rangorde"]),
        )
        for i, (niveau, bedrag) in enumerate(o["regelingen"]):
            services.voeg_externe_regeling_toe(
                programma_opgave=po,
                naam=f"Regeling {i}",
                niveau=niveau,
                verwachte_cofinanciering=bedrag,
                acting_user=bestuur,
            )
        pos.append(po)
    paren = {tuple(sorted(p)) for p in plan["synergieen"] if p[0] != p[1]}
    for a, b in sorted(paren):
        if b < len(pos):
            services.voeg_synergie_toe(
                van=pos[a], naar=pos[b], toelichting="Samen sterker.", acting_user=bestuur
            )
    if plan["voorstellen"]:
        services.stel_programma_voor(versie=versie, acting_user=bestuur)
    return versie, pos


def _pagina(client, url) -> HtmlPagina:
    return HtmlPagina.van(client.get(url), url)


def _reconcilieer(plan, gemeenten, bestuur, clients, django_assert_max_num_queries):
    versie, pos = _bouw(plan, gemeenten, bestuur)
    rijen, ronde = Rijen.lees(), Ronde.lees()
    # Who reads it: the public once it is proposed, the regiobestuur always.
    lezers = [(True, clients["bestuur"])]
    if plan["voorstellen"]:
        lezers.append((False, clients["anoniem"]))
    for concepten, c in lezers:
        with django_assert_max_num_queries(MAX_QUERIES):
            pagina = _pagina(c, f"/programma/{JAAR}/")
        klopt(pagina, programma_pagina(rijen, ronde, versie.pk))
        klopt(_pagina(c, f"/programma/{JAAR}/v1/"), programma_pagina(rijen, ronde, versie.pk))
        klopt(_pagina(c, f"/programma/{JAAR}/begroting/"), rijen.begroting(versie.pk))
        klopt(_pagina(c, f"/programma/{JAAR}/synergie/"), rijen.synergie(versie.pk))
        for po in pos:
            slug = po.opgave.slug
            with django_assert_max_num_queries(MAX_QUERIES):
                pagina = _pagina(c, f"/opgaven/{slug}/{JAAR}/")
            klopt(pagina, rijen.opgave(slug, JAAR, concepten=concepten))
            klopt(_pagina(c, f"/opgaven/{slug}/"), rijen.opgave(slug, None, concepten=concepten))
        for g in gemeenten:
            klopt(_pagina(c, f"/gemeenten/{g.slug}/"), rijen.gemeente(g.slug, concepten=concepten))
    if not plan["voorstellen"]:
        c = clients["bestuur"]
        klopt(_pagina(c, f"/programma/{JAAR}/bewerken/"), rijen.overzicht(versie.pk))
        klopt(_pagina(c, f"/programma/{JAAR}/bewerken/verdeelsleutel/"), rijen.verdeling(versie.pk))
        klopt(_pagina(c, f"/programma/{JAAR}/bewerken/voorstellen/"), rijen.voorstellen(versie.pk))


@pytest.fixture
def clients(bestuur):
    ingelogd = Client()
    ingelogd.force_login(bestuur)
    return {"bestuur": ingelogd, "anoniem": Client()}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=programmas)
def test_een_willekeurig_programma_klopt_op_elke_pagina(
    plan, kleine_regio, bestuur, clients, django_assert_max_num_queries
):
    with transaction.atomic():
        _reconcilieer(plan, kleine_regio, bestuur, clients, django_assert_max_num_queries)
        transaction.set_rollback(True)  # the next example starts from the same database


def test_co_financiering_naast_synergieen_en_stuurgroep(
    kleine_regio, bestuur, clients, django_assert_max_num_queries
):
    """The shape that multiplied co-funding: regelingen, synergieën on both sides and a
    stuurgroep on one opgave."""
    plan = {
        "opgaven": [
            {
                "budget": 1_000_000,
                "fte": Decimal("1.5"),
                "rangorde": 1,
                "thema": 0,
                "regelingen": [("rijk", 100_000), ("eu", 200_000), ("provincie", 300_000)],
                "partners": 3,
                "bestuurders": 2,
            },
            *[
                {
                    "budget": 500_000,
                    "fte": Decimal("0.5"),
                    "rangorde": 0,
                    "thema": 1,
                    "regelingen": [],
                    "partners": 0,
                    "bestuurders": 0,
                }
            ]
            * 3,
        ],
        # the first opgave is `van` of one synergy and `naar` of none, the second the other way
        "synergieen": {(0, 1), (0, 2), (1, 3), (2, 3)},
        "basisaandeel": None,
        "voorstellen": True,
    }
    _reconcilieer(plan, kleine_regio, bestuur, clients, django_assert_max_num_queries)
