"""What `make bench` measures, one module per part; `manage.py bench` runs them and prints the
table. Nothing here runs in the timed test suite."""
