"""One declaration per table, rows built by name: every value lands in its own column, end to end.

A report is made with a distinct value in every field (no two numbers alike, so two fields of the
same type that trade places — source_line and source_page, cells_loaded and cells_blank — give a
wrong value somewhere), written through the worker's row builder, Arrow, the staging Parquet and
the merge into a real DuckDB work file, and read back column by column.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.model import Check, Document, Fact, Issue, Line, ParsedReport, ReportMeta, TableRead
from pipeline.tasks import report_id, staging_rows
from pipeline.warehouse.merge import merge_staging
from pipeline.warehouse.schema import PARTITION_TABLES, STAGING_TABLES, Columns, ddl, table
from pipeline.warehouse.staging_store import StagingStore
from pipeline.warehouse.workfile import open_work

EXTRACTED = datetime(2021, 3, 4, 5, 6, 7)
DOCUMENT = {
    "source_path": "省/某县报告.txt", "sha256": "ab" * 32, "extractor_version": "ev-7", "format": "text",
    "encoding": "gb18030", "pages": 41, "n_lines": 42, "n_grids": 43, "status": "ok", "reason": None,
    "content": b"\x01\x02", "limits": None, "extracted_at": EXTRACTED,
}


def _parsed() -> tuple[ParsedReport, Document]:
    meta = ReportMeta(agency_name="某县人民政府办公室", report_year=2020, publication_date=date(2021, 1, 29),
                      title="某县2020年政府信息公开工作年度报告", region_code="110101", agency_level="county",
                      agency_sector="人民政府", agency_key="某县人民政府办公室#key")
    parsed = ParsedReport(source_path=DOCUMENT["source_path"], template="2021", status="partial", meta=meta, reason="why-r")
    parsed.facts = [Fact(table="requests", row="received_new", col="natural_person", value=17.0, raw="十七",
                         line=11, page=22, unit="件", method="label", note="note-f", box=(1.5, 2.5, 3.5, 4.5))]
    parsed.issues = [Issue(kind="unplaced_row", message="msg-i", line=13, page=24, raw="raw-i")]
    parsed.checks = [Check(table="requests", name="balance", scope="total", lhs=101.0, rhs=102.0,
                           status="source_error", detail="detail-c")]
    parsed.reads = [TableRead(table="requests", cells_expected=175, cells_loaded=3, cells_blank=5, cells_unread=172,
                              status="partial", reason="reason-t")]
    doc = Document(source_path=DOCUMENT["source_path"], format="text",
                   lines=[Line(11, "line eleven", 31), Line(12, "not wanted", 32), Line(13, "line thirteen", 33)])
    return parsed, doc


EXPECTED = {
    "stg_reports": {
        "source_path": "省/某县报告.txt", "sha256": "ab" * 32, "parser_version": "pv-9", "extractor_version": "ev-7",
        "extracted_at": EXTRACTED, "format": "text", "template": "2021", "parse_status": "partial",
        "status_reason": "why-r", "agency_name": "某县人民政府办公室", "agency_key": "某县人民政府办公室#key",
        "agency_level": "county", "agency_sector": "人民政府", "region_code": "110101", "report_year": 2020,
        "publication_date": date(2021, 1, 29), "title": "某县2020年政府信息公开工作年度报告",
    },
    "stg_facts": {
        "table_name": "requests", "row_code": "received_new", "col_code": "natural_person", "value": 17.0,
        "unit": "件", "raw_text": "十七", "source_line": 11, "source_page": 22, "method": "label", "note": "note-f",
        "source_box": [1.5, 2.5, 3.5, 4.5],
    },
    "stg_issues": {"kind": "unplaced_row", "message": "msg-i", "source_line": 13, "source_page": 24, "raw_text": "raw-i"},
    "stg_checks": {"table_name": "requests", "check_name": "balance", "scope": "total", "lhs": 101.0, "rhs": 102.0,
                   "status": "source_error", "detail": "detail-c"},
    "stg_table_reads": {"table_name": "requests", "cells_expected": 175, "cells_loaded": 3, "cells_blank": 5,
                        "cells_unread": 172, "status": "partial", "reason": "reason-t"},
}


def test_every_column_of_every_staging_table_holds_its_own_value_end_to_end(tmp_path: Path):
    parsed, doc = _parsed()
    rows = staging_rows(DOCUMENT, "pv-9", parsed, doc)
    store = StagingStore(tmp_path / "staging")
    docs = Columns("documents")
    docs.add(**DOCUMENT)
    files = Columns("files")
    files.add(source_path=DOCUMENT["source_path"], sha256=DOCUMENT["sha256"], bytes=4444,
              modified_at=datetime(2021, 1, 1), scanned_at=datetime(2021, 2, 2), problem=None)
    store.commit("省", {"files": files.to_arrow(), "documents": docs.to_arrow(),
                       **{t: rows[t].to_arrow() for t in STAGING_TABLES}})
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    con = open_work(warehouse)
    try:
        merge_staging(con, store, tmp_path / "raw", "run-1")
        rid = report_id(DOCUMENT["source_path"])
        for name, want in EXPECTED.items():
            got = _one_row(con, f"staging.{name}")
            assert got.pop("report_id") == rid
            got.pop("parsed_at", None)
            assert got == want, name
        lines = con.execute("select line_no, page, text from staging.stg_source_lines order by 1").fetchall()
        assert lines == [(11, 31, "line eleven"), (13, 33, "line thirteen")]  # only lines a number or issue cites
        document = _one_row(con, "raw.documents")
        assert "content" not in document  # kept in the staging Parquet only
        assert document == {k: v for k, v in DOCUMENT.items() if k != "content"}
        assert _one_row(con, "raw.files") == {
            "source_path": DOCUMENT["source_path"], "sha256": DOCUMENT["sha256"], "bytes": 4444,
            "modified_at": datetime(2021, 1, 1), "scanned_at": datetime(2021, 2, 2), "problem": None}
    finally:
        con.close()
    assert store.read("省", "documents").column("content").to_pylist() == [b"\x01\x02"]


def _one_row(con, key: str) -> dict:
    cur = con.execute(f"select * from {key}")
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, (key, rows)
    return dict(zip(names, rows[0]))


def test_a_row_with_a_missing_or_unknown_name_is_refused():
    cols = Columns("stg_source_lines")
    with pytest.raises(KeyError, match="missing \\['text'\\]"):
        cols.add(report_id="r", line_no=1, page=2)
    with pytest.raises(KeyError, match="unknown \\['txt'\\]"):
        cols.add(report_id="r", line_no=1, page=2, text="t", txt="t")
    cols.add(report_id="r", line_no=1, page=2, text="t")
    assert cols.rows() == [{"report_id": "r", "line_no": 1, "page": 2, "text": "t"}]


def test_ddl_declares_every_partition_table_with_a_comment_per_column():
    sql = ddl()
    for name in PARTITION_TABLES:
        t = table(name)
        assert f"create table if not exists {t.key} (" in sql
        for c in t.duckdb_cols:
            assert f"comment on column {t.key}.{c.name} is " in sql
    assert "documents.content" not in sql  # Parquet only
