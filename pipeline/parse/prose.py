"""Figures given in sentences (legacy reports 2008–2018, 总体情况 of template reports) → facts.

A reader of roles, in four steps, each in its own module:
1. pipeline.parse.prose_text: lines → paragraphs → sentences, normalised for matching, each
   character keeping its line and page.
2. pipeline.parse.prose_roles: each sentence, clause by clause: counts with their units, a role
   for each from the clause's predicate, the noun it counts and the enumeration it belongs to;
   statements of absence as zeros, per kind.
3. here: the roles of the whole report become one set of figures per table, loaded only when it
   is consistent: outcomes add up to the answered total; received + carried over = answered +
   carried forward (when all are given); review/litigation results add up to their total and the
   after-review + direct lawsuits to the lawsuits. An inconsistent set, or one figure given two
   values, is reported (Issue 'prose_inconsistent') and not loaded.
4. pipeline.parse.prose_stats: the statistics table many 2008–2014 reports append (申请总数,
   同意公开答复数 …), often flattened into text. A table value wins over the prose; a disagreement
   is reported (Issue 'prose_table_mismatch').

A zero total implies zero parts, so '行政诉讼0件' fills both litigation rows and '不予公开0件' the
eight withheld_* rows; a non-zero count without its breakdown uses the *_unspecified codes of
pipeline.codes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.codes import OUTCOMES
from pipeline.model import Document, Fact, Issue
from pipeline.parse.prose_roles import UNPLACED, Context, Found, read_sentence
from pipeline.parse.prose_stats import read_statistics
from pipeline.parse.prose_text import GLOSS, Sentence, index_map, sentences

_GROUP_ZERO = {
    "withheld_unspecified": [c for c in OUTCOMES if c.startswith("withheld_")],
    "unavailable_unspecified": [c for c in OUTCOMES if c.startswith("unavailable_")],
    "rejected_unspecified": [c for c in OUTCOMES if c.startswith("rejected_")],
    "litigation_unspecified": ["litigation_direct", "litigation_after_review"],
}
_BALANCE = ("received_new", "carried_over", "handled_total", "carried_forward")
_LITIGATION_PARTS = ("litigation_direct", "litigation_after_review")


@dataclass
class ProseResult:
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # the fact table each issue is about (same order as `issues`; None: not one table's)
    issue_tables: list[str | None] = field(default_factory=list)

    def add(self, table: str | None, issue: Issue) -> None:
        self.issues.append(issue)
        self.issue_tables.append(table)

    def issues_for(self, printed: set[str] | frozenset[str]) -> list[Issue]:
        """The issues that matter when the report prints `printed` tables itself: prose figures of
        a printed table are never used, so their doubts are not the report's."""
        return [i for i, t in zip(self.issues, self.issue_tables) if t not in printed]


def _fact(s: Sentence, f: Found, row: str | None = None, note_extra: str = "") -> Fact:
    if not s.idx:
        s.idx = index_map(s.text)
    a = s.idx[f.start] if f.start < len(s.idx) else 0
    b = s.idx[f.end - 1] + 1 if 0 < f.end <= len(s.idx) else len(s.text)
    # widen to the clause the number sits in, for a readable fragment
    while a > 0 and (s.text[a - 1] not in "，,、；;。：:（(" or GLOSS.match(s.text, a - 1)):
        a -= 1
    line, page = s.pos[a] if a < len(s.pos) else (None, None)
    return Fact(
        table=f.table, row=row or f.row, col=f.col, value=f.value, raw=s.text[a:b].strip(),
        line=line, page=page, unit=f.unit, method="prose",
        note=s.text.strip() + note_extra,
    )


def _merge_within(found: list[Found]) -> list[Found]:
    """Two parts of one enumeration with the same row (信息不存在1件，非本机关掌握1件 are both
    unavailable_not_held) add up; a total named twice in one sentence keeps its first value."""
    out: list[Found] = []
    by_key: dict[tuple[str, str, str], Found] = {}
    for f in found:
        key = (f.table, f.row, f.col)
        prev = by_key.get(key)
        if prev is None:
            by_key[key] = f
            out.append(f)
        elif f.table == "requests" and f.row not in _BALANCE:
            prev.value += f.value
            prev.end = max(prev.end, f.end)
    return out


def _one_count_per_group(cells: dict[tuple[str, str, str], Fact]) -> dict[tuple[str, str, str], Fact]:
    """不予公开2件 in one sentence and 均属于商业秘密 (→ withheld_third_party 2) in the next are the
    same requests: when a group's reasons add up to its stated count they replace it; when they
    do not (a partial breakdown), the group count stays and the reasons are not loaded."""
    for group in ("withheld_unspecified", "unavailable_unspecified", "rejected_unspecified"):
        whole = cells.get(("requests", group, "total"))
        prefix = group.split("_")[0] + "_"
        parts = [k for k in cells if k[0] == "requests" and k[1].startswith(prefix) and k[1] != group]
        if whole is None or not parts:
            continue
        if sum(cells[k].value for k in parts) == whole.value:
            del cells[("requests", group, "total")]
        else:
            for k in parts:
                del cells[k]
    return cells


