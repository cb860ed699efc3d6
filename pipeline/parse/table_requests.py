"""Table 三 (requests received and how they were handled) → Facts(table='requests').

Each row: an outcome code from its label (within the group above it), then 7 numbers in the
national column order 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.codes import APPLICANTS
from pipeline.model import Cell, Fact, Issue
from pipeline.parse.certify import (SPLIT_LIMIT, TEMPLATE_ROWS, certify_order, requests_splits, row_sum_holds,
                                    solve_splits)
from pipeline.parse.label_codes import ROW_MARK, SUB_START, group_of, is_group_label, match_outcome, requests_header
from pipeline.parse.labels import NULL, classify, norm
from pipeline.parse.table_repair import repair_row
from pipeline.parse.table_rows import Row, assemble, place, place_by_width, split_reading, table_width

APPLICANT_CODES = tuple(APPLICANTS)
N = len(APPLICANT_CODES)


class _Spec:
    def __init__(self) -> None:
        self._after_header = False
        self._group_hint: str | None = None

    def header(self, cells: list[Cell], texts: list[str]) -> bool:
        # OCR's positional headers ('数据1 … 数据6 | 总计'): a header whatever else the line holds;
        # a group label in it ('（六）其他处理') names the group of the sub-rows below it.
        if any(_POSITIONAL.match(t) for t in texts):
            rest = "".join(t for t in texts if not _POSITIONAL.match(t) and t not in ("总计", "合计"))
            self._group_hint = group_of(rest) if rest else None
            self._after_header = True
            return True
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
        if _GLUED.match(pending):
            # The label already ends in its own digit run ('3.其他0000101'): its row is complete,
            # whatever its words say, so the next numbered label ('（七）总计…') is a new row.
            return True
        if is_group_label(pending) and SUB_START.match(token):
            return False
        return match_outcome(pending, None)[0] is not None

    def context(self) -> str | None:
        return self._group_hint


_OTHER_SUBROWS = ("other_no_correction", "other_unpaid_fee", "other_other")
_POSITIONAL = re.compile(r"^数据\d{1,2}$")
_GLUED = re.compile(r"^(.*?[^\d\s.,、])(\d{%d,})$" % N)


@dataclass
class _Entry:
    """One value row of the table: its code from its label (None when the label is lost or
    unreadable), and its 7 cells once placed."""

    row: Row
    code: str | None
    cells: list[Cell | None] | None = None
    method: str = "label"
    note: str | None = None
    splits: list[list[int]] = field(default_factory=list)  # candidate splits of a digit run
    run: str = ""  # the digit run the candidates split
    duplicate: bool = False
    glued: str = ""  # digits printed onto the label without a separator
    doubt: str = ""  # why the row's placed cells are not trusted (a stray value in its stream)


def _digit_run(row: Row, glued: str) -> str:
    """The digits of a row printed without separators: glued to its label, or one cell."""
    filled = row.nonempty()
    if glued and not filled:
        return glued
    if len(filled) == 1 and not glued:
        t = norm(filled[0].text)
        if t.isdigit() and len(t) >= N:
            return t
    return ""


def _place(e: _Entry, width: int) -> None:
    row, glued = e.row, e.glued
    cells = place(row.values, N) or place_by_width(row, N, width)
    if cells is not None and not glued:
        e.cells = cells
        return
    split = None if glued else split_reading(row.values, N)
    if split is not None and row_sum_holds(_values(split)):
        # '1 0' in one cell beside a blank: two numbers, since only then the row adds up.
        e.cells, e.method = split, "split_certified"
        e.note = "cells of several numbers split (" + " | ".join(c.text for c in row.values) + "): the row's total holds only so"
        return
    run = _digit_run(row, glued)
    if run:
        e.run = run
        e.splits = requests_splits(run)
        if len(e.splits) == 1:
            e.cells = _split_cells(row, e.splits[0])
            e.method = "split_certified"
            e.note = f"'{run}' split as {'|'.join(map(str, e.splits[0]))}: the only split whose total is the sum of the six"
        return
    cells, note = repair_row(row.values, N)
    if cells is not None:
        e.cells, e.method, e.note = cells, "repaired", note


def _split_cells(row: Row, parts: list[int]) -> list[Cell | None]:
    return [Cell(str(p), row.line, row.page) for p in parts]


def _values(cells: list[Cell | None]) -> list[float | None]:
    return [None if c is None else classify(c.text)[1] for c in cells]


def _join_wrapped(built: list[Row]) -> list[Row]:
    """A label closed by the empty cells after it ('| 一、本年新收政府信息 | | … |') whose next row
    is an unnumbered fragment with the numbers ('| 公开申请数量 | 20 | 3 | …') is one wrapped
    label: joined. A next row that starts a numbered label is a row of its own (the first was a
    row of blanks)."""
    out: list[Row] = []
    for row in built:
        prev = out[-1] if out else None
        if (prev is not None and prev.label and not prev.nonempty() and row.label and row.nonempty()
                and not ROW_MARK.match(row.label) and _continues(prev.label, row.label)):
            row.label = prev.label + row.label
            row.raw_label = prev.raw_label + row.raw_label
            row.line, row.page = prev.line, prev.page
            out[-1] = row
            continue
        out.append(row)
    return out


def _continues(head: str, tail: str) -> bool:
    """An unnumbered fragment continues the label above it when it names no row of its own, or
    names the same row once joined ('（二）部分公开（区' + '分处理的，…不计其他情形）')."""
    code = match_outcome(tail, None)[0]
    return code is None or match_outcome(head + tail, None)[0] == code


def _dummy(row: Row) -> bool:
    """A label-less row of '-' marks only: OCR's dummy tables, no cell of table 三."""
    filled = row.nonempty()
    return bool(filled) and not row.label and all(classify(c.text)[0] == NULL for c in filled)


