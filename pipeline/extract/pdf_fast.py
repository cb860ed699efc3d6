"""Characters with their boxes and painted paths of one PDF page, read with pypdfium2 (PDFium).

This is the fast PDF path's reader: PDFium parses a page ~20× faster than pdfminer. It gives
what pdfplumber would see, in pdfplumber's coordinates (points, origin at the top left), so
`pdf_lattice` can rebuild the same tables:

- a character's left, right and bottom are PDFium's loose box (font advance and descent: the
  same numbers pdfminer computes); its top is bottom − font size, as pdfminer sets it;
- spaces PDFium invents between words and lines ("generated" characters) are dropped: pdfminer
  does not see them, and a space it invented between two digits would split a number;
- paths become pdfminer's shapes (line, rectangle, curve), subpath by subpath, with the object's
  matrix (and that of every enclosing form) applied.

A page this reader cannot vouch for raises `Unresolved`, and the caller reads that page with
pdfplumber instead: a rotated page, a crop box or media box not at the origin, text that is not
upright, characters outside the Basic Multilingual Plane.
"""
from __future__ import annotations

import ctypes
import re

import pypdfium2.raw as pdfium_c

from pipeline.extract.pdf_lattice import Char, Shape, classify_subpath

_SPACES = frozenset(" \t\r\n\u00a0\u3000\u2002\u2003\u2009")
_MAX_FORM_DEPTH = 8  # nested form XObjects; PDFium has its own guard against cycles


class Unresolved(Exception):
    """This page needs pdfplumber (the reason says why)."""


class TooManyChars(Exception):
    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def page_geometry(page) -> float:
    """The page height, or Unresolved when its geometry is not the plain case pdfplumber and
    this reader agree on (no rotation, media box at the origin, crop box = media box)."""
    if pdfium_c.FPDFPage_GetRotation(page) != 0:
        raise Unresolved("rotated page")
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(b) for b in box]
    if not pdfium_c.FPDFPage_GetMediaBox(page, *refs):
        raise Unresolved("no media box")
    media = tuple(round(b.value, 3) for b in box)
    if media[0] != 0 or media[1] != 0:
        raise Unresolved("media box not at the origin")
    if pdfium_c.FPDFPage_GetCropBox(page, *refs) and tuple(round(b.value, 3) for b in box) != media:
        raise Unresolved("crop box differs from the media box")
    return float(media[3])


_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor\b")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()]+)")
_SUBSET = re.compile(rb"^[A-Z]{6}\+")
_NAME_ESCAPE = re.compile(rb"#([0-9a-fA-F]{2})")
_DESCENT = re.compile(rb"/Descent\s+(-?\d+(?:\.\d*)?|-?\.\d+)")


def font_descents(*blobs: bytes) -> dict[bytes, float]:
    """Font name → the descent its font descriptor declares (per 1,000 em, never positive), read
    from the file's bytes: pdfminer puts a character's bottom that far below the baseline, while
    PDFium substitutes its own metrics where the descriptor says 0 (LibreOffice writes 0). Fonts
    whose descriptor is not found (a filter other than Flate) keep PDFium's box. `blobs`: the file
    and the decompressed bodies of its object streams."""
    out: dict[bytes, float] = {}
    for data in blobs:
        for m in _DESCRIPTOR.finditer(data):
            start, end = data.rfind(b"<<", 0, m.start()), data.find(b">>", m.end())
            body = data[max(start, 0): end if end > 0 else len(data)]
            name, descent = _FONT_NAME.search(body), _DESCENT.search(body)
            if name:
                # PDFium names a font without its subset tag ("ABCDEF+"); two subsets of one
                # font that declare different descents are left to PDFium's box.
                key = _SUBSET.sub(b"", _NAME_ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), name.group(1)))
                value = -abs(float(descent.group(1))) if descent else 0.0
                out[key] = value if out.get(key, value) == value else float("nan")
    return {k: v for k, v in out.items() if v == v}


def read_chars(page, height: float, max_chars: int, descents: dict[bytes, float] | None = None) -> list[Char]:
    tp = pdfium_c.FPDFText_LoadPage(page)
    if not tp:
        raise Unresolved("no text page")
    try:
        n = pdfium_c.FPDFText_CountChars(tp)
        if n > max_chars:
            raise TooManyChars(n)
        chars: list[Char] = []
        rect = pdfium_c.FS_RECTF()
        get_unicode = pdfium_c.FPDFText_GetUnicode
        is_generated = pdfium_c.FPDFText_IsGenerated
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        get_origin = pdfium_c.FPDFText_GetCharOrigin
        get_object = _GET_OBJECT_ADDRESS
        rect_ref = ctypes.byref(rect)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
        objects: dict[int | None, tuple[str, float, float]] = {}  # text object → placement
        fonts: dict[tuple, tuple[str, float, float]] = {}  # (font, size, matrix) → placement
        texts = _page_text(tp, n)
        for i in range(n):
            if texts is None:
                u = get_unicode(tp, i)
                text = chr(u) if u else "\ufffd"
            else:
                text = texts[i]
                u = ord(text)
            if text in _SPACES and is_generated(tp, i):
                continue
            if 0xD800 <= u <= 0xDFFF or u > 0xFFFF:
                raise Unresolved("character outside the Basic Multilingual Plane")
            get_box(tp, i, rect_ref)
            key = get_object(tp, i)
            how = objects.get(key)
            if how is None:
                how = objects[key] = _placement(tp, i, rect, descents or {}, fonts)
            mode, size, descent = how
            if mode == "loose":
                bottom = height - rect.bottom
                chars.append(Char(text, rect.left, rect.right, bottom - size, bottom))
                continue
            get_origin(tp, i, ox_ref, oy_ref)
            if mode == "descent":
                bottom = height - oy.value - descent * size
                chars.append(Char(text, rect.left, rect.right, bottom - size, bottom))
            else:
                top = height - oy.value - 0.12 * size
                chars.append(Char(text, rect.left, rect.left + size, top, top + size))
        return chars
    finally:
        pdfium_c.FPDFText_ClosePage(tp)


