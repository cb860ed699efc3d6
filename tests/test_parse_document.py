"""The orchestrator's own rules: what makes a file a report, and what is never loaded."""
from pathlib import Path

from pipeline.extract import extract
from pipeline.parse import parse_document

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
ROW = "\t2. 重复申请\t0\t0\t0\t0\t0\t0\t0"


def parse_text(text: str, name: str = "r.txt"):
    return parse_document(extract(name, text.encode("utf-8")))


def test_a_fractional_count_is_reported_and_its_cell_left_unknown():
    text = (CORPUS / "mudanjiang-jiguanshiwu_2018.txt").read_text(encoding="utf-8")
    report = parse_text(text.replace(ROW, "\t2. 重复申请\t2.5\t0\t0\t0\t0\t0\t2.5"))
    cells = {(f.row, f.col): f.value for f in report.facts if f.table == "requests"}
    assert ("rejected_duplicate", "natural_person") not in cells
    assert ("rejected_duplicate", "total") not in cells
    assert cells[("rejected_duplicate", "enterprise")] == 0
    assert report.status == "partial"
    assert {(i.kind, i.line, i.raw) for i in report.issues if i.kind == "non_integer_count"} == {
        ("non_integer_count", 55, "2.5")}


def test_text_without_report_wording_is_not_a_report():
    report = parse_text("今天天气很好，我们去公园散步，然后吃了一碗面。\n" * 30)
    assert report.status == "quarantined" and "not a disclosure report" in report.reason
    assert report.facts == []


def test_a_title_and_a_line_with_no_figures_is_a_cut_off_file_not_a_report():
    report = parse_text("某某县人民政府2014年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》，现公布")
    assert report.status == "quarantined" and "too little text" in report.reason


def test_a_short_report_that_states_its_figures_still_loads():
    report = parse_text("某某县人民政府2014年政府信息公开工作年度报告\n本年度没有收到政府信息公开申请。")
    assert report.status == "loaded"
    assert {(f.row, f.value) for f in report.facts if f.table == "requests"} == {("received_new", 0)}
