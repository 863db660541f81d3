"""Money as Dutch people write it: whole euros, dots between thousands, a comma before cents.

One parser for every form and one formatter for every page, CSV and PDF, so that
"€ 1.250.000" means the same everywhere. Money is an int of whole euros, never a float."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# No regional budget comes near a thousand billion euros; sums of amounts stay far inside a
# 64-bit integer, and a typing slip of a few extra digits gets a message instead of a number.
MAX_BEDRAG = 10**12
TE_GROOT = gettext_lazy("Een bedrag kan hoogstens € 1.000.000.000.000 zijn.")

_SPATIES = re.compile(r"[\s\u00a0\u202f]+")
# [0-9], not \d: \d and int() also read Arabic-Indic or fullwidth digits ("١٢٣" as 123).
_GROEPEN = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_CIJFERS = re.compile(r"^[0-9]+$")
_WOORDEN = re.compile(r"(mln|miljoen|mld|miljard|k\b|duizend)", re.IGNORECASE)


def parse_bedrag(tekst: str | int) -> int:
    """Read a Dutch euro amount ("€ 1.250.000", "1250000", "1.250.000,00") as whole euros.

    Raises ValidationError with a Dutch message for anything that is not clearly one amount:
    cents other than ,00, negative numbers, "1,2 mln", an English "1,250,000", "12.50"."""
    if isinstance(tekst, int) and not isinstance(tekst, bool):
        if tekst < 0:
            raise ValidationError(_("Een bedrag kan niet negatief zijn."), code="negatief")
        if tekst > MAX_BEDRAG:
            raise ValidationError(TE_GROOT, code="te_groot")
        return tekst
    ruw = str(tekst or "")
    waarde = _SPATIES.sub("", ruw)
    waarde = re.sub(r"^(€|eur(o)?)", "", waarde, flags=re.IGNORECASE)
    waarde = re.sub(r"(€|eur(o)?)$", "", waarde, flags=re.IGNORECASE)
    if not waarde:
        raise ValidationError(_("Vul een bedrag in."), code="leeg")
    if any(c.isdigit() and not c.isascii() for c in waarde):
        raise ValidationError(
            _("Schrijf het bedrag met de cijfers 0 tot en met 9, bijvoorbeeld 1.250.000."),
            code="andere_cijfers",
        )
    if _WOORDEN.search(waarde):
        raise ValidationError(
            _("Schrijf het bedrag voluit in euro's, bijvoorbeeld 1.200.000 in plaats van 1,2 mln."),
            code="woorden",
        )
    if waarde.startswith("-") or waarde.startswith("−"):
        raise ValidationError(_("Een bedrag kan niet negatief zijn."), code="negatief")
    if waarde.endswith(",-"):
        waarde = waarde[:-2]
    elif waarde.endswith(",--"):
        waarde = waarde[:-3]
    heel, komma, centen = waarde.partition(",")
    if komma:
        if not re.fullmatch(r"[0-9]{1,2}", centen) or "," in centen:
            raise ValidationError(
                _("'%(invoer)s' is geen bedrag. Gebruik een punt tussen duizendtallen: 1.250.000.")
                % {"invoer": ruw.strip()},
                code="ongeldig",
            )
        if int(centen) != 0:
            raise ValidationError(
                _("Bedragen zijn in hele euro's; laat de centen weg (%(invoer)s).")
                % {"invoer": ruw.strip()},
                code="centen",
            )
    if _CIJFERS.match(heel) or _GROEPEN.match(heel):
        bedrag = int(heel.replace(".", ""))
        if bedrag > MAX_BEDRAG:
            raise ValidationError(TE_GROOT, code="te_groot")
        return bedrag
    raise ValidationError(
        _("'%(invoer)s' is geen bedrag in euro's. Schrijf bijvoorbeeld 1.250.000.")
        % {"invoer": ruw.strip()},
        code="ongeldig",
    )


def _groepeer(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def format_bedrag(bedrag: int | Decimal | None, *, teken: bool = True) -> str:
    """Format whole euros the Dutch way: € 1.250.000 (non-breaking space after the sign)."""
    if bedrag is None:
        return ""
    n = int(bedrag)
    tekst = ("-" if n < 0 else "") + _groepeer(abs(n))
    return f"€\u00a0{tekst}" if teken else tekst


def format_fte(fte: Decimal | int | None) -> str:
    """Format FTE with a decimal comma: 2,5 fte."""
    if fte is None:
        return ""
    waarde = Decimal(fte).normalize()
    tekst = f"{waarde:f}".replace(".", ",")
    return f"{tekst}\u00a0fte"


def format_aantal(n: int | None) -> str:
    """Format a count with dots between thousands: 187.011."""
    return "" if n is None else _groepeer(int(n))