def read_requests(rows: list[list[Cell]], template: str | None = None) -> tuple[list[Fact], list[Issue], bool]:
    """(facts, issues, found): found when any row carries an outcome label or the table has value
    rows. Rows are placed by their labels; when some value rows have no readable label, the whole
    table is placed by the template's order only if the identities certify it (certify.py), and
    otherwise nothing of it is loaded."""
    issues: list[Issue] = []
    entries: list[_Entry] = []
    seen: dict[str, _Entry] = {}
    group: str | None = None
    last_ctx = None
    ended = False
    after_end: list[_Entry] = []  # value rows without a label after 四、结转下年度
    width = table_width(rows)
    for row in _join_wrapped(assemble(rows, _Spec())):
        if row.ctx is not None and row.ctx != last_ctx:
            group = row.ctx  # a generic header ('（六）其他处理 | 数据1 …') named the group
        last_ctx = row.ctx
        m = _GLUED.match(row.label)
        label, glued = (m.group(1), m.group(2)) if m else (row.label, "")
        code, group = match_outcome(label, group)
        filled = row.nonempty()
        if code is None:
            if (filled or glued) and not _dummy(row):
                (after_end if ended else entries).append(_Entry(row, None, glued=glued))
            continue
        e = _Entry(row, code, glued=glued)
        if code in seen:
            if filled or glued:
                e.duplicate = True
                entries.append(e)
            continue
        seen[code] = e
        entries.append(e)
        if code == "carried_forward" and (filled or glued):
            ended = True
    # '（六）其他处理' on a line of its own with no number, above its 1.–3. sub-rows, heads the
    # 2021 group; it is not the 2019 template's single row printed blank.
    head = seen.get("other_handling")
    if head is not None and not head.row.nonempty() and not head.glued and seen.keys() & set(_OTHER_SUBROWS):
        entries.remove(head)
    # Numbers after the last row are the next section's, unless labels stand apart from their
    # numbers (a label column extracted as a block): then they are rows of this table whose
    # labels were pulled away, and the stream rule gave the last label the first of them.
    separated = any(e.code is not None and not e.row.nonempty() and not e.glued for e in entries)
    if separated:
        entries += after_end
    for e in entries:
        _place(e, width)
    _doubt_strays(entries)
    strays = _strays(entries)
    if any((e.code is None and id(e) not in strays) or e.duplicate for e in entries):
        facts, order_issues = _by_order(entries, template)
        full = len([e for e in entries if e.row.nonempty() or e.glued]) in (len(c) for c in TEMPLATE_ROWS.values())
        agree = full and not separated and _labels_agree(entries, template)
        if facts or separated or (full and not agree) or all(e.code is None for e in entries):
            return facts, issues + order_issues, True
        # The order cannot be certified, but the table is a fragment (fewer or more rows than the
        # template has), every labelled row carries its own numbers and no label stands apart
        # from its values: the labels still place their rows; the rows
        # without one are reported. So too for a full-size table whose arithmetic fails (the
        # report's own error) when every label sits at its row of the template and none is a
        # duplicate: its labelled rows are certain by their labels.
    facts = _by_label(entries, issues)
    return facts, issues, bool(entries)


