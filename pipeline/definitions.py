"""Dagster entry point (`dagster dev` finds it through pyproject.toml's [tool.dagster]).

Dagster's project layout: every definition lives in a module of pipeline/defs/ and is found there
by `load_from_defs_folder` ([tool.dg] in pyproject.toml names the folder) — assets, checks, jobs,
schedules, sensors, and the resources and default executor (pipeline/defs/resources.py). A new
module there needs no line here. tests/test_asset_graph_snapshot.py pins what is found.
"""
from __future__ import annotations

from pathlib import Path

import dagster as dg

defs = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)


def folder_job() -> dg.JobDefinition:
    """`build_folders` with the resources bound, for `dg.reconstructable` (the multiprocess
    executor's step processes load it by this name)."""
    return defs.resolve_job_def("build_folders")
