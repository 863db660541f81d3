"""URL × role matrix entries of the thema pages (programma.views.openbaar.thema): public for the
current programme and every proposed year; a concept year is the same 404 as an unknown one for
whoever may not see that concept; an unknown thema is a 404 for everyone."""

from tests.toegang.test_matrix import CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "thema": [
        Geval({"slug": "circulaire-regio"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"slug": "bestaat-niet"}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "thema-jaar": [
        Geval({"jaar": 2026, "slug": "vitale-regio"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "slug": "verbonden-regio"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028, "slug": "circulaire-regio"}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"jaar": 1999, "slug": "circulaire-regio"}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "slug": "bestaat-niet"}, iedereen(404), NIET_TOEGESTAAN),
    ],
}
