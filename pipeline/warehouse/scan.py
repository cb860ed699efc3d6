"""What is in the raw folder: every file, hashed, relative path as its identity."""
from __future__ import annotations

import hashlib
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

# Files users and tools leave beside reports that are never reports.
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"})


def iter_files(raw_dir: Path):
    for root, dirs, files in os.walk(raw_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name in IGNORED_NAMES or name.startswith("."):
                continue
            yield Path(root, name)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scan(raw_dir: Path) -> pl.DataFrame:
    """One row per file: source_path (relative, '/'-separated), sha256, bytes, modified_at, and a
    problem that keeps the file from being read at all (quarantined with it as the reason)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = {"source_path": [], "sha256": [], "bytes": [], "modified_at": [], "scanned_at": [], "problem": []}
    for path in iter_files(raw_dir):
        try:
            st = path.stat()
        except OSError:
            continue  # vanished between listing and stat: the next run sees what is there
        rel, problem = source_name(path.relative_to(raw_dir).as_posix())
        digest = None
        if not stat.S_ISREG(st.st_mode):
            problem = "not a regular file (a pipe, socket or device): never opened"
        elif problem is None:
            try:
                digest = sha256_file(path)
            except OSError:
                pass  # unreadable: extraction quarantines it with the OS error as reason
        rows["source_path"].append(rel)
        rows["sha256"].append(digest)
        rows["bytes"].append(st.st_size)
        rows["modified_at"].append(datetime.fromtimestamp(st.st_mtime, timezone.utc).replace(tzinfo=None))
        rows["scanned_at"].append(now)
        rows["problem"].append(problem)
    return pl.DataFrame(
        rows,
        schema={
            "source_path": pl.String,
            "sha256": pl.String,
            "bytes": pl.Int64,
            "modified_at": pl.Datetime("us"),
            "scanned_at": pl.Datetime("us"),
            "problem": pl.String,
        },
    )


def source_name(rel: str) -> tuple[str, str | None]:
    """The path as text. A name that is not UTF-8 (GBK names from a Windows zip unpacked on
    Linux) is shown with its bytes escaped and quarantined: it cannot round-trip into the
    warehouse and back to the file."""
    try:
        rel.encode("utf-8")
        return rel, None
    except UnicodeEncodeError:
        shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
        return shown, "file name is not valid UTF-8 (a GBK name from a Windows archive?): rename the file to read it"
