"""Checks that keep a hostile PDF from hanging or exhausting the reader (issue 12).

- Reference loops: an object whose whole body is a reference to another object ("4 0 obj 4 0 R
  endobj", or 5 → 6 → 5). pdfminer resolves such chains in a `while` loop with no limit, and
  walks the loop again when the document is closed, so a 543-byte file hangs it forever; PDFium
  is not affected. The loop is found in the raw bytes (plain objects and compressed object
  streams) before pdfminer ever sees the file, and the file is refused.
- Size limits: pages per file, characters per page and per file. A 788 KB PDF can hold 5,000
  pages of tiny text; reading them all costs gigabytes in pdfminer and minutes anywhere, and no
  annual report comes near these limits.
"""
from __future__ import annotations

import re
import zlib

MAX_PAGES = 1_000  # the longest real reports run to ~100 pages with their appendices
MAX_CHARS_PER_PAGE = 30_000  # a page of 5-pt text holds ~15,000
MAX_CHARS = 1_000_000  # per file: ~300 dense pages

_REF_ONLY = re.compile(rb"obj\s*(\d{1,10})\s+\d{1,5}\s+R\s*endobj")  # literal first: fast to scan
_OBJ_NUM = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+$")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"stream\r?\n")
_INT_PAIR = re.compile(rb"(\d+)\s+(\d+)")
_REF_BODY = re.compile(rb"\s*(\d{1,10})\s+(\d{1,5})\s+R\s*$")
_MAX_OBJSTM_BYTES = 8 << 20  # decompressed size read per object stream: enough for any header


def object_streams(data: bytes) -> list[tuple[int, int, bytes]]:
    """(objects, offset of the first, decompressed body) of each compressed object stream; a
    body is cut at 8 MB (headers and small objects come first)."""
    out = []
    for m in _OBJSTM.finditer(data):
        dict_start = data.rfind(b"obj", 0, m.start())
        s = _STREAM.search(data, m.end())
        if dict_start < 0 or s is None:
            continue
        head = data[dict_start:s.start()]
        n_m = re.search(rb"/N\s+(\d+)", head)
        first_m = re.search(rb"/First\s+(\d+)", head)
        if not n_m or not first_m:
            continue
        end = data.find(b"endstream", s.end())
        raw = data[s.end(): end if end > 0 else len(data)]
        if b"/FlateDecode" in head:
            try:
                body = zlib.decompressobj().decompress(raw, _MAX_OBJSTM_BYTES)
            except zlib.error:
                continue
        elif b"/Filter" in head:
            continue  # another filter: pdfminer decodes it, but reference-only objects there are unheard of
        else:
            body = raw
        out.append((int(n_m.group(1)), int(first_m.group(1)), body))
    return out


def reference_loop(data: bytes, streams: list[tuple[int, int, bytes]] | None = None) -> str | None:
    """'object references loop (4 → 4)' when a chain of reference-only objects closes on itself."""
    refers: dict[int, int] = {}
    for m in _REF_ONLY.finditer(data):
        num = _OBJ_NUM.search(data[max(0, m.start() - 24): m.start()])
        if num:
            refers[int(num.group(1))] = int(m.group(1))
    for num, target in _object_stream_refs(object_streams(data) if streams is None else streams):
        refers.setdefault(num, target)
    for start in refers:
        seen = [start]
        cur = refers[start]
        while cur in refers and cur not in seen:
            seen.append(cur)
            cur = refers[cur]
        if cur in seen:
            chain = " → ".join(str(n) for n in seen[seen.index(cur):] + [cur])
            return f"object references loop ({chain})"
    return None


def _object_stream_refs(streams: list[tuple[int, int, bytes]]):
    """(object number, referenced number) for reference-only objects inside object streams."""
    for n, first, body in streams:
        pairs = [(int(a), int(b)) for a, b in _INT_PAIR.findall(body[:first])][:n]
        for k, (num, off) in enumerate(pairs):
            stop = first + pairs[k + 1][1] if k + 1 < len(pairs) else len(body)
            ref = _REF_BODY.match(body[first + off: stop])
            if ref:
                yield num, int(ref.group(1))
