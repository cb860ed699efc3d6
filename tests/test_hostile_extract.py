"""Readers refuse what would exhaust or cut them, before doing the work, with the true reason.

Each hostile file is extracted in a real worker process under a 300 MB memory allowance and a
20 s limit: a reader that started expanding a merged-cell bomb would hit the cap (and be
reported as such), so the merged-cell reason proves the decision came first."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import hostile
from conftest import CORPUS
from pipeline.extract import extract
from pipeline.model import Unreadable
from pipeline.parse import parse_document
from pipeline.warehouse import scan as scanning
from pipeline.warehouse.pool import Workers
from pipeline.tasks import extract_file

REPORT = (CORPUS / "haidong-jiguanshiwu_2019.txt").read_text(encoding="utf-8")


def _extract_bounded(tmp_path: Path, name: str, data: bytes) -> tuple[dict, float]:
    (tmp_path / name).write_bytes(data)
    started = time.monotonic()
    with Workers(1, timeout=20, memory_mb=300) as pool:
        (rec,), = pool.map_windows(extract_file, iter([[(str(tmp_path), name, "x", len(data), 10**9)]]),
                                   on_crash=lambda a: {"reason": "crashed"},
                                   on_limit=lambda a, why: {"status": "quarantined", "reason": why})
    return rec, time.monotonic() - started


@pytest.mark.parametrize("name, data, reason", [
    ("gridspan.docx", hostile.gridspan_bomb_docx(), "DOCX table expands to 80,000,000 cells"),
    ("spans.html", hostile.span_bomb_html(), "HTML table expands to 2,001,000,000 cells"),
])
def test_merged_cell_bombs_are_refused_before_they_are_expanded(tmp_path: Path, name, data, reason):
    assert len(data) < 100_000
    rec, seconds = _extract_bounded(tmp_path, name, data)
    assert rec["status"] == "quarantined" and reason in rec["reason"] and "merged cells" in rec["reason"]
    assert seconds < 10


def test_many_small_tables_share_one_document_budget():
    table = "<table>" + "<tr><td colspan='1000'>1</td><td>2</td></tr>" * 150 + "</table>"  # 150,150 cells each
    page = f"<html><body><p>政府信息公开工作年度报告</p>{table * 14}</body></html>".encode()
    with pytest.raises(Unreadable, match="more than 2,000,000 cells in all"):
        extract("many.html", page)


def test_a_report_nested_300_deep_is_read_whole():
    flat = parse_document(extract("flat.html", hostile.nested_html(REPORT, 0)))
    deep = parse_document(extract("deep.html", hostile.nested_html(REPORT, 300)))
    assert len(flat.facts) == 198  # the same report as text gives 198 facts
    assert [(f.table, f.row, f.col, f.value) for f in deep.facts] == [(f.table, f.row, f.col, f.value) for f in flat.facts]


@pytest.mark.parametrize("depth, reason", [
    (600, "nested more than 512 deep"),
    (3000, "nested deeper than the parser's limit"),
    (100_000, "nested deeper than the parser's limit"),
])
def test_nesting_past_the_limits_is_quarantined_for_its_depth(tmp_path: Path, depth, reason):
    rec, seconds = _extract_bounded(tmp_path, f"deep-{depth}.html", hostile.nested_html(REPORT, depth))
    assert rec["status"] == "quarantined" and reason in rec["reason"], rec["reason"]
    assert seconds < 10


def test_docx_past_the_xml_parser_limits_says_so_not_damaged():
    body = "<w:tbl><w:tr><w:tc>" * 120 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 120  # 360 levels
    with pytest.raises(Unreadable, match="XML parser's safety limits"):
        extract("deep.docx", hostile.docx(body))


def test_links_are_listed_with_a_reason_and_never_read(tmp_path: Path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    (raw / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (raw / "sub" / "real.txt").write_text("报告")
    (raw / "to-file.txt").symlink_to(outside / "secret.txt")
    (raw / "to-folder").symlink_to(outside)
    (raw / "inside-link.txt").symlink_to(raw / "sub" / "real.txt")  # even inside: a link is not a file
    (raw / "dangling.txt").symlink_to(tmp_path / "nowhere")
    frame = scanning.scan(raw)
    rows = {r["source_path"]: r for r in frame.iter_rows(named=True)}
    assert set(rows) == {"sub/real.txt", "to-file.txt", "to-folder", "inside-link.txt", "dangling.txt"}
    assert rows["sub/real.txt"]["problem"] is None and rows["sub/real.txt"]["sha256"]
    assert "symbolic link to a file" in rows["to-file.txt"]["problem"]
    assert "symbolic link to a folder" in rows["to-folder"]["problem"]
    assert "symbolic link to a file" in rows["inside-link.txt"]["problem"]
    assert "symbolic link to nothing" in rows["dangling.txt"]["problem"]
    assert all(rows[p]["sha256"] is None for p in rows if p != "sub/real.txt")  # not even hashed


def test_a_file_swapped_for_a_link_after_the_scan_is_not_followed(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("政府信息公开工作年度报告\n" * 10, encoding="utf-8")
    (raw / "sub" / "real.txt").write_text("政府信息公开工作年度报告\n" * 10, encoding="utf-8")
    (raw / "report.txt").symlink_to(tmp_path / "secret.txt")
    rec = extract_file(str(raw), "report.txt", "x", 10, 10**9)
    assert rec["status"] == "quarantined" and "outside the raw folder" in rec["reason"] and rec["content"] is None
    (raw / "inside.txt").symlink_to(raw / "sub" / "real.txt")
    rec = extract_file(str(raw), "inside.txt", "x", 10, 10**9)
    assert rec["status"] == "quarantined" and "symbolic link" in rec["reason"] and rec["content"] is None
    (raw / "dir").symlink_to(tmp_path)  # a folder on the way out
    rec = extract_file(str(raw), "dir/secret.txt", "x", 10, 10**9)
    assert rec["status"] == "quarantined" and "outside the raw folder" in rec["reason"]
