"""Three-way merge of two edits of the same form, and a word-level view of how texts differ.

Pure functions, no database: the services feed them the state an edit started from (the
basis), what is stored now (someone else's save) and what this user sent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The user's answer to a conflict on one field.
MIJN = "mijn"
OPGESLAGEN = "opgeslagen"


@dataclass(frozen=True)
class Samenvoeging:
    """The merged values; which fields came from the other person's save; which fields both
    changed differently (there `resultaat` holds this user's value until they choose)."""

    resultaat: dict
    van_ander: list[str] = field(default_factory=list)
    conflicten: list[str] = field(default_factory=list)


def tekst(waarde) -> str:
    """A text as a browser sends it and as it is stored: one kind of line break, no outer space.
    Without this an untouched textarea (sent back with CRLF) would count as a change."""
    return str(waarde or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def normaliseer(waarden: Mapping, soorten: Mapping[str, type]) -> dict:
    """The values of `soorten`'s fields in a comparable shape: str texts, frozensets of ids,
    Decimals, and ints or None for single ids and numbers."""
    uit = {}
    for naam, soort in soorten.items():
        if naam not in waarden:
            continue
        w = waarden[naam]
        if soort is str:
            uit[naam] = tekst(w)
        elif soort is frozenset:
            uit[naam] = frozenset(int(getattr(x, "pk", x)) for x in (w or ()))
        elif soort is Decimal:
            uit[naam] = None if w in (None, "") else Decimal(str(w))
        else:
            w = getattr(w, "pk", w)
            uit[naam] = None if w in (None, "") else int(w)
    return uit


def voeg_samen(
    *, basis: Mapping | None, opgeslagen: Mapping, mijn: Mapping, keuzes: Mapping | None = None
) -> Samenvoeging:
    """Merge per field: a field only the other changed keeps theirs, one only I changed takes
    mine, one both changed alike is fine, one both changed differently is a conflict.

    Sets (frozensets) merge per element, so they never conflict: an element one side added or
    removed is added or removed. Without a basis nothing is known about who changed what: every
    field where mine differs from the stored value is a conflict. A field missing from `mijn`
    was not this user's to change: the stored value stays. `keuzes` answers earlier conflicts:
    OPGESLAGEN takes the stored value the user was shown, which is this form's basis."""
    keuzes = keuzes or {}
    resultaat, van_ander, conflicten = {}, [], []
    for naam, nu in opgeslagen.items():
        if naam not in mijn:
            resultaat[naam] = nu
            continue
        ik = mijn[naam]
        oud = basis.get(naam, nu) if basis is not None else None
        if basis is not None and keuzes.get(naam) == OPGESLAGEN:
            ik = oud
        if isinstance(nu, frozenset) and basis is not None:
            oud = frozenset(oud)
            samen = (nu - (oud - ik)) | (ik - oud)
            resultaat[naam] = samen
            if nu != oud and samen != ik:
                van_ander.append(naam)
        elif ik == nu:
            resultaat[naam] = ik
        elif basis is not None and ik == oud:
            resultaat[naam] = nu
            van_ander.append(naam)
        elif basis is not None and nu == oud:
            resultaat[naam] = ik
        else:
            resultaat[naam] = ik
            conflicten.append(naam)
    return Samenvoeging(resultaat=resultaat, van_ander=van_ander, conflicten=conflicten)


_WOORDEN = re.compile(r"\s+|[^\s]+")


def woordverschil(oud: str, nieuw: str) -> SafeString:
    """`nieuw` with the words taken out since `oud` in <del> and the words added in <ins>;
    every piece of text escaped, line breaks kept as <br>."""
    a, b = _WOORDEN.findall(tekst(oud)), _WOORDEN.findall(tekst(nieuw))
    delen = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            delen.append(_gemarkeerd("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            delen.append(_gemarkeerd("ins", "".join(b[j1:j2])))
        if op == "equal":
            delen.append(_html("".join(a[i1:i2])))
    return mark_safe("".join(delen))  # noqa: S308 - every piece went through escape()


def _gemarkeerd(tag: str, stuk: str) -> str:
    """The words inside the mark, the space around them outside: an underline or a strike
    that starts with a space reads as a typo."""
    kern = stuk.strip()
    if not kern:
        return _html(stuk)
    voor, na = stuk[: len(stuk) - len(stuk.lstrip())], stuk[len(stuk.rstrip()) :]
    return f"{_html(voor)}<{tag}>{_html(kern)}</{tag}>{_html(na)}"


def _html(stuk: str) -> str:
    return escape(stuk).replace("\n", "<br>")
