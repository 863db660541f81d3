"""Snippets of a search result as safe HTML: everything escaped, only the matches in <mark>.

PostgreSQL's ts_headline marks its matches with two control characters (BEGIN, EIND) that
escaping leaves alone; only a balanced pair becomes <mark>…</mark>, any stray one (a text could
hold such a character itself) is dropped. The SQLite fallback marks the words itself."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BEGIN, EIND = "\x02", "\x03"
_PAAR = re.compile(f"{BEGIN}([^{BEGIN}{EIND}]*){EIND}")
_LOS = re.compile(f"[{BEGIN}{EIND}]")

#: about how many characters a snippet of the fallback shows
VENSTER = 240


def uit_headline(tekst: str) -> SafeString:
    """ts_headline's output (with BEGIN/EIND markers) as escaped HTML with <mark>."""
    veilig = escape(" ".join(tekst.split()))
    veilig = _PAAR.sub(r"<mark>\1</mark>", veilig)
    return mark_safe(_LOS.sub("", veilig))  # noqa: S308 (escaped above, only <mark> added)


def woorden_van(q: str, *, hoogstens: int = 8) -> list[str]:
    """The words of a query for the fallback: runs of letters and digits, at most `hoogstens`
    (so that a long query cannot make the SQL grow), without repeats."""
    uit: list[str] = []
    for woord in re.findall(r"\w+", q):
        if woord.casefold() not in (w.casefold() for w in uit):
            uit.append(woord)
    return uit[:hoogstens]


def markeer(tekst: str, woorden: list[str], *, venster: int = VENSTER) -> SafeString:
    """A window of `tekst` around the first match of any word (the start without one), every
    match in it marked, the rest escaped."""
    tekst = _LOS.sub("", " ".join(tekst.split()))
    patroon = (
        re.compile("|".join(re.escape(w) for w in sorted(woorden, key=len, reverse=True)), re.I)
        if woorden
        else None
    )
    eerste = patroon.search(tekst) if patroon else None
    begin = 0
    if eerste and eerste.start() > venster // 3:
        begin = eerste.start() - venster // 3
        spatie = tekst.rfind(" ", 0, begin)
        begin = spatie + 1 if spatie >= 0 and begin - spatie < 40 else begin
    einde = begin + venster
    if einde < len(tekst):
        spatie = tekst.find(" ", einde)
        einde = spatie if 0 <= spatie < einde + 40 else einde
    stuk = tekst[begin:einde]
    delen, pos = [], 0
    for m in patroon.finditer(stuk) if patroon else ():
        delen.append(escape(stuk[pos : m.start()]))
        delen.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    delen.append(escape(stuk[pos:]))
    html = "".join(delen)
    if begin > 0:
        html = "… " + html
    if einde < len(tekst):
        html += " …"
    return mark_safe(html)  # noqa: S308 (each piece escaped above)
