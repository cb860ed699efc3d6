"""Legacy reports' appended statistics table (2008–2014: 申请总数, 同意公开答复数 …) → facts.

Provinces had their own forms, and converters flatten them: one row per line split by tabs,
pipes or spaces, or one cell per line. The reader walks the cells as one stream: a known label
starts a row, the numbers (and blank cells) after it are its values, units are dropped, and
anything else ends the row. Which value is this year's comes from the header (指标名称 / 单位 /
代码 / 本年度 / 历年累计 …): a code column and a cumulative column (历年累计) are never the
year's figure. A row whose value cannot be told apart is reported,
never guessed (Issue 'unplaced_number'); a blank or '-' cell gives no fact (NULL, never 0).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Document, Fact, Issue
from pipeline.parse.prose_text import simplify
from pipeline.text_rules import is_blank

_SEEN = ("requests", "?", "?")  # a row read whose number has no certain place: reported
# label (after its 其中：/1./（1） prefix is dropped) → (table, row, col)
_LABELS: list[tuple[re.Pattern, tuple[str, str, str] | None]] = [
    (re.compile(r"^(受理|收到)?(政府信息公开|依申请公开)?申请(总数|数)$|^受理依申请公开(信息)?总数$"),
     ("requests", "received_new", "total")),
    (re.compile(r"^(本年度)?对申请的?答复总数$|^(申请)?答复总数$|^申请答复数$"), ("requests", "handled_total", "total")),
    (re.compile(r"^同意公开(答复)?数$"), ("requests", "granted", "total")),
    # Guangdong-style forms count the already-published answers apart (属于已主动公开范围数); the
    # prose reader counts them as granted too (the 2019 template's 予以公开), two rows adding up
    (re.compile(r"^(属于)?已主动公开(范围)?数$"), ("requests", "granted", "total")),
    # the reasons listed under 不同意公开 (其中：涉及国家秘密 0 / 涉及商业秘密 0 / 涉及个人隐私 1): they
    # replace the group count only when they add up to it (prose.py)
    (re.compile(r"^(涉及)?国家秘密(数)?$"), ("requests", "withheld_state_secret", "total")),
    (re.compile(r"^(涉及)?(商业秘密|个人隐私)(数)?$"), ("requests", "withheld_third_party", "total")),
    (re.compile(r"^同意部分公开(答复)?数$|^部分公开(答复)?数$"), ("requests", "partially_granted", "total")),
    (re.compile(r"^不同意公开(答复)?数$|^不予公开(答复)?数$"), ("requests", "withheld_unspecified", "total")),
    (re.compile(r"^(政府信息公开)?行政复议(案件)?数量?$"), ("review_litigation", "administrative_review", "total")),
    (re.compile(r"^(政府信息公开)?行政诉讼(案件)?数量?$"), ("review_litigation", "litigation_unspecified", "total")),
    (re.compile(r"^主动公开(政府)?信息数$"), ("active_disclosure", "proactive_items", "count")),
    # the reasons under 否决公开答复总数 whose place is plain (the form's own definitions: 以信息不存在 /
    # 不属本部门掌握信息 / 申请内容不明确之原因); two rows of one code add up
    (re.compile(r"^(政府)?信息不存在”?数$|^非本(部门|机关|单位)(掌握|职责)[^数]{0,4}”?数$"),
     ("requests", "unavailable_not_held", "total")),
    (re.compile(r"^(申请)?内容不明确”?数$"), ("requests", "unavailable_unclear", "total")),
    # rows whose place is not certain: 否决公开 mixes withheld and unavailable, and the numbered
    # 免予/不予公开范围N differ from province to province; a number there is reported, not loaded
    (re.compile(r"^否决公开(答复)?总?数$|^(免予|不予)公开范围\d*”?数$|所指政府信息”?数$|^其[它他]原因”?数?$"), _SEEN),
    # rows read so that their numbers are not taken for anything else
    (re.compile(r"申请数$|答复(总)?数$|申诉数量?$|信息数$|访问量$|人数$|咨询数$|接听数$|目录数$|”数$|范围\d*数?$|原因$"), None),
]
_PREFIX = re.compile(r"^(其中[:：]?)?\s*([（(]?\d+[)）.、．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?\s*[\"“]?")
_UNIT = re.compile(r"^(条|件|个|项|人次|次|元|万元|宗)$")
_NUMBER = re.compile(r"^(\d+)(条|件|个|项|宗)?$")
_SPLIT = re.compile(r"[ \u3000]*[\t|｜][ \u3000]*|[ \u3000]+|[:：](?=\s*\d)")
_HEADER_WORDS = re.compile(r"指标|名称|单位|计量|代码|本年|年度|本期|累计|数量|合计|实际|\d{4}年")


@dataclass(slots=True)
class _Cell:
    text: str
    line: int
    page: int | None
    raw: str


def _label(text: str):
    t = re.sub(r"[\"“”]", "", _PREFIX.sub("", text))  # “同意公开答复”数 is 同意公开答复数
    for rx, target in _LABELS:
        if rx.search(t):
            return target, t
    return False, t


def _cells(doc: Document) -> list[_Cell]:
    out: list[_Cell] = []
    for ln in doc.lines:
        raw = ln.text.strip()
        if "。" in raw or len(raw) > 80:
            out.append(_Cell("。", ln.no, ln.page, raw))  # prose: ends any row
            continue
        text = simplify(raw).strip().strip("|｜").strip()
        if "\t" in ln.text and not ln.text.strip(" \u3000\r\n").startswith("\t"):
            # a trailing tab is a blank last cell (本年度对申请的答复总数<TAB>条<TAB>6<TAB>): keep it
            text = simplify(ln.text.strip(" \u3000\r\n"))
        parts = [p.strip() for p in _SPLIT.split(text)] if text else [""]
        for p in parts:
            out.append(_Cell(p, ln.no, ln.page, raw))
    return out


@dataclass(slots=True)
class _Header:
    columns: list[str]  # value columns after the label (and unit and code) columns
    code: bool  # a 代码 column comes first: its number is the row's code, never a value


def _header(cells: list[_Cell], first: int) -> _Header | None:
    """The column names in the cells just before the first label (the header may be spread over
    several lines, one cell a line, with a 甲/乙/丙/1/2 numbering row under it)."""
    names: list[str] = []
    for c in reversed(cells[max(0, first - 24): first]):
        if c.text == "。" or _label(c.text)[0]:
            break
        if _HEADER_WORDS.search(c.text):
            names.insert(0, c.text)
    if not names:
        return None
    code = any("代码" in n for n in names)
    columns = [n for n in names if not re.search(r"指标|名称|单位|计量|代码", n)]
    return _Header(columns, code)


def _good(name: str) -> bool:
    return "历年" not in name and not name.startswith("累计")


def read_statistics(doc: Document) -> tuple[list[Fact], list[tuple[str | None, Issue]]]:
    """The form's facts, and its issues each with the fact table it concerns."""
    if not any(kw in doc.text() for kw in ("申请总数", "答复数", "行政复议数", "行政诉讼数")):
        return [], []
    cells = _cells(doc)
    facts: list[Fact] = []
    issues: list[tuple[str | None, Issue]] = []
    seen: list[tuple[str, int, Issue]] = []  # rows read with no certain place (name, value, issue)
    header: list[str] | None = None
    seen_label = False
    i = 0
    while i < len(cells):
        target, name = _label(cells[i].text)
        if target is False:
            i += 1
            continue
        if not seen_label:
            header = _header(cells, i)
            seen_label = True
        j = i + 1
        slots: list[_Cell] = []
        while j < len(cells) and (_UNIT.match(cells[j].text) or _NUMBER.match(cells[j].text)
                                  or (is_blank(cells[j].text) and cells[j].line == cells[i].line)):
            if not _UNIT.match(cells[j].text):
                slots.append(cells[j])
            j += 1
        i = j
        if target is None:
            continue
        value, problem = _pick(slots, header)
        if problem:
            issues.append((target[0], Issue("unplaced_number", f"statistics row {name}: {problem}",
                                            cells[i - 1].line, cells[i - 1].page, cells[i - 1].raw)))
        if value is None:
            continue
        if target is _SEEN:
            seen.append((name, int(_NUMBER.match(value.text).group(1)), Issue(
                "unplaced_number", f"statistics row {name}: {value.text} has no certain place",
                value.line, value.page, value.raw)))
            continue
        table, row, col = target
        same = next((f for f in facts if (f.table, f.row, f.col) == target), None)
        if same is not None and name not in (same.note or ""):  # 信息不存在 1 and 非本部门掌握 2: one code, 3
            same.value += float(_NUMBER.match(value.text).group(1))
            same.note = (same.note or "") + f" + {name} {value.text}"
            continue
        unit = "条" if row == "proactive_items" else None
        facts.append(Fact(table, row, col, float(value.text if value.text.isdigit() else _NUMBER.match(value.text).group(1)),
                          raw=value.raw, line=value.line, page=value.page, unit=unit, method="prose",
                          note=f"statistics table appended to the report: {name} {value.text}"))
    issues += _check_published(facts)
    return facts, issues + [("requests", i) for i in _unexplained(seen, facts)]


