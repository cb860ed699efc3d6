"""Making a rename durable: after os.replace, the folder's own entry must reach the disk too, or a
power cut can bring back the old name. Used by the staging store and by publishing."""
from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
