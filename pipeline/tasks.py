"""The per-file work a build hands to worker processes: plain functions of plain data.

Each function takes built-ins, returns built-ins and `schema.Columns` (rows by column name), never
raises for a bad file (a bad file becomes a quarantine reason) and never touches DuckDB, polars or
Arrow: a worker imports only the extractors, the parser and the table declarations, so it starts
small (tests/test_tasks.py checks it). The writing process turns the columns into Arrow.

- `extract_and_parse`: a file whose bytes, extractor or limits changed → its document record
  (packed content included) and its staging rows, in one call (one pickling, one worker visit);
- `reparse`: a stored document whose parser changed → its staging rows.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import traceback
import zlib
from datetime import datetime, timezone
from pathlib import Path

from pipeline.extract import extract
from pipeline.model import Document, Line, ParsedReport, Unreadable
from pipeline.parse import parse_document
from pipeline.warehouse.schema import STAGING_TABLES, Columns


def now() -> datetime:
    """UTC, naive (DuckDB timestamp)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def report_id(source_path: str) -> str:
    """Stable id from the path, so a changed file replaces its own rows and keeps its id."""
    return hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:16]


def prepare() -> None:
    """Load what the parser loads on its first report (word lists, gazetteer) once per worker,
    before the worker's clock and memory cap start (pipeline.warehouse.pool calls it): a tight
    per-file limit then measures the file, not the parser's start-up."""
    try:
        parse_document(Document(source_path="prepare.txt", format="text", lines=[
            Line(1, "某县人民政府2020年政府信息公开工作年度报告"),
            Line(2, "一、总体情况 本机关收到政府信息公开申请0件。"),
        ]))
    except Exception:  # noqa: BLE001 - a warm-up only; the real parse reports its own errors
        pass


# ------------------------------------------------------------------------------------- extract
def extract_file(
    raw_dir: str, source_path: str, sha256: str | None, size: int, max_bytes: int, problem: str | None = None,
) -> dict:
    """Read and extract one file → its raw.documents record (see extract_record)."""
    return extract_record(raw_dir, source_path, sha256, size, max_bytes, problem)[0]


def extract_record(
    raw_dir: str, source_path: str, sha256: str | None, size: int, max_bytes: int, problem: str | None = None,
) -> tuple[dict, Document | None]:
    """Read and extract one file → (a raw.documents record without its version fields (status
    'ok' or 'quarantined'; 'limited' True when a size limit decided it), the Document or None).

    Time and memory are bounded from outside: this runs in a worker process of
    pipeline.warehouse.pool, which is killed when the file passes a limit. MemoryError is let
    through so the pool can name the limit."""
    rec = {
        "source_path": source_path,
        "sha256": sha256,
        "format": None,
        "encoding": None,
        "pages": None,
        "n_lines": None,
        "n_grids": None,
        "status": "quarantined",
        "reason": None,
        "content": None,
    }
    if problem:
        rec["reason"] = problem
        return rec, None
    if size > max_bytes:
        rec["reason"] = f"file too large: {size / 1e6:.1f} MB exceeds the {max_bytes / 1e6:g} MB limit (--max-file-mb)"
        rec["limited"] = True
        return rec, None
    try:
        data = read_inside(Path(raw_dir), source_path, max_bytes)
    except OSError as e:
        rec["reason"] = f"cannot read file: {e.strerror or e}"
        return rec, None
    except Unreadable as e:
        rec["reason"] = str(e)
        return rec, None
    try:
        doc = extract(source_path, data)
    except Unreadable as e:
        rec["reason"] = str(e)
        return rec, None
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run; the reason says it is our bug
        rec["reason"] = f"extractor failed: {type(e).__name__}: {e} ({_where(e)})"
        return rec, None
    rec.update(
        format=doc.format,
        encoding=doc.encoding,
        pages=doc.pages,
        n_lines=len(doc.lines),
        n_grids=len(doc.grids),
        status="ok",
        content=pack(doc),
    )
    return rec, doc


