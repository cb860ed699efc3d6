"""The analytics views over a small warehouse with hand-computed numbers (tests/fixtures/analytics).

Staging rows are inserted directly, then the marts and views are built the way the pipeline builds
them; every expected number below was worked out by hand from the fixture files.
"""
from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.codes import TABLE_CODES
from pipeline.warehouse.sqlfiles import SQL_DIR, apply_ddl, models, run_models

FIXTURES = Path(__file__).parent / "fixtures" / "analytics"
APPLICANT_COLUMNS = ("natural_person", "enterprise", "research_institution", "nonprofit", "legal_service",
                     "other_org", "total")
RESULT_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
ANALYTICS_VIEWS = sorted(p.stem for p in (SQL_DIR / "analytics").glob("*.sql"))


def _rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _blank(value: str) -> str | None:
    return value or None


def _facts(name: str, table: str, key: str, columns: tuple[str, ...]) -> list[tuple]:
    """Fixture lines to stg_facts rows: an empty field is no cell, 'null' a blank cell."""
    out = []
    for line_no, row in enumerate(_rows(name), start=2):
        for col in columns:
            text = row[col]
            if text == "":
                continue
            value = None if text == "null" else float(text)
            out.append((row["report_id"], table, row[key], col, value, None, text, line_no, None, "table", None))
    return out


