"""Review of issue 10: shapes of tables 三 and 四 that real reports take, in our own words and
numbers, each asserting exact cells or that the doubtful row is reported and not loaded."""
from __future__ import annotations

from pipeline.parse.certify import TEMPLATE_ROWS
from test_tables_support import read, row

ORDER = TEMPLATE_ROWS["2021"]
# A consistent 2021 table 三 (every identity holds), in template order.
VALUES = [
    [18, 2, 0, 1, 0, 0, 21], [3, 0, 0, 0, 0, 0, 3],
    [9, 1, 0, 0, 0, 0, 10], [2, 1, 0, 0, 0, 0, 3],
    [0] * 7, [0] * 7, [0] * 7, [1, 0, 0, 0, 0, 0, 1], [0] * 7, [0] * 7, [0] * 7, [0] * 7,
    [5, 0, 0, 1, 0, 0, 6], [0] * 7, [1, 0, 0, 0, 0, 0, 1],
    [1, 0, 0, 0, 0, 0, 1], [0] * 7, [0] * 7, [0] * 7, [0] * 7,
    [0] * 7, [0] * 7, [1, 0, 0, 0, 0, 0, 1],
    [20, 2, 0, 1, 0, 0, 23], [1, 0, 0, 0, 0, 0, 1],
]
T3 = dict(zip(ORDER, VALUES))
LABELS = [
    ("一、本年新收政府信息公开申请数量", None), ("二、上年结转政府信息公开申请数量", None),
    ("（一）予以公开", "三、本年度办理结果"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("1.属于国家秘密", "（三）不予公开"), ("2.其他法律行政法规禁止公开", None), ("3.危及“三安全一稳定”", None),
    ("4.保护第三方合法权益", None), ("5.属于三类内部事务信息", None), ("6.属于四类过程性信息", None),
    ("7.属于行政执法案卷", None), ("8.属于行政查询事项", None),
    ("1.本机关不掌握相关政府信息", "（四）无法提供"), ("2.没有现成信息需要另行制作", None), ("3.补正后申请内容仍不明确", None),
    ("1.信访举报投诉类申请", "（五）不予处理"), ("2.重复申请", None), ("3.要求提供公开出版物", None),
    ("4.无正当理由大量反复申请", None), ("5.要求行政机关确认或重新出具已获取信息", None),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None), ("3.其他", None),
    ("（七）总计", None), ("四、结转下年度继续办理", None),
]
HEADER_WORDS = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def one_per_line(after=None) -> list[str]:
    """Table 三 as a PDF's text layer gives it: every cell on a line of its own. `after(i, out)`
    may add lines after row i."""
    out = ["三、收到和处理政府信息公开申请情况", *HEADER_WORDS]
    for i, ((label, group), values) in enumerate(zip(LABELS, VALUES)):
        if group:
            out.append(group)
        out += [label, *map(str, values)]
        if after:
            after(i, out)
    return out


def test_a_page_number_inside_a_one_per_line_row_is_reported_not_loaded():
    # The page's foot falls inside 1.本机关不掌握相关政府信息: '7' stands between its 4th and 5th
    # number, pushing its total out as a stray. Loading by count would give 5|0|0|7|1|0|0.
    def page_break(i, out):
        if i == 12:
            out[-3:-3] = ["", "7", ""]
    r = read("\n".join(one_per_line(page_break)))
    assert row(r, "requests", "unavailable_not_held") == []
    assert any(i.kind == "unplaced_row" and "unavailable_not_held" in i.message for i in r.issues)
    for code in ORDER:
        if code != "unavailable_not_held":
            assert row(r, "requests", code) == T3[code], code


def test_a_page_number_between_one_per_line_rows_leaves_every_row_right():
    def page_break(i, out):
        if i == 11:
            out += ["", "7", "", *HEADER_WORDS]
    r = read("\n".join(one_per_line(page_break)))
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code


