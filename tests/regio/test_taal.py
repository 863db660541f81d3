"""Dutch and English (issue 18, point 6): a visitor reads in the language they chose, a write is
recorded in Dutch, the language of the council's record."""

from __future__ import annotations

import pytest

from programma.models import ProgrammaVersie

pytestmark = pytest.mark.django_db


def test_engelse_bezoeker_leest_engels_en_legt_vast_in_het_nederlands(demo, client, login):
    login("regiobestuur")
    client.cookies["django_language"] = "en"
    pagina = client.get("/programma/2028/bewerken/voorstellen/")
    assert pagina["Content-Language"] == "en"
    assert '<html lang="en">' in pagina.content.decode()
    response = client.post("/programma/2028/bewerken/voorstellen/")
    assert response.status_code == 302
    versie = ProgrammaVersie.objects.get(jaarprogramma__jaar=2028, nummer=1)
    assert versie.is_bevroren
    reden = versie.history.latest("history_date").history_change_reason
    assert reden == "Voorgesteld aan de raden"  # not "Proposed to the councils"
    # the next page is English again
    assert client.get(response["Location"])["Content-Language"] == "en"


def test_een_geweigerde_post_zegt_in_welke_taal_hij_antwoordt(demo, client, login):
    login("regiobestuur")
    client.cookies["django_language"] = "en"
    response = client.post("/programma/2028/bewerken/opgaven/energietransitie/", {"budget": "x"})
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


#: the public pages a visitor can read in English (the opgave and gemeente pages of the demo)
OPENBARE_PAGINAS = [
    "/",
    "/programma/2027/",
    "/programma/2027/v1/",
    "/programma/2027/begroting/",
    "/programma/2027/synergie/",
    "/programma/2027/dekking/",
    "/themas/circulaire-regio/",
    "/opgaven/energietransitie/",
    "/gemeenten/",
    "/gemeenten/arnhem/",
    "/zoeken/?q=energie",
    "/open-data/",
    "/open-data/schema/",
    "/toegankelijkheid/",
    "/opgaven/energietransitie/geschiedenis/",
    "/programma/vergelijk/2026/2027/",
    "/verifieer/",
    "/accounts/login/",
]


def _vertaalde_zinnen() -> list[str]:
    """The Dutch source of every translated UI sentence of three words or more (from the
    compiled English catalogue): on an English page none of them may be left."""
    import gettext
    import re

    from django.conf import settings

    mo = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as f:
        catalogus = gettext.GNUTranslations(f)._catalog
    zinnen = []
    for msgid, msgstr in catalogus.items():
        if not isinstance(msgid, str) or not msgid or msgid == msgstr:
            continue
        if re.search(r"[%{<&\n]", msgid) or len(msgid.split()) < 3:
            continue
        zinnen.append(msgid)
    return zinnen


@pytest.mark.parametrize("url", OPENBARE_PAGINAS)
def test_engelse_paginas_zijn_engels(demo, client, url):
    import html
    import re

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    assert response["Content-Language"] == "en"
    tekst = html.unescape(response.content.decode())
    # the portal's own content (texts of the region, marked lang="nl") is Dutch by nature
    tekst = re.sub(r'<(\w+)[^>]* lang="nl"[^>]*>.*?</\1>', "", tekst, flags=re.S)
    over = [zin for zin in _vertaalde_zinnen() if zin in tekst]
    assert not over, f"{url}: Nederlandse bedieningsteksten op een Engelse pagina: {over[:5]}"


def test_inhoud_is_als_nederlands_gemarkeerd_op_een_engelse_pagina(demo, client):
    engels = client.get("/opgaven/energietransitie/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 lang="nl">Energietransitie' in engels
    assert engels.count('<p lang="nl">') >= 4  # doel, resultaat, sturing, mandaat
    nederlands = client.get("/opgaven/energietransitie/").content.decode()
    assert 'lang="nl">' not in nederlands.split("<main", 1)[1]
