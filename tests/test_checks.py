"""The report's own arithmetic as data: pass, source error, parse error, repaired, incomplete."""
from __future__ import annotations

from pathlib import Path

from pipeline.codes import APPLICANTS, HANDLING_OUTCOMES
from pipeline.model import Document, Fact, Line
from pipeline.parse.arithmetic import run_checks
from pipeline.parse.tables import read_tables

TABLES = Path(__file__).parent / "fixtures" / "tables"


def read(name: str, template: str):
    text = (TABLES / name).read_text(encoding="utf-8")
    return read_tables(Document("t.txt", "text", [Line(i, t) for i, t in enumerate(text.split("\n"), 1)]), template)


def by(checks, name, scope):
    [c] = [c for c in checks if c.name == name and c.scope == scope]
    return c


def test_consistent_report_passes_every_identity():
    checks = run_checks(read("huaian_2024_tab.txt", "2021").facts, "2021")
    assert len(checks) == 7 * 2 + 25 + 3
    assert {c.status for c in checks} == {"pass"}
    c = by(checks, "balance", "total")
    assert (c.lhs, c.rhs) == (3119 + 34, 3050 + 103)


def test_source_inconsistency_kept_as_printed_and_called_a_source_error():
    facts = read("hongze_2023_tab.txt", "2021").facts
    checks = run_checks(facts, "2021")
    review = by(checks, "results_sum", "administrative_review")
    assert (review.status, review.lhs, review.rhs) == ("source_error", 0, 11)
    assert by(checks, "results_sum", "litigation_after_review").status == "source_error"
    assert by(checks, "results_sum", "litigation_direct").status == "pass"
    # table 三 of the same report holds, with the single （六）其他处理 row in the sum
    assert {c.status for c in checks if c.table == "requests"} == {"pass"}


def _table(rows: dict[str, list[float | None]], raw=None, line=None) -> list[Fact]:
    facts = []
    for i, (code, values) in enumerate(rows.items()):
        for col, v in zip(APPLICANTS, values):
            r = (raw or {}).get((code, col), "" if v is None else f"{v:g}")
            ln = (line or {}).get((code, col), i + 1)
            facts.append(Fact("requests", code, col, v, r, ln, None))
    return facts


def _consistent() -> dict[str, list[float | None]]:
    rows = {"received_new": [5, 1, 0, 0, 0, 0, 6], "carried_over": [0] * 7}
    for code in HANDLING_OUTCOMES:
        if code not in ("other_no_correction", "other_unpaid_fee", "other_other"):
            rows[code] = [0] * 7
    rows["granted"] = [5, 1, 0, 0, 0, 0, 6]
    rows["handled_total"] = [5, 1, 0, 0, 0, 0, 6]
    rows["carried_forward"] = [0] * 7
    return rows


def test_deliberately_broken_clean_cell_is_a_source_error():
    rows = _consistent()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 7]  # printed wrong total, read exactly
    checks = run_checks(_table(rows), "2019")
    assert by(checks, "applicants_sum", "granted").status == "source_error"
    assert by(checks, "outcomes_sum", "total").status == "source_error"
    assert by(checks, "balance", "total").status == "pass"


def test_broken_cell_with_extraction_damage_is_a_parse_error():
    rows = _consistent()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 51]
    checks = run_checks(_table(rows, raw={("granted", "total"): "5 1"}), "2019")
    assert by(checks, "applicants_sum", "granted").status == "parse_error"
    assert by(checks, "outcomes_sum", "total").status == "parse_error"


def test_row_put_together_across_a_page_break_is_suspect():
    rows = _consistent()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 9]
    checks = run_checks(_table(rows, line={("granted", "total"): 99}), "2019")
    assert by(checks, "applicants_sum", "granted").status == "parse_error"


def test_missing_rows_and_blank_cells_are_incomplete_not_inferred():
    rows = _consistent()
    del rows["granted"]
    rows["carried_over"] = [0, None, 0, 0, 0, 0, 0]
    checks = run_checks(_table(rows), "2019")
    assert by(checks, "outcomes_sum", "natural_person").status == "incomplete"
    assert by(checks, "balance", "enterprise").status == "incomplete"
    assert by(checks, "applicants_sum", "carried_over").status == "incomplete"
    assert by(checks, "balance", "natural_person").status == "pass"


def test_repaired_cells_that_hold_are_marked_repaired():
    facts = _table(_consistent())
    for f in facts:
        if f.row == "received_new":
            f.method, f.note = "repaired", "joined cells"
    checks = run_checks(facts, "2019")
    assert by(checks, "applicants_sum", "received_new").status == "repaired"
    assert by(checks, "balance", "total").status == "repaired"


def test_2021_sub_rows_replace_the_single_other_row_in_the_sum():
    rows = _consistent()
    del rows["other_handling"]
    rows["other_no_correction"] = [1, 0, 0, 0, 0, 0, 1]
    rows["other_unpaid_fee"] = [0] * 7
    rows["other_other"] = [0] * 7
    rows["received_new"] = [6, 1, 0, 0, 0, 0, 7]
    rows["handled_total"] = [6, 1, 0, 0, 0, 0, 7]
    checks = run_checks(_table(rows), "2021")
    assert {c.status for c in checks} == {"pass"}


def test_all_blank_table_is_incomplete_everywhere():
    checks = run_checks(read("haidong_2019_blank.txt", "2019").facts, "2019")
    assert checks and {c.status for c in checks} == {"incomplete"}


def test_prose_figures_are_not_checked():
    f = Fact("requests", "received_new", "total", 3, "收到申请3件", 4, None, method="prose")
    assert run_checks([f], "legacy") == []
