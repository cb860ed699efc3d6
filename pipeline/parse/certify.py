"""The tables' own arithmetic as a judge of placement: order alignment and digit splitting.

A row whose label is lost or unreadable may still be placed by the template's row order, and a
run of digits printed without separators ('123000015') may still be split into cells, but only
when the report's identities (DOMAIN.md section 1) certify the result:

- table 三, per row: total = the six applicant columns; per column: received_new + carried_over =
  handled_total + carried_forward, and handled_total = the sum of the handling rows;
- table 四, per proceeding: total = upheld + corrected + other + pending.

Certification is two-sided. The chosen reading must pass every identity, all of them checkable
(no unknown cell in them); and no other reading a damaged extraction could equally have produced
(the rows one off, a row dropped, a swapped pair, another split) may pass them as well while
giving different numbers. Otherwise nothing is placed and the reader reports why.

A swap of two rows that play the same part in every identity (two handling rows, or received_new
and carried_over) is no competing reading: the identities are symmetric in them, so no
arithmetic can ever tell them apart, and only the printed order places them, which is the
premise of order placement. Swaps that move a row across identities are checked.
"""
from __future__ import annotations

from itertools import product
from typing import Callable, Sequence

from pipeline.codes import APPLICANTS, HANDLING_OUTCOMES, OUTCOMES

Values = Sequence[float | None]

# Table 三 row order per template (the 2019 template has the single （六）其他处理 row).
_OTHER_SPLIT = ("other_no_correction", "other_unpaid_fee", "other_other")
TEMPLATE_ROWS: dict[str, tuple[str, ...]] = {
    "2019": tuple(c for c in OUTCOMES if c not in _OTHER_SPLIT),
    "2021": tuple(c for c in OUTCOMES if c != "other_handling"),
}
N_COLS = len(APPLICANTS)
_IN = ("received_new", "carried_over")


def role(code: str) -> str:
    """The part a table 三 row plays in the identities."""
    if code in _IN:
        return "in"
    if code in HANDLING_OUTCOMES:
        return "handling"
    return code  # handled_total, carried_forward: each its own part


def row_sum_holds(values: Values) -> bool:
    """Table 三 row: the last of 7 cells is the sum of the first six (all known)."""
    return all(v is not None for v in values) and abs(values[-1] - sum(values[:-1])) < 1e-9


def requests_identities(table: dict[str, Values], codes: Sequence[str]) -> tuple[int, int]:
    """(identities checked, identities failed) over a table 三 given as code → 7 values, for the
    template rows `codes`. An identity with a missing row or an unknown cell is not checked."""
    checked = failed = 0

    def judge(ok: bool) -> None:
        nonlocal checked, failed
        checked += 1
        failed += not ok

    for values in table.values():
        if all(v is not None for v in values):
            judge(row_sum_holds(values))
    handling = [c for c in codes if c in HANDLING_OUTCOMES]
    for col in range(N_COLS):
        def cell(code: str) -> float | None:
            row = table.get(code)
            return None if row is None else row[col]

        balance = [cell(c) for c in ("received_new", "carried_over", "handled_total", "carried_forward")]
        if all(v is not None for v in balance):
            judge(abs(balance[0] + balance[1] - balance[2] - balance[3]) < 1e-9)
        total = cell("handled_total")
        parts = [cell(c) for c in handling]
        if total is not None and handling and all(v is not None for v in parts):
            judge(abs(total - sum(parts)) < 1e-9)
    return checked, failed


def certify_order(values: list[Values], template: str | Sequence[str]) -> tuple[bool, str]:
    """Whether value rows, read in printed order, are the template's rows in its order
    (`template`: '2019', '2021' or the row codes themselves).

    Accepted only when there are exactly as many rows as the template has, every identity is
    checkable and holds, and no competing alignment (rows one off, a dropped row, a swapped pair
    across identities) passes as well with different numbers. Returns (accepted, reason)."""
    if isinstance(template, str):
        if template not in TEMPLATE_ROWS:
            return False, "template unknown: no row order to align to"
        codes = TEMPLATE_ROWS[template]
    else:
        codes = tuple(template)
    if len(values) != len(codes):
        return False, f"{len(values)} value rows for the template's {len(codes)}: a row is missing or extra"
    primary = dict(zip(codes, values))
    checked, failed = requests_identities(primary, codes)
    if checked < len(codes) + 2 * N_COLS:
        return False, "a cell is blank or unknown, so the identities cannot certify the order"
    if failed:
        return False, f"{failed} identities fail under the template's order"
    for name, alt in _alternatives(codes, values):
        if {k: list(v) for k, v in alt.items()} == {k: list(v) for k, v in primary.items() if k in alt} \
                and len(alt) == len(primary):
            continue  # same numbers in the same cells: not a different reading
        a_checked, a_failed = requests_identities(alt, codes)
        if not a_failed and a_checked >= checked:
            return False, f"ambiguous: {name} satisfies the identities as well"
    return True, f"order certified by all {checked} identities; no competing alignment holds"


