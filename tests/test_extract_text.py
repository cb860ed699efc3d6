"""Plain text: encodings are detected, not assumed; line numbers are what an editor shows."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.model import Unreadable

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
TEXTS = sorted(p.name for p in CORPUS.glob("*.txt"))


def _lines(doc):
    return [(ln.no, ln.text) for ln in doc.lines]


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("encoding, expected", [
    ("utf-8-sig", "utf-8"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("utf-16", "utf-16-le"),  # with BOM
    ("utf-16-le", "utf-16-le"),  # without BOM
    ("utf-16-be", "utf-16-be"),
])
def test_reencoded_report_yields_the_same_lines(name, encoding, expected):
    text = (CORPUS / name).read_bytes().decode("utf-8")
    if encoding == "gbk":  # GBK has no NBSP; a GBK copy of the report would hold a space there
        text = text.replace("\xa0", " ")
    original = extract(name, text.encode("utf-8"))
    assert original.encoding == "utf-8" and original.format == "text" and original.grids == []
    again = extract(name, text.encode(encoding))
    assert again.encoding == expected
    assert _lines(again) == _lines(original)


def test_every_line_is_kept_and_numbered_as_an_editor_shows_it():
    data = (CORPUS / "haidong-jiguanshiwu_2019.txt").read_bytes()
    doc = extract("x.txt", data)
    assert doc.lines[0].text == "" and doc.lines[1].text == ""  # leading blank lines count
    assert doc.lines[2].text.startswith("海东市")
    assert len(doc.lines) == data.count(b"\n") + (not data.endswith(b"\n"))


@pytest.mark.parametrize("raw, lines", [
    (b"a\r\nb\r\n", ["a", "b"]),
    (b"a\rb\r", ["a", "b"]),
    (b"a\n\nb", ["a", "", "b"]),
    (b"a\r\n\r\nb\n", ["a", "", "b"]),
    (b"a\r\r\nb", ["a", "", "b"]),  # '\r' then '\r\n': two breaks, as editors count them
    ("表\t1\x0c2\n".encode(), ["表\t1\x0c2"]),  # form feed is not a line break
])
def test_line_endings(raw, lines):
    doc = extract("t.txt", "政府信息公开\n".encode() + raw)
    assert [ln.text for ln in doc.lines[1:]] == lines


def test_tabs_and_blank_cells_survive():
    doc = extract("x.txt", (CORPUS / "haidong-jiguanshiwu_2019.txt").read_bytes())
    assert any(ln.text.count("\t") >= 6 and not ln.text.replace("\t", "").isdigit() for ln in doc.lines)


def test_markdown_is_text_with_its_own_format():
    md = "# 2023年政府信息公开工作年度报告\n\n| 项目 | 数量 |\n|---|---|\n| 申请 | 3 |\n"
    doc = extract("report.md", md.encode())
    assert doc.format == "markdown" and doc.grids == []
    assert extract("report.txt", md.encode()).format == "markdown"  # the table rule gives it away


@pytest.mark.parametrize("data, reason", [
    ("政府信息公开工作年度报告，全年收到申请3件。".encode("utf-8").decode("latin-1").encode("utf-8"), "mis-encoded"),
    ("政府信息公开工作年度报告，全年收到申请3件，其中予以公开2件，不予公开1件。".encode("utf-8").decode("gbk", "replace").encode("utf-8"), "mis-encoded"),
    ("政府信息公开锟斤拷锟斤拷锟斤拷年度报告".encode("utf-8"), "mis-encoded"),
])
def test_mis_encoded_text_is_refused(data, reason):
    with pytest.raises(Unreadable, match=reason):
        extract("bad.txt", data)


def test_big5_is_not_mistaken_for_gbk():
    text = "臺北市政府資訊公開年度報告：本年度共受理申請三件，均依法處理完畢。" * 3
    doc = extract("big5.txt", text.encode("big5"))
    assert doc.text() == text


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_file_cut_inside_a_character_is_quarantined_as_truncated(encoding):
    text = (CORPUS / "taian-jiguanshiwu_2010.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    k = next(i for i in range(len(text) // 2, len(text)) if not text[i].isascii())
    cut = len(text[:k].encode(encoding)) + 1  # one byte into a hanzi
    with pytest.raises(Unreadable, match="truncated file"):
        extract("cut.txt", data[:cut])
    assert extract("whole.txt", data).lines  # the whole file still reads
