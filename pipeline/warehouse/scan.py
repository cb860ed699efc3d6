"""What is in the raw folder: every file, hashed, relative path as its identity."""
from __future__ import annotations

import hashlib
import os
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
    """One row per file: source_path (relative, '/'-separated), sha256, bytes, modified_at."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = {"source_path": [], "sha256": [], "bytes": [], "modified_at": [], "scanned_at": []}
    for path in iter_files(raw_dir):
        try:
            st = path.stat()
        except OSError:
            continue  # vanished between listing and stat: the next run sees what is there
        try:
            digest = sha256_file(path)
        except OSError:
            digest = None  # unreadable: extraction quarantines it with the OS error as reason
        rows["source_path"].append(path.relative_to(raw_dir).as_posix())
        rows["sha256"].append(digest)
        rows["bytes"].append(st.st_size)
        rows["modified_at"].append(datetime.fromtimestamp(st.st_mtime, timezone.utc).replace(tzinfo=None))
        rows["scanned_at"].append(now)
    return pl.DataFrame(
        rows,
        schema={
            "source_path": pl.String,
            "sha256": pl.String,
            "bytes": pl.Int64,
            "modified_at": pl.Datetime("us"),
            "scanned_at": pl.Datetime("us"),
        },
    )
