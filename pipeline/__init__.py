"""Government information-disclosure annual reports → a DuckDB warehouse."""
