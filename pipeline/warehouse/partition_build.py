"""Extract and parse partitions of the raw folder into the staging store, incrementally.

Three steps, for any list of partitions at once:

- plan: scan each partition and compare with its committed manifest — a file whose bytes,
  extractor version and limits match keeps its document; a report whose document and parser
  version match keeps its rows; a partition where nothing changed writes nothing;
- run: every file to (re)read goes through ONE worker pool (pipeline.warehouse.pool: forkserver
  start and the parser's word lists paid once per worker, every hostile-file limit kept), fed as
  windows that run across partition boundaries so the pool never drains between partitions;
  each window's results become Arrow at once and go to their partition's new generation;
- commit: a partition whose last window is back gets its kept rows copied from its previous
  generation and is committed (pipeline.warehouse.staging_store) at once.

Nothing here opens DuckDB: the merge (pipeline.warehouse.merge) loads the committed Parquet.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import tasks
from pipeline.model import ParsedReport
from pipeline.version import extractor_version, parser_version
from pipeline.warehouse.partitions import scan_partition
from pipeline.warehouse.pool import Progress, Workers
from pipeline.warehouse.schema import STAGING_TABLES, Columns
from pipeline.warehouse.staging_store import GenerationWriter, StagingStore

log = logging.getLogger("pipeline")

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_FILE_TIMEOUT = 300.0  # seconds one file may take to extract and parse
# Address space of one worker process, MB: far above what a real report needs (a few hundred
# MB for a long PDF), far below what takes a machine down.
DEFAULT_FILE_MEMORY_MB = 2048.0
WINDOW = 512  # files per window: bounds the results held in Python, whatever the corpus size
COPY_BATCH = 65_536  # rows per batch when kept rows are copied to a new generation


@dataclass(frozen=True)
class Limits:
    """What one file may cost: bytes (larger files are quarantined unread), wall-clock seconds
    and worker memory in MB (0: no limit)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_FILE_TIMEOUT
    memory_mb: float = DEFAULT_FILE_MEMORY_MB

    @property
    def key(self) -> str:
        """Stored with a document a limit decided: it is read again when this changes."""
        return f"max_bytes={self.max_bytes} timeout={self.timeout:g} memory_mb={self.memory_mb:g}"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# ------------------------------------------------------------------------------------------ plan
@dataclass
class PartitionPlan:
    """What to do with one partition."""

    key: str
    files: Columns  # the scan: the new generation's files table
    previous: dict | None  # the committed manifest
    jobs: list[tuple[str, str]] = field(default_factory=list)  # (kind 'read' | 'reparse', source_path)
    keep_documents: set[str] = field(default_factory=set)  # source paths whose document is copied
    keep_reports: set[str] = field(default_factory=set)  # report ids whose staging rows are copied
    stats: dict = field(default_factory=dict)
    unchanged: bool = False  # committed before, and nothing to read, parse or remove since


def plan_partition(raw_dir: Path, store: StagingStore, key: str, limits: Limits,
                   ev: str, pv: str) -> PartitionPlan:
    files = scan_partition(raw_dir, key)
    previous = store.manifest(key)
    plan = PartitionPlan(key, files, previous)
    docs: dict[str, dict] = {}
    reports: dict[str, dict] = {}
    old_files: set[tuple] = set()
    if previous is not None:
        cols = ["source_path", "sha256", "extractor_version", "status", "reason", "limits", "extracted_at"]
        docs = {r["source_path"]: r for r in store.read(key, "documents", cols).to_pylist()}
        rcols = ["source_path", "sha256", "parser_version", "extracted_at", "parse_status"]
        reports = {r["source_path"]: r for r in store.read(key, "stg_reports", rcols).to_pylist()}
        old_files = {tuple(r.values()) for r in
                     store.read(key, "files", ["source_path", "sha256", "bytes", "problem"]).to_pylist()}
    seen = new = changed = unchanged = 0
    scanned: set[tuple] = set()
    for f in files.rows():
        seen += 1
        path = f["source_path"]
        scanned.add((path, f["sha256"], f["bytes"], f["problem"]))
        doc, rep = docs.get(path), reports.get(path)
        keep_doc = (
            doc is not None
            and doc["sha256"] == f["sha256"]
            and doc["extractor_version"] == ev
            and (f["problem"] is None or doc["reason"] == f["problem"])
            and (doc["limits"] is None or doc["limits"] == limits.key)
            and (f["sha256"] is not None or f["problem"] is not None)  # a read error is tried again
        )
        keep_report = (
            keep_doc and rep is not None and rep["sha256"] == doc["sha256"]
            and rep["parser_version"] == pv and rep["extracted_at"] == doc["extracted_at"]
        )
        if keep_doc:
            plan.keep_documents.add(path)
        if keep_report:
            plan.keep_reports.add(tasks.report_id(path))
            unchanged += 1
            continue
        plan.jobs.append(("reparse" if keep_doc else "read", path))
        if rep is None:
            new += 1
        else:
            changed += 1
    current = set(files.data["source_path"])
    removed = sum(1 for path in reports if path not in current)
    plan.stats = {"seen": seen, "new": new, "changed": changed, "unchanged": unchanged, "removed": removed,
                  "quarantined": 0, "written": False}
    plan.unchanged = previous is not None and not plan.jobs and not removed and scanned == old_files
    return plan


