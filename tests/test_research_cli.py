"""What a researcher meets in the first hour, through the real CLI over real sample reports:
the build recorded where the Dagster UI looks, export files opened back, named files in the
summary and raw.run_files, the text_states_zero note, and one-line errors for the usual mistakes."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from conftest import CORPUS
from pipeline.cli import main as cli_main

TEXT_REPORTS = ("haidong-jiguanshiwu_2019.txt", "taian-jiguanshiwu_2010.txt", "mudanjiang-jiguanshiwu_2018.txt")


def _raw(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in TEXT_REPORTS:
        shutil.copyfile(CORPUS / name, folder / name)
    return folder


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(list(argv))
    return code, out.getvalue(), err.getvalue()


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> dict:
    """One build of three text reports, recorded in a Dagster instance under DAGSTER_HOME."""
    root = tmp_path_factory.mktemp("recorded")
    home = root / "dagster_home"  # not created: the build must make it
    saved = {k: os.environ.get(k) for k in ("DAGSTER_HOME", "PIPELINE_RECORD_RUNS")}
    os.environ.update(DAGSTER_HOME=str(home), PIPELINE_RECORD_RUNS="1")
    try:
        warehouse = root / "wh" / "warehouse.duckdb"
        code, out, err = _run("build", "--raw-dir", str(_raw(root / "raw")), "--warehouse", str(warehouse))
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    assert code == 0, out + err
    return {"root": root, "home": home, "warehouse": warehouse, "out": out}


def test_cli_build_is_recorded_in_the_dagster_instance(recorded: dict):
    from dagster._core.instance.ref import InstanceRef

    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(recorded["home"])))
    try:
        for key in (["analytics", "reports"], ["marts", "dim_report"], ["staging", "stg_report_notes"],
                    ["published_warehouse"]):
            event = instance.get_latest_materialization_event(dg.AssetKey(key))
            assert event is not None, f"{key} not materialized in the instance"
        meta = instance.get_latest_materialization_event(
            dg.AssetKey(["analytics", "reports"])).asset_materialization.metadata
        assert meta["dagster/row_count"].value == len(TEXT_REPORTS)
        assert "preview" in meta
        runs = instance.get_runs()
        assert len(runs) == 1 and runs[0].is_success
    finally:
        instance.dispose()


def test_without_dagster_home_the_build_records_in_the_repositorys_instance(monkeypatch):
    from pipeline.defs.instance import build_instance, repository_ref
    from pipeline.defs.resources import REPO

    ref = repository_ref()
    # the folders dagster.yaml names, anchored at the repository root whatever the working directory
    assert f"base_dir: {REPO / '.dagster_home' / 'storage'}" in ref.storage_data.config_yaml
    assert str(REPO / ".dagster_home") in ref.local_artifact_storage_data.config_yaml
    monkeypatch.setenv("PIPELINE_RECORD_RUNS", "0")
    assert build_instance().is_ephemeral
    monkeypatch.setenv("PIPELINE_RECORD_RUNS", "1")
    assert build_instance(record=False).is_ephemeral


def test_export_writes_csv_with_bom_parquet_and_one_workbook(recorded: dict):
    out_dir = recorded["root"] / "export"
    code, out, err = _run("export", "--to", str(out_dir), "--warehouse", str(recorded["warehouse"]))
    assert code == 0, out + err
    n_reports = query(recorded["warehouse"], "select count(*) from analytics.reports")[0][0]
    n_requests = query(recorded["warehouse"], "select count(*) from marts.fct_requests")[0][0]

    raw = (out_dir / "reports.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    csv = pl.read_csv(out_dir / "reports.csv")
    assert csv.columns[0].lstrip("\ufeff") == "report_id" and csv.height == n_reports
    assert "海东市市直机关事务管理局" in csv["agency_name"].to_list()
    parquet = pl.read_parquet(out_dir / "reports.parquet")
    assert parquet.height == n_reports and parquet.schema["received_new"] == pl.Int64
    requests = pl.read_parquet(out_dir / "fct_requests.parquet")
    assert requests.height == n_requests
    assert "三、本年度办理结果 › （五）不予处理 › 2.重复申请" in requests["row_label_zh"].to_list()
    for name in ("fct_review_litigation", "fct_active_disclosure"):
        assert pl.read_csv(out_dir / f"{name}.csv").height == pl.read_parquet(out_dir / f"{name}.parquet").height

    workbook = out_dir / "disclosure_reports.xlsx"
    assert [p.name for p in out_dir.iterdir() if p.suffix == ".xlsx"] == [workbook.name]
    sheet = pl.read_excel(workbook, sheet_name="报告", engine="openpyxl")
    assert sheet.height == n_reports
    assert {"文件", "报告单位（原文）", "省", "统计年度", "本年新收申请", "勾稽关系"} <= set(sheet.columns)
    assert pl.read_excel(workbook, sheet_name="表三 申请办理", engine="openpyxl").height == n_requests
    columns = pl.read_excel(workbook, sheet_name="说明 columns", engine="openpyxl")
    assert columns.filter(pl.col("列名 column") == "text_states_zero").height == 1


def test_blank_table_whose_text_says_none_keeps_null_and_is_flagged(recorded: dict):
    rows = dict((r[0], r[1:]) for r in query(recorded["warehouse"], """
        select source_path, received_new, text_states_zero from analytics.reports"""))
    # haidong prints table 三 blank and says 我局无依申请公开办理情况
    assert rows["haidong-jiguanshiwu_2019.txt"] == (None, True)
    assert rows["taian-jiguanshiwu_2010.txt"][1] is False
    note = query(recorded["warehouse"], "select note, source_line, text from staging.stg_report_notes "
                                        "where note = 'text_states_zero'")
    assert len(note) == 1 and "无依申请公开" in note[0][2] and note[0][1] > 0


@pytest.mark.parametrize("sentence, says_none", [
    ("本年度，我单位未收到公民、法人或其他组织提出的政府信息公开申请。", True),
    ("全年没有 收到 政府信息公开申请", True),
    ("依申请公开数量为0件。", True),
    ("本年度未收到行政复议申请。", False),  # table 四, not table 三
    ("无依申请公开收费情况。", False),
    ("共收到政府信息公开申请12件。", False),
    ("依申请公开数量为10件。", False),
])
def test_statement_of_no_requests(sentence: str, says_none: bool):
    from pipeline.warehouse.text_notes import states_no_requests

    assert states_no_requests(sentence) is says_none


def test_summary_names_changed_and_removed_files_and_run_files_keeps_them(tmp_path: Path):
    raw = _raw(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    code, out, _ = _run("build", "--raw-dir", str(raw), "--warehouse", str(warehouse), "--quiet")
    assert code == 0 and "  new taian-jiguanshiwu_2010.txt" in out
    with open(raw / "taian-jiguanshiwu_2010.txt", "a", encoding="utf-8") as f:
        f.write("\n附件：无。\n")
    (raw / "mudanjiang-jiguanshiwu_2018.txt").unlink()
    code, out, _ = _run("build", "--raw-dir", str(raw), "--warehouse", str(warehouse), "--quiet")
    assert code == 0
    assert "changed 1" in out and "  changed taian-jiguanshiwu_2010.txt (bytes changed)" in out
    assert "  removed mudanjiang-jiguanshiwu_2018.txt" in out
    assert "haidong" not in out  # unchanged files are counted, not named
    latest = query(warehouse, "select source_path, change, outcome, reason from marts.run_files "
                              "where is_latest_run order by source_path")
    assert latest == [
        ("haidong-jiguanshiwu_2019.txt", "unchanged", "unchanged", None),
        ("mudanjiang-jiguanshiwu_2018.txt", "removed", "removed", "file gone from the raw folder"),
        ("taian-jiguanshiwu_2010.txt", "changed", "changed", "bytes changed"),
    ]
    # the first run's new files are kept; its unchanged rows would be dropped
    assert query(warehouse, "select count(*) from marts.run_files where not is_latest_run and change = 'new'") == [(3,)]
    comment = query(warehouse, "select comment from duckdb_views() where view_name = 'run_files'")[0][0]
    assert comment.startswith("Grain:")


def test_raw_dir_pointing_at_a_file_says_so(tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text("x", encoding="utf-8")
    code, out, err = _run("build", "--raw-dir", str(report), "--warehouse", str(tmp_path / "w.duckdb"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "is a file" in err and "does not exist" not in err


def test_empty_raw_folder_never_replaces_a_published_warehouse_unless_asked(recorded: dict, tmp_path: Path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)  # folders, but no file
    shutil.copytree(recorded["warehouse"].parent, tmp_path / "wh")
    warehouse = tmp_path / "wh" / recorded["warehouse"].name
    before = warehouse.read_bytes()
    code, out, err = _run("build", "--raw-dir", str(empty), "--warehouse", str(warehouse))
    assert code == 2 and err.count("\n") == 1
    assert "holds no files" in err and "--allow-empty" in err and f"({len(TEXT_REPORTS)} reports)" in err
    assert warehouse.read_bytes() == before

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    code, out, err = _run("build", "--raw-dir", str(empty), "--warehouse", str(fresh), "--allow-empty", "--quiet")
    assert code == 0 and err.startswith("warning: raw folder") and fresh.exists()
    assert query(fresh, "select count(*) from analytics.reports") == [(0,)]


def test_unwritable_warehouse_path_is_one_line_not_a_traceback(tmp_path: Path):
    raw = _raw(tmp_path / "raw")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    code, out, err = _run("build", "--raw-dir", str(raw), "--warehouse", str(blocker / "sub" / "warehouse.duckdb"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "cannot write the warehouse" in err and "is a file, not a folder" in err
    assert "Traceback" not in err
    code, out, err = _run("build", "--raw-dir", str(raw), "--warehouse", str(tmp_path))
    assert code == 2 and "is a folder" in err and err.count("\n") == 1


def test_export_errors_are_one_line(tmp_path: Path):
    code, _, err = _run("export", "--to", str(tmp_path / "out"), "--warehouse", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no warehouse" in err and err.count("\n") == 1
