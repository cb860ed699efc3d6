"""Lines or format grids → source rows of cells, cut into one stretch of rows per table.

Text reports carry their tables as tab-separated cells, markdown pipes, runs of spaces or one
cell per line; PDF/HTML/DOCX extractors give real grids. Both become the same thing here: a list
of rows, each a list of Cells whose `col` is the position in its source row. Page furniture is
dropped; section headings and prose end a table; the distinctive words of each table's rows
decide which table a row belongs to (a heading may be lost with the page that held it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.model import Cell, Grid, Line
from pipeline.parse.label_codes import tables_marked
from pipeline.parse.labels import TEXT, classify, is_page_furniture, is_value, norm, section_of

_SPACE_RUN = re.compile(r"[ \u3000\xa0]{2,}")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# A label followed by numbers separated by single spaces: '四、结转下年度继续办理 0 0 0 0 0 0 0'.
_VALUE_TOKEN = r"(?:[-+－＋]?\d[\d,.，．]*(?:万元|元|件|项)?|[/／\\×无空]|[—\-－–―]+)"
_TRAILING_VALUES = re.compile(rf"^(.*?[^\d\s,.+\-/—－／–―×])\s+({_VALUE_TOKEN}(?:\s+{_VALUE_TOKEN})*)$")
_ONLY_VALUES = re.compile(rf"^{_VALUE_TOKEN}(?:\s+{_VALUE_TOKEN})+$")
_DIGIT_RUN = re.compile(r"^\d+(?: \d+)+$")
_PROSE_END = ("。", "；", ";", "：", ":")


def split_line(text: str) -> list[str] | None:
    """One line of text → its cells; None for a markdown separator row."""
    if "\t" in text:
        return text.split("\t")
    s = text.strip()
    if "|" in s and (s.startswith("|") or s.count("|") >= 2):
        if _MD_SEPARATOR.match(s):
            return None
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        return [p.strip() for p in s.split("|")]
    if len(s) > 80 and "  " not in s:
        return [s]  # prose: not worth the value-peeling regexes
    parts = _SPACE_RUN.split(s)
    if len(parts) == 1 and _ONLY_VALUES.match(s):
        return s.split()
    # Columns are runs of spaces of any length, one space included: a label cell that ends in
    # single-space-separated numbers ('（一）予以公开 2') gives them up as cells of their own.
    # Space-separated blank marks ('/ /', '0 —') are as many cells: no number has a mark inside.
    # Digits alone ('2 1') stay one cell: placement decides whether that is 21 or two cells.
    out = []
    for part in parts:
        m = _TRAILING_VALUES.match(part)
        if m:
            label, part = m.group(1), m.group(2)
            out.append(label)
        if " " in part and _ONLY_VALUES.match(part) and not _DIGIT_RUN.match(part):
            out += part.split()
        elif m and _DIGIT_RUN.match(part):
            out += part.split()
        else:
            out.append(part)
    return out


_BARE_NUMBER = re.compile(r"^\s*[0-9\uff10-\uff19]{1,3}\s*$")


def _blank(lines: list[Line], i: int) -> bool:
    return i < 0 or i >= len(lines) or not lines[i].text.strip()


def _neighbour(lines: list[Line], i: int, step: int) -> tuple[str, ...] | None:
    """The cells of the nearest non-blank line from i on, in direction step."""
    while 0 <= i < len(lines):
        parts = _parts(lines[i].text)
        if parts is not None:
            return parts
        i += step
    return None


def is_bare_page_number(lines: list[Line], i: int) -> bool:
    """A line holding only a 1–3 digit number, alone between blank lines, next to a table row
    printed on one line, is a page number ('3' at a page foot), not a cell: that table's numbers
    sit on their label's line. Where a neighbour is itself a lone value (one cell per line), or
    neither neighbour is a row of cells, it cannot be told from a cell and is kept: the row it
    joins then fails placement and is reported instead of loaded."""
    if not _BARE_NUMBER.match(lines[i].text) or not _blank(lines, i - 1) or not _blank(lines, i + 1):
        return False
    before, after = _neighbour(lines, i - 1, -1), _neighbour(lines, i + 1, 1)
    if any(n is not None and len(n) == 1 and is_value(n[0]) for n in (before, after)):
        return False
    return any(n is not None and len(n) > 1 for n in (before, after))


@lru_cache(maxsize=16384)
def _parts(text: str) -> tuple[str, ...] | None:
    """split_line for text_rows, None also for blank lines and page furniture. Cached: template
    labels, headers and one-number lines recur in every report."""
    if not text.strip() or is_page_furniture(text):
        return None
    parts = split_line(text)
    if parts is None:
        return None
    # a page footer caught inside a markdown table ('| — 4 — |  |') is furniture too
    if len(parts) > 1 and all(not p.strip() or is_page_furniture(p) for p in parts):
        return None
    return tuple(parts)


def text_rows(lines: list[Line]) -> list[list[Cell]]:
    rows = []
    for i, ln in enumerate(lines):
        parts = _parts(ln.text)
        if parts is None:
            continue
        if len(parts) == 1 and _BARE_NUMBER.match(ln.text) and is_bare_page_number(lines, i):
            continue
        no, page = ln.no, ln.page
        rows.append([Cell(p, no, page, None, j) for j, p in enumerate(parts)])
    return rows


def grid_rows(grids: list[Grid]) -> list[list[Cell]]:
    rows = []
    for g in grids:
        for r in g.rows:
            cells = [Cell(c.text or "", c.line, c.page if c.page is not None else g.page, c.row, i, c.box, c.conf)
                     for i, c in enumerate(r)]
            if any(c.text.strip() for c in cells) and not (len(cells) == 1 and is_page_furniture(cells[0].text)):
                rows.append(cells)
    return rows


def _is_prose(texts: list[str], has_values: bool) -> bool:
    if has_values:
        return False
    if len(texts) == 1:
        t = texts[0]
        return len(t) > 60 or t.endswith(_PROSE_END)
    return any(len(t) > 80 for t in texts)


def _is_long_prose(text: str) -> bool:
    # Decided on the raw text, before normalising: prose lines are most of a report.
    t = text.strip()
    return len(t) > 80 or (len(t) > 20 and t.endswith(("。", "；")))


def split_sections(rows: list[list[Cell]]) -> dict[str, list[list[Cell]]]:
    """Rows of each table, in document order: {'active_disclosure': [...], 'requests': [...],
    'review_litigation': [...]}. A table printed twice (mirrored copies) is read from its first
    stretch only, so the second cannot overwrite the first.

    A stretch that a table's words open outside its section (a title naming a 信访局, a line of
    the 总体情况 mentioning 行政复议) and that ends without a single value after one or two
    lines is not the table: it is dropped and the table can still be found later. A stretch with
    values, or opened by the table's section heading, or of several label rows (a table printed
    as labels only), is the table."""
    out: dict[str, list[list[Cell]]] = {}
    done: set[str] = set()
    state: str | None = None
    stretch: list[list[Cell]] = []
    by_heading = False
    with_values = False

    valued: set[str] = set()  # tables whose stretch in `out` holds values

    def close() -> None:
        nonlocal state
        if state and stretch and (with_values or by_heading or len(stretch) >= 3):
            # A stretch without a value (a narrative section's sub-headings under the table's
            # heading, when the tables are appended later under headings numbered anew) does not
            # close the table: a later stretch with values replaces it.
            if state not in out or (with_values and state not in valued):
                out[state] = stretch
            if with_values:
                valued.add(state)
                done.add(state)
        state = None

    for cells in rows:
        if len(cells) == 1 and _is_long_prose(cells[0].text):
            close()
            continue
        texts = []
        has_values = False
        for c in cells:
            kind = classify(c.text)[0]
            if kind == TEXT:
                texts.append(norm(c.text))
            elif kind:
                has_values = True
        if texts and not has_values and len(texts) == 1:
            heading, table = section_of(texts[0])
            if heading and table is not None and table == state:
                continue  # the title repeated over the table's next page ('…申请情况（续）')
            if heading:
                close()
                state = table if table not in done else None
                stretch, by_heading, with_values = [], True, False
                continue
        if texts and _is_prose(texts, has_values):
            close()
            continue
        if texts:
            marked = tables_marked("".join(texts))
            if marked and state not in marked:
                close()
                state = next((t for t in marked if t not in done), None)
                stretch, by_heading, with_values = [], False, False
        if state:
            stretch.append(cells)
            with_values = with_values or has_values
    close()
    return out
