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


def review_splits(digits: str) -> list[list[int]]:
    """Splits of table 四's run: 15 numbers, each proceeding's total the sum of its four."""
    return digit_splits(digits, 15, lambda g: g[-1] == sum(g[:-1]), 5)


def rows_of(codes: Sequence[str]) -> tuple[str, ...]:
    """The template row order a set of table 三 codes belongs to (2021 when it has （六）'s
    sub-rows, else 2019)."""
    return TEMPLATE_ROWS["2021" if any(c in _OTHER_SPLIT for c in codes) else "2019"]


SPLIT_LIMIT = 64  # splits of one run kept; a run with more is not resolved (reported)
SEARCH_CAP = 50_000  # candidate rows tried by solve_splits before it gives up (reported)


def requests_splits(digits: str) -> list[list[int]]:
    """Splits of a table 三 row's run: 7 numbers whose last is the sum of the six (at most
    SPLIT_LIMIT + 1 are returned, so a caller can tell that the list is not the whole set)."""
    return digit_splits(digits, N_COLS, lambda g: g[-1] == sum(g[:-1]), N_COLS, limit=SPLIT_LIMIT + 1)


def _column_equations(codes: Sequence[str]) -> list[dict[str, int]]:
    """Table 三's column identities as sums that must be 0 in every column:
    handled_total - Σ handling rows, and received_new + carried_over - handled_total - carried_forward."""
    handling = {c: -1 for c in codes if c in HANDLING_OUTCOMES}
    return [{"handled_total": 1, **handling},
            {"received_new": 1, "carried_over": 1, "handled_total": -1, "carried_forward": -1}]


def solve_splits(fixed: dict[str, Values], ambiguous: dict[str, list[list[int]]],
                 cap: int = SEARCH_CAP) -> tuple[dict[str, list[int]] | None, str]:
    """The one choice of split per ambiguous row under which every identity of the table holds.

    Returns (choice, status); status is 'unique' (choice given), 'none' (no choice holds),
    'several' (more than one does), 'uncheckable' (a template row is missing or has an unknown
    cell, so the identities cannot pin the choice) or 'capped' (more than `cap` candidate rows
    tried before the search ended; nothing is guessed).

    A depth-first search over the ambiguous rows that prunes by the column identities: for each
    identity and column, the sum of the rows fixed so far plus the smallest and largest the
    rows still open can add must bracket 0, or no choice below this one can hold."""
    if not ambiguous:
        return None, "none"
    codes = rows_of([*fixed, *ambiguous])
    if any(c not in fixed and c not in ambiguous for c in codes) \
            or any(v is None for c in codes if c in fixed for v in fixed[c]):
        return None, "uncheckable"
    if any(not row_sum_holds(fixed[c]) for c in codes if c in fixed):
        return None, "none"
    eqs = _column_equations(codes)
    keys = sorted(ambiguous, key=lambda k: len(ambiguous[k]))
    # acc[e][col]: the identity's sum over the rows placed so far; lo/hi: its range over the open rows
    acc = [[0.0] * N_COLS for _ in eqs]
    lo = [[0.0] * N_COLS for _ in eqs]
    hi = [[0.0] * N_COLS for _ in eqs]
    for e, eq in enumerate(eqs):
        for code, a in eq.items():
            for col in range(N_COLS):
                if code in fixed:
                    acc[e][col] += a * fixed[code][col]
                else:
                    vals = [a * cand[col] for cand in ambiguous[code]]
                    lo[e][col] += min(vals)
                    hi[e][col] += max(vals)
    # span[k][e][col]: the least and most row k can add to identity e in column col
    span: dict[str, list[list[tuple[float, float]]]] = {}
    for k in keys:
        span[k] = []
        for eq in eqs:
            a = eq.get(k, 0)
            span[k].append([(min(a * c[col] for c in ambiguous[k]), max(a * c[col] for c in ambiguous[k]))
                            for col in range(N_COLS)])
    found: list[dict[str, list[int]]] = []
    chosen: dict[str, list[int]] = {}
    tried = 0

    def feasible() -> bool:
        return all(acc[e][c] + lo[e][c] <= 1e-9 and acc[e][c] + hi[e][c] >= -1e-9
                   for e in range(len(eqs)) for c in range(N_COLS))

    def move(k: str, cand: list[int], sign: int) -> None:
        # sign 1: row k leaves the open rows with `cand`; -1: undo
        for e, eq in enumerate(eqs):
            a = eq.get(k)
            if not a:
                continue
            for c in range(N_COLS):
                mn, mx = span[k][e][c]
                acc[e][c] += sign * a * cand[c]
                lo[e][c] -= sign * mn
                hi[e][c] -= sign * mx

    def walk(i: int) -> bool:  # False: stop (cap hit or a second answer found)
        nonlocal tried
        if i == len(keys):
            found.append(dict(chosen))
            return len(found) < 2
        k = keys[i]
        for cand in ambiguous[k]:
            tried += 1
            if tried > cap:
                return False
            move(k, cand, 1)
            if feasible():
                chosen[k] = cand
                if not walk(i + 1):
                    move(k, cand, -1)
                    return False
                del chosen[k]
            move(k, cand, -1)
        return True

    complete = walk(0)
    if not complete and len(found) < 2:
        return None, "capped"
    if len(found) != 1:
        return None, "several" if found else "none"
    table = {**fixed, **{k: [float(v) for v in c] for k, c in found[0].items()}}
    checked, failed = requests_identities(table, codes)
    if failed or checked < len(codes) + 2 * N_COLS:  # the search's identities are these: never true
        return None, "none"
    return found[0], "unique"

