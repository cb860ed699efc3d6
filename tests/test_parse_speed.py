"""The parser's shortcuts give exactly what the plain code they replace gives.

Each speed-up in pipeline/parse keeps a slow, obvious version of the rule next to it in spirit;
here the two are compared on inputs that exercise the edges (every whitespace character, tone
marks in either case, characters seen for the first time and again)."""
from __future__ import annotations

import re
import sys

import pytest

from pipeline.parse import report_meta, script


def test_clean_table_drops_what_the_regexes_drop():
    # every code point: deleted by the one translate table exactly when _MARKUP or _SPACE matched it
    table = report_meta._CLEAN_TABLE
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        dropped = cp in table and table[cp] is None
        assert dropped == bool(report_meta._SPACE.match(ch) or report_meta._MARKUP.match(ch)), hex(cp)


def _clean_by_regex(text: str) -> str:
    text = report_meta._SPACE.sub("", report_meta._MARKUP.sub("", text)).translate(report_meta._FULLWIDTH)
    return report_meta._CN_YEAR.sub(lambda m: "".join(report_meta._CN_DIGIT[c] for c in m.group()), text)


@pytest.mark.parametrize("text", [
    "", "  ", "**某县\u3000农业农村局**", "二〇二三年度 政府信息公开\t工作年度报告", "二零一九年",
    "发布时间：２０２４－０１－０５\u200b", "| 第 ３ 页 |", "# 一九九九 年\xa0\u2028报告\ufeff", "二〇二三",
])
def test_clean_matches_the_regex_passes(text):
    assert report_meta._clean(text) == _clean_by_regex(text)


def test_traditional_chars_same_on_first_and_later_sight():
    text = "某市機關事務管理局報告數據：收到申請3件，abc（一）"
    first = script.traditional_chars(text)
    assert first == {"機", "關", "務", "報", "數", "據", "請"}
    assert script.traditional_chars(text) == first  # from the sets now
    assert script.traditional_chars("機關" + "机关事务") == {"機", "關"}
    assert script.traditional_chars("机关事务管理局") == set()
    assert not script.is_traditional("一个繁体字體也不算") and script.is_traditional("機關報告數據")


def test_gloss_shortcut_keeps_upper_case_tone_marks():
    # the gloss pattern ignores case: an upper-case tone mark is a gloss too, and the shortcut
    # (a search for any tone mark) must see it
    assert script.strip_glosses("機關(GUĀN)事務") == re.sub(r"\(GUĀN\)", "", "機關(GUĀN)事務")
    assert script.strip_glosses("附件(PDF)和(一)") == "附件(PDF)和(一)"
    assert script.strip_glosses("們(men)好", plain=True) == "們好"


def test_lookalike_pattern_matches_exactly_the_table():
    # the look-alike test is built from ranges of the table's code points: it must match every
    # code point of the table and no other
    from pipeline.extract import normalize

    table, rx = normalize.lookalike_table(), normalize._pattern()
    assert len(rx.pattern) < 200  # ranges, not one entry per character
    for cp in range(sys.maxunicode + 1):
        assert (rx.match(chr(cp)) is not None) == (cp in table), hex(cp)


def test_split_drops_exactly_what_backslash_s_matches():
    # detect_template drops whitespace with str.split() instead of re.sub(r"\s+", "")
    ws = re.compile(r"\s")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert ("".join(f"a{ch}b".split()) == "ab") == bool(ws.match(ch)), hex(cp)
