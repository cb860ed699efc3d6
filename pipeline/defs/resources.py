"""The resources the assets use: where the raw files are, where the warehouse and its Parquet
staging go, and how hard a worker may work on one file.

Paths left empty are read from the environment when a run uses them (PIPELINE_RAW_DIR,
PIPELINE_WAREHOUSE), never frozen at import: a daemon whose environment changes, or a test that
sets the variable after importing, gets what the environment says at run time.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipeline.warehouse.partition_build import Limits
from pipeline.warehouse.partition_build import default_workers
from pipeline.warehouse.staging_store import StagingStore, store_for
from pipeline.warehouse.workfile import lock_writer, open_work, unlock_writer

REPO = Path(__file__).resolve().parents[2]
DEFAULT_RAW_DIR = REPO / "data" / "raw"
DEFAULT_WAREHOUSE = REPO / "data" / "warehouse" / "warehouse.duckdb"
RAW_DIR_ENV = "PIPELINE_RAW_DIR"
WAREHOUSE_ENV = "PIPELINE_WAREHOUSE"
_LIMITS = Limits()


class RawFolders(dg.ConfigurableResource):
    """The raw folder and the Parquet staging beside the warehouse: what a folder (partition)
    step needs. Takes no lock on the DuckDB file — folder steps never open it, so any number of
    them can run at once (each folder has its own lock in the staging store)."""

    raw_dir: str = ""  # empty: $PIPELINE_RAW_DIR, else data/raw
    path: str = ""  # the published DuckDB file; empty: $PIPELINE_WAREHOUSE, else data/warehouse/warehouse.duckdb
    workers: int = 0  # worker processes per step; 0: one per available core
    max_file_mb: float = _LIMITS.max_bytes / 1e6
    file_timeout: float = _LIMITS.timeout  # seconds one file may take to extract; 0: no limit
    file_memory_mb: float = _LIMITS.memory_mb  # memory cap of each worker process; 0: no cap

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir or os.environ.get(RAW_DIR_ENV) or DEFAULT_RAW_DIR).resolve()

    @property
    def published(self) -> Path:
        return Path(self.path or os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()

    @property
    def store(self) -> StagingStore:
        return store_for(self.published)

    @property
    def n_workers(self) -> int:
        return self.workers or default_workers()

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=int(self.max_file_mb * 1e6), timeout=self.file_timeout, memory_mb=self.file_memory_mb)


class Warehouse(RawFolders):
    """The DuckDB side: the private work file the merge, the SQL layers and the checks write, and
    the published file analysts open (only the publish asset touches it)."""

    _lock: int | None = PrivateAttr(default=None)
    _con: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # One writer per warehouse for the whole run, whoever starts it (CLI, schedule, UI).
        self._lock = lock_writer(self.published)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self.release()
        if self._lock is not None:
            unlock_writer(self._lock)
            self._lock = None

    @contextmanager
    def work(self):
        """The work file, opened once per run and shared by the run's steps (they run one at a
        time in this process): opening and checking it costs ~30 ms, a build has ~25 steps."""
        if self._con is None:
            self._con = open_work(self.published)
        try:
            yield self._con
        except BaseException:
            self.release()  # a failed step leaves no half-made state on the shared connection
            raise

    def release(self) -> None:
        """Close the shared connection (before the work file is copied, and at the end of a run)."""
        if self._con is not None:
            self._con.close()
            self._con = None


# Found by `dg.load_from_defs_folder` (pipeline/definitions.py): the resources every asset uses,
# and the default executor. One DuckDB writer: the warehouse's steps share the work file, so they
# run in one process, one at a time; `build_folders` carries its own executor (executors.py).
defs = dg.Definitions(
    resources={"warehouse": Warehouse(), "folders": RawFolders()},
    executor=dg.in_process_executor,
)
