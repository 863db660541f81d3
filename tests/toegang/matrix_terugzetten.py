"""URL × role matrix entries of reverting a concept (programma/views/terugzetten.py)."""

from tests.toegang.test_matrix import ANONIEM, INGELOGD, LOGIN, Geval

GEEN = {ANONIEM: LOGIN, **dict.fromkeys(INGELOGD, 404)}

GEVALLEN: dict[str, list[Geval]] = {
    "terugzetten-opgave": [Geval({"jaar": 1999, "slug": "bestaat-niet", "stand": 1}, GEEN, GEEN)],
    "terugzetten-visie": [Geval({"jaar": 1999, "stand": 1}, GEEN, GEEN)],
}