def md_table(rows: list[list[str]]) -> str:
    head = ("三、收到和处理政府信息公开申请情况\n\n| | | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
            "|---|---|---|---|---|---|---|---|---|\n| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n")
    return head + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def test_group_labels_on_rows_of_their_own_head_their_sub_rows_and_are_no_rows():
    # Each group label on a pipe row of its own, no numbers; '（六）其他处理' alone is no 2019 row.
    rows = []
    for (label, group), values in zip(LABELS, VALUES):
        if group:
            rows.append([group] + [""] * 8)
        rows.append(["", label, *map(str, values)])
    r = read(md_table(rows))
    assert {f.row for f in r.facts if f.table == "requests"} == set(ORDER)
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    assert not r.issues


REVIEW_HEAD = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果",
               "尚未审结", "总计", "未经复议直接起诉", "复议后起诉", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
REVIEW = [2, 1, 0, 1, 4, 1, 0, 0, 2, 3, 0, 1, 0, 0, 1]


def review_cells(r) -> list[float | None]:
    return [f.value for f in r.facts if f.table == "review_litigation"]


def test_table_four_one_per_line_with_a_page_number_inside_is_reported_not_loaded():
    numbers = [str(v) for v in REVIEW]
    numbers[6:6] = ["", "8", ""]  # the page's foot between the 6th and 7th number
    r = read("\n".join(REVIEW_HEAD + numbers + ["", "五、存在的主要问题及改进情况"]))
    assert review_cells(r) == []
    assert any(i.kind == "unplaced_row" and "table 四" in i.message for i in r.issues)


def test_table_four_one_per_line_with_the_page_number_after_it_is_read():
    numbers = [str(v) for v in REVIEW] + ["", "8", ""]
    r = read("\n".join(REVIEW_HEAD + numbers + ["", "五、存在的主要问题及改进情况"]))
    assert review_cells(r) == REVIEW


def test_tables_appended_under_headings_numbered_anew_are_read_after_a_narrative_without_numbers():
    # The narrative's 三 and 四 hold short sub-headings and no number; the tables follow in an
    # appendix whose headings restart at 一, so 三 is table 二's number there and 二 table 三's.
    narrative = ("三、收到和处理政府信息公开申请情况\n（一）收到申请情况\n共收到申请，详见附表二\n"
                 "四、政府信息公开行政复议、行政诉讼情况\n行政复议和行政诉讼情况\n见附表三\n"
                 "五、存在的主要问题及改进情况\n人员不足\n附表\n")
    rows = [["", label, *map(str, values)] for (label, _), values in zip(LABELS, VALUES)]
    table3 = md_table(rows).replace("三、收到和处理", "二、收到和处理")
    table4 = ("三、政府信息公开行政复议、行政诉讼情况\n" + "\n".join(REVIEW_HEAD[1:]) + "\n"
              + " ".join(map(str, REVIEW)) + "\n")
    r = read(narrative + table3 + "\n" + table4)
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    assert review_cells(r) == REVIEW


def label_block(values_rows: list[list[int]]) -> str:
    labels = []
    for label, group in LABELS:
        labels += [group, label] if group else [label]
    return "\n".join(["三、收到和处理政府信息公开申请情况", *HEADER_WORDS, *labels,
                      *(" ".join(map(str, v)) for v in values_rows)])


def test_a_label_column_extracted_as_a_block_is_placed_by_order_certified():
    # All labels first, then the 25 rows of numbers: the last label's pairing with the first
    # numbers is the stream's artefact, not a conflict with the order.
    r = read(label_block(VALUES))
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    assert {f.method for f in r.facts if f.table == "requests"} == {"order_certified"}


def test_a_label_block_with_a_row_of_numbers_missing_loads_nothing():
    r = read(label_block(VALUES[:13] + VALUES[14:]))  # 2.没有现成信息… lost
    assert [f for f in r.facts if f.table == "requests"] == []
    assert any(i.kind == "table_not_certified" for i in r.issues)


