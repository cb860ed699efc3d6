"""The benchmark's scorer and meter, against a warehouse faked from the truth itself."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.bench import generator as gen
from pipeline.bench.run import change_files, changed_truth_path, measure
from pipeline.bench.score import score


def fake_warehouse(path: Path, truth: list[dict]) -> None:
    """The public contract's tables (docs/domain.md §2 and §4), holding exactly the truth."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.dim_report (report_id varchar, source_path varchar, agency_name varchar, "
                "report_year integer, template varchar, parse_status varchar, n_source_errors integer)")
    con.execute("create table marts.quarantine (source_path varchar, reason varchar)")
    con.execute("create table marts.fct_requests (report_id varchar, outcome varchar, applicant_type varchar, "
                "requests bigint)")
    con.execute("create table marts.fct_review_litigation (report_id varchar, proceeding varchar, result varchar, "
                "cases bigint)")
    for n, t in enumerate(truth):
        rid = f"r{n}"
        if t["status"] != "ok":
            con.execute("insert into marts.quarantine values (?, 'bad')", [t["source_path"]])
            continue
        con.execute("insert into marts.dim_report values (?, ?, ?, ?, ?, 'loaded', ?)",
                    [rid, t["source_path"], t["agency_name"], t["report_year"], t["template"],
                     0 if t["consistent"] is not False else 1])
        for c in t["cells"]:
            table = "fct_requests" if c["tbl"] == "requests" else "fct_review_litigation"
            con.execute(f"insert into marts.{table} values (?, ?, ?, ?)", [rid, c["row"], c["col"], c["value"]])
    con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("score") / "corpus"
    gen.generate(30, 3, out, workers=1)
    return out


def test_a_warehouse_holding_the_truth_scores_everything_right(corpus, tmp_path):
    truth = pq.read_table(gen.truth_path(corpus)).to_pylist()
    wh = tmp_path / "wh.duckdb"
    fake_warehouse(wh, truth)
    s = score(wh, [gen.truth_path(corpus)])
    assert s["numbers"] > 0 and s["numbers_right"] == s["numbers"]
    assert s["wrong"] == s["invented"] == s["missed"] == 0 and s["blanks_right"] == s["blanks"]
    r = s["reports"]
    assert r["in_dim_report"] == r["expected_loaded"] == r["template_right"] == r["agency_name_right"]
    assert r["quarantined_right"] == r["expected_quarantined"] and r["not_in_truth"] == 0


def test_each_kind_of_error_is_counted(corpus, tmp_path):
    truth = pq.read_table(gen.truth_path(corpus)).to_pylist()
    wh = tmp_path / "wh.duckdb"
    fake_warehouse(wh, truth)
    numbered = [t for t in truth if t["status"] == "ok" and t["template"] != "legacy"][0]
    rid = duckdb.connect(str(wh), read_only=True).execute(
        "select report_id from marts.dim_report where source_path = ?", [numbered["source_path"]]).fetchone()[0]
    con = duckdb.connect(str(wh))
    # wrong: a number changed; missed: a number dropped; invented: a number where the truth has none.
    con.execute("update marts.fct_requests set requests = requests + 1 where report_id = ? "
                "and outcome = 'received_new' and applicant_type = 'total'", [rid])
    con.execute("delete from marts.fct_requests where report_id = ? and outcome = 'granted' "
                "and applicant_type = 'natural_person'", [rid])
    con.execute("insert into marts.fct_requests values (?, 'other_handling', 'total', 5)"
                if numbered["template"] == "2021" else
                "insert into marts.fct_requests values (?, 'other_other', 'total', 5)", [rid])
    legacy = [t for t in truth if t["template"] == "legacy"][0]
    lid = con.execute("select report_id from marts.dim_report where source_path = ?",
                      [legacy["source_path"]]).fetchone()[0]
    con.execute("delete from marts.fct_review_litigation where report_id = ?", [lid])
    con.execute("insert into marts.fct_review_litigation values (?, 'administrative_review', 'total', 99)", [lid])
    con.close()
    s = score(wh, [gen.truth_path(corpus)])
    legacy_review = {c["row"]: c["value"] for c in legacy["cells"] if c["tbl"] == "review_litigation"}
    n_review_numbers = sum(v is not None for v in legacy_review.values())
    review_verdict = "invented" if legacy_review["administrative_review"] is None else "wrong"
    expect_missed = 1 + n_review_numbers - (legacy_review["administrative_review"] is not None)
    assert s["wrong"] == 1 + (review_verdict == "wrong")
    assert s["missed"] == expect_missed
    assert s["invented"] == (review_verdict == "invented")
    assert s["unasserted_numbers"] == 1  # the row the template does not have is not a truth cell


def test_override_truth_replaces_the_edited_reports(corpus, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    shutil.copy(gen.truth_path(corpus), gen.truth_path(copy))
    gen.write_manifest(copy, {"n": 30, "seed": 3, "generator_version": gen.GENERATOR_VERSION, "changed": []})
    old = pq.read_table(gen.truth_path(copy)).to_pylist()
    wh = tmp_path / "wh.duckdb"
    fake_warehouse(wh, old)  # the warehouse before the edit
    change_files(copy, 30, 3, share=0.1)
    before = score(wh, [gen.truth_path(copy)])
    after = score(wh, [gen.truth_path(copy), changed_truth_path(copy)])
    assert before["numbers_right"] == before["numbers"]
    assert after["wrong"] + after["missed"] + after["invented"] > 0


def test_measure_counts_the_whole_process_tree(tmp_path):
    # A child that starts a grandchild holding ~200 MB: only a tree-wide poll sees it.
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "\"b = bytearray(200 * 2**20); import time; time.sleep(0.6)\"], check=True)")
    r = measure([sys.executable, "-c", code], tmp_path / "log.txt")
    assert r["exit_code"] == 0
    assert r["peak_rss_mb"] >= 180
    assert r["maxrss_single_process_mb"] >= 180
