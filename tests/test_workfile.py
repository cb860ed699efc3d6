"""The work file's state is read from the file itself, never remembered by the process."""
from __future__ import annotations

from pathlib import Path

from pipeline.warehouse.workfile import open_work, work_path


def _tables(con) -> set[str]:
    return {f"{s}.{t}" for s, t in con.execute(
        "select schema_name, table_name from duckdb_tables() where not internal").fetchall()}


def test_a_work_file_deleted_and_opened_again_in_the_same_process_gets_its_tables(tmp_path: Path):
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    con = open_work(warehouse)
    first = _tables(con)
    con.close()
    assert {"raw.files", "raw.documents", "raw.runs", "staging.stg_facts", "raw.build_state"} <= first
    work = work_path(warehouse)
    work.unlink()
    work.with_name(work.name + ".wal").unlink(missing_ok=True)
    con = open_work(warehouse)
    try:
        assert _tables(con) == first
        assert con.execute("select count(*) from raw.files").fetchall() == [(0,)]
    finally:
        con.close()
