"""Ruled tables and text lines from characters and ruling lines: pure geometry, no PDF library.

The fast PDF path (`pdf_fast`) reads characters and path objects with pypdfium2 and hands them
here; this module turns them into the same tables and lines pdfplumber 0.11 gives, so the two
paths agree cell for cell (tests/test_pdf_fast.py checks it on every sample PDF). Each step
mirrors pdfplumber's table finder with its default settings, written for speed:

- edges: a stroked or hairline rectangle gives its four sides, a line segment one edge, other
  paths one edge per axis-parallel piece; filled rectangles thicker than 2 pt are not rules
  (Word → PDF converters paint one behind every text line);
- snap (edges within 3 pt of one another move to their mean), join (collinear pieces less than
  3 pt apart become one), drop edges shorter than 3 pt;
- intersections within 3 pt; a cell is the smallest rectangle whose four corners are
  intersections joined by edges; cells sharing a corner form a table;
- a character belongs to the cell that holds its centre; words break at a space character or
  a gap over 3 pt; lines are characters whose tops lie within 3 pt (chained), left to right.

Coordinates are PDF points with the origin at the top left of the page (`top` grows downward).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import groupby

SNAP = 3.0  # pdfplumber's snap_tolerance
JOIN = 3.0  # join_tolerance
MIN_EDGE = 3.0  # edge_min_length
MIN_EDGE_PREFILTER = 1.0  # edge_min_length_prefilter
INTERSECT = 3.0  # intersection_tolerance
X_TOL = 3.0  # text x_tolerance: a wider gap starts a new word
Y_TOL = 3.0  # text y_tolerance: tops closer than this share a line

_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)
class Shape:
    """One painted path as pdfminer classifies it: 'line' (2 points), 'rect' or 'curve'."""

    kind: str
    pts: list[tuple[float, float]]  # (x, top); a rect keeps its corners
    stroke: bool
    fill: bool


@dataclass(slots=True)
class Edge:
    orientation: str  # 'h' or 'v'
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Table:
    cells: list[tuple[float, float, float, float]]
    rows: list[list[tuple[float, float, float, float] | None]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        c = self.cells
        return (min(x[0] for x in c), min(x[1] for x in c), max(x[2] for x in c), max(x[3] for x in c))


# --- shapes → edges -------------------------------------------------------------------------

def classify_subpath(ops: list[tuple[str, float, float]], stroke: bool, fill: bool) -> Shape | None:
    """pdfminer's reading of one subpath ('m' first): ops are (op, x, top) with 'h' carrying the
    start point. Returns None for paths pdfminer does not keep."""
    shape = "".join(op for op, _, _ in ops)
    if not shape.startswith("m"):
        return None
    pts = [(x, y) for _, x, y in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return Shape("line", pts[:2], stroke, fill)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return Shape("rect", pts, stroke, fill)
    return Shape("curve", pts, stroke, fill)


def is_visible_rule(s: Shape) -> bool:
    """Only visible rules make tables: a filled rectangle thicker than 2 pt is a background."""
    if s.kind != "rect":
        return True
    xs = [p[0] for p in s.pts]
    ys = [p[1] for p in s.pts]
    return min(max(xs) - min(xs), max(ys) - min(ys)) < 2 or s.stroke


def shape_edges(s: Shape) -> list[Edge]:
    """Edges of one shape; curve pieces that are not axis-parallel are dropped (pdfplumber gives
    them no orientation and its line strategy ignores them)."""
    if s.kind == "line":
        (ax, ay), (bx, by) = s.pts
        top, bottom = min(ay, by), max(ay, by)
        return [Edge("h" if top == bottom else "v", min(ax, bx), max(ax, bx), top, bottom)]
    if s.kind == "rect":
        xs = [p[0] for p in s.pts]
        ys = [p[1] for p in s.pts]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        return [Edge("h", x0, x1, top, top), Edge("h", x0, x1, bottom, bottom),
                Edge("v", x0, x0, top, bottom), Edge("v", x1, x1, top, bottom)]
    out = []
    for (ax, ay), (bx, by) in zip(s.pts, s.pts[1:]):
        if ax == bx:
            out.append(Edge("v", ax, bx, min(ay, by), max(ay, by)))
        elif ay == by:
            out.append(Edge("h", min(ax, bx), max(ax, bx), ay, by))
    return out


def closing_rules(edges: list[Edge]) -> list[Edge]:
    """Horizontal rules Word leaves out where a page break splits a table.

    The row cut by the break has no bottom (or, on the next page, no top) border, but its column
    rules still stop there together; three or more verticals ending at one height with no
    horizontal rule across them mark the missing border.
    """
    verticals = [e for e in edges if e.orientation == "v"]
    horizontals = [e for e in edges if e.orientation == "h"]
    out = []
    for key in ("top", "bottom"):
        ends: dict[int, list[Edge]] = {}
        for v in verticals:
            ends.setdefault(round(getattr(v, key)), []).append(v)
        for y, group in ends.items():
            if len(group) < 3:
                continue
            x0, x1 = min(v.x0 for v in group), max(v.x0 for v in group)
            covered = any(abs(h.top - y) <= 2 and h.x0 <= x0 + 2 and h.x1 >= x1 - 2 for h in horizontals)
            if not covered:
                yy = sum(getattr(v, key) for v in group) / len(group)
                out.append(Edge("h", x0, x1, yy, yy))
    return out


def _cluster_values(values: list[float], tol: float) -> dict[float, int]:
    """pdfplumber's cluster_list: sorted distinct values, chained while each is within tol of
    the previous one; value → cluster index."""
    out: dict[float, int] = {}
    idx, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tol:
            idx += 1
        out[v] = idx
        last = v
    return out


def _snap(edges: list[Edge], attr: str, tol: float) -> None:
    if not edges:
        return
    ids = _cluster_values([getattr(e, attr) for e in edges], tol)
    sums: dict[int, list[float]] = {}
    for e in edges:
        s = sums.setdefault(ids[getattr(e, attr)], [0.0, 0])
        s[0] += getattr(e, attr)
        s[1] += 1
    for e in edges:
        total, n = sums[ids[getattr(e, attr)]]
        avg = total / n
        if attr == "x0":
            e.x1 += avg - e.x0
            e.x0 = avg
        else:
            e.bottom += avg - e.top
            e.top = avg


def _join(edges: list[Edge], orientation: str, tol: float) -> list[Edge]:
    lo, hi = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    edges = sorted(edges, key=lambda e: getattr(e, lo))
    joined = [edges[0]]
    for e in edges[1:]:
        last = joined[-1]
        if getattr(e, lo) <= getattr(last, hi) + tol:
            if getattr(e, hi) > getattr(last, hi):
                joined[-1] = Edge(last.orientation, last.x0, last.x1, last.top, last.bottom)
                setattr(joined[-1], hi, getattr(e, hi))
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge]) -> list[Edge]:
    """Snap, join and drop short edges, as pdfplumber's TableFinder.get_edges does."""
    vs = [Edge(e.orientation, e.x0, e.x1, e.top, e.bottom) for e in edges if e.orientation == "v"]
    hs = [Edge(e.orientation, e.x0, e.x1, e.top, e.bottom) for e in edges if e.orientation == "h"]
    _snap(vs, "x0", SNAP)
    _snap(hs, "top", SNAP)
    out: list[Edge] = []
    for orientation, group, key in (("h", hs, "top"), ("v", vs, "x0")):
        group.sort(key=lambda e: getattr(e, key))
        for _, same in groupby(group, key=lambda e: getattr(e, key)):
            out += _join(list(same), orientation, JOIN)
    return [e for e in out if (e.bottom - e.top if e.orientation == "v" else e.x1 - e.x0) >= MIN_EDGE]


