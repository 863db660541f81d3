"""The split of a budget over the gemeenten: exact to the euro, stable, by the stated rule."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programma.verdeling import (
    VerdeelFout,
    gewichten_basis_plus_inwoners,
    gewichten_percentages,
    verdeel,
)

cbs_codes = st.integers(min_value=1, max_value=9999).map(lambda n: f"GM{n:04d}")
inwoners = st.dictionaries(
    cbs_codes, st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=40
)
bedragen = st.integers(min_value=0, max_value=10**12)


@given(bedrag=bedragen, populatie=inwoners)
def test_bijdragen_tellen_op_tot_het_budget(bedrag, populatie):
    delen = verdeel(bedrag, populatie)
    assert sum(delen.values()) == bedrag
    assert set(delen) == set(populatie)
    assert all(isinstance(d, int) and d >= 0 for d in delen.values())


@given(bedrag=bedragen, populatie=inwoners)
def test_elk_deel_wijkt_minder_dan_een_euro_af_van_het_exacte_aandeel(bedrag, populatie):
    totaal = sum(populatie.values())
    for code, deel in verdeel(bedrag, populatie).items():
        exact = Fraction(bedrag * populatie[code], totaal)
        assert exact - 1 < deel < exact + 1
        assert deel in (
            exact.numerator // exact.denominator,
            exact.numerator // exact.denominator + 1,
        )


@given(bedrag=bedragen, populatie=inwoners)
def test_grootste_overschotten_krijgen_de_resterende_euros(bedrag, populatie):
    totaal = sum(populatie.values())
    delen = verdeel(bedrag, populatie)
    rest = {k: Fraction(bedrag * w, totaal) % 1 for k, w in populatie.items()}
    opgehoogd = [k for k in populatie if delen[k] > Fraction(bedrag * populatie[k], totaal)]
    niet = [k for k in populatie if k not in opgehoogd]
    if opgehoogd and niet:
        assert min(rest[k] for k in opgehoogd) >= max(rest[k] for k in niet)


@given(bedrag=bedragen, populatie=inwoners)
def test_de_volgorde_van_de_invoer_doet_er_niet_toe(bedrag, populatie):
    omgekeerd = dict(reversed(list(populatie.items())))
    assert verdeel(bedrag, populatie) == verdeel(bedrag, omgekeerd)


@given(bedrag=bedragen, populatie=inwoners, basis=st.decimals(min_value=0, max_value=100, places=2))
def test_vast_deel_plus_inwoners_telt_ook_op(bedrag, populatie, basis):
    delen = verdeel(bedrag, gewichten_basis_plus_inwoners(populatie, basis))
    assert sum(delen.values()) == bedrag


def test_gelijke_overschotten_gaan_eerst_naar_de_laagste_cbs_code():
    # 100 euro over drie gelijke gemeenten: 33 each, the one euro left goes to the lowest code.
    assert verdeel(100, {"GM0300": 1, "GM0200": 1, "GM0100": 1}) == {
        "GM0100": 34,
        "GM0200": 33,
        "GM0300": 33,
    }


def test_bij_gelijk_overschot_wint_het_grootste_exacte_aandeel():
    # Shares 4.5 and 1.5 have the same remainder; the larger exact share gets the euro.
    assert verdeel(6, {"GM0002": 3, "GM0001": 1}) == {"GM0002": 5, "GM0001": 1}


def test_voorbeeld_met_de_hand_nagerekend():
    # 1.000.000 over 50.000 / 30.000 / 20.000 inwoners is exact 500.000 / 300.000 / 200.000;
    # 1.000.001 leaves one euro, for the largest remainder (0.5 for the first).
    assert verdeel(1_000_000, {"A": 50_000, "B": 30_000, "C": 20_000}) == {
        "A": 500_000,
        "B": 300_000,
        "C": 200_000,
    }
    assert verdeel(1_000_001, {"A": 50_000, "B": 30_000, "C": 20_000}) == {
        "A": 500_001,
        "B": 300_000,
        "C": 200_000,
    }


@pytest.mark.parametrize(
    "bedrag, gewichten, melding",
    [
        (100, {}, "geen gemeenten"),
        (100, {"A": 0, "B": 0}, "nul"),
        (100, {"A": -1, "B": 2}, "negatief"),
        (-5, {"A": 1}, "negatief"),
        (10.5, {"A": 1}, "geheel"),
    ],
)
def test_onmogelijke_verdeling_geeft_een_duidelijke_fout(bedrag, gewichten, melding):
    with pytest.raises(VerdeelFout, match=melding):
        verdeel(bedrag, gewichten)


def test_percentages_moeten_optellen_tot_honderd():
    with pytest.raises(VerdeelFout, match="99,0000 in plaats van 100"):
        gewichten_percentages({"A": Decimal("50"), "B": Decimal("49")})
    gewichten = gewichten_percentages({"A": Decimal("62.5"), "B": Decimal("37.5")})
    assert verdeel(1_000, gewichten) == {"A": 625, "B": 375}
