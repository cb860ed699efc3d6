"""The per-file work the stages hand to worker processes: plain functions of plain data.

Each function takes and returns only picklable built-ins, never raises for a bad file (a bad file
becomes a quarantine reason), and never touches DuckDB: the main process owns the one writer.
"""
from __future__ import annotations

import hashlib
import json
import signal
import threading
import traceback
import zlib
from contextlib import contextmanager
from pathlib import Path

from pipeline.extract import extract
from pipeline.model import Document, ParsedReport, Unreadable
from pipeline.parse import parse_document


def report_id(source_path: str) -> str:
    """Stable id from the path, so a changed file replaces its own rows and keeps its id."""
    return hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:16]


class FileTimeout(BaseException):  # not Exception: libraries that catch Exception must not swallow it
    pass


@contextmanager
def time_limit(seconds: float):
    """Stop a pathological file (a PDF that sends the layout engine into minutes of work) so the
    nightly run finishes; SIGALRM works only in a process's main thread, which workers are."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_file(
    raw_dir: str, source_path: str, sha256: str | None, size: int, max_bytes: int, timeout: float = 0,
    problem: str | None = None,
) -> dict:
    """Read and extract one file → a raw.documents record (status 'ok' or 'quarantined')."""
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
        data = (Path(raw_dir) / source_path).read_bytes()
    except OSError as e:
        rec["reason"] = f"cannot read file: {e.strerror or e}"
        return rec
    try:
        with time_limit(timeout):
            doc = extract(source_path, data)
    except Unreadable as e:
        rec["reason"] = str(e)
        return rec
    except FileTimeout:
        rec["reason"] = f"extraction took longer than {timeout:g} s: stopped (raise --file-timeout to allow more)"
        rec["limited"] = True
        return rec
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
