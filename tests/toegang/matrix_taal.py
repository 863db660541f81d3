"""URL × role matrix entries of the language switch (regio.views.taal): a link anyone may follow."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "taal": [
        Geval({"taal": "en"}, iedereen(302), NIET_TOEGESTAAN),
        Geval({"taal": "nl"}, iedereen(302), NIET_TOEGESTAAN),
        Geval({"taal": "xx"}, iedereen(404), NIET_TOEGESTAAN),
    ],
}
