"""The numbers a synthetic report states: tables 三 and 四 (with the report's own arithmetic,
broken on purpose for a few), table 二, and which cells the report leaves blank.

Drawn from their own random stream so that a report re-issued with new numbers keeps its layout.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from pipeline.codes import APPLICANTS, HANDLING_OUTCOMES, PROCEEDINGS, RESULTS

APPLICANT_COLS = [a for a in APPLICANTS if a != "total"]
RESULT_COLS = [r for r in RESULTS if r != "total"]
OUTCOMES_2019 = [o for o in HANDLING_OUTCOMES if not o.startswith("other_") or o == "other_handling"]
OUTCOMES_2021 = [o for o in HANDLING_OUTCOMES if o != "other_handling"]

# How often a handled request ends in each outcome: most are granted or "not held"; the withheld
# and rejected reasons are rare, so most of their cells are 0 as in real reports.
OUTCOME_WEIGHT = {
    "granted": 50, "partially_granted": 8, "unavailable_not_held": 18, "unavailable_needs_creation": 3,
    "unavailable_unclear": 2, "rejected_petition": 5, "rejected_duplicate": 3, "withheld_process_info": 2,
    "withheld_third_party": 1, "withheld_internal_affairs": 1, "other_handling": 4, "other_no_correction": 2,
    "other_other": 2,
}
APPLICANT_WEIGHT = {"natural_person": 88, "enterprise": 7, "research_institution": 0.5, "nonprofit": 0.5,
                    "legal_service": 2, "other_org": 2}


@dataclass(slots=True)
class Values:
    requests: dict[str, dict[str, int | None]] = field(default_factory=dict)
    review: dict[str, dict[str, int | None]] = field(default_factory=dict)
    disclosure: list[int | float] = field(default_factory=list)
    broken: str | None = None  # which identity the printed numbers break, e.g. 'applicants_sum:granted'
    blank_rows: set[str] = field(default_factory=set)  # rows printed blank (truth None)
    review_blank: bool = False
    all_blank: bool = False
    # Legacy prose figures (None: the report does not say).
    received: int | None = None
    review_total: int | None = None
    litigation_total: int | None = None


def scale(level: str, agency: str, rng: random.Random) -> int:
    """Requests received in a year: governments get many, most departments few or none."""
    if agency.endswith("人民政府"):
        top = {"province": 3000, "prefecture": 800, "county": 150}[level]
    elif any(s in agency for s in ("自然资源", "住房和城乡建设", "公安", "人力资源")):
        top = {"province": 400, "prefecture": 120, "county": 40}[level]
    else:
        top = {"province": 40, "prefecture": 12, "county": 5}[level]
    if rng.random() < 0.35:
        return 0
    return int(top * rng.random() ** 2.5) + (1 if rng.random() < 0.5 else 0)


def split(total: int, weights: dict[str, float], keys: list[str], rng: random.Random) -> dict[str, int]:
    """Split a count over keys roughly by weight, with per-report noise; exact sum."""
    w = [weights.get(k, 0.2) * (0.3 + rng.random()) for k in keys]
    s = sum(w)
    out = {k: int(total * wk / s) for k, wk in zip(keys, w)}
    rest = total - sum(out.values())
    for k in rng.choices(keys, weights=w, k=rest) if rest else ():
        out[k] += 1
    return out


def template_values(template: str, level: str, agency: str, rng: random.Random) -> Values:
    v = Values()
    outcomes = OUTCOMES_2019 if template == "2019" else OUTCOMES_2021
    received = split(scale(level, agency, rng), APPLICANT_WEIGHT, APPLICANT_COLS, rng)
    rows: dict[str, dict[str, int]] = {o: {} for o in ["received_new", "carried_over", *outcomes,
                                                        "handled_total", "carried_forward"]}
    for col in APPLICANT_COLS:
        new = received[col]
        carried = int(new * rng.random() * 0.12) if rng.random() < 0.3 else 0
        forward = int((new + carried) * rng.random() * 0.12) if rng.random() < 0.3 else 0
        handled = new + carried - forward
        rows["received_new"][col] = new
        rows["carried_over"][col] = carried
        rows["carried_forward"][col] = forward
        rows["handled_total"][col] = handled
        for o, n in split(handled, OUTCOME_WEIGHT, outcomes, rng).items():
            rows[o][col] = n
    for r in rows.values():
        r["total"] = sum(r[c] for c in APPLICANT_COLS)

    review: dict[str, dict[str, int]] = {}
    for p in PROCEEDINGS:
        n = int(scale(level, agency, rng) * 0.05 * rng.random()) if rng.random() < 0.4 else 0
        review[p] = split(n, {"upheld": 6, "corrected": 1, "other": 1, "pending": 2}, RESULT_COLS, rng)
        review[p]["total"] = n

    # A few reports print numbers that break their own arithmetic: the truth is what is printed.
    if rng.random() < 0.08:
        kind = rng.choice(["applicants_sum", "outcomes_sum", "balance", "results_sum"])
        bump = rng.choice([1, 1, 2, 3, 10])
        if kind == "applicants_sum":
            row = rng.choice(list(rows))
            rows[row]["total"] += bump
            v.broken = f"applicants_sum:{row}"
        elif kind == "outcomes_sum":
            col = rng.choice(APPLICANT_COLS)
            rows["handled_total"][col] += bump
            rows["handled_total"]["total"] += bump
            v.broken = f"outcomes_sum:{col}"
        elif kind == "balance":
            rows["carried_forward"]["natural_person"] += bump
            rows["carried_forward"]["total"] += bump
            v.broken = "balance:natural_person"
        else:
            p = rng.choice(list(PROCEEDINGS))
            review[p]["total"] += bump
            v.broken = f"results_sum:{p}"

    v.requests = rows  # type: ignore[assignment]
    v.review = review  # type: ignore[assignment]
    blanks = rng.random()
    if blanks < 0.03:
        # The table printed as labels only (a real, common case): every cell unknown, not 0.
        v.all_blank = True
        v.blank_rows = set(rows)
        v.review_blank = True
    elif blanks < 0.28:
        v.blank_rows = {o for o, r in rows.items() if not any(r.values()) and rng.random() < 0.6}
        v.review_blank = not any(x for r in review.values() for x in r.values()) and rng.random() < 0.5
    n_disc = 12 if template == "2019" else 10
    v.disclosure = [rng.choice([0, 0, rng.randint(0, 60)]) for _ in range(n_disc)]
    return v


def legacy_values(level: str, agency: str, rng: random.Random) -> Values:
    v = Values()
    v.received = scale(level, agency, rng)
    u = rng.random()
    if u < 0.1:
        return v  # the report never mentions review or litigation: unknown, not 0
    v.review_total = 0 if u < 0.8 else rng.randint(1, 4)
    v.litigation_total = 0
    return v
