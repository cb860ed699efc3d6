"""`python -m pipeline build`: the nightly asset graph, run in this process over any folder."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from pipeline.defs.resources import DEFAULT_RAW_DIR, DEFAULT_WAREHOUSE
from pipeline.warehouse.stages import DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_TIMEOUT, DEFAULT_MAX_BYTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build or update the warehouse from a folder of reports")
    build.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR,
                       help="folder of reports, any sub-folders (default: data/raw)")
    build.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                       help="DuckDB file to publish (default: data/warehouse/warehouse.duckdb)")
    build.add_argument("--workers", type=int, default=0, help="parser processes (default: one per core)")
    build.add_argument("--max-file-mb", type=float, default=DEFAULT_MAX_BYTES / 1e6,
                       help="quarantine files larger than this")
    build.add_argument("--file-timeout", type=float, default=DEFAULT_FILE_TIMEOUT,
                       help="quarantine a file whose extraction takes longer than this many seconds (0: no limit)")
    build.add_argument("--file-memory-mb", type=float, default=DEFAULT_FILE_MEMORY_MB,
                       help="memory cap of each worker process; a file that needs more is quarantined (0: no cap)")
    build.add_argument("--quiet", action="store_true", help="print only the summary")
    build.add_argument("--verbose", action="store_true", help="also print Dagster's own step log")
    args = parser.parse_args(argv)
    return build_command(args)


def build_command(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("pipeline").setLevel(logging.WARNING if args.quiet else logging.INFO)
    raw_dir, warehouse = args.raw_dir.resolve(), args.warehouse.resolve()
    if not raw_dir.is_dir():
        print(f"error: raw folder {raw_dir} does not exist", file=sys.stderr)
        return 2

    import dagster as dg

    from pipeline.defs.assets import ASSETS
    from pipeline.defs.checks import CHECKS
    from pipeline.defs.resources import Warehouse

    from pipeline.warehouse.publish import BuildRunning, lock_writer, unlock_writer

    # Held for the whole run, so two builds started at the same instant cannot both pass this
    # check: the loser is told here. The run's resource takes the same lock again (re-entrant in
    # this process).
    try:
        lock = lock_writer(warehouse)
    except BuildRunning as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    try:
        return _run(args, raw_dir, warehouse, dg, ASSETS, CHECKS, Warehouse)
    finally:
        unlock_writer(lock)


def _run(args, raw_dir: Path, warehouse: Path, dg, ASSETS, CHECKS, Warehouse) -> int:
    resource = Warehouse(raw_dir=str(raw_dir), path=str(warehouse), workers=args.workers,
                         max_file_mb=args.max_file_mb, file_timeout=args.file_timeout,
                         file_memory_mb=args.file_memory_mb)
    started = time.monotonic()
    # DAGSTER_HOME set: the run is recorded where `dagster dev` shows it; otherwise it leaves no trace.
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    result = dg.materialize(
        [*ASSETS, *CHECKS],
        resources={"warehouse": resource},
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "DEBUG" if args.verbose else "CRITICAL"}}}},
    )
    elapsed = time.monotonic() - started
    return _summary(result, warehouse, elapsed)


def _summary(result, warehouse: Path, elapsed: float) -> int:
    failed = [e for e in result.all_events if e.is_step_failure]
    checks = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    blocking = [c for c in checks if not c.passed and c.severity.value == "ERROR"]
    published = any(e.is_step_materialization and e.asset_key.path == ["published_warehouse"]
                    for e in result.all_events)
    ok = result.success and not failed and not blocking
    state = "built" if ok else ("published, with failures after publishing:" if published else "FAILED")
    print(f"{state} {warehouse} in {elapsed:.1f}s")
    # This run's own counts, from the parse step's metadata (the published file may be older).
    stats = _run_stats(result)
    if stats:
        print(f"  reports seen {stats['seen']}: new {stats['new']}, changed {stats['changed']}, "
              f"unchanged {stats['unchanged']}, removed {stats['removed']}")
        print(f"  loaded {stats['loaded']} ({stats.get('partial', 0)} partial: see marts.parse_issues), "
              f"quarantined {stats['quarantined']}")
        for path, reason in stats.get("quarantined_files", []):
            print(f"  quarantined {path}: {reason}")
    else:
        print("  the run stopped before it parsed anything")
    for e in failed:
        print(f"  step failed {e.step_key}: {_error(e)}", file=sys.stderr)
    for c in blocking:
        print(f"  blocking check failed {c.asset_key.to_user_string()}:{c.check_name}", file=sys.stderr)
    if not published:
        last = "the last good one stays as it was" if warehouse.exists() else "none was published yet"
        print(f"  the failed run did not replace the warehouse: {last}", file=sys.stderr)
    return 0 if ok else 1


def _run_stats(result) -> dict:
    for e in result.all_events:
        if e.is_step_materialization and e.asset_key.path == ["staging", "stg_reports"]:
            meta = e.event_specific_data.materialization.metadata
            return {k.removeprefix("run/"): v.value for k, v in meta.items() if k.startswith("run/")}
    return {}


def _error(event) -> str:
    err = getattr(event.event_specific_data, "error", None)
    if err is None:
        return "failed"
    cause = err
    while getattr(cause, "cause", None) is not None:
        cause = cause.cause
    return cause.message.strip().splitlines()[-1] if cause.message else "failed"
