"""Table 二 (proactive disclosure) → Facts(table='active_disclosure', row=item, col=measure).

Table 二 is several small tables (第二十条第（一）（五）（六）（八）（九）项), each with its own header
row naming the measures; a row's numbers sit under its header's columns. When a header is lost,
the template's own layout for the item stands in. Units: see label_codes.MEASURE_UNITS; a unit
printed in the cell ('251000元') or header ('（单位：万元）') wins.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Cell, Fact, Issue
from pipeline.parse.label_codes import DEFAULT_MEASURES, MEASURE_UNITS, match_item, match_measures
from pipeline.parse.labels import EMPTY, classify, norm
from pipeline.parse.table_rows import Row, assemble, place, row_span, value_of


@dataclass(frozen=True, slots=True)
class Measure:
    code: str
    unit: str | None
    col: int | None


class _Spec:
    def __init__(self, template: str | None) -> None:
        self.template = template
        self.measures: list[Measure] = []
        self._in_header = False

    def header(self, cells: list[Cell], texts: list[str]) -> bool:
        if any("第二十条" in t for t in texts):
            self.measures, self._in_header = [], False
            return True
        found = []
        for c in cells:
            named = match_measures(norm(c.text))
            for code, unit in named:
                if all(m.code != code for m in self.measures + found):
                    # several columns named in one cell: their positions are not known
                    found.append(Measure(code, unit, c.col if len(named) == 1 else None))
        opens = any("信息内容" in t for t in texts)
        if not found and not opens:
            self._in_header = False
            return False
        if opens or not self._in_header:
            self.measures = []
        self.measures += found
        self._in_header = True
        return True

    def expected(self, label: str) -> int:
        return len(self.for_item(match_item(label), self.measures)) or 1

    def new_row(self, pending: str, token: str) -> bool:
        return match_item(pending) is not None and match_item(token) is not None

    def context(self) -> list[Measure]:
        return list(self.measures)

    def for_item(self, item: str | None, measures: list[Measure]) -> list[Measure]:
        defaults = DEFAULT_MEASURES.get(self.template or "", {}).get(item or "")
        if defaults is None:
            return measures
        fitting = [m for m in measures if m.code in defaults]
        return fitting or [Measure(code, None, None) for code in defaults]


def _by_column(row: Row, measures: list[Measure]) -> list[Cell | None] | None:
    """Cells under the header's columns, when the row is one source row whose numbers all sit
    in header columns (real grids, tab text)."""
    if len(row.lines) != 1 or any(m.col is None for m in measures):
        return None
    cols = {m.col for m in measures}
    by_col = {c.col: c for c in row.values}
    if any(c.col not in cols for c in row.values if classify(c.text)[0] != EMPTY):
        return None
    return [by_col.get(m.col) for m in measures]


def read_disclosure(rows: list[list[Cell]], template: str | None) -> tuple[list[Fact], list[Issue]]:
    spec = _Spec(template)
    facts: list[Fact] = []
    issues: list[Issue] = []
    seen: set[str] = set()
    for row in assemble(rows, spec):
        item = match_item(row.label)
        filled = row.nonempty()
        if item is None or item in seen:
            if filled and item is None:
                issues.append(Issue("unplaced_row", f"table 二: {len(filled)} number(s) under an unrecognised label",
                                    row.line, row.page, row.raw_label))
            continue
        seen.add(item)
        measures = spec.for_item(item, row.ctx)
        if not measures:
            if filled:
                issues.append(Issue("unplaced_row", f"table 二 {item}: no header names the columns",
                                    row.line, row.page, row.raw_label))
            continue
        cells = _by_column(row, measures) or place(row.values, len(measures))
        if cells is None:
            issues.append(Issue("unplaced_row",
                                f"table 二 {item}: {len(filled)} numbers cannot be placed in {len(measures)} columns",
                                row.line, row.page, "\t".join([row.raw_label, *(c.text for c in row.values)])))
            continue
        where = row_span(row)
        for m, cell in zip(measures, cells):
            value, cell_unit, raw = value_of(cell)
            line, page = where(cell)
            unit = cell_unit or m.unit or MEASURE_UNITS.get(m.code)
            facts.append(Fact("active_disclosure", item, m.code, value, raw, line, page, unit=unit,
                              box=cell.box if cell is not None else None))
    return facts, issues
