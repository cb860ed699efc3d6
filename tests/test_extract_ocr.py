"""Scanned PDFs: a ruled table page is drawn as a real text PDF here, rendered with pypdfium2 and
saved by Pillow as an image-only PDF (what a scanner gives), then read through the same entry
point as any file. The numbers are our own. OCR costs seconds a page, so these tests are few and
share one scan.

The font is a subset of Droid Sans Fallback (Apache-2.0; tests/fixtures/ocr/README.md) holding
only the characters drawn here, so the page looks the same on every machine.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.model import OCR_FORMAT, Document, Unreadable
from pipeline.parse import parse_document

FONT = Path(__file__).parent / "fixtures" / "ocr" / "droid-sans-fallback-subset.ttf"
TITLE = "某某县文化旅游局2023年政府信息公开工作年度报告"
H3 = "三、收到和处理政府信息公开申请情况"
H4 = "四、政府信息公开行政复议、行政诉讼情况"
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
ROWS3 = [("一、本年新收政府信息公开申请数量", [14, 3, 0, 1, 0, 2, 20]),
         ("二、上年结转政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6])]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
VALUES4 = [3, 1, 0, 2, 6, 2, 0, 1, 0, 3, 1, 1, 0, 0, 2]
CODES4 = ("administrative_review", "litigation_direct", "litigation_after_review")
RESULT_CODES = ("upheld", "corrected", "other", "pending", "total")
DPI = 200  # the scan's own resolution; the reader renders at its own


def _draw_page() -> bytes:
    """A4 text PDF: title, table 三 (header and two rows), table 四 (three header rows, values)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT))
    # hanzi from the subset, digits from DejaVu Sans (shipped inside matplotlib)
    fp = FontProperties(family=["Droid Sans Fallback", "DejaVu Sans"])
    fig = plt.figure(figsize=(595 / 72, 842 / 72))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 595)
    ax.set_ylim(842, 0)
    ax.axis("off")

    def text(x, y, s, size=10.5, ha="center"):
        ax.text(x, y, s, fontproperties=fp, fontsize=size, ha=ha, va="center")

    def hline(y, x0, x1):
        ax.plot([x0, x1], [y, y], color="black", linewidth=0.8)

    def vline(x, y0, y1):
        ax.plot([x, x], [y0, y1], color="black", linewidth=0.8)

    text(297, 70, TITLE, size=14)
    text(40, 110, H3, size=12, ha="left")
    # table 三: a label column and seven applicant columns
    xs = [40, 250] + [250 + 43.6 * (i + 1) for i in range(7)]
    ys = [125, 160, 190, 220]
    for y in ys:
        hline(y, xs[0], xs[-1])
    for x in xs:
        vline(x, ys[0], ys[-1])
    for i, a in enumerate(APPLICANTS):  # long headers wrap inside their cell, as Word wraps them
        text((xs[i + 1] + xs[i + 2]) / 2, (ys[0] + ys[1]) / 2, a[:4] + "\n" + a[4:] if len(a) > 4 else a, size=8)
    for r, (label, values) in enumerate(ROWS3):
        y = (ys[r + 1] + ys[r + 2]) / 2
        text(xs[0] + 4, y, label, size=9, ha="left")
        for i, v in enumerate(values):
            text((xs[i + 1] + xs[i + 2]) / 2, y, str(v))
    text(40, 260, H4, size=12, ha="left")
    # table 四: 15 columns; 行政复议's five results span two header rows
    cx = [40 + 34.3 * i for i in range(16)]
    cy = [275, 300, 325, 350, 380]
    hline(cy[0], cx[0], cx[-1])
    hline(cy[1], cx[0], cx[-1])
    hline(cy[2], cx[5], cx[-1])
    hline(cy[3], cx[0], cx[-1])
    hline(cy[4], cx[0], cx[-1])
    for i, x in enumerate(cx):
        if i in (0, 5, 15):
            vline(x, cy[0], cy[4])
        elif i == 10:
            vline(x, cy[1], cy[4])
        elif i < 5:
            vline(x, cy[1], cy[4])
        else:
            vline(x, cy[2], cy[4])
    text((cx[0] + cx[5]) / 2, (cy[0] + cy[1]) / 2, "行政复议", size=9)
    text((cx[5] + cx[15]) / 2, (cy[0] + cy[1]) / 2, "行政诉讼", size=9)
    text((cx[5] + cx[10]) / 2, (cy[1] + cy[2]) / 2, "未经复议直接起诉", size=8)
    text((cx[10] + cx[15]) / 2, (cy[1] + cy[2]) / 2, "复议后起诉", size=8)
    for i in range(15):
        y = (cy[1] + cy[3]) / 2 if i < 5 else (cy[2] + cy[3]) / 2
        text((cx[i] + cx[i + 1]) / 2, y, RESULTS[i % 5], size=7)
        text((cx[i] + cx[i + 1]) / 2, (cy[3] + cy[4]) / 2, str(VALUES4[i]))
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf")
    plt.close(fig)
    return buf.getvalue()


