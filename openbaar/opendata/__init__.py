"""Open data (issue 18, point 4): every proposed programme version as CSV and JSON tables.

- schema.py: the tables, their columns, types and meaning, and the licence (CC0 1.0);
- versies.py: which versions are open data (every proposed one, as the anonymous public sees
  it; a concept never) and when each last changed;
- rijen.py: the rows of each table, read through the selectors the pages read;
- bestanden.py: the CSV and JSON files themselves."""
