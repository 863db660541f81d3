"""The public layer declares no models of its own. Its search reads a `zoekvector` column that
migration 0001_zoekindex adds, on PostgreSQL only, to the tables it searches (see there)."""
