"""Hostile files, generated: each a few hundred bytes to a few hundred KB, written in the test's
own words. Used by test_hostile*.py; nothing here is read from outside the repository."""
from __future__ import annotations

import html
import io
import zipfile


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def self_referencing_contents_pdf() -> bytes:
    """One page whose /Contents is an object that is a reference to itself."""
    return pdf([_CATALOG, _PAGES,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>",
                b"4 0 R"])


def length_loop_pdf() -> bytes:
    """One page whose content stream's /Length is a reference to an object that refers back."""
    stream = b"BT /F1 9 Tf 10 10 Td (loop) Tj ET"
    return pdf([_CATALOG, _PAGES,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>",
                b"<< /Length 5 0 R >>\nstream\n" + stream + b"\nendstream",
                b"5 0 R"])


def many_pages_pdf(pages: int, lines_per_page: int = 60) -> bytes:
    """Many pages of tiny text: cheap to write, costly to lay out."""
    line = b"(0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9) Tj 0 -2 Td "
    stream = b"BT /F1 2 Tf 5 295 Td " + line * lines_per_page + b"ET"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        _CATALOG,
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    return pdf(objects)


def docx(body_xml: str) -> bytes:
    """A minimal Word package around a document body."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f"<w:body>{body_xml}</w:body></w:document>")
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p>"


def gridspan_bomb_docx(rows: int = 40, span: int = 2_000_000) -> bytes:
    """A table whose every row is one cell claiming to span two million grid columns."""
    row = f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_p("合计")}</w:tc></w:tr>'
    return docx(_p("政府信息公开工作年度报告") + "<w:tbl>" + row * rows + "</w:tbl>")


def span_bomb_html(rows: int = 2000) -> bytes:
    """Every row opens a cell 1000 columns wide that runs to the end of the table (rowspan=0)."""
    trs = '<tr><td colspan="1000" rowspan="0">1</td></tr>' * rows
    return (f"<html><head><meta charset='utf-8'></head><body><p>政府信息公开工作年度报告</p>"
            f"<table>{trs}</table></body></html>").encode()


def nested_html(text: str, depth: int) -> bytes:
    """A report's text inside `depth` nested <div>s."""
    body = "<pre>" + html.escape(text) + "</pre>"
    return ("<html><head><meta charset='utf-8'><title>报告</title></head><body>"
            + "<div>" * depth + body + "</div>" * depth + "</body></html>").encode()


# Work functions for the pool tests: importable by a worker without loading the pipeline.
def hang_or_double(x: int, pid_dir: str) -> int:
    """Doubles x, except x < 0, which records its worker's pid and then never returns."""
    if x < 0:
        import os
        import time
        from pathlib import Path

        Path(pid_dir, str(os.getpid())).write_text(str(x))
        while True:
            time.sleep(1)
    return 2 * x


def allocate_or_double(x: int) -> int:
    """Doubles x, except x < 0, which allocates 20 MB at a time for ever (touching each page)."""
    if x < 0:
        hoard = []
        while True:
            hoard.append(bytearray(20 << 20))
            hoard[-1][::4096] = b"\x01" * len(range(0, 20 << 20, 4096))
    return 2 * x
