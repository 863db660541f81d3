"""URL × role matrix entries of open data and the Atom feed (openbaar/views/opendata.py and
feed.py). Public for everyone; the 2028 concept is a 404 for everyone, drafters included: open
data shows what the anonymous public may see, whoever asks."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "open-data": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
    "open-data-schema": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
    "open-data-schema-json": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
    "open-data-csv": [
        Geval({"jaar": 2027, "nummer": 2, "tabel": "opgaven"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "nummer": 1, "tabel": "besluiten"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028, "nummer": 1, "tabel": "opgaven"}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "nummer": 9, "tabel": "opgaven"}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 2027, "nummer": 2, "tabel": "onbekend"}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "open-data-json": [
        Geval(
            {"jaar": 2026, "nummer": 1, "tabel": "stemmen-per-fractie"},
            iedereen(200),
            NIET_TOEGESTAAN,
        ),
        Geval({"jaar": 2027, "nummer": 2, "tabel": "programma"}, iedereen(200), NIET_TOEGESTAAN),
        Geval({"jaar": 2028, "nummer": 1, "tabel": "programma"}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 2028, "nummer": 1, "tabel": "opgaven"}, iedereen(404), NIET_TOEGESTAAN),
        Geval({"jaar": 1999, "nummer": 1, "tabel": "opgaven"}, iedereen(404), NIET_TOEGESTAAN),
    ],
    "feed": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
}
