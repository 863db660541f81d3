"""Properties of raden.uitslag.bereken (Gemeentewet art. 20, 28, 32; DOMAIN.md "Council
votes"), and a comparison with an independent, straightforward reading of those articles."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from raden.models.stemming import Keuze, Reden, Uitkomst
from raden.uitslag import bereken

VOOR = (Keuze.VOOR.value, "")
TEGEN = (Keuze.TEGEN.value, "")
AFWEZIG = (Keuze.NIET_DEELGENOMEN.value, Reden.AFWEZIG.value)
BELANG = (Keuze.NIET_DEELGENOMEN.value, Reden.PERSOONLIJK_BELANG.value)
SOORTEN = [VOOR, TEGEN, AFWEZIG, BELANG]


@st.composite
def vergaderingen(draw):
    """A council of `zittend` sitting members and the votes recorded for some of them (a member
    without a recorded vote is absent)."""
    n = draw(st.integers(min_value=1, max_value=45))
    stemmen = draw(st.lists(st.sampled_from(SOORTEN), max_size=n))
    return n, stemmen


def volgens_de_wet(zittend: int, stemmen, herstemming: bool) -> str:
    """The articles read one member at a time, without the tricks of the real function."""
    leden = list(stemmen) + [AFWEZIG] * (zittend - len(stemmen))
    aanwezig = [s for s in leden if s != AFWEZIG]  # an excused member is present (art. 28)
    if not Fraction(len(aanwezig), zittend) > Fraction(1, 2):  # art. 20
        return Uitkomst.GEEN_QUORUM
    uitgebracht = [s for s in aanwezig if s in (VOOR, TEGEN)]
    voor = uitgebracht.count(VOOR)
    if uitgebracht and Fraction(voor, len(uitgebracht)) > Fraction(1, 2):  # art. 28
        return Uitkomst.AANGENOMEN
    if voor * 2 == len(uitgebracht):  # staken der stemmen, art. 32
        voltallig = len(aanwezig) == zittend
        if voltallig or herstemming:
            return Uitkomst.VERWORPEN
        return Uitkomst.UITGESTELD
    return Uitkomst.VERWORPEN


@settings(max_examples=400, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans())
@example(vergadering=(9, [VOOR] * 4 + [TEGEN] * 4), herstemming=False)
@example(vergadering=(9, [VOOR] * 4 + [TEGEN] * 4), herstemming=True)
@example(vergadering=(9, [VOOR] * 4 + [TEGEN] * 4 + [BELANG]), herstemming=False)
@example(vergadering=(10, [VOOR] * 3 + [TEGEN] * 2), herstemming=False)  # exactly half: none
@example(vergadering=(9, [VOOR] * 2 + [TEGEN] + [BELANG] * 2), herstemming=False)
@example(vergadering=(9, [BELANG] * 9), herstemming=False)  # present, nobody votes
def test_gelijk_aan_een_rechtstreekse_lezing_van_de_wet(vergadering, herstemming):
    zittend, stemmen = vergadering
    uitslag = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    assert uitslag.uitkomst == volgens_de_wet(zittend, stemmen, herstemming)


@settings(max_examples=300, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans())
def test_de_tellingen_kloppen(vergadering, herstemming):
    zittend, stemmen = vergadering
    u = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    telling = Counter(stemmen)
    assert (u.voor, u.tegen, u.onthouden) == (telling[VOOR], telling[TEGEN], telling[BELANG])
    assert u.afwezig == telling[AFWEZIG] + zittend - len(stemmen)
    assert u.voor + u.tegen + u.afwezig + u.onthouden == u.zittend == zittend
    assert u.uitgebracht == u.voor + u.tegen
    assert u.aanwezig == zittend - u.afwezig
    assert u.volledig == (u.afwezig == 0)


@settings(max_examples=300, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans())
def test_quorumregel(vergadering, herstemming):
    zittend, stemmen = vergadering
    u = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    assert u.quorum == (2 * u.aanwezig > zittend)
    assert (u.uitkomst == Uitkomst.GEEN_QUORUM) == (not u.quorum)


@settings(max_examples=300, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans())
def test_meerderheidsregel(vergadering, herstemming):
    zittend, stemmen = vergadering
    u = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    if not u.quorum:
        return
    # carried exactly when more than half of the votes cast are voor, whatever the absentees
    assert (u.uitkomst == Uitkomst.AANGENOMEN) == (u.voor > u.tegen)
    if u.voor < u.tegen:
        assert u.uitkomst == Uitkomst.VERWORPEN


@settings(max_examples=300, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans())
def test_staken_der_stemmen(vergadering, herstemming):
    zittend, stemmen = vergadering
    u = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    if not u.quorum or u.voor != u.tegen:
        assert u.uitkomst != Uitkomst.UITGESTELD
        return
    if u.volledig or herstemming:
        assert u.uitkomst == Uitkomst.VERWORPEN
    else:
        assert u.uitkomst == Uitkomst.UITGESTELD


@settings(max_examples=200, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans(), data=st.data())
def test_volgorde_van_de_stemmen_doet_er_niet_toe(vergadering, herstemming, data):
    zittend, stemmen = vergadering
    geschud = data.draw(st.permutations(stemmen))
    assert bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming) == bereken(
        zittend=zittend, stemmen=geschud, herstemming=herstemming
    )


@settings(max_examples=200, deadline=None)
@given(vergadering=vergaderingen(), herstemming=st.booleans(), data=st.data())
def test_een_stem_erbij_voor_helpt_nooit_tegen(vergadering, herstemming, data):
    """Monotone: turning one tegen into voor never undoes an adoption."""
    zittend, stemmen = vergadering
    if TEGEN not in stemmen:
        return
    i = data.draw(st.sampled_from([i for i, s in enumerate(stemmen) if s == TEGEN]))
    beter = [*stemmen[:i], VOOR, *stemmen[i + 1 :]]
    eerst = bereken(zittend=zittend, stemmen=stemmen, herstemming=herstemming)
    daarna = bereken(zittend=zittend, stemmen=beter, herstemming=herstemming)
    if eerst.uitkomst == Uitkomst.AANGENOMEN:
        assert daarna.uitkomst == Uitkomst.AANGENOMEN
    assert eerst.quorum == daarna.quorum


@given(zittend=st.integers(min_value=1, max_value=45), extra=st.integers(min_value=1, max_value=5))
def test_meer_stemmen_dan_leden_is_een_fout(zittend, extra):
    with pytest.raises(ValueError):
        bereken(zittend=zittend, stemmen=[VOOR] * (zittend + extra))
