"""Table 三 (requests received and how they were handled) → Facts(table='requests').

Each row: an outcome code from its label (within the group above it), then 7 numbers in the
national column order 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
"""
from __future__ import annotations

from pipeline.codes import APPLICANTS
from pipeline.model import Cell, Fact, Issue
from pipeline.parse.label_codes import ROW_MARK, SUB_START, is_group_label, match_outcome, requests_header
from pipeline.parse.labels import classify, norm
from pipeline.parse.table_repair import repair_row
from pipeline.parse.table_rows import Row, assemble, place, place_by_width, table_width

APPLICANT_CODES = tuple(APPLICANTS)
N = len(APPLICANT_CODES)


class _Spec:
    def __init__(self) -> None:
        self._after_header = False

    def header(self, cells: list[Cell], texts: list[str]) -> bool:
        # Header words may share one cell, separated by single spaces ('自然人 法人或其他组织 总计'):
        # judged word by word, or the 总计 of a column header would pass for the （七）总计 row.
        words = [norm(w) for c in cells for w in c.text.split()] if len(texts) < 3 else texts
        self._after_header = requests_header(words, self._after_header)
        return self._after_header

    def expected(self, label: str) -> int:
        return N

    def new_row(self, pending: str, token: str) -> bool:
        # A label ends where the next numbered label starts, unless it only heads sub-rows
        # ('（三）不予公开' + '1.属于国家秘密') or is an unnumbered fragment.
        if not ROW_MARK.match(token):
            return False
        if is_group_label(pending) and SUB_START.match(token):
            return False
        return match_outcome(pending, None)[0] is not None

    def context(self) -> None:
        return None


def read_requests(rows: list[list[Cell]]) -> tuple[list[Fact], list[Issue], bool]:
    """(facts, issues, found): found when any row carries an outcome label."""
    facts: list[Fact] = []
    issues: list[Issue] = []
    seen: dict[str, Row] = {}
    group: str | None = None
    ended = False
    width = table_width(rows)
    for row in assemble(rows, _Spec()):
        code, group = match_outcome(row.label, group)
        filled = row.nonempty()
        if code is None:
            if filled and not ended:
                issues.append(Issue("unplaced_row", f"table 三: {len(filled)} number(s) under an unrecognised label",
                                    row.line, row.page, _raw(row)))
            continue
        if code in seen:
            if filled:
                issues.append(Issue("duplicate_row", f"table 三: second row for {code}; the first is kept",
                                    row.line, row.page, _raw(row)))
            continue
        cells = place(row.values, N) or place_by_width(row, N, width)
        method, note = "table", None
        if cells is None:
            cells, note = repair_row(row.values, N)
            method = "repaired"
        if cells is None:
            issues.append(Issue("unplaced_row",
                                f"table 三 {code}: {len(filled)} numbers in {len(row.values)} cells cannot be placed in {N} columns",
                                row.line, row.page, _raw(row)))
            seen[code] = row
            continue
        seen[code] = row
        # inlined value_of / row_span: this loop makes most of a report's facts
        for applicant, cell in zip(APPLICANT_CODES, cells):
            if cell is None:
                facts.append(Fact("requests", code, applicant, None, "", row.line, row.page, method=method, note=note))
                continue
            line, page = (row.line, row.page) if cell.line is None and cell.page is None else (cell.line, cell.page)
            facts.append(Fact("requests", code, applicant, classify(cell.text)[1], cell.text, line, page,
                              method=method, note=note, box=cell.box))
        if code == "carried_forward":
            ended = True
    return facts, issues, bool(seen)


def _raw(row: Row) -> str:
    return "\t".join([row.raw_label, *(c.text for c in row.values)])
