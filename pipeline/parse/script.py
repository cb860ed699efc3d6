"""Traditional script and mirror copies → the simplified text the parser reads.

Mirror sites republish reports in traditional script (機關, 報告), some with a pinyin gloss after
each word (`機關(guān)`). `to_simplified` is the one place such text is turned back into the
simplified original: OpenCC's t2s conversion (the maintained converter, Apache-2.0, pinned; its
dictionaries ship inside the wheel, nothing is downloaded) with the glosses removed.

`simplify_document` applies it to a whole Document before any parsing (tables, prose, metadata),
so every reader sees the same text; line numbers and cell positions are kept, so provenance still
points at the file's own lines. Text that is already simplified is returned unchanged: a report is
converted only when it holds traditional characters (three or more distinct ones), so a stray
variant character in a simplified report never rewrites anything else.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from pipeline.model import Document, Grid, Line

# A pinyin gloss: a bracketed run of Latin syllables right after a Han character, with at least
# one tone mark (so '(PDF)' or '(a)' after a word is never taken for one).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])\s?[(（]\s*(?=[a-zü{_TONED}\s']*[{_TONED}])[a-zü{_TONED}]+(?:[\s']+[a-zü{_TONED}]+)*\s*[)）]",
    re.IGNORECASE,
)
# In a copy that carries toned glosses, a neutral-tone one has no mark ('們(men)'): stripped there.
_PLAIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（]\s*[a-zü]{1,6}\s*[)）]")
MIN_GLOSSES = 3
_HAN_RANGE = (0x3400, 0x9FFF)  # CJK Extension A and the Unified Ideographs
MIN_TRADITIONAL = 3


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


# A gloss needs a tone mark: text without one (nearly every report) skips the gloss pattern,
# whose look-behind is tried at every character. Same class, same flags: the same verdict.
_ANY_TONED = re.compile(f"[{_TONED}]", re.IGNORECASE)


def _has_glosses(text: str) -> bool:
    return _ANY_TONED.search(text) is not None


def strip_glosses(text: str, plain: bool = False) -> str:
    if _has_glosses(text):
        text = _GLOSS.sub("", text)
    return _PLAIN_GLOSS.sub("", text) if plain else text


def _char_is_traditional(ch: str) -> bool:
    return _converter().convert(ch) != ch


@cache
def _traditional_class() -> re.Pattern:
    """Every Han character (_HAN_RANGE) that OpenCC changes, as one character class: a document's
    traditional characters are then one C-level scan (a set of every character, three times per
    report, was a tenth of the parse time). Built once per process from OpenCC itself (~30 ms)."""
    lo, hi = _HAN_RANGE
    chars = "".join(ch for ch in map(chr, range(lo, hi + 1)) if _char_is_traditional(ch))
    return re.compile(f"[{chars}]")


def traditional_chars(text: str) -> set[str]:
    return set(_traditional_class().findall(text))


def is_traditional(text: str) -> bool:
    return len(traditional_chars(text)) >= MIN_TRADITIONAL


def to_simplified(text: str, force: bool = False) -> str:
    """The simplified text of a traditional or glossed copy; simplified text comes back as it is.
    `force` converts short strings (a label, a name) without the traditional-text test."""
    text = strip_glosses(text)
    if force or is_traditional(text):
        return _converter().convert(text)
    return text


def simplify_document(doc: Document) -> Document:
    """The same document in simplified script without pinyin glosses (or `doc` itself when there
    is nothing to change)."""
    whole = doc.text()
    convert = is_traditional(whole)
    glosses = len(_GLOSS.findall(whole)) if _has_glosses(whole) else 0
    if not convert and not glosses:
        return doc
    fix = _converter().convert if convert else (lambda s: s)
    plain = glosses >= MIN_GLOSSES

    def one(s: str) -> str:
        return fix(strip_glosses(s, plain)) if s else s

    lines = [Line(ln.no, one(ln.text), ln.page) for ln in doc.lines]
    grids = [
        Grid([[replace(c, text=one(c.text)) for c in row] for row in g.rows], g.origin, g.table_no, g.page)
        for g in doc.grids
    ]
    return replace(doc, lines=lines, grids=grids)


class _CharTable(dict):
    """A `str.translate` table that maps each character through OpenCC on first sight and keeps
    the answer: one character at a time, for short labels where phrase conversion cannot apply."""

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        out = _converter().convert(ch)
        self[key] = out if len(out) == 1 else ch
        return self[key]


# For code that maps label text character by character (text_rules.norm_text).
TRAD_TABLE = _CharTable()


# The BMP's ideograph blocks: CJK Extension A, Unified Ideographs, Compatibility Ideographs.
_BMP_HAN = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def _bmp_table() -> dict[int, str]:
    """TRAD_TABLE's answers for every BMP ideograph at once (one conversion, one character a
    line, ~10 ms): a plain dict, which str.translate reads ~1.7 times as fast as a table that
    fills itself."""
    chars = [chr(c) for lo, hi in _BMP_HAN for c in range(lo, hi)]
    out = _converter().convert("\n".join(chars)).split("\n")
    return {ord(t): s for t, s in zip(chars, out) if s != t and len(s) == 1}


def char_table(extra: dict[int, str | None]) -> dict[int, str | None]:
    """Traditional → simplified per character as TRAD_TABLE maps it, for the BMP's ideographs
    (those beyond it are left as printed: a traditional copy is converted whole by
    simplify_document first), with `extra` entries (full-width forms, punctuation, deletions) on
    top: for readers that fold more than the script in one translate."""
    return {**_bmp_table(), **extra}
