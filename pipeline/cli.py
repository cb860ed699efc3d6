"""`python -m pipeline build`: the nightly asset graph, run in this process over any folder.
`python -m pipeline export --to DIR`: the per-report view and the fact tables as CSV, Parquet and Excel."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from pipeline.defs.resources import DEFAULT_RAW_DIR, DEFAULT_WAREHOUSE
from pipeline.warehouse.partition_build import Limits

_LIMITS = Limits()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build or update the warehouse from a folder of reports")
    build.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR,
                       help="folder of reports, any sub-folders (default: data/raw)")
    build.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                       help="DuckDB file to publish (default: data/warehouse/warehouse.duckdb)")
    build.add_argument("--workers", type=int, default=0,
                       help="worker processes that extract and parse files (default: one per core; "
                            "with --folder-processes, per folder process)")
    build.add_argument("--folder-processes", type=int, default=1,
                       help="build the raw sub-folders (partitions) in this many processes at once through "
                            "Dagster's multiprocess executor, then merge (default 1: in this process)")
    build.add_argument("--max-file-mb", type=float, default=_LIMITS.max_bytes / 1e6,
                       help="quarantine files larger than this")
    build.add_argument("--file-timeout", type=float, default=_LIMITS.timeout,
                       help="quarantine a file whose extraction takes longer than this many seconds (0: no limit)")
    build.add_argument("--file-memory-mb", type=float, default=_LIMITS.memory_mb,
                       help="memory cap of each worker process; a file that needs more is quarantined (0: no cap)")
    build.add_argument("--quiet", action="store_true", help="print only the summary")
    build.add_argument("--verbose", action="store_true", help="also print Dagster's own step log")
    # --- research: empty folders and run history -------------------------------------------
    build.add_argument("--allow-empty", action="store_true",
                       help="build even when the raw folder holds no files (replaces a published warehouse with an empty one)")
    build.add_argument("--no-history", action="store_true",
                       help="do not record the run in the Dagster instance the UI shows (see README: The Dagster UI)")
    export = sub.add_parser("export", help="write the per-report view and the fact tables as CSV, Parquet and Excel")
    export.add_argument("--to", type=Path, required=True, help="folder to write the files into (created if missing)")
    export.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
                        help="DuckDB file to read (default: data/warehouse/warehouse.duckdb)")
    # --- end research -------------------------------------------------------------------------
    # --- fetch (pipeline/fetch): download new reports from agency websites into a raw folder ---
    fetch = sub.add_parser("fetch", help="fetch new and changed reports from the annual-report columns in a sources file")
    fetch.add_argument("--sources", type=Path, required=True, help="TOML file of [[source]] name, url tables")
    fetch.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR,
                       help="folder to save into, one sub-folder per source (default: data/raw)")
    fetch.add_argument("--rate", type=float, default=1.0, help="requests per second per host (default 1)")
    fetch.add_argument("--quiet", action="store_true", help="print only the summary")
    # --- end fetch ---
    args = parser.parse_args(argv)
    if args.command == "export":
        return export_command(args)
    if args.command == "fetch":
        return fetch_command(args)
    return build_command(args)


# --- fetch ---------------------------------------------------------------------------------------
def fetch_command(args: argparse.Namespace) -> int:
    """Exit 0 when the run went through, even if some URLs failed (they are listed); 2 when the
    sources file or the arguments cannot be used."""
    from pipeline.fetch.run import run_fetch
    from pipeline.fetch.sources import SourcesError

    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("pipeline").setLevel(logging.WARNING if args.quiet else logging.INFO)
    try:
        _results, lines = run_fetch(args.sources, args.raw_dir.resolve(), rate=args.rate)
    except (SourcesError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0
# --- end fetch -----------------------------------------------------------------------------------


def build_command(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("pipeline").setLevel(logging.WARNING if args.quiet else logging.INFO)
    raw_dir, warehouse = args.raw_dir.resolve(), args.warehouse.resolve()
    # --- research: one clear line, non-zero exit, for the usual mistakes ----------------------
    problem = _check_paths(raw_dir, warehouse, args.allow_empty)
    if problem:
        print(problem, file=sys.stderr)
        if problem.startswith("error"):
            return 2
    # --- end research -------------------------------------------------------------------------

    import dagster as dg

    from pipeline.defs.assets import ASSETS
    from pipeline.defs.asset_checks import CHECKS
    from pipeline.defs.resources import Warehouse

    from pipeline.warehouse.workfile import BuildRunning, lock_writer, unlock_writer

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
    from pipeline.defs.instance import build_instance

    instance = build_instance(record=not args.no_history)
    if args.folder_processes > 1:
        failed = _build_folders(args, raw_dir, warehouse, dg, instance)
        if failed:
            print(f"FAILED {warehouse}: {failed}", file=sys.stderr)
            print("  the failed run did not replace the warehouse", file=sys.stderr)
            return 1
    result = dg.materialize(
        [*ASSETS, *CHECKS],
        resources={"warehouse": resource},
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "DEBUG" if args.verbose else "CRITICAL"}}}},
    )
    elapsed = time.monotonic() - started
    return _summary(result, warehouse, elapsed)


def _build_folders(args, raw_dir: Path, warehouse: Path, dg, instance) -> str | None:
    """Run `build_folders` with Dagster's multiprocess executor: the folders dealt into
    --folder-processes groups, one step (process) per group, that many at once. Returns why it
    failed, or None. The merge that follows finds every folder built."""
    import tempfile

    from pipeline.definitions import folder_job

    resource = {"raw_dir": str(raw_dir), "path": str(warehouse), "workers": args.workers or 1,
                "max_file_mb": args.max_file_mb, "file_timeout": args.file_timeout,
                "file_memory_mb": args.file_memory_mb}
    run_config = {
        "execution": {"config": {"max_concurrent": args.folder_processes}},
        "ops": {"plan_folders": {"config": {"groups": args.folder_processes}}},
        "resources": {"folders": {"config": resource}},
        "loggers": {"console": {"config": {"log_level": "DEBUG" if args.verbose else "CRITICAL"}}},
    }
    with tempfile.TemporaryDirectory(prefix="pipeline-dagster-") as tmp:
        # The multiprocess executor needs an instance its step processes can reach.
        inst = instance if not instance.is_ephemeral else dg.DagsterInstance.local_temp(tempdir=tmp)
        try:
            with dg.execute_job(dg.reconstructable(folder_job), instance=inst, run_config=run_config,
                                raise_on_error=False) as result:
                if result.success:
                    return None
                failed = [e for e in result.all_events if e.is_step_failure]
                return "; ".join(f"step {e.step_key}: {_error(e)}" for e in failed) or "the folder run failed"
        finally:
            if inst is not instance:
                inst.dispose()


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
              f"quarantined {stats['quarantined']}, blank forms (not reports) {stats.get('blank_forms', 0)}")
        for path, reason in stats.get("quarantined_files", []):
            print(f"  quarantined {path}: {reason}")
        _name_files(stats)
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


# --- research: path checks, named files, export ------------------------------------------------
def _check_paths(raw_dir: Path, warehouse: Path, allow_empty: bool) -> str | None:
    """The one line to print for a raw folder or warehouse path that cannot work ('error: ...',
    stop) or deserves a warning ('warning: ...', go on); None when all is well."""
    if raw_dir.is_file():
        return f"error: --raw-dir {raw_dir} is a file; give the folder that holds the reports"
    if not raw_dir.is_dir():
        return f"error: raw folder {raw_dir} does not exist"
    if warehouse.is_dir():
        return f"error: --warehouse {warehouse} is a folder; give a file name such as {warehouse / 'warehouse.duckdb'}"
    unwritable = _unwritable(warehouse.parent)
    if unwritable:
        return f"error: cannot write the warehouse {warehouse}: {unwritable}"
    from pipeline.warehouse.scan import iter_files

    if next(iter(iter_files(raw_dir)), None) is None:
        reports = _published_reports(warehouse)
        if not allow_empty:
            what = f"it would replace {warehouse} ({reports} reports)" if reports else "nothing to build"
            return (f"error: raw folder {raw_dir} holds no files: {what}; "
                    "check --raw-dir, or pass --allow-empty to build an empty warehouse")
        return f"warning: raw folder {raw_dir} holds no files: building an empty warehouse (--allow-empty)"
    return None


def _unwritable(folder: Path) -> str | None:
    """Why no file can be created in folder (after creating it), or None."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as e:
        return f"cannot create files in {folder} ({e.strerror or e})"
    return None


