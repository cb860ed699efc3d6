"""The one repair applied to a row that cannot be placed: a number split across two cells.

PDF text layers sometimes cut a number in two ('1' | '0' for 10), which gives a row one number
too many. Joining each adjacent pair in turn gives candidate rows; the repair is applied only
when exactly one candidate makes the row's own total hold, and it is flagged with the original.
"""
from __future__ import annotations

from typing import Callable

from pipeline.model import Cell
from pipeline.parse.labels import EMPTY, NUMBER, classify


def total_is_sum(values: list[float]) -> bool:
    """Table 三 rows: the last column is the sum of the others."""
    return values[-1] == sum(values[:-1])


def repair_row(values: list[Cell], n: int, valid: Callable[[list[float]], bool] = total_is_sum
               ) -> tuple[list[Cell] | None, str | None]:
    filled = [c for c in values if classify(c.text)[0] != EMPTY]
    if len(filled) != n + 1 or any(classify(c.text)[0] != NUMBER for c in filled):
        return None, None
    found = []
    for i in range(n):
        a, b = filled[i], filled[i + 1]
        joined = Cell(a.text.strip() + b.text.strip(), a.line, a.page, a.row, a.col)
        cand = filled[:i] + [joined] + filled[i + 2:]
        kind, _, _ = classify(joined.text)
        if joined.text.startswith("0"):
            continue  # '0' '5' is two cells, never the number 05
        if kind == NUMBER and valid([classify(c.text)[1] for c in cand]):
            found.append((i, cand))
    if len(found) != 1:
        return None, None
    i, cand = found[0]
    raw = " | ".join(c.text for c in filled)
    return cand, f"joined cells {i + 1} and {i + 2} ('{filled[i].text}' '{filled[i + 1].text}'); original cells: {raw}"