_PUBLISHED = "已主动公开"
_FORM_OUTCOMES = ("granted", "partially_granted", "withheld_unspecified", "unavailable_not_held", "unavailable_unclear")


def _check_published(facts: list[Fact]) -> list[tuple[str | None, Issue]]:
    """The already-published row counts as granted only where it is a part of its own beside
    同意公开 — the outcome rows then add up to the answered total. A form where it is a sub-row
    of 同意公开 would count it twice: there it is taken out again and reported."""
    granted = next((f for f in facts if f.row == "granted" and _PUBLISHED in (f.note or "")), None)
    if granted is None:
        return []
    m = re.search(rf"{_PUBLISHED}\S*数 (\d+)", granted.note or "")
    published = int(m.group(1)) if m else 0
    rows = {f.row: f.value for f in facts if f.table == "requests"}
    if "handled_total" in rows and sum(rows.get(r, 0) for r in _FORM_OUTCOMES) == rows["handled_total"]:
        return []
    granted.value -= published
    if granted.value == 0 and "同意公开" not in (granted.note or "").replace(_PUBLISHED, ""):
        facts.remove(granted)
    return [("requests", Issue("unplaced_number", f"statistics row 属于已主动公开范围数: {published} — the rows do not "
                                "add up to the answered total with it, so its place is not certain",
                                granted.line, granted.page, granted.raw))]


