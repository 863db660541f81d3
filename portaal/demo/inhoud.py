"""The demo content, read from the TOML files in data/: the regional programme 2026-2028 of the
Groene Metropoolregio Arnhem-Nijmegen, based on 'Contouren: voorstel voor vernieuwde
samenwerking'. The loader (laden.py) and the tests read the same constants."""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def _tekst(waarde: Any) -> Any:
    """Unwrap the long texts: the files wrap them for reading; a blank line is a new paragraph."""
    if isinstance(waarde, dict):
        return {k: _tekst(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_tekst(v) for v in waarde]
    if isinstance(waarde, str) and "\n" in waarde:
        alineas = re.split(r"\n\s*\n", waarde.strip())
        return "\n\n".join(" ".join(r.strip() for r in a.splitlines()) for a in alineas)
    return waarde


def lees(naam: str) -> dict[str, Any]:
    """One data file, with its texts unwrapped."""
    with open(DATA / f"{naam}.toml", "rb") as f:
        return _tekst(tomllib.load(f))


def _per_jaar(tabel: dict[str, Any]) -> dict[int, Any]:
    return {int(jaar): waarde for jaar, waarde in tabel.items()}


_gemeenten = lees("gemeenten")
PEILDATUM = _gemeenten["peildatum"]  # a datetime.date: TOML has dates
LID_SINDS = _gemeenten["lid_sinds"]
GEMEENTEN = [{**g, "bron": _gemeenten["bronnen"][g["bron"]]} for g in _gemeenten["gemeenten"]]
THEMAS = lees("themas")["themas"]
PARTNERS = lees("partners")["partners"]
BESTUURDERS = lees("bestuurders")["bestuurders"]
# Per year: the status the demo leaves the programme in, its title and its vision.
VISIE = _per_jaar(lees("programmas"))
OPGAVEN = [{**o, "jaren": _per_jaar(o["jaren"])} for o in lees("opgaven")["opgaven"]]
SYNERGIEEN = lees("synergieen")["synergieen"]
GEBRUIKERS = lees("gebruikers")
_raden = lees("raden")
PARTIJEN = _raden["partijen"]
RADEN = {r["gemeente"]: r for r in _raden["raden"]}
# Per year: the decision round (meetings, opgaven voted down, zienswijzen; for 2027 also the
# correction, the round under way and the technische vragen).
BESLUITEN = _per_jaar(lees("besluiten"))
# Fictional names for the raadsleden the demo seats beside the demo accounts: the parties are
# real, the people are not.
VOORNAMEN = [
    "Anouk",
    "Bas",
    "Carmen",
    "Daan",
    "Esra",
    "Floor",
    "Gijs",
    "Hanna",
    "Ivo",
    "Jasmijn",
    "Koen",
    "Lotte",
    "Mehmet",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Roos",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Wouter",
    "Yara",
    "Zeno",
    "Fleur",
    "Thijs",
    "Ilse",
    "Ruben",
    "Maaike",
    "Youssef",
    "Ellen",
    "Joris",
    "Sanne",
    "Pieter",
    "Merel",
    "Hamid",
    "Inge",
    "Lars",
    "Femke",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van Dijk",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Verhoeven",
    "Kuipers",
    "Post",
    "Huisman",
    "Gerritsen",
    "Aydin",
    "El Amrani",
    "Wijnen",
    "Arts",
    "Peeters",
]
# The councils elected on 16 March 2022 took their seats on 30 March 2022.
ZITTINGSPERIODE_BEGIN = datetime.date(2022, 3, 30)
