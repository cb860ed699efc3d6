"""Scanned (image-only) PDF → lines and table grids by OCR, offline on the CPU.

rapidocr (Apache-2.0) runs PP-OCR detection and recognition models that ship inside its wheel
(onnxruntime; nothing is downloaded at run time). pdf.py calls `ocr_pdf` when a PDF has no usable
text layer. Per page:

1. Render with pypdfium2 in grayscale at `DPI`, the lowest resolution at which the digits of a
   10.5 pt table still read with confidence ~1.0 (tested down to 9 pt); a page whose text comes
   out smaller than `MIN_TEXT_PX` is rendered again, larger.
2. Ruling lines from the image (OpenCV: morphological opening with long thin kernels). Their x/y
   positions make a lattice; a lattice cell merges with its neighbour where no rule separates
   them, so merged cells follow the grid convention (text at the top-left, '' where covered).
3. Text boxes from the detection model on the page as printed (rules keep cells apart); each box
   crossing a column rule is cut at the rule. Each piece is recognised on a copy of the page with
   the rules painted out (a rule's remains would read as '1' or '|').
4. Every cell keeps its box (PDF points from the page's top-left) and the lowest confidence of
   any character in it (`Cell.conf`). Whether an OCR'd number is certain enough to load is the
   parser's decision (pipeline/parse/ocr_gate.py): the extraction records, the parser judges.

The Document has format 'pdf-ocr' and grids of origin 'ocr'; each table row is also one line.
"""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from pipeline.extract.common import cell_text, row_line, tidy
from pipeline.model import OCR_FORMAT, Cell, Document, Grid, Line, Unreadable

DPI = 100
MIN_TEXT_PX = 15  # median text line height below this: the print is small, render larger
MAX_DPI = 200
MAX_PIXELS = 40_000_000  # an A0 sheet at 100 dpi is 12 M; far beyond that is not a report page
MAX_PAGES = 200  # a scanned book, not a report: beyond this the time limit would stop it anyway
_REC_HEIGHT = 48  # the recognition model's input height
_REC_MIN_WIDTH = 64  # rapidocr pads every crop to 320 px; digits need far less (2× faster)
_REC_BATCH = 16
_INK_PX = 8  # dark pixels in a cell OCR read nothing from that make it unreadable, not blank
_CHUNK_RATIO = 5.0  # width/height of the longest part of a line recognised at once (~4 hanzi)
# Recognition is most of the time. Prose numbers from OCR are never loaded (no arithmetic can
# certify them, see pipeline/parse/ocr_gate.py), so on middle pages only the tables and the lines
# just above them (their section headings) are read; the first page (title, agency, year) and the
# last (signature and date) are read whole.
PROSE_PAGES = "first and last"


@dataclass
class _Piece:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""
    conf: float = 1.0


@dataclass
class _Table:
    xs: list[int]  # column rule positions (px)
    ys: list[int]  # row rule positions (px)
    owner: dict[tuple[int, int], tuple[int, int]]  # lattice cell → top-left of its merged region
    pieces: dict[tuple[int, int], list[_Piece]] = field(default_factory=dict)
    clean: np.ndarray | None = None  # the page with rules painted out, to look for unread ink

    @property
    def top(self) -> int:
        return self.ys[0]


# ------------------------------------------------------------------------------- the models
@cache
def _engine():
    import logging

    from rapidocr import RapidOCR

    # One thread per worker process: the pool already uses every core, and onnxruntime's own
    # thread pool on top of it would oversubscribe them. A lone process may use them all.
    in_worker = multiprocessing.parent_process() is not None
    threads = 1 if in_worker else -1
    engine = RapidOCR(params={
        "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": threads,
    })
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine._load_det_model(), engine._load_rec_model()


# --------------------------------------------------------------------------------- the entry
def ocr_pdf(data: bytes, source_path: str) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise Unreadable(f"damaged or truncated PDF: {e}") from None
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PAGES:
            raise Unreadable(f"scanned PDF of {n_pages} pages, over the {MAX_PAGES}-page OCR limit")
        pages = [_read_page(pdf[i], whole=i in (0, n_pages - 1)) for i in range(n_pages)]
    finally:
        pdf.close()
    doc = _assemble(source_path, pages)
    doc.pages = n_pages
    if not any(ln.text for ln in doc.lines):
        raise Unreadable("PDF has no text layer, and OCR found no text on its pages")
    return doc


