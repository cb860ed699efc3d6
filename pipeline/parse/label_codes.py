"""Normalised labels (see labels.norm) → codes of pipeline.codes.

Matching is by distinctive keywords rather than whole labels, because real reports misspell
labels ('2.其他法律行政止公开'), shorten them (规范性文件 for 行政规范性文件), add notes in brackets,
number sub-rows '1、' instead of '1.' and lose parts of them at page breaks ('（四）无法提' / '供').
A sub-row whose own words are damaged is still placed by its number within its group
('（四）无法提供 … 3.' is unavailable_unclear), never by its position in the table.
"""
from __future__ import annotations

import re
from functools import lru_cache

# --- table 三 -------------------------------------------------------------------------------

GROUP_SUBROWS: dict[str, tuple[str, ...]] = {
    "withheld": (
        "withheld_state_secret", "withheld_law_prohibited", "withheld_security_stability",
        "withheld_third_party", "withheld_internal_affairs", "withheld_process_info",
        "withheld_enforcement_file", "withheld_admin_query",
    ),
    "unavailable": ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"),
    "rejected": (
        "rejected_petition", "rejected_duplicate", "rejected_publication",
        "rejected_excessive", "rejected_confirmation",
    ),
    "other": ("other_no_correction", "other_unpaid_fee", "other_other"),
}
_GROUP_OF_CODE = {code: g for g, codes in GROUP_SUBROWS.items() for code in codes}
_GROUP_NUMERAL = {"三": "withheld", "四": "unavailable", "五": "rejected", "六": "other"}
_GROUP_WORDS = (("不予公开", "withheld"), ("无法提", "unavailable"), ("不予处理", "rejected"), ("其他处理", "other"))

# Most specific first: sub-row words, then group-level rows, then the top rows. A label that
# accumulated its group's words ('（三）不予公开1.属于国家秘密') still hits the sub-row first.
_OUTCOME_KEYS: tuple[tuple[str, str], ...] = (
    ("国家秘密", "withheld_state_secret"),
    ("禁止公开", "withheld_law_prohibited"),
    ("其他法律", "withheld_law_prohibited"),
    ("法律法规", "withheld_law_prohibited"),
    ("三安全", "withheld_security_stability"),
    ("一稳定", "withheld_security_stability"),
    ("第三方", "withheld_third_party"),
    ("内部事务", "withheld_internal_affairs"),
    ("过程性", "withheld_process_info"),
    ("执法案卷", "withheld_enforcement_file"),
    ("查询事项", "withheld_admin_query"),
    ("行政查询", "withheld_admin_query"),
    ("不掌握", "unavailable_not_held"),
    ("另行制作", "unavailable_needs_creation"),
    ("没有现成", "unavailable_needs_creation"),
    ("不明确", "unavailable_unclear"),
    ("信访", "rejected_petition"),
    ("投诉", "rejected_petition"),
    ("举报", "rejected_petition"),
    ("重复申请", "rejected_duplicate"),
    ("出版物", "rejected_publication"),
    ("大量反复", "rejected_excessive"),
    ("重新出具", "rejected_confirmation"),
    ("确认或", "rejected_confirmation"),
    ("已获取", "rejected_confirmation"),
    ("不补正", "other_no_correction"),
    ("缴纳费用", "other_unpaid_fee"),
    ("收费通知", "other_unpaid_fee"),
    ("本年新收", "received_new"),
    ("新收政府信息", "received_new"),
    ("上年结转", "carried_over"),
    ("上一年结转", "carried_over"),
    ("结转下", "carried_forward"),
    ("继续办理", "carried_forward"),
    ("部分公开", "partially_granted"),
    ("区分处理", "partially_granted"),
    ("只计这一情形", "partially_granted"),
    ("予以公开", "granted"),
    ("总计", "handled_total"),
    ("合计", "handled_total"),
)
_TOP_CODES = frozenset(
    {"received_new", "carried_over", "granted", "partially_granted", "handled_total", "carried_forward"}
)
_GROUP_MARK = re.compile(r"\(([一二三四五六七八])\)")
_SUB_MARK = re.compile(r"(?<!\d)([1-9])[.、,)](?!\d)")
ROW_MARK = re.compile(r"^(?:[一二三四五六七八]、|\([一二三四五六七八]\)|[1-9][.、])")
SUB_START = re.compile(r"^[1-9][.、]")


def group_of(label: str) -> str | None:
    """The group (withheld / unavailable / rejected / other) a label names, if any."""
    marks = _GROUP_MARK.findall(label)
    if marks and marks[-1] in _GROUP_NUMERAL:
        return _GROUP_NUMERAL[marks[-1]]
    for word, group in _GROUP_WORDS:
        if word in label:
            return group
    return None