def load_fixture_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the staging tables from tests/fixtures/analytics and build marts and analytics."""
    apply_ddl(con)
    now = datetime(2025, 1, 1)
    con.executemany(
        "insert into staging.stg_reports (report_id, source_path, sha256, parser_version, format, template, "
        "parse_status, agency_name, agency_key, agency_level, agency_sector, region_code, report_year, parsed_at) "
        "values (?, ?, ?, 'test', 'text', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r["report_id"], r["source_path"], r["report_id"], _blank(r["template"]), r["parse_status"],
          _blank(r["agency_name"]), _blank(r["agency_key"]), _blank(r["agency_level"]), _blank(r["agency_sector"]),
          _blank(r["region_code"]), int(r["report_year"]) if r["report_year"] else None, now)
         for r in _rows("reports.csv")],
    )
    facts = (_facts("requests.csv", "requests", "outcome", APPLICANT_COLUMNS)
             + _facts("review.csv", "review_litigation", "proceeding", RESULT_COLUMNS))
    con.executemany("insert into staging.stg_facts (report_id, table_name, row_code, col_code, value, unit, raw_text, source_line, "
                    "source_page, method, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
    con.executemany(
        "insert into staging.stg_checks (report_id, table_name, check_name, scope, lhs, rhs, status, detail) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [(r["report_id"], r["table_name"], r["check_name"], r["scope"], _num(r["lhs"]), _num(r["rhs"]),
          r["status"], r["detail"]) for r in _rows("checks.csv")],
    )
    regions = _rows("regions.csv")
    con.executemany(
        f"insert into staging.stg_regions ({', '.join(regions[0])}) values ({', '.join('?' * len(regions[0]))})",
        [tuple(_blank(v) for v in r.values()) for r in regions],
    )
    con.executemany(
        "insert into staging.stg_codes (table_name, axis, code, label_zh, sort_order) values (?, ?, ?, ?, ?)",
        [(table, axis, code, label, i)
         for table, axes in TABLE_CODES.items()
         for axis, codes in zip(("row", "col"), axes)
         for i, (code, label) in enumerate(codes.items(), start=1)],
    )
    run_models(con)


def _num(text: str) -> float | None:
    return float(text) if text else None


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    load_fixture_warehouse(con)
    yield con
    con.close()


def q(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_every_analytics_file_is_a_view_that_reads_something():
    keys = {m.key: m for m in models()}
    assert ANALYTICS_VIEWS
    for name in ANALYTICS_VIEWS:
        model = keys[f"analytics.{name}"]
        assert model.depends, f"{name} has no -- depends: header"
        assert f"create or replace view analytics.{name} as" in model.sql


def test_every_view_and_column_has_a_comment(con):
    views = q(con, "select view_name, comment from duckdb_views() where schema_name = 'analytics' order by 1")
    assert [v for v, _ in views] == ANALYTICS_VIEWS
    assert all(c and len(c) > 40 and "Grain:" in c for _, c in views), views
    missing = q(con, "select table_name, column_name from duckdb_columns() "
                     "where schema_name = 'analytics' and (comment is null or comment = '')")
    assert missing == []


def test_counts_are_bigint_and_rates_double(con):
    """Sums of BIGINT come out as HUGEINT unless cast: keep the public types plain."""
    types = q(con, "select distinct data_type from duckdb_columns() where schema_name = 'analytics'")
    assert {t for t, in types} <= {"VARCHAR", "BIGINT", "INTEGER", "DOUBLE", "BOOLEAN", "VARCHAR[]"}


def test_views_depend_on_what_they_read():
    """The -- depends: header names every object the view selects from (the asset graph relies on it)."""
    for m in models():
        if m.schema != "analytics":
            continue
        body = re.sub(r"--[^\n]*", "", m.sql)
        body = body[body.index("create or replace view"):].split(";", 1)[0]
        read = set(re.findall(r"\b(?:from|join)\s+((?:marts|analytics|staging|raw)\.\w+)", body))
        assert read == set(m.depends), f"{m.key}: reads {sorted(read)}, declares {sorted(m.depends)}"


def test_report_requests_folds_templates_into_comparable_buckets(con):
    rows = q(con, """
        select report_id, is_primary, received_new, carried_over, granted, partially_granted, withheld, unavailable,
               rejected, other, other_source, handled_total, carried_forward, disclosure_rate, mix_complete
        from analytics.report_requests order by report_id""")
    assert rows == [
        # legacy prose: a withheld count without reasons (withheld_unspecified) is the withheld bucket
        ("a2018", True, 5, None, None, None, 1, None, None, None, None, None, None, None, False),
        ("a2019", True, 10, 0, 4, 2, 1, 1, 1, 0, "other_handling", 9, 1, 0.6667, True),
        ("a2020", True, 20, 1, 10, 2, 2, 2, 1, 1, "other_handling", 18, 3, 0.6667, True),
        ("a2021", True, 30, 2, 12, 3, 5, 4, 0, 3, "other_sub_rows", 27, 5, 0.5556, True),
        # a blank （六）其他处理 cell: other unknown, the mix incomplete, the disclosure rate still known
        ("b2019", True, 40, 0, 20, 5, 3, 6, 2, None, None, 36, 4, 0.6944, False),
        ("b2021", True, 50, 4, 30, 10, 0, 5, 0, 1, "other_sub_rows", 46, 8, 0.8696, True),
        # the partial mirror copy of b2021 is not counted
        ("b2021m", False, 999, None, None, None, None, None, None, None, None, None, None, None, False),
        ("c2017", True, 3, None, None, None, None, None, None, None, None, None, None, None, False),
        ("c2018", True, 0, None, None, None, None, None, None, None, None, None, None, None, False),
        ("d2021", True, 7, None, None, None, None, None, None, None, None, None, None, None, False),
        ("e2020", True, 12, None, None, None, None, None, None, None, None, None, None, None, False),
        ("e2021", True, 2, None, None, None, None, None, None, None, None, None, None, None, False),
    ]
    names = q(con, "select distinct agency_name_latest, agency_sector, region_code from analytics.report_requests "
                   "where report_id like 'a%'")
    assert names == [("淮安市洪泽区人民政府", "人民政府", "320813")]  # one agency across its name variants


COLS = ("n_reports, n_agencies, n_legacy_reports, received_new, received_new_reports, carried_over, "
        "carried_over_reports, handled_total, handled_total_reports, carried_forward, carried_forward_reports, "
        "disclosure_rate, disclosure_rate_reports")


def test_requests_by_region_at_every_level_and_sector(con):
    country_2021 = q(con, f"""
        select agency_sector, {COLS} from analytics.requests_by_region
        where report_year = 2021 and region_level = 'country' order by agency_sector""")
    assert sorted(country_2021, key=str) == sorted([
        # the mirror copy (999) is not added; D has no agency and no region: country only
        ("all", 4, 3, 0, 89, 4, 6, 2, 73, 2, 13, 2, 0.7534, 2),
        ("人民政府", 1, 1, 0, 30, 1, 2, 1, 27, 1, 5, 1, 0.5556, 1),
        ("公安", 1, 1, 0, 50, 1, 4, 1, 46, 1, 8, 1, 0.8696, 1),
        ("机关事务", 1, 1, 0, 2, 1, None, 0, None, 0, None, 0, None, 0),
        (None, 1, 0, 0, 7, 1, None, 0, None, 0, None, 0, None, 0),
    ], key=str)
    regions_2021 = q(con, f"""
        select region_level, region_code, region_name, province_name, {COLS} from analytics.requests_by_region
        where report_year = 2021 and region_level <> 'country' and agency_sector = 'all'""")
    jiangsu = (2, 2, 0, 80, 2, 6, 2, 73, 2, 13, 2, 0.7534, 2)
    taian = (1, 1, 0, 2, 1, None, 0, None, 0, None, 0, None, 0)
    assert regions_2021 == [
        ("province", "320000", "江苏省", "江苏省", *jiangsu),
        ("province", "370000", "山东省", "山东省", *taian),
        ("prefecture", "320800", "淮安市", "江苏省", *jiangsu),
        ("prefecture", "370900", "泰安市", "山东省", *taian),
        ("county", "320813", "洪泽区", "江苏省", 1, 1, 0, 30, 1, 2, 1, 27, 1, 5, 1, 0.5556, 1),
    ]
    assert q(con, "select count(*) from analytics.requests_by_region where report_year = 2021") == [(17,)]
    # legacy year: totals only, and the statement of absence (0 requests) counts as a known 0
    assert q(con, f"""select {COLS} from analytics.requests_by_region
                      where report_year = 2018 and region_level = 'country' and agency_sector = 'all'""") == [
        (2, 2, 2, 5, 2, None, 0, None, 0, None, 0, None, 0)
    ]
    # a provincial department is in its province, not in any prefecture
    assert q(con, """select region_level, region_code, received_new from analytics.requests_by_region
                     where report_year = 2017 and agency_sector = 'all' order by region_level""") == [
        ("country", None, 3), ("province", "370000", 3)]


def test_outcome_mix_compares_like_with_like(con):
    groups = q(con, """
        select report_year, outcome_group, sum(requests), sum(share), any_value(handled_total),
               any_value(n_reports), any_value(n_reports_year), count(*)
        from analytics.outcome_mix group by all order by report_year, outcome_group""")
    assert [(y, g, n, round(s, 4), h, r, ry, c) for y, g, n, s, h, r, ry, c in groups] == [
        # 2019: only A (B's blank other cell leaves its mix incomplete); A's other is the 2019 single row
        (2019, "granted", 4, 0.4444, 9, 1, 2, 1),
        (2019, "other", 0, 0.0, 9, 1, 2, 1),
        (2019, "partially_granted", 2, 0.2222, 9, 1, 2, 1),
        (2019, "rejected", 1, 0.1111, 9, 1, 2, 5),
        (2019, "unavailable", 1, 0.1111, 9, 1, 2, 3),
        (2019, "withheld", 1, 0.1111, 9, 1, 2, 8),
        (2020, "granted", 10, 0.5556, 18, 1, 2, 1),
        (2020, "other", 1, 0.0556, 18, 1, 2, 1),
        (2020, "partially_granted", 2, 0.1111, 18, 1, 2, 1),
        (2020, "rejected", 1, 0.0556, 18, 1, 2, 5),
        (2020, "unavailable", 2, 0.1111, 18, 1, 2, 3),
        (2020, "withheld", 2, 0.1111, 18, 1, 2, 8),
        # 2021: A and B; other = the sum of the three 2021 sub-rows (A 1+0+2, B 0+0+1)
        (2021, "granted", 42, 0.5753, 73, 2, 4, 1),
        (2021, "other", 4, 0.0548, 73, 2, 4, 1),
        (2021, "partially_granted", 13, 0.1781, 73, 2, 4, 1),
        (2021, "rejected", 0, 0.0, 73, 2, 4, 5),
        (2021, "unavailable", 9, 0.1233, 73, 2, 4, 3),
        (2021, "withheld", 5, 0.0685, 73, 2, 4, 8),
    ]
    rows_2021 = q(con, "select outcome, requests, share from analytics.outcome_mix "
                       "where report_year = 2021 and requests > 0")
    assert rows_2021 == [  # in the printed table's order
        ("granted", 42, 0.5753), ("partially_granted", 13, 0.1781), ("withheld_process_info", 5, 0.0685),
        ("unavailable_not_held", 9, 0.1233), ("other", 4, 0.0548),
    ]
    assert q(con, "select count(*) from analytics.outcome_mix where outcome like 'other_%'") == [(0,)]


def test_disclosure_rate_by_year(con):
    assert q(con, "select * from analytics.disclosure_rate_by_year") == [
        (2017, 1, 3, 1, 0, None, None, None, None, None),
        (2018, 2, 5, 2, 0, None, None, None, None, None),
        (2019, 2, 50, 2, 2, 24, 7, 45, 0.6889, 0.6806),
        (2020, 2, 32, 2, 1, 10, 2, 18, 0.6667, 0.6667),
        (2021, 4, 89, 4, 2, 42, 13, 73, 0.7534, 0.7126),
    ]


def test_applicant_mix(con):
    rows = q(con, "select report_year, applicant_group, applicant_type, requests, received_new, share, n_reports, "
                  "n_reports_year from analytics.applicant_mix")
    assert rows == [
        (2019, "natural_person", "natural_person", 38, 50, 0.76, 2, 2),
        (2019, "organisation", "enterprise", 7, 50, 0.14, 2, 2),
        (2019, "organisation", "research_institution", 1, 50, 0.02, 2, 2),
        (2019, "organisation", "nonprofit", 1, 50, 0.02, 2, 2),
        (2019, "organisation", "legal_service", 2, 50, 0.04, 2, 2),
        (2019, "organisation", "other_org", 1, 50, 0.02, 2, 2),
        (2020, "natural_person", "natural_person", 15, 20, 0.75, 1, 2),
        (2020, "organisation", "enterprise", 3, 20, 0.15, 1, 2),
        (2020, "organisation", "research_institution", 1, 20, 0.05, 1, 2),
        (2020, "organisation", "nonprofit", 0, 20, 0.0, 1, 2),
        (2020, "organisation", "legal_service", 1, 20, 0.05, 1, 2),
        (2020, "organisation", "other_org", 0, 20, 0.0, 1, 2),
        # B 2021 has a blank 商业企业 cell: left out whole, not counted as 0
        (2021, "natural_person", "natural_person", 25, 30, 0.8333, 1, 4),
        (2021, "organisation", "enterprise", 4, 30, 0.1333, 1, 4),
        (2021, "organisation", "research_institution", 0, 30, 0.0, 1, 4),
        (2021, "organisation", "nonprofit", 0, 30, 0.0, 1, 4),
        (2021, "organisation", "legal_service", 1, 30, 0.0333, 1, 4),
        (2021, "organisation", "other_org", 0, 30, 0.0, 1, 4),
    ]


def test_review_litigation_by_year(con):
    rows = q(con, "select * from analytics.review_litigation_by_year")
    zero_legacy = (1, 0, 0, None, None, None, None, None, 0, None, None)
    assert rows == [
        # legacy: totals only, so cases are known but there is no correction rate
        (2017, "administrative_review", *zero_legacy),
        (2017, "litigation_direct", *zero_legacy),
        (2017, "litigation_after_review", *zero_legacy),
        (2017, "all", *zero_legacy),
        # legacy litigation not split by review: litigation_unspecified stands for both litigation rows
        (2018, "administrative_review", *zero_legacy),
        (2018, "litigation_unspecified", 1, 1, 0, None, None, None, None, None, 0, None, None),
        (2018, "all", 1, 1, 0, None, None, None, None, None, 0, None, None),
        (2019, "administrative_review", 1, 2, 1, 1, 1, 0, 0, 0.5, 1, 9, 0.2222),
        (2019, "litigation_direct", 1, 0, 1, 0, 0, 0, 0, None, 1, 9, 0.0),
        (2019, "litigation_after_review", 1, 0, 1, 0, 0, 0, 0, None, 1, 9, 0.0),
        (2019, "all", 1, 2, 1, 1, 1, 0, 0, 0.5, 1, 9, 0.2222),
        (2020, "administrative_review", 1, 4, 1, 2, 0, 1, 1, 0.0, 1, 18, 0.2222),
        (2020, "litigation_direct", 1, 1, 1, 1, 0, 0, 0, 0.0, 1, 18, 0.0556),
        (2020, "litigation_after_review", 1, 0, 1, 0, 0, 0, 0, None, 1, 18, 0.0),
        (2020, "all", 1, 5, 1, 3, 0, 1, 1, 0.0, 1, 18, 0.2778),
        # A 2021 prints 总计 0 over results adding to 4: the results count; its blank 复议后起诉 row
        # keeps it out of that proceeding and out of 'all'
        (2021, "administrative_review", 2, 9, 2, 5, 3, 0, 1, 0.375, 2, 73, 0.1233),
        (2021, "litigation_direct", 2, 1, 2, 0, 1, 0, 0, 1.0, 2, 73, 0.0137),
        (2021, "litigation_after_review", 1, 0, 1, 0, 0, 0, 0, None, 1, 46, 0.0),
        (2021, "all", 1, 6, 1, 2, 3, 0, 1, 0.6, 1, 46, 0.1304),
    ]


def test_agency_yoy_and_largest_movers(con):
    rows = q(con, """
        select agency_name_latest, report_year, previous_template, template, previous_received_new, received_new,
               received_new_change, received_new_change_pct, previous_disclosure_rate, disclosure_rate,
               disclosure_rate_change, mover_rank
        from analytics.agency_yoy order by report_year, agency_name_latest""")
    assert rows == [
        ("山东省机关事务管理局", 2018, "legacy", "legacy", 3, 0, -3, -1.0, None, None, None, 1),
        ("淮安市洪泽区人民政府", 2019, "legacy", "2019", 5, 10, 5, 1.0, None, 0.6667, None, 1),
        ("淮安市洪泽区人民政府", 2020, "2019", "2019", 10, 20, 10, 1.0, 0.6667, 0.6667, 0.0, 1),
        # a tie: +10 and -10 share rank 1
        ("泰安市机关事务管理局", 2021, "2019", "2021", 12, 2, -10, -0.8333, None, None, None, 1),
        ("淮安市洪泽区人民政府", 2021, "2019", "2021", 20, 30, 10, 0.5, 0.6667, 0.5556, -0.1111, 1),
    ]
    # B reported in 2019 and 2021 only: no pair across the gap
    assert q(con, "select count(*) from analytics.agency_yoy where agency_name_latest = '淮安市公安局'") == [(0,)]


def test_carry_over_check_finds_the_broken_carry_over(con):
    rows = q(con, """
        select agency_name_latest, report_year, previous_carried_forward, carried_over, difference, status
        from analytics.carry_over_check order by report_year, agency_name_latest""")
    assert rows == [
        ("山东省机关事务管理局", 2018, None, None, None, "unknown"),
        ("淮安市洪泽区人民政府", 2019, None, 0, None, "unknown"),  # legacy 2018 gives no carried_forward
        ("淮安市洪泽区人民政府", 2020, 1, 1, 0, "consistent"),
        ("泰安市机关事务管理局", 2021, None, None, None, "unknown"),
        ("淮安市洪泽区人民政府", 2021, 3, 2, -1, "inconsistent"),
    ]


def test_arithmetic_failures(con):
    rows = q(con, "select report_id, agency_name_latest, report_year, n_source_errors, n_parse_errors, failures "
                  "from analytics.arithmetic_failures")
    assert rows == [
        ("b2019", "淮安市公安局", 2019, 0, 1, ["requests.applicants_sum[granted]: 20.0 vs 19.0 (parse_error)"]),
        ("a2021", "淮安市洪泽区人民政府", 2021, 1, 0,
         ["review_litigation.results_sum[administrative_review]: 0.0 vs 4.0 (source_error)"]),
    ]


def test_coverage_lists_gaps_and_missing_years(con):
    rows = q(con, "select agency_name_latest, report_year, n_reports, report_id, template, status "
                  "from analytics.coverage order by agency_name_latest, report_year")
    assert sorted(rows, key=str) == sorted([
        ("淮安市洪泽区人民政府", 2018, 1, "a2018", "legacy", "reported"),
        ("淮安市洪泽区人民政府", 2019, 1, "a2019", "2019", "reported"),
        ("淮安市洪泽区人民政府", 2020, 1, "a2020", "2019", "reported"),
        ("淮安市洪泽区人民政府", 2021, 1, "a2021", "2021", "reported"),
        ("淮安市公安局", 2019, 1, "b2019", "2019", "reported"),
        ("淮安市公安局", 2020, 0, None, None, "missing_gap"),
        ("淮安市公安局", 2021, 2, "b2021", "2021", "reported"),
        ("山东省机关事务管理局", 2017, 1, "c2017", "legacy", "reported"),
        ("山东省机关事务管理局", 2018, 1, "c2018", "legacy", "reported"),
        ("山东省机关事务管理局", 2019, 0, None, None, "missing_after_last"),
        ("山东省机关事务管理局", 2020, 0, None, None, "missing_after_last"),
        ("山东省机关事务管理局", 2021, 0, None, None, "missing_after_last"),
        ("泰安市机关事务管理局", 2020, 1, "e2020", "2019", "reported"),
        ("泰安市机关事务管理局", 2021, 1, "e2021", "2021", "reported"),
    ], key=str)
    assert q(con, "select distinct latest_year from analytics.coverage") == [(2021,)]


def test_views_are_empty_not_broken_on_an_empty_warehouse():
    con = duckdb.connect()
    apply_ddl(con)
    run_models(con)
    for name in ANALYTICS_VIEWS:
        assert q(con, f"select count(*) from analytics.{name}") == [(0,)]


# ------------------------------------------------------------------ research: per-report view, names, codes
def test_reports_view_has_a_row_per_file_with_region_names_and_headline_numbers(con):
    # every report of dim_report plus the quarantined file: nothing left out silently
    assert q(con, "select count(*) from analytics.reports") == [(len(_rows("reports.csv")),)]
    rows = {r[0]: r[1:] for r in q(con, """
        select report_id, agency_name, agency_name_latest, region_name, province_name, prefecture_name,
               county_name, received_new, granted, handled_total, share_granted, disclosure_rate,
               reviews, lawsuits, check_status, parse_status
        from analytics.reports""")}
    # a2018 prints the short name; the latest name comes from a2021
    assert rows["a2018"][:7] == ("洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区", "江苏省", "淮安市", "洪泽区", 5)
    # a2019: granted 4 of 9 handled, disclosure (4 + 2) / 9
    assert rows["a2019"][7:11] == (4, 9, 0.4444, 0.6667)
    # a2021 prints a review 总计 of 0 over results adding up to 4: the results count, and it is a source error
    assert rows["a2021"][11] == 4 and rows["a2021"][13] == "source_error"
    assert rows["b2019"][13] == "parse_error"
    assert rows["q1"][-1] == "quarantined" and rows["q1"][6] is None
    # unresolved region: names NULL, the report still listed
    assert rows["d2021"][2:6] == (None, None, None, None)


def test_reports_view_completeness_counts_cells_against_the_template(con):
    rows = {r[0]: r[1:] for r in q(con, """
        select report_id, cells_expected, cells_read, requests_share_read, review_share_read
        from analytics.reports where report_id in ('a2018', 'a2021', 'q1')""")}
    assert rows["a2018"][0] is None  # legacy prose prints no tables
    expected, read, requests_share, review_share = rows["a2021"]
    # 2021 with the three （六） sub-rows: 25 x 7 + 15 + 10
    assert expected == 200
    n_requests = q(con, "select count(*) from marts.fct_requests where report_id = 'a2021'")[0][0]
    n_review = q(con, "select count(*) from marts.fct_review_litigation where report_id = 'a2021'")[0][0]
    assert read == n_requests + n_review
    assert requests_share == round(n_requests / 175, 4) and review_share == round(n_review / 15, 4)
    assert rows["q1"][:2] == (None, 0)


def test_agency_name_means_the_printed_name_wherever_it_appears(con):
    # a natural join on agency_name keeps every report: the name has one meaning everywhere
    n = q(con, "select count(*) from marts.dim_report")[0][0]
    for view in ("report_requests", "reports", "arithmetic_failures"):
        joined = q(con, f"select count(*) from analytics.{view} v join marts.dim_report r using (report_id, agency_name)")
        total = q(con, f"select count(*) from analytics.{view} where agency_name is not null and report_id in "
                       "(select report_id from marts.dim_report)")
        assert joined == total, view
    assert q(con, "select count(*) from analytics.report_requests join marts.dim_report using (report_id, agency_name)") \
        == [(n - 1,)]  # d2021 has no name: NULL never joins
    # the latest name has its own column, and no per-agency view calls it agency_name
    for view in ("agency_yoy", "carry_over_check", "coverage"):
        cols = [c for (c,) in q(con, "select column_name from duckdb_columns() where schema_name = 'analytics' "
                                     "and table_name = ?", [view])]
        assert "agency_name_latest" in cols and "agency_name" not in cols, view


def test_dim_code_gives_the_printed_path_and_finds_common_words(con):
    path = q(con, "select label_path from marts.dim_code where table_name = 'requests' and code = 'rejected_duplicate'")
    assert path == [("三、本年度办理结果 › （五）不予处理 › 2.重复申请",)]
    assert q(con, "select code from marts.dim_code where search_terms like '%信息不存在%'") == [("unavailable_not_held",)]
    assert q(con, "select code from marts.dim_code where table_name = 'review_litigation' "
                  "and search_terms like '%纠错%'") == [("corrected",)]
    other = q(con, "select label_path from marts.dim_code where code = 'other_unpaid_fee'")[0][0]
    assert other.startswith("三、本年度办理结果 › （六）其他处理 › 2.")
    assert q(con, "select count(*) from marts.dim_code where label_path is null or search_terms is null") == [(0,)]
