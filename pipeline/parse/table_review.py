"""Table 四 (administrative review and litigation) → Facts(table='review_litigation').

The table is headers plus one row of 15 numbers: 行政复议, 未经复议直接起诉, 复议后起诉, each
{结果维持, 结果纠正, 其他结果, 尚未审结, 总计}. A table printed as headers only gives 15 unknowns.
"""
from __future__ import annotations

import re

from pipeline.codes import PROCEEDINGS, RESULTS
from pipeline.model import Cell, Fact, Issue
from pipeline.parse.certify import review_splits
from pipeline.parse.labels import classify, norm
from pipeline.parse.table_repair import repair_row
from pipeline.parse.table_rows import Row, assemble, place, place_by_width, row_span, table_width, value_of

CELLS = tuple((p, r) for p in PROCEEDINGS for r in RESULTS)
N = len(CELLS)
_HEADER_WORDS = ("维持", "纠正", "审结", "未经复议", "复议后")


class _Spec:
    def header(self, cells: list[Cell], texts: list[str]) -> bool:
        return False  # the headers are this table's label

    def expected(self, label: str) -> int:
        return N

    def new_row(self, pending: str, token: str) -> bool:
        return False

    def context(self) -> None:
        return None


def _results_hold(values: list[float]) -> bool:
    return all(values[i + 4] == sum(values[i:i + 4]) for i in range(0, N, 5))


def _certified(cells: list[Cell | None]) -> bool:
    """Every cell a number and each proceeding's total the sum of its four results."""
    values = [None if c is None else classify(c.text)[1] for c in cells]
    return all(v is not None for v in values) and _results_hold(values)


_PROCEEDING_WORDS = (("复议后", "litigation_after_review"), ("未经复议", "litigation_direct"),
                     ("直接起诉", "litigation_direct"), ("行政复议", "administrative_review"))
_PROCEEDING_ORDER = tuple(PROCEEDINGS)


def _proceeding(label: str) -> str | None:
    """The proceeding a block's label names last ('…行政诉讼 未经复议直接起诉 结果维持…')."""
    best, where = None, -1
    for word, code in _PROCEEDING_WORDS:
        i = label.rfind(word)
        if i > where:
            best, where = code, i
    return best


def _by_blocks(rows: list[Row]) -> tuple[list[Cell | None] | None, str]:
    """Table 四 printed as three 5-column tables, one per proceeding: (15 cells, method)."""
    if len(rows) != 3 or any(len(r.nonempty()) != 5 for r in rows):
        return None, ""
    named = [_proceeding(r.label) for r in rows]
    cells = [c for r in rows for c in r.nonempty()]
    if named == list(_PROCEEDING_ORDER):
        return cells, "label"
    if len(set(n for n in named if n)) == sum(1 for n in named if n) and all(
            n is None or n == _PROCEEDING_ORDER[i] for i, n in enumerate(named)) and _certified(cells):
        return cells, "order_certified"
    return None, ""


_RESULT_WORDS = ("维持", "纠正", "其他结果", "审结", "总计")


def _transposed(rows: list[Row]) -> tuple[list[Cell | None] | None, str]:
    """Table 四 printed with the results as rows and the proceedings as columns: five rows of
    three numbers, each row named by its result, the columns named 行政复议, 未经复议…, 复议后…
    in that order (the first row's label holds the header). Placed by those labels only."""
    if len(rows) != 5 or any(len(r.nonempty()) != 3 for r in rows):
        return None, ""
    if not all(r.label.endswith(w) or r.label.endswith(w + "（件）") for r, w in zip(rows, _RESULT_WORDS)):
        return None, ""
    head = rows[0].label
    at = [head.find(w) for w in ("行政复议", "未经复议", "复议后")]
    if min(at) < 0 or not at[0] < at[1] < at[2]:
        return None, ""
    by_row = [r.nonempty() for r in rows]
    return [by_row[r][p] for p in range(3) for r in range(5)], "label"


def _split(row: Row) -> tuple[list[Cell] | None, str | None, str]:
    """A 15-cell row printed as one run of digits: (cells, note, issue message)."""
    filled = row.nonempty()
    if len(filled) != 1:
        return None, None, ""
    run = norm(filled[0].text)
    if not run.isdigit() or len(run) < N:
        return None, None, ""
    splits = review_splits(run)
    if len(splits) == 1:
        c = filled[0]
        return ([Cell(str(v), c.line, c.page, c.row, c.col) for v in splits[0]],
                f"'{run}' split as {'|'.join(map(str, splits[0]))}: the only split whose totals are the sums", "")
    if not splits:
        return None, None, f"table 四: digits '{run}' split no way that keeps each proceeding's total"
    return None, None, (f"table 四: digits '{run}' split {len(splits)} ways that each keep the totals "
                        f"({'; '.join('|'.join(map(str, s)) for s in splits[:3])}); not split")