# ------------------------------------------------------------------------------------------- run
class _Output:
    """A partition's new generation while its windows come back."""

    def __init__(self, store: StagingStore, plan: PartitionPlan, meta: dict):
        self.plan = plan
        self.writer: GenerationWriter = store.writer(plan.key, meta)
        self.left = len(plan.jobs)
        self.quarantined = 0

    def add(self, documents: Columns, staging: dict[str, Columns]) -> None:
        self.writer.write("documents", documents.to_arrow())
        for t in STAGING_TABLES:
            self.writer.write(t, staging[t].to_arrow())
        self.quarantined += staging["stg_reports"].data["parse_status"].count("quarantined")


def build_partitions(raw_dir: Path, store: StagingStore, partitions: list[str], workers: int,
                     limits: Limits = Limits()) -> dict[str, dict]:
    """Bring each given partition's staging up to date with the raw folder; returns per-partition
    stats (seen, new, changed, unchanged, removed, quarantined, written). A partition with no
    files left is removed from the store."""
    raw_dir = Path(raw_dir)
    ev, pv = extractor_version(), parser_version()
    meta = {"extractor_version": ev, "parser_version": pv, "limits": limits.key}
    out: dict[str, dict] = {}
    partitions = list(dict.fromkeys(partitions))
    with ExitStack() as held:
        # Two builds never write one partition at once; taken in sorted order, as the merge takes
        # them, so no two processes wait on each other.
        for key in sorted(partitions):
            held.enter_context(store.lock(key))
        plans = []
        for key in partitions:
            plan = plan_partition(raw_dir, store, key, limits, ev, pv)
            out[key] = plan.stats
            if not len(plan.files):
                plan.stats["written"] = store.remove(key)
                continue
            if plan.unchanged:
                plan.stats["quarantined"] = plan.previous.get("quarantined", 0)
                continue
            plans.append(plan)
        outputs = {p.key: _Output(store, p, meta) for p in plans}
        try:
            for p in plans:
                if not p.jobs:
                    _commit(store, outputs.pop(p.key))
            _run(raw_dir, store, outputs, workers, limits, ev, pv)
        except BaseException:
            for o in outputs.values():
                o.writer.abort()
            raise
    return out


def _run(raw_dir: Path, store: StagingStore, outputs: dict[str, _Output], workers: int, limits: Limits,
         ev: str, pv: str) -> None:
    """Every file of every partition through one pool, in windows that cross partition
    boundaries; a partition is committed as soon as its last window is back (and popped from
    outputs)."""
    todo = list(outputs.values())
    jobs = [(o.plan.key, kind, path) for o in todo for kind, path in o.plan.jobs]
    if not jobs:
        return
    # path → row number in each partition's scan (plain lists, not one dict per file: 100k files)
    outputs_files = {o.plan.key: o.plan.files.data for o in todo}
    index = {o.plan.key: {path: i for i, path in enumerate(o.plan.files.data["source_path"])} for o in todo}
    progress = Progress("extract+parse", len(jobs))
    parse_crashed = _parse_failed(pv, "crashed on this file (its worker process died)")

    def windows() -> Iterator[list[tuple]]:
        for i in range(0, len(jobs), WINDOW):
            window = jobs[i : i + WINDOW]
            stored = _stored_documents(store, [(k, p) for k, kind, p in window if kind == "reparse"])
            args = []
            for key, kind, path in window:
                if kind == "read":
                    f, i = outputs_files[key], index[key][path]
                    args.append((str(raw_dir), path, f["sha256"][i], f["bytes"][i], f["problem"][i], limits.max_bytes,
                                 limits.key, ev, pv))
                else:
                    args.append((stored[(key, path)], pv))
            yield args

    with Workers(workers, limits.timeout, limits.memory_mb) as pool:
        done = 0
        for results in pool.map_windows(tasks.run_job, windows(), _crashed(ev, pv, limits, parse_crashed),
                                         _limited(ev, pv, limits)):
            window = jobs[done : done + len(results)]
            done += len(results)
            by_partition: dict[str, tuple[Columns, dict[str, Columns]]] = {}
            for (key, kind, path), result in zip(window, results):
                if key not in by_partition:
                    by_partition[key] = (Columns("documents"), {t: Columns(t) for t in STAGING_TABLES})
                docs, staging = by_partition[key]
                document, rows = result
                if document is not None:
                    docs.add(**document)
                for t in STAGING_TABLES:
                    staging[t].extend(rows[t])
            for key, (docs, staging) in by_partition.items():
                o = outputs[key]
                o.add(docs, staging)
                o.left -= sum(1 for k, _, _ in window if k == key)
                if o.left == 0:
                    _commit(store, outputs.pop(key))
            progress.step(len(results))
    progress.finish()


