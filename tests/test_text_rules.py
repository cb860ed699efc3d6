"""pipeline/text_rules.py: one list of blank marks for the parser and the blocking check, one
page-number rule for every reader, and the label normalisation the table readers match with."""
from __future__ import annotations

import duckdb
import pytest

from pipeline.model import Document, Line
from pipeline.parse.labels import EMPTY, NULL, NUMBER, TEXT, classify, is_page_furniture
from pipeline.parse.prose_stats import read_statistics
from pipeline.parse.prose_text import normalise, sentences
from pipeline.parse.script import TRAD_TABLE, char_table
from pipeline.parse.table_grid import text_rows
from pipeline.text_rules import BLANK_MARKS, blank_texts, is_blank, is_page_number, norm
from pipeline.warehouse.integrity import fact_rules


def _doc(*lines: str) -> Document:
    return Document("t.txt", "text", [Line(i, t) for i, t in enumerate(lines, 1)])


# --- blank marks: the parser and the blocking check agree ---------------------------------------
# Every mark once as printed, once full-width where it has ASCII, once padded with the spaces a
# PDF or Word cell brings (ideographic, no-break, a tab).
RAW_BLANKS = sorted(BLANK_MARKS) + ["／", "－", "－－", "＼", "\u3000/\u3000", " 空 ", "\xa0×", "— —", "\t无"]


def _blocking_count(rows: list[tuple[float | None, str, str]]) -> int:
    """blanks_stay_null's own SQL over a real fct_requests holding `rows` (value, raw_text, method)."""
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("create table marts.fct_requests (report_id integer, outcome varchar, applicant_type varchar,"
                " requests double, raw_text varchar, source_line integer, method varchar)")
    con.executemany("insert into marts.fct_requests values (1, ?, 'total', ?, ?, 7, ?)",
                    [(f"row{i}", v, raw, m) for i, (v, raw, m) in enumerate(rows)])
    return con.execute(fact_rules("fct_requests")["blanks_stay_null"][1]).fetchone()[0]


@pytest.mark.parametrize("raw", RAW_BLANKS)
def test_each_mark_is_blank_for_the_parser_and_counted_by_the_blocking_check(raw):
    assert classify(raw)[0] == NULL
    assert is_blank(raw)
    assert _blocking_count([(4.0, raw, "label")]) == 1  # a number loaded from a blank cell fails


def test_the_blocking_check_lists_exactly_what_the_parser_reads_as_blank():
    for raw in blank_texts():
        assert classify(raw)[0] in (EMPTY, NULL), raw
    assert _blocking_count([(1.0, raw, "label") for raw in blank_texts()]) == len(blank_texts())


def test_the_blocking_check_leaves_numbers_nulls_and_prose_alone():
    rows = [(3.0, "3", "label"), (0.0, " 0 ", "order_certified"), (12.0, "12件", "label"),
            (None, "空", "label"), (None, "—", "label"),  # a blank loaded as NULL is right
            (2.0, "无", "prose"),  # a sentence's 无 ('无行政复议') is not a cell
            (5.0, "-5", "label"), (7.0, "/7", "label"), (1.0, "空白1", "label")]
    assert _blocking_count(rows) == 0


@pytest.mark.parametrize("text", ["0", "-3", "空白", "无法提供", "x", "×2", "///"])
def test_look_alikes_of_marks_are_not_blank(text):
    assert not is_blank(text)
    assert classify(text)[0] in (NUMBER, TEXT)


def test_empty_and_blank_are_told_apart_by_the_cell_reader():
    assert classify("")[0] == EMPTY and classify(" \u3000")[0] == EMPTY
    assert is_blank("") and is_blank(" \u3000")  # neither holds a number


