"""The one step that loads the staging Parquet of every partition into the work DuckDB file.

raw.files, raw.documents (without the extracted content, which stays in Parquet) and the
staging.stg_* tables are replaced from the store's committed files in one transaction, and the
run is recorded (raw.runs, raw.run_files). When no partition was committed since the last merge
(the store's fingerprint is the one recorded), no table is touched: an unchanged re-run costs a
few small queries. Only this step, run once at a time under the warehouse's writer lock, writes
the DuckDB file; the partitions never open it.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.version import extractor_version, parser_version
from pipeline.warehouse import run_files
from pipeline.warehouse.db import get_state, set_state, transaction
from pipeline.warehouse.schema import PARTITION_TABLES, table
from pipeline.warehouse.staging_store import StagingStore

log = logging.getLogger("pipeline")

STATE = "staging"  # raw.build_state name of the store fingerprint last merged
NEW_REPORTS = "merge_new_reports"


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def parquet_scan(files: list[Path]) -> str:
    """SQL reading these Parquet files (paths quoted)."""
    return "read_parquet([" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "])"


def merge_staging(con: duckdb.DuckDBPyConnection, store: StagingStore, raw_dir: Path, run_id: str) -> dict:
    """Replace raw and staging in the work file with the store's committed rows; record the run.
    Returns the build summary's counts: seen, new, changed, unchanged, removed, loaded, partial,
    quarantined, blank_forms, quarantined_files, files (and merged: whether tables were replaced)."""
    started = now()
    fingerprint = store.fingerprint()
    merged = get_state(con, STATE) != fingerprint
    with transaction(con):
        if merged:
            files = {t: store.files(t) for t in PARTITION_TABLES}
            if files["stg_reports"]:
                con.execute(f"create or replace temp table {NEW_REPORTS} as "
                            f"select * from {parquet_scan(files['stg_reports'])}")
            else:
                con.execute(f"create or replace temp table {NEW_REPORTS} as select * from staging.stg_reports limit 0")
            counts = run_files.pending(con, NEW_REPORTS)
            for name in PARTITION_TABLES:
                t = table(name)
                con.execute(f"delete from {t.key}")
                if name == "stg_reports":
                    con.execute(f"insert into {t.key} by name select * from {NEW_REPORTS}")
                elif files[name]:
                    cols = ", ".join(c.name for c in t.duckdb_cols)
                    con.execute(f"insert into {t.key} by name select {cols} from {parquet_scan(files[name])}")
            con.execute(f"drop table {NEW_REPORTS}")
            set_state(con, STATE, fingerprint)
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
    stats["merged"] = merged
    log.info("merge: %s", {k: v for k, v in stats.items() if k not in ("quarantined_files", "files")})
    return stats
