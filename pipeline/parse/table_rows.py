"""Source rows of one table → logical rows (a label and its value cells), and value placement.

One stream rule covers every layout: a label is the run of text cells up to the first value;
values follow until the next label. So a label wrapped over several lines ('（二）部分公开（区分
处理的，' / '只计这一情形…）  4  0 …'), split one character per line, or cut by a page break
('（四）无法提' … '供') joins up, and numbers one per line or broken across pages join their row.
Leading empty cells of a line are merged label columns, not blanks. Placement never guesses: a
row's numbers go to columns only when their count or the row's width proves where each one sits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from pipeline.model import Cell
from pipeline.parse.labels import EMPTY, NULL, NUMBER, TEXT, classify, norm


@dataclass(slots=True)
class Row:
    label: str  # normalised, all label cells joined
    raw_label: str
    values: list[Cell] = field(default_factory=list)
    line: int | None = None
    page: int | None = None
    ctx: Any = None  # the reader's context when the row started (e.g. table 二's header)
    lines: set = field(default_factory=set)  # source rows the values came from
    filled: int = 0  # non-empty value cells
    width: int = 0  # cells in the source row of the last value (its full width if one row)

    def nonempty(self) -> list[Cell]:
        return [c for c in self.values if classify(c.text)[0] != EMPTY] if self.filled else []


class RowSpec(Protocol):
    def header(self, cells: list[Cell], texts: list[str]) -> bool: ...
    def expected(self, label: str) -> int: ...
    def new_row(self, pending: str, token: str) -> bool: ...
    def context(self) -> Any: ...


def _lone_char(cells: list[Cell] | None) -> bool:
    return cells is not None and len(cells) == 1 and len(norm(cells[0].text)) == 1 \
        and classify(cells[0].text)[0] == TEXT


def _kinds(rows: list[list[Cell]], i: int) -> list[int]:
    """Kinds of a source row's cells. A lone '无' between lone characters is a label set one
    character per line ('（四）无法提供' in a narrow column), not a blank cell."""
    cells = rows[i]
    kinds = [classify(c.text)[0] for c in cells]
    if len(cells) == 1 and kinds[0] == NULL and len(norm(cells[0].text)) == 1:
        before = rows[i - 1] if i > 0 else None
        after = rows[i + 1] if i + 1 < len(rows) else None
        if _lone_char(before) and _lone_char(after):
            return [TEXT]
    return kinds


def assemble(rows: list[list[Cell]], spec: RowSpec) -> list[Row]:
    out: list[Row] = []
    cur: Row | None = None
    for src_no, cells in enumerate(rows):
        kinds = _kinds(rows, src_no)
        if TEXT in kinds:
            first_text = kinds.index(TEXT)
            last_text = len(kinds) - 1 - kinds[::-1].index(TEXT)
            if NUMBER not in kinds and NULL not in kinds and spec.header(
                    cells, [norm(c.text) for c, k in zip(cells, kinds) if k == TEXT]):
                continue
        else:
            first_text, last_text = None, -1
        for i, (c, k) in enumerate(zip(cells, kinds)):
            if k == TEXT:
                t = norm(c.text)
                if cur is not None and cur.filled:
                    out.append(cur)
                    cur = None
                elif cur is not None and cur.label and spec.new_row(cur.label, t):
                    out.append(cur)
                    cur = None
                if cur is None:
                    cur = Row("", "", line=c.line, page=c.page, ctx=spec.context())
                cur.values.clear()  # empties between label cells are merged label columns
                cur.lines.clear()
                cur.filled = 0
                cur.label += t
                cur.raw_label += c.text
            elif first_text is not None and i < first_text:
                continue  # merged label column to the left of this line's label
            else:
                if cur is None:
                    cur = Row("", "", line=c.line, page=c.page, ctx=spec.context())
                cur.values.append(c)
                cur.lines.add(src_no)
                cur.width = len(cells)
                if k != EMPTY:
                    cur.filled += 1
        if cur is None:
            continue
        n = spec.expected(cur.label)
        tail = len(cells) - 1 - last_text if last_text >= 0 else 0
        filled = cur.filled
        if filled >= n or (last_text >= 0 and tail >= n and filled == 0):
            out.append(cur)
            cur = None
        elif filled == 0:
            # Padding after a wrapped label; the row's real cells come on a later line.
            cur.values.clear()
            cur.lines.clear()
    if cur is not None:
        out.append(cur)
    return out


_SPLITTABLE = re.compile(r"^\s*\d+(?:\s+\d+)+\s*$")


def place(values: list[Cell], n: int) -> list[Cell | None] | None:
    """The n column cells of a row, or None when the numbers cannot be placed with certainty.

    Certain: exactly n non-empty cells (extra empties are artefacts, there are only n columns);
    exactly n cells in all (blanks are where they are); no number at all (every cell unknown).
    A cell '1 0' counts as two cells when that, and only that, makes the count n.
    """
    filled = [c for c in values if classify(c.text)[0] != EMPTY]
    if not filled:
        return list(values) if len(values) == n else [None] * n
    if len(filled) == n:
        return filled
    split = split_reading(values, n)
    if len(values) == n:
        # '1 0' beside a blank cell is 10 in its cell, or 1|0 with the blank an artefact: two
        # readings, so neither is certain here (a reader may decide by the row's arithmetic).
        return None if split is not None else list(values)
    return split


def split_reading(values: list[Cell], n: int) -> list[Cell] | None:
    """The row's n cells when cells of space-separated digits ('1 0') are taken as several
    numbers and that gives exactly n, blanks dropped; else None."""
    filled = [c for c in values if classify(c.text)[0] != EMPTY]
    if len(filled) >= n or not any(_SPLITTABLE.match(c.text) for c in filled):
        return None
    split = [Cell(p, c.line, c.page, c.row, c.col) for c in filled
             for p in (c.text.split() if _SPLITTABLE.match(c.text) else [c.text])]
    return split if len(split) == n else None


def table_width(rows: list[list[Cell]]) -> int:
    """The full width of a table whose rows share one (grids, tab text with merged label
    columns kept): the most common row length, when at least three rows have it."""
    counts: dict[int, int] = {}
    for cells in rows:
        counts[len(cells)] = counts.get(len(cells), 0) + 1
    width, seen = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=(0, 0))
    return width if seen >= 3 else 0


def place_by_width(row: Row, n: int, width: int) -> list[Cell] | None:
    """A row as wide as the whole table has its n value columns last: blanks among them stay
    where they are. Only when nothing but empty label padding is left over."""
    if not width or row.width != width or len(row.lines) != 1 or len(row.values) < n:
        return None
    if any(classify(c.text)[0] != EMPTY for c in row.values[:-n]):
        return None
    if split_reading(row.values, n) is not None:
        return None  # '1 0' beside a blank: two readings (see place)
    return row.values[-n:]


def value_of(cell: Cell | None) -> tuple[float | None, str | None, str]:
    """(value, unit, raw) of a placed cell; a missing cell is an unknown with raw ''."""
    if cell is None:
        return None, None, ""
    kind, value, unit = classify(cell.text)
    return value, unit, cell.text


def row_span(row: Row) -> Callable[[Cell | None], tuple[int | None, int | None]]:
    def where(cell: Cell | None) -> tuple[int | None, int | None]:
        if cell is None or (cell.line is None and cell.page is None):
            return row.line, row.page
        return cell.line, cell.page
    return where