def find_tables(shapes: list[Shape]) -> list[Table]:
    """Ruled tables of one page, top to bottom, from its painted shapes."""
    ruled = [e for s in shapes if is_visible_rule(s) for e in shape_edges(s)]
    if not ruled:
        return []
    base = [e for e in ruled
            if (e.bottom - e.top if e.orientation == "v" else e.x1 - e.x0) >= MIN_EDGE_PREFILTER]
    vs = [e for e in base if e.orientation == "v"]
    hs = [e for e in base if e.orientation == "h"] + closing_rules(ruled)
    edges = merge_edges(vs + hs)
    cells = _cells(_intersections(edges))
    tables = [Table(t) for t in _cells_to_tables(cells)]
    for t in tables:
        t.rows = _rows(t.cells)
    return tables


def _intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    vs = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    hs = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    # An edge is identified by its box, as pdfplumber compares them (two equal boxes are one).
    ident: dict[tuple, int] = {}
    out: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for v in vs:
        vid = ident.setdefault((v.x0, v.top, v.x1, v.bottom), len(ident))
        for h in hs:
            if h.top - INTERSECT > v.bottom:
                break  # hs are sorted by top: none further down can touch v
            if v.top <= h.top + INTERSECT and v.x0 >= h.x0 - INTERSECT and v.x0 <= h.x1 + INTERSECT:
                hid = ident.setdefault((h.x0, h.top, h.x1, h.bottom), len(ident))
                vertex = (v.x0, h.top)
                entry = out.get(vertex)
                if entry is None:
                    entry = out[vertex] = (set(), set())
                entry[0].add(vid)
                entry[1].add(hid)
    return out


