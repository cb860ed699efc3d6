"""Where the writer works and how readers get its result in one step.

The pipeline writes only to a private work file (`<dir>/.work/<name>`), never to the file analysts
open. Publishing copies the finished work file next to the public one and renames it over it:
rename is atomic on one filesystem, so a reader sees the old warehouse or the new one, never a
half-written one, and a reader holding the old file open keeps reading it undisturbed (it never
blocks the writer, because the writer never opens that file). A run that fails before publishing
leaves the last good warehouse exactly as it was.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import duckdb

from pipeline.warehouse.db import connect
from pipeline.warehouse.sqlfiles import apply_ddl

log = logging.getLogger("pipeline")


_ddl_applied: set[Path] = set()


def work_path(warehouse: Path) -> Path:
    return warehouse.parent / ".work" / warehouse.name


def open_work(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the writer's work file, seeding it from the published warehouse when it is missing
    (a fresh machine with a warehouse copied over continues incrementally) or unreadable."""
    work = work_path(warehouse)
    work.parent.mkdir(parents=True, exist_ok=True)
    if not work.exists() and warehouse.exists():
        _copy(warehouse, work)
    fresh = not work.exists()
    try:
        con = connect(work)
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise  # another build is writing: never touch its file
        log.warning("work file %s unreadable (%s): starting it afresh", work, str(e).splitlines()[0])
        _remove(work)
        _ddl_applied.discard(work)
        con = connect(work)
    # Every step opens the work file; creating and commenting the tables once per process is
    # enough (it costs ~0.3 s, which times forty steps was most of a small build).
    if fresh or work not in _ddl_applied:
        apply_ddl(con)
        _ddl_applied.add(work)
    return con


def publish(warehouse: Path) -> Path:
    """Atomically replace the public warehouse with the current work file."""
    work = work_path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.with_name(f".{warehouse.name}.publishing-{os.getpid()}")
    try:
        _copy(work, tmp)
        os.replace(tmp, warehouse)
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_dir(warehouse.parent)
    return warehouse


def _copy(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    with open(dst, "rb") as fh:
        os.fsync(fh.fileno())


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