def _set_problems(cells: dict[tuple[str, str, str], Fact]) -> dict[str, str]:
    """Why a table's set of figures cannot be loaded, per table ('' when consistent)."""
    out: dict[str, str] = {}
    req = {r: f.value for (t, r, c), f in cells.items() if t == "requests"}
    parts = {r: v for r, v in req.items() if r not in _BALANCE}
    problems = []
    if len(parts) >= 2:
        part_sum = sum(parts.values())
        if "handled_total" in req:
            if part_sum != req["handled_total"]:
                problems.append(f"outcomes add up to {part_sum:g}, answered total is {req['handled_total']:g}")
        elif "received_new" in req:
            total = req["received_new"] + req.get("carried_over", 0)
            rest = part_sum + req.get("carried_forward", 0)
            if rest != total:
                problems.append(f"outcomes add up to {rest:g}, requests received {total:g}")
    if all(k in req for k in ("received_new", "handled_total", "carried_forward")):
        lhs = req["received_new"] + req.get("carried_over", 0)
        rhs = req["handled_total"] + req["carried_forward"]
        if lhs != rhs:
            problems.append(f"received + carried over = {lhs:g}, answered + carried forward = {rhs:g}")
    if problems:
        out["requests"] = "; ".join(problems)
    rev: dict[str, dict[str, float]] = {}
    for (t, r, c), f in cells.items():
        if t == "review_litigation":
            rev.setdefault(r, {})[c] = f.value
    problems = []
    for p, cols in rev.items():
        res = [v for c, v in cols.items() if c != "total"]
        if "total" in cols and len(res) >= 2 and sum(res) != cols["total"]:
            problems.append(f"{p}: results add up to {sum(res):g}, total is {cols['total']:g}")
    split = [rev.get(p, {}).get("total") for p in _LITIGATION_PARTS]
    whole = rev.get("litigation_unspecified", {}).get("total")
    if whole is not None and None not in split and sum(split) != whole:
        problems.append(f"lawsuits after review + direct = {sum(split):g}, lawsuits {whole:g}")
    if problems:
        out["review_litigation"] = "; ".join(problems)
    return out


def read_prose(doc: Document) -> ProseResult:
    result = ProseResult()
    chosen: dict[tuple[str, str, str], Fact] = {}
    conflicts: set[tuple[str, str, str]] = set()
    prev_norm = ""
    ctx = Context()
    for s in sentences(doc):
        found = read_sentence(s, prev_norm, ctx)
        prev_norm = s.norm
        for f in (f for f in found if f.table == UNPLACED):
            fact = _fact(s, f)
            result.add(f.row, Issue("unplaced_number", f"{f.row}: {f.col}: {fact.raw}", fact.line, fact.page,
                                    fact.note or ""))
        found = _merge_within([f for f in found if f.table != UNPLACED])
        for f in found:
            fact = _fact(s, f)
            key = (fact.table, fact.row, fact.col)
            if key in chosen:
                if chosen[key].value != fact.value:
                    conflicts.add(key)
                    result.add(key[0], Issue(
                        "prose_inconsistent",
                        f"{key[0]}.{key[1]}.{key[2]} given as {chosen[key].value:g} and {fact.value:g}",
                        fact.line, fact.page, fact.note or ""))
                continue
            chosen[key] = fact
    cells = _one_count_per_group({k: f for k, f in chosen.items() if k not in conflicts})
    dropped = _set_problems(cells)
    for table, why in dropped.items():
        first = min((f for k, f in cells.items() if k[0] == table), key=lambda f: (f.line or 0))
        result.add(table, Issue("prose_inconsistent", f"{table} figures not loaded: {why}",
                                   first.line, first.page, first.note or ""))
    cells = {k: f for k, f in cells.items() if k[0] not in dropped}
    # after-review + direct given and adding up: the split is the figure, not the whole
    if all(("review_litigation", p, "total") in cells for p in _LITIGATION_PARTS):
        cells.pop(("review_litigation", "litigation_unspecified", "total"), None)
    table_facts, table_issues = read_statistics(doc)
    for table, issue in table_issues:
        result.add(table, issue)
    for f in table_facts:
        key = (f.table, f.row, f.col)
        prose = cells.get(key)
        if prose is not None and prose.value != f.value:
            result.add(key[0], Issue(
                "prose_table_mismatch",
                f"{key[0]}.{key[1]}.{key[2]}: statistics table {f.value:g}, text {prose.value:g} (table loaded)",
                f.line, f.page, f.raw))
        cells[key] = f
    cells = _one_count_per_group(cells)  # the form's reasons under its 不同意公开 row, too
    final = {k: f for k, f in cells.items() if not _expand_zero(f)}
    for f in cells.values():
        for x in _expand_zero(f) or []:
            final.setdefault((x.table, x.row, x.col), x)
    result.facts = list(final.values())
    return result


def _expand_zero(f: Fact) -> list[Fact] | None:
    """A zero group total as zeros in each of its rows (None when `f` is not one); a row the
    report gives itself is kept."""
    if f.value == 0 and f.col == "total" and f.row in _GROUP_ZERO:
        return [Fact(f.table, r, f.col, 0, f.raw, f.line, f.page, f.unit, f.method,
                     (f.note or "") + f" [0 {f.row} → 0 {r}]") for r in _GROUP_ZERO[f.row]]
    return None
