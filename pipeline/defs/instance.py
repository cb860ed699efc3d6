"""The Dagster instance a CLI build records its run in: the same one the README's UI command
(`DAGSTER_HOME=$PWD .venv/bin/dagster dev`, from the repository root) reads, so the UI shows the
last build's row counts, previews and charts.

DAGSTER_HOME set: that instance, as Dagster itself would pick it. Not set: the repository's own
(dagster.yaml at the root, history under .dagster_home/), with its relative folders anchored at
the repository root so a build started from any directory lands in the same place.
"""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import REPO


# PIPELINE_RECORD_RUNS=0 (as the test suite sets it) or --no-history: record nothing.
RECORD_ENV = "PIPELINE_RECORD_RUNS"


def build_instance(record: bool = True) -> dg.DagsterInstance:
    if not record or os.environ.get(RECORD_ENV, "1") == "0":
        return dg.DagsterInstance.ephemeral()
    home = os.environ.get("DAGSTER_HOME")
    if home and Path(home).resolve() != REPO:
        Path(home).mkdir(parents=True, exist_ok=True)  # Dagster insists the folder exists
        return dg.DagsterInstance.get()
    return repository_instance()


def repository_instance() -> dg.DagsterInstance:
    (REPO / ".dagster_home").mkdir(exist_ok=True)
    return dg.DagsterInstance.from_ref(repository_ref())


def repository_ref():
    """The repository's instance as `dagster dev` run from the root with DAGSTER_HOME=$PWD sees it."""
    import yaml
    from dagster._core.instance.ref import InstanceRef

    config = yaml.safe_load((REPO / "dagster.yaml").read_text(encoding="utf-8")) or {}
    return InstanceRef.from_dir(str(REPO), overrides=_anchored(config))


def _anchored(config):
    """dagster.yaml with every relative base_dir made absolute under the repository root."""
    if isinstance(config, dict):
        return {k: (str(REPO / v) if k == "base_dir" and isinstance(v, str) and not os.path.isabs(v)
                    else _anchored(v)) for k, v in config.items()}
    if isinstance(config, list):
        return [_anchored(v) for v in config]
    return config
