"""The word-level difference: joining its segments gives both texts back exactly."""

from hypothesis import given
from hypothesis import strategies as st

from regio.tekstverschil import ERBIJ, GELIJK, WEG, is_lang, woordverschil
from regio.templatetags.regio import tekstverschil

tekst = st.text(alphabet=st.sampled_from(list("ab c\nde fg ")), max_size=60)


@given(tekst, tekst)
def test_segmenten_geven_beide_teksten_terug(oud, nieuw):
    segmenten = woordverschil(oud, nieuw)
    assert "".join(s.tekst for s in segmenten if s.soort in (GELIJK, WEG)) == oud
    assert "".join(s.tekst for s in segmenten if s.soort in (GELIJK, ERBIJ)) == nieuw
    # neighbours never have the same kind: one <ins> per run of added words
    assert all(a.soort != b.soort for a, b in zip(segmenten, segmenten[1:], strict=False))


def test_een_gewijzigd_woord():
    segmenten = woordverschil("De regio zet 10 MW zon op dak.", "De regio zet 12 MW zon op dak.")
    assert [(s.soort, s.tekst) for s in segmenten] == [
        (GELIJK, "De regio zet "),
        (WEG, "10 "),
        (ERBIJ, "12 "),
        (GELIJK, "MW zon op dak."),
    ]


def test_html_is_ontsnapt():
    html = tekstverschil("<b>oud</b> tekst", "<script>x</script> tekst")
    assert "<script>" not in html
    assert html == (
        "<del>&lt;b&gt;oud&lt;/b&gt; </del><ins>&lt;script&gt;x&lt;/script&gt; </ins>tekst"
    )


def test_lang():
    assert is_lang("a" * 121)
    assert is_lang("kort", "twee\nregels")
    assert not is_lang("kort", None, "")


def test_een_zin_erachter_laat_het_laatste_woord_staan():
    segmenten = woordverschil("De regio in 2050.", "De regio in 2050. Ook warmte.")
    assert [(s.soort, s.tekst) for s in segmenten] == [
        (GELIJK, "De regio in 2050."),
        (ERBIJ, " Ook warmte."),
    ]
