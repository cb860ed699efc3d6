"""The one resource every asset uses: where the raw files are and where the warehouse goes."""

import os
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipeline.warehouse.partition_build import DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_TIMEOUT, DEFAULT_MAX_BYTES, default_workers
from pipeline.warehouse.workfile import lock_writer, open_work, unlock_writer

REPO = Path(__file__).resolve().parents[2]
DEFAULT_RAW_DIR = REPO / "data" / "raw"
DEFAULT_WAREHOUSE = REPO / "data" / "warehouse" / "warehouse.duckdb"


class Warehouse(dg.ConfigurableResource):
    """raw_dir: folder of reports (any sub-folders); path: the published DuckDB file analysts open.
    Assets write to a private work file beside it; only the publish asset touches `path`."""

    raw_dir: str = os.environ.get("PIPELINE_RAW_DIR", str(DEFAULT_RAW_DIR))
    path: str = os.environ.get("PIPELINE_WAREHOUSE", str(DEFAULT_WAREHOUSE))
    workers: int = 0  # 0: one per available core
    max_file_mb: float = DEFAULT_MAX_BYTES / 1e6
    file_timeout: float = DEFAULT_FILE_TIMEOUT  # seconds one file may take to extract; 0: no limit
    file_memory_mb: float = DEFAULT_FILE_MEMORY_MB  # memory cap of each worker process; 0: no cap

    _lock: int | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # One writer per warehouse for the whole run, whoever starts it (CLI, schedule, UI).
        self._lock = lock_writer(self.published)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock is not None:
            unlock_writer(self._lock)
            self._lock = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).resolve()

    @property
    def published(self) -> Path:
        return Path(self.path).resolve()

    @property
    def n_workers(self) -> int:
        return self.workers or default_workers()

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1e6)

    @contextmanager
    def work(self):
        con: duckdb.DuckDBPyConnection = open_work(self.published)
        try:
            yield con
        finally:
            con.close()
