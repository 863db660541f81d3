"""URL × role matrix entries of the history pages and the audit export (historie/views.py).
Public from the moment a programme is proposed; a year or opgave that exists only in the 2028
concept is the same 404 as one that does not exist for whoever may not see that concept."""

from tests.toegang.test_matrix import CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "opgave-geschiedenis": [
        Geval({"slug": "energietransitie"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"slug": "grensoverschrijdende-samenwerking"}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"slug": "bestaat-niet"}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "programma-geschiedenis": [
        Geval({"jaar": 2027}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"jaar": 1999}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "programma-geschiedenis-csv": [
        Geval({"jaar": 2026}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"jaar": 1999}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "gemeente-geschiedenis": [
        Geval({"slug": "arnhem"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"slug": "atlantis"}, iedereen(404), NIET_TOEGESTAAN),
    ],
}
