"""Dutch is the source language; the English catalogue is complete and compiled."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(tekst: str):
    for blok in tekst.split("\n\n"):
        if "msgid" not in blok:
            continue
        yield blok


def test_de_engelse_catalogus_is_compleet():
    tekst = PO.read_text()
    leeg, vaag = [], []
    for blok in _entries(tekst):
        msgid = "".join(re.findall(r'^(?:msgid|")(?: )?"?(.*?)"?$', blok.split("msgstr")[0], re.M))
        if not msgid.strip('"'):
            continue  # the header
        if "#, fuzzy" in blok or re.search(r"^#,.*fuzzy", blok, re.M):
            vaag.append(msgid)
        for deel in re.split(r"^msgstr(?:\[\d\])? ", blok, flags=re.M)[1:]:
            if not "".join(re.findall(r'"(.*)"', deel)).strip():
                leeg.append(msgid)
    assert leeg == [] and vaag == []
    assert PO.with_suffix(".mo").exists()


def test_de_catalogus_wordt_gebruikt(demo, client):
    with translation.override("en"):
        assert translation.gettext("Gemeenten") == "Municipalities"
    # the portal itself speaks Dutch (the language switch comes with the public portal)
    assert "Gemeenten" in client.get("/").content.decode()