def _stored_documents(store: StagingStore, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The stored documents (content included) of (partition, source_path) pairs."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out = {}
    by_key: dict[str, list[str]] = {}
    for key, path in wanted:
        by_key.setdefault(key, []).append(path)
    for key, paths in by_key.items():
        m = store.manifest(key)
        for rel in m["tables"]["documents"]["files"]:
            t = pq.read_table(store.root / rel, filters=pc.field("source_path").isin(paths))
            for r in t.to_pylist():
                out[(key, r["source_path"])] = r
    return out


def _parse_failed(pv: str, message: str):
    def rows(document: dict) -> dict[str, Columns]:
        parsed = ParsedReport(source_path=document["source_path"], template=None, status="quarantined",
                              reason=f"the parser {message}")
        return tasks.staging_rows(document, pv, parsed)
    return rows


def _quarantined_read(args: tuple, reason: str, limited: bool, ev: str, pv: str, limits: Limits):
    raw_dir, path, sha, size, *_ = args
    rec = tasks.extract_file(raw_dir, path, sha, size, 0, problem=reason)
    rec["limited"] = limited
    rec = tasks.finish_document(rec, limits.key, ev)
    return rec, tasks.staging_rows(rec, pv)


def _crashed(ev: str, pv: str, limits: Limits, parse_crashed):
    def on_crash(args: tuple):
        if len(args) == 2:
            return None, parse_crashed(args[0])
        return _quarantined_read(args, "the extractor crashed on this file (its worker process died)", False,
                                 ev, pv, limits)
    return on_crash


def _limited(ev: str, pv: str, limits: Limits):
    def on_limit(args: tuple, message: str):
        if len(args) == 2:
            return None, _parse_failed(pv, message)(args[0])
        flag = "--file-timeout" if "wall-clock" in message else "--file-memory-mb"
        # tried again when the limits change
        return _quarantined_read(args, f"extraction {message} (raise {flag} to allow more)", True, ev, pv, limits)
    return on_limit


# ---------------------------------------------------------------------------------------- commit
def _commit(store: StagingStore, o: _Output) -> None:
    """Copy the kept rows of the previous generation, write the scan, commit."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    plan, w = o.plan, o.writer
    w.write("files", plan.files.to_arrow())
    if plan.previous is not None:
        keep = {"documents": ("source_path", plan.keep_documents)}
        keep.update({t: ("report_id", plan.keep_reports) for t in STAGING_TABLES})
        for table, (column, values) in keep.items():
            if not values:
                continue
            wanted = pa.array(sorted(values), pa.string())
            for rel in plan.previous["tables"][table]["files"]:
                for batch in pq.ParquetFile(store.root / rel).iter_batches(batch_size=COPY_BATCH):
                    kept = batch.filter(pc.is_in(batch.column(column), value_set=wanted))
                    if kept.num_rows:
                        w.write(table, pa.Table.from_batches([kept]))
                        if table == "stg_reports":
                            o.quarantined += pc.sum(pc.equal(kept.column("parse_status"), "quarantined")).as_py() or 0
    w.meta["quarantined"] = o.quarantined  # an unchanged partition's count on later runs
    w.commit()
    plan.stats["written"] = True
    plan.stats["quarantined"] = o.quarantined
    log.info("staging: partition %s committed (%s)", plan.key,
             ", ".join(f"{k} {plan.stats[k]}" for k in ("seen", "new", "changed", "unchanged", "removed")))


__all__ = ["DEFAULT_FILE_MEMORY_MB", "DEFAULT_FILE_TIMEOUT", "DEFAULT_MAX_BYTES", "Limits", "build_partitions",
           "default_workers", "plan_partition"]