def _alternatives(codes: tuple[str, ...], values: list[Values]):
    n = len(codes)
    # one row off: the rows start one earlier or one later (a spurious row at one end, a lost
    # row at the other)
    yield "the rows one later", dict(zip(codes[1:], values[:-1]))
    yield "the rows one earlier", dict(zip(codes, values[1:]))
    # a dropped row: row i lost and a spurious row at the end (or start) taking its place
    for i in range(n):
        kept = codes[:i] + codes[i + 1:]
        yield f"{codes[i]} dropped", dict(zip(kept, values[:-1]))
        yield f"{codes[i]} dropped (spurious first row)", dict(zip(kept, values[1:]))
    # a swapped pair across identities
    for i in range(n - 1):
        if role(codes[i]) == role(codes[i + 1]):
            continue
        swapped = list(values)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        yield f"{codes[i]} and {codes[i + 1]} swapped", dict(zip(codes, swapped))


# --- digit runs -------------------------------------------------------------------------------

def digit_splits(digits: str, n: int, group_ok: Callable[[list[int]], bool], group: int,
                 limit: int = 64) -> list[list[int]]:
    """Every way to cut a run of digits into n numbers (no number but 0 starts with 0) such that
    each completed group of `group` numbers passes group_ok; at most `limit` found."""
    out: list[list[int]] = []
    if not digits.isdigit() or len(digits) < n:
        return out

    def walk(pos: int, parts: list[int]) -> None:
        if len(out) >= limit:
            return
        left = n - len(parts)
        if left == 0:
            if pos == len(digits):
                out.append(list(parts))
            return
        rest = len(digits) - pos
        if rest < left:
            return
        max_len = 1 if digits[pos] == "0" else rest - (left - 1)
        for ln in range(1, max_len + 1):
            parts.append(int(digits[pos:pos + ln]))
            if len(parts) % group or group_ok(parts[-group:]):
                walk(pos + ln, parts)
            parts.pop()

    walk(0, [])
    return out


def requests_splits(digits: str) -> list[list[int]]:
    """Splits of a table 三 row's run: 7 numbers whose last is the sum of the six."""
    return digit_splits(digits, N_COLS, lambda g: g[-1] == sum(g[:-1]), N_COLS)


def review_splits(digits: str) -> list[list[int]]:
    """Splits of table 四's run: 15 numbers, each proceeding's total the sum of its four."""
    return digit_splits(digits, 15, lambda g: g[-1] == sum(g[:-1]), 5)


def rows_of(codes: Sequence[str]) -> tuple[str, ...]:
    """The template row order a set of table 三 codes belongs to (2021 when it has （六）'s
    sub-rows, else 2019)."""
    return TEMPLATE_ROWS["2021" if any(c in _OTHER_SPLIT for c in codes) else "2019"]


def resolve_splits(fixed: dict[str, Values], ambiguous: dict[str, list[list[int]]],
                   max_combinations: int = 4096) -> dict[str, list[int]] | None:
    """The one choice of split per ambiguous row under which the table's column identities all
    hold, or None when no choice or more than one does (or too many to try)."""
    total = 1
    for cands in ambiguous.values():
        total *= len(cands)
    if not ambiguous or total > max_combinations:
        return None
    found = None
    keys = list(ambiguous)
    codes = rows_of([*fixed, *keys])
    for choice in product(*(ambiguous[k] for k in keys)):
        table = dict(fixed)
        table.update({k: [float(v) for v in c] for k, c in zip(keys, choice)})
        checked, failed = requests_identities(table, codes)
        # every identity must be checkable: the choice must be pinned by the columns
        if failed or checked < len(codes) + 2 * N_COLS:
            continue
        if found is not None:
            return None
        found = dict(zip(keys, choice))
    return found
