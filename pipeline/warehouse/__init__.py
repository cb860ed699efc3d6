"""The DuckDB side: schema, incremental staging loads, SQL models, and atomic publishing."""
