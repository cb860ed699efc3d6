"""How readers get the writer's result in one step.

The pipeline writes only to a private work file (pipeline.warehouse.workfile), never to the file
analysts open. Publishing copies the finished work file next to the public one and renames it
over it: rename is atomic on one filesystem, so a reader sees the old warehouse or the new one,
never a half-written one, and a reader holding the old file open keeps reading it undisturbed (it
never blocks the writer, because the writer never opens that file). A run that fails before
publishing leaves the last good warehouse exactly as it was.
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.warehouse.durable import fsync_dir
from pipeline.warehouse.workfile import copy_file, work_path


def publish(warehouse: Path) -> Path:
    """Atomically replace the public warehouse with the current work file."""
    work = work_path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.with_name(f".{warehouse.name}.publishing-{os.getpid()}")
    try:
        copy_file(work, tmp)
        os.replace(tmp, warehouse)
    finally:
        if tmp.exists():
            tmp.unlink()
    fsync_dir(warehouse.parent)
    return warehouse
