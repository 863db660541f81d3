"""URL × role matrix entries of the search (openbaar/views/zoeken.py): public, the same for
every visitor (only what is public is searched), GET only."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "zoeken": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
}
