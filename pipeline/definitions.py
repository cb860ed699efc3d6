"""Dagster entry point (`dagster dev` finds it through pyproject.toml's [tool.dagster])."""
from __future__ import annotations

import dagster as dg

from pipeline.defs.asset_checks import CHECKS
from pipeline.defs.assets import ASSETS
from pipeline.defs.automation import build_job, folders_built, nightly, nightly_folders, nightly_job, raw_folder_changed
from pipeline.defs.folders import build_folders_job, raw_folders
from pipeline.defs.resources import RawFolders, Warehouse

defs = dg.Definitions(
    assets=[raw_folders, *ASSETS],
    asset_checks=CHECKS,
    jobs=[build_job, nightly_job, build_folders_job],
    schedules=[nightly, nightly_folders],
    sensors=[raw_folder_changed, folders_built],
    # Both read their paths from the environment at run time (PIPELINE_RAW_DIR, PIPELINE_WAREHOUSE).
    resources={"warehouse": Warehouse(), "folders": RawFolders()},
    # One DuckDB writer: the warehouse's steps share the work file, so they must not run at once.
    # `build_folders` carries its own executor (pipeline/defs/executors.py).
    executor=dg.in_process_executor,
)


def folder_job() -> dg.JobDefinition:
    """`build_folders` with the resources bound, for `dg.reconstructable` (the multiprocess
    executor's step processes load it by this name)."""
    return defs.resolve_job_def("build_folders")
