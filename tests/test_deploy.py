"""The deployment files in deploy/ are read by the real Dagster, Kubernetes and Celery integration
packages: the instance files pass Dagster's own validation (the run launcher's config against the
K8sRunLauncher's schema), and the run configs are valid for `build_folders` on the executor the
code location picks from PIPELINE_FOLDER_EXECUTOR. No cluster is needed to find a typo."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"

pytest.importorskip("dagster_k8s")
pytest.importorskip("dagster_celery")


@pytest.mark.parametrize("folder", ["k8s", "celery"])
def test_instance_files_pass_dagsters_validation(folder: str):
    from dagster._core.instance.config import dagster_instance_config

    config, _ = dagster_instance_config(str(DEPLOY / folder))
    assert config["concurrency"]["pools"]["default_limit"] == 1  # the merge: one DuckDB writer
    launcher = config.get("run_launcher")
    if launcher:
        from dagster._config import process_config, resolve_to_config_type
        from dagster_k8s import K8sRunLauncher

        assert launcher["class"] == "K8sRunLauncher"
        result = process_config(resolve_to_config_type(K8sRunLauncher.config_type()), launcher["config"])
        assert result.success, result.errors


def test_a_misspelt_instance_setting_is_refused(tmp_path: Path):
    from dagster._config import process_config, resolve_to_config_type
    from dagster_k8s import K8sRunLauncher

    config = yaml.safe_load((DEPLOY / "k8s" / "dagster.yaml").read_text())["run_launcher"]["config"]
    config["volume_mount"] = config.pop("volume_mounts")
    assert not process_config(resolve_to_config_type(K8sRunLauncher.config_type()), config).success


_CHECK = """
import json, sys, yaml
import dagster as dg
from pipeline.definitions import defs
job = defs.resolve_job_def("build_folders")
run_config = yaml.safe_load(open(sys.argv[1]))
result = dg.validate_run_config(job, run_config)
print(json.dumps({"executor": job.executor_def.name, "ok": bool(result)}))
"""


@pytest.mark.parametrize(("executor", "expected"), [("k8s", "k8s"), ("celery", "celery")])
def test_run_configs_are_valid_for_the_executor_the_environment_picks(executor: str, expected: str):
    env = {**os.environ, "PIPELINE_FOLDER_EXECUTOR": executor}
    out = subprocess.run([sys.executable, "-c", _CHECK, str(DEPLOY / executor / "build_folders.yaml")],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert expected in found["executor"]
    assert found["ok"]


def test_unknown_executor_is_a_clear_error():
    from pipeline.defs.executors import folder_executor

    with pytest.raises(ValueError, match="PIPELINE_FOLDER_EXECUTOR='slurm'"):
        folder_executor("slurm")