# Label look-ups below are pure functions of their text, asked again for every row and every
# report: cached (template labels repeat everywhere).
@lru_cache(maxsize=8192)
def match_outcome(label: str, group_ctx: str | None) -> tuple[str | None, str | None]:
    """(outcome code or None, group the following sub-rows belong to).

    group_ctx is the group of the rows above; a label that names its own group overrides it.
    """
    own_group = group_of(label)
    group = own_group or group_ctx
    for key, code in _OUTCOME_KEYS:
        if key in label:
            if code in _TOP_CODES:
                # '（七）总计' or '四、结转…' ends any group; '（六）其他处理3.其他' has no key here.
                return code, None
            return code, _GROUP_OF_CODE[code]
    subs = _SUB_MARK.findall(label)
    if group and subs:
        n = int(subs[-1])
        codes = GROUP_SUBROWS[group]
        if 1 <= n <= len(codes):
            return codes[n - 1], group
        return None, group
    if own_group == "other":
        # '（六）其他处理' with no sub-row words: the single row of the 2019 template.
        return "other_handling", "other"
    if group == "other" and label.rstrip("。.") in ("其他", "3其他"):
        return "other_other", "other"
    return None, own_group or group_ctx


def is_group_label(label: str) -> bool:
    """A label that heads sub-rows ('（三）不予公开', '（六）其他处理') rather than a row of its own."""
    return group_of(label) is not None and not _SUB_MARK.search(label)


_HEADER3 = frozenset({"自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况"})
_HEADER3_WEAK = frozenset({"其他", "总计", "合计"})
_HEADER3_TEXT = "申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计合计"
_HEADER3_WORDS = tuple(sorted(_HEADER3 | _HEADER3_WEAK, key=len, reverse=True))
_ROW_WORDS = frozenset({"申请", "其他", "情况"})  # pieces of the header that row labels also hold


def _header_words(text: str) -> int:
    """0 when `text` is not a run of table 三's column-header words; otherwise 1 + the number of
    those words that no row label holds (so > 1 means a strong header word is in it)."""
    words = _HEADER3_WORDS
    best: list[int | None] = [None] * (len(text) + 1)  # best[i]: most strong words covering text[:i]
    best[0] = 0
    for i in range(len(text)):
        if best[i] is None:
            continue
        for w in words:
            if text.startswith(w, i):
                score = best[i] + (w in _HEADER3)
                if best[i + len(w)] is None or score > best[i + len(w)]:
                    best[i + len(w)] = score
    end = best[len(text)] if text else None
    return 0 if end is None else 1 + end


# Words of the header's corner note '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'
# and its title, any fragment of which (the note is often cut over two lines) marks a header line.
_HEADER3_NOTE = ("勾稽", "申请人情况", "本列数据", "第一项加", "第二项之和", "第三项加第四项")


def requests_header(texts: list[str], after_header: bool) -> bool:
    """Whether the text cells of a line are table 三's column header (dropped, also when a page
    break repeats it inside the table)."""
    if not texts:
        return False
    if any(any(w in t for w in _HEADER3_NOTE) for t in texts):
        return True
    if all(t in _HEADER3 or t in _HEADER3_WEAK for t in texts):
        return after_header or any(t in _HEADER3 for t in texts)
    # Cells never separated (a crawler flattening the HTML table to text): the header words
    # run together in one line ('自然人法人或其他组织总计'). A line that is nothing but applicant
    # words, one of them a word no row label has, is the header, never the （七）总计 row.
    if all(_header_words(t) for t in texts) and any(_header_words(t) > 1 for t in texts):
        return True
    # A header shredded into fragments ('自然' | '法人或其' | '他组织' | '商业企'): every cell a piece
    # of the column headers, one of them a piece no row label has.
    if all(t in _HEADER3_TEXT for t in texts):
        return any(len(t) >= 2 and t not in _HEADER3_WEAK and t not in _ROW_WORDS for t in texts)
    return False


# --- table 二 -------------------------------------------------------------------------------

