"""The one step that loads the staging Parquet of every partition into the work DuckDB file.

raw.files, raw.documents (without the extracted content, which stays in Parquet) and the
staging.stg_* tables are replaced from the store's committed files in one transaction, and the
run is recorded (raw.runs, raw.run_files). When no partition was committed since the last merge
(the store's fingerprint is the one recorded), no table is touched: an unchanged re-run costs a
few small queries. Only this step, run once at a time under the warehouse's writer lock, writes
the DuckDB file; the partitions never open it.
"""
from __future__ import annotations

import json
import logging
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.version import extractor_version, parser_version
from pipeline.warehouse import run_files
from pipeline.warehouse.db import get_state, set_state, transaction
from pipeline.warehouse.schema import PARTITION_TABLES, STAGING_TABLES, table
from pipeline.warehouse.partitions import ROOT_PARTITION
from pipeline.warehouse.staging_store import StagingStore

log = logging.getLogger("pipeline")

STATE = "staging"  # raw.build_state name of the store fingerprint last merged
GENERATIONS = "staging_generations"  # … and of the generation of each partition it holds
# The partition of a row by its source_path, as pipeline.warehouse.partitions.partition_of says.
PARTITION_SQL = "(case when position('/' in source_path) > 0 then split_part(source_path, '/', 1) else '{root}' end)"
NEW_REPORTS = "merge_new_reports"


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def parquet_scan(files: list[Path]) -> str:
    """SQL reading these Parquet files (paths quoted)."""
    return "read_parquet([" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "])"


def merge_staging(con: duckdb.DuckDBPyConnection, store: StagingStore, raw_dir: Path, run_id: str) -> dict:
    """Bring raw and staging in the work file up to the store's committed rows; record the run.
    Only partitions committed since the last merge are replaced (all of them when the work file
    does not know what it was merged from). Returns the build summary's counts: seen, new,
    changed, unchanged, removed, loaded, partial, quarantined, blank_forms, quarantined_files,
    files (and merged: the partitions replaced)."""
    started = now()
    replaced: list[str] = []
    with ExitStack() as held, transaction(con):
        # A partition committed meanwhile would delete files being read: wait for writers in
        # flight, and keep new ones out until the rows are in (sorted: the order builds take them).
        for key in store.partitions():
            held.enter_context(store.lock(key))
        fingerprint = store.fingerprint()
        if get_state(con, STATE) != fingerprint:
            current = store.generations()
            before = _merged_generations(con)
            if before is None:  # unknown: replace everything
                replaced = sorted(current)
            else:
                replaced = sorted({p for p in current if before.get(p) != current[p]} | (set(before) - set(current)))
            _replace(con, store, replaced, full=before is None)
            set_state(con, STATE, fingerprint)
            set_state(con, GENERATIONS, json.dumps(current, ensure_ascii=False, sort_keys=True))
            counts = run_files.pending(con, NEW_REPORTS)  # before the old rows go
            _load(con, store, replaced, full=before is None)
            con.execute(f"drop table {NEW_REPORTS}")
        else:
            counts = run_files.pending(con, None)
        loaded, partial, quarantined, blank_forms = con.execute(
            "select count(*) filter (where parse_status not in ('quarantined', 'blank_form')), "
            "count(*) filter (where parse_status = 'partial'), count(*) filter (where parse_status = 'quarantined'), "
            "count(*) filter (where parse_status = 'blank_form') from staging.stg_reports"
        ).fetchall()[0]
        stats = {"seen": counts["new"] + counts["changed"] + counts["unchanged"], **counts,
                 "loaded": loaded, "partial": partial, "quarantined": quarantined, "blank_forms": blank_forms}
        stats["quarantined_files"] = [list(r) for r in con.execute(
            "select source_path, status_reason from staging.stg_reports where parse_status = 'quarantined' "
            "order by source_path limit 1000"
        ).fetchall()]
        stats["files"] = run_files.record(con, run_id)
        con.execute(
            """
            insert into raw.runs (run_id, started_at, finished_at, raw_dir, files_seen, files_new, files_changed,
                                  files_unchanged, files_removed, reports_loaded, files_quarantined,
                                  extractor_version, parser_version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [run_id, started, now(), str(raw_dir), stats["seen"], stats["new"], stats["changed"],
             stats["unchanged"], stats["removed"], loaded, quarantined, extractor_version(), parser_version()],
        )
    stats["merged"] = replaced
    log.info("merge: %s, %d partitions replaced", {k: v for k, v in stats.items()
                                                   if k not in ("quarantined_files", "files", "merged")}, len(replaced))
    return stats


def _merged_generations(con: duckdb.DuckDBPyConnection) -> dict | None:
    value = get_state(con, GENERATIONS)
    try:
        return json.loads(value) if value else None
    except ValueError:
        return None


def _of_partitions() -> str:
    return PARTITION_SQL.format(root=ROOT_PARTITION) + " in (select unnest(?::varchar[]))"


def _replace(con: duckdb.DuckDBPyConnection, store: StagingStore, partitions: list[str], full: bool) -> None:
    """The new stg_reports (NEW_REPORTS): the replaced partitions' rows from Parquet, the others'
    as they are, so the run's changes can be told before anything is deleted."""
    files = store.files("stg_reports", partitions)
    parts = [f"select * from {parquet_scan(files)}"] if files else []
    params: list = []
    if not full:
        parts.append(f"select * from staging.stg_reports where not {_of_partitions()}")
        params.append(partitions)
    if not parts:
        parts = ["select * from staging.stg_reports limit 0"]
    con.execute(f"create or replace temp table {NEW_REPORTS} as " + " union all by name ".join(parts), params)


def _load(con: duckdb.DuckDBPyConnection, store: StagingStore, partitions: list[str], full: bool) -> None:
    """Delete the replaced partitions' rows, insert their committed Parquet."""
    if full:
        for name in PARTITION_TABLES:
            con.execute(f"delete from {table(name).key}")
    else:
        gone = f"select report_id from staging.stg_reports where {_of_partitions()}"
        for name in STAGING_TABLES[1:]:
            con.execute(f"delete from {table(name).key} where report_id in ({gone})", [partitions])
        for name in ("files", "documents", "stg_reports"):
            con.execute(f"delete from {table(name).key} where {_of_partitions()}", [partitions])
    for name in PARTITION_TABLES:
        t = table(name)
        files = store.files(name, partitions)
        if files:
            cols = ", ".join(c.name for c in t.duckdb_cols)
            con.execute(f"insert into {t.key} by name select {cols} from {parquet_scan(files)}")
