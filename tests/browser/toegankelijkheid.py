"""What the accessibility tests share: the list of public pages, axe-core in the browser
(axe-playwright-python, which bundles axe-core and needs no network) and the W3C Nu Html
Checker (vnu.jar from the npm package vnu-jar, run by the machine's Java).

Where vnu.jar is: $VNU_JAR, else the folder .ci/run installs it into
(~/.cache/regioportaal/vnu, `npm install --prefix ~/.cache/regioportaal/vnu vnu-jar`)."""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

VNU_MAP = Path.home() / ".cache" / "regioportaal" / "vnu"
VNU_IN_MAP = VNU_MAP / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.1 A and AA, and axe's best practices (headings in order, landmarks, one h1, ...).
AXE_OPTIES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@dataclass(frozen=True)
class Pagina:
    naam: str
    pad: str
    smal: bool = True  # also checked at 390 and 320 px for horizontal scrolling


# Every public page an inhabitant reaches without an account, with the demo's data.
PAGINAS: list[Pagina] = [
    Pagina("home", "/"),
    Pagina("programma", "/programma/2027/"),
    Pagina("programma-versie", "/programma/2027/v1/"),
    Pagina("programma-2026", "/programma/2026/", smal=False),
    Pagina("begroting", "/programma/2027/begroting/"),
    Pagina("synergie", "/programma/2027/synergie/"),
    Pagina("opgave", "/opgaven/energietransitie/"),
    Pagina("opgave-jaar", "/opgaven/energietransitie/2027/", smal=False),
    Pagina("gemeenten", "/gemeenten/"),
    Pagina("gemeente", "/gemeenten/arnhem/"),
    Pagina("dekking", "/programma/2027/dekking/"),
    Pagina("dekking-gesloten", "/programma/2026/dekking/", smal=False),
    Pagina("programma-geschiedenis", "/programma/2027/geschiedenis/"),
    Pagina("opgave-geschiedenis", "/opgaven/energietransitie/geschiedenis/", smal=False),
    Pagina("gemeente-geschiedenis", "/gemeenten/arnhem/geschiedenis/", smal=False),
    Pagina("vergelijk-versies", "/programma/2027/vergelijk/1/2/"),
    Pagina("vergelijk-jaren", "/programma/vergelijk/2026/2027/"),
    Pagina("verifieer", "/verifieer/"),
    Pagina("login", "/accounts/login/"),
    Pagina("wachtwoord-vergeten", "/accounts/wachtwoord/vergeten/", smal=False),
    Pagina("zoeken", "/zoeken/?q=energie"),
    Pagina("open-data", "/open-data/"),
    Pagina("open-data-schema", "/open-data/schema/", smal=False),
    Pagina("toegankelijkheid", "/toegankelijkheid/"),
    Pagina("thema", "/themas/productieve-regio/"),
    Pagina("thema-jaar", "/programma/2027/themas/productieve-regio/", smal=False),
    Pagina("niet-gevonden", "/opgaven/bestaat-niet/", smal=False),
]


def nog_niet_gebouwd(pad: str) -> bool:
    """True where the URL is still a placeholder view of issue 18 on this branch (it answers
    404 by design until its capability lands); any other 404 is a failure."""
    from django.urls import Resolver404, resolve

    try:
        view = resolve(pad.split("?")[0]).func
    except Resolver404:
        return False
    view = inspect.unwrap(view)
    return view.__name__ == "_nog_niet" or (view.__doc__ or "").startswith("Placeholder")


def axe_schendingen(page) -> list[str]:
    """axe-core on the page as the browser shows it; one line per violating element."""
    from axe_playwright_python.sync_playwright import Axe

    antwoord = Axe().run(page, options=AXE_OPTIES).response
    regels = []
    for schending in antwoord["violations"]:
        for node in schending["nodes"]:
            regels.append(
                f"{schending['id']} ({schending['impact']}): {' '.join(node['target'])}: "
                f"{node.get('failureSummary', '').splitlines()[-1].strip()} | "
                f"{node['html'][:160]}"
            )
    return regels


def vnu_jar() -> Path | None:
    pad = os.environ.get("VNU_JAR")
    if pad:
        return Path(pad)
    return VNU_IN_MAP if VNU_IN_MAP.exists() else None


def vnu_fouten(bestanden: list[Path]) -> dict[str, list[str]]:
    """The Nu Html Checker over all files in one Java process: errors per file name."""
    jar = vnu_jar()
    java = shutil.which("java")
    assert jar and jar.exists(), f"vnu.jar ontbreekt: {jar}"
    assert java, "Java ontbreekt (apt-get install default-jre-headless)"
    proces = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--format", "json", "--exit-zero-always"]
        + [str(b) for b in bestanden],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    uitvoer = json.loads(proces.stderr or proces.stdout)
    fouten: dict[str, list[str]] = {}
    for melding in uitvoer["messages"]:
        if melding["type"] != "error" and melding.get("subType") != "fatal":
            continue
        naam = Path(melding.get("url", "?").removeprefix("file:")).name
        fouten.setdefault(naam, []).append(
            f"regel {melding.get('lastLine')}: {melding['message']} | "
            f"{melding.get('extract', '').strip()[:160]}"
        )
    return fouten
