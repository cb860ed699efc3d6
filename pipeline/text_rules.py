"""Text rules shared by the parser and the warehouse checks: blank marks, page numbers, label text.

Each rule is written once here, so the reader that decides a cell is blank and the blocking check
that a blank cell never carries a number cannot disagree, and every reader drops the same page
furniture. Standard library only at import: the PDF extractor reads the page-number rule too, and
must not pull the parser (OpenCC is reached through pipeline.parse.script on first use).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFKC (full-width digits, slashes and brackets → ASCII; compatibility ideographs → unified
    ones) without whitespace: PDF and Word split cells and labels with spaces and newlines."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


# ------------------------------------------------------------------------------ blank marks
# The marks a report prints in a cell that exists but holds no number ('unknown or not
# applicable', never 0), compared after `fold`. The parser's cells, the legacy statistics form
# and the blocking check `blanks_stay_null` used three lists; each mark of their union is kept:
#   /  -  —  －  无      in all three
#   –                    a dash in the cell reader and the statistics form: the check counts it too
#   \                    typed for / (one key apart): never a number, so blank everywhere
#   --  ——  ―            dashes doubled or the horizontal bar: the same dash, never a number
#   空                   'empty' written in the cell (not a count: 空 is never a number)
#   ×                    a crossed-out cell (not applicable): never a number
# Full-width forms (／ － ＼) fold to these; the SQL list spells them out (DuckDB has no NFKC).
BLANK_MARKS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "―", "无", "空", "×"})


def is_blank(text: str) -> bool:
    """The cell holds no number: empty, whitespace or a blank mark."""
    t = fold(text)
    return not t or t in BLANK_MARKS


def blank_texts() -> list[str]:
    """Every raw text the parser reads as blank, up to whitespace: '' and each mark, also with
    its ASCII characters printed full-width ('／', '－－')."""
    out = {""} | set(BLANK_MARKS)
    for mark in BLANK_MARKS:
        wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in mark)
        if fold(wide) == mark:
            out.add(wide)
    return sorted(out)


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Whitespace the parser drops (Python's \s on str); RE2 has no Unicode \s, so spelled out.
_SQL_SPACE = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}]"


def blank_sql(column: str) -> str:
    """SQL that is true where `column` (raw cell text) is one the parser reads as blank."""
    return f"regexp_replace({column}, '{_SQL_SPACE}+', '', 'g') in ({', '.join(map(sql_literal, blank_texts()))})"


# ------------------------------------------------------------------------------ page numbers
# The page-number lines of the parser's three patterns (table cells, prose, metadata) and the PDF
# extractor's page foot, in one: '- 3 -', '—3—', '第3页', '第 3 页 共 9 页', '第3页/共9页', '3/9',
# 'Page 3'. A number alone or with a dash on one side ('3', '-3') is a page number only where a
# lone number is never a value (prose, the title, a PDF page foot): in a table it is a cell
# ('-3' is minus three) and table_grid decides from the lines around it. 'n/m' keeps 1–3 digits
# each, so a date ('2023/12') is not a page.
_DASH = "[-—–－]"
PAGE_NUMBER = re.compile(
    rf"^\s*(?:{_DASH}+\s*\d+\s*{_DASH}+"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|page\s*\d+(?:\s*/\s*\d+)?"
    rf"|(?P<lone>{_DASH}?\s*\d+\s*{_DASH}?))\s*$",
    re.IGNORECASE,
)


def is_page_number(line: str, lone: bool = False) -> bool:
    """The line is a page number; `lone`: also a bare number or one with a dash on one side."""
    m = PAGE_NUMBER.match(line)
    return m is not None and (lone or m.group("lone") is None)


# ------------------------------------------------------------------------------ label text
@cache
def _trad_table() -> dict:
    from pipeline.parse.script import TRAD_TABLE  # OpenCC per character; imported on first use

    return TRAD_TABLE


def norm_text(text: str) -> str:
    """Label text for matching: folded (NFKC, no whitespace) and traditional → simplified per
    character (mirror sites publish traditional copies). Look-alike radicals are mapped at
    extraction (pipeline/extract/normalize.py), before this."""
    return fold(text).translate(_trad_table())


# Cells repeat across rows and reports ('0', '', the template's labels): cached.
norm = lru_cache(maxsize=8192)(norm_text)
