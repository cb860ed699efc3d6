"""Load the fetch records kept in the raw folder into raw.fetch_log and raw.fetch_requests.

The fetch step never opens the warehouse (it may run while a build holds it, or with no
warehouse at all); the build reads what it left beside the files instead.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import polars as pl

from pipeline.fetch.store import MANIFEST, REQUESTS_DIR, STATE_DIR

_LOG_SCHEMA = {
    "source": pl.String, "source_path": pl.String, "url": pl.String, "final_url": pl.String,
    "kind": pl.String, "found_on": pl.String, "etag": pl.String, "last_modified": pl.String,
    "content_type": pl.String, "sha256": pl.String, "bytes": pl.Int64,
    "first_fetched_at": pl.String, "fetched_at": pl.String, "checked_at": pl.String,
}
_REQ_SCHEMA = {
    "run_id": pl.String, "source": pl.String, "url": pl.String, "kind": pl.String, "attempt": pl.Int32,
    "status": pl.Int32, "bytes": pl.Int64, "sha256": pl.String, "requested_at": pl.String,
    "elapsed_ms": pl.Int64, "conditional": pl.Boolean, "error": pl.String,
}
_TIMES = ("first_fetched_at", "fetched_at", "checked_at")


def state_dirs(raw_dir: Path):
    """Every source folder's .fetch/ under the raw folder (the fetch folder may be a sub-folder)."""
    for root, dirs, _files in os.walk(raw_dir):
        if STATE_DIR in dirs:
            yield Path(root), Path(root, STATE_DIR)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))


def load_fetch_records(con: duckdb.DuckDBPyConnection, raw_dir: Path) -> dict:
    raw_dir = Path(raw_dir)
    log_rows: list[dict] = []
    request_files: list[tuple[str, Path]] = []
    for folder, state in state_dirs(raw_dir):
        try:
            data = json.loads((state / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        source = str(data.get("source") or folder.name)
        for url, e in (data.get("files") or {}).items():
            if not isinstance(e, dict) or not e.get("file") or not (folder / e["file"]).is_file():
                continue
            log_rows.append({
                "source": source, "source_path": (folder / e["file"]).relative_to(raw_dir).as_posix(), "url": url,
                **{k: e.get(k) for k in _LOG_SCHEMA if k not in ("source", "source_path", "url")},
            })
        for p in sorted((state / REQUESTS_DIR).glob("*.jsonl")):
            request_files.append((source, p))
    fetch_log = pl.DataFrame(log_rows, schema=_LOG_SCHEMA).with_columns(
        pl.col(c).str.to_datetime(strict=False) for c in _TIMES)
    con.execute("begin")
    try:
        con.execute("delete from raw.fetch_log")
        con.register("fetched", fetch_log.to_arrow())
        con.execute("insert into raw.fetch_log by name select * from fetched")
        con.unregister("fetched")
        loaded = {(s, r) for s, r in con.execute("select distinct source, run_id from raw.fetch_requests").fetchall()}
        new_rows: list[dict] = []
        for source, p in request_files:
            if (source, p.stem) in loaded:
                continue  # each run's log is loaded once; the table keeps them after the files are pruned
            for line in p.read_text(encoding="utf-8").splitlines():
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                new_rows.append({k: r.get(k) for k in _REQ_SCHEMA} | {"source": source, "run_id": p.stem})
        if new_rows:
            frame = pl.DataFrame(new_rows, schema=_REQ_SCHEMA).with_columns(
                pl.col("requested_at").str.to_datetime(strict=False))
            con.register("requests", frame.to_arrow())
            con.execute("insert into raw.fetch_requests by name select * from requests")
            con.unregister("requests")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return {"fetched_files": fetch_log.height, "requests_loaded": len(new_rows)}
