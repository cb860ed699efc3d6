"""Which numbers of an OCR'd document may be loaded: only those the report's own arithmetic
certifies, read from cells OCR was sure of.

OCR can misread a digit with confidence, so a confident cell alone is not enough. A number is
loaded when
1. its cell's every character was recognised with at least `MIN_CONF` (Cell.conf), and
2. at least one identity of the report's arithmetic that uses it holds (pipeline/parse/arithmetic.py)
   and none that uses it fails.
A cell of table 三 sits in a row sum and a column identity, so a misread digit breaks both and
takes its row and column out; a number wrong in a way its identities cannot see would need a
second misread that cancels it in each of them. Numbers no identity covers (table 二, prose
figures) are never loaded from OCR. Everything not loaded is reported with page and text.

Which identities use a cell is found by moving the cell's value and seeing which checks move,
so the identities stay defined in one place (arithmetic.py).
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.model import OCR_FORMAT, Check, Document, Fact, Issue
from pipeline.parse.arithmetic import run_checks

MIN_CONF = 0.95  # lowest character confidence of a cell whose number may be loaded
UNSURE, UNCERTIFIED = "ocr_unsure", "ocr_uncertified"
_FAILED = frozenset({"source_error", "parse_error"})


def certify_ocr(doc: Document, facts: list[Fact], template: str | None) -> tuple[list[Fact], list[Check], list[Issue]]:
    """(facts to load, the report's checks over the sure cells, issues for everything held back)."""
    conf = {(c.page, c.box): c.conf for g in doc.grids for r in g.rows for c in r if c.box is not None}
    sure: list[Fact] = []
    issues: list[Issue] = []
    for f in facts:
        c = conf.get((f.page, f.box)) if f.box is not None else None
        if f.value is None and c is not None and c < MIN_CONF:  # ink that OCR could not read
            issues.append(Issue(UNSURE, f"{f.table}.{f.row}.{f.col}: the cell holds marks OCR could not read; "
                                "not loaded", f.line, f.page, f.raw))
            continue
        if f.value is not None and c is None:  # prose, or text lines: nothing certifies it
            issues.append(Issue(UNCERTIFIED, f"{f.table}.{f.row}.{f.col}: OCR read '{f.raw}' outside a table "
                                "cell the report's arithmetic can certify; not loaded", f.line, f.page, f.raw))
            continue
        if f.value is not None and c < MIN_CONF:
            issues.append(Issue(UNSURE, f"{f.table}.{f.row}.{f.col}: OCR is unsure of '{f.raw}' (character "
                                f"confidence {c:.2f} < {MIN_CONF}); not loaded", f.line, f.page, f.raw))
            continue
        sure.append(f)
    checks = run_checks(sure, template)
    base = {_key(c): (c.lhs, c.rhs) for c in checks}
    status = {_key(c): c.status for c in checks}
    kept: list[Fact] = []
    for i, f in enumerate(sure):
        if f.value is None:
            continue  # an empty OCR cell may be a digit the detector missed: no blank is claimed
        moved = sure[:i] + [replace(f, value=f.value + 1)] + sure[i + 1:]
        used = [k for k, (lhs, rhs) in ((_key(c), (c.lhs, c.rhs)) for c in run_checks(moved, template))
                if k in base and base[k] != (lhs, rhs)]
        held = [k for k in used if status[k] == "pass"]
        failed = [k for k in used if status[k] in _FAILED]
        if held and not failed:
            kept.append(replace(f, method="ocr", note=f"OCR'd (confidence {conf[(f.page, f.box)]:.2f}); "
                                                     f"holds in {', '.join(_name(k) for k in held)}"))
            continue
        why = (f"breaks {', '.join(_name(k) for k in failed)}" if failed
               else "no identity of the report's arithmetic that holds covers it")
        issues.append(Issue(UNCERTIFIED, f"{f.table}.{f.row}.{f.col}: OCR read '{f.raw}', {why}; not loaded",
                            f.line, f.page, f.raw))
    return kept, checks, issues


def _key(c: Check) -> tuple[str, str, str]:
    return c.table, c.name, c.scope


def _name(k: tuple[str, str, str]) -> str:
    return f"{k[0]}.{k[1]}({k[2]})"
