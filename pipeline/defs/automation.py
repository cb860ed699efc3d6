"""When the graph runs: nightly, and when files in the raw folder change."""

import hashlib
import os

import dagster as dg

from pipeline.defs.fetch import FETCH_KEY
from pipeline.defs.folders import FOLDERS_KEY, build_folders_job
from pipeline.defs.resources import RawFolders
from pipeline.warehouse.scan import iter_files

# The folder partitions run on their own (UI back-fills, `build_folders`); the jobs below bring any
# folder not yet built up to date inside their merge step, so each is a whole build on its own.
_WHOLE_BUILD = dg.AssetSelection.all() - dg.AssetSelection.assets(FOLDERS_KEY)

build_job = dg.define_asset_job("build_warehouse", selection=_WHOLE_BUILD - dg.AssetSelection.assets(FETCH_KEY),
                                description="Raw files to the published warehouse, without fetching (a "
                                            "changed raw folder must not start a crawl).")
# The night also fetches new reports first when a sources file is configured (pipeline/defs/fetch.py).
nightly_job = dg.define_asset_job("nightly_fetch_and_build", selection=_WHOLE_BUILD,
                                  description="Fetch new reports (when PIPELINE_SOURCES is set), then raw files "
                                              "to the published warehouse: the graph `python -m pipeline build` runs.")

nightly = dg.ScheduleDefinition(
    name="nightly_build",
    job=nightly_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every night at 02:00 Asia/Shanghai.",
)


@dg.sensor(job=build_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts a build when a file under the raw folder is added, changed or removed.")
def raw_folder_changed(context: dg.SensorEvaluationContext):
    # Path, size and mtime are enough to notice a change cheaply; the build itself hashes bytes.
    # The folders are read from the environment like the build's own (no resource: a sensor
    # must not take the writer's lock).
    folders = RawFolders()
    h = hashlib.sha256()
    for path in iter_files(folders.raw):
        st = path.stat()
        h.update(os.fsencode(path) + f"\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    fingerprint = h.hexdigest()
    if context.cursor == fingerprint:
        return dg.SkipReason("no file under the raw folder changed")
    first = context.cursor is None and os.path.exists(folders.published)
    context.update_cursor(fingerprint)
    if first:
        return dg.SkipReason("first look at the raw folder: remembered; the nightly schedule covers it")
    # No run_key: the cursor already says "changed"; a key would stop a folder reverted to an
    # earlier state from ever being built again.
    return dg.RunRequest()


# Scaling out: `build_folders` fans the folders out over processes, pods or Celery workers
# (pipeline/defs/executors.py); when it succeeds, the merge and publish follow in one run.
nightly_folders = dg.ScheduleDefinition(
    name="nightly_build_folders",
    job=build_folders_job,
    cron_schedule="0 1 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every night at 01:00 Asia/Shanghai, for deployments that build folders on a cluster "
                "(start it instead of nightly_build).",
)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[build_folders_job],
                      request_job=build_job, default_status=dg.DefaultSensorStatus.RUNNING,
                      description="Merges and publishes once every folder of a `build_folders` run is built.")
def folders_built(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=context.dagster_run.run_id)