def _cells(inter: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[tuple[float, float, float, float]]:
    points = sorted(inter)
    below: dict[float, list[tuple[float, float]]] = {}
    right: dict[float, list[tuple[float, float]]] = {}
    for p in points:  # sorted by (x, y): each list is in increasing order
        below.setdefault(p[0], []).append(p)
        right.setdefault(p[1], []).append(p)
    for lst in right.values():
        lst.sort()

    def v_connects(a, b) -> bool:
        return bool(inter[a][0] & inter[b][0])

    def h_connects(a, b) -> bool:
        return bool(inter[a][1] & inter[b][1])

    cells = []
    for pt in points:
        downs = [p for p in below[pt[0]] if p[1] > pt[1]]
        rights = [p for p in right[pt[1]] if p[0] > pt[0]]
        found = None
        for b in downs:
            if not v_connects(pt, b):
                continue
            for r in rights:
                if not h_connects(pt, r):
                    continue
                br = (r[0], b[1])
                if br in inter and v_connects(br, r) and h_connects(br, b):
                    found = (pt[0], pt[1], br[0], br[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _cells_to_tables(cells: list[tuple]) -> list[list[tuple]]:
    """Cells that share a corner, directly or through others, form one table (pdfplumber's
    grouping, done with a union-find over corners)."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(find(i), []).append(c)
    tables = [g for g in groups.values() if len(g) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables


def _rows(cells: list[tuple]) -> list[list[tuple | None]]:
    xs = sorted({c[0] for c in cells})
    rows = []
    for _, row_cells in groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        by_x = {c[0]: c for c in row_cells}
        rows.append([by_x.get(x) for x in xs])
    return rows


def row_bbox(row: list[tuple | None]) -> tuple[float, float, float, float]:
    cs = [c for c in row if c is not None]
    return (min(c[0] for c in cs), min(c[1] for c in cs), max(c[2] for c in cs), max(c[3] for c in cs))


def table_cells_text(table: Table, chars: list[Char]) -> list[list[str | None]]:
    """Each cell's text from the characters whose centre it holds (None: no cell there)."""
    # Sorted by vertical centre, so each row takes a slice; then back in page order, which
    # decides the order of characters that share a left edge.
    centred = sorted((((c.top + c.bottom) / 2, (c.x0 + c.x1) / 2, k, c) for k, c in enumerate(chars)),
                     key=lambda t: t[0])
    vs = [t[0] for t in centred]
    out = []
    for row in table.rows:
        x0, top, x1, bottom = row_bbox(row)
        lo, hi = bisect_left(vs, top), bisect_left(vs, bottom)
        in_row = [(h, v, c) for v, h, k, c in sorted(centred[lo:hi], key=lambda t: t[2]) if x0 <= h < x1]
        texts: list[str | None] = []
        for cell in row:
            if cell is None:
                texts.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            texts.append(extract_text([c for h, v, c in in_row if cx0 <= h < cx1 and ctop <= v < cbottom]))
        out.append(texts)
    return out


# --- characters → words → lines -------------------------------------------------------------

def _char_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters clustered by top (chained within Y_TOL), each cluster left to right."""
    ids = _cluster_values([c.top for c in chars], Y_TOL)
    clusters: dict[int, list[Char]] = {}
    for c in chars:
        clusters.setdefault(ids[c.top], []).append(c)
    return [sorted(clusters[k], key=lambda c: c.x0) for k in sorted(clusters)]


def _words(line: list[Char]) -> list[tuple[str, float]]:
    """(text, top) of each word of one line: a space character or a jump ends a word."""
    words: list[tuple[str, float]] = []
    cur: list[Char] = []
    for c in line:
        if c.text.isspace():
            if cur:
                words.append(_word(cur))
            cur = []
        elif cur and (c.x0 < cur[-1].x0 or c.x0 > cur[-1].x1 + X_TOL or abs(c.top - cur[-1].top) > Y_TOL):
            words.append(_word(cur))
            cur = [c]
        else:
            cur.append(c)
    if cur:
        words.append(_word(cur))
    return words


def _word(chars: list[Char]) -> tuple[str, float]:
    return "".join(_LIGATURES.get(c.text, c.text) for c in chars), min(c.top for c in chars)


def extract_text(chars: list[Char]) -> str:
    """Text of a cell: words joined by one space, lines by '\\n' (pdfplumber's extract_text)."""
    if not chars:
        return ""
    words = [w for line in _char_lines(chars) for w in _words(line)]
    ids = _cluster_values([w[1] for w in words], Y_TOL)
    lines: dict[int, list[str]] = {}
    for text, top in words:
        lines.setdefault(ids[top], []).append(text)
    return "\n".join(" ".join(lines[k]) for k in sorted(lines))


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """(top, text) of each text line, top to bottom (pdfplumber's extract_text_lines: the words
    in reading order, then runs of words whose tops cluster together)."""
    words = [w for line in _char_lines(chars) for w in _words(line)]
    ids = _cluster_values([w[1] for w in words], Y_TOL)
    out = []
    for _, run in groupby(words, key=lambda w: ids[w[1]]):
        run = list(run)
        out.append((min(w[1] for w in run), " ".join(w[0] for w in run)))
    return out
