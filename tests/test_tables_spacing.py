"""Fragments of text tables whose cells are runs of spaces (one space included), page numbers
printed alone at a page foot, and table words in a report's title: exact cells asserted."""
from __future__ import annotations

from pipeline.parse.table_grid import split_line
from test_tables_support import cells, read, row

ZEROS = [0] * 7
BLANK = [None] * 7

SPACED_HEAD = (
    "三、收到和处理政府信息公开申请情况\n"
    "\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况\n"
    "自然人 法人或其他组织 总计\n"
    " 商业企业 科研机构   社会公益组织      法律服务机构    其他    \n"
)


def test_bare_page_number_between_blank_lines_is_not_a_cell():
    # A '6' alone between blank lines at a page foot used to join the row above as its last
    # cell: '0 0' was then split to make 7 and every number moved one column (granted 2 → 0).
    text = SPACED_HEAD + (
        "一、本年新收政府信息公开申请数量   2 0   0   0     0    0 2\n"
        "二、上年结转政府信息公开申请数量   0 0   0   0     0    0 0\n"
        "三、本年度办理结果   （一）予以公开 2   0   0     0    0 0      2\n"
        "\n"
        "6\n"
        "\n"
        "自然人 法人或其他组织 总计\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）   0 0   0   0     0    0 0\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == [2, 0, 0, 0, 0, 0, 2]
    assert row(r, "requests", "granted") == [2, 0, 0, 0, 0, 0, 2]
    assert row(r, "requests", "partially_granted") == ZEROS
    assert not r.issues


def test_bare_page_number_before_table_four_values():
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "\n"
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        "\n"
        "5\n"
        "\n"
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
    )
    r = read(text)
    assert row(r, "review_litigation", "administrative_review") == [1, 0, 0, 0, 1]
    assert row(r, "review_litigation", "litigation_after_review") == [0] * 5
    assert not r.issues


def test_lone_values_spaced_by_blank_lines_are_kept_as_cells():
    # One cell per line with blank lines between: a lone number is a cell, not a page number.
    text = "四、结转下年度继续办理\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n"
    r = read("三、收到和处理政府信息公开申请情况\n" + text)
    assert row(r, "requests", "carried_forward") == [1, 0, 0, 0, 0, 0, 1]


def test_label_and_first_number_separated_by_one_space():
    # Columns are runs of 1–6 spaces: the first number sits one space after the label.
    text = SPACED_HEAD + (
        "一、本年新收政府信息公开申请数量 1 0   0      0    0    0    1\n"
        "三、本年度办理结果 （一）予以公开 3   0      0    0    0    0  3\n"
        "（三）不予公开 1.属于国家秘密 0   0      0    0    0    0  0\n"
        "2.其他法律行政法规禁止公开 0 0   0      0    0    0    0\n"
        "（七）总计 1 0   0      0    0    0    1\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == [1, 0, 0, 0, 0, 0, 1]
    assert row(r, "requests", "granted") == [3, 0, 0, 0, 0, 0, 3]
    assert row(r, "requests", "withheld_state_secret") == ZEROS
    assert row(r, "requests", "withheld_law_prohibited") == ZEROS
    # the column header '自然人 法人或其他组织 总计' is not the （七）总计 row
    assert row(r, "requests", "handled_total") == [1, 0, 0, 0, 0, 0, 1]
    assert not r.issues


def test_space_separated_blank_marks_are_cells():
    assert split_line("8.属于行政查询事项 无无 无   无") == ["8.属于行政查询事项 无无", "无", "无"]
    assert split_line("2.重复申请 无   无 无") == ["2.重复申请", "无", "无", "无"]
    assert split_line("二、上年结转   /      /    / /     / /") == ["二、上年结转", "/", "/", "/", "/", "/", "/"]
    assert split_line("政府集中采购   ０ ０．０万元") == ["政府集中采购", "０", "０．０万元"]
    text = SPACED_HEAD + (
        "一、本年新收政府信息公开申请数量   —      —    —      — —     — —\n"
        "2.重复申请 - -   -   -  -  -  -\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == BLANK
    assert row(r, "requests", "rejected_duplicate") == BLANK
    assert not r.issues


def test_title_naming_a_petition_office_does_not_take_table_three():
    # '信访' is a table 三 row word; the title of a 信访局's report is not the table.
    text = (
        "南昌市西湖区信访局2022年政府信息公开工作年度报告\n"
        "发布日期：2023-01-16\n"
        "\n"
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
        "\n"
        "三、收到和处理政府信息公开申请情况\n"
        "\t自然人\t法人或其他组织\t总计\n"
        "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4\n"
        "\t（五）不予处理\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == [4, 0, 0, 0, 0, 0, 4]
    assert row(r, "requests", "rejected_petition") == [1, 0, 0, 0, 0, 0, 1]
    assert not r.issues


def test_disclosure_header_names_several_columns_in_one_cell():
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容 本年制发件数 本年废止件数   现行有效件数\n"
        "规章 29 0   0\n"
        "行政规范性文件 0 0   35\n"
    )
    r = read(text)
    d = cells(r, "active_disclosure")
    assert d[("rules", "issued")] == 29 and d[("rules", "repealed")] == 0 and d[("rules", "in_force")] == 0
    assert d[("normative_documents", "in_force")] == 35
    assert not r.issues


def test_lone_number_between_label_lines_stays_a_cell():
    # Neither neighbour is a row printed on one line: the '21' may be the cell of 行政许可.
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项\n"
        "信息内容\n本年处理决定数量\n"
        "行政许可\n\n21\n\n"
        "第二十条第（六）项\n"
    )
    r = read(text)
    assert cells(r, "active_disclosure")[("licensing", "decisions")] == 21
