"""Issue 18, point 5, without a browser: the W3C Nu Html Checker (vnu.jar) reports no error on
any public page, as the server sends it; and the accessibility statement page.

vnu.jar comes from the npm package vnu-jar, which .ci/run installs; without it this test is
skipped with the command that installs it, except in CI (CI=true), where it must run."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from tests.browser.toegankelijkheid import PAGINAS, VNU_MAP, nog_niet_gebouwd, vnu_fouten, vnu_jar


def _vnu_of_overslaan():
    jar = vnu_jar()
    if jar and jar.exists() and shutil.which("java"):
        return
    if os.environ.get("CI"):
        pytest.fail(f"vnu.jar of Java ontbreekt in CI ({jar}); .ci/run installeert ze")
    pytest.skip(
        "De W3C Nu Html Checker ontbreekt: "
        f"npm install --prefix {VNU_MAP} --ignore-scripts vnu-jar (en Java), of zet VNU_JAR"
    )


def test_nu_html_checker_vindt_geen_fout_op_elke_openbare_pagina(client, demo, tmp_path):
    _vnu_of_overslaan()
    bestanden = {}
    for p in PAGINAS:
        antwoord = client.get(p.pad)
        if antwoord.status_code == 404 and nog_niet_gebouwd(p.pad):
            continue
        verwacht = 404 if p.naam == "niet-gevonden" else 200
        assert antwoord.status_code == verwacht, (p.pad, antwoord.status_code)
        bestand = tmp_path / f"{p.naam}.html"
        bestand.write_bytes(antwoord.content)
        bestanden[bestand.name] = p.pad
    assert len(bestanden) >= 18
    fouten = vnu_fouten([tmp_path / naam for naam in bestanden])
    assert not fouten, "Nu Html Checker:\n" + "\n".join(
        f"{bestanden.get(naam, naam)}\n  " + "\n  ".join(regels) for naam, regels in fouten.items()
    )


def test_de_toegankelijkheidsverklaring(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        antwoord = client.get("/toegankelijkheid/")
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "<h1>Toegankelijkheidsverklaring</h1>" in tekst
    assert "WCAG 2.1" in tekst
    assert re.search(r"opgesteld op \d{1,2} \w+ 20\d\d", tekst)
    assert 'href="mailto:toegankelijkheid@groenemetropoolregio.nl"' in tekst
    # honest about what does not (yet) comply
    assert "Bekende beperkingen" in tekst and "PDF" in tekst
    # linked from the footer of every page (base.html)
    assert '<a href="/toegankelijkheid/">' in tekst
    assert client.post("/toegankelijkheid/").status_code == 405


def test_wie_de_dekking_rustig_leest_zet_het_verversen_stil(client, demo):
    """WCAG 2.2.2: the coverage matrix of an open round polls every ten seconds; a link stops
    that (the page then has no polling at all) and another starts it again."""
    tekst = client.get("/programma/2027/dekking/").content.decode()
    assert 'data-hx-trigger="every 10s"' in tekst
    assert '<a href="?verversen=nee" data-ververs="uit">' in tekst
    stil = client.get("/programma/2027/dekking/?verversen=nee").content.decode()
    assert "data-hx-trigger" not in stil and "data-hx-get" not in stil
    assert '<a href="/programma/2027/dekking/" data-ververs="aan">' in stil
    # a closed round never polls and offers no switch
    gesloten = client.get("/programma/2026/dekking/").content.decode()
    assert "data-hx-trigger" not in gesloten and "data-ververs" not in gesloten