def _strays(entries: list[_Entry]) -> set[int]:
    """Label-less lines of fewer numbers than a row has, between two labelled rows that each
    add up (a page number between rows printed one number per line): never a row of the table,
    so they do not turn the table over to order placement; they are reported."""
    def sound(e: _Entry) -> bool:
        return e.code is not None and not e.duplicate and e.cells is not None and row_sum_holds(_values(e.cells))

    return {id(e) for prev, e, nxt in zip(entries, entries[1:], entries[2:])
            if e.code is None and e.cells is None and not e.run and len(e.row.lines) == 1
            and 0 < len(e.row.nonempty()) < N and sound(prev) and nxt.code is not None}


def _doubt_strays(entries: list[_Entry]) -> None:
    """A few label-less numbers right after a row whose numbers came one per line are a stray
    value (a page number, a footnote mark) in the stream, or that row's own last numbers pushed
    out by one. Which it is, the row's own total tells: when the six applicant cells do not add
    up to it, the row's cells are not certain and it is reported, not loaded."""
    for prev, e in zip(entries, entries[1:]):
        if e.code is not None or prev.code is None or prev.cells is None or len(prev.row.lines) < 2:
            continue
        if not 0 < len(e.row.nonempty()) < N:
            continue
        values = _values(prev.cells)
        if all(v is not None for v in values) and not row_sum_holds(values):
            prev.cells = None
            prev.doubt = (f"its numbers, one per line, do not add up to its total and {len(e.row.nonempty())} "
                          f"stray number(s) follow (line {e.row.line}): a value is out of place in the stream")


def _labels_agree(entries: list[_Entry], template: str | None) -> bool:
    """Every labelled value row is at its own row of the template's order, and no label is a
    duplicate: the labels and the order tell one story."""
    if template not in TEMPLATE_ROWS or any(e.duplicate for e in entries):
        return False
    seq = [e for e in entries if e.row.nonempty() or e.run]
    codes = _variant(template, len(seq))
    return len(seq) == len(codes) and all(e.code is None or e.code == c for e, c in zip(seq, codes))


def _by_label(entries: list[_Entry], issues: list[Issue]) -> list[Fact]:
    # A run with more splits than SPLIT_LIMIT has an incomplete candidate list: never resolved.
    ambiguous = {e.code: e.splits for e in entries
                 if e.code and not e.duplicate and e.cells is None and 1 < len(e.splits) <= SPLIT_LIMIT}
    why = ""
    if ambiguous:
        fixed = {e.code: _values(e.cells) for e in entries if e.code and not e.duplicate and e.cells is not None}
        chosen, status = solve_splits(fixed, ambiguous)
        why = _UNRESOLVED.get(status, "")
        for e in entries:
            if chosen and e.code in chosen:
                e.cells = _split_cells(e.row, chosen[e.code])
                e.method = "split_certified"
                e.note = (f"'{e.run}' split as {'|'.join(map(str, chosen[e.code]))}: of {len(e.splits)} splits whose "
                          "total is the sum, the only one under which every column identity of the table holds")
    facts: list[Fact] = []
    for e in entries:
        row, code = e.row, e.code
        if code is None or e.duplicate:
            if code is None:
                issues.append(Issue("unplaced_row", f"table 三: {len(row.nonempty())} number(s) under an unrecognised "
                                    "label, and the template's order cannot be certified", row.line, row.page, _raw(row)))
            else:
                issues.append(Issue("duplicate_row", f"table 三: second row for {code}; the first is kept",
                                    row.line, row.page, _raw(row)))
            continue
        if e.cells is None:
            if e.doubt:
                issues.append(Issue("unplaced_row", f"table 三 {code}: {e.doubt}; not loaded",
                                    row.line, row.page, _raw(row)))
            elif len(e.splits) > 1:
                alts = "; ".join("|".join(map(str, s)) for s in e.splits[:4])
                ways = f"more than {SPLIT_LIMIT}" if len(e.splits) > SPLIT_LIMIT else str(len(e.splits))
                because = f"; {why}" if why and len(e.splits) <= SPLIT_LIMIT else ""
                issues.append(Issue("ambiguous_split",
                                    f"table 三 {code}: digits '{e.run}' split {ways} ways that each keep the "
                                    f"row's total ({alts}{' …' if len(e.splits) > 4 else ''}){because}; not split",
                                    row.line, row.page, _raw(row)))
            else:
                issues.append(Issue("unplaced_row",
                                    f"table 三 {code}: {len(row.nonempty())} numbers in {len(row.values)} cells cannot be placed in {N} columns",
                                    row.line, row.page, _raw(row)))
            continue
        facts += _facts(e, code, e.method)
    return facts


