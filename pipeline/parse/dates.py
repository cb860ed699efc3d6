"""Dates as reports write them: 2020年2月19日, 2019 年 3 月, 二零一一年二月十二日, 2011-02-17 10:52."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／：", "0123456789-/:")
_CN = "〇零○Ｏ一二三四五六七八九十"
_YMD = re.compile(
    rf"(?P<y>(?:19|20)\d\d|[{_CN}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日)?"
)
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    precision: str  # 'day' | 'month'
    start: int
    end: int


def cn_number(text: str) -> int | None:
    """Small Chinese numerals: 三, 十二, 二十六, 一百零三, 两百; digit strings 二零一一 too."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGIT for c in text):
        if len(text) == 1:
            return _CN_DIGIT[text]
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    total, cur = 0, 0
    for c in text:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        elif c == "千":
            total += (cur or 1) * 1000
            cur = 0
        else:
            return None
    return total + cur


def find_dates(text: str) -> list[FoundDate]:
    text = text.translate(_FULLWIDTH)
    out = []
    for m in _YMD.finditer(text):
        y, mo = cn_number(m["y"]), cn_number(m["m"])
        d = cn_number(m["d"]) if m["d"] else None
        try:
            out.append(FoundDate(date(y, mo, d or 1), "day" if d else "month", m.start(), m.end()))
        except (TypeError, ValueError):
            continue
    for m in _ISO.finditer(text):
        try:
            out.append(FoundDate(date(int(m["y"]), int(m["m"]), int(m["d"])), "day", m.start(), m.end()))
        except ValueError:
            continue
    return sorted(out, key=lambda f: f.start)
