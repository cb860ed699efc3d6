"""Which national tables a report prints, and how completely each was read.

"Printed" is decided from the table's own column and header words, not from whether the reader
managed to read it: a report whose table 四 the reader could not place still prints table 四, so
no sentence of its prose (which may speak of a narrower scope) may stand in for it. Such a table
is 'not_read', reported, and left without numbers.
"""
from __future__ import annotations

import re

from pipeline.model import Fact, Line, TableRead
from pipeline.parse.certify import TEMPLATE_ROWS
from pipeline.parse.label_codes import DEFAULT_MEASURES
from pipeline.parse.labels import norm

TABLES = ("active_disclosure", "requests", "review_litigation")
TABLE_NAMES = {"active_disclosure": "二", "requests": "三", "review_litigation": "四"}

# Words only the printed table uses (its column headers); a table is printed when at least two
# different ones occur, so one stray word in a sentence does not make a table.
_PRINTED_WORDS: dict[str, tuple[str, ...]] = {
    "requests": ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况"),
    "review_litigation": ("结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"),
    "active_disclosure": ("第二十条第", "本年新制作数量", "本年新公开数量", "对外公开总数量", "本年制发件数",
                          "本年废止件数", "现行有效件数", "上一年项目数量", "处理决定数量", "本年收费金额",
                          "采购总金额"),
}
_PRINTED_RES = {t: re.compile("|".join(map(re.escape, words))) for t, words in _PRINTED_WORDS.items()}
_NOT_LABEL = re.compile(r"[|｜]")
# any table's word at all: most lines have none, and then the per-table searches are skipped
_ANY_PRINTED = re.compile("|".join(map(re.escape, (w for words in _PRINTED_WORDS.values() for w in words))))


def printed_tables(lines: list[Line]) -> dict[str, Line]:
    """table → the first line of the report that shows it is printed."""
    seen: dict[str, set[str]] = {t: set() for t in _PRINTED_WORDS}
    first: dict[str, Line] = {}
    out: dict[str, Line] = {}
    for ln in lines:
        if not ln.text.strip() or len(ln.text) > 200:
            continue  # blank, or a paragraph of prose: a table's header cells are short
        text = norm(ln.text)
        if "|" in text or "｜" in text:
            text = _NOT_LABEL.sub("", text)
        if not _ANY_PRINTED.search(text):
            continue
        for table, rx in _PRINTED_RES.items():
            if table in out:
                continue
            found = set(rx.findall(text))
            if found:
                first.setdefault(table, ln)
                seen[table] |= found
                if len(seen[table]) >= 2:
                    out[table] = first[table]
                    if len(out) == len(_PRINTED_RES):
                        return out  # every table shown printed: the lines after change nothing
    return out


def expected_cells(table: str, template: str | None, rows: set[str] = frozenset()) -> int:
    """Cells of the table in the template; for table 三, of the variant of （六） the report
    prints (some 2021 reports keep the 2019 template's single （六）其他处理 row)."""
    if table == "requests":
        if "other_handling" in rows:
            template = "2019"
        elif rows & {"other_no_correction", "other_unpaid_fee", "other_other"}:
            template = "2021"
        return len(TEMPLATE_ROWS.get(template or "", ())) * 7
    if table == "review_litigation":
        return 15
    return sum(len(m) for m in DEFAULT_MEASURES.get(template or "", {}).values())


def table_reads(template: str | None, facts: list[Fact], issue_kinds: dict[str, list[str]],
                printed: dict[str, Line], found: set[str]) -> list[TableRead]:
    """One TableRead per national table of a 2019 / 2021 report (none for legacy reports)."""
    if template not in ("2019", "2021"):
        return []
    out = []
    for table in TABLES:
        cells = {(f.row, f.col): f for f in facts if f.table == table and f.method != "prose"}
        prose = any(f.table == table and f.method == "prose" for f in facts)
        expected = expected_cells(table, template, {r for r, _ in cells})
        loaded = len(cells)
        blank = sum(1 for f in cells.values() if f.value is None)
        unread = max(expected - loaded, 0)
        kinds = sorted(set(issue_kinds.get(table, [])))
        if loaded == 0 and (table in printed or table in found):
            status = "not_read"
            reason = ", ".join(kinds) or "printed, but no row of it could be read"
        elif loaded == 0:
            status = "not_printed"
            reason = "no such table in the report" + ("; its figures come from prose" if prose else "")
        elif unread == 0:
            status, reason = "complete", ""
        else:
            status = "partial"
            reason = ", ".join(kinds) or f"{unread} cells of the template are not in the printed table"
        out.append(TableRead(table, expected, loaded, blank, unread, status, reason))
    return out
