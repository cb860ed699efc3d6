"""PDF with a text layer → lines per page in reading order, and ruled tables as grids.

pdfplumber (MIT) finds tables from the ruling lines and gives each cell's text; see
docs/formats.md for why it won over pypdfium2 and for the measured speed.

- Only *visible rules* make tables: stroked lines, hairline rectangles and stroked boxes. Word →
  PDF converters paint a filled white rectangle behind every text line; pdfplumber would read
  those as a grid and turn prose pages into one-column tables.
- Lines: the text outside tables, grouped by baseline, and one line per table row (cells joined
  by tabs), all sorted top to bottom on the page. Line.page is set; Line.no runs over the file.
- A table that ends a page and a table that starts the next one, with the same columns and
  nothing but page furniture (page numbers) between them, are one table: the second page's rows
  are appended to the same Grid, each cell keeping its own page and line.
- No text, or text that is mojibake (fonts without a usable ToUnicode map): Unreadable. Numbers
  read from such a layer would be invented.
"""
from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pipeline.extract.common import cell_text, row_line, tidy
from pipeline.extract.text import mojibake_reason
from pipeline.model import Cell, Document, Grid, Line, Unreadable

# Page furniture that may sit between the two halves of a table split by a page break.
_FURNITURE = re.compile(r"^[\s\-—–－_·•.|/\d第页共Page]*$", re.I)
_COLUMN_TOLERANCE = 6.0  # points; the same Word table drawn on two pages moves by ~1–3 pt
_MIN_TEXT_CHARS = 20

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


def extract_pdf(source_path: str, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise Unreadable("PDF is password-protected") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises many types for one cause: bad bytes
        raise Unreadable(f"damaged or truncated PDF: {_describe(e)}") from None
    with pdf:
        try:
            n_pages = len(pdf.pages)
            pages = [_read_page(page) for page in pdf.pages]
        except PDFPasswordIncorrect:
            raise Unreadable("PDF is password-protected") from None
        except Exception as e:  # noqa: BLE001 - same as above, found while reading a page
            raise Unreadable(f"damaged or truncated PDF: {_describe(e)}") from None
    if n_pages == 0:
        raise Unreadable("damaged or truncated PDF: no pages")
    doc = _assemble(source_path, pages)
    doc.pages = n_pages
    text = doc.text()
    visible = len(text) - sum(text.count(c) for c in " \t\n\u3000")
    if visible < _MIN_TEXT_CHARS:  # no text layer: a scan; OCR reads the page images
        from pipeline.extract.ocr import ocr_pdf

        return ocr_pdf(data, source_path)
    why = mojibake_reason(text)
    if why:
        raise Unreadable(f"PDF text layer is mojibake (garbled fonts): {why}")
    return doc


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
    items.sort(key=lambda it: it[0])
    for i, (_, item) in enumerate(items):
        if isinstance(item, _Table):
            item.first_item = all(_is_furniture(x) for _, x in items[:i])
            item.last_item = all(_is_furniture(x) for _, x in items[i + 1:])
    return items


def _closing_rules(edges: list[dict]) -> list[dict]:
    """Horizontal rules Word leaves out where a page break splits a table.

    The row cut by the break has no bottom (or, on the next page, no top) border, but its column
    rules still stop there together; several verticals ending at one height with no horizontal
    rule across them mark the missing border.
    """
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    out = []
    for key in ("top", "bottom"):
        ends: dict[int, list[dict]] = {}
        for v in verticals:
            ends.setdefault(round(v[key]), []).append(v)
        for y, group in ends.items():
            if len(group) < 3:
                continue
            x0, x1 = min(v["x0"] for v in group), max(v["x0"] for v in group)
            covered = any(abs(h["top"] - y) <= 2 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in horizontals)
            if not covered:
                yy = sum(v[key] for v in group) / len(group)
                out.append({"object_type": "line", "x0": x0, "x1": x1, "top": yy, "bottom": yy,
                            "width": x1 - x0, "height": 0.0})
    return out


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
