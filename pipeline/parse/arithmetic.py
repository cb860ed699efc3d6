"""The report's own arithmetic (docs/domain.md §3) as data: one Check per identity and scope.

Verdicts: 'pass'; 'repaired' (holds, using a flagged repair); 'incomplete' (a cell is NULL or
its row is missing: lost rows are never inferred); and for a failure, 'parse_error' when a cell
it uses shows extraction damage (a repaired or re-joined number, a row put together from several
lines or pages), otherwise 'source_error': clean cells read exactly as printed that disagree are
the report's own mistake (hongze-qu 2023 prints 维持 10 + 纠正 1 with 总计 0).
Only table cells are checked; prose figures are single sentences, not a table's arithmetic.
"""
from __future__ import annotations

import re

from pipeline.codes import APPLICANTS, HANDLING_OUTCOMES, OUTCOMES, PROCEEDINGS, RESULTS
from pipeline.model import Check, Fact

_OTHER_SPLIT = ("other_no_correction", "other_unpaid_fee", "other_other")
_ALWAYS_HANDLED = tuple(c for c in HANDLING_OUTCOMES if c != "other_handling" and c not in _OTHER_SPLIT)
_SIX = tuple(a for a in APPLICANTS if a != "total")
_CLEAN = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")


def run_checks(facts: list[Fact], template: str | None) -> list[Check]:
    req: dict[tuple[str, str], Fact] = {}
    rev: dict[tuple[str, str], Fact] = {}
    for f in facts:
        if f.method == "prose":
            continue
        if f.table == "requests":
            req.setdefault((f.row, f.col), f)
        elif f.table == "review_litigation":
            rev.setdefault((f.row, f.col), f)
    suspect_rows = _reassembled_rows(req) | _reassembled_rows(rev)
    # whether any cell was repaired at all: most tables have none, and then no check need look
    repaired = any(f.method == "repaired" for f in req.values()) or any(f.method == "repaired" for f in rev.values())
    checks: list[Check] = []
    if req:
        rows = {r for r, _ in req}
        handled = _ALWAYS_HANDLED + (_OTHER_SPLIT if any(r in rows for r in _OTHER_SPLIT) else ("other_handling",))
        for col in APPLICANTS:
            checks.append(_check("requests", "balance", col,
                                 [req.get(("received_new", col)), req.get(("carried_over", col))],
                                 [req.get(("handled_total", col)), req.get(("carried_forward", col))], suspect_rows, repaired))
            checks.append(_check("requests", "outcomes_sum", col,
                                 [req.get(("handled_total", col))],
                                 [req.get((r, col)) for r in handled], suspect_rows, repaired))
        for row in (r for r in OUTCOMES if r in rows):
            checks.append(_check("requests", "applicants_sum", row,
                                 [req.get((row, "total"))], [req.get((row, a)) for a in _SIX], suspect_rows, repaired))
    if rev:
        for proceeding in PROCEEDINGS:
            parts = [rev.get((proceeding, r)) for r in RESULTS if r != "total"]
            checks.append(_check("review_litigation", "results_sum", proceeding,
                                 [rev.get((proceeding, "total"))], parts, suspect_rows, repaired))
    return checks


def _reassembled_rows(cells: dict[tuple[str, str], Fact]) -> set[tuple[str, str]]:
    """Rows whose cells came from more than one line or page: joined after a break."""
    first: dict[str, tuple] = {}  # row → (line, page) of its first non-blank cell
    table = next(iter(cells.values())).table if cells else ""
    out: set[tuple[str, str]] = set()
    for (row, _), f in cells.items():
        if f.raw.strip():
            spot = (f.line, f.page)
            if first.setdefault(row, spot) != spot:
                out.add((table, row))
    return out


def _suspect(f: Fact, suspect_rows: set[tuple[str, str]]) -> bool:
    return f.method == "repaired" or not _CLEAN.match(f.raw) or (f.table, f.row) in suspect_rows


def _check(table: str, name: str, scope: str, lhs: list[Fact | None], rhs: list[Fact | None],
           suspect_rows: set[tuple[str, str]], repaired: bool = True) -> Check:
    left = _sum(lhs)
    right = _sum(rhs)
    # a side has no sum exactly when one of its cells is missing or blank (sides are never empty)
    if left is None or right is None:
        missing = any(f is None for f in lhs) or any(f is None for f in rhs)
        what = "a row is missing" if missing else "a cell has no number"
        return Check(table, name, scope, left, right, "incomplete", what)
    used = lhs + rhs
    # (every cell is present with a number here: the terms are all of them)
    detail = " + ".join([f"{f.value:g}" for f in lhs]) + " vs " + " + ".join([f"{f.value:g}" for f in rhs])
    if abs(left - right) < 1e-9:
        status = "repaired" if repaired and any(f.method == "repaired" for f in used) else "pass"
    else:
        status = "parse_error" if any(_suspect(f, suspect_rows) for f in used) else "source_error"
    return Check(table, name, scope, left, right, status, detail)


def _sum(facts: list[Fact | None]) -> float | None:
    """The sum of the cells' numbers; None when a cell is missing or blank (or there is none)."""
    vals = []
    for f in facts:
        if f is None or f.value is None:
            return None
        vals.append(f.value)
    return float(sum(vals)) if vals else None
