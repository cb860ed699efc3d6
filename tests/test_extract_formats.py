"""HTML, DOCX, format sniffing and the inputs that must be refused with a reason."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.extract import extract, sniff
from pipeline.model import Unreadable

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
HTML = FIXTURES / "extract"


def _texts(grid):
    return [[c.text for c in r] for r in grid.rows]


def _check_cells_point_at_row_lines(doc):
    by_no = {ln.no: ln.text for ln in doc.lines}
    for grid in doc.grids:
        for r, row in enumerate(grid.rows):
            assert len({c.line for c in row}) == 1
            assert by_no[row[0].line].split("\t") == [c.text.replace("\n", "") for c in row]
            assert [(c.row, c.col) for c in row] == [(r, k) for k in range(len(row))]


# ------------------------------------------------------------------------------------------ HTML
def test_gb2312_cms_page_body_tables_and_chrome():
    doc = extract("report.html", (HTML / "cms-page-gb2312.html").read_bytes())
    assert doc.format == "html" and doc.encoding == "gb18030"
    text = doc.text()
    assert doc.lines[0].text == "某某县人民政府2023年政府信息公开工作年度报告"
    for chrome in ("首页", "当前位置", "关闭", "打印", "Produced By", "版权所有", "分享到", "脚本", "隐藏"):
        assert chrome not in text, chrome
    assert "统计期限自2023年1月1日起至2023年12月31日止。" in text  # <br> ends a line
    [grid] = doc.grids  # the layout table around the body is not a grid
    rows = _texts(grid)
    assert all(len(r) == 10 for r in rows)
    assert rows[0][:4] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"]
    assert rows[1] == ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert rows[2][4:6] == ["商业\n企业", "科研\n机构"]
    assert rows[3][3:] == ["12", "3", "", "0", "0", "0", "15"]  # &nbsp; is blank
    assert rows[4][:2] == ["三、本年度办理结果", "（一）予以公开"]  # nested spans joined
    assert rows[5][:3] == ["", "（四）无法提供", "1.本机关不掌握相关政府信息"]
    assert rows[5][3] == "2"
    assert rows[6][:3] == ["", "", "2.没有现成信息需要另行制作"] and rows[6][5] == "/"
    _check_cells_point_at_row_lines(doc)


def test_gbk_page_without_charset_is_detected():
    page = (HTML / "cms-page-gb2312.html").read_bytes().replace(b"charset=gb2312", b"")
    doc = extract("report.htm", page)
    assert doc.encoding == "gb18030"
    assert doc.lines[0].text.startswith("某某县人民政府")


def test_word_export_html():
    doc = extract("report.htm", (HTML / "word-export.html").read_bytes())
    assert doc.encoding == "utf-8"
    assert doc.lines[0].text == "某某市统计局2022年政府信息公开工作年度报告"
    [grid] = doc.grids
    rows = _texts(grid)
    assert len(rows) == 4 and all(len(r) == 15 for r in rows)  # Word's spacer row is dropped
    assert rows[1][:2] == ["结果\n维持", "结果\n纠正"]  # <br> and two <p> both wrap
    assert rows[3] == ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "", "", "", "0", "0"]
    _check_cells_point_at_row_lines(doc)


# ------------------------------------------------------------------------------------------ DOCX
def test_blank_2021_template_docx():
    doc = extract("template.docx", (CORPUS / "template-2021-blank.docx").read_bytes())
    assert doc.format == "docx"
    assert [(len(g.rows), len(g.rows[0])) for g in doc.grids] == [(14, 4), (28, 10), (4, 15)]
    assert doc.lines[1].text == "政府信息公开工作年度报告格式模板"
    two, three, four = doc.grids
    assert all(c.text == "" for r in three.rows[3:] for c in r[3:])
    assert all(c.text == "" for c in four.rows[3])
    assert all(c.text in ("", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")
               or "第二十条" in c.text or "信息内容" in c.text or "本年" in c.text or "现行" in c.text
               for r in two.rows for c in r)
    assert [c.text.replace("\n", "") for c in three.rows[2][3:]] == ["", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    assert three.rows[5][0].text.replace("\n", "") == "三、本年度办理结果"
    assert three.rows[6][0].text == ""  # vertical merge continues: covered
    _check_cells_point_at_row_lines(doc)


def _docx_bytes(build) -> bytes:
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_merged_tables_in_order():
    def build(d):
        d.add_paragraph("某某镇2023年政府信息公开工作年度报告")
        t = d.add_table(rows=3, cols=4)
        t.cell(0, 0).merge(t.cell(0, 1)).text = "行政复议"
        t.cell(0, 2).merge(t.cell(0, 3)).text = "行政诉讼"
        t.cell(1, 0).merge(t.cell(2, 0)).text = "合计"
        t.cell(1, 1).text = "结果\n维持"
        for c, v in ((1, "2"), (2, "0"), (3, "\u3000")):
            t.cell(2, c).text = v
        d.add_paragraph("五、存在的主要问题及改进情况")

    doc = extract("made.docx", _docx_bytes(build))
    assert [ln.text for ln in doc.lines][0] == "某某镇2023年政府信息公开工作年度报告"
    assert doc.lines[-1].text == "五、存在的主要问题及改进情况"
    [grid] = doc.grids
    assert _texts(grid) == [
        ["行政复议", "", "行政诉讼", ""],
        ["合计", "结果\n维持", "", ""],
        ["", "2", "0", ""],  # U+3000 alone is blank
    ]
    _check_cells_point_at_row_lines(doc)


# --------------------------------------------------------------------------------- bad inputs
def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \r\n\t\n", "empty file"),
    (bytes(range(256)) * 8, "binary|mis-encoded"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported format: PNG image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "unsupported format: JPEG image"),
    (b"MZ\x90\x00" + b"\x00" * 64, "unsupported format: Windows executable"),
    (b"\x7fELF" + b"\x00" * 64, "unsupported format: ELF executable"),
    (b"Rar!\x1a\x07\x00" + b"\x00" * 64, "unsupported format: RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 64,
     "damaged or truncated OLE2"),  # names a stream, but has no directory to hold it
    (_zip({"readme.txt": b"hello", "data.csv": b"1,2"}), "unsupported format: zip archive"),
    (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "unreadable Excel workbook"),
])
def test_unsupported_and_empty_inputs(data, reason):
    with pytest.raises(Unreadable, match=reason):
        extract("report.pdf", data)  # the extension is not trusted


def test_truncated_docx():
    data = (CORPUS / "template-2021-blank.docx").read_bytes()
    with pytest.raises(Unreadable, match="damaged or truncated"):
        extract("cut.docx", data[: len(data) // 2])


def test_docx_with_corrupt_member():
    data = bytearray((CORPUS / "template-2021-blank.docx").read_bytes())
    at = data.find(b"word/document.xml") + 200  # somewhere inside the compressed XML
    data[at:at + 16] = b"\x00" * 16
    with pytest.raises(Unreadable, match="DOCX"):
        extract("bad.docx", bytes(data))


@pytest.mark.parametrize("name, data, fmt", [
    ("a.docx", b"%PDF-1.4\n", "pdf"),
    ("a.pdf", (CORPUS / "template-2021-blank.docx").read_bytes(), "docx"),
    ("a.doc", b"<html><body><p>x</p></body></html>", "html"),
    ("a.txt", b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
    ("a.html", "政府信息公开".encode("gbk"), "text"),
    ("a.md", b"# t", "markdown"),
])
def test_sniff_trusts_bytes_not_names(name, data, fmt):
    assert sniff(name, data) == fmt
