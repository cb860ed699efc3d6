"""Every asset's key, upstream keys, group and partitioning, every job's assets and executor,
every schedule and sensor, compared with a snapshot kept in the repository
(tests/fixtures/asset_graph.json). A refactor that changes the lineage by accident fails here; one
that changes it on purpose regenerates the snapshot and the diff shows what moved:

    .venv/bin/python tests/test_asset_graph_snapshot.py --update
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "asset_graph.json"


def graph_snapshot() -> dict:
    from pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        partitions = node.partitions_def
        assets[key.to_user_string()] = {
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "group": node.group_name,
            "partitions": getattr(partitions, "name", None) if partitions else None,
            "checks": sorted(c.name for c in node.check_keys),
        }
    jobs = {}
    for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name):
        if job.name.startswith("__"):
            continue
        jobs[job.name] = {
            "executor": job.executor_def.name,
            "assets": sorted(k.to_user_string() for k in job.asset_layer.executable_asset_keys),
            "ops": sorted(job.graph.node_dict) if not job.asset_layer.executable_asset_keys else [],
        }
    schedules = {s.name: {"job": s.job_name, "cron": s.cron_schedule, "status": s.default_status.value}
                 for s in defs.schedules or []}
    sensors = {s.name: {"jobs": sorted(t.job_name for t in s.targets)} for s in defs.sensors or []}
    return {"assets": assets, "jobs": jobs, "schedules": schedules, "sensors": sensors}


def test_asset_graph_matches_the_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = graph_snapshot()
    for part in ("assets", "jobs", "schedules", "sensors"):
        assert current[part] == expected[part], (
            f"the {part} changed; if on purpose, regenerate: python tests/test_asset_graph_snapshot.py --update")


if __name__ == "__main__" and "--update" in sys.argv:
    SNAPSHOT.write_text(json.dumps(graph_snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