# Why the column identities did not pick the splits of the ambiguous rows (solve_splits' status).
_UNRESOLVED = {
    "several": "the table's column identities hold under more than one choice of splits",
    "none": "no choice of splits satisfies the table's column identities",
    "uncheckable": "a row of the table is missing or has an unknown cell, so its column identities cannot decide",
    "capped": "too many combinations of splits to try; the search stopped without a certain answer",
}


def _by_order(entries: list[_Entry], template: str | None) -> tuple[list[Fact], list[Issue]]:
    """Every value row placed by the template's order, or nothing (one issue saying why)."""
    seq = [e for e in entries if e.row.nonempty() or e.run]
    first = seq[0].row if seq else entries[0].row
    # A label column extracted as a block ('一、…' … '四、结转下年度继续办理', then the numbers):
    # the stream rule hands the block's last label to the first value row. A label that follows
    # labels without numbers is therefore no evidence against the order; the arithmetic decides.
    block_tail = {id(e) for prev, e in zip(entries, entries[1:])
                  if e.code is not None and (e.row.nonempty() or e.run) and prev.code is not None
                  and not prev.row.nonempty() and not prev.run and not prev.glued}
    reason = ""
    if any(e.cells is None for e in seq):
        bad = next(e for e in seq if e.cells is None)
        reason = f"a value row cannot be split into {N} cells (line {bad.row.line})"
    elif template not in TEMPLATE_ROWS:
        reason = "the template is unknown, so there is no row order to align to"
    else:
        codes = _variant(template, len(seq))
        conflict = ""
        for i, e in enumerate(seq):
            # A duplicate's label is already known to be wrong (its code was taken by an earlier
            # row: a truncated sub-label read in the group above it), so it is no evidence either.
            if e.code is not None and not e.duplicate and id(e) not in block_tail and (
                    i >= len(codes) or codes[i] != e.code):
                where = codes[i] if i < len(codes) else "no row"
                conflict = f"the row labelled {e.code} is row {i + 1}, where the template's order has {where}"
                break
        if conflict and len(seq) == len(codes):
            reason = conflict
        else:
            ok, why = certify_order([_values(e.cells) for e in seq], codes)
            if not ok:
                reason = why
            elif conflict:
                reason = conflict
    n_loose = sum(e.code is None for e in seq)
    if reason:
        msg = (f"table 三: {n_loose} value row(s) have no readable label and the template's order cannot be "
               f"certified: {reason}; nothing of the table is loaded")
        return [], [Issue("table_not_certified", msg, first.line, first.page,
                          "\n".join(_raw(e.row) for e in seq[:3]))]
    facts: list[Fact] = []
    codes = _variant(template, len(seq))
    for e, code in zip(seq, codes):
        method = e.method if e.method != "label" else ("label" if e.code == code else "order_certified")
        note = e.note or (None if method == "label" else
                          f"label unreadable ('{e.row.raw_label}'): row {codes.index(code) + 1} of table 三 by the "
                          "template's order, certified by the table's identities")
        facts += _facts(e, code, method, note)
    return facts, []


def _variant(template: str, n_rows: int) -> tuple[str, ...]:
    """The template's row order; a 2021 report may keep the 2019 table's single （六）其他处理 row
    (and the reverse), which the number of value rows tells apart (25 against 23)."""
    codes = TEMPLATE_ROWS[template]
    if len(codes) != n_rows:
        other = next((c for t, c in TEMPLATE_ROWS.items() if t != template and len(c) == n_rows), None)
        return other or codes
    return codes


def _facts(e: _Entry, code: str, method: str, note: str | None = None) -> list[Fact]:
    row = e.row
    note = note if note is not None else e.note
    out = []
    # inlined value_of / row_span: this loop makes most of a report's facts
    for applicant, cell in zip(APPLICANT_CODES, e.cells):
        if cell is None:
            out.append(Fact("requests", code, applicant, None, "", row.line, row.page, None, method, note))
            continue
        line, page = (row.line, row.page) if cell.line is None and cell.page is None else (cell.line, cell.page)
        out.append(Fact("requests", code, applicant, classify(cell.text)[1], cell.text, line, page, None,
                        method, note, cell.box))
    return out


def _raw(row: Row) -> str:
    return "\t".join([row.raw_label, *(c.text for c in row.values)])