def _read_page(page, whole: bool) -> tuple[float, list[tuple[float, object]]]:
    """(scale px per point, items top to bottom: ('text', str) lines and _Table objects).
    whole=False: only tables and the lines just above them (their headings) are recognised."""
    det, rec = _engine()
    scale = DPI / 72
    gray = _render(page, scale)
    boxes = _detect(det, gray)
    heights = sorted(b[3] - b[1] for b in boxes)
    if heights and heights[len(heights) // 2] < MIN_TEXT_PX:
        want = min(MAX_DPI / 72, scale * MIN_TEXT_PX / max(heights[len(heights) // 2], 1))
        if want > scale * 1.1:
            scale = want
            gray = _render(page, scale)
            boxes = _detect(det, gray)
    horiz, vert = _rules(gray)
    tables = _tables(horiz, vert)
    clean = gray.copy()
    rules = _dilate(horiz | vert) > 0
    for t in tables:  # only there: elsewhere a run of character strokes can pass for a rule
        y0, y1, x0, x1 = max(t.ys[0] - 3, 0), t.ys[-1] + 4, max(t.xs[0] - 3, 0), t.xs[-1] + 4
        clean[y0:y1, x0:x1][rules[y0:y1, x0:x1]] = 255
        t.clean = clean
    pieces: list[_Piece] = []
    reach = 4 * (heights[len(heights) // 2] if heights else MIN_TEXT_PX) * scale / (DPI / 72)
    for b in boxes:
        if not whole and not any(t.ys[0] - reach <= b[3] and b[1] <= t.ys[-1] for t in tables):
            continue  # prose of a middle page: see PROSE_PAGES
        pieces += _split(b, tables)
    _recognise(rec, clean, pieces)
    items: list[tuple[float, object]] = []
    prose: list[_Piece] = []
    for p in pieces:
        if not p.text.strip():
            continue
        t = _table_of(p, tables)
        if t is None:
            prose.append(p)
            continue
        cell = _cell_at(t, (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2)
        if cell is not None:
            t.pieces.setdefault(t.owner[cell], []).append(p)
    for line in _group_lines(prose):
        text = tidy(" ".join(p.text for p in line))
        if text:
            items.append((min(p.y0 for p in line) / scale, ("text", text)))
    items += [(t.top / scale, t) for t in tables]
    items.sort(key=lambda it: it[0])
    return scale, items


def _render(page, scale: float) -> np.ndarray:
    w, h = page.get_size()
    if w * h * scale * scale > MAX_PIXELS:  # a hostile page size must not exhaust memory
        raise Unreadable(f"scanned page of {w:.0f}×{h:.0f} pt is too large to OCR")
    bitmap = page.render(scale=scale, grayscale=True)
    arr = bitmap.to_numpy()
    return np.ascontiguousarray(arr.reshape(arr.shape[0], arr.shape[1]) if arr.ndim == 3 else arr)


def _detect(det, gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    res = det(np.dstack([gray] * 3))
    if res.boxes is None:
        return []
    out = []
    for quad in res.boxes:
        xs, ys = quad[:, 0], quad[:, 1]
        out.append((int(max(xs.min(), 0)), int(max(ys.min(), 0)), int(xs.max()) + 1, int(ys.max()) + 1))
    return out


# ------------------------------------------------------------------------------------ rules
def _rules(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of horizontal and vertical ruling lines: runs of ink far longer than any stroke."""
    import cv2

    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    h, w = gray.shape
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 25, 20), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 60, 15))))
    return horiz > 0, vert > 0


def _dilate(mask: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8))


def _positions(profile: np.ndarray, min_len: int) -> list[int]:
    """Centres of runs of adjacent rows/columns whose rule length is at least min_len."""
    out, start = [], None
    for i, v in enumerate(list(profile) + [0]):
        if v >= min_len and start is None:
            start = i
        elif v < min_len and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


def _tables(horiz: np.ndarray, vert: np.ndarray) -> list[_Table]:
    """Ruled tables: connected frames of rules with at least 2 rows and 2 columns of cells."""
    import cv2

    frame = _dilate(horiz | vert)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    tables = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if w < 60 or h < 30:
            continue
        region = labels[y:y + h, x:x + w] == k
        hz = horiz[y:y + h, x:x + w] & region
        vt = vert[y:y + h, x:x + w] & region
        ys = [y + v for v in _positions(hz.sum(axis=1), max(w // 8, 10))]
        xs = [x + v for v in _positions(vt.sum(axis=0), max(h // 12, 8))]
        if len(xs) < 3 or len(ys) < 3:
            continue  # a frame around a paragraph, or a single rule
        owner = _merge(xs, ys, horiz, vert)
        tables.append(_Table(xs=xs, ys=ys, owner=owner))
    return tables


def _covered(mask: np.ndarray, fixed: int, a: int, b: int, vertical: bool) -> bool:
    """Is there a rule along x=fixed (vertical) or y=fixed from a to b, for most of its length?"""
    lo, hi = a + (b - a) // 5, b - (b - a) // 5  # ends: rules meet there whatever the merge
    if hi <= lo:
        return True
    band = mask[lo:hi, max(fixed - 2, 0):fixed + 3] if vertical else mask[max(fixed - 2, 0):fixed + 3, lo:hi]
    along = band.any(axis=1) if vertical else band.any(axis=0)
    return along.mean() >= 0.6


def _merge(xs: list[int], ys: list[int], horiz: np.ndarray, vert: np.ndarray) -> dict[tuple[int, int], tuple[int, int]]:
    """Lattice cell (row, col) → top-left cell of its merged region (union-find over missing rules)."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(c):
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    rows, cols = len(ys) - 1, len(xs) - 1
    for r in range(rows):
        for c in range(cols):
            find((r, c))
            if c + 1 < cols and not _covered(vert, xs[c + 1], ys[r], ys[r + 1], vertical=True):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not _covered(horiz, ys[r + 1], xs[c], xs[c + 1], vertical=False):
                union((r, c), (r + 1, c))
    return {c: find(c) for c in list(parent)}


def _table_of(p: _Piece, tables: list[_Table]) -> _Table | None:
    cx, cy = (p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2
    for t in tables:
        if t.xs[0] <= cx <= t.xs[-1] and t.ys[0] <= cy <= t.ys[-1]:
            return t
    return None


def _index(edges: list[int], v: float) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= v < edges[i + 1]:
            return i
    return None


def _cell_at(t: _Table, x: float, y: float) -> tuple[int, int] | None:
    r, c = _index(t.ys, y), _index(t.xs, x)
    return None if r is None or c is None else (r, c)


def _split(box: tuple[int, int, int, int], tables: list[_Table]) -> list[_Piece]:
    """A text box cut at every column rule it crosses inside a table (two cells' text that the
    detector joined), but not at a missing rule (a merged cell's text spans the lattice)."""
    x0, y0, x1, y1 = box
    cy = (y0 + y1) / 2
    cuts = []
    for t in tables:
        if not (t.ys[0] <= cy <= t.ys[-1]) or x1 < t.xs[0] or x0 > t.xs[-1]:
            continue
        r = _index(t.ys, cy)
        for j, x in enumerate(t.xs):
            if x0 + 2 < x < x1 - 2:
                c = j - 1 if j > 0 else 0
                merged = r is not None and 0 < j < len(t.xs) - 1 and t.owner[(r, c)] == t.owner[(r, j)]
                if not merged:
                    cuts.append(x)
    out, left = [], x0
    for x in sorted(cuts) + [x1]:
        if x - left > 3:
            out.append(_Piece(left, y0, x, y1))
        left = x
    return out


# ------------------------------------------------------------------------------ recognition
def _recognise(rec, gray: np.ndarray, pieces: list[_Piece]) -> None:
    """Text and the lowest character confidence of every piece, recognised in batches of
    similar width (CTC greedy decoding, as rapidocr does, keeping each character's probability)."""
    import cv2

    h, w = gray.shape
    crops, parent = [], []
    for n, p in enumerate(pieces):
        x0, y0 = max(int(p.x0), 0), max(int(p.y0), 0)
        x1, y1 = min(int(p.x1), w), min(int(p.y1), h)
        crop = gray[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else np.full((8, 8), 255, np.uint8)
        for part in _chunks(crop):
            crops.append(part)
            parent.append(n)
    ratios = [c.shape[1] / max(c.shape[0], 1) for c in crops]
    texts: list[str] = [""] * len(crops)
    confs: list[float] = [1.0] * len(crops)
    order = np.argsort(ratios)
    chars = rec.postprocess_op.character
    for start in range(0, len(order), _REC_BATCH):
        batch = order[start:start + _REC_BATCH]
        width = max(_REC_MIN_WIDTH, int(np.ceil(_REC_HEIGHT * max(ratios[i] for i in batch))))
        tensor = np.zeros((len(batch), 3, _REC_HEIGHT, width), np.float32)
        for k, i in enumerate(batch):
            c = crops[i]
            cw = min(width, int(np.ceil(_REC_HEIGHT * ratios[i])))
            img = cv2.resize(c, (max(cw, 1), _REC_HEIGHT)).astype(np.float32) / 127.5 - 1.0
            tensor[k, :, :, :cw] = img[None, :, :]
        probs = rec.session(tensor)
        for k, i in enumerate(batch):
            texts[i], confs[i] = _decode(probs[k], chars)
    for p in pieces:
        p.text, p.conf = "", 1.0
    for i, n in enumerate(parent):
        pieces[n].text += texts[i]
        pieces[n].conf = min(pieces[n].conf, confs[i])


def _chunks(crop: np.ndarray) -> list[np.ndarray]:
    """A long line cut into parts of at most _CHUNK_RATIO × its height, each cut in the emptiest
    column between characters: the recognition model's cost grows with the square of the width
    (a 1,600 px line costs 0.5 s, four parts of 400 px 0.15 s)."""
    h, w = crop.shape
    most = int(h * _CHUNK_RATIO)
    if w <= most * 1.25:
        return [crop]
    ink = (crop < 128).sum(axis=0)
    out, pos = [], 0
    while w - pos > most * 1.25:
        lo, hi = pos + most // 2, pos + most
        window = ink[lo:hi]
        low = window.min()
        spots = np.flatnonzero(window == low)
        # the middle of the widest run of emptiest columns
        runs = np.split(spots, np.flatnonzero(np.diff(spots) > 1) + 1)
        best = max(runs, key=len)
        cut = lo + int(best[len(best) // 2])
        out.append(crop[:, pos:cut])
        pos = cut
    out.append(crop[:, pos:])
    return out


def _decode(probs: np.ndarray, chars: list[str]) -> tuple[str, float]:
    idx = probs.argmax(axis=1)
    best = probs.max(axis=1)
    text, conf, prev = [], [], 0
    for t, i in enumerate(idx):
        if i != 0 and i != prev:
            text.append(chars[i])
            conf.append(float(best[t]))
        elif i != 0 and conf:
            conf[-1] = max(conf[-1], float(best[t]))
        prev = i
    return "".join(text), min(conf, default=1.0)


# --------------------------------------------------------------------------------- assembly
def _group_lines(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces whose vertical centres fall inside each other's extent are one visual line."""
    lines: list[list[_Piece]] = []
    for p in sorted(pieces, key=lambda p: (p.y0 + p.y1) / 2):
        cy = (p.y0 + p.y1) / 2
        for line in lines:
            top = sum(q.y0 for q in line) / len(line)
            bottom = sum(q.y1 for q in line) / len(line)
            if top <= cy <= bottom:
                line.append(p)
                break
        else:
            lines.append([p])
    for line in lines:
        line.sort(key=lambda p: p.x0)
    lines.sort(key=lambda line: min(p.y0 for p in line))
    return lines


def _table_cells(t: _Table, scale: float) -> list[list[tuple[str, tuple | None, float | None]]]:
    """Rows of (text, box in points, confidence); covered positions of a merged cell are ''."""
    rows = []
    for r in range(len(t.ys) - 1):
        row = []
        for c in range(len(t.xs) - 1):
            if t.owner[(r, c)] != (r, c):
                row.append(("", None, None))
                continue
            cells = [k for k, v in t.owner.items() if v == (r, c)]
            r1 = max(k[0] for k in cells) + 1
            c1 = max(k[1] for k in cells) + 1
            box = tuple(round(v / scale, 1) for v in (t.xs[c], t.ys[r], t.xs[c1], t.ys[r1]))
            pieces = t.pieces.get((r, c), [])
            text = cell_text([" ".join(p.text for p in line) for line in _group_lines(pieces)])
            conf = round(min((p.conf for p in pieces), default=1.0), 4) if text else _unread_ink(t, c, r, c1, r1)
            row.append((text, box, conf))
        rows.append(row)
    return rows


def _unread_ink(t: _Table, c0: int, r0: int, c1: int, r1: int) -> float | None:
    """0.0 for a cell OCR read nothing from that still holds ink (a blurred or faint digit the
    detector missed): it must not pass for a blank. None for a truly empty cell. Ink is anything
    clearly darker than the table's paper, so a grey smear counts too."""
    if t.clean is None:
        return None
    m = 3  # what is left of the rules along the edges
    inside = t.clean[t.ys[r0] + m:t.ys[r1] - m, t.xs[c0] + m:t.xs[c1] - m]
    if not inside.size:
        return None
    paper = int(np.median(t.clean[t.ys[0]:t.ys[-1], t.xs[0]:t.xs[-1]]))
    return 0.0 if int((inside < paper - 40).sum()) >= _INK_PX else None


def _assemble(source_path: str, pages: list[tuple[float, list[tuple[float, object]]]]) -> Document:
    lines: list[Line] = []
    grids: list[Grid] = []
    for page_no, (scale, items) in enumerate(pages, start=1):
        for _, item in items:
            if isinstance(item, tuple):
                lines.append(Line(len(lines) + 1, item[1], page_no))
                continue
            rows = _table_cells(item, scale)
            rows = [r for r in rows if any(text for text, _, _ in r)]
            if len(rows) < 2:
                continue
            grid = Grid(rows=[], origin="ocr", table_no=len(grids) + 1, page=page_no)
            grids.append(grid)
            for r, cells in enumerate(rows):
                no = len(lines) + 1
                lines.append(Line(no, row_line([text for text, _, _ in cells]), page_no))
                grid.rows.append([Cell(text, no, page_no, r, c, box, conf)
                                  for c, (text, box, conf) in enumerate(cells)])
    return Document(source_path=source_path, format=OCR_FORMAT, lines=lines, grids=grids)