def test_two_numbers_in_one_cell_beside_a_blank_are_split_only_when_the_row_adds_up():
    rows = [["", label, *map(str, values)] for (label, _), values in zip(LABELS, VALUES)]
    # A converter put two columns' numbers in one cell and left a trailing empty cell.
    rows[2] = ["", LABELS[2][0], "9 1", "0", "0", "0", "0", "10", ""]
    rows[7] = ["", LABELS[7][0], "1 0", "0", "0", "0", "0", "1", ""]
    # Here '5 0' as two numbers would not add up (5+0+0+1+0 ≠ 12), and as 50 the row would
    # still be a cell short: reported.
    rows[12] = ["", LABELS[12][0], "5 0", "0", "1", "0", "", "12"]
    r = read(md_table(rows))
    assert row(r, "requests", "granted") == T3["granted"]
    assert row(r, "requests", "withheld_third_party") == T3["withheld_third_party"]
    assert row(r, "requests", "unavailable_not_held") == []
    assert any(i.kind == "unplaced_row" and "unavailable_not_held" in i.message for i in r.issues)


def test_two_numbers_in_one_cell_that_do_not_add_up_as_two_are_not_read_as_one():
    rows = [["", label, *map(str, values)] for (label, _), values in zip(LABELS, VALUES)]
    rows[12] = ["", LABELS[12][0], "5 1", "0", "0", "0", "0", "7", ""]  # 51? 5|1? neither adds up to 7
    r = read(md_table(rows))
    assert row(r, "requests", "unavailable_not_held") == []
    assert any(i.kind == "unplaced_row" and "unavailable_not_held" in i.message for i in r.issues)


def test_sub_labels_read_in_the_wrong_group_are_duplicates_and_the_order_certifies_the_table():
    # '（六）其他处理' lost and its sub-labels truncated: '1.申请人无正当理' … read in group （五）
    # give second rows for its codes. Their labels are no evidence; the arithmetic places them.
    rows = [[group if group and group.startswith("（") else "", label, *map(str, values)]
            for (label, group), values in zip(LABELS, VALUES)]
    rows[20][:2] = ["", "1.申请人无正当理"]
    rows[21][:2] = ["", "2.申请人逾期未"]
    r = read(md_table(rows))
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    placed = {f.row: f.method for f in r.facts if f.table == "requests"}
    assert placed["other_no_correction"] == "order_certified" and placed["granted"] == "label"


def test_the_same_rows_in_a_table_missing_a_row_load_only_rows_their_labels_place():
    rows = [[group if group and group.startswith("（") else "", label, *map(str, values)]
            for (label, group), values in zip(LABELS, VALUES)]
    rows[20][:2] = ["", "1.申请人无正当理"]
    rows[21][:2] = ["", "2.申请人逾期未"]
    del rows[3]
    r = read(md_table(rows))
    loaded = {f.row for f in r.facts if f.table == "requests"}
    assert not loaded & {"other_no_correction", "other_unpaid_fee", "partially_granted"}
    for code in loaded:
        assert row(r, "requests", code) == T3[code], code


def test_page_numbers_between_rows_of_a_table_with_the_single_other_row_leave_its_labels_in_charge():
    # The 2021 report printed with the 2019 table's single （六） row (23 rows) and two page
    # numbers between rows: 25 value lines, but the two are strays, not rows to place by order.
    labels = LABELS[:20] + [("（六）其他处理", None)] + LABELS[23:]
    values = VALUES[:20] + [VALUES[22]] + VALUES[23:]
    out = ["三、收到和处理政府信息公开申请情况", *HEADER_WORDS]
    for i, ((label, group), v) in enumerate(zip(labels, values)):
        out += ([group] if group else []) + [label, *map(str, v)]
        if i in (7, 15):
            out += ["", str(i), ""]
    r = read("\n".join(out))
    codes = TEMPLATE_ROWS["2019"]
    for code, v in zip(codes, values):
        assert row(r, "requests", code) == v, code
    assert sum(i.kind == "unplaced_row" for i in r.issues) == 2


def transposed(columns: tuple[str, str, str]) -> str:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "", "| | " + " | ".join(columns) + " |", "|---|---|---|---|"]
    for i, result in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        lines.append(f"| {result} | " + " | ".join(str(REVIEW[p * 5 + i]) for p in range(3)) + " |")
    return "\n".join(lines) + "\n"


def test_table_four_with_results_as_rows_is_read_by_its_labels():
    r = read(transposed(("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")))
    assert review_cells(r) == REVIEW
    assert {f.method for f in r.facts if f.table == "review_litigation"} == {"label"}