def _published_reports(warehouse: Path) -> int:
    """Reports in the published warehouse (0 when there is none or it cannot be read)."""
    if not warehouse.exists():
        return 0
    from pipeline.warehouse.db import connect

    try:
        con = connect(warehouse, read_only=True)
        try:
            return con.execute("select count(*) from marts.dim_report").fetchall()[0][0]
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - unreadable: treat as something worth keeping
        return 1


def _name_files(stats: dict) -> None:
    """Name the new, changed and removed files behind the counts (at most a few of each)."""
    from pipeline.warehouse.run_files import SUMMARY_NAMES

    files = stats.get("files", [])
    for outcome in ("new", "changed", "removed"):
        named = [(path, reason) for kind, path, reason in files if kind == outcome]
        for path, reason in named:
            print(f"  {outcome} {path}" + (f" ({reason})" if reason and outcome == "changed" else ""))
        if len(named) == SUMMARY_NAMES and stats.get(outcome, 0) > SUMMARY_NAMES:
            print(f"  ... and {stats[outcome] - SUMMARY_NAMES} more {outcome}: "
                  f"select * from marts.run_files where is_latest_run and change = '{outcome}'")


def export_command(args: argparse.Namespace) -> int:
    warehouse, out = args.warehouse.resolve(), args.to.resolve()
    if not warehouse.is_file():
        print(f"error: no warehouse at {warehouse}; build it first (python -m pipeline build)", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"error: --to {out} is a file; give a folder", file=sys.stderr)
        return 2
    unwritable = _unwritable(out)
    if unwritable:
        print(f"error: cannot write into {out}: {unwritable}", file=sys.stderr)
        return 2
    from pipeline.export import export

    try:
        paths = export(warehouse, out)
    except Exception as e:  # noqa: BLE001 - one line for the user, not a traceback
        print(f"error: export failed: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}",
              file=sys.stderr)
        return 1
    print(f"exported {len(paths)} files to {out}")
    for p in paths:
        print(f"  {p.name}")
    return 0
# --- end research --------------------------------------------------------------------------------
