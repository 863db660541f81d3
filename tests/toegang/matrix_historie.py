"""URL × role matrix entries of the history pages and the audit export (historie/views.py)."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "opgave-geschiedenis": [Geval({"slug": "bestaat-niet"}, iedereen(404), NIET_TOEGESTAAN)],
    "programma-geschiedenis": [Geval({"jaar": 1999}, iedereen(404), NIET_TOEGESTAAN)],
    "programma-geschiedenis-csv": [Geval({"jaar": 1999}, iedereen(404), NIET_TOEGESTAAN)],
    "gemeente-geschiedenis": [Geval({"slug": "atlantis"}, iedereen(404), NIET_TOEGESTAAN)],
}
