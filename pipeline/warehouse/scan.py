"""What is in the raw folder: every file, hashed, relative path as its identity.

Nothing outside the raw folder is ever read. Symbolic links — to files or to folders, inside
or outside the folder — are never followed: each is listed with a reason (and quarantined with
it), so a link to /etc/passwd or to another agency's reports cannot reach the warehouse.
"""
from __future__ import annotations

import hashlib
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from pipeline.warehouse.schema import Columns

# Files users and tools leave beside reports that are never reports.
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"})

LINK_TO_FILE = "symbolic link to a file: skipped, links are never followed (nothing outside the raw folder is read)"
LINK_TO_FOLDER = "symbolic link to a folder: skipped, links are never followed (nothing outside the raw folder is read)"
DANGLING_LINK = "symbolic link to nothing: skipped"
OUTSIDE = "path resolves outside the raw folder: skipped"


def iter_files(raw_dir: Path, top: Path | None = None, recurse: bool = True):
    """Every entry to list, in a stable order: regular and special files, and symbolic links
    (to anything) as themselves — os.walk does not descend into linked folders, and those are
    yielded here so they are listed rather than silently dropped. `top`: list only under this
    folder of raw_dir; recurse False: only the files directly in it."""
    for root, dirs, files in os.walk(top or raw_dir):
        if not recurse:
            dirs[:] = [d for d in dirs if os.path.islink(os.path.join(root, d))]  # listed, never entered
            for name in sorted(files + dirs):
                if name in IGNORED_NAMES or name.startswith("."):
                    continue
                yield Path(root, name)
            return
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted([*files, *links]):
            if name in IGNORED_NAMES or name.startswith("."):
                continue
            yield Path(root, name)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # swapped for a link since: refused
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def link_problem(path: Path, raw_dir: Path) -> str | None:
    """Why this entry is not read, when it is a link or leads out of the folder; else None."""
    if os.path.islink(path):
        try:
            target = path.stat()
        except OSError:
            return DANGLING_LINK
        return LINK_TO_FOLDER if stat.S_ISDIR(target.st_mode) else LINK_TO_FILE
    real_dir = os.path.realpath(raw_dir)
    if os.path.commonpath([real_dir, os.path.realpath(path)]) != real_dir:
        return OUTSIDE
    return None


def scan_paths(raw_dir: Path, paths) -> Columns:
    """One raw.files row per listed entry (see iter_files): source_path (relative, '/'-separated),
    sha256, bytes, modified_at, and a problem that keeps the file from being read at all
    (quarantined with it as the reason)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = Columns("files")
    for path in paths:
        try:
            st = path.lstat()  # the entry itself, never what a link points to
        except OSError:
            continue  # vanished between listing and stat: the next run sees what is there
        rel, problem = source_name(path.relative_to(raw_dir).as_posix())
        digest = None
        skip = link_problem(path, raw_dir)
        if skip is not None:
            problem = skip
        elif not stat.S_ISREG(st.st_mode):
            problem = "not a regular file (a pipe, socket or device): never opened"
        elif problem is None:
            try:
                digest = sha256_file(path)
            except OSError:
                pass  # unreadable: extraction quarantines it with the OS error as reason
        rows.add(source_path=rel, sha256=digest, bytes=st.st_size,
                 modified_at=datetime.fromtimestamp(st.st_mtime, timezone.utc).replace(tzinfo=None),
                 scanned_at=now, problem=problem)
    return rows


def scan(raw_dir: Path):
    """Every file of the raw folder as a polars frame of raw.files rows."""
    import polars as pl

    return pl.from_arrow(scan_paths(raw_dir, iter_files(raw_dir)).to_arrow())


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
