"""The incremental steps that fill raw and staging, each a plain function over a DuckDB connection.

scan → extract → parse. Each step works only on what changed (bytes or code), in bounded windows
of files spread over worker processes, and writes each window in one transaction: a run that dies
half-way leaves every report either fully old or fully new, and the next run carries on.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from pipeline import codes
from pipeline.model import ParsedReport
from pipeline.version import extractor_version, parser_version
from pipeline.warehouse import scan as scanning
from pipeline.warehouse import run_files
from pipeline.warehouse.db import get_state, set_state
from pipeline.warehouse.pool import Progress, Workers
from pipeline.warehouse.work import extract_file, parse_content, report_id, unpack

log = logging.getLogger("pipeline")

WINDOW = 2000  # files per transaction: bounds memory whatever the corpus size
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_FILE_TIMEOUT = 300.0  # seconds one file may take to extract (or parse)
# Address space of one worker process, MB: far above what a real report needs (a few hundred
# MB for a long PDF), far below what takes a machine down.
DEFAULT_FILE_MEMORY_MB = 2048.0
PARSE_TIMEOUT_FLOOR = 60.0  # seconds; the parse stage's limit is never tighter than this


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _windows(items: list, size: int = WINDOW) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------------------- scan
def scan_files(con: duckdb.DuckDBPyConnection, raw_dir: Path) -> pl.DataFrame:
    """Replace raw.files with what is in the raw folder now."""
    frame = scanning.scan(raw_dir)
    log.info("scan: %d files under %s", frame.height, raw_dir)
    with _transaction(con):
        con.execute("delete from raw.files")
        con.register("scanned", frame.to_arrow())
        con.execute("insert into raw.files by name select * from scanned")
        con.unregister("scanned")
    return frame


# ------------------------------------------------------------------------------------ extract
def extract_documents(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    workers: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_FILE_TIMEOUT,
    memory_mb: float = DEFAULT_FILE_MEMORY_MB,
) -> dict:
    """Extract files whose bytes or extractor changed; drop documents whose file is gone. Each
    file is extracted in a worker process that is killed when it passes the time or memory limit."""
    version = extractor_version()
    limits = f"max_bytes={max_bytes} timeout={timeout:g} memory_mb={memory_mb:g}"
    todo = con.execute(
        """
        select f.source_path, f.sha256, f.bytes, f.problem
        from raw.files f
        left join raw.documents d
               on d.source_path = f.source_path and d.sha256 is not distinct from f.sha256
              and d.extractor_version = ? and d.reason is not distinct from coalesce(f.problem, d.reason)
              and (d.limits is null or d.limits = ?)
              and (f.sha256 is not null or f.problem is not null)  -- a read error is tried again
        where d.source_path is null
        order by f.source_path
        """,
        [version, limits],
    ).fetchall()
    removed = con.execute(
        "delete from raw.documents where source_path not in (select source_path from raw.files)"
    ).fetchall()[0][0]
    progress = Progress("extract", len(todo))
    quarantined = 0
    windows = (
        [(str(raw_dir), path, sha, size, max_bytes, problem) for path, sha, size, problem in window]
        for window in _windows(todo)
    )
    with Workers(workers, timeout, memory_mb) as pool:
        for records in pool.map_windows(extract_file, windows, _extractor_crashed, _extractor_limited):
            extracted_at = _now()
            frame = pl.DataFrame(
                [{**r, "extractor_version": version, "extracted_at": extracted_at,
                  "limits": limits if r.pop("limited", False) else None} for r in records],
                schema=_DOCUMENT_SCHEMA,
            )
            quarantined += sum(r["status"] != "ok" for r in records)
            with _transaction(con):
                con.register("batch", frame.to_arrow())
                con.execute("delete from raw.documents where source_path in (select source_path from batch)")
                con.execute("insert into raw.documents by name select * from batch")
                con.unregister("batch")
            progress.step(len(records))
    return {"extracted": len(todo), "quarantined": quarantined, "removed": removed, **progress.finish()}


def _extractor_crashed(args: tuple) -> dict:
    raw_dir, path, sha, size, *_ = args
    return extract_file(raw_dir, path, sha, size, 0, problem="the extractor crashed on this file (its worker process died)")


def _extractor_limited(args: tuple, message: str) -> dict:
    raw_dir, path, sha, size, *_ = args
    flag = "--file-timeout" if "wall-clock" in message else "--file-memory-mb"
    rec = extract_file(raw_dir, path, sha, size, 0, problem=f"extraction {message} (raise {flag} to allow more)")
    rec["limited"] = True  # tried again when the limits change
    return rec


def _parser_crashed(args: tuple, message: str = "crashed on this file (its worker process died)") -> tuple:
    path, sha, extracted_by, extracted_at, fmt, _status, _reason, _content, version = args
    return _parse_to_rows(path, sha, extracted_by, extracted_at, fmt, "quarantined",
                          f"the parser {message}", None, version)


_DOCUMENT_SCHEMA = {
    "source_path": pl.String,
    "sha256": pl.String,
    "extractor_version": pl.String,
    "format": pl.String,
    "encoding": pl.String,
    "pages": pl.Int32,
    "n_lines": pl.Int32,
    "n_grids": pl.Int32,
    "status": pl.String,
    "reason": pl.String,
    "content": pl.Binary,
    "limits": pl.String,
    "extracted_at": pl.Datetime("us"),
}


# -------------------------------------------------------------------------------------- parse
def parse_reports(
    con: duckdb.DuckDBPyConnection,
    workers: int,
    run_id: str,
    raw_dir: Path,
    timeout: float = DEFAULT_FILE_TIMEOUT,
    memory_mb: float = DEFAULT_FILE_MEMORY_MB,
) -> dict:
    """Parse documents whose bytes or parser changed; a changed report replaces its own rows only."""
    started = _now()
    version = parser_version()
    # A report is re-parsed when its bytes, the parser or the extraction it was parsed from changed.
    states = con.execute(
        """
        select d.source_path,
               case when r.report_id is null then 'new'
                    when r.sha256 is not distinct from d.sha256 and r.parser_version = ?
                         and r.extracted_at is not distinct from d.extracted_at then 'unchanged'
                    else 'changed' end
        from raw.documents d
        left join staging.stg_reports r on r.source_path = d.source_path
        order by d.source_path
        """,
        [version],
    ).fetchall()
    stats = {"seen": len(states)}
    for kind in ("new", "changed", "unchanged"):
        stats[kind] = sum(1 for _, state in states if state == kind)
    gone = [r[0] for r in con.execute(
        "select report_id from staging.stg_reports where source_path not in (select source_path from raw.documents)"
    ).fetchall()]
    stats["removed"] = len(gone)
    changes = run_files.pending(con, states, version)  # per-file outcomes (raw.run_files), before staging moves
    if gone:
        with _transaction(con):
            _delete_reports(con, gone)
    todo = [path for path, state in states if state != "unchanged"]
    # Only reports parsed before have rows to replace; a new report's window skips the deletes,
    # which otherwise scan the growing staging tables once per window.
    existing = {r[0] for r in con.execute("select report_id from staging.stg_reports").fetchall()}
    progress = Progress("parse", len(todo))
    def windows():
        for window in _windows(todo):
            docs = con.execute(
                """
                select source_path, sha256, extractor_version, extracted_at, format, status, reason, content
                from raw.documents where source_path in (select unnest(?::varchar[]))
                """,
                [window],
            ).fetchall()
            yield [(*d, version) for d in docs]

    # Parsing is pure Python over already-bounded text, but a worker's first report loads the
    # word lists (jieba): a limit tuned tight for extraction must not quarantine good reports here.
    parse_timeout = max(timeout, PARSE_TIMEOUT_FLOOR) if timeout else 0
    with Workers(workers, parse_timeout, memory_mb) as pool:
        for results in pool.map_windows(_parse_to_rows, windows(), _parser_crashed, _parser_crashed):
            frames = _frames(results, _now())
            with _transaction(con):
                replaced = [r[0][0] for r in results if r[0][0] in existing]
                if replaced:
                    _delete_reports(con, replaced)
                for table, frame in frames.items():
                    con.register("batch", frame.to_arrow())
                    con.execute(f"insert into staging.{table} by name select * from batch")
                    con.unregister("batch")
            progress.step(len(results))
    stats["parsed"] = len(todo)
    stats.update(progress.finish())
    loaded, partial, quarantined, blank_forms = con.execute(
        "select count(*) filter (where parse_status not in ('quarantined', 'blank_form')), count(*) filter (where parse_status = 'partial'), "
        "count(*) filter (where parse_status = 'quarantined'), count(*) filter (where parse_status = 'blank_form') from staging.stg_reports"
    ).fetchall()[0]
    stats.update(loaded=loaded, partial=partial, quarantined=quarantined, blank_forms=blank_forms)
    stats["quarantined_files"] = [list(r) for r in con.execute(
        "select source_path, status_reason from staging.stg_reports where parse_status = 'quarantined' "
        "order by source_path limit 1000"
    ).fetchall()]
    stats["files"] = run_files.record(con, run_id, changes)
    con.execute(
        "insert into raw.runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, started, _now(), str(raw_dir), stats["seen"], stats["new"], stats["changed"],
         stats["unchanged"], stats["removed"], loaded, quarantined, extractor_version(), version],
    )
    return stats


STAGING_TABLES = ("stg_reports", "stg_facts", "stg_issues", "stg_checks", "stg_source_lines", "stg_table_reads")


def _delete_reports(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    for table in STAGING_TABLES:
        con.execute(f"delete from staging.{table} where report_id in (select unnest(?::varchar[]))", [ids])


def _parse_to_rows(path, sha, extracted_by, extracted_at, fmt, status, reason, content, version) -> tuple:
    """Worker side: parse one document into its staging rows: the report row, then each other
    table column by column (transposed here, in parallel, so the writer only concatenates)."""
    rid = report_id(path)
    lines: list[tuple] = []
    if status != "ok":
        parsed = ParsedReport(source_path=path, template=None, status="quarantined", reason=reason)
    else:
        doc = unpack(content)
        parsed = parse_content(doc)
        wanted = {f.line for f in parsed.facts} | {i.line for i in parsed.issues}
        lines = [(rid, ln.no, ln.page, ln.text) for ln in doc.lines if ln.no in wanted]
    m = parsed.meta
    report = (
        rid, path, sha, version, extracted_by, extracted_at, fmt, parsed.template, parsed.status, parsed.reason,
        m.agency_name, m.agency_key, m.agency_level, m.agency_sector, m.region_code,
        m.report_year, m.publication_date, m.title,
    )
    facts = [
        (rid, f.table, f.row, f.col, None if f.value is None else float(f.value), f.unit, f.raw,
         f.line, f.page, f.method, f.note, None if f.box is None else list(f.box))
        for f in parsed.facts
    ]
    issues = [(rid, i.kind, i.message, i.line, i.page, i.raw) for i in parsed.issues]
    checks = [(rid, c.table, c.name, c.scope, c.lhs, c.rhs, c.status, c.detail) for c in parsed.checks]
    reads = [(rid, r.table, r.cells_expected, r.cells_loaded, r.cells_blank, r.cells_unread, r.status, r.reason)
             for r in parsed.reads]
    return (report, *(_columns(rows, len(_SCHEMAS[t])) for rows, t in
                      zip((facts, issues, checks, lines, reads), STAGING_TABLES[1:])))


def _columns(rows: list[tuple], width: int) -> tuple[list, ...]:
    return tuple(map(list, zip(*rows))) if rows else tuple([] for _ in range(width))


_SCHEMAS = {
    "stg_reports": {
        "report_id": pl.String, "source_path": pl.String, "sha256": pl.String, "parser_version": pl.String,
        "extractor_version": pl.String, "extracted_at": pl.Datetime("us"), "format": pl.String, "template": pl.String, "parse_status": pl.String, "status_reason": pl.String,
        "agency_name": pl.String, "agency_key": pl.String, "agency_level": pl.String,
        "agency_sector": pl.String, "region_code": pl.String, "report_year": pl.Int32,
        "publication_date": pl.Date, "title": pl.String,
    },
    "stg_facts": {
        "report_id": pl.String, "table_name": pl.String, "row_code": pl.String, "col_code": pl.String,
        "value": pl.Float64, "unit": pl.String, "raw_text": pl.String, "source_line": pl.Int32,
        "source_page": pl.Int32, "method": pl.String, "note": pl.String, "source_box": pl.List(pl.Float64),
    },
    "stg_issues": {
        "report_id": pl.String, "kind": pl.String, "message": pl.String, "source_line": pl.Int32,
        "source_page": pl.Int32, "raw_text": pl.String,
    },
    "stg_checks": {
        "report_id": pl.String, "table_name": pl.String, "check_name": pl.String, "scope": pl.String,
        "lhs": pl.Float64, "rhs": pl.Float64, "status": pl.String, "detail": pl.String,
    },
    "stg_source_lines": {"report_id": pl.String, "line_no": pl.Int32, "page": pl.Int32, "text": pl.String},
    "stg_table_reads": {
        "report_id": pl.String, "table_name": pl.String, "cells_expected": pl.Int32, "cells_loaded": pl.Int32,
        "cells_blank": pl.Int32, "cells_unread": pl.Int32, "status": pl.String, "reason": pl.String,
    },
}


def _frames(results: list[tuple], parsed_at: datetime) -> dict[str, pl.DataFrame]:
    reports = pl.DataFrame([r[0] for r in results], schema=_SCHEMAS["stg_reports"], orient="row").with_columns(
        parsed_at=pl.lit(parsed_at, dtype=pl.Datetime("us"))
    )
    out = {"stg_reports": reports}
    for i, table in enumerate(STAGING_TABLES[1:], start=1):
        schema = _SCHEMAS[table]
        columns: list[list] = [[] for _ in schema]
        for result in results:
            for acc, values in zip(columns, result[i]):
                acc.extend(values)
        out[table] = pl.DataFrame(dict(zip(schema, columns)), schema=schema)
    return out


# ---------------------------------------------------------------------------------- reference
def load_reference(con: duckdb.DuckDBPyConnection) -> dict:
    """Replace the code list and the gazetteer in staging (small; reloaded every run)."""
    code_rows = []
    for table, (rows, cols) in codes.TABLE_CODES.items():
        for axis, mapping in (("row", rows), ("col", cols)):
            code_rows += [(table, axis, code, label, i) for i, (code, label) in enumerate(mapping.items())]
    code_frame = pl.DataFrame(
        code_rows, schema=["table_name", "axis", "code", "label_zh", "sort_order"], orient="row"
    )
    regions = _region_frame()
    digest = hashlib.sha256(repr((code_rows, None if regions is None else regions.rows())).encode()).hexdigest()
    if get_state(con, "reference") == digest:
        return {"codes": code_frame.height, "regions": 0 if regions is None else regions.height, "unchanged": True}
    with _transaction(con):
        con.execute("delete from staging.stg_codes")
        con.register("codes_frame", code_frame.to_arrow())
        con.execute("insert into staging.stg_codes by name select * from codes_frame")
        con.unregister("codes_frame")
        con.execute("delete from staging.stg_regions")
        if regions is not None and regions.height:
            con.register("regions_frame", regions.to_arrow())
            con.execute("insert into staging.stg_regions by name select * from regions_frame")
            con.unregister("regions_frame")
        set_state(con, "reference", digest)
    return {"codes": code_frame.height, "regions": 0 if regions is None else regions.height}


def _region_frame() -> pl.DataFrame | None:
    try:
        from pipeline.parse.region import region_table
    except ImportError:  # gazetteer module not present: dim_region stays empty, regions stay NULL
        return None
    return region_table()


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection):
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
