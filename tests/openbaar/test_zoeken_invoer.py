"""Hostile input to the search: whatever a visitor types comes back as text (escaped), never
as HTML or as a query operator, and never as a 500: quotes, markup, `&`, tsquery operators,
NUL bytes and other control characters, very long input; also in the filters. On PostgreSQL the
query goes through websearch_to_tsquery (which never raises on syntax), on SQLite through LIKE
with only the words; the snippets escape the texts themselves too (tests below)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from openbaar.zoeken import MAX_LENGTE
from openbaar.zoeken.tekst import BEGIN, EIND, markeer, uit_headline, woorden_van

URL = reverse("zoeken")
MAX_QUERIES = 12

VIJANDIG = [
    '"',
    "'",
    '"energie',
    "<script>alert(1)</script>",
    "energie & water",
    "&amp; &lt;",
    "!energie",
    "energie | water",
    "energie:*",
    "(energie",
    "energie)) | !(",
    "'' OR 1=1 --",
    "'; DROP TABLE programma_programmaopgave; --",
    "energie\x00water",
    "\x00",
    "\x01\x02\x03 \x1b[31m",
    "-",
    "--",
    "or",
    "\"\" '' ::",
    "%",
    "_",
    "\\",
    "energie" * 500,
    "a " * 5000,
    "é" * 300,
    "<mark>energie</mark>",
    "{{ 7*7 }} {% debug %}",
    "\u202e\u200b",
]


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _controleer(client, django_assert_max_num_queries, q, **extra):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"q": q, **extra})
    assert response.status_code == 200
    inhoud = response.content.decode()
    main = _main(response)
    assert "<script>" not in main
    assert "\x00" not in inhoud  # also not in the header's search box
    # only our own <mark> elements, and they are balanced
    assert main.count("<mark>") == main.count("</mark>")
    assert not re.search(
        r"<(?!/?(?:mark|p|a|h[1-3]|li|ul|ol|span|strong|div|form|label|input|"
        r"button|fieldset|legend|select|option|optgroup|details|summary|"
        r"section|nav)\b)",
        main,
    )
    return response


@pytest.mark.parametrize("q", VIJANDIG, ids=range(len(VIJANDIG)))
def test_vijandige_invoer_komt_als_tekst_terug(client, demo, django_assert_max_num_queries, q):
    response = _controleer(client, django_assert_max_num_queries, q)
    main = _main(response)
    if "<script>" in q:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    if len(q) > MAX_LENGTE:
        assert f"langer dan {MAX_LENGTE} tekens" in main
    else:
        assert "langer dan" not in main


def test_lange_invoer_wordt_ingekort(client, demo, django_assert_max_num_queries):
    q = "energietransitie " * 40
    response = _controleer(client, django_assert_max_num_queries, q)
    main = _main(response)
    assert f"er is gezocht op de eerste {MAX_LENGTE} tekens" in main
    waarde = re.search(r'name="q" id="zoeken-q" value="([^"]*)"', main).group(1)
    # the field shows what was searched: cut to the limit, whole
    assert 0 < len(waarde) <= MAX_LENGTE and waarde.startswith("energietransitie energietransitie")


def test_nul_byte_in_filters_en_zoekvraag(client, demo, django_assert_max_num_queries):
    response = _controleer(
        client, django_assert_max_num_queries, "energie\x00", thema="vitale\x00regio", jaar="\x00"
    )
    assert "Dit thema bestaat niet" in _main(response)


def test_operatoren_zoeken_als_woorden(client, demo, django_assert_max_num_queries):
    """`energietransitie:*` or `!(energietransitie` is no syntax error: the words still count."""
    for q in ("energietransitie:*", "(energietransitie", "energietransitie |", "&energietransitie"):
        response = _controleer(client, django_assert_max_num_queries, q)
        assert reverse("opgave-jaar", kwargs={"slug": "energietransitie", "jaar": 2027}) in (
            _main(response)
        )


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.lists(
        st.one_of(
            st.sampled_from(
                [*"\"'<>&!|:*()-\\%_ \x00\t\n", "OR", "or", "energie", "regio", "<script>"]
            ),
            st.text(max_size=6),
        ),
        max_size=12,
    ).map("".join)
)
@example(q="energie & <b>water</b> | !(regio:*")
def test_willekeurige_invoer(client, demo, django_assert_max_num_queries, q):
    _controleer(client, django_assert_max_num_queries, q)


# --- the snippet helpers, on texts that hold markup themselves ----------------------------------


def test_headline_escapet_alles_behalve_de_markering():
    tekst = f'<b onclick="x">a</b> & {BEGIN}energie{EIND} {BEGIN}los {EIND}{EIND}{BEGIN}'
    html = uit_headline(tekst)
    assert html == (
        "&lt;b onclick=&quot;x&quot;&gt;a&lt;/b&gt; &amp; <mark>energie</mark> <mark>los </mark>"
    )


@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=8), max_size=4))
@settings(deadline=None, database=None, derandomize=True)
def test_markeer_geeft_altijd_veilige_html(tekst, woorden):
    html = str(markeer(tekst, woorden))
    zonder = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in zonder and ">" not in zonder and '"' not in zonder
    assert html.count("<mark>") == html.count("</mark>")


def test_woorden_van_een_zoekvraag():
    assert woorden_van('"Energie" & <script> !water | :* ( Energie') == [
        "Energie",
        "script",
        "water",
    ]
    assert len(woorden_van("a b c d e f g h i j k")) == 8
