"""Small real PDFs written as bytes in the tests: ruled tables, hostile structures, encryption.

Text uses the standard Helvetica font (no embedding); every PDF here is valid and opens in any
reader unless the test makes it hostile on purpose.
"""
from __future__ import annotations

import hashlib

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def assemble(objs: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Objects numbered from 1 (object 1 is the catalog) → a PDF with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer_extra, xref)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def pdf(pages: list[bytes], page_extra: bytes = b"", trailer_extra: bytes = b"") -> bytes:
    """One A4 page per content stream; page_extra goes into every page dictionary."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), FONT]
    for i, content in enumerate(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R %s>>" % (5 + 2 * i, page_extra))
        objs.append(stream(content))
    return assemble(objs, trailer_extra)


def text(x: float, top: float, s: str, size: float = 9, scale: float = 1.0) -> bytes:
    """Text at (x, top) in top-left page coordinates; scale != 1 draws it through a scaled matrix
    (size / scale in text space), as some producers do."""
    y = 842 - top
    body = s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    if scale == 1.0:
        return b"BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET\n" % (size, x, y, body)
    return (b"q %.4f 0 0 %.4f 0 0 cm BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET Q\n"
            % (scale, scale, size / scale, x / scale, y / scale, body))


def hline(x0: float, x1: float, top: float, how: str = "line") -> bytes:
    y = 842 - top
    if how == "line":  # a stroked segment
        return b"0.5 w %.2f %.2f m %.2f %.2f l S\n" % (x0, y, x1, y)
    return b"%.2f %.2f %.2f 0.6 re f\n" % (x0, y - 0.3, x1 - x0)  # a hairline filled rectangle


def vline(x: float, top: float, bottom: float, how: str = "line") -> bytes:
    if how == "line":
        return b"0.5 w %.2f %.2f m %.2f %.2f l S\n" % (x, 842 - top, x, 842 - bottom)
    return b"%.2f %.2f 0.6 %.2f re f\n" % (x - 0.3, 842 - bottom, bottom - top)


def ruled_table(top: float, col_x: list[float], rows: list[list[str]], row_h: float = 16, how: str = "line",
                scale: float = 1.0, merge_first_col: int = 0, bottom_rule: bool = True, top_rule: bool = True) -> bytes:
    """A grid of rules with one text run per cell. merge_first_col=k: the first column's first k
    rows are one merged cell (its text in the first of them)."""
    out = bytearray()
    bottom = top + row_h * len(rows)
    for r in range(len(rows) + 1):
        if (r == 0 and not top_rule) or (r == len(rows) and not bottom_rule):
            continue
        y = top + r * row_h
        x0 = col_x[1] if 0 < r < merge_first_col else col_x[0]
        out += hline(x0, col_x[-1], y, how)
    for x in col_x:
        out += vline(x, top, bottom, how)
    for r, row in enumerate(rows):
        for c, s in enumerate(row):
            if s:
                out += text(col_x[c] + 3, top + r * row_h + row_h - 5, s, scale=scale)
    return bytes(out)


def background(x0: float, top: float, x1: float, bottom: float) -> bytes:
    """A filled white rectangle behind text, as Word → PDF converters paint them."""
    return b"q 1 1 1 rg %.2f %.2f %.2f %.2f re f Q\n" % (x0, 842 - bottom, x1 - x0, bottom - top)


# --- encryption (Standard security handler, revision 2, RC4 40-bit) --------------------------

def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted(user_password: bytes, owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF that needs `user_password` to open (its strings are not even encrypted:
    a reader must refuse it at the password check, before it reads any content)."""
    pad = lambda p: (p + _PAD)[:32]  # noqa: E731
    o = _rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    p = (-44).to_bytes(4, "little", signed=True)
    file_id = b"0123456789abcdef"
    key = hashlib.md5(pad(user_password) + o + p + file_id).digest()[:5]
    u = _rc4(key, _PAD)
    enc = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (o.hex().encode(), u.hex().encode())
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream(b""), enc]
    return assemble(objs, b"/Encrypt 5 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode()))
