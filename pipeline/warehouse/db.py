"""Opening DuckDB files the way every part of the pipeline must."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import duckdb

# The duckdb 2.x library writes a storage format the 1.5 CLI cannot open unless told otherwise;
# analysts use the CLI, so every file we write stays readable by it.
STORAGE_COMPATIBILITY = "v1.5.0"
# DuckDB would otherwise cache up to 80% of RAM; the writer spills to disk past this instead, so
# a national-scale build stays within a small machine's memory.
MEMORY_LIMIT = os.environ.get("PIPELINE_DUCKDB_MEMORY", "512MB")


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    # Checkpoint once when the step closes the file, not at every window's commit: each automatic
    # checkpoint re-analyses the growing tables, which made a 20,000-file load 5x slower.
    con.execute("set checkpoint_threshold = '4GB'")
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    return con


def get_state(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    rows = con.execute("select value from raw.build_state where name = ?", [name]).fetchall()
    return rows[0][0] if rows else None


def set_state(con: duckdb.DuckDBPyConnection, name: str, value: str) -> None:
    con.execute("delete from raw.build_state where name = ?", [name])
    con.execute("insert into raw.build_state values (?, ?)", [name, value])


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: a step that dies half-way leaves the tables as they were."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
