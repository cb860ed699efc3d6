"""PDF with a text layer → lines per page in reading order, and ruled tables as grids.

Two readers give the same Document (tests/test_pdf_fast.py holds them to it on every sample):

- the fast path (every page it can vouch for): characters, boxes and painted paths from PDFium
  (`pdf_fast`), tables and lines rebuilt by `pdf_lattice` exactly as pdfplumber builds them;
- pdfplumber (MIT), for a page the fast path cannot vouch for (rotated, cropped, text that is
  not upright …) and as the reference. See docs/formats.md for the measured speed.

Before either reads anything, `pdf_guard` refuses reference loops (pdfminer would hang on them)
and files over the page and character limits; PDFium tells a password-protected file apart from
a damaged one.

- Only *visible rules* make tables: stroked lines, hairline rectangles and stroked boxes. Word →
  PDF converters paint a filled white rectangle behind every text line; pdfplumber would read
  those as a grid and turn prose pages into one-column tables.
- Lines: the text outside tables, grouped by baseline, and one line per table row (cells joined
  by tabs), all sorted top to bottom on the page. Line.page is set; Line.no runs over the file.
- A table that ends a page and a table that starts the next one, with the same columns and
  nothing but page furniture (page numbers) between them, are one table: the second page's rows
  are appended to the same Grid, each cell keeping its own page and line.
- No text, or text that is mojibake (fonts without a usable ToUnicode map): Unreadable (or OCR,
  when `pipeline.extract.ocr` is installed). Numbers read from such a layer would be invented.
"""
from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

from pipeline.extract.common import cell_text, row_line, tidy
from pipeline.extract.pdf_fast import TooManyChars, Unresolved, font_descents, page_geometry, read_chars, read_shapes
from pipeline.extract.pdf_guard import MAX_CHARS, MAX_CHARS_PER_PAGE, MAX_PAGES, object_streams, reference_loop
from pipeline.extract.pdf_lattice import Char, Edge, closing_rules, find_tables, row_bbox, table_cells_text, text_lines
from pipeline.extract.text import mojibake_reason
from pipeline.model import Cell, Document, Grid, Line, Unreadable

# Page furniture that may sit between the two halves of a table split by a page break.
_FURNITURE = re.compile(r"^[\s\-—–－_·•.|/\d第页共Page]*$", re.I)
_COLUMN_TOLERANCE = 6.0  # points; the same Word table drawn on two pages moves by ~1–3 pt
_MIN_TEXT_CHARS = 20
_EOF_WINDOW = 4096  # a complete PDF ends with %%EOF; a cut download does not

# pdfminer reports every recoverable oddity of real-world PDFs at WARNING level.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Table:
    rows: list[list[str]]
    row_tops: list[float]
    col_x: list[float]
    top: float
    bottom: float
    first_item: bool = False  # nothing but furniture above it on its page
    last_item: bool = False  # nothing but furniture below it on its page


@dataclass
class PdfStats:
    """How a PDF was read: pages by the fast path, pages handed to pdfplumber and why."""

    pages: int = 0
    fast_pages: int = 0
    fallback: dict[int, str] = field(default_factory=dict)  # 1-based page → reason


def extract_pdf(source_path: str, data: bytes) -> Document:
    return read_pdf(source_path, data)[0]


def read_pdf(source_path: str, data: bytes, engine: str = "auto") -> tuple[Document, PdfStats]:
    """engine: 'auto' (fast path, pdfplumber for the pages it cannot resolve), 'fast' (raise
    Unresolved instead of falling back: tests) or 'pdfplumber' (every page: the reference)."""
    import pypdfium2 as pdfium

    streams = object_streams(data)
    loop = reference_loop(data, streams)
    if loop:
        raise Unreadable(f"damaged PDF: {loop}")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise Unreadable("damaged or truncated PDF: no end-of-file marker")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise Unreadable("password-protected PDF") from None
        raise Unreadable(f"damaged or truncated PDF: {_describe(e)}") from None
    stats = PdfStats()
    plumber = None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise Unreadable("damaged or truncated PDF: no pages")
        if n_pages > MAX_PAGES:
            raise Unreadable(f"PDF has {n_pages} pages, over the limit of {MAX_PAGES}")
        stats.pages = n_pages
        descents = font_descents(data, *(body for _, _, body in streams))
        pages = []
        total = 0
        for i in range(n_pages):
            items, n_chars, why = _read_page_fast(pdf, i, engine, descents)
            total += n_chars
            if total > MAX_CHARS:
                raise Unreadable(f"PDF has over {MAX_CHARS} characters (limit per file), at page {i + 1}")
            if items is None:
                if engine == "fast":
                    raise Unresolved(f"page {i + 1}: {why}")
                stats.fallback[i + 1] = why
                if plumber is None:
                    plumber = _open_plumber(data)
                items = _read_plumber_page(plumber, i)
            else:
                stats.fast_pages += 1
            pages.append(items)
    finally:
        if plumber is not None:
            try:
                plumber.close()
            except Exception:  # noqa: BLE001 - closing walks the document again (a stream whose /Length
                pass  # is itself recurses until RecursionError); the reason was decided above
        pdf.close()
    doc = _assemble(source_path, pages)
    doc.pages = n_pages
    text = doc.text()
    visible = len(text) - sum(text.count(c) for c in " \t\n\u3000")
    if visible < _MIN_TEXT_CHARS:
        return _without_text_layer(source_path, data), stats
    why = mojibake_reason(text)
    if why:
        raise Unreadable(f"PDF text layer is mojibake (garbled fonts): {why}")
    return doc, stats


