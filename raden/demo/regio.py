"""The 18 gemeenten of the Groene Metropoolregio Arnhem-Nijmegen with their CBS code and the
population on 1 January 2024 (CBS, bevolking op 1 januari). The source is given per figure:
four figures could not be checked against CBS from this workplace and are marked as an
estimate, so that nobody mistakes them for the official number."""

PEILDATUM = "2024-01-01"
LID_SINDS = "2015-01-01"

_CBS = "CBS, bevolking op 1 januari 2024"
_SCHATTING = "Schatting; nog te controleren in CBS StatLine 03759ned"

# (naam, slug, cbs_code, provincie, inwoners, bron)
GEMEENTEN = [
    ("Arnhem", "arnhem", "GM0202", "gelderland", 167_651, _CBS),
    ("Berg en Dal", "berg-en-dal", "GM1945", "gelderland", 35_478, _CBS),
    ("Beuningen", "beuningen", "GM0209", "gelderland", 26_723, _CBS),
    ("Doesburg", "doesburg", "GM0221", "gelderland", 11_081, _CBS),
    ("Druten", "druten", "GM0225", "gelderland", 19_900, _SCHATTING),
    ("Duiven", "duiven", "GM0226", "gelderland", 24_869, _CBS),
    ("Heumen", "heumen", "GM0252", "gelderland", 16_839, _CBS),
    ("Lingewaard", "lingewaard", "GM1705", "gelderland", 48_300, _SCHATTING),
    ("Montferland", "montferland", "GM1955", "gelderland", 36_879, _CBS),
    ("Mook en Middelaar", "mook-en-middelaar", "GM0944", "limburg", 8_100, _SCHATTING),
    ("Nijmegen", "nijmegen", "GM0268", "gelderland", 187_011, _CBS),
    ("Overbetuwe", "overbetuwe", "GM1734", "gelderland", 50_400, _SCHATTING),
    ("Renkum", "renkum", "GM0274", "gelderland", 31_419, _CBS),
    ("Rheden", "rheden", "GM0275", "gelderland", 43_656, _CBS),
    ("Rozendaal", "rozendaal", "GM0277", "gelderland", 1_831, _CBS),
    ("Westervoort", "westervoort", "GM0293", "gelderland", 15_152, _CBS),
    ("Wijchen", "wijchen", "GM0296", "gelderland", 41_543, _CBS),
    ("Zevenaar", "zevenaar", "GM0299", "gelderland", 45_050, _CBS),
]
