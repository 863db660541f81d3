"""What every page shares: valid htmx configuration, a favicon, and the error summary of a
form (GOV.UK pattern: each message linked to its field, the focus on the summary)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_htmx_headers_als_data_attribuut_en_een_favicon(demo, client, login):
    html = client.get("/").content.decode()
    # a page for every anonymous visitor (and kept in the page cache) carries no CSRF token:
    # nothing on it posts
    assert re.search(r"<body[^>]*>", html).group(0) == "<body>"
    login("griffier-arnhem")
    html = client.get("/").content.decode()
    body = re.search(r"<body[^>]*>", html).group(0)
    assert " hx-headers=" not in body  # not valid HTML; htmx reads data-hx-headers too
    assert re.search(r'data-hx-headers=\'\{"X-CSRFToken": "[^"]+"\}\'', body)
    icoon = re.search(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', html)
    assert icoon and finders.find(icoon.group(1))


def test_foutsamenvatting_linkt_naar_elk_veld_en_krijgt_de_focus(demo, client, login):
    login("regiobestuur")
    response = client.post(
        "/programma/2028/bewerken/opgaven/energietransitie/", {"budget": "1,2 mln", "doel": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    samenvatting = re.search(r'<div class="fout foutsamenvatting"[^>]*>(.*?)</div>', html, re.S)
    assert samenvatting, html[:2000]
    assert "autofocus" in re.search(r'<div class="fout foutsamenvatting"[^>]*>', html).group(0)
    links = re.findall(r'<a href="#(id_[a-z_]+)">', samenvatting.group(1))
    assert "id_budget" in links and "id_doel" in links
    for veld in links:
        assert f'id="{veld}"' in html  # every link lands on its field


def test_geen_focussprong_in_een_htmx_antwoord(demo, client, login):
    login("regiobestuur")
    response = client.post(
        "/programma/2028/bewerken/opgaven/energietransitie/",
        {"budget": "1,2 mln"},
        HTTP_HX_REQUEST="true",
    )
    assert "autofocus" not in response.content.decode()


def test_gemeentetabel_noemt_zijn_kolommen_ook_op_een_telefoon(demo, client):
    """At 390 px the header row is gone: each amount carries its column's name (data-label,
    shown by the stylesheet), the same words as the header."""
    html = client.get("/gemeenten/arnhem/").content.decode()
    kop = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    koppen = [re.sub(r"<[^>]+>", "", k).strip() for k in re.findall(r"<th[^>]*>(.*?)</th>", kop)]
    rij = re.search(r'<tr data-rij="opgave:[^"]+">(.*?)</tr>', html, re.S).group(1)
    labels = re.findall(r'<td[^>]*data-label="([^"]+)"', rij)
    assert labels == koppen[1:]  # every column after the opgave's name
    assert "Bijdrage Arnhem" in labels


def test_het_zoekveld_in_de_kop_herhaalt_alleen_een_zoekvraag_op_de_zoekpagina(demo, client):
    """Only the search page fills the header's search box, from its cleaned form: a `q` on
    any other page (a NUL byte, markup) never reaches the HTML."""
    html = client.get("/gemeenten/", {"q": "\x00<b>x</b>"}).content.decode()
    assert "\x00" not in html and "<b>x</b>" not in html
    assert 'name="q" value=""' in html
