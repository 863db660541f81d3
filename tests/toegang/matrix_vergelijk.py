"""URL × role matrix entries of the version and year comparisons (programma/views/vergelijk.py).

Both versions come through versie_voor: published versions are public; a comparison with the
2028 concept only for whoever may see that concept (the same 404 as for one that does not exist
for everyone else); a version or year compared with itself is a 404 as well."""

from tests.toegang.test_matrix import CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "vergelijk-versies": [
        Geval({"jaar": 2027, "van": 1, "naar": 2}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "van": 2, "naar": 1}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "van": 2, "naar": 2}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "van": 1, "naar": 7}, iedereen(404), NIET_TOEGESTAAN),
        # 2028 has only its concept v1: no second version, for no one
        Geval({"jaar": 2028, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 1999, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "vergelijk-versies-csv": [
        Geval({"jaar": 2027, "van": 1, "naar": 2}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 1999, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "vergelijk-jaren": [
        Geval({"van": 2026, "naar": 2027}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"van": 2027, "naar": 2028}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"van": 2028, "naar": 2026}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"van": 2027, "naar": 2027}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"van": 1998, "naar": 1999}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "vergelijk-jaren-csv": [
        Geval({"van": 2026, "naar": 2027}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"van": 2027, "naar": 2028}, CONCEPT_ZICHTBAAR, NIET_TOEGESTAAN),
        Geval({"van": 1998, "naar": 1999}, iedereen(404), NIET_TOEGESTAAN),
    ],
}