def test_statistics_form_reads_every_mark_as_a_blank_cell():
    # the legacy form's row ran up to its first unknown mark: with 空 (and ×) unknown, this year's
    # 4 stood alone before a cumulative column and could not be placed; now the row has its two
    # cells and the header places the 4 (the cumulative column is never this year's figure)
    for mark in ("空", "×", "\\", "--", "-"):
        got, issues = read_statistics(_doc("指标名称 单位 本年度 历年累计", f"申请总数 件 4 {mark}",
                                           "行政复议数 件 - -"))
        assert [(f.row, f.value) for f in got] == [("received_new", 4.0)], mark
        assert issues == [], mark


# --- page numbers ---------------------------------------------------------------------------
PAGE_NUMBERS = ["- 3 -", "—3—", "－ 12 －", "–7–", "第3页", "第 3 页", "第 3 页 共 9 页", "第3页，共9页",
                "第3页/共9页", "3/9", "3 / 12", "Page 3", "page 4/9", "  - ３ -  "]


@pytest.mark.parametrize("line", PAGE_NUMBERS)
def test_page_number_forms(line):
    assert is_page_number(line)
    assert is_page_number(line, lone=True)
    assert is_page_furniture(line)  # the table reader drops it


@pytest.mark.parametrize("line", ["第3条", "第三页", "2023/12", "12/2023", "3页", "Page", "共9页",
                                  "第3页有说明", "- 3 - 4", "（3）", "3.", "3件"])
def test_page_number_look_alikes(line):
    assert not is_page_number(line, lone=True)


@pytest.mark.parametrize("line", ["3", "  12 ", "-3", "3-", "— 25"])
def test_a_lone_number_is_a_page_number_only_where_it_is_never_a_value(line):
    assert is_page_number(line, lone=True)  # prose, the title: a page foot
    assert not is_page_number(line)  # a table: a cell ('-3' is minus three)
    assert not is_page_furniture(line)


def test_table_rows_drop_page_numbers_and_keep_a_lone_count():
    lines = [Line(i, t) for i, t in enumerate([
        "项目\t数量", "予以公开\t5", "第 2 页 共 4 页", "- 2 -", "部分公开\t1",
        # one cell per line: the lone '3' between blank lines is a count here, not a page number
        "不予公开", "", "3", "", "4"], 1)]
    rows = [[c.text for c in r] for r in text_rows(lines)]
    assert rows == [["项目", "数量"], ["予以公开", "5"], ["部分公开", "1"], ["不予公开"], ["3"], ["4"]]


def test_prose_joins_a_sentence_across_page_numbers():
    # ('- 4 -' and '第 4 页 共 9 页' look like a row of table cells to the prose reader and end the
    # paragraph before the page-number rule is asked: left as it was)
    doc = _doc("本年度共收到政府信息公开申请5", "—4—", "第4页 共9页", "Page 4", "3/9", "12",
               "件，均已按时答复。")
    assert [s.norm for s in sentences(doc)] == ["本年度共收到政府信息公开申请5件，均已按时答复。"]


# --- label text -----------------------------------------------------------------------------
def test_label_normalisation_folds_width_space_and_script():
    assert norm("（一） 予以公開\u3000") == "(一)予以公开"
    assert norm("本年新收政府信息公開申請數量") == "本年新收政府信息公开申请数量"
    assert norm("１２　件") == "12件"


def test_prose_normalisation_uses_opencc_per_character():
    # traditional → simplified as script.py converts documents; 覆 is a simplified character
    # too (覆盖): the old jionlp table turned it into 复
    assert normalise("本年度收到申請１２件，已全部答覆。") == "本年度收到申请12件，已全部答覆。"
    assert normalise("培训范围覆盖全体人员，剩馀 3 件") == "培训范围覆盖全体人员，剩余3件"


def test_the_prose_table_maps_every_bmp_ideograph_as_the_label_table_does():
    table = char_table({})
    for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)):
        for cp in range(lo, hi):
            assert table.get(cp, chr(cp)) == chr(cp).translate(TRAD_TABLE), hex(cp)