_GLUED = re.compile(r"^(.*?[^\d\s.,、])(\d{%d,})$" % N)


def _unglue(row: Row) -> Row:
    """Cells never separated (a crawler flattening the table to text) can leave the 15 numbers
    glued to the end of the header words ('…尚未审结总计310040010100000'): the run is the row's
    value cell, the words its label. Otherwise the run would hide inside the label and the table
    pass for headers only, whose cells are unknown."""
    m = _GLUED.match(row.label)
    if m is None or row.nonempty():
        return row
    raw = row.raw_label.rstrip()
    row.label = m.group(1)
    if raw.endswith(m.group(2)):  # else (full-width digits) the raw label keeps them
        row.raw_label = raw[: -len(m.group(2))]
    row.values, row.filled = [Cell(m.group(2), row.line, row.page)], 1
    return row


def read_review(rows: list[list[Cell]]) -> tuple[list[Fact], list[Issue], bool]:
    """(facts, issues, found). Found only when the rows carry the table's own headers (or a row
    of 15 numbers under the table's words), so a prose sub-heading naming 行政复议 does not stand
    for a table."""
    built = [_unglue(r) for r in assemble(rows, _Spec())]
    header = "".join(r.label for r in built)
    value_rows = [r for r in built if r.nonempty()]
    headed = any(w in header for w in _HEADER_WORDS)
    if not headed and not any(len(r.nonempty()) in (N, 5) or len(r.nonempty()) == 1 for r in value_rows):
        return [], [], False
    if not headed and not value_rows:
        return [], [], False
    if not value_rows:
        row = built[0]
        return [Fact("review_litigation", p, r, None, "", row.line, row.page) for p, r in CELLS], [], True
    row = value_rows[0]  # the table has one value row; text after it is the next section's
    cells = place(row.values, N) or place_by_width(row, N, table_width(rows))
    method, note = "label" if headed else "order_certified", None
    if cells is not None and not headed and not _certified(cells):
        msg = "table 四: 15 numbers under a header without the table's words, and their totals do not certify the order"
        return [], [Issue("table_not_certified", msg, row.line, row.page, _raw(row))], True
    if cells is not None and headed and _stray_in_stream(row, cells, value_rows[1:]):
        msg = ("table 四: its numbers, one per line, do not keep each proceeding's total and stray numbers "
               f"follow (line {value_rows[1].line}): a value is out of place in the stream; not loaded")
        return [], [Issue("unplaced_row", msg, row.line, row.page, _raw(row))], True
    if cells is None:
        cells, method = _transposed(value_rows[:5])
    if cells is None:
        cells, method = _by_blocks(value_rows[:3])
        if cells is not None:
            row = value_rows[0]
    if cells is None:
        cells, note, split_msg = _split(row)
        method = "split_certified"
        if split_msg:
            return [], [Issue("ambiguous_split" if "ways" in split_msg else "unplaced_row", split_msg,
                              row.line, row.page, _raw(row))], True
    if cells is None:
        cells, note = repair_row(row.values, N, _results_hold)
        method = "repaired"
    if cells is None:
        if not headed:
            return [], [], False  # numbers near the table's words, but nothing says they are the table
        msg = f"table 四: {len(row.nonempty())} numbers in {len(row.values)} cells cannot be placed in {N} columns"
        return [], [Issue("unplaced_row", msg, row.line, row.page, _raw(row))], True
    where = row_span(row)
    facts = []
    for (proceeding, result), cell in zip(CELLS, cells):
        value, _, raw = value_of(cell)
        line, page = where(cell)
        facts.append(Fact("review_litigation", proceeding, result, value, raw, line, page, method=method, note=note,
                          box=cell.box if cell is not None else None))
    return facts, [], True


def _stray_in_stream(row: Row, cells: list[Cell | None], rest: list[Row]) -> bool:
    """The 15 numbers came one per line, fewer than 15 more follow them, and the totals fail:
    a stray number (a page number, a footnote mark) sits inside the stream and pushed the last
    ones out, so no cell's place is certain. With the totals holding, the stray was after them."""
    if len(row.lines) < 2 or not rest or not 0 < len(rest[0].nonempty()) < N:
        return False
    values = [None if c is None else classify(c.text)[1] for c in cells]
    return all(v is not None for v in values) and not _results_hold(values)


def _raw(row: Row) -> str:
    return "\t".join(c.text for c in row.values)
