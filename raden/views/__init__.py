"""Pages of the councils, one module per part of the round: mijn.py (Mijn, for every
logged-in user), raad.py (the griffier's raad), stemmen.py (voting windows and votes),
vragen.py (technische vragen), dekking.py (the public coverage matrix and closing the round),
openbaar.py (the public gemeente and opgave pages with their votes and answered questions)."""