def _unexplained(seen: list[tuple[str, int, Issue]], facts: list[Fact]) -> list[Issue]:
    """When 否决公开 equals the reasons that were placed and its other reasons are zeros, it is
    explained and nothing is left unplaced; otherwise every such row is reported."""
    refused = [v for name, v, _ in seen if name.startswith("否决")]
    placed = sum(f.value for f in facts if f.row in ("unavailable_not_held", "unavailable_unclear"))
    others = [v for name, v, _ in seen if not name.startswith("否决")]
    if len(refused) == 1 and refused[0] == placed and not any(others):
        return []
    return [i for _, _, i in seen]


def _pick(slots: list[_Cell], header: _Header | None) -> tuple[_Cell | None, str]:
    """This year's value among a row's cells, or why it cannot be told."""
    if header and header.code and slots and _NUMBER.match(slots[0].text):
        slots = slots[1:]  # the row's code (01, 02 …), not a count
    numbers = [s for s in slots if _NUMBER.match(s.text)]
    if not numbers:
        return None, ""
    columns = header.columns if header else []
    if columns and len(slots) == len(columns):
        good = [s for s, h in zip(slots, columns) if _good(h)]
        vals = {s.text for s in good if _NUMBER.match(s.text)}
        if len(vals) == 1:
            return next(s for s in good if _NUMBER.match(s.text)), ""
        if not vals:
            return None, ""
        return None, f"columns {columns} disagree: {[s.text for s in slots]}"
    if len(slots) == 1 and all(_good(h) for h in columns):
        return numbers[0], ""
    return None, f"{len(slots)} cells for columns {columns}: {[s.text for s in slots]}"