def test_table_four_with_results_as_rows_but_proceedings_out_of_order_is_reported():
    r = read(transposed(("行政复议", "复议后起诉", "未经复议直接起诉")))
    assert review_cells(r) == []
    assert any(i.kind == "unplaced_row" and "table 四" in i.message for i in r.issues)


def test_a_full_table_that_does_not_add_up_keeps_its_labelled_rows_and_reports_the_bare_ones():
    # The report's own error (granted's natural persons printed 8, the total still counts 9) and
    # the eight 不予公开 rows printed without labels: the order cannot be certified, so the bare
    # rows are reported; every labelled row sits at its own place in the template, so it loads.
    values = [list(v) for v in VALUES]
    values[2][0] = 8
    rows = []
    for i, ((label, group), v) in enumerate(zip(LABELS, values)):
        rows.append([str(x) for x in v] + ["", ""] if 4 <= i <= 11 else ["", label, *map(str, v)])
    r = read(md_table(rows))
    withheld = ORDER[4:12]
    for code, v in zip(ORDER, values):
        assert row(r, "requests", code) == ([] if code in withheld else v), code
    assert sum(i.kind == "unplaced_row" for i in r.issues) == 8


def test_a_full_table_whose_labels_are_one_row_off_still_loads_nothing():
    values = [list(v) for v in VALUES]
    values[2][0] = 8
    rows = []
    for i, ((label, group), v) in enumerate(zip(LABELS, values)):
        if 4 <= i <= 11:
            rows.append([str(x) for x in v] + ["", ""])
        else:  # every label after the bare rows printed one row early
            nxt = LABELS[i + 1][0] if 12 <= i < 24 else label
            rows.append(["", nxt, *map(str, v)])
    r = read(md_table(rows))
    assert [f for f in r.facts if f.table == "requests"] == []


def test_the_section_title_repeated_over_the_next_page_continues_the_table():
    rows = [["", label, *map(str, values)] for (label, _), values in zip(LABELS, VALUES)]
    text = md_table(rows)
    lines = text.split("\n")
    at = lines.index(next(ln for ln in lines if "1.本机关不掌握" in ln))
    lines[at:at] = ["", "— 5 —", "", "三、收到和处理政府信息公开申请情况（续）", ""]
    r = read("\n".join(lines))
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code


def test_a_shredded_table_that_does_not_add_up_keeps_labelled_rows_across_header_note_and_wrapped_labels():
    # The header's corner note cut over two lines ('…第二项之和，等于第三项加第四项之和）' beside
    # '自然' | '法人或其' | '总计'), long labels wrapped with their numbers on the next pipe row
    # (the tail alone names the same row: '分处理的，只计这一情形，不计其他情形）'), two bare rows,
    # and a printed error (granted's natural persons 8 where the totals count 9).
    head = ("三、收到和处理政府信息公开申请情况\n\n| （本列数据的勾稽关系为：第一项加 | | 申请人情况 | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|\n| 第二项之和，等于第三项加第四项之和） | | 自然 | 法人或其 | | | | | 总计 |\n"
            "| | | 人 | 商业企 | 科研机 | 社会公益 | 法律服务 | 其他 | |\n")
    values = [list(v) for v in VALUES]
    values[2][0] = 8
    lines = []
    for i, ((label, _), v) in enumerate(zip(LABELS, values)):
        cells = list(map(str, v))
        if i in (5, 6):
            lines.append("| " + " | ".join(cells + ["", ""]) + " |")
        elif len(label) > 14:
            lines.append("| | " + label[:9] + " |" + " |" * 7)
            lines.append("| | " + label[9:] + " | " + " | ".join(cells) + " |")
        else:
            lines.append("| | " + label + " | " + " | ".join(cells) + " |")
    r = read(head + "\n".join(lines) + "\n")
    for i, (code, v) in enumerate(zip(ORDER, values)):
        assert row(r, "requests", code) == ([] if i in (5, 6) else v), code
    assert sum(i.kind == "unplaced_row" for i in r.issues) == 2
