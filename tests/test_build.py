"""End to end: `python -m pipeline build` over the sample reports, incremental and safe for readers."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS, GOLD, gold
from pipeline.cli import main as cli_main


def build(raw: Path, warehouse: Path, *extra: str) -> int:
    return cli_main(["build", "--raw-dir", str(raw), "--warehouse", str(warehouse), "--quiet", *extra])


def query(warehouse: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells(warehouse: Path, source_name: str) -> dict[tuple, list]:
    rows = query(
        warehouse,
        """
        select 'requests', outcome, applicant_type, requests from marts.fct_requests
        join marts.dim_report using (report_id) where source_path like '%' || ?
        union all
        select 'review', proceeding, result, cases from marts.fct_review_litigation
        join marts.dim_report using (report_id) where source_path like '%' || ?
        """,
        [source_name, source_name],
    )
    out: dict[tuple, list] = {}
    for table, row, col, value in rows:
        out.setdefault((table, row, col), []).append(value)
    return out


@pytest.fixture
def built(raw_dir: Path, warehouse: Path) -> Path:
    assert build(raw_dir, warehouse) == 0
    return warehouse


GOLD_NAMES = sorted(p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json"))


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_build_matches_expected_values(built: Path, name: str):
    g = gold(name)
    got = cells(built, name)
    wrong = []
    for table, key in (("requests", "requests"), ("review", "review_litigation")):
        for row, cols in (g.get(key) or {}).items():
            for col, want in cols.items():
                have = {v for v in got.get((table, row, col), []) if v is not None}
                if (want is None and have) or (want is not None and have != {want}):
                    wrong.append(f"{table}.{row}.{col}: expected {want}, loaded {sorted(have) or 'NULL'}")
    assert not wrong, "\n".join(wrong)
    meta = query(built, "select agency_name, region_code, report_year, template from marts.dim_report "
                        "where source_path like '%' || ?", [name])
    if g.get("agency_name") is None and g.get("report_year") is None and g.get("template") is None:
        assert meta == [] or meta[0][0] is None  # quarantined, or a blank form with no metadata
        return
    assert len(meta) == 1
    agency, region, year, template = meta[0]
    assert (agency, region, year, template) == (g["agency_name"], g["region_code"], g["report_year"], g["template"])


def test_quarantined_files_are_named_with_a_reason(built: Path):
    rows = dict(query(built, "select source_path, reason from marts.quarantine"))
    assert "pdf/garbled-font.pdf" in rows
    assert rows["pdf/garbled-font.pdf"]
    assert query(built, "select count(*) from marts.dim_report where source_path like '%garbled-font.pdf'") == [(0,)]


def test_rerun_is_idempotent_and_skips_unchanged_files(raw_dir: Path, built: Path):
    tables = ("marts.dim_report", "marts.fct_requests", "marts.fct_review_litigation",
              "marts.fct_active_disclosure", "marts.fct_checks")
    before = {t: query(built, f"select * exclude (parsed_at) from {t} order by all" if t == "marts.dim_report"
                       else f"select * from {t} order by all") for t in tables}
    parsed_at = query(built, "select source_path, parsed_at from staging.stg_reports order by 1")
    assert build(raw_dir, built) == 0
    after = {t: query(built, f"select * exclude (parsed_at) from {t} order by all" if t == "marts.dim_report"
                      else f"select * from {t} order by all") for t in tables}
    assert after == before
    assert query(built, "select source_path, parsed_at from staging.stg_reports order by 1") == parsed_at
    run = query(built, "select files_seen, files_new, files_changed, files_unchanged, files_removed "
                       "from raw.runs order by started_at desc limit 1")[0]
    assert run == (len(list(raw_dir.rglob("*.*"))), 0, 0, run[0], 0)


def test_changed_file_replaces_its_own_rows_only(raw_dir: Path, built: Path):
    target = "mudanjiang-jiguanshiwu_2018.txt"
    others_before = query(built, "select f.* from marts.fct_requests f join marts.dim_report r using (report_id) "
                                 "where r.source_path <> ? order by all", [target])
    rid_before = query(built, "select report_id from marts.dim_report where source_path = ?", [target])
    path = raw_dir / target
    text = path.read_text(encoding="utf-8")
    # The 2. 重复申请 row: natural persons 0 → 7, total 0 → 7 (the report's own sums then break).
    old = "\t2. 重复申请\t0\t0\t0\t0\t0\t0\t0"
    assert old in text
    path.write_text(text.replace(old, "\t2. 重复申请\t7\t0\t0\t0\t0\t0\t7"), encoding="utf-8")
    assert build(raw_dir, built) == 0
    run = query(built, "select files_changed, files_new, files_removed from raw.runs order by started_at desc limit 1")
    assert run == [(1, 0, 0)]
    assert query(built, "select report_id from marts.dim_report where source_path = ?", [target]) == rid_before
    got = query(built, "select applicant_type, requests from marts.fct_requests join marts.dim_report using (report_id) "
                       "where source_path = ? and outcome = 'rejected_duplicate' order by 1", [target])
    assert dict(got)["natural_person"] == 7 and dict(got)["total"] == 7
    assert query(built, "select count(*) from marts.fct_requests join marts.dim_report using (report_id) "
                        "where source_path = ? group by outcome, applicant_type having count(*) > 1", [target]) == []
    others_after = query(built, "select f.* from marts.fct_requests f join marts.dim_report r using (report_id) "
                                "where r.source_path <> ? order by all", [target])
    assert others_after == others_before


def test_removed_file_leaves_the_marts(raw_dir: Path, built: Path):
    (raw_dir / "taian-jiguanshiwu_2010.txt").unlink()
    assert build(raw_dir, built) == 0
    assert query(built, "select count(*) from marts.dim_report where source_path like '%taian%'") == [(0,)]
    assert query(built, "select count(*) from staging.stg_facts f where not exists "
                        "(select 1 from staging.stg_reports r where r.report_id = f.report_id)") == [(0,)]


@pytest.mark.parametrize(
    "name, content, reason_word",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 40, ""),
        ("truncated.pdf", (CORPUS / "hongze-qu_2023.pdf").read_bytes()[:3000], ""),
        ("unrelated.txt", "今天天气很好，我们去公园散步，然后吃了一碗面。\n".encode() * 20, "not a disclosure report"),
    ],
)
def test_bad_file_is_quarantined_while_the_others_load(raw_dir: Path, warehouse: Path, name, content, reason_word):
    (raw_dir / "bad").mkdir()
    (raw_dir / "bad" / name).write_bytes(content)
    assert build(raw_dir, warehouse) == 0
    reasons = dict(query(warehouse, "select source_path, reason from marts.quarantine"))
    assert f"bad/{name}" in reasons
    assert reason_word in reasons[f"bad/{name}"]
    loaded = {r[0] for r in query(warehouse, "select source_path from marts.dim_report")}
    assert {"mudanjiang-jiguanshiwu_2018.txt", "shandong-jiguanshiwu_2017.txt"} <= loaded
    assert query(warehouse, "select count(*) from marts.fct_requests join marts.dim_report using (report_id) "
                            "where source_path = ?", [f"bad/{name}"]) == [(0,)]


def test_oversized_file_is_quarantined_without_reading_it(raw_dir: Path, warehouse: Path):
    (raw_dir / "huge.txt").write_bytes("政府信息公开\n".encode() * 200_000)  # ~3.8 MB
    assert build(raw_dir, warehouse, "--max-file-mb", "1") == 0
    reason = query(warehouse, "select reason from marts.quarantine where source_path = 'huge.txt'")
    assert reason and "too large" in reason[0][0]


def test_failed_run_leaves_the_last_good_warehouse_intact(raw_dir: Path, built: Path, monkeypatch):
    before = digest(built)
    reports_before = query(built, "select count(*) from marts.dim_report")
    (raw_dir / "taian-jiguanshiwu_2010.txt").unlink()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated crash while building marts")

    monkeypatch.setattr("pipeline.defs.assets.run_model", broken)
    assert build(raw_dir, built) == 1
    assert digest(built) == before
    assert query(built, "select count(*) from marts.dim_report") == reports_before
    monkeypatch.undo()
    assert build(raw_dir, built) == 0  # the next good run carries on from where the failed one stopped
    assert query(built, "select count(*) from marts.dim_report where source_path like '%taian%'") == [(0,)]


def test_every_object_and_column_has_a_comment(built: Path):
    missing_tables = query(built, """
        select schema_name || '.' || table_name from duckdb_tables()
        where schema_name in ('raw', 'staging', 'marts', 'analytics') and comment is null
        union all
        select schema_name || '.' || view_name from duckdb_views()
        where schema_name in ('raw', 'staging', 'marts', 'analytics') and not internal and comment is null""")
    missing_columns = query(built, """
        select schema_name || '.' || table_name || '.' || column_name from duckdb_columns()
        where schema_name in ('raw', 'staging', 'marts', 'analytics') and comment is null""")
    assert missing_tables == [] and missing_columns == []


def _duckdb_cli() -> str:
    cli = Path(sys.executable).with_name("duckdb")
    if not cli.exists():
        pytest.skip("duckdb CLI (dev dependency duckdb-cli) not installed")
    return str(cli)


def test_cli_reader_works_while_a_second_build_runs(raw_dir: Path, built: Path):
    cli = _duckdb_cli()
    # The analyst's session opens the file before the build starts and keeps it open throughout.
    reader = duckdb.connect(str(built), read_only=True)
    before = reader.execute("select count(*) from marts.fct_requests").fetchall()
    (raw_dir / "mudanjiang-jinghe_2018.txt").unlink()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--raw-dir", str(raw_dir), "--warehouse", str(built), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    answers = 0
    while proc.poll() is None:
        out = subprocess.run([cli, "-readonly", str(built), "-c", "select * from marts.fct_requests limit 5"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        answers += 1
        time.sleep(0.2)
    output = proc.stdout.read()
    assert proc.returncode == 0, output
    assert answers >= 1
    assert reader.execute("select count(*) from marts.fct_requests").fetchall() == before
    reader.close()
    out = subprocess.run([cli, "-readonly", str(built), "-c",
                          "select count(*) from marts.dim_report where source_path like '%jinghe%'"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "0" in out.stdout


def test_build_prints_a_summary(raw_dir: Path, warehouse: Path):
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "reports seen" in out.stdout and "quarantined pdf/garbled-font.pdf:" in out.stdout


def test_a_file_that_takes_too_long_is_quarantined_and_the_run_goes_on(tmp_path: Path):
    # Extraction runs in a worker process the build kills at the limit (tests/test_hostile_pool.py
    # kills a call that never returns); here a real PDF takes longer than a tiny limit.
    raw = tmp_path / "raw"
    raw.mkdir()
    # The fast PDF path reads one real report in well under the limit: 60 copies of its pages
    # (360 pages, about 3 s) take longer than 1 s on any machine, a text report far less.
    src, slow = pdfium.PdfDocument(CORPUS / "huaian-shi_2024.pdf"), pdfium.PdfDocument.new()
    for _ in range(60):
        slow.import_pages(src)
    slow.save(raw / "slow.pdf")
    shutil.copyfile(CORPUS / "mudanjiang-jiguanshiwu_2018.txt", raw / "report.txt")
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    assert build(raw, warehouse, "--file-timeout", "1", "--workers", "1") == 0
    reasons = dict(query(warehouse, "select source_path, reason from marts.quarantine"))
    assert "exceeded 1 s wall-clock limit" in reasons["slow.pdf"]
    assert query(warehouse, "select parse_status from marts.dim_report where source_path = 'report.txt'") == [("loaded",)]
    assert build(raw, warehouse) == 0  # a raised limit reads it again
    # read this time (its repeated tables make it partial: the second copy of each row is reported)
    assert query(warehouse, "select parse_status from marts.dim_report where source_path = 'slow.pdf'") in ([("loaded",)], [("partial",)])


def test_failed_blocking_check_stops_the_views_and_the_publish(raw_dir: Path, built: Path, monkeypatch):
    import pipeline.defs.assets as assets

    before = digest(built)
    real_run_model = assets.run_model

    def run_model_with_a_duplicated_cell(con, model):
        real_run_model(con, model)
        if model.key == "marts.fct_requests":
            con.execute("insert into marts.fct_requests select * from marts.fct_requests limit 1")

    monkeypatch.setattr(assets, "run_model", run_model_with_a_duplicated_cell)
    (raw_dir / "taian-jiguanshiwu_2010.txt").unlink()  # a real change, so the marts are rebuilt
    assert build(raw_dir, built) == 1
    assert digest(built) == before  # the bad fact table never reached readers

    # Selecting only the publish asset (as a user can in the UI) does not push it out either.
    import dagster as dg

    from pipeline.defs.resources import Warehouse

    resource = Warehouse(raw_dir=str(raw_dir), path=str(built))
    result = dg.materialize([assets.published_warehouse], resources={"warehouse": resource}, raise_on_error=False)
    assert not result.success
    assert digest(built) == before

    # The next good run rebuilds the marts instead of trusting the ones that failed their checks.
    monkeypatch.undo()
    assert build(raw_dir, built) == 0
    assert query(built, "select count(*) from (select 1 from marts.fct_requests "
                        "group by report_id, outcome, applicant_type having count(*) > 1)") == [(0,)]
    assert query(built, "select count(*) from marts.dim_report where source_path like '%taian%'") == [(0,)]


def test_run_that_dies_while_parsing_is_made_good_by_the_next(raw_dir: Path, built: Path, monkeypatch):
    import pipeline.warehouse.partition_build as partition_build

    (raw_dir / "taian-jiguanshiwu_2010.txt").unlink()
    shutil.copyfile(raw_dir / "mudanjiang-jinghe_2018.txt", raw_dir / "copy.txt")

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash while committing a partition")

    monkeypatch.setattr(partition_build, "_commit", crash)
    assert build(raw_dir, built) == 1
    monkeypatch.undo()
    (raw_dir / "copy.txt").unlink()  # the next run has nothing left to parse
    assert build(raw_dir, built) == 0
    assert query(built, "select count(*) from marts.dim_report where source_path like '%taian%'") == [(0,)]


def test_new_extractor_version_re_extracts_and_re_parses(raw_dir: Path, built: Path, monkeypatch):
    import pipeline.warehouse.partition_build as partition_build

    n = query(built, "select count(*) from raw.files")[0][0]
    monkeypatch.setattr(partition_build, "extractor_version", lambda: "a-newer-extractor")
    assert build(raw_dir, built) == 0
    run = query(built, "select files_changed, files_unchanged from raw.runs order by started_at desc limit 1")[0]
    assert run == (n, 0)
    assert query(built, "select distinct extractor_version from staging.stg_reports") == [("a-newer-extractor",)]


def test_work_file_of_an_older_schema_is_rebuilt_from_the_raw_files(raw_dir: Path, built: Path):
    from pipeline.warehouse.db import connect
    from pipeline.warehouse.workfile import work_path

    work = work_path(built)
    con = connect(work)
    con.execute("update raw.build_state set value = 'an-older-schema' where name = 'schema'")
    con.close()
    assert build(raw_dir, built) == 0
    run = query(built, "select files_new, files_unchanged from raw.runs order by started_at desc limit 1")[0]
    assert run == (query(built, "select count(*) from raw.files")[0][0], 0)
    assert query(built, "select count(*) from raw.runs") == [(1,)]  # the old file's history went with it


def test_unreadable_work_file_is_seeded_from_the_published_copy(raw_dir: Path, built: Path):
    from pipeline.warehouse.workfile import work_path

    work = work_path(built)
    work.write_bytes(os.urandom(200_000))
    assert build(raw_dir, built) == 0
    run = query(built, "select files_new, files_changed from raw.runs order by started_at desc limit 1")[0]
    assert run == (0, 0)  # carried on from the published copy: nothing re-read


def test_a_second_writer_is_refused_while_a_build_runs(raw_dir: Path, built: Path):
    from pipeline.warehouse.workfile import lock_writer, unlock_writer

    held = lock_writer(built)  # as a running build holds it
    try:
        out = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw-dir", str(raw_dir),
                              "--warehouse", str(built)], capture_output=True, text=True, timeout=300)
    finally:
        unlock_writer(held)
    assert out.returncode == 3 and "another build" in out.stderr
    assert build(raw_dir, built) == 0  # and once it ends, the next build runs


def test_special_files_and_undecodable_names_are_quarantined_not_fatal(raw_dir: Path, warehouse: Path):
    os.mkfifo(raw_dir / "pipe.txt")  # opening it would block the scan forever
    gbk_name = os.fsdecode("淮安市2024年报告.txt".encode("gbk"))  # as a Windows zip unpacks on Linux
    shutil.copyfile(raw_dir / "mudanjiang-jinghe_2018.txt", raw_dir / gbk_name)
    assert build(raw_dir, warehouse) == 0
    reasons = dict(query(warehouse, "select source_path, reason from marts.quarantine"))
    assert "not a regular file" in reasons["pipe.txt"]
    assert any("not valid UTF-8" in r for p, r in reasons.items() if p.startswith("\\x"))
    assert query(warehouse, "select count(*) from marts.dim_report where source_path like '%jinghe%'") == [(1,)]


def test_a_file_over_the_size_limit_is_read_once_the_limit_is_raised(raw_dir: Path, warehouse: Path):
    assert build(raw_dir, warehouse, "--max-file-mb", "0.1") == 0
    assert "too large" in dict(query(warehouse, "select source_path, reason from marts.quarantine"))["pdf/huaian-shi_2024.pdf"]
    assert build(raw_dir, warehouse) == 0
    assert query(warehouse, "select parse_status from marts.dim_report where source_path = 'pdf/huaian-shi_2024.pdf'") == [("loaded",)]