def _placement(tp, i: int, loose, descents: dict[bytes, float], fonts: dict) -> tuple[str, float, float]:
    """How to place the characters of the text object that holds character i, as pdfminer does:
    ('descent', size, d): bottom d em below the baseline, d from the font's descriptor;
    ('loose', size, 0): PDFium's loose box (the descriptor was not found in the bytes);
    ('vertical', size, 0): a vertical-writing font (Identity-V), where PDFium's loose box leaves
    the text matrix out; pdfminer places the glyph one em wide from the origin's left and
    starting 0.12 em above it (the default vertical metrics).
    `fonts` caches the answer per font, size and matrix: a page has a few fonts and hundreds of
    text objects.
    """
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(tp, i, ctypes.byref(m))
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
        raise Unresolved("text that is not upright")
    unscaled = pdfium_c.FPDFText_GetFontSize(tp, i)
    size = unscaled * m.d
    if abs(loose.right - loose.left - unscaled) < 0.01 and abs(m.d - 1) > 0.01:
        return "vertical", size, 0.0
    obj = pdfium_c.FPDFText_GetTextObject(tp, i)
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    if not font:
        return "loose", size, 0.0
    key = (ctypes.cast(font, ctypes.c_void_p).value, unscaled, m.d)
    how = fonts.get(key)
    if how is None:
        buf = ctypes.create_string_buffer(256)
        n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, 256)
        name = buf.raw[: max(n - 1, 0)] if 0 < n <= 256 else b""
        how = fonts[key] = ("descent", size, descents[name] / 1000) if name in descents else ("loose", size, 0.0)
    return how


def _object_address_getter():
    """FPDFText_GetTextObject returning the object's address as an int: the text object is the
    cache key of every character, and a ctypes cast per character costs more than the call."""
    try:
        from pypdfium2_raw import bindings

        fn = bindings._libs["pdfium"]["FPDFText_GetTextObject"]  # a fresh prototype: pypdfium2's own is untouched
        fn.argtypes = [ctypes.c_void_p, ctypes.c_int]
        fn.restype = ctypes.c_void_p
        return fn
    except Exception:  # noqa: BLE001 - a pypdfium2 layout change: fall back to the public call
        return lambda tp, i: ctypes.cast(pdfium_c.FPDFText_GetTextObject(tp, i), ctypes.c_void_p).value


_GET_OBJECT_ADDRESS = _object_address_getter()


def _page_text(tp, n: int) -> str | None:
    """All characters of the page in one call; None when the text does not map one character
    per index (surrogate pairs), and the caller asks character by character."""
    if n == 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == n and not any("\ud800" <= ch <= "\udfff" for ch in text) else None


def read_shapes(page, height: float) -> list[Shape]:
    shapes: list[Shape] = []
    _walk(page, pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject, (1, 0, 0, 1, 0, 0),
          height, shapes, 0)
    return shapes


def _matrix(obj) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _walk(container, count: int, get, outer: tuple, height: float, shapes: list[Shape], depth: int) -> None:
    for i in range(count):
        obj = get(container, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path(obj, _compose(_matrix(obj), outer), height, shapes)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth >= _MAX_FORM_DEPTH:
                raise Unresolved("form objects nested too deep")
            _walk(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject,
                  _compose(_matrix(obj), outer), height, shapes, depth + 1)


def _path(obj, m: tuple, height: float, shapes: list[Shape]) -> None:
    fill = ctypes.c_int()
    stroke = pdfium_c.FPDF_BOOL()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    if not fill.value and not stroke.value:
        return  # an unpainted path: pdfminer keeps nothing either
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    xr, yr = ctypes.byref(x), ctypes.byref(y)
    subpaths: list[list[tuple[str, float, float]]] = []
    ops: list[tuple[str, float, float]] = []
    start = (0.0, 0.0)
    bezier = 0
    for j in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, j)
        pdfium_c.FPDFPathSegment_GetPoint(seg, xr, yr)
        px, py = x.value, y.value
        # Rounded to a thousandth of a point: PDFium computes in single precision, pdfminer in
        # double; both then agree on which rules are exactly horizontal or vertical.
        X = round(a * px + c * py + e, 3)
        T = round(height - (b * px + d * py + f), 3)
        t = pdfium_c.FPDFPathSegment_GetType(seg)
        if t == pdfium_c.FPDF_SEGMENT_MOVETO:
            if ops:
                subpaths.append(ops)
            ops, start, bezier = [("m", X, T)], (X, T), 0
        elif t == pdfium_c.FPDF_SEGMENT_LINETO:
            ops.append(("l", X, T))
        elif t == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                ops.append(("c", X, T))
        else:
            raise Unresolved("unknown path segment")
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            ops.append(("h", *start))
    if ops:
        subpaths.append(ops)
    for sub in subpaths:
        shape = classify_subpath(sub, bool(stroke.value), bool(fill.value))
        if shape is not None:
            shapes.append(shape)
