"""Opening DuckDB files the way every part of the pipeline must."""
from __future__ import annotations

from pathlib import Path

import duckdb

# The duckdb 2.x library writes a storage format the 1.5 CLI cannot open unless told otherwise;
# analysts use the CLI, so every file we write stays readable by it.
STORAGE_COMPATIBILITY = "v1.5.0"


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
    return duckdb.connect(str(path), read_only=read_only, config=config)
