"""A `Document` → a `ParsedReport`: template, metadata, facts, issues and checks.

`parse_document` is a pure function of the document; the parser version (pipeline.version) covers
every module it calls, so a report is re-parsed exactly when its bytes or this code change.
"""
from __future__ import annotations

from pipeline.model import Document, Fact, Issue, ParsedReport
from pipeline.parse.arithmetic import run_checks
from pipeline.parse.report_meta import read_report_meta
from pipeline.parse.ocr_gate import OCR_FORMAT, certify_ocr
from pipeline.parse.prose import read_prose
from pipeline.parse.table_reads import TABLE_NAMES, printed_tables, table_reads
from pipeline.parse.tables import read_tables
from pipeline.parse.script import simplify_document
from pipeline.parse.template import BLANK_FORM, detect_template, is_blank_form

# Words every disclosure report uses somewhere; a file with none of them is not a report.
REPORT_MARKERS = ("信息公开", "政务公开", "政府信息")
# Issue kinds that mean a number was seen but not loaded.
UNPLACED_KINDS = frozenset({"unplaced_row", "unplaced_number", "ambiguous_row", "prose_inconsistent", "non_integer_count",
                            "ambiguous_split", "table_not_certified", "table_not_read",
                            "ocr_unsure", "ocr_uncertified"})
COUNT_TABLES = frozenset({"requests", "review_litigation"})


# Real reports run to thousands of characters; a file with a title and a sentence and no figure
# at all is a cut-off download or a placeholder page, not a report that says "nothing happened".
MIN_REPORT_CHARS = 300


def _visible_chars(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \t\r\n\u3000")


ALL_TABLES = frozenset({"active_disclosure", "requests", "review_litigation"})
_TABLE_OF = {t: t for t in ALL_TABLES}


def _whole_counts(facts: list[Fact]) -> tuple[list[Fact], list[Issue]]:
    """Requests and cases are whole numbers: a 2.5 there is a misread or a typo, never a count to
    round. It is reported and its cell stays unknown."""
    kept, issues = [], []
    for f in facts:
        if f.table in COUNT_TABLES and f.value is not None and f.value != int(f.value):
            issues.append(Issue("non_integer_count", f"{f.table}.{f.row}.{f.col}: {f.value:g} is not a whole number",
                                f.line, f.page, f.raw))
            continue
        kept.append(f)
    return kept, issues


def parse_document(doc: Document) -> ParsedReport:
    original = doc
    doc = simplify_document(doc)  # a traditional or pinyin-glossed mirror reads as its original
    text = doc.text()
    if not any(marker in text for marker in REPORT_MARKERS):
        return ParsedReport(
            source_path=doc.source_path,
            template=None,
            status="quarantined",
            reason="not a disclosure report: no 政府信息公开/政务公开 wording in the text",
        )
    template = detect_template(doc.lines)
    tables = read_tables(doc, template)
    facts = list(tables.facts)
    issues = list(tables.issues)
    # Prose fills only the tables the report does not print: a printed table always wins, even
    # when the reader failed on it (then it is 'table_not_read', never a number from a sentence),
    # and a report that prints all three needs no prose reading at all.
    printed = printed_tables(doc.lines) if template in ("2019", "2021") else {}
    read = {f.table for f in facts}
    for table, line in printed.items():
        if table not in read:
            issues.append(Issue("table_not_read", f"table {TABLE_NAMES[table]} is printed but none of its cells "
                                "could be read; nothing is loaded for it, not even from prose", line.no, line.page,
                                line.text))
    blocked = tables.found | set(printed)
    if not blocked >= ALL_TABLES:
        prose = read_prose(doc)
        facts += [f for f in prose.facts if f.table not in blocked]
        issues += prose.issues_for(blocked)  # doubts about prose figures of a printed table are not the report's
    if not facts and _visible_chars(text) < MIN_REPORT_CHARS:
        return ParsedReport(
            source_path=doc.source_path,
            template=None,
            status="quarantined",
            reason=f"too little text for a report ({_visible_chars(text)} characters, no figures): "
            "truncated, or a stub page",
        )
    facts, count_issues = _whole_counts(facts)
    issues += count_issues
    # a document simplify_document left as it was is simplified already: not looked at again
    meta, meta_issues = read_report_meta(doc, simplified=doc is original)
    issues += meta_issues
    if doc.format == OCR_FORMAT:  # OCR'd numbers load only where the arithmetic certifies them
        facts, checks, ocr_issues = certify_ocr(doc, facts, template)
        issues += ocr_issues
    else:
        checks = run_checks(facts, template)
    status = "partial" if any(i.kind in UNPLACED_KINDS for i in issues) else "loaded"
    kinds = {t: list(k) for t, k in tables.issue_kinds.items()}
    for i in count_issues:
        kinds.setdefault(_TABLE_OF.get(i.message.split(".", 1)[0], ""), []).append(i.kind)
    for i in issues:
        if i.kind == "table_not_read":
            kinds.setdefault(next(t for t, n in TABLE_NAMES.items() if f"table {n} " in i.message), []).append(i.kind)
    if is_blank_form(template, meta.agency_name, meta.report_year, facts):
        status = BLANK_FORM
    return ParsedReport(
        source_path=doc.source_path,
        template=template,
        status=status,
        meta=meta,
        facts=facts,
        issues=issues,
        checks=checks,
        reads=table_reads(template, facts, kinds, printed, tables.found),
    )
