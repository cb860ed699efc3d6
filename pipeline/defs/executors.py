"""Which Dagster executor runs the folder steps of `build_folders`.

Chosen by the deployment, once, when the code location loads (PIPELINE_FOLDER_EXECUTOR), as
Dagster deployments choose executors: the same definitions run everywhere.

- `multiprocess` (default): one process per step on this machine; run config
  `execution: {config: {max_concurrent: N}}` bounds how many run at once.
- `k8s`: `dagster_k8s.k8s_job_executor`, one Kubernetes Job (pod) per folder step; with the
  `K8sRunLauncher` the run itself is a pod too (deploy/k8s/).
- `celery`: `dagster_celery.celery_executor`, steps as Celery tasks on any worker that sees the
  raw and staging folders (deploy/celery/).

The Kubernetes and Celery packages are the `deploy` extra (`pip install -e ".[deploy]"`); they
are imported only when chosen. The warehouse's own steps (merge, SQL layers, publish) stay on
the in-process executor: one DuckDB writer.
"""
from __future__ import annotations

import os

import dagster as dg

EXECUTOR_ENV = "PIPELINE_FOLDER_EXECUTOR"
CHOICES = ("multiprocess", "k8s", "celery")


def folder_executor(name: str | None = None) -> dg.ExecutorDefinition:
    name = name or os.environ.get(EXECUTOR_ENV, "multiprocess")
    if name == "multiprocess":
        return dg.multiprocess_executor
    if name == "k8s":
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor
    if name == "celery":
        from dagster_celery import celery_executor

        return celery_executor
    raise ValueError(f"{EXECUTOR_ENV}={name!r}: choose one of {', '.join(CHOICES)}")
