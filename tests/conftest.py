"""Shared fixtures: sample reports and gold values copied from the corpus into tests/fixtures."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

# Builds run by the tests leave no run history in the repository's Dagster instance
# (tests/test_dagster_history.py turns it on for itself).
os.environ["PIPELINE_RECORD_RUNS"] = "0"

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
GOLD = FIXTURES / "gold"


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A raw folder holding every sample report, some in a sub-folder as users keep them."""
    raw = tmp_path / "raw"
    (raw / "pdf").mkdir(parents=True)
    for f in sorted(CORPUS.iterdir()):
        dest = raw / "pdf" / f.name if f.suffix == ".pdf" else raw / f.name
        shutil.copyfile(f, dest)
    return raw


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "warehouse.duckdb"
