"""Legacy prose, step 1: the report's lines → sentences with a normalised form for matching.

A PDF wraps sentences over lines; a blank line, a line ending in 。/！/？, a heading marker or a
table row ends a paragraph. Paragraphs are cut into sentences at 。！？. Each sentence is
normalised (traditional → simplified, full-width → ASCII digits, whitespace dropped: '21 件' →
'21件') and keeps, per character, its line and page, so every figure can point at its source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.model import Document
from pipeline.parse.script import char_table
from pipeline.text_rules import is_page_number

# ------------------------------------------------------------------------------ normalisation
_PUNCT = {"，": "，", ",": "，", "、": "、", "；": "；", ";": "；", "：": "：", ":": "：", "(": "（",
          ")": "）", "（": "（", "）": "）", "！": "。", "!": "。", "？": "。", "?": "。"}


@cache
def _char_map() -> dict[int, str]:
    # traditional → simplified per character: OpenCC, the converter script.py uses for whole documents
    table: dict[int, str] = {}
    for i in range(10):
        table[0xFF10 + i] = str(i)
    table[ord("．")] = "."
    table[ord("馀")] = "余"  # the variant of 余 (剩余) some copies print
    for k, v in _PUNCT.items():
        table[ord(k)] = v
    return char_table(table)


@cache
def _delete_map() -> dict[int, str | None]:
    table: dict[int, str | None] = dict(_char_map())
    for ch in " \t\r\n\u3000\u00a0\u200b\ufeff*":
        table[ord(ch)] = None
    return table


_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def simplify(text: str) -> str:
    """Traditional → simplified and full-width → ASCII, whitespace kept (for table cells)."""
    return text.translate(_char_map())


# pinyin glosses of mirror copies (報告(gào), 申請(qǐng)): not part of the text
GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def normalise(text: str) -> str:
    """Text for matching: one C-level translate per sentence (the hot path)."""
    if "(" in text or "（" in text:
        text = GLOSS.sub("", text)
    return _THOUSANDS.sub("", text.translate(_delete_map()))


def index_map(text: str) -> list[int]:
    """Per character of normalise(text), its index in `text`; built only for sentences that
    yield facts."""
    table = _delete_map()
    gloss = {i for m in GLOSS.finditer(text) for i in range(m.start(), m.end())}
    keep = [i for i, ch in enumerate(text) if table.get(ord(ch), ch) is not None and i not in gloss]
    flat = "".join(text[i] for i in keep).translate(table)
    for m in reversed(list(_THOUSANDS.finditer(flat))):
        del keep[m.start()]
    return keep


# ------------------------------------------------------------------------------ sentences
@dataclass(slots=True)
class Sentence:
    text: str  # original
    pos: list[tuple[int, int | None]]  # per character: (line, page)
    norm: str = ""
    idx: list[int] = field(default_factory=list)


_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)")
_TABLE_ROW = re.compile(r"\t|(\d+\s+){2,}\d+")
_SENTENCE_PUNCT = re.compile(r"[，。；、：（）《》“”,;:()]")


def _table_like(t: str) -> bool:
    """A row of table cells as a PDF gives it ('结果 结果 其他 尚未总'): several short
    space-separated tokens and no sentence punctuation."""
    tokens = t.split()
    return len(tokens) >= 3 and not _SENTENCE_PUNCT.search(t) and sum(len(x) <= 4 for x in tokens) * 2 >= len(tokens)


def sentences(doc: Document) -> list[Sentence]:
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
        if is_page_number(t, lone=True):
            continue  # page furniture inside a wrapped paragraph: skip, keep joining
        if _HEADING.match(t):
            flush()
        buf.append(t)
        pos.extend([(ln.no, ln.page)] * len(t))
        if t[-1] in "。！？!?" or _HEADING.match(t) and len(t) <= 40 and not re.search(r"[，。,；;]", t):
            # a heading line (二、收费情况) is a sentence of its own: the context of the next one.
            # The old standard headings are long (五、因政府信息公开申请行政复议、提起行政诉讼的情况 is
            # 25 characters): up to 40, without a comma, a numbered line is a heading
            flush()
    flush()

    out = []
    for text, ppos in paras:
        start = 0
        for m in re.finditer(r"[。！？!?]+|$", text):
            end = m.end()
            if text[start:end].strip():
                s = Sentence(text[start:end], ppos[start:end])
                s.norm = normalise(s.text)
                out.append(s)
            start = end
            if end >= len(text):
                break
    return out
