"""Table 四 (administrative review and litigation) → Facts(table='review_litigation').

The table is headers plus one row of 15 numbers: 行政复议, 未经复议直接起诉, 复议后起诉, each
{结果维持, 结果纠正, 其他结果, 尚未审结, 总计}. A table printed as headers only gives 15 unknowns.
"""
from __future__ import annotations

from pipeline.codes import PROCEEDINGS, RESULTS
from pipeline.model import Cell, Fact, Issue
from pipeline.parse.table_repair import repair_row
from pipeline.parse.table_rows import assemble, place, place_by_width, row_span, table_width, value_of

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


def read_review(rows: list[list[Cell]]) -> tuple[list[Fact], list[Issue], bool]:
    """(facts, issues, found). Found only when the rows carry the table's own headers, so a
    prose sub-heading naming 行政复议 does not stand for a table."""
    built = assemble(rows, _Spec())
    header = "".join(r.label for r in built)
    if not any(w in header for w in _HEADER_WORDS):
        return [], [], False
    value_rows = [r for r in built if r.nonempty()]
    if not value_rows:
        row = built[0]
        return [Fact("review_litigation", p, r, None, "", row.line, row.page) for p, r in CELLS], [], True
    row = value_rows[0]  # the table has one value row; text after it is the next section's
    cells = place(row.values, N) or place_by_width(row, N, table_width(rows))
    method, note = "table", None
    if cells is None:
        cells, note = repair_row(row.values, N, _results_hold)
        method = "repaired"
    if cells is None:
        raw = "\t".join(c.text for c in row.values)
        msg = f"table 四: {len(row.nonempty())} numbers in {len(row.values)} cells cannot be placed in {N} columns"
        return [], [Issue("unplaced_row", msg, row.line, row.page, raw)], True
    where = row_span(row)
    facts = []
    for (proceeding, result), cell in zip(CELLS, cells):
        value, _, raw = value_of(cell)
        line, page = where(cell)
        facts.append(Fact("review_litigation", proceeding, result, value, raw, line, page, method=method, note=note,
                          box=cell.box if cell is not None else None))
    return facts, [], True
