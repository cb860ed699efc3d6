"""Cell text → what it is: a label (normalised for matching) or a value (number / known blank).

Labels are compared after NFKC (full-width digits and brackets become ASCII), a small
traditional→simplified map (mirror sites publish traditional copies) and removal of all
whitespace (PDF and Word text splits labels with spaces and newlines).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.parse.script import TRAD_TABLE  # traditional → simplified per character (OpenCC)
_WS = re.compile(r"\s+")


def norm_text(text: str) -> str:
    """Label text for matching: NFKC, simplified, no whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text).translate(TRAD_TABLE))


# Cells repeat across rows and reports ('0', '', the template's labels): cached.
norm = lru_cache(maxsize=8192)(norm_text)


# Known blanks: the cell exists but holds no number ('unknown or not applicable', never 0).
NULL_MARKS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "―", "－", "无", "空", "×"})
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|亿元|元|件|项|个|条|次|宗)?$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")

EMPTY, NULL, NUMBER, TEXT = 0, 1, 2, 3


@lru_cache(maxsize=8192)
def classify(text: str | None) -> tuple[int, float | None, str | None]:
    """(kind, value, unit) of one cell. Spaces inside a number are extraction damage ('2 1' is
    21): a cell holding only digits and spaces is one number. Placement decides elsewhere when a
    space-separated run is really several cells."""
    if not text:
        return EMPTY, None, None
    t = _WS.sub("", unicodedata.normalize("NFKC", text))
    if not t:
        return EMPTY, None, None
    if t in NULL_MARKS:
        return NULL, None, None
    t = _THOUSANDS.sub("", t)
    m = _NUMBER.match(t)
    if m is None:
        return TEXT, None, None
    num = float(m.group(2))
    if m.group(1) == "-":
        num = -num
    return NUMBER, num, m.group(3)


def is_value(text: str | None) -> bool:
    return classify(text)[0] != TEXT


# --- page furniture and section headings -------------------------------------------------------

_PAGE_NO = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)


def is_page_furniture(text: str) -> bool:
    return bool(_PAGE_NO.match(text))


_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[、.]")
# Section heading keyword → the table that section holds (None: prose section, ends any table).
_SECTIONS = (
    ("主动公开政府信息", "active_disclosure"),
    ("收到和处理政府信息公开申请", "requests"),
    ("行政复议、行政诉讼", "review_litigation"),
    ("行政复议和行政诉讼", "review_litigation"),
    ("行政复议,行政诉讼", "review_litigation"),
    ("总体情况", None),
    ("存在的主要问题", None),
    ("其他需要报告", None),
    ("主要工作", None),
)


def section_of(label: str) -> tuple[bool, str | None]:
    """(is_heading, table) for a normalised single-cell line such as '三、收到和处理政府信息公开申请情况'."""
    if not _HEADING.match(label) or len(label) > 40:
        return False, None
    for key, table in _SECTIONS:
        if key in label:
            return True, table
    return False, None
