"""Splitting a budget over the gemeenten: one pure function, used for the bijdragen, the preview
and (later) the settlement of unspent money.

The rule (DOMAIN.md): every share is the exact proportional amount rounded down to whole euros;
the euros that remain are handed out one each to the largest remainders. Ties are broken by the
larger exact share, then by the lower key (the CBS code), so the result is stable."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

Gewicht = int | Fraction | Decimal


class VerdeelFout(ValueError):
    """The weights cannot split an amount (none, negative, or all zero)."""


def verdeel(bedrag: int, gewichten: Mapping[K, Gewicht]) -> dict[K, int]:
    """Split a whole-euro amount by weights; the shares add up to the amount exactly."""
    if isinstance(bedrag, bool) or not isinstance(bedrag, int):
        raise VerdeelFout("Het bedrag moet een geheel aantal euro's zijn.")
    if bedrag < 0:
        raise VerdeelFout("Een negatief bedrag kan niet worden verdeeld.")
    if not gewichten:
        raise VerdeelFout("Er zijn geen gemeenten om over te verdelen.")
    exact = {k: Fraction(w) for k, w in gewichten.items()}
    if any(w < 0 for w in exact.values()):
        raise VerdeelFout("Een verdeelsleutel kan geen negatief gewicht hebben.")
    totaal = sum(exact.values())
    if totaal == 0:
        raise VerdeelFout("De gewichten van de verdeelsleutel tellen op tot nul.")

    aandelen = {k: bedrag * w / totaal for k, w in exact.items()}
    delen = {k: a.numerator // a.denominator for k, a in aandelen.items()}
    rest = bedrag - sum(delen.values())
    volgorde = sorted(
        aandelen,
        key=lambda k: (-(aandelen[k] - delen[k]), -aandelen[k], str(k)),
    )
    for k in volgorde[:rest]:
        delen[k] += 1
    return delen


def gewichten_inwoners(inwoners: Mapping[K, int]) -> dict[K, Fraction]:
    """Weights by population."""
    return {k: Fraction(n) for k, n in inwoners.items()}


def gewichten_basis_plus_inwoners(
    inwoners: Mapping[K, int], basisaandeel_procent: Gewicht
) -> dict[K, Fraction]:
    """A fixed part of every budget shared equally, the rest by population."""
    basis = Fraction(basisaandeel_procent) / 100
    if not 0 <= basis <= 1:
        raise VerdeelFout("Het vaste deel moet tussen 0 en 100 procent liggen.")
    totaal = sum(inwoners.values())
    aantal = len(inwoners)
    if aantal == 0:
        raise VerdeelFout("Er zijn geen gemeenten om over te verdelen.")
    if totaal == 0:
        return {k: Fraction(1, aantal) for k in inwoners}
    return {k: basis / aantal + (1 - basis) * Fraction(n, totaal) for k, n in inwoners.items()}


def gewichten_percentages(percentages: Mapping[K, Gewicht | None]) -> dict[K, Fraction]:
    """Explicit percentages, which must add up to exactly 100."""
    if any(p is None for p in percentages.values()):
        raise VerdeelFout("Geef voor elke gemeente een percentage op.")
    exact = {k: Fraction(p) for k, p in percentages.items()}
    if sum(exact.values()) != 100:
        som = float(sum(exact.values()))
        raise VerdeelFout(
            f"De percentages tellen op tot {som:.4f} in plaats van 100.".replace(".", ",")
        )
    return exact
