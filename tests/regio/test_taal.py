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
