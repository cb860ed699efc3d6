"""Figures given in sentences (legacy reports 2008–2018, 总体情况 of template reports) → facts.

How a sentence becomes facts:
1. Lines are joined into paragraphs (a PDF wraps sentences over lines; a blank line, a line ending
   in 。/！/？, a heading marker or a table row ends a paragraph) and cut into sentences at 。！？.
2. Each sentence is normalised for matching (traditional → simplified, full-width → ASCII digits,
   whitespace dropped: '21 件' → '21件'), keeping a map back to the original characters.
3. Clauses (split at ，、；：and brackets) are read number by number: a count is a number directly
   followed by a request unit (件 宗 个 起 例 份) — never 条/项 (information items), 人次, 册, %,
   年/月/日 or 号 (dates, document numbers), and never an approximation (余, 多). The words before
   the number in its clause (else right after it) say what is counted; only the nearest keyword
   counts, and words of other business (业务, 提案, 信箱, 咨询 …) veto the clause.
4. Request counts need 申请 in the sentence; review/litigation counts need 公开 in the sentence or
   in the heading sentence before it (an agency's other lawsuits are not ours).
5. Statements of absence are zeros: 没有收到政府信息公开申请, 不涉及依申请公开 → received_new 0;
   没有…行政复议、行政诉讼 → the proceedings named get total 0.
6. A sentence that gives a total and two or more parts that do not add up is not loaded: it is
   reported as Issue('prose_inconsistent'). So are two sentences that give one figure two values.

A zero total implies zero parts, so '行政诉讼0件' fills both litigation rows and '不予公开0件' the
eight withheld_* rows; a non-zero count without its breakdown uses the *_unspecified codes of pipeline.codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.codes import OUTCOMES
from pipeline.model import Document, Fact, Issue

_GROUP_ZERO = {
    "withheld_unspecified": [c for c in OUTCOMES if c.startswith("withheld_")],
    "unavailable_unspecified": [c for c in OUTCOMES if c.startswith("unavailable_")],
    "rejected_unspecified": [c for c in OUTCOMES if c.startswith("rejected_")],
    "litigation_unspecified": ["litigation_direct", "litigation_after_review"],
}
_HANDLING = {
    "granted", "partially_granted", "withheld_unspecified", "unavailable_unspecified",
    "unavailable_not_held", "rejected_unspecified", "rejected_duplicate", *OUTCOMES,
} - {"received_new", "carried_over", "handled_total", "carried_forward"}


@dataclass
class ProseResult:
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


# ------------------------------------------------------------------------------ normalisation
_DATA = Path(__file__).parent / "data"
_PUNCT = {"，": "，", ",": "，", "、": "、", "；": "；", ";": "；", "：": "：", ":": "：", "(": "（",
          ")": "）", "（": "（", "）": "）", "！": "。", "!": "。", "？": "。", "?": "。"}


@cache
def _char_map() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in (_DATA / "tra2sim.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            t, s = line.split("\t")
            table[ord(t)] = s
    for i in range(10):
        table[0xFF10 + i] = str(i)
    table[ord("．")] = "."
    table[ord("馀")] = "余"  # jionlp maps 餘 to 馀
    for k, v in _PUNCT.items():
        table[ord(k)] = v
    return table


@cache
def _delete_map() -> dict[int, str | None]:
    table: dict[int, str | None] = dict(_char_map())
    for ch in " \t\r\n\u3000\u00a0\u200b\ufeff*":
        table[ord(ch)] = None
    return table


_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def _normalise(text: str) -> str:
    """Text for matching: one C-level translate per sentence (the hot path)."""
    return _THOUSANDS.sub("", text.translate(_delete_map()))


def _index(text: str) -> list[int]:
    """Per character of _normalise(text), its index in `text`; built only for sentences that
    yield facts."""
    table = _delete_map()
    keep = [i for i, ch in enumerate(text) if table.get(ord(ch), ch) is not None]
    flat = "".join(text[i] for i in keep).translate(table)
    for m in reversed(list(_THOUSANDS.finditer(flat))):
        del keep[m.start()]
    return keep


# ------------------------------------------------------------------------------ sentences
@dataclass(slots=True)
class _Sentence:
    text: str  # original
    pos: list[tuple[int, int | None]]  # per character: (line, page)
    norm: str = ""
    idx: list[int] = field(default_factory=list)


_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)")
_PAGE_NO = re.compile(r"^\s*[-－—]?\s*\d+\s*[-－—]?\s*$|^\s*第\s*\d+\s*页")
_TABLE_ROW = re.compile(r"\t|(\d+\s+){2,}\d+")
_SENTENCE_PUNCT = re.compile(r"[，。；、：（）《》“”,;:()]")


def _table_like(t: str) -> bool:
    """A row of table cells as a PDF gives it ('结果 结果 其他 尚未总'): several short
    space-separated tokens and no sentence punctuation."""
    tokens = t.split()
    return len(tokens) >= 3 and not _SENTENCE_PUNCT.search(t) and sum(len(x) <= 4 for x in tokens) * 2 >= len(tokens)


def _sentences(doc: Document) -> list[_Sentence]:
    paras: list[tuple[str, list[tuple[int, int | None]]]] = []
    buf: list[str] = []
    pos: list[tuple[int, int | None]] = []

    def flush():
        if buf:
            paras.append(("".join(buf), list(pos)))
            buf.clear()
            pos.clear()

    for ln in doc.lines:
        t = ln.text.strip()
        if not t or _TABLE_ROW.search(t) or _table_like(t):
            flush()
            continue
        if _PAGE_NO.match(t):
            continue  # page furniture inside a wrapped paragraph: skip, keep joining
        if _HEADING.match(t):
            flush()
        buf.append(t)
        pos.extend([(ln.no, ln.page)] * len(t))
        if t[-1] in "。！？!?" or _HEADING.match(t) and len(t) <= 24 and not re.search(r"[，。,]", t):
            # a heading line (二、收费情况) is a sentence of its own: the context of the next one
            flush()
    flush()

    out = []
    for text, ppos in paras:
        start = 0
        for m in re.finditer(r"[。！？!?]+|$", text):
            end = m.end()
            if text[start:end].strip():
                s = _Sentence(text[start:end], ppos[start:end])
                s.norm = _normalise(s.text)
                out.append(s)
            start = end
            if end >= len(text):
                break
    return out


# ------------------------------------------------------------------------------ vocabulary
_CN_NUM = "零〇一二两三四五六七八九十百"
_COUNT = re.compile(
    rf"(?<![\d.〔〕\[\]第])(\d+|[{_CN_NUM}]+)(?![\d.])(余|多)?(件|宗|个|起|例|份)(?!次)(左右)?"
)
_MONEY = re.compile(r"(\d+(?:\.\d+)?)(万元|元)")
_ITEMS = re.compile(rf"(?<![\d.〔〕\[\]第])(\d+|[{_CN_NUM}]+)(?![\d.])(余|多)?(条|项|件)")
_CLAUSE = re.compile(r"[，、；：（）《》“”\"]")
_VETO = re.compile(r"业务|提案|建议|议案|信箱|热线|12345|电话|来信|来访|来电|咨询|接待|人次|投诉|举报件|稿件|"
                   r"文件|会议|培训|检查|审批事项|许可事项|权力事项|案卷|期|册|批次")

# (code, regex) in priority order: earlier rules win a tie on position
_REQUEST_RULES: list[tuple[str, re.Pattern]] = [
    ("carried_forward", re.compile(r"结转(到|至|入)?下一?年|转入下一?年|顺延(到|至)?下一?年|下一?年度?继续办理|正在办理|尚在办理|尚未办结|办理中")),
    ("carried_over", re.compile(r"上一?年度?结转|上一?年度?转入|上一?年度?遗留")),
    ("partially_granted", re.compile(r"部分公开|部分同意公开|同意部分公开|部分予以公开|部分提供")),
    ("withheld_unspecified", re.compile(r"不予以?公开|不同意公开|不公开")),
    ("unavailable_not_held", re.compile(r"信息不存在|不存在|不属于本?(行政)?机关|非本(行政)?机关|不掌握")),
    ("unavailable_unspecified", re.compile(r"无法提供")),
    ("rejected_duplicate", re.compile(r"重复申请")),
    ("rejected_unspecified", re.compile(r"不予处理|不予受理")),
    ("granted", re.compile(r"同意公开|予以公开|全部公开|已公开|提供公开|公开了?(?=$)")),
    ("handled_total", re.compile(r"办结|答复|办理完毕|处理完毕|已办理|已处理")),
    ("received_new", re.compile(r"收到|受理|接到|接收|新收|共收|登记|提出")),
]
_PROCEEDING_RULES: list[tuple[str, re.Pattern]] = [
    ("litigation_after_review", re.compile(r"复议后(提起)?(行政)?(诉讼|起诉)")),
    ("litigation_direct", re.compile(r"(未经复议|直接)(提起)?(行政)?(诉讼|起诉)")),
    ("administrative_review", re.compile(r"行政复议|复议")),
    ("litigation_unspecified", re.compile(r"行政诉讼|诉讼|起诉")),
]
_RESULT_RULES: list[tuple[str, re.Pattern]] = [
    ("upheld", re.compile(r"维持")),
    ("corrected", re.compile(r"纠正|撤销|变更|确认违法")),
    ("pending", re.compile(r"尚未审结|未审结|审理中|未结")),
    ("other", re.compile(r"其他结果")),
]
_NEG = r"(没有|未曾|未|无|不涉及|不存在|尚无|均无)"
_ABSENT_REQUEST = [
    # the applicants may be named in between (未收到公民、法人或其他组织提出的政府信息公开申请), but
    # not another kind of application (未收到行政复议申请 is about table 四)
    re.compile(rf"{_NEG}(收到|接到|受理|接收|发生|出现)(到|过)?(任何)?(?:(?!复议|诉讼|起诉|提案|建议|投诉|信访)[^，。；]){{0,24}}?申请"),
    re.compile(r"(没有|无)(任何)?(公民|个人|单位|申请人|组织)[^。]{0,40}?(申请|要求)[^。]{0,20}?公开"),
    re.compile(r"(不涉及|没有|无|未发生|未有)(涉及)?(依申请公开|政府信息公开申请|信息公开申请)(?![^。，；]{0,6}费)"),
    re.compile(r"(依申请公开|公开申请)[^。，；]{0,8}?(数量|件数)?(为|是)(零|0)"),
]
# 未 alone is too weak (未经复议, 尚未审结 are table labels): it needs a verb of occurrence
_ABSENT_PROCEEDING = re.compile(
    r"(没有|未曾|(?<!尚)未(发生|出现|收到|接到|产生|有)|无(?!效|法|论)|不涉及|不存在)"
    r"[^。]{0,40}?(行政复议|行政诉讼|诉讼|起诉)"
)
_PROCEEDING_TERM = re.compile(r"行政复议|复议|行政诉讼|诉讼|起诉")
# the negation must govern the charging verb: 未…收取公众费用, 从没有涉及信息收费; not 未按收费通知
_FEE_ZERO = re.compile(r"(从未|从没有|没有|未|无|不)(针对[^。，；]{0,14}?|向[^。，；]{0,10}?|涉及[^。，；]{0,6}?)?(收取|收费)(?!通知|标准)")
_FEE_WORDS = re.compile(r"收取|收费|处理费|费用")
_RELEVANT = re.compile(r"申请|要求|复议|诉讼|起诉|收费|收取|主动公开")
_PROACTIVE = re.compile(r"主动公开[^，。；]{0,12}?(政府)?信息")


def _cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    from pipeline.parse.dates import cn_number

    return cn_number(text)


def _nearest(rules, label: str, after: str):
    """The rule whose keyword ends closest to the number (in the label), else the first rule
    that matches right after the number."""
    best = None
    for code, rx in rules:
        for m in rx.finditer(label):
            if best is None or m.end() > best[1]:
                best = (code, m.end())
    if best:
        return best[0]
    for code, rx in rules:
        m = rx.search(after)
        if m and m.start() <= 2:
            return code
    for code, rx in rules:
        if rx.search(after):
            return code
    return None


# ------------------------------------------------------------------------------ reading
@dataclass(slots=True)
class _Found:
    table: str
    row: str
    col: str
    value: float
    start: int  # in the normalised sentence
    end: int
    unit: str | None = None


def _clauses(norm: str):
    start = 0
    for m in _CLAUSE.finditer(norm + "，"):
        if m.start() > start:
            yield start, norm[start: m.start()]
        start = m.end()


def _read_sentence(s: _Sentence, prev_norm: str) -> tuple[list[_Found], list[str]]:
    """Facts of one sentence, and reasons it cannot be trusted (empty if none)."""
    norm = s.norm
    if not _RELEVANT.search(norm):  # most sentences of a report: nothing any rule could use
        return [], []
    found: list[_Found] = []
    has_request = "申请" in norm
    about_disclosure = "公开" in norm or "公开" in prev_norm
    proceeding = None
    for cstart, clause in _clauses(norm):
        if _VETO.search(clause):
            continue
        for m in _COUNT.finditer(clause):
            if m.group(2) or m.group(4):  # 余 / 多 / 左右: not an exact count
                continue
            value = _cn_int(m.group(1))
            if value is None:
                continue
            label, after = clause[: m.start()], clause[m.end():]
            a, b = cstart + m.start(), cstart + m.end()
            p = _nearest(_PROCEEDING_RULES, label, "") if about_disclosure else None
            if p:
                proceeding = p
                r = _nearest(_RESULT_RULES, label[-6:], "")
                found.append(_Found("review_litigation", p, r or "total", value, a, b))
                continue
            if proceeding and about_disclosure:
                r = _nearest(_RESULT_RULES, label, after)
                if r:
                    found.append(_Found("review_litigation", proceeding, r, value, a, b))
                    continue
            if has_request:
                code = _nearest(_REQUEST_RULES, label, after)
                if code == "received_new" and "申请" not in clause and "申请" not in norm[max(0, cstart - 20): cstart]:
                    code = None
                if code:
                    found.append(_Found("requests", code, "total", value, a, b))
    # statements of absence
    if not any(f.row == "received_new" for f in found):
        for rx in _ABSENT_REQUEST:
            m = rx.search(norm)
            if m:
                found.append(_Found("requests", "received_new", "total", 0, m.start(), m.end()))
                break
    if about_disclosure:
        for m in _ABSENT_PROCEEDING.finditer(norm):
            tail = norm[m.start(): norm.find("。", m.start()) if "。" in norm[m.start():] else len(norm)]
            if _COUNT.search(tail):
                continue
            named = set()
            for t in _PROCEEDING_TERM.finditer(tail):
                named.add("administrative_review" if "复议" in t.group() else "litigation_unspecified")
            for p in sorted(named):
                if not any(f.table == "review_litigation" and f.row == p for f in found):
                    found.append(_Found("review_litigation", p, "total", 0, m.start(), m.start() + len(tail)))
            break
    # fees charged for answering requests
    # the fee paragraph often sits under its own heading (二、收费情况): the heading gives context
    if ("申请" in norm or "信息" in norm or "收费" in prev_norm) and _FEE_WORDS.search(norm):
        m = _MONEY.search(norm)
        if m and _FEE_WORDS.search(norm[max(0, m.start() - 30): m.start()]):
            found.append(_Found("active_disclosure", "request_fees", "fee_amount", float(m.group(1)),
                                m.start(), m.end(), unit=m.group(2)))
        elif not m:
            z = _FEE_ZERO.search(norm)
            if z and ("申请" in norm or "信息" in norm[z.start(): z.end() + 10] or "收费" in prev_norm):
                found.append(_Found("active_disclosure", "request_fees", "fee_amount", 0.0, z.start(), z.end(), unit="元"))
    # proactive disclosure: 主动公开政府信息12条
    for m in _PROACTIVE.finditer(norm):
        n = _ITEMS.match(norm, m.end())
        if n and not n.group(2):
            value = _cn_int(n.group(1))
            if value is not None:
                found.append(_Found("active_disclosure", "proactive_items", "count", value, m.start(), n.end(), unit=n.group(3)))
            break
    return found, _inconsistencies(found)


def _inconsistencies(found: list[_Found]) -> list[str]:
    out = []
    req = {f.row: f.value for f in found if f.table == "requests"}
    parts = [f for f in found if f.table == "requests" and f.row in _HANDLING]
    if len(parts) >= 2:
        part_sum = sum(f.value for f in parts)
        if "handled_total" in req and part_sum != req["handled_total"]:
            out.append(f"outcomes add up to {part_sum:g}, handled total is {req['handled_total']:g}")
        elif "handled_total" not in req and "received_new" in req:
            total = req["received_new"] + req.get("carried_over", 0)
            rest = part_sum + req.get("carried_forward", 0)
            if rest != total:
                out.append(f"outcomes add up to {rest:g}, requests received {total:g}")
    for p in {f.row for f in found if f.table == "review_litigation"}:
        rows = [f for f in found if f.table == "review_litigation" and f.row == p]
        tot = [f.value for f in rows if f.col == "total"]
        res = [f.value for f in rows if f.col != "total"]
        if tot and len(res) >= 2 and sum(res) != tot[0]:
            out.append(f"{p}: results add up to {sum(res):g}, total is {tot[0]:g}")
    return out


def _fact(s: _Sentence, f: _Found, row: str | None = None, note_extra: str = "") -> Fact:
    if not s.idx:
        s.idx = _index(s.text)
    a = s.idx[f.start] if f.start < len(s.idx) else 0
    b = s.idx[f.end - 1] + 1 if 0 < f.end <= len(s.idx) else len(s.text)
    # widen to the clause the number sits in, for a readable fragment
    while a > 0 and s.text[a - 1] not in "，,、；;。：:（(":
        a -= 1
    line, page = s.pos[a] if a < len(s.pos) else (None, None)
    return Fact(
        table=f.table, row=row or f.row, col=f.col, value=f.value, raw=s.text[a:b].strip(),
        line=line, page=page, unit=f.unit, method="prose",
        note=s.text.strip() + note_extra,
    )


def read_prose(doc: Document) -> ProseResult:

    result = ProseResult()
    chosen: dict[tuple[str, str, str], tuple[Fact, _Sentence]] = {}
    conflicts: set[tuple[str, str, str]] = set()
    prev_norm = ""
    for s in _sentences(doc):
        found, problems = _read_sentence(s, prev_norm)
        prev_norm = s.norm
        if problems:
            line, page = s.pos[0] if s.pos else (None, None)
            result.issues.append(Issue("prose_inconsistent", "; ".join(problems), line, page, s.text.strip()))
            continue
        for f in found:
            facts = [_fact(s, f)]
            if f.value == 0 and f.col == "total" and f.row in _GROUP_ZERO:
                facts = [_fact(s, f, row=r, note_extra=f" [0 {f.row} → 0 {r}]") for r in _GROUP_ZERO[f.row]]
            for fact in facts:
                key = (fact.table, fact.row, fact.col)
                if key in chosen:
                    if chosen[key][0].value != fact.value:
                        conflicts.add(key)
                        result.issues.append(Issue(
                            "prose_inconsistent",
                            f"{key[0]}.{key[1]}.{key[2]} given as {chosen[key][0].value:g} and {fact.value:g}",
                            fact.line, fact.page, fact.note or ""))
                    continue
                chosen[key] = (fact, s)
    result.facts = [f for k, (f, _) in chosen.items() if k not in conflicts]
    return result
