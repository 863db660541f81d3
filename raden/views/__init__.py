"""Pages of the councils, one module per part of the round: raad.py (Mijn overzicht and the
griffier's raad), dekking.py (the public coverage matrix)."""