_ITEM_KEYS: tuple[tuple[str, str], ...] = (
    ("规范性文件", "normative_documents"),
    ("规章", "rules"),
    ("行政许可", "licensing"),
    ("对外管理服务", "other_services"),
    ("行政处罚", "penalty"),
    ("行政强制", "coercion"),
    ("事业性收费", "fees"),
    ("集中采购", "procurement"),
)
_MEASURE_KEYS: tuple[tuple[str, str], ...] = (
    ("本年新制作", "new_made"),
    ("新制作", "new_made"),
    ("本年新公开", "new_published"),
    ("新公开", "new_published"),
    ("公开总数", "total_published"),
    ("本年制发", "issued"),
    ("制发", "issued"),
    ("废止", "repealed"),
    ("现行有效", "in_force"),
    ("上一年项目", "previous_year_count"),
    ("增/减", "change"),
    ("增减", "change"),
    ("处理决定", "decisions"),
    ("收费金额", "fee_amount"),
    ("采购项目", "procurement_projects"),
    ("采购总金额", "procurement_amount"),
    ("总金额", "procurement_amount"),
)
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")


def match_item(label: str) -> str | None:
    for key, code in _ITEM_KEYS:
        if key in label:
            return code
    return None


def match_measure(label: str) -> tuple[str | None, str | None]:
    """(measure code, unit printed in the header cell such as '（单位：万元）')."""
    for key, code in _MEASURE_KEYS:
        if key in label:
            unit = _UNIT_IN_HEADER.search(label)
            return code, unit.group(1) if unit else None
    return None, None


def match_measures(label: str) -> list[tuple[str, str | None]]:
    """Every measure a header cell names, in printed order: a header whose column names share one
    cell ('本年制发件数 本年废止件数', single spaces lost to the text layer) names several."""
    return list(_match_measures(label))


@lru_cache(maxsize=8192)
def _match_measures(label: str) -> tuple[tuple[str, str | None], ...]:
    spans: list[tuple[int, int, str]] = []
    for key, code in _MEASURE_KEYS:
        start = label.find(key)
        while start >= 0:
            end = start + len(key)
            if all(end <= a or start >= b for a, b, _ in spans) and all(c != code for *_, c in spans):
                spans.append((start, end, code))
            start = label.find(key, end)
    spans.sort()
    out = []
    for i, (start, _, code) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(label)
        unit = _UNIT_IN_HEADER.search(label, start, stop)
        out.append((code, unit.group(1) if unit else None))
    return tuple(out)


# Column layout each template prints for an item, used when the header row is lost.
DEFAULT_MEASURES: dict[str, dict[str, tuple[str, ...]]] = {
    "2019": {
        "rules": ("new_made", "new_published", "total_published"),
        "normative_documents": ("new_made", "new_published", "total_published"),
        "licensing": ("previous_year_count", "change", "decisions"),
        "other_services": ("previous_year_count", "change", "decisions"),
        "penalty": ("previous_year_count", "change", "decisions"),
        "coercion": ("previous_year_count", "change", "decisions"),
        "fees": ("previous_year_count", "change"),
        "procurement": ("procurement_projects", "procurement_amount"),
    },
    "2021": {
        "rules": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "penalty": ("decisions",),
        "coercion": ("decisions",),
        "fees": ("fee_amount",),
    },
}

# Units: counts of documents and decisions are '件', counts of items on a list (许可事项, 收费项目,
# 采购项目) are '项'; 2021 fees are printed in 万元 by the template; 2019 procurement amounts
# carry whatever unit the cell or header prints (None when neither does).
MEASURE_UNITS: dict[str, str | None] = {
    "new_made": "件", "new_published": "件", "total_published": "件",
    "issued": "件", "repealed": "件", "in_force": "件", "decisions": "件",
    "previous_year_count": "项", "change": "项", "procurement_projects": "项",
    "fee_amount": "万元", "procurement_amount": None,
}

# --- table 四 / which table a line belongs to -------------------------------------------------

_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review_litigation", ("行政复议", "行政诉讼", "复议后起诉", "未经复议", "结果维持", "尚未审结")),
    ("requests", ("勾稽", "申请人情况", "自然人", "商业企业", "科研机构") + tuple(k for k, _ in _OUTCOME_KEYS if k not in ("总计", "合计"))
     + ("不予公开", "无法提供", "不予处理", "其他处理", "本年度办理结果")),
    ("active_disclosure", ("第二十条", "信息内容") + tuple(k for k, _ in _ITEM_KEYS) + tuple(k for k, _ in _MEASURE_KEYS)),
)


_MARKER_RES = tuple((t, re.compile("|".join(map(re.escape, keys)))) for t, keys in _MARKERS)


@lru_cache(maxsize=8192)
def tables_marked(label: str) -> tuple[str, ...]:
    """Tables whose distinctive words occur in a line's text (usually one)."""
    return tuple(t for t, rx in _MARKER_RES if rx.search(label))
