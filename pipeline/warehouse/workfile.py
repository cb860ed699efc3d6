"""The writer's private work file (`<dir>/.work/<name>`): its one-writer lock, opening, schema
and healing. Publishing it is pipeline.warehouse.publish's job.

No state about the file is kept in this process beyond the lock itself: whether the tables exist
and which schema made them is read from the file on every open (two small queries), so a work
file deleted and made again in the same process gets its tables again.
"""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
from pathlib import Path

import duckdb

from pipeline.warehouse.db import connect, get_state, set_state
from pipeline.warehouse.sqlfiles import apply_ddl, ddl_version

log = logging.getLogger("pipeline")



def work_path(warehouse: Path) -> Path:
    return warehouse.parent / ".work" / warehouse.name


class BuildRunning(Exception):
    pass


# Locks this process holds: path → [fd, depth]. flock conflicts between two descriptors even in
# one process, so the CLI (which holds the lock for the whole run) and the run's resource (which
# takes it for any caller: CLI, schedule, UI) share one descriptor.
_held: dict[Path, list[int]] = {}


def lock_writer(warehouse: Path) -> int:
    """Take the one-writer lock of a warehouse for a whole run (scan to publish), or fail at once
    if another build holds it. DuckDB's own lock lasts one connection, i.e. one step: two runs
    could otherwise interleave their steps. The OS drops the lock if the process dies. Taking it
    clears what a killed build left behind (a half-copied `.publishing-*` file)."""
    path = work_path(warehouse).with_suffix(".lock")
    if path in _held:
        _held[path][1] += 1
        return _held[path][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        holder = _lock_holder(path)
        raise BuildRunning(f"another build{holder} holds the lock on {warehouse} ({path}): "
                           "this build did nothing; try again when it ends") from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _held[path] = [fd, 1]
    remove_stale_publishing(warehouse)
    heal_work(warehouse)  # once per run: read the work file through before the run relies on it
    return fd


def unlock_writer(fd: int) -> None:
    for path, entry in list(_held.items()):
        if entry[0] == fd:
            entry[1] -= 1
            if entry[1] > 0:
                return
            del _held[path]
            break
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _lock_holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def remove_stale_publishing(warehouse: Path) -> list[Path]:
    """Delete `.<name>.publishing-<pid>` copies a killed build left beside the warehouse. Only
    called with the writer lock held, so no live build is copying one."""
    removed = []
    for p in warehouse.parent.glob(f".{warehouse.name}.publishing-*"):
        try:
            p.unlink()
        except OSError:
            continue
        removed.append(p)
        log.warning("removed %s, left by a build that was killed while publishing", p)
    return removed


def open_work(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the writer's work file with its tables. When it is missing it is seeded from the
    published warehouse (a fresh machine with a warehouse copied over continues incrementally);
    when unreadable, likewise; when its tables were made by an older schema it starts empty, and
    every file is read anew. (Damage deeper in the file is found by heal_work, once per run.)"""
    work = work_path(warehouse)
    work.parent.mkdir(parents=True, exist_ok=True)
    if not work.exists():
        heal_work(warehouse)
    try:
        con = connect(work)
    except duckdb.Error as e:
        if "lock" in str(e).lower():
            raise  # another build is writing: never touch its file
        log.warning("work file %s unreadable (%s): starting again from the published copy", work,
                    str(e).splitlines()[0])
        _remove(work)
        if warehouse.exists():
            copy_file(warehouse, work)
        try:
            con = connect(work)
        except duckdb.Error:
            _remove(work)
            con = connect(work)
    schema = ddl_version()
    made_by = _schema_of(con)
    if made_by != schema:
        if made_by is not None:
            log.warning("the warehouse schema changed: rebuilding %s from the raw files", work)
            con.close()
            _remove(work)
            con = connect(work)
        apply_ddl(con)
        set_state(con, "schema", schema)
    return con


def heal_work(warehouse: Path) -> str:
    """Make the work file whole before a run uses it: read every table through (DuckDB checks
    each block's checksum as it reads it) and, when that fails — a file corrupted mid-way or
    truncated by a crash or a full disk — rebuild it from the published warehouse, or from the
    raw files (an empty work file) when that is damaged too. Says what it did in the log.
    Returns 'ok', 'seeded', 'published' or 'raw'."""
    work = work_path(warehouse)
    if not work.exists():
        return "seeded" if _seed(warehouse, work, "missing") else "raw"
    problem = damage(work)
    if problem is None:
        return "ok"
    log.warning("work file %s is damaged (%s): rebuilding it", work, problem)
    _remove(work)
    return "published" if _seed(warehouse, work, "damaged") else "raw"


def _seed(warehouse: Path, work: Path, why: str) -> bool:
    """Copy the published warehouse to the work file if it reads through; else leave none."""
    if not warehouse.exists():
        if why != "missing":
            log.warning("no published warehouse: rebuilding %s from the raw files", work)
        return False
    copy_file(warehouse, work)
    problem = damage(work)
    if problem is None:
        if why != "missing":
            log.warning("work file %s rebuilt from the published warehouse %s", work, warehouse)
        return True
    log.warning("the published warehouse %s is damaged too (%s): rebuilding %s from the raw files",
                warehouse, problem, work)
    _remove(work)
    return False


def damage(path: Path) -> str | None:
    """None when every table of the DuckDB file reads through; else the first error line."""
    try:
        con = connect(path)
    except duckdb.Error as e:
        if "lock" in str(e).lower():
            raise  # another process has it open for writing: not ours to judge
        return str(e).strip().splitlines()[0]
    try:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() where not internal and not temporary"
        ).fetchall()
        for schema, table in tables:
            # hash of the whole row: every column's blocks are read (and checksummed)
            con.execute(f'select bit_xor(hash(t)) from "{schema}"."{table}" t').fetchall()
    except duckdb.Error as e:
        return str(e).strip().splitlines()[0]
    finally:
        con.close()
    return None


def _schema_of(con: duckdb.DuckDBPyConnection) -> str | None:
    """The schema version a work file was made with; '' for files older than the bookkeeping,
    None for an empty file."""
    tables = con.execute("select count(*) from duckdb_tables() where schema_name in ('raw', 'staging')").fetchall()
    if not tables[0][0]:
        return None
    try:
        return get_state(con, "schema") or ""
    except duckdb.CatalogException:
        return ""


def copy_file(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    with open(dst, "rb") as fh:
        os.fsync(fh.fileno())


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()
