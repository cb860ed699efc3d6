"""Cell text → what it is: a label (normalised for matching) or a value (number / known blank).

Label normalisation, the blank marks and the page-number rule live in pipeline/text_rules.py,
shared with the warehouse's blocking checks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text_rules import BLANK_MARKS as NULL_MARKS
from pipeline.text_rules import fold, is_page_number
from pipeline.text_rules import norm, norm_text  # noqa: F401  (the table readers import them from here)

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
    t = fold(text)
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

def is_page_furniture(text: str) -> bool:
    """A page number as a table cell or line: never a lone number, which is a value there."""
    return is_page_number(text)


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
