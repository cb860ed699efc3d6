"""The raw folder as partitions (issue 15): folders built in parallel by Dagster's multiprocess
executor give the same warehouse as one process; a changed folder rewrites only its own Parquet
and rows; a build killed while writing a folder leaves its previous Parquet committed and the next
build recovers."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import CORPUS
from pipeline.cli import main as cli_main

REPO = Path(__file__).resolve().parents[1]

# Columns that say when or in which run a row was made, not what it holds (timestamps, run ids).
_WHEN = {"run_id"}
_TABLES = ["raw.files", "raw.documents", "staging.stg_reports", "staging.stg_facts", "staging.stg_issues",
           "staging.stg_checks", "staging.stg_source_lines", "staging.stg_table_reads",
           "marts.dim_report", "marts.fct_requests", "marts.fct_review_litigation", "marts.fct_active_disclosure",
           "marts.fct_checks", "marts.fct_table_reads", "marts.parse_issues", "marts.quarantine"]


def build(raw: Path, warehouse: Path, *extra: str) -> int:
    return cli_main(["build", "--raw-dir", str(raw), "--warehouse", str(warehouse), "--quiet", *extra])


def split_corpus(raw: Path) -> Path:
    """The sample reports in three folders (partitions) and the root: the two PDF folders are the
    slow ones, so two folder processes overlap."""
    layout = {"hongze": ["hongze-qu_2023.pdf", "hongze-qu_2024.pdf"],
              "huaian": ["huaian-shi_2024.pdf", "garbled-font.pdf"],
              "黑龙江省": ["mudanjiang-jiguanshiwu_2018.txt", "mudanjiang-jinghe_2018.txt"]}
    placed = {name for names in layout.values() for name in names}
    for folder, names in layout.items():
        (raw / folder).mkdir(parents=True)
        for name in names:
            shutil.copyfile(CORPUS / name, raw / folder / name)
    for f in sorted(CORPUS.iterdir()):
        if f.name not in placed:
            shutil.copyfile(f, raw / f.name)
    return raw


def table_rows(warehouse: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cols = [c for (c,) in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
            "and data_type not like '%BLOB%' and data_type not like 'TIMESTAMP%' order by column_index", table.split(".")).fetchall() if c not in _WHEN]
        rows = con.execute(f"select {', '.join(cols)} from {table}").fetchall()
    finally:
        con.close()
    return sorted(rows, key=repr)


def manifests(warehouse: Path) -> dict[str, dict]:
    return {json.loads(p.read_text(encoding="utf-8"))["partition"]: json.loads(p.read_text(encoding="utf-8"))
            for p in (warehouse.parent / "staging" / "_manifests").glob("*.json")}


def test_two_folder_processes_build_the_warehouse_one_process_builds(tmp_path: Path):
    raw = split_corpus(tmp_path / "raw")
    one, two = tmp_path / "one" / "w.duckdb", tmp_path / "two" / "w.duckdb"
    assert build(raw, one) == 0
    assert build(raw, two, "--folder-processes", "2") == 0
    assert set(manifests(two)) == {"_root", "hongze", "huaian", "黑龙江省"}
    for table in _TABLES:
        assert table_rows(one, table) == table_rows(two, table), table
    assert table_rows(one, "marts.fct_requests")  # the comparison compared something


def test_folder_steps_run_at_once_on_the_multiprocess_executor(tmp_path: Path):
    """Two groups of folders, two step processes, running at the same time."""
    import dagster as dg

    from pipeline.definitions import folder_job

    raw = split_corpus(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_config = {
        "execution": {"config": {"max_concurrent": 2}},
        "ops": {"plan_folders": {"config": {"groups": 2}}},
        "resources": {"folders": {"config": {"raw_dir": str(raw), "path": str(warehouse), "workers": 1}}},
    }
    (tmp_path / "dagster").mkdir()
    instance = dg.DagsterInstance.local_temp(tempdir=str(tmp_path / "dagster"))
    try:
        with dg.execute_job(dg.reconstructable(folder_job), instance=instance, run_config=run_config) as result:
            assert result.success
            run_id = result.run_id
        logs = [e for e in instance.all_logs(run_id) if e.dagster_event is not None]
        partitions = set(instance.get_dynamic_partitions("raw_folders"))
    finally:
        instance.dispose()
    group = [e for e in logs if (e.step_key or "").startswith("build_folder_group")]
    started = {e.step_key: e.timestamp for e in group if e.dagster_event.event_type_value == "STEP_WORKER_STARTED"}
    finished = {e.step_key: e.timestamp for e in group if e.dagster_event.event_type_value == "STEP_SUCCESS"}
    pids = {e.step_key: e.dagster_event.pid for e in group if e.dagster_event.event_type_value == "STEP_SUCCESS"}
    assert len(started) == len(finished) == 2
    # Both step processes were running before either step was done: two folder groups at once.
    assert max(started.values()) < min(finished.values())
    assert len(set(pids.values())) == 2
    materialized = {e.dagster_event.event_specific_data.materialization.partition for e in group
                    if e.dagster_event.event_type_value == "ASSET_MATERIALIZATION"}
    assert materialized == partitions == {"_root", "hongze", "huaian", "黑龙江省"}


def test_a_changed_folder_rewrites_only_its_own_parquet_and_rows(tmp_path: Path):
    raw = split_corpus(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "w.duckdb"
    assert build(raw, warehouse) == 0
    before = manifests(warehouse)
    rows_before = table_rows(warehouse, "staging.stg_reports")
    con = duckdb.connect(str(warehouse), read_only=True)
    parsed_before = dict(con.execute("select source_path, parsed_at from staging.stg_reports").fetchall())
    con.close()

    target = raw / "黑龙江省" / "mudanjiang-jinghe_2018.txt"
    target.write_bytes(target.read_bytes() + "\n附：本报告的电子版可在门户网站下载。\n".encode())
    assert build(raw, warehouse) == 0
    after = manifests(warehouse)

    assert after["黑龙江省"]["generation"] != before["黑龙江省"]["generation"]
    for other in ("_root", "hongze", "huaian"):
        assert after[other]["generation"] == before[other]["generation"], other
    con = duckdb.connect(str(warehouse), read_only=True)
    parsed_after = dict(con.execute("select source_path, parsed_at from staging.stg_reports").fetchall())
    con.close()
    changed = {p for p in parsed_after if parsed_after[p] != parsed_before.get(p)}
    assert changed == {"黑龙江省/mudanjiang-jinghe_2018.txt"}
    assert len(table_rows(warehouse, "staging.stg_reports")) == len(rows_before)


def test_a_build_killed_while_writing_a_folder_keeps_its_previous_parquet(tmp_path: Path):
    raw = split_corpus(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "w.duckdb"
    assert build(raw, warehouse) == 0
    committed = manifests(warehouse)["hongze"]
    staging = warehouse.parent / "staging"
    published = warehouse.read_bytes()

    # Every file of the folder changes, so the next build re-parses them all and writes a new
    # generation for it; the build is killed while that generation's files are being written.
    for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"):
        shutil.copyfile(CORPUS / "hongze-qu_2023.pdf", raw / "hongze" / name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--raw-dir", str(raw), "--warehouse", str(warehouse),
         "--quiet", "--workers", "1"],
        cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PIPELINE_RECORD_RUNS": "0"},
    )
    deadline = time.monotonic() + 120
    writing = []
    while time.monotonic() < deadline and proc.poll() is None:
        writing = [p for p in (staging / "stg_reports" / "hongze").glob(".*.tmp")]
        if writing:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    if not writing:
        pytest.skip("the build finished before it could be caught writing (machine too fast)")

    # The manifest still names the previous generation, whose files are whole and readable.
    assert manifests(warehouse)["hongze"]["generation"] == committed["generation"]
    for table, entry in committed["tables"].items():
        for rel in entry["files"]:
            assert pq.read_table(staging / rel).num_rows >= 0
    assert warehouse.read_bytes() == published  # readers never saw the killed build

    assert build(raw, warehouse) == 0  # the next build recovers
    assert not list(staging.rglob(".*.tmp"))
    con = duckdb.connect(str(warehouse), read_only=True)
    names = {r[0] for r in con.execute("select source_path from marts.dim_report").fetchall()}
    con.close()
    assert {"hongze/a.pdf", "hongze/d.pdf", "hongze/hongze-qu_2023.pdf"} <= names
