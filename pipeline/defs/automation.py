"""When the graph runs: nightly, and when files in the raw folder change."""

import hashlib
import os

import dagster as dg

from pipeline.defs.resources import Warehouse
from pipeline.warehouse.scan import iter_files

from pipeline.defs.fetch import FETCH_KEY

build_job = dg.define_asset_job("build_warehouse", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(FETCH_KEY),
                                description="Raw files to the published warehouse, without fetching (a "
                                            "changed raw folder must not start a crawl).")
# The night also fetches new reports first when a sources file is configured (pipeline/defs/fetch.py).
nightly_job = dg.define_asset_job("nightly_fetch_and_build", selection=dg.AssetSelection.all(),
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
    warehouse = Warehouse()
    h = hashlib.sha256()
    for path in iter_files(warehouse.raw):
        st = path.stat()
        h.update(os.fsencode(path) + f"\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    fingerprint = h.hexdigest()
    if context.cursor == fingerprint:
        return dg.SkipReason("no file under the raw folder changed")
    first = context.cursor is None and os.path.exists(warehouse.published)
    context.update_cursor(fingerprint)
    if first:
        return dg.SkipReason("first look at the raw folder: remembered; the nightly schedule covers it")
    # No run_key: the cursor already says "changed"; a key would stop a folder reverted to an
    # earlier state from ever being built again.
    return dg.RunRequest()