def _without_text_layer(source_path: str, data: bytes) -> Document:
    """Image-only pages (a scan) are read by OCR; imported here so text PDFs never load the models."""
    from pipeline.extract.ocr import ocr_pdf

    return ocr_pdf(data, source_path)


def _read_page_fast(pdf, i: int, engine: str, descents: dict[bytes, float]) -> tuple[list | None, int, str]:
    """(items, characters on the page, why not) for page i; items None: pdfplumber reads it."""
    page = pdfium_c.FPDF_LoadPage(pdf.raw, i)
    if not page:
        raise Unreadable(f"damaged or truncated PDF: page {i + 1} cannot be loaded")
    try:
        height = 0.0
        try:
            height = page_geometry(page)
        except Unresolved as e:
            if engine == "fast":
                raise
            return None, _count_chars(page, i), str(e)
        try:
            chars = read_chars(page, height, MAX_CHARS_PER_PAGE, descents)
        except TooManyChars as e:
            raise Unreadable(
                f"PDF page {i + 1} has {e.count} characters, over the limit of {MAX_CHARS_PER_PAGE}") from None
        except Unresolved as e:
            return None, _count_chars(page, i), str(e)
        if engine == "pdfplumber":
            return None, len(chars), "pdfplumber chosen"
        try:
            shapes = read_shapes(page, height)
        except Unresolved as e:
            return None, len(chars), str(e)
        return _items_fast(chars, shapes), len(chars), ""
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _count_chars(page, i: int) -> int:
    """Characters on a page pdfplumber is about to read: the same limit applies to it."""
    tp = pdfium_c.FPDFText_LoadPage(page)
    try:
        n = pdfium_c.FPDFText_CountChars(tp) if tp else 0
    finally:
        if tp:
            pdfium_c.FPDFText_ClosePage(tp)
    if n > MAX_CHARS_PER_PAGE:
        raise Unreadable(f"PDF page {i + 1} has {n} characters, over the limit of {MAX_CHARS_PER_PAGE}")
    return n


def _items_fast(chars: list[Char], shapes: list) -> list[tuple[float, object]]:
    """The page's items sorted top to bottom, from PDFium's characters and paths."""
    tables: list[_Table] = []
    boxes = []
    for found in find_tables(shapes):
        raw = table_cells_text(found, chars)
        if len(raw) < 2 or max(len(r) for r in raw) < 2:
            continue  # a framed paragraph, not a table
        x0, top, x1, bottom = found.bbox
        tables.append(_Table(
            rows=[[cell_text(c) if c else "" for c in r] for r in raw],
            row_tops=[row_bbox(r)[1] for r in found.rows],
            col_x=sorted({round(c[0], 0) for c in found.cells} | {round(x1, 0)}),
            top=top,
            bottom=bottom,
        ))
        boxes.append((x0 - 1, top - 1, x1 + 1, bottom + 1))
    for b0, b1, b2, b3 in boxes:
        chars = [c for c in chars if not (b0 <= (c.x0 + c.x1) / 2 <= b2 and b1 <= (c.top + c.bottom) / 2 <= b3)]
    items: list[tuple[float, object]] = []
    for top, line in text_lines(chars):
        text = tidy(line)
        if text:
            items.append((top, text))
    items += [(t.top, t) for t in tables]
    return _order(items)


def _open_plumber(data: bytes):
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many types for one cause: bad bytes
        raise Unreadable(f"damaged or truncated PDF: {_describe(e)}") from None


