"""Opening DuckDB files the way every part of the pipeline must."""
from __future__ import annotations

from pathlib import Path

import duckdb

# The duckdb 2.x library writes a storage format the 1.5 CLI cannot open unless told otherwise;
# analysts use the CLI, so every file we write stays readable by it.
STORAGE_COMPATIBILITY = "v1.5.0"


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    # Checkpoint once when the step closes the file, not at every window's commit: each automatic
    # checkpoint re-analyses the growing tables, which made a 20,000-file load 5x slower.
    con.execute("set checkpoint_threshold = '4GB'")
    return con
