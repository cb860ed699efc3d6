"""Partitions of the raw folder: each top-level sub-folder (a source, a province) is one, and the
files lying directly in the raw folder form `_root`.

A partition is independent work: it reads only its files and writes only its own staging
Parquet (pipeline.warehouse.staging_store). The listing rules are scan.iter_files's: hidden and
ignored names are skipped, and a symbolic link to a folder is never entered — it is listed as a
file of the partition it sits in (a top-level one in `_root`) and quarantined with its reason.
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.warehouse.scan import IGNORED_NAMES, iter_files, scan_paths, source_name
from pipeline.warehouse.schema import Columns

ROOT_PARTITION = "_root"


def partition_of(source_path: str) -> str:
    """The partition of a file by its source_path: its first path component when it lies in a
    sub-folder, else ROOT_PARTITION."""
    head, sep, _ = source_path.partition("/")
    return head if sep else ROOT_PARTITION


def _folders(raw_dir: Path) -> dict[str, Path]:
    """Partition key → its folder, for every real (not linked, not hidden) top-level folder."""
    out = {}
    try:
        entries = sorted(os.scandir(raw_dir), key=lambda e: e.name)
    except OSError:
        return out
    for e in entries:
        if e.name.startswith(".") or e.name in IGNORED_NAMES:
            continue
        if e.is_dir(follow_symlinks=False):
            out[source_name(e.name)[0]] = Path(e.path)
    return out


def raw_partitions(raw_dir: Path) -> list[str]:
    """The partitions present in the raw folder now, sorted: every top-level folder holding at
    least one listed file, and ROOT_PARTITION when files lie directly in the folder."""
    keys = [key for key, folder in _folders(raw_dir).items() if next(iter_files(raw_dir, folder), None) is not None]
    if next(iter_files(raw_dir, raw_dir, recurse=False), None) is not None:
        keys.append(ROOT_PARTITION)
    return sorted(keys)


def partition_files(raw_dir: Path, partition: str):
    """The entries of one partition, as scan.iter_files lists them."""
    if partition == ROOT_PARTITION:
        return iter_files(raw_dir, raw_dir, recurse=False)
    folder = _folders(raw_dir).get(partition)
    return iter_files(raw_dir, folder) if folder is not None else iter(())


def scan_partition(raw_dir: Path, partition: str) -> Columns:
    """raw.files rows of one partition (empty when it is gone from the raw folder)."""
    return scan_paths(raw_dir, partition_files(raw_dir, partition))
