"""Cells of a CSV file that spreadsheet programs open: free text never becomes a formula.

A raadslid's question, a zienswijze or a correction's reason ends up in files accountants open
in Excel; a cell that starts with =, +, -, @ or a tab or carriage return would be read as a
formula there (OWASP: CSV injection). Such a cell gets a leading apostrophe, which Excel shows
as text; a number (also a negative difference such as -12 or -3,5) stays as it is."""

from __future__ import annotations

import re

_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"-?\d+(?:[.,]\d+)?\Z")


def veilig(waarde) -> str:
    """One cell as text a spreadsheet shows as it is."""
    tekst = "" if waarde is None else str(waarde)
    if tekst.startswith(_GEVAARLIJK) and not _GETAL.match(tekst):
        return "'" + tekst
    return tekst


def veilige_rij(rij) -> list[str]:
    return [veilig(w) for w in rij]
