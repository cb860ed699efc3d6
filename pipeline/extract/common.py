"""Conventions every structured reader (PDF, HTML, DOCX) shares, so the table reader sees one shape.

Grid convention (also documented in docs/formats.md):
- A grid is rectangular: merged cells are expanded, and only the top-left position of a merged
  region carries its text; every position it covers is '' (never the repeated text: repeating a
  number would count it twice). A covered position and a truly blank cell therefore look alike.
- Cell text is stripped of surrounding whitespace (including U+3000 and NBSP); a cell holding
  only whitespace is ''. Visual lines inside a cell (a wrapped label, <br>, several Word
  paragraphs) are kept, joined by '\\n': '商业\\n企业', '（四）无法提\\n供'. Compare labels with
  the '\\n' removed; treat it as a separator when reading numbers, so '12\\n34' is never 1234.
- Spaces between two CJK characters are layout (justified text, CJK-Latin autospacing inside
  PDF lines), not content, and are dropped: '情 形' → '情形'. Spaces next to Latin letters or
  digits are kept.
- Every table row is also rendered as one Line (cells joined by '\\t', '\\n' inside a cell
  joined away), and each Cell.line is the number of that line.
"""
from __future__ import annotations

import re

# Hanzi plus the CJK and full-width punctuation that sit between them in running text.
_CJKP = r"\u2018-\u201d\u2026\u2014\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK_SPACE = re.compile(rf"(?<=[{_CJKP}])[ \u00a0]+(?=[{_CJKP}])")
_CJK_CHAR = re.compile(rf"[{_CJKP}]")
_WRAP = re.compile(r"[ \t\u00a0\u3000]*\n[ \t\u00a0\u3000\n]*")


def tidy(text: str) -> str:
    """One visual line: CJK layout spaces dropped, ends stripped."""
    return _CJK_SPACE.sub("", text).strip()


def cell_text(lines: list[str] | str) -> str:
    """Raw cell text by the convention above, from its visual lines."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    return "\n".join(t for t in (tidy(x) for x in lines) if t)


def flatten(text: str) -> str:
    """Cell text on one line: a wrap between CJK characters disappears, any other becomes ' '."""
    if "\n" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        return "" if _CJK_CHAR.match(before or " ") or _CJK_CHAR.match(after or " ") else " "

    return _WRAP.sub(join, text)


def row_line(cells: list[str]) -> str:
    return "\t".join(flatten(c) for c in cells)
