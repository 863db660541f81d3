"""The three-way merge of two edits (pure) and the word-level difference of texts."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from programma.samenvoegen import (
    MIJN,
    OPGESLAGEN,
    normaliseer,
    voeg_samen,
    woordverschil,
)

BASIS = {"doel": "Oud doel", "budget": 100, "partners": frozenset({1, 2})}


def test_alleen_de_ander_veranderde_blijft_stil_bewaard():
    uit = voeg_samen(
        basis=BASIS, opgeslagen={**BASIS, "budget": 200}, mijn={**BASIS, "doel": "Mijn doel"}
    )
    assert uit.resultaat == {"doel": "Mijn doel", "budget": 200, "partners": frozenset({1, 2})}
    assert uit.van_ander == ["budget"]
    assert uit.conflicten == []


def test_beide_hetzelfde_veranderd_is_geen_conflict():
    zelfde = {**BASIS, "doel": "Samen bedacht"}
    uit = voeg_samen(basis=BASIS, opgeslagen=zelfde, mijn=zelfde)
    assert uit.resultaat == zelfde and uit.conflicten == [] and uit.van_ander == []


def test_beide_anders_veranderd_is_een_conflict_voor_alleen_dat_veld():
    uit = voeg_samen(
        basis=BASIS,
        opgeslagen={**BASIS, "doel": "Doel van Anja", "budget": 300},
        mijn={**BASIS, "doel": "Doel van Bert"},
    )
    assert uit.conflicten == ["doel"]
    assert uit.resultaat["doel"] == "Doel van Bert"  # until the user chooses
    assert uit.resultaat["budget"] == 300 and uit.van_ander == ["budget"]


def test_keuzes_beslissen_een_eerder_conflict():
    # after the conflict screen the basis is what was stored then (Anja's)
    basis = {**BASIS, "doel": "Doel van Anja"}
    mijn = {**basis, "doel": "Doel van Bert", "budget": 150}
    houden = voeg_samen(basis=basis, opgeslagen=basis, mijn=mijn, keuzes={"doel": OPGESLAGEN})
    assert houden.resultaat["doel"] == "Doel van Anja" and houden.resultaat["budget"] == 150
    eigen = voeg_samen(basis=basis, opgeslagen=basis, mijn=mijn, keuzes={"doel": MIJN})
    assert eigen.resultaat["doel"] == "Doel van Bert"


def test_verzamelingen_per_element():
    uit = voeg_samen(
        basis=BASIS,
        opgeslagen={**BASIS, "partners": frozenset({1, 2, 3})},  # Anja adds 3
        mijn={**BASIS, "partners": frozenset({2, 4})},  # Bert removes 1, adds 4
    )
    assert uit.resultaat["partners"] == frozenset({2, 3, 4})
    assert uit.conflicten == [] and uit.van_ander == ["partners"]


def test_zonder_basis_is_elk_verschil_een_vraag():
    uit = voeg_samen(
        basis=None, opgeslagen={**BASIS, "budget": 200}, mijn={**BASIS, "doel": "Mijn doel"}
    )
    assert sorted(uit.conflicten) == ["budget", "doel"]


def test_een_veld_dat_niet_van_mij_is_blijft_zoals_opgeslagen():
    mijn = {"doel": "Oud doel"}  # the budget was disabled for this user
    uit = voeg_samen(basis=BASIS, opgeslagen={**BASIS, "budget": 999}, mijn=mijn)
    assert uit.resultaat["budget"] == 999 and uit.conflicten == []


def test_normaliseer_maakt_een_onaangeroerd_tekstvak_gelijk():
    soorten = {"doel": str, "budget": int, "fte": Decimal, "partners": frozenset}
    opgeslagen = normaliseer(
        {"doel": "regel 1\nregel 2", "budget": 5, "fte": Decimal("2.50"), "partners": [2, 1]},
        soorten,
    )
    uit_browser = normaliseer(
        {"doel": " regel 1\r\nregel 2\r\n", "budget": "5", "fte": "2.5", "partners": ["1", "2"]},
        soorten,
    )
    assert opgeslagen == uit_browser


def test_woordverschil_markeert_woorden_en_ontsnapt_html():
    html = woordverschil("Het doel is <b>groen</b>.", "Het doel is <script>x</script> en groen.")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<del>&lt;b&gt;groen&lt;/b&gt;.</del>" in html
    assert "<ins>&lt;script&gt;x&lt;/script&gt; en groen.</ins>" in html
    assert html.startswith("Het doel is ")
    assert woordverschil("a\nb", "a\nb c") == "a<br>b <ins>c</ins>"  # the space outside
    assert woordverschil("a b c", "a b c") == "a b c"


# One field's value on each side: drawn from a small set so that equal values occur often.
_waarde = st.sampled_from(["a", "b", "c", 1, 2, None])
_verzameling = st.frozensets(st.integers(1, 6), max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    basis=st.fixed_dictionaries({"x": _waarde, "y": _waarde, "s": _verzameling}),
    opgeslagen=st.fixed_dictionaries({"x": _waarde, "y": _waarde, "s": _verzameling}),
    mijn=st.fixed_dictionaries({"x": _waarde, "y": _waarde, "s": _verzameling}),
)
def test_samenvoegen_verliest_nooit_een_wijziging_van_een_kant(basis, opgeslagen, mijn):
    uit = voeg_samen(basis=basis, opgeslagen=opgeslagen, mijn=mijn)
    for veld in ("x", "y"):
        if veld in uit.conflicten:
            # only when both changed it, differently; the user is asked
            assert opgeslagen[veld] != basis[veld] and mijn[veld] != basis[veld]
            assert opgeslagen[veld] != mijn[veld]
        elif mijn[veld] != basis[veld]:
            assert uit.resultaat[veld] == mijn[veld]
        elif opgeslagen[veld] != basis[veld]:
            assert uit.resultaat[veld] == opgeslagen[veld]
            assert veld in uit.van_ander
        else:
            assert uit.resultaat[veld] == basis[veld]
    # every element one side added is in, every element one side removed is out
    s, b, o, m = uit.resultaat["s"], basis["s"], opgeslagen["s"], mijn["s"]
    assert (o - b) <= s and (m - b) <= s
    assert not (s & (b - o)) and not (s & (b - m))
    assert "s" not in uit.conflicten
