"""The merge replaces only the partitions committed since the last merge, and gets the same
tables as a merge of everything into a fresh work file."""
from __future__ import annotations

import shutil
from pathlib import Path

from test_partition_build import LIMITS, _raw
from pipeline.warehouse.merge import merge_staging
from pipeline.warehouse.partition_build import build_partitions
from pipeline.warehouse.partitions import raw_partitions
from pipeline.warehouse.schema import PARTITION_TABLES, table
from pipeline.warehouse.staging_store import StagingStore
from pipeline.warehouse.workfile import open_work


def _tables(con) -> dict[str, list]:
    return {name: con.execute(f"select * from {table(name).key} order by all").fetchall() for name in PARTITION_TABLES}


def test_an_incremental_merge_equals_a_full_one(tmp_path: Path):
    raw = _raw(tmp_path, "raw", ["a", "b", "c"])
    store = StagingStore(tmp_path / "staging")
    build_partitions(raw, store, raw_partitions(raw), 2, LIMITS)
    con = open_work(tmp_path / "wh1" / "warehouse.duckdb")
    try:
        first = merge_staging(con, store, raw, "run-1")
        assert first["merged"] == ["a", "b", "c"] and first["new"] == first["seen"] > 0
        again = merge_staging(con, store, raw, "run-2")
        assert again["merged"] == [] and again["unchanged"] == first["seen"]

        target = next((raw / "b").glob("*.txt"))
        target.write_text(target.read_text(encoding="utf-8") + "\n附：本报告另有说明。\n", encoding="utf-8")
        gone = len(list((raw / "c").iterdir()))
        shutil.rmtree(raw / "c")
        build_partitions(raw, store, sorted(set(raw_partitions(raw)) | set(store.partitions())), 2, LIMITS)
        stats = merge_staging(con, store, raw, "run-3")
        assert stats["merged"] == ["b", "c"]
        assert (stats["changed"], stats["removed"], stats["new"]) == (1, gone, 0)
        assert dict(con.execute("select change, count(*) from raw.run_files where run_id = 'run-3' group by 1").fetchall()) \
            == {"changed": 1, "removed": gone, "unchanged": stats["unchanged"]}
        incremental = _tables(con)
    finally:
        con.close()
    fresh = open_work(tmp_path / "wh2" / "warehouse.duckdb")
    try:
        assert merge_staging(fresh, store, raw, "run-x")["merged"] == ["a", "b"]
        assert _tables(fresh) == incremental
        assert incremental["stg_facts"] and not any(r[0].startswith("c/") for r in incremental["files"])
    finally:
        fresh.close()
