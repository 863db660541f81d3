"""URL × role matrix entry of the accessibility statement (openbaar/views/toegankelijkheid.py):
a static page that everyone may read; nothing to post."""

from tests.toegang.test_matrix import NIET_TOEGESTAAN, Geval, iedereen

GEVALLEN: dict[str, list[Geval]] = {
    "toegankelijkheid": [Geval({}, iedereen(200), NIET_TOEGESTAAN)],
}
