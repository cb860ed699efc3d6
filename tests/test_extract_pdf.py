"""PDF extraction against the real reports in the corpus and their gold values."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.model import Document, Grid, Unreadable

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
REAL_PDFS = ["hongze-qu_2023.pdf", "hongze-qu_2024.pdf", "huaian-shi_2024.pdf"]
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _extract(name: str) -> Document:
    return extract(name, (CORPUS / name).read_bytes())


def _gold(name: str) -> dict:
    return json.loads((FIXTURES / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))


def _grid_with(doc: Document, width: int, marker: str) -> Grid:
    found = [g for g in doc.grids if len(g.rows[0]) == width and any(marker in c.text for r in g.rows for c in r)]
    assert len(found) == 1, f"expected one {width}-column grid with {marker!r}"
    return found[0]


def _value(text: str) -> int | None:
    return int(text) if text else None


@pytest.fixture(scope="module", params=REAL_PDFS)
def pdf_case(request):
    return request.param, _extract(request.param), _gold(request.param)


def test_table_three_complete_and_exact(pdf_case):
    name, doc, gold = pdf_case
    grid = _grid_with(doc, 10, "自然人")
    data_rows = [r for r in grid.rows if all(NUMBER.match(c.text) or not c.text for c in r[3:])
                 and any(c.text for c in r[3:])]
    expected = [(code, v) for code, v in gold["requests"].items() if any(x is not None for x in v.values())]
    assert len(data_rows) == len(expected)
    for row, (code, values) in zip(data_rows, expected):
        got = [_value(c.text) for c in row[3:]]
        assert got == list(values.values()), code


def test_table_four_exact(pdf_case):
    name, doc, gold = pdf_case
    grid = _grid_with(doc, 15, "复议后起诉")
    want = [v for proceeding in gold["review_litigation"].values() for v in proceeding.values()]
    assert [_value(c.text) for c in grid.rows[-1]] == want


def test_cells_point_at_their_page_and_row_line(pdf_case):
    name, doc, gold = pdf_case
    by_no = {ln.no: ln for ln in doc.lines}
    assert [ln.no for ln in doc.lines] == list(range(1, len(doc.lines) + 1))
    for grid in doc.grids:
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                line = by_no[cell.line]
                assert (cell.row, cell.col) == (r, c)
                assert line.page == cell.page
                assert cell.text.replace("\n", "") in line.text


def test_huaian_table_three_joined_across_the_page_break():
    doc = _extract("huaian-shi_2024.pdf")
    grid = _grid_with(doc, 10, "自然人")
    assert grid.page == 4
    assert {c.page for r in grid.rows for c in r} == {4, 5}
    labels = [r[1].text for r in grid.rows]
    split = labels.index("（四）无")
    assert labels[split + 1] == "法提供"  # the label halves stay raw; the table reader rejoins them
    assert grid.rows[split][0].page == 4 and grid.rows[split + 1][0].page == 5
    assert grid.rows[split + 1][0].row == split + 1


@pytest.mark.parametrize("name, first_page", [("hongze-qu_2023.pdf", 3), ("hongze-qu_2024.pdf", 3)])
def test_hongze_table_three_joined(name, first_page):
    grid = _grid_with(_extract(name), 10, "自然人")
    assert grid.page == first_page
    assert {c.page for r in grid.rows for c in r} == {first_page, first_page + 1}


def test_wrapped_labels_and_merged_cells_follow_the_grid_convention():
    grid = _grid_with(_extract("huaian-shi_2024.pdf"), 10, "自然人")
    header = [c.text for c in grid.rows[2]]
    assert header[4:6] == ["商业企\n业", "科研机\n构"]  # wrapped inside the cell: kept as '\n'
    assert grid.rows[1][0].text == ""  # covered by the merged corner cell
    partial = next(r for r in grid.rows if r[1].text.startswith("（二）部分公开"))
    assert " " not in partial[1].text  # pdfplumber's gap spaces between hanzi are layout


def test_lines_have_pages_and_prose():
    doc = _extract("hongze-qu_2023.pdf")
    assert doc.format == "pdf" and doc.pages == 5
    assert {ln.page for ln in doc.lines} == {1, 2, 3, 4, 5}
    assert any("受理政府信息公开申请 21 件" in ln.text for ln in doc.lines)
    # Prose pages are not tables, even though the converter boxed every line in a white rectangle.
    assert all(g.page >= 2 for g in doc.grids)


def test_garbled_font_pdf_is_unreadable():
    with pytest.raises(Unreadable, match="mojibake"):
        _extract("garbled-font.pdf")


def test_truncated_pdf_is_unreadable():
    data = (CORPUS / "hongze-qu_2024.pdf").read_bytes()
    with pytest.raises(Unreadable, match="PDF"):
        extract("cut.pdf", data[: len(data) // 3])


def test_pdf_without_text_layer_is_unreadable():
    blank = _one_page_pdf(b"")
    with pytest.raises(Unreadable, match="no text layer"):
        extract("scan.pdf", blank)


def _one_page_pdf(content: bytes) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
