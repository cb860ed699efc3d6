"""Legacy Word (.doc, .wps) through LibreOffice, and spreadsheets (.xlsx, .ods, .xls) through
python-calamine, into the same table reader; bad files quarantined with their reason.

fixtures/office/report.doc is a Word 97 file we made (our own words and numbers: tables 三 and 四
of a township report) with `soffice --convert-to "doc:MS Word 97"` from HTML. A Kingsoft .wps is
the same Word 97 binary under another name, so the same bytes named .wps stand for one.
Workbooks are written here as the XML they are made of.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.extract import extract, sniff
from pipeline.extract.office import soffice
from pipeline.extract.sniff import ole_streams
from pipeline.model import Unreadable
from pipeline.parse import parse_document

DOC = Path(__file__).parent / "fixtures" / "office" / "report.doc"
needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
REVIEW = {("administrative_review", "upheld"): 4, ("administrative_review", "other"): 1,
          ("administrative_review", "total"): 5, ("litigation_direct", "corrected"): 2, ("litigation_direct", "total"): 2,
          ("litigation_after_review", "upheld"): 1, ("litigation_after_review", "pending"): 1,
          ("litigation_after_review", "total"): 2}


def test_ole_files_are_told_apart_by_their_streams():
    data = DOC.read_bytes()
    assert "WordDocument" in ole_streams(data)
    assert sniff("x.doc", data) == "doc"
    assert sniff("x.pdf", data) == "doc"  # the extension is not trusted
    assert sniff("x.wps", data) == "wps"  # only a .wps name tells Kingsoft's Word binary apart


@needs_libreoffice
@pytest.mark.parametrize("name, fmt", [("old/report.doc", "doc"), ("old/report.wps", "wps")])
def test_doc_and_wps_are_read_as_word_documents(name, fmt):
    doc = extract(name, DOC.read_bytes())
    assert doc.format == fmt
    assert doc.lines[0].text == "某某乡人民政府2022年政府信息公开工作年度报告"
    parsed = parse_document(doc)
    assert parsed.status == "loaded"
    got = {(f.row, f.col): f.value for f in parsed.facts if f.table == "review_litigation"}
    assert {k: v for k, v in got.items() if v} == REVIEW
    req = {(f.row, f.col): f.value for f in parsed.facts if f.table == "requests"}
    assert req[("received_new", "total")] == 11 and req[("carried_over", "natural_person")] == 1


def test_without_libreoffice_a_doc_is_quarantined_with_the_reason(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine where LibreOffice is not installed
    with pytest.raises(Unreadable, match=r"needs LibreOffice to read \.doc"):
        extract("report.doc", DOC.read_bytes())
    with pytest.raises(Unreadable, match=r"needs LibreOffice to read \.wps"):
        extract("report.wps", DOC.read_bytes())


@needs_libreoffice
def test_damaged_doc_is_quarantined_not_guessed():
    data = bytearray(DOC.read_bytes())
    # the directory survives (it names WordDocument), the text and its tables do not
    data[1024:9216] = bytes((i * 97 + 13) % 251 for i in range(8192))
    assert sniff("x.doc", bytes(data)) == "doc"
    with pytest.raises(Unreadable, match="LibreOffice"):
        extract("bad.doc", bytes(data))


# ------------------------------------------------------------------------------ spreadsheets
def _xlsx(rows: list[list[object]]) -> bytes:
    """A one-sheet workbook; strings inline, numbers as numbers."""
    def cell(r: int, c: int, v: object) -> str:
        ref = f"{chr(65 + c)}{r + 1}" if c < 26 else f"A{chr(65 + c - 26)}{r + 1}"
        if v is None:
            return ""
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'

    sheet = "".join(f'<row r="{r + 1}">{"".join(cell(r, c, v) for c, v in enumerate(row))}</row>'
                    for r, row in enumerate(rows))
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet}</sheetData></worksheet>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


SHEET = [
    ["某某街道办事处2023年政府信息公开工作年度报告（附表）"],
    ["三、收到和处理政府信息公开申请情况"],
    [None, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ["一、本年新收政府信息公开申请数量", 6, 1, 0, 0, 0, 0, 7],
    ["二、上年结转政府信息公开申请数量", 0, None, 0, 0, 0, 0, 0.0],
    ["备注", 2.5],
]


def test_xlsx_sheet_is_read_as_a_grid():
    data = _xlsx(SHEET)
    assert sniff("tables.xlsx", data) == "xlsx"
    doc = extract("tables.xlsx", data)
    assert doc.format == "xlsx"
    [grid] = doc.grids
    assert grid.origin == "sheet"
    rows = [[c.text for c in r] for r in grid.rows]
    assert rows[3] == ["一、本年新收政府信息公开申请数量", "6", "1", "0", "0", "0", "0", "7"]
    assert rows[4][2] == "" and rows[4][7] == "0"  # a blank stays blank; 0.0 is written 0
    assert rows[5][:2] == ["备注", "2.5"]
    cell = grid.rows[3][7]
    assert (cell.row, cell.col) == (3, 7)  # the sheet's own row and column
    assert doc.lines[cell.line - 1].text.endswith("\t7")
    req = {(f.row, f.col): f.value for f in parse_document(doc).facts if f.table == "requests"}
    assert req[("received_new", "total")] == 7 and req[("carried_over", "enterprise")] is None


def test_ods_is_routed_to_the_sheet_reader():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<broken")
    assert sniff("t.ods", buf.getvalue()) == "ods"
    with pytest.raises(Unreadable, match="OpenDocument spreadsheet"):
        extract("t.ods", buf.getvalue())


@pytest.mark.parametrize("damage", [
    lambda d: d[: len(d) // 2],  # truncated download
    lambda d: d.replace(b"<sheetData>", b"<sheetData><row"),  # stored member, broken XML
], ids=["truncated", "bad-xml"])
def test_damaged_workbook_is_quarantined_with_a_reason(damage):
    data = _xlsx(SHEET)
    if b"<sheetData>" not in data:  # deflated: rebuild with the member stored so it can be broken
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info.filename))
        data = buf.getvalue()
    with pytest.raises(Unreadable, match="Excel workbook"):
        extract("bad.xlsx", damage(data))


def test_xls_container_without_a_workbook_inside_is_quarantined():
    # An OLE2 directory naming a Workbook stream whose sectors hold nothing Excel can read.
    data = bytearray(DOC.read_bytes())
    at = data.find("WordDocument".encode("utf-16-le"))  # the directory entry: rename the stream
    name = "Workbook\0".encode("utf-16-le")
    data[at:at + 64] = name + bytes(64 - len(name))
    data[at + 64:at + 66] = len(name).to_bytes(2, "little")
    data = bytes(data)
    assert sniff("x.xls", data) == "xls"
    with pytest.raises(Unreadable, match="Excel 97-2003"):
        extract("x.xls", data)
