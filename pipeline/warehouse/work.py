"""The per-file work the stages hand to worker processes: plain functions of plain data.

Each function takes and returns only picklable built-ins, never raises for a bad file (a bad file
becomes a quarantine reason), and never touches DuckDB: the main process owns the one writer.
"""
from __future__ import annotations

import hashlib
import json
import errno
import os
import stat
import traceback
import zlib
from pathlib import Path

from pipeline.extract import extract
from pipeline.model import Document, ParsedReport, Unreadable
from pipeline.parse import parse_document


def report_id(source_path: str) -> str:
    """Stable id from the path, so a changed file replaces its own rows and keeps its id."""
    return hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:16]


def extract_file(
    raw_dir: str, source_path: str, sha256: str | None, size: int, max_bytes: int, problem: str | None = None,
) -> dict:
    """Read and extract one file → a raw.documents record (status 'ok' or 'quarantined').

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
        return rec
    if size > max_bytes:
        rec["reason"] = f"file too large: {size / 1e6:.1f} MB exceeds the {max_bytes / 1e6:g} MB limit (--max-file-mb)"
        rec["limited"] = True
        return rec
    try:
        data = read_inside(Path(raw_dir), source_path, max_bytes)
    except OSError as e:
        rec["reason"] = f"cannot read file: {e.strerror or e}"
        return rec
    except Unreadable as e:
        rec["reason"] = str(e)
        return rec
    try:
        doc = extract(source_path, data)
    except Unreadable as e:
        rec["reason"] = str(e)
        return rec
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run; the reason says it is our bug
        rec["reason"] = f"extractor failed: {type(e).__name__}: {e} ({_where(e)})"
        return rec
    rec.update(
        format=doc.format,
        encoding=doc.encoding,
        pages=doc.pages,
        n_lines=len(doc.lines),
        n_grids=len(doc.grids),
        status="ok",
        content=pack(doc),
    )
    return rec


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
    # zlib, not DuckDB's own string compression: this column is megabytes per window and DuckDB's
    # analysis of long strings at checkpoint costs seconds; zlib level 1 costs milliseconds.
    return zlib.compress(json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")).encode(), 1)


def unpack(content: bytes) -> Document:
    return Document.from_dict(json.loads(zlib.decompress(content)))


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


def _where(e: Exception) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    if not tb:
        return "?"
    frame = tb[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"
