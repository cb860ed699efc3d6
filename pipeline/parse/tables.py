"""Tables 二, 三 and 四 → facts, whatever the format did to them.

Real grids (PDF/HTML/DOCX) are read first; a table they do not hold is looked for in the text
lines, split into cells here (text and markdown documents have only lines). Legacy reports have
no national tables, so nothing is read from them: their figures are prose.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Cell, Document, Fact, Issue
from pipeline.parse.table_disclosure import read_disclosure
from pipeline.parse.table_grid import grid_rows, split_sections, text_rows
from pipeline.parse.table_requests import read_requests
from pipeline.parse.table_review import read_review

TABLES = ("active_disclosure", "requests", "review_litigation")


@dataclass
class TableResult:
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # which tables were found: 'active_disclosure', 'requests', 'review_litigation'
    issue_kinds: dict[str, list[str]] = field(default_factory=dict)  # table → kinds of the issues it raised


def read_tables(doc: Document, template: str | None) -> TableResult:
    result = TableResult()
    if template not in ("2019", "2021"):
        return result
    sources = []
    if doc.grids:
        sources.append(lambda: grid_rows(doc.grids))
    sources.append(lambda: text_rows(doc.lines))
    for rows_of in sources:
        if result.found >= set(TABLES):
            break
        segments = split_sections(rows_of())
        for table in TABLES:
            if table in result.found or table not in segments:
                continue
            facts, issues, found = _read(table, segments[table], template)
            if found:
                result.found.add(table)
                result.facts += facts
                result.issues += issues
                result.issue_kinds.setdefault(table, []).extend(i.kind for i in issues)
    return result


def _read(table: str, rows: list[list[Cell]], template: str) -> tuple[list[Fact], list[Issue], bool]:
    if table == "requests":
        return read_requests(rows, template)
    if table == "review_litigation":
        return read_review(rows)
    facts, issues = read_disclosure(rows, template)
    return facts, issues, bool(facts)
