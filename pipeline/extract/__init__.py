"""Bytes of one file → a `Document` (lines + grids), whatever the format.

`extract(source_path, data)` is the single entry point; it raises `Unreadable` with a reason a
user can act on when the file cannot yield trustworthy text. The format comes from the bytes
(`sniff`), never from the extension (which only tells a Kingsoft .wps from a .doc). Readers are imported on first use, so a worker that only
sees text files never loads pdfminer or python-docx.
"""
from __future__ import annotations

from pipeline.extract.normalize import normalize_document
from pipeline.extract.sniff import ole_streams, sniff
from pipeline.model import Document, Unreadable

__all__ = ["extract", "sniff", "Unreadable"]


def extract(source_path: str, data: bytes) -> Document:
    # Every format's Document gets look-alike code points normalised once, here.
    return normalize_document(_extract(source_path, data))


def _extract(source_path: str, data: bytes) -> Document:
    fmt = sniff(source_path, data)
    if fmt == "pdf":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(source_path, data)
    if fmt == "docx":
        from pipeline.extract.docx import extract_docx

        return extract_docx(source_path, data)
    if fmt in ("doc", "wps"):
        from pipeline.extract.office import extract_office

        return extract_office(source_path, data, fmt, word_binary="WordDocument" in ole_streams(data))
    if fmt in ("xlsx", "xls", "ods"):
        from pipeline.extract.sheet import extract_sheet

        return extract_sheet(source_path, data, fmt)
    if fmt == "html":
        from pipeline.extract.html import extract_html

        return extract_html(source_path, data)
    from pipeline.extract.text import extract_text

    return extract_text(source_path, data, fmt)
