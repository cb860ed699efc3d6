"""Staging as Parquet: each partition's rows in its own files, replaced atomically.

Layout under the store's root (`<warehouse folder>/staging`):

    <table>/<partition-dir>/<generation>.parquet   (+ <generation>-<n>.parquet when large)
    _manifests/<partition-dir>.json                 the committed generation: its files, versions, row counts
    _locks/<partition-dir>.lock                     one writer per partition (flock)

A generation is written file by file under temporary names (fsync, rename), then the manifest is
replaced in one os.replace, then the previous generation's files are deleted. Whenever a process
dies, the manifest names a complete generation: the previous one until the rename, the new one
after it. Files no manifest names are orphans of a killed write; the next write of the partition
(or `sweep()`) deletes them. No step here opens the DuckDB file, so partitions can be written by
any number of processes on any machine that sees the folder; the merge (pipeline.warehouse.merge)
reads the committed files only.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

from pipeline.warehouse.durable import fsync_dir
from pipeline.warehouse.schema import PARTITION_TABLES, arrow_schema

MANIFESTS = "_manifests"
LOCKS = "_locks"
PART_ROWS = 1_000_000  # rows per Parquet file: a partition past this gets more part files
_SAFE = frozenset("-_.")


def partition_dir(partition: str) -> str:
    """A file-system-safe name for a partition key: letters and digits of any script stay as they
    are (浙江省 stays readable), everything else is %XX-escaped (UTF-8), and so is a leading '.'
    (no hidden or '..' names)."""
    out = []
    for i, ch in enumerate(partition):
        if (ch.isalnum() or ch in _SAFE) and not (i == 0 and ch == "."):
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogateescape")))
    return "".join(out) or "%00"


def store_for(warehouse: Path) -> "StagingStore":
    """The staging store beside a warehouse file."""
    return StagingStore(Path(warehouse).parent / "staging")


class StagingStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._held: dict[str, list[int]] = {}  # partition → [fd, depth]: re-entrant in this process

    # ------------------------------------------------------------------------------- reading
    def manifest(self, partition: str) -> dict | None:
        path = self._manifest_path(partition)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def partitions(self) -> list[str]:
        """Keys of every committed partition, sorted."""
        keys = []
        for path in self._manifest_files():
            try:
                keys.append(json.loads(path.read_text(encoding="utf-8"))["partition"])
            except (OSError, ValueError, KeyError):
                continue
        return sorted(keys)

    def read(self, partition: str, table: str, columns: list[str] | None = None):
        """The committed rows of one table of one partition (pyarrow.Table), None when the
        partition has never been committed."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        m = self.manifest(partition)
        if m is None:
            return None
        schema = arrow_schema(table)
        if columns is not None:
            schema = pa.schema([schema.field(c) for c in columns])
        parts = [pq.read_table(self.root / f, columns=columns, schema=schema) for f in m["tables"][table]["files"]]
        return pa.concat_tables(parts) if parts else schema.empty_table()

    def files(self, table: str, partitions: list[str] | None = None) -> list[Path]:
        """The committed files of one table, all partitions (or only the given ones)."""
        wanted = None if partitions is None else set(partitions)
        out = []
        for m in self._manifests():
            if wanted is None or m["partition"] in wanted:
                out += [self.root / f for f in m["tables"][table]["files"]]
        return sorted(out)

    def generations(self) -> dict[str, str]:
        """Partition → its committed generation."""
        return {m["partition"]: m["generation"] for m in self._manifests()}

    def _manifests(self) -> list[dict]:
        out = []
        for path in self._manifest_files():
            try:
                out.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        return out

    def fingerprint(self) -> str:
        """Changes iff a committed manifest changed (a partition written, added or removed)."""
        h = hashlib.sha256()
        for path in self._manifest_files():
            try:
                h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            except OSError:
                continue
        return h.hexdigest()

    # ------------------------------------------------------------------------------- writing
    @contextmanager
    def lock(self, partition: str):
        """Hold the partition's writer lock (blocking until another process releases it)."""
        entry = self._held.get(partition)
        if entry is not None:
            entry[1] += 1
        else:
            path = self.root / LOCKS / f"{partition_dir(partition)}.lock"
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._held[partition] = entry = [fd, 1]
        try:
            yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._held[partition]
                fcntl.flock(entry[0], fcntl.LOCK_UN)
                os.close(entry[0])

    def writer(self, partition: str, meta: dict | None = None) -> "GenerationWriter":
        """A new generation of a partition, written table by table, window by window; nothing is
        visible until its commit(). Hold `lock(partition)` around it (commit takes it too)."""
        return GenerationWriter(self, partition, meta or {})

    def commit(self, partition: str, tables: dict, meta: dict | None = None) -> str:
        """Write a whole new generation of a partition from pyarrow tables (tables not given are
        written empty) and make it the committed one. Returns the generation."""
        with self.lock(partition):
            w = self.writer(partition, meta)
            for name, t in tables.items():
                w.write(name, t)
            return w.commit()

    def remove(self, partition: str) -> bool:
        """Drop a partition (its folder is gone from the raw folder). True if it was committed."""
        with self.lock(partition):
            path = self._manifest_path(partition)
            existed = path.exists()
            if existed:
                path.unlink()
                fsync_dir(path.parent)
            self._sweep_partition(partition, keep=set())
        return existed

    def sweep(self) -> list[Path]:
        """Delete every file no committed manifest names (left by killed writes)."""
        removed = []
        dirs = {p.name for t in PARTITION_TABLES if (self.root / t).is_dir() for p in (self.root / t).iterdir()}
        for path in self._manifest_files():
            dirs.add(path.stem)
        for pdir in sorted(dirs):
            m = self._manifest_by_dir(pdir)
            key = m["partition"] if m else None
            if key is None:  # no manifest: nobody committed it; lock by its dir name
                with self._dir_lock(pdir):
                    removed += self._sweep_dir(pdir, keep=set())
            else:
                with self.lock(key):
                    m = self._manifest_by_dir(pdir)
                    removed += self._sweep_dir(pdir, keep=set(_all_files(m)) if m else set())
        return removed

    # ----------------------------------------------------------------------------- internals
    def _manifest_path(self, partition: str) -> Path:
        return self.root / MANIFESTS / f"{partition_dir(partition)}.json"

    def _manifest_files(self) -> list[Path]:
        folder = self.root / MANIFESTS
        return sorted(folder.glob("*.json")) if folder.is_dir() else []

    def _manifest_by_dir(self, pdir: str) -> dict | None:
        try:
            return json.loads((self.root / MANIFESTS / f"{pdir}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @contextmanager
    def _dir_lock(self, pdir: str):
        path = self.root / LOCKS / f"{pdir}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _sweep_partition(self, partition: str, keep: set[str]) -> list[Path]:
        return self._sweep_dir(partition_dir(partition), keep)

    def _sweep_dir(self, pdir: str, keep: set[str]) -> list[Path]:
        removed = []
        for t in PARTITION_TABLES:
            folder = self.root / t / pdir
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if f"{t}/{pdir}/{p.name}" not in keep:
                    try:
                        p.unlink()
                        removed.append(p)
                    except OSError:
                        pass
            try:
                folder.rmdir()  # only when empty
            except OSError:
                pass
        return removed


class GenerationWriter:
    """The files of one new generation of one partition; `commit()` makes it the committed one."""

    def __init__(self, store: StagingStore, partition: str, meta: dict):
        self.store, self.partition, self.meta = store, partition, meta
        self.pdir = partition_dir(partition)
        self.generation = f"{time.time_ns():x}-{os.getpid()}-{secrets.token_hex(3)}"
        self._files: dict[str, list[str]] = {t: [] for t in PARTITION_TABLES}
        self._rows: dict[str, int] = {t: 0 for t in PARTITION_TABLES}
        self._open: dict[str, tuple] = {}  # table → (ParquetWriter, tmp path, final rel path, rows in it)
        self._swept = False

    def write(self, table: str, data) -> None:
        """Append rows (a pyarrow.Table or RecordBatch of the table's schema) to the generation."""
        if data is None or data.num_rows == 0:
            return
        import pyarrow.parquet as pq

        if not self._swept:  # orphans of an earlier killed write go before new files come
            with self.store.lock(self.partition):
                m = self.store.manifest(self.partition)
                self.store._sweep_partition(self.partition, set(_all_files(m)) if m else set())
            self._swept = True
        schema = arrow_schema(table)
        if data.schema != schema:
            data = data.select(schema.names).cast(schema)
        cur = self._open.get(table)
        if cur is not None and cur[3] >= PART_ROWS:
            self._close(table)
            cur = None
        if cur is None:
            n = len(self._files[table])
            rel = f"{table}/{self.pdir}/{self.generation}{'' if n == 0 else f'-{n}'}.parquet"
            final = self.store.root / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f".{final.name}.tmp")
            cur = (pq.ParquetWriter(tmp, schema, compression="zstd"), tmp, rel, 0)
            self._files[table].append(rel)
        writer, tmp, rel, rows = cur
        writer.write(data)
        self._open[table] = (writer, tmp, rel, rows + data.num_rows)
        self._rows[table] += data.num_rows

    def _close(self, table: str) -> None:
        writer, tmp, rel, _ = self._open.pop(table)
        writer.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.store.root / rel)

    def commit(self) -> str:
        with self.store.lock(self.partition):
            for table in list(self._open):
                self._close(table)
            for table in {Path(rel).parent.as_posix() for rels in self._files.values() for rel in rels}:
                fsync_dir(self.store.root / table)
            manifest = {
                "partition": self.partition,
                "generation": self.generation,
                **self.meta,
                "tables": {t: {"files": self._files[t], "rows": self._rows[t]} for t in PARTITION_TABLES},
            }
            path = self.store._manifest_path(self.partition)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{self.generation}.tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(manifest, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)  # the commit point
            fsync_dir(path.parent)
            self.store._sweep_partition(self.partition, set(_all_files(manifest)))  # the old generation
        return self.generation

    def abort(self) -> None:
        """Drop what was written (nothing was committed)."""
        for table in list(self._open):
            writer, tmp, _, _ = self._open.pop(table)
            writer.close()
            tmp.unlink(missing_ok=True)
        for rels in self._files.values():
            for rel in rels:
                (self.store.root / rel).unlink(missing_ok=True)


def _all_files(manifest: dict) -> list[str]:
    return [f for t in manifest["tables"].values() for f in t["files"]]
