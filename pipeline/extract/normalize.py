"""Look-alike code points → the ideographs they stand for, applied once to every extracted text.

Browser-printed PDFs and some Word exports put Kangxi radicals (⼈ U+2F08), CJK Radicals
Supplement characters (⺠ U+2EA0) and CJK compatibility ideographs in place of the ordinary
ideographs (人, 民); they look the same and break every label and name match. `normalize_document`
maps them on every Line and Cell of a Document, whatever its format, and keeps each changed
line's original text in `Document.raw_lines` (provenance).

Only ideograph look-alikes are mapped here. Full-width digits, letters and punctuation are left as
printed: prose readers match the full-width '，。：' of running Chinese text, and every label and
number comparison already folds them (NFKC in parse.labels).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from pipeline.model import Document

_DATA = Path(__file__).with_name("data") / "lookalike_ideographs.tsv"
# CJK Compatibility Ideographs and their Supplement: each decomposes (canonically) to one unified
# ideograph; the few in the block that are unified ideographs themselves (e.g. U+FA0E) map to
# themselves and are left alone.
_COMPAT_RANGES = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


@cache
def lookalike_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            src, dst = line.split("\t")[:2]
            table[int(src, 16)] = chr(int(dst, 16))
    for lo, hi in _COMPAT_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1:
                table[cp] = folded
    return table


@cache
def _pattern() -> re.Pattern[str]:
    # As ranges of consecutive code points (13, not 1,330 single characters): a class with
    # characters beyond the BMP listed one by one is tried member by member at every position,
    # which made this test half a millisecond per document.
    ranges: list[list[int]] = []
    for cp in sorted(lookalike_table()):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "")
                                    for lo, hi in ranges) + "]")


def normalize_text(text: str) -> str:
    """The text with every look-alike radical or compatibility ideograph replaced."""
    if not text or not _pattern().search(text):
        return text
    return text.translate(lookalike_table())


def normalize_document(doc: Document) -> Document:
    """Map look-alikes in every line and grid cell, in place; changed lines keep their original
    text in doc.raw_lines (line no → text as extracted)."""
    for line in doc.lines:
        fixed = normalize_text(line.text)
        if fixed != line.text:
            doc.raw_lines[line.no] = line.text
            line.text = fixed
    for grid in doc.grids:
        for row in grid.rows:
            for cell in row:
                cell.text = normalize_text(cell.text)
    return doc