def read_inside(raw_dir: Path, source_path: str, max_bytes: int) -> bytes:
    """The bytes of a file the scan listed, read only if it is still a regular file inside the
    raw folder: a file swapped for a symbolic link (or under a folder swapped for one) after the
    scan is refused, never followed."""
    path = raw_dir / source_path
    real_dir = os.path.realpath(raw_dir)
    if os.path.commonpath([real_dir, os.path.realpath(path)]) != real_dir:
        raise Unreadable("path resolves outside the raw folder: never read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise Unreadable("symbolic link: skipped, links are never followed out of the raw folder") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable("not a regular file (a pipe, socket or device): never opened")
        if max_bytes and st.st_size > max_bytes:
            raise Unreadable(f"file too large: {st.st_size / 1e6:.1f} MB exceeds the {max_bytes / 1e6:g} MB limit (--max-file-mb)")
        # In pieces: read(n) would reserve n bytes up front, and a worker's memory is capped.
        chunks, total = [], 0
        with os.fdopen(fd, "rb", closefd=False) as fh:
            while chunk := fh.read(1 << 20):
                total += len(chunk)
                if max_bytes and total > max_bytes:  # grew since it was looked at
                    raise Unreadable(f"file too large: over the {max_bytes / 1e6:g} MB limit (--max-file-mb)")
                chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def pack(doc: Document) -> bytes:
    # zlib level 1: milliseconds per document, and the Parquet column stays small.
    return zlib.compress(json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")).encode(), 1)


def unpack(content: bytes) -> Document:
    return Document.from_dict(json.loads(zlib.decompress(content)))


# --------------------------------------------------------------------------------------- parse
def parse_content(doc: Document) -> ParsedReport:
    """Parse one extracted document; an unexpected parser error quarantines that report only."""
    try:
        return parse_document(doc)
    except MemoryError:
        raise  # the worker pool names the memory limit
    except Exception as e:  # noqa: BLE001 - see extract_file
        return ParsedReport(
            source_path=doc.source_path,
            template=None,
            status="quarantined",
            reason=f"parser failed: {type(e).__name__}: {e} ({_where(e)})",
        )


def staging_rows(document: dict, parser_version: str, parsed: ParsedReport | None = None,
                 doc: Document | None = None) -> dict[str, Columns]:
    """The staging rows of one report, by table. `document` is its raw.documents record (the
    fields stg_reports repeats); `parsed` None means quarantined with the document's reason."""
    path = document["source_path"]
    rid = report_id(path)
    if parsed is None:
        parsed = ParsedReport(source_path=path, template=None, status="quarantined", reason=document["reason"])
    out = {t: Columns(t) for t in STAGING_TABLES}
    m = parsed.meta
    out["stg_reports"].add(
        report_id=rid, source_path=path, sha256=document["sha256"], parser_version=parser_version,
        extractor_version=document["extractor_version"], extracted_at=document["extracted_at"],
        format=document["format"], template=parsed.template, parse_status=parsed.status,
        status_reason=parsed.reason, agency_name=m.agency_name, agency_key=m.agency_key,
        agency_level=m.agency_level, agency_sector=m.agency_sector, region_code=m.region_code,
        report_year=m.report_year, publication_date=m.publication_date, title=m.title, parsed_at=now(),
    )
    facts = out["stg_facts"]
    for f in parsed.facts:
        facts.add(report_id=rid, table_name=f.table, row_code=f.row, col_code=f.col,
                  value=None if f.value is None else float(f.value), unit=f.unit, raw_text=f.raw,
                  source_line=f.line, source_page=f.page, method=f.method, note=f.note,
                  source_box=None if f.box is None else [float(x) for x in f.box])
    for i in parsed.issues:
        out["stg_issues"].add(report_id=rid, kind=i.kind, message=i.message, source_line=i.line,
                              source_page=i.page, raw_text=i.raw)
    for c in parsed.checks:
        out["stg_checks"].add(report_id=rid, table_name=c.table, check_name=c.name, scope=c.scope,
                              lhs=c.lhs, rhs=c.rhs, status=c.status, detail=c.detail)
    for r in parsed.reads:
        out["stg_table_reads"].add(report_id=rid, table_name=r.table, cells_expected=r.cells_expected,
                                   cells_loaded=r.cells_loaded, cells_blank=r.cells_blank,
                                   cells_unread=r.cells_unread, status=r.status, reason=r.reason)
    if doc is not None:
        # only the lines a number or an issue points to: the context of every number
        wanted = {f.line for f in parsed.facts} | {i.line for i in parsed.issues}
        for ln in doc.lines:
            if ln.no in wanted:
                out["stg_source_lines"].add(report_id=rid, line_no=ln.no, page=ln.page, text=ln.text)
    return out


def parse_document_record(document: dict, parser_version: str, doc: Document | None = None) -> dict[str, Columns]:
    """Staging rows of a stored document (quarantined documents get their one quarantined row).
    `doc`: the document itself when it was just extracted (saves unpacking what was just packed)."""
    if document["status"] != "ok":
        return staging_rows(document, parser_version)
    doc = doc if doc is not None else unpack(document["content"])
    return staging_rows(document, parser_version, parse_content(doc), doc)


# ------------------------------------------------------------------------------ the two calls
def extract_and_parse(
    raw_dir: str, source_path: str, sha256: str | None, size: int, problem: str | None,
    max_bytes: int, limits: str, extractor_version: str, parser_version: str,
) -> tuple[dict, dict[str, Columns]]:
    """One file end to end in one worker call: (its raw.documents record, its staging rows)."""
    rec, doc = extract_record(raw_dir, source_path, sha256, size, max_bytes, problem)
    rec = finish_document(rec, limits, extractor_version)
    # parsed from the Document just extracted, not from its packed copy: the same data, without
    # the JSON round trip
    return rec, parse_document_record(rec, parser_version, doc)


def finish_document(rec: dict, limits: str, extractor_version: str) -> dict:
    """The raw.documents record with its version, time and (for a file a limit decided) the
    limits then in force, so it is tried again when they change."""
    limited = rec.pop("limited", False)
    rec.update(extractor_version=extractor_version, extracted_at=now(), limits=limits if limited else None)
    return rec


def reparse(document: dict, parser_version: str) -> dict[str, Columns]:
    """Staging rows of a stored document whose parser changed (never re-extracted)."""
    return parse_document_record(document, parser_version)


def run_job(*args):
    """The one function the build sends to its workers: a file to read (extract_and_parse's
    nine fields) → (document, staging rows), or a stored document to parse again (reparse's
    two) → (None, staging rows)."""
    if len(args) == 2:
        return None, reparse(*args)
    return extract_and_parse(*args)


def _where(e: Exception) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    if not tb:
        return "?"
    frame = tb[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"