def _scan(pdf: bytes, damage=None) -> bytes:
    """Render each page and save the images as an image-only PDF; damage(image) may spoil one."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    doc.close()
    if damage:
        images[0] = damage(images[0])
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()


def _px(points: float) -> int:
    return round(points * DPI / 72)


@pytest.fixture(scope="module")
def page() -> bytes:
    return _draw_page()


@pytest.fixture(scope="module")
def scanned(page) -> Document:
    return extract("scans/report.pdf", _scan(page))


def test_scanned_page_gives_the_exact_cells(scanned):
    doc = scanned
    assert doc.format == OCR_FORMAT and doc.pages == 1
    assert doc.lines[0].text == TITLE
    three, four = doc.grids
    assert all(g.origin == "ocr" for g in doc.grids)
    assert [c.text.replace("\n", "") for c in three.rows[0]] == [""] + APPLICANTS
    assert [[c.text for c in r] for r in three.rows[1:]] == [[label, *map(str, v)] for label, v in ROWS3]
    assert [c.text for c in four.rows[-1]] == [str(v) for v in VALUES4]
    # merged header cells: text at the top-left, '' where covered
    assert [c.text for c in four.rows[0]] == ["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9
    assert [c.text for c in four.rows[1]][:6] == RESULTS + ["未经复议直接起诉"]
    # every cell keeps its page and box (points); a box lies where the cell was drawn
    cell = three.rows[1][1]
    assert cell.page == 1 and cell.conf >= 0.95
    x0, top, x1, bottom = cell.box
    assert abs(x0 - 250) < 3 and abs(x1 - 293.6) < 3 and abs(top - 160) < 3 and abs(bottom - 190) < 3


def test_scanned_numbers_load_certified_with_page_and_box(scanned):
    parsed = parse_document(scanned)
    got = {(f.table, f.row, f.col): f for f in parsed.facts}
    for (label, values), row in zip(ROWS3, ("received_new", "carried_over")):
        for applicant, v in zip(("natural_person", "enterprise", "research_institution", "nonprofit",
                                 "legal_service", "other_org", "total"), values):
            f = got[("requests", row, applicant)]
            assert f.value == v and f.method == "ocr" and f.page == 1 and f.box is not None
            assert "applicants_sum" in f.note
    for i, v in enumerate(VALUES4):
        f = got[("review_litigation", CODES4[i // 5], RESULT_CODES[i % 5])]
        assert f.value == v and f.method == "ocr"
    assert parsed.template == "2021" or parsed.template == "2019"
    assert len(parsed.facts) == 14 + 15


def _blur_cell(x0: float, top: float, x1: float, bottom: float):
    def damage(img):
        from PIL import ImageFilter

        box = (_px(x0) + 4, _px(top) + 4, _px(x1) - 4, _px(bottom) - 4)
        img.paste(img.crop(box).filter(ImageFilter.GaussianBlur(9)), box[:2])
        return img
    return damage


def _cut_cell(x0: float, top: float, x1: float, bottom: float):
    def damage(img):
        from PIL import ImageDraw

        mid = (_px(top) + _px(bottom)) // 2  # the digits' lower half is gone, as under a torn edge
        ImageDraw.Draw(img).rectangle((_px(x0) + 3, mid, _px(x1) - 3, _px(bottom) - 3), fill=255)
        return img
    return damage


def test_a_blurred_or_cut_digit_is_reported_not_loaded(page):
    """One scan, two kinds of damage: '14' (table 三, row 一) blurred to a grey smear, and the lower
    half of '3' (table 四, 未经复议直接起诉 总计) cut away."""
    blur = _blur_cell(250, 160, 293.6, 190)
    cut = _cut_cell(40 + 34.3 * 9, 350, 40 + 34.3 * 10, 380)
    parsed = parse_document(extract("scans/report.pdf", _scan(page, lambda img: cut(blur(img)))))
    got = {(f.table, f.row, f.col): f.value for f in parsed.facts}
    assert ("requests", "received_new", "natural_person") not in got  # '14' is not loaded
    assert ("requests", "received_new", "total") not in got  # nor what its row sum cannot certify
    assert got[("requests", "carried_over", "total")] == 6  # the other row still certifies itself
    assert not any(k[:2] == ("review_litigation", "litigation_direct") for k in got)  # its sum is lost
    assert got[("review_litigation", "administrative_review", "total")] == 6
    assert got[("review_litigation", "litigation_after_review", "upheld")] == 1
    assert parsed.status == "partial"
    flagged = [i.message for i in parsed.issues if i.kind in ("ocr_unsure", "ocr_uncertified") and i.page == 1]
    assert any("received_new.natural_person" in m for m in flagged), flagged
    assert any("litigation_direct.total" in m for m in flagged), flagged
    assert all(f.method == "ocr" for f in parsed.facts)


def test_blank_scan_is_quarantined_with_a_reason():
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (400, 560), 255).save(out, format="PDF", resolution=50)
    with pytest.raises(Unreadable, match="no text layer"):
        extract("blank.pdf", out.getvalue())


def test_a_hostile_page_size_is_refused_before_rendering():
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (2000, 2000), 255).save(out, format="PDF", resolution=2)  # a 25 m square page
    with pytest.raises(Unreadable, match="too large to OCR"):
        extract("huge.pdf", out.getvalue())


def test_scan_in_a_build_loads_with_page_and_box(page, tmp_path):
    """The real build (worker pool, cache, warehouse): OCR'd facts keep page and box."""
    import duckdb

    from pipeline.cli import main as cli_main

    raw = tmp_path / "raw"
    (raw / "scans").mkdir(parents=True)
    (raw / "scans" / "report.pdf").write_bytes(_scan(page))
    wh = tmp_path / "wh.duckdb"
    assert cli_main(["build", "--raw-dir", str(raw), "--warehouse", str(wh), "--quiet"]) == 0
    con = duckdb.connect(str(wh), read_only=True)
    try:
        rows = con.execute(
            "select f.requests, f.method, f.source_page, f.source_box from marts.fct_requests f "
            "join marts.dim_report r using (report_id) where f.outcome = 'received_new' "
            "and f.applicant_type = 'total'").fetchall()
        fmt = con.execute("select format from marts.dim_report").fetchall()
    finally:
        con.close()
    [(value, method, page_no, box)] = rows
    assert (value, method, page_no) == (20, "ocr", 1) and fmt == [(OCR_FORMAT,)]
    assert len(box) == 4 and abs(box[0] - 511.6) < 3 and abs(box[1] - 160) < 3  # 总计 of row 一


def test_ocr_runs_with_the_network_absent(tmp_path):
    """The models ship in the wheel: OCR works in a process that has no network at all."""
    import shutil
    import subprocess
    import sys

    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available")
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a network namespace here (needs root)")
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(img).text((20, 20), "2023 41", fill=0, font=ImageFont.load_default(size=32))
    pdf = tmp_path / "scan.pdf"
    img.save(pdf, format="PDF", resolution=72)
    code = ("import sys; from pipeline.extract.ocr import ocr_pdf; "
            "print(ocr_pdf(open(sys.argv[1], 'rb').read(), 'scan.pdf').lines[0].text)")
    out = subprocess.run(["unshare", "--net", sys.executable, "-c", code, str(pdf)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["2023", "41"]
