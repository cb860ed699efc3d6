"""Bytes of one file → a `Document` (lines + grids), whatever the format.

`extract(source_path, data)` is the single entry point; it raises `Unreadable` with a reason a
user can act on when the file cannot yield trustworthy text.
"""
from __future__ import annotations

from pipeline.model import Document, Line, Unreadable


def extract(source_path: str, data: bytes) -> Document:
    # Placeholder until the format readers land: UTF-8 text only.
    if not data.strip():
        raise Unreadable("empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Unreadable(f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    lines = [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    return Document(source_path=source_path, format="text", lines=lines, encoding="utf-8")
