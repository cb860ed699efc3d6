"""The raw folder as partitions: one partition per sub-folder of the raw folder (a source or a
province; files directly in it form the partition `_root`), each extracted and parsed into its
own Parquet files under `<warehouse folder>/staging/`. A folder step reads only its files, writes
only its own Parquet and never opens the DuckDB file, so any number can run at once on any machine
that sees the two folders; the merge step (pipeline/defs/assets.py) then loads them all.

Two ways to run folders:
- the partitioned asset `raw/folders`: the UI shows every folder, its status and a back-fill of all
  of them (one run per folder: with the Kubernetes run launcher, one pod per folder);
- the job `build_folders`: one run that fans out over groups of folders, one step per group, on the
  job's executor (multiprocess locally, `k8s_job_executor` or Celery in a cluster:
  pipeline/defs/executors.py). `python -m pipeline build --folder-processes N` runs it.
Both log a materialization per folder, so the partition status is the same whichever ran it.
"""

import warnings

import dagster as dg
from pydantic import Field

from pipeline.defs.executors import folder_executor
from pipeline.defs.fetch import FETCH_KEY
from pipeline.defs.resources import RawFolders
from pipeline.warehouse.partition_build import build_partitions
from pipeline.warehouse.partitions import partition_files, raw_partitions

# backfill_policy is marked beta; it is what gives one run (one pod) per folder in a back-fill.
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)

RAW_FOLDERS = dg.DynamicPartitionsDefinition(name="raw_folders")
FOLDERS_KEY = dg.AssetKey(["raw", "folders"])


def sync_partitions(instance: dg.DagsterInstance | None, folders: RawFolders) -> list[str]:
    """The folders present now. Folders that are gone lose their Parquet (their reports leave the
    warehouse at the next merge) and their partition in the Dagster instance; new ones are added."""
    present = raw_partitions(folders.raw)
    store = folders.store
    for gone in sorted(set(store.partitions()) - set(present)):
        store.remove(gone)
    if instance is not None:
        known = set(instance.get_dynamic_partitions(RAW_FOLDERS.name))
        new = [p for p in present if p not in known]
        if new:
            instance.add_dynamic_partitions(RAW_FOLDERS.name, new)
        for gone in sorted(known - set(present)):
            instance.delete_dynamic_partition(RAW_FOLDERS.name, gone)
    return present


def folder_materializations(stats: dict[str, dict]):
    """One materialization of `raw/folders` per folder built, with its counts."""
    for partition, s in stats.items():
        yield dg.AssetMaterialization(asset_key=FOLDERS_KEY, partition=partition,
                                      metadata={k: v for k, v in s.items() if isinstance(v, (int, float, str, bool))})


@dg.asset(
    key=FOLDERS_KEY,
    deps=[FETCH_KEY],
    partitions_def=RAW_FOLDERS,
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=1),
    group_name="raw",
    kinds={"parquet"},
)
def raw_folders(context: dg.AssetExecutionContext, folders: RawFolders) -> dg.MaterializeResult:
    """One raw sub-folder extracted and parsed into its own Parquet files (staging/<table>/<folder>/),
    replaced atomically; files whose bytes and code did not change keep their rows. Never opens
    the DuckDB file: run `build_warehouse` (or the nightly job) afterwards to merge and publish."""
    keys = list(context.partition_keys)
    stats = build_partitions(folders.raw, folders.store, keys, folders.n_workers, folders.limits)
    for key in keys:
        context.log.info(f"{key}: {stats.get(key)}")
    total = {k: sum(s.get(k, 0) for s in stats.values()) for k in ("seen", "new", "changed", "unchanged", "removed")}
    return dg.MaterializeResult(metadata=total)


# ------------------------------------------------------------------ the fan-out job (one run)
class FolderPlan(dg.Config):
    groups: int = Field(default=1, description="steps to split the folders into (each runs on its own process or pod)")


@dg.op(out=dg.DynamicOut(list))
def plan_folders(context: dg.OpExecutionContext, config: FolderPlan, folders: RawFolders):
    """Register the folders as partitions and deal them into groups of about equal file counts."""
    present = sync_partitions(context.instance, folders)
    for i, group in enumerate(deal(present, _file_counts(folders, present), max(1, config.groups))):
        if group:
            yield dg.DynamicOutput(group, mapping_key=f"group_{i}")


@dg.op
def build_folder_group(context: dg.OpExecutionContext, folders: RawFolders, group: list) -> dict:
    """Extract and parse one group of folders into their Parquet (one worker pool for the group)."""
    stats = build_partitions(folders.raw, folders.store, group, folders.n_workers, folders.limits)
    for event in folder_materializations(stats):
        context.log_event(event)
    return stats


@dg.op
def folders_built(context: dg.OpExecutionContext, results: list) -> dict:
    merged: dict = {}
    for r in results:
        merged.update(r)
    context.log.info(f"{len(merged)} folders up to date")
    return merged


@dg.job(name="build_folders", executor_def=folder_executor(),
        description="Every raw folder to its Parquet, in parallel steps (one per group of folders); "
                    "then `build_warehouse` merges and publishes.")
def build_folders_job():
    folders_built(plan_folders().map(build_folder_group).collect())


def deal(partitions: list[str], sizes: dict[str, int], groups: int) -> list[list[str]]:
    """Largest folder first to the lightest group: groups of about equal work, each in name order."""
    loads = [0] * groups
    out: list[list[str]] = [[] for _ in range(groups)]
    for p in sorted(partitions, key=lambda p: (-sizes.get(p, 0), p)):
        i = loads.index(min(loads))
        out[i].append(p)
        loads[i] += max(1, sizes.get(p, 0))
    return [sorted(g) for g in out]


def _file_counts(folders: RawFolders, partitions: list[str]) -> dict[str, int]:
    """Files per folder, listed as the scan lists them (links never followed)."""
    return {p: sum(1 for _ in partition_files(folders.raw, p)) for p in partitions}
