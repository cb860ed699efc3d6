"""Which national template a report follows, decided from the labels it prints.

Never from the notice number the preamble cites: reports cite the 2019 notice and print the
2021 table, or cover 2018 and print the 2019 table. Labels are searched in the whole text with
whitespace removed, so labels split one character per line, or a report whose tables were lost
but whose labels survive, still count.
"""
from __future__ import annotations

import re

from pipeline.model import Line
from pipeline.parse.script import to_simplified

# Labels only the 2021 table prints.
_LABELS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知")
# Labels only the 2019 table prints (政府集中采购 alone also occurs in legacy prose).
_LABELS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第[(（]九[)）]项", "采购总金额")
# Table 三 labels both templates share: a report whose table 二 is lost is still a template
# report; without a 2021 label it is the 2019 one.
_LABELS_SHARED = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量")


_RE_2021 = re.compile("|".join(_LABELS_2021))
_RE_2019 = re.compile("|".join(_LABELS_2019 + _LABELS_SHARED))


def detect_template(lines: list[Line]) -> str | None:
    """'2019' | '2021' | 'legacy'; None for a document without text."""
    if not lines:
        return None
    # every whitespace character out: str.split() splits on exactly what the regex \s matches
    text = "".join("".join([ln.text for ln in lines]).split())
    if not text:
        return None
    text = to_simplified(text)  # a traditional mirror copy prints the same labels
    if _RE_2021.search(text):
        return "2021"
    if _RE_2019.search(text):
        return "2019"
    return "legacy"


# parse_status of a blank national form: kept in marts.dim_report (its template is known), never
# counted as a loaded report nor shown in the analytics views.
BLANK_FORM = "blank_form"


def is_blank_form(template: str | None, agency_name: str | None, report_year: int | None, facts) -> bool:
    """A national template with no agency, no year and not one number is the form itself (a
    download of the blank template, '（文字描述）' placeholders), not a report of anybody."""
    return (
        template in ("2019", "2021")
        and agency_name is None
        and report_year is None
        and not any(f.value is not None for f in facts)
    )
