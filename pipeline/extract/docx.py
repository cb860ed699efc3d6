"""Word .docx → paragraphs and tables in document order, tables as grids.

python-docx (MIT) opens the package and finds the main document part through its relationships
(not a hard-coded 'word/document.xml'); the body is then walked at XML level, because merged
cells must be expanded by our convention (pipeline.extract.common): a cell spanning columns
(gridSpan) or continuing a vertical merge (vMerge) yields '' at the covered grid positions.

Each paragraph is one line ('\\n' from manual line breaks opens further lines, as Word shows
them); each table row is one line, cells joined by tabs. Deleted tracked changes, field codes and
the fallback copy of text boxes are not text a reader sees, so they are left out.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from pipeline.extract.common import cell_text, row_line, tidy
from pipeline.extract.limits import CellBudget
from pipeline.model import Cell, Document, Grid, Line, Unreadable

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_MAX_UNPACKED = 200_000_000  # bytes; a zip bomb must not take the worker down
# python-docx overrides xpath() on its elements; a compiled XPath runs on any lxml element.
_RUN_CHILDREN = etree.XPath(".//w:r[not(ancestor::mc:Fallback)]/*", namespaces=_NS)
_P, _TBL, _SDT = f"{{{_W}}}p", f"{{{_W}}}tbl", f"{{{_W}}}sdt"


def extract_docx(source_path: str, data: bytes) -> Document:
    body = _open_body(data)
    budget = CellBudget("DOCX")
    lines: list[Line] = []
    grids: list[Grid] = []
    for el in _blocks(body):
        if el.tag == _P:
            for part in _paragraph_text(el).split("\n"):
                lines.append(Line(len(lines) + 1, tidy(part)))
        else:
            rows = _table_rows(el, budget)
            if not rows:
                continue
            grid = Grid(rows=[], origin="docx", table_no=len(grids) + 1)
            for r, texts in enumerate(rows):
                no = len(lines) + 1
                lines.append(Line(no, row_line(texts)))
                grid.rows.append([Cell(t, no, None, r, c) for c, t in enumerate(texts)])
            grids.append(grid)
    if not any(ln.text for ln in lines):
        raise Unreadable("DOCX has no text")
    return Document(source_path=source_path, format="docx", lines=lines, grids=grids)


def _open_body(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            bad = z.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise Unreadable(f"damaged or truncated DOCX: {e}") from None
    except Exception as e:  # noqa: BLE001 - zlib/CRC errors surface under several types
        raise Unreadable(f"damaged or truncated DOCX: {type(e).__name__}: {e}") from None
    if bad is not None:
        raise Unreadable(f"damaged or truncated DOCX: bad CRC in {bad}")
    if unpacked > _MAX_UNPACKED:
        raise Unreadable(f"DOCX unpacks to {unpacked / 1e6:.0f} MB, over the {_MAX_UNPACKED / 1e6:.0f} MB limit")
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise Unreadable("damaged DOCX: no Word document part in the package") from None
    except KeyError as e:
        raise Unreadable(f"damaged DOCX: missing part {e}") from None
    except etree.XMLSyntaxError as e:
        msg = str(e).strip()[:160]
        # python-docx parses without huge_tree: past a limit (depth 256, 10 MB of text in one
        # node) libxml2 refuses the part rather than cutting it; say which limit, not 'damaged'.
        if "XML_PARSE_HUGE" in msg or "xcessive depth" in msg or "huge" in msg.lower():
            raise Unreadable(f"DOCX over the XML parser's safety limits ({msg}): not read") from None
        raise Unreadable(f"damaged DOCX: XMLSyntaxError: {msg}") from None
    except Exception as e:  # noqa: BLE001 - malformed XML, unexpected content types, …
        msg = str(e).strip()[:120]
        if "content type" in msg.lower():
            raise Unreadable(f"unsupported format: Office package that is not a Word document ({msg})") from None
        raise Unreadable(f"damaged DOCX: {type(e).__name__}: {msg}") from None
    return document.element.body


def _blocks(container):
    """Paragraphs and tables in order; content controls (w:sdt) are unwrapped, not skipped."""
    for el in container.iterchildren():
        if el.tag in (_P, _TBL):
            yield el
        elif el.tag == _SDT:
            for content in el.iterchildren(f"{{{_W}}}sdtContent"):
                yield from _blocks(content)


def _paragraph_text(p) -> str:
    parts = []
    for node in _RUN_CHILDREN(p):
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _cell_lines(tc, budget: CellBudget) -> list[str]:
    out: list[str] = []
    for el in _blocks(tc):
        if el.tag == _P:
            out.extend(_paragraph_text(el).split("\n"))
        else:  # a table nested in a cell: its rows become lines of the cell's text
            out.extend(row_line(r).replace("\t", " ") for r in _table_rows(el, budget))
    return out


def _table_rows(tbl, budget: CellBudget) -> list[list[str]]:
    """The table's rows, merged cells expanded. The spans are read and costed first: a
    `gridSpan="2000000"` is refused before a single padding cell is made."""
    trs = list(tbl.iterchildren(f"{{{_W}}}tr"))
    layout = [(tr, _grid_before(tr), [(tc, _grid_span(tc)) for tc in _row_cells(tr)]) for tr in trs]
    width = max((before + sum(span for _, span in cells) for _, before, cells in layout), default=0)
    budget.spend(len(trs) * width)
    rows: list[list[str]] = []
    for tr, before, cells in layout:
        row: list[str] = [""] * before
        for tc, span in cells:
            vmerge = tc.vMerge  # None, 'restart' or 'continue'
            text = "" if vmerge == "continue" else cell_text(_cell_lines(tc, budget))
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
    return [r + [""] * (width - len(r)) for r in rows]


def _grid_span(tc) -> int:
    try:
        return max(1, int(tc.grid_span))
    except (TypeError, ValueError):
        return 1


def _row_cells(tr):
    for el in tr.iterchildren():
        if el.tag == f"{{{_W}}}tc":
            yield el
        elif el.tag == _SDT:  # a content control wrapping cells
            for content in el.iterchildren(f"{{{_W}}}sdtContent"):
                yield from (tc for tc in content.iterchildren(f"{{{_W}}}tc"))


def _grid_before(tr) -> int:
    try:
        return max(0, int(tr.grid_before))
    except (AttributeError, TypeError, ValueError):
        return 0
