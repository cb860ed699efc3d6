"""Structural limits shared by the readers, each decided before the work it bounds is done, and
each with a reason a person can act on. A document past a limit is quarantined, never cut:
a cut report would load as if whole, with its missing numbers silently absent.

The largest real table in the corpus templates has a few hundred cells and HTML reports nest a
few dozen elements deep; the limits sit orders of magnitude above that and far below what takes
a worker's memory (a merged-cell bomb: one `gridSpan="2000000"` or `colspan=1000 rowspan=0`).
"""
from __future__ import annotations

from pipeline.model import Unreadable

MAX_TABLE_CELLS = 200_000  # cells of one table once merged cells are expanded
MAX_DOCUMENT_CELLS = 2_000_000  # cells of all tables of one document
# Elements nested inside each other in an HTML page. libxml2 stops at 256 (2048 with huge_tree)
# and silently drops the rest of the page; the HTML walker recurses once per level, so the cap
# also keeps it well inside Python's recursion limit.
MAX_HTML_DEPTH = 512


class CellBudget:
    """Expanded table cells one document may still allocate; asked before each expansion."""

    def __init__(self, what: str):
        self.what = what
        self.used = 0

    def check(self, cells: int) -> None:
        """Raise when a table of `cells` expanded cells is over a limit; call before allocating it."""
        if cells > MAX_TABLE_CELLS:
            raise Unreadable(
                f"{self.what} table expands to {cells:,} cells with its merged cells, over the "
                f"{MAX_TABLE_CELLS:,}-cell limit (a merged-cell bomb or a damaged table): not read"
            )
        if self.used + cells > MAX_DOCUMENT_CELLS:
            raise Unreadable(
                f"{self.what} tables expand to more than {MAX_DOCUMENT_CELLS:,} cells in all with their "
                f"merged cells (a merged-cell bomb or a damaged document): not read"
            )

    def spend(self, cells: int) -> None:
        self.check(cells)
        self.used += cells
