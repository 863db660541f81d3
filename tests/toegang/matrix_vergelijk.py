"""URL × role matrix entries of the version and year comparisons (programma/views/vergelijk.py)."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "vergelijk-versies": [
        Geval({"jaar": 1999, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN)
    ],
    "vergelijk-versies-csv": [
        Geval({"jaar": 1999, "van": 1, "naar": 2}, iedereen(404), NIET_TOEGESTAAN)
    ],
    "vergelijk-jaren": [Geval({"van": 1998, "naar": 1999}, iedereen(404), NIET_TOEGESTAAN)],
    "vergelijk-jaren-csv": [Geval({"van": 1998, "naar": 1999}, iedereen(404), NIET_TOEGESTAAN)],
}