def _read_plumber_page(pdf, i: int) -> list[tuple[float, object]]:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return _read_page(pdf.pages[i])
    except PDFPasswordIncorrect:
        raise Unreadable("password-protected PDF") from None
    except Exception as e:  # noqa: BLE001 - same as above, found while reading a page
        raise Unreadable(f"damaged or truncated PDF: {_describe(e)}") from None


def _describe(e: Exception) -> str:
    msg = str(e).strip()
    return f"{type(e).__name__}: {msg[:120]}" if msg else type(e).__name__


def _is_visible_rule(obj: dict) -> bool:
    if obj["object_type"] != "rect":
        return True
    thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) < 2
    return thin or bool(obj.get("stroke"))


def _read_page(page) -> list[tuple[float, object]]:
    """The page's items sorted top to bottom: ('text', str) lines and _Table objects."""
    ruled = page.filter(_is_visible_rule)
    tables: list[_Table] = []
    boxes = []
    closing = _closing_rules(ruled.edges)
    settings = {"explicit_horizontal_lines": closing} if closing else {}
    for found in ruled.find_tables(settings):
        raw = found.extract()
        if len(raw) < 2 or max(len(r) for r in raw) < 2:
            continue  # a framed paragraph, not a table
        rows = [[cell_text(c) if c else "" for c in r] for r in raw]
        x0, top, x1, bottom = found.bbox
        tables.append(_Table(
            rows=rows,
            row_tops=[r.bbox[1] for r in found.rows],
            col_x=sorted({round(c[0], 0) for c in found.cells} | {round(x1, 0)}),
            top=top,
            bottom=bottom,
        ))
        boxes.append((x0 - 1, top - 1, x1 + 1, bottom + 1))

    def outside(obj: dict) -> bool:
        if obj["object_type"] != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    prose = page.filter(outside) if boxes else page
    items: list[tuple[float, object]] = []
    for ln in prose.extract_text_lines(return_chars=False):
        text = tidy(ln["text"])
        if text:
            items.append((ln["top"], text))
    items += [(t.top, t) for t in tables]
    return _order(items)


def _order(items: list[tuple[float, object]]) -> list[tuple[float, object]]:
    items.sort(key=lambda it: it[0])
    for i, (_, item) in enumerate(items):
        if isinstance(item, _Table):
            item.first_item = all(_is_furniture(x) for _, x in items[:i])
            item.last_item = all(_is_furniture(x) for _, x in items[i + 1:])
    return items


def _closing_rules(edges: list[dict]) -> list[dict]:
    """pdf_lattice.closing_rules (one rule for both paths) on pdfplumber's edge dicts."""
    found = closing_rules([Edge(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"])
                           for e in edges if e["orientation"] in ("h", "v")])
    return [{"object_type": "line", "x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.top,
             "width": e.x1 - e.x0, "height": 0.0} for e in found]


def _is_furniture(item: object) -> bool:
    return isinstance(item, str) and bool(_FURNITURE.match(item))


def _continues(prev: _Table, nxt: _Table) -> bool:
    if not (prev.last_item and nxt.first_item):
        return False
    if len(prev.rows[0]) != len(nxt.rows[0]):
        return False
    # Column edges (of cells that exist) must line up; merged headers hide some edges, so every
    # edge of the continuation must match an edge of the first part.
    return all(any(abs(x - y) <= _COLUMN_TOLERANCE for y in prev.col_x) for x in nxt.col_x)


def _assemble(source_path: str, pages: list[list[tuple[float, object]]]) -> Document:
    lines: list[Line] = []
    grids: list[Grid] = []
    prev_table: _Table | None = None
    prev_grid: Grid | None = None
    for page_no, items in enumerate(pages, start=1):
        for _, item in items:
            if isinstance(item, str):
                lines.append(Line(len(lines) + 1, item, page_no))
                continue
            if prev_table is not None and prev_grid is not None and _continues(prev_table, item) and (
                prev_grid.rows[-1][0].page == page_no - 1
            ):
                grid = prev_grid
            else:
                grid = Grid(rows=[], origin="pdf", table_no=len(grids) + 1, page=page_no)
                grids.append(grid)
            for texts in item.rows:
                line_no = len(lines) + 1
                lines.append(Line(line_no, row_line(texts), page_no))
                r = len(grid.rows)
                grid.rows.append([Cell(t, line_no, page_no, r, c) for c, t in enumerate(texts)])
            prev_table, prev_grid = item, grid
    return Document(source_path=source_path, format="pdf", lines=lines, grids=grids)
