"""Dutch money input and output: one parser and one formatter for every form and page."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from regio.geld import MAX_BEDRAG, format_aantal, format_bedrag, format_fte, parse_bedrag


@pytest.mark.parametrize(
    "invoer, verwacht",
    [
        ("1.250.000", 1_250_000),
        ("1250000", 1_250_000),
        ("€ 250.000", 250_000),
        ("€250.000", 250_000),
        ("1.250.000,00", 1_250_000),
        ("1.250.000,-", 1_250_000),
        (" 12 500 ", 12_500),
        ("EUR 3.000", 3_000),
        ("0", 0),
        (750, 750),
    ],
)
def test_nederlandse_bedragen_worden_goed_gelezen(invoer, verwacht):
    assert parse_bedrag(invoer) == verwacht


@pytest.mark.parametrize(
    "invoer, melding",
    [
        ("1.250.000,50", "hele euro"),
        ("12,5", "hele euro"),
        ("€ 1,2 mln", "voluit"),
        ("2 miljoen", "voluit"),
        ("1,250,000", "punt tussen duizendtallen"),
        ("1.25", "geen bedrag"),
        ("12.50", "geen bedrag"),
        ("-5.000", "negatief"),
        ("twaalf", "geen bedrag"),
        ("", "Vul een bedrag in"),
        ("1.2.3", "geen bedrag"),
        ("1.000.000.000.001", "hoogstens"),
        ("9" * 30, "hoogstens"),
    ],
)
def test_onzin_en_centen_worden_geweigerd_met_een_melding(invoer, melding):
    with pytest.raises(ValidationError) as fout:
        parse_bedrag(invoer)
    assert melding in " ".join(fout.value.messages)


@given(st.integers(min_value=0, max_value=MAX_BEDRAG))
def test_wat_we_tonen_lezen_we_terug(bedrag):
    assert parse_bedrag(format_bedrag(bedrag)) == bedrag


def test_opmaak():
    assert format_bedrag(1_250_000) == "€\u00a01.250.000"
    assert format_bedrag(0) == "€\u00a00"
    assert format_aantal(187_011) == "187.011"
    assert format_fte("2.50") == "2,5\u00a0fte"
    assert format_fte(4) == "4\u00a0fte"


@pytest.mark.parametrize("invoer", ["١٢٣", "１２３", "۲۰۳۰", "1.٢٣٤", "12³", "€ ١.٠٠٠"])
def test_alleen_de_cijfers_0_tot_en_met_9(invoer):
    """int() and \\d read Arabic-Indic and fullwidth digits; an amount never does."""
    with pytest.raises(ValidationError) as fout:
        parse_bedrag(invoer)
    assert fout.value.code == "andere_cijfers"
