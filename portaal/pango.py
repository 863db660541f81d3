"""Can WeasyPrint find Pango here? `make run`, `make test` and `make bench` ask this first.

Run as a script with any Python 3 (`python3 portaal/pango.py`): it imports neither Django nor
WeasyPrint and needs no virtualenv, so it runs before anything is installed. It opens the same
shared libraries, by the same names, as WeasyPrint does (weasyprint/text/ffi.py), so "found"
means WeasyPrint will load. When something is missing: as root on Debian/Ubuntu it installs the
packages with apt-get (refreshing the package lists once if the first attempt fails); otherwise
it stops with exit status 1 and a Dutch message naming the one command that installs them.

Exit status: 0 found (or just installed), 1 missing."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys

#: what WeasyPrint cannot start without, with the names it tries (first the Linux sonames,
#: which open without a search)
NODIG = {
    "pango": ("libpango-1.0.so.0", "libpango-1.0-0", "pango-1.0", "libpango-1.0.dylib"),
    "pangoft2": (
        "libpangoft2-1.0.so.0",
        "libpangoft2-1.0-0",
        "pangoft2-1.0",
        "libpangoft2-1.0.dylib",
    ),
    "harfbuzz": ("libharfbuzz.so.0", "libharfbuzz-0", "harfbuzz", "libharfbuzz.0.dylib"),
    "fontconfig": ("libfontconfig.so.1", "libfontconfig-1", "fontconfig", "libfontconfig.1.dylib"),
    "gobject": ("libgobject-2.0.so.0", "libgobject-2.0-0", "gobject-2.0", "libgobject-2.0.0.dylib"),
}
#: WeasyPrint works without it, but subsets the embedded font faster with it
OPTIONEEL = {
    "harfbuzz-subset": (
        "libharfbuzz-subset.so.0",
        "libharfbuzz-subset-0",
        "harfbuzz-subset",
        "libharfbuzz-subset.0.dylib",
    ),
}

#: the Debian/Ubuntu packages; the first two pull in HarfBuzz, fontconfig and GLib
PAKKETTEN = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
APT = "sudo apt-get install -y " + " ".join(PAKKETTEN)
BREW = "brew install pango"
HANDLEIDING = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"


def laadbaar(namen: tuple[str, ...]) -> bool:
    """Whether one of these names opens as a shared library (as cffi's dlopen would)."""
    for naam in namen:
        try:
            ctypes.CDLL(naam)
            return True
        except OSError:
            pass
    for naam in namen:
        pad = ctypes.util.find_library(naam)
        if pad:
            try:
                ctypes.CDLL(pad)
                return True
            except OSError:
                pass
    return False


def ontbreekt(bibliotheken: dict[str, tuple[str, ...]]) -> list[str]:
    """The libraries of `bibliotheken` that do not open."""
    return [naam for naam, namen in bibliotheken.items() if not laadbaar(namen)]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def heeft(commando: str) -> bool:
    return shutil.which(commando) is not None


def voer_uit(commando: list[str]) -> int:
    """Run a command with its output on the terminal; its exit status."""
    omgeving = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(commando, env=omgeving, check=False).returncode


def installatiecommando() -> str:
    """The one command that installs Pango on this kind of machine."""
    if heeft("apt-get"):
        return APT
    if sys.platform == "darwin" or heeft("brew"):
        return BREW
    if heeft("dnf"):
        return "sudo dnf install -y pango"
    if heeft("apk"):
        return "sudo apk add pango"
    if heeft("pacman"):
        return "sudo pacman -S --noconfirm pango"
    return ""


def _melding(missend: list[str], reden: str = "") -> str:
    commando = installatiecommando()
    regels = [
        f"Pango ontbreekt: WeasyPrint kan {', '.join(missend)} niet laden, dus het portaal kan "
        "geen PDF's maken (raadsvoorstellen, programmadocument, besluitenoverzicht).",
    ]
    if reden:
        regels.append(reden)
    if commando:
        regels.append(f"Installeer het met:\n\n    {commando}\n")
    else:
        regels.append(
            "Installeer Pango 1.44 of nieuwer (met pangoft2, HarfBuzz en fontconfig) met de "
            f"pakketbeheerder van dit systeem; zie {HANDLEIDING}"
        )
    if commando == BREW:
        regels.append(
            "Staat Pango al in Homebrew maar vindt Python het niet (Apple silicon), zet dan "
            "DYLD_FALLBACK_LIBRARY_PATH=/opt/homebrew/lib."
        )
    regels.append("Daarna opnieuw: make run (of make test).")
    return "\n".join(regels)


def _installeer() -> bool:
    """apt-get install as root; when that fails, once more after `apt-get update` (a fresh
    container has no package lists), and on a release without libharfbuzz-subset0 the two
    packages that are enough."""
    installeer = ["apt-get", "install", "-y", "-qq"]
    if voer_uit([*installeer, *PAKKETTEN]) == 0:
        return True
    if voer_uit(["apt-get", "update", "-qq"]) != 0:
        return False
    if voer_uit([*installeer, *PAKKETTEN]) == 0:
        return True
    return voer_uit([*installeer, *PAKKETTEN[:2]]) == 0


def main() -> int:
    missend = ontbreekt(NODIG)
    if not missend:
        if heeft("apt-get") and ontbreekt(OPTIONEEL):
            print(
                "Tip: met libharfbuzz-subset0 maakt WeasyPrint PDF's sneller "
                "(sudo apt-get install -y libharfbuzz-subset0).",
                file=sys.stderr,
            )
        return 0
    if not (heeft("apt-get") and is_root()):
        print(_melding(missend), file=sys.stderr)
        return 1
    print(f"Pango ontbreekt ({', '.join(missend)}); installeren met apt-get ...", file=sys.stderr)
    if not _installeer():
        print(_melding(missend, "apt-get kon de pakketten niet installeren."), file=sys.stderr)
        return 1
    missend = ontbreekt(NODIG)
    if missend:
        print(
            _melding(missend, "Na apt-get install laden ze nog steeds niet."),
            file=sys.stderr,
        )
        return 1
    print("Pango geïnstalleerd.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
