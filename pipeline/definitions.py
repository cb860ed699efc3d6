"""Dagster entry point (`dagster dev` finds it through pyproject.toml's [tool.dagster])."""
from __future__ import annotations

import dagster as dg

from pipeline.defs.assets import ASSETS
from pipeline.defs.automation import build_job, nightly, nightly_job, raw_folder_changed
from pipeline.defs.asset_checks import CHECKS
from pipeline.defs.resources import Warehouse

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[build_job, nightly_job],
    schedules=[nightly],
    sensors=[raw_folder_changed],
    resources={"warehouse": Warehouse()},
    # One process, one DuckDB writer: steps share the work file, so they must not run at once.
    executor=dg.in_process_executor,
)
