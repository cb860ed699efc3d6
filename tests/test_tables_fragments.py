"""Real fragments of each kind of damage, each asserting exact cells."""
from __future__ import annotations

from pipeline.model import Cell, Document, Grid, Line
from pipeline.parse.tables import read_tables
from test_tables_support import cells, fixture, read, row

ZEROS = [0] * 7
BLANK = [None] * 7


def test_mudanjiang_lost_header_split_labels_trailing_artefacts():
    # Tab text whose page break lost table 三's header and first rows; '(三) 不予公 开',
    # '(四) 无法提' / blank line / '供', a trailing empty cell after （六）（七）, an empty merged
    # cell before the numbers of 四、结转.
    r = read(fixture("mudanjiang_2018_tab.txt"), "2019")
    req = cells(r, "requests")
    for code in ("withheld_state_secret", "withheld_law_prohibited", "withheld_admin_query",
                 "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                 "rejected_petition", "rejected_confirmation", "other_handling", "handled_total",
                 "carried_forward"):
        assert row(r, "requests", code) == ZEROS, code
    # Lost rows are absent, not inferred; the surviving tail of （二） has no numbers.
    for code in ("received_new", "carried_over", "granted"):
        assert row(r, "requests", code) == []
    assert row(r, "requests", "partially_granted") == BLANK
    assert ("other_no_correction", "total") not in req
    assert "review_litigation" not in r.found
    assert not r.issues
    assert row(r, "active_disclosure", "penalty") == [0, 0, 0]
    assert row(r, "active_disclosure", "coercion") == []


def test_haidong_all_blank_tables_load_as_unknown():
    r = read(fixture("haidong_2019_blank.txt"), "2019")
    req = [f for f in r.facts if f.table == "requests"]
    assert len(req) == 23 * 7 and all(f.value is None for f in req)
    assert all(f.raw == "" for f in req)
    assert row(r, "requests", "other_handling") == BLANK
    rev = [f for f in r.facts if f.table == "review_litigation"]
    assert len(rev) == 15 and all(f.value is None for f in rev)
    assert r.found == {"active_disclosure", "requests", "review_litigation"}
    d = cells(r, "active_disclosure")
    assert d[("procurement", "procurement_projects")] == 9
    assert d[("procurement", "procurement_amount")] == 7139200


def test_hongze_single_other_handling_row_and_label_typo():
    r = read(fixture("hongze_2023_tab.txt"), "2021")
    assert row(r, "requests", "withheld_law_prohibited") == ZEROS  # '2.其他法律行政止公开'
    assert row(r, "requests", "other_handling") == ZEROS
    for code in ("other_no_correction", "other_unpaid_fee", "other_other"):
        assert row(r, "requests", code) == []
    assert row(r, "review_litigation", "administrative_review") == [10, 1, 0, 0, 0]


TABLE3_HEAD = (
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\n"
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
)


def test_page_break_inside_row_group_with_page_number_and_repeated_header():
    text = TABLE3_HEAD + (
        "\t（四）无法提\t1.本机关不掌握相关政府信息\t10\t0\t0\t0\t0\t0\t10\n"
        "- 4 -\n"
        "\n"
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
        "\t供\t2.没有现成信息需要另行制作\t3\t0\t0\t0\n"
        "- 5 -\n"
        "0\t0\t3\n"
        "\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0\n"
    )
    r = read(text)
    assert row(r, "requests", "unavailable_not_held") == [10, 0, 0, 0, 0, 0, 10]
    assert row(r, "requests", "unavailable_needs_creation") == [3, 0, 0, 0, 0, 0, 3]
    assert row(r, "requests", "unavailable_unclear") == ZEROS
    assert not r.issues


def test_wrapped_label_with_numbers_on_the_continuation_line():
    text = TABLE3_HEAD + (
        "\t（二）部分公开（区分处理的，\t\t\t\n"
        "只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4\n"
        "\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n"
    )
    r = read(text)
    assert row(r, "requests", "partially_granted") == [4, 0, 0, 0, 0, 0, 4]
    assert row(r, "requests", "withheld_state_secret") == [1, 0, 0, 0, 0, 0, 1]


def test_label_one_character_per_line():
    text = TABLE3_HEAD + "三\n、\n本\n年\n度\n办\n理\n结\n果\n（一）予以公开\t5\t0\t0\t0\t0\t0\t5\n"
    assert row(read(text), "requests", "granted") == [5, 0, 0, 0, 0, 0, 5]


def test_collapsed_blanks_are_reported_not_guessed():
    text = TABLE3_HEAD + (
        "一、本年新收政府信息公开申请数量\t21\t21\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == []
    assert row(r, "requests", "carried_over") == ZEROS
    [issue] = r.issues
    assert issue.kind == "unplaced_row" and issue.line == 5 and "21\t21" in issue.raw


def test_blanks_in_a_full_width_row_stay_where_they_are():
    text = TABLE3_HEAD + "一、本年新收政府信息公开申请数量\t\t\t21\t/\t-\t—\t无\t\t21\n"
    r = read(text)
    assert row(r, "requests", "received_new") == [21, None, None, None, None, None, 21]
    raws = [f.raw for f in r.facts if f.row == "received_new"]
    assert raws == ["21", "/", "-", "—", "无", "", "21"]


def test_full_width_digits_spaces_in_numbers_traditional_script_and_bracket_notes():
    text = TABLE3_HEAD + (
        "一、本年新收政府信息公開申請數量\t２１\t0\t0\t0\t0\t0\t2 1\n"
        "（五）不予處理\t1、信訪舉報投訴類申請（含转办）\t3\t0\t0\t0\t0\t0\t3\n"
        "\t2、重複申請\t1\t0\t0\t0\t0\t0\t1\n"
        "（七）總計\t4\t0\t0\t0\t0\t0\t4\n"
        "四、結轉下年度繼續辦理\t0\t0\t0\t0\t0\t0\t0\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == [21, 0, 0, 0, 0, 0, 21]
    assert row(r, "requests", "rejected_petition") == [3, 0, 0, 0, 0, 0, 3]
    assert row(r, "requests", "rejected_duplicate") == [1, 0, 0, 0, 0, 0, 1]
    assert row(r, "requests", "handled_total") == [4, 0, 0, 0, 0, 0, 4]
    assert row(r, "requests", "carried_forward") == ZEROS


def test_damaged_sub_label_is_placed_by_its_number_in_its_group_not_by_position():
    text = TABLE3_HEAD + (
        "\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1\n"
        "\t\t3.补正后申诸内容仍不眀\t2\t0\t0\t0\t0\t0\t2\n"
        "\t\t\t7\t0\t0\t0\t0\t0\t7\n"
    )
    r = read(text)
    assert row(r, "requests", "unavailable_unclear") == [2, 0, 0, 0, 0, 0, 2]
    assert row(r, "requests", "unavailable_needs_creation") == []
    assert [i.kind for i in r.issues] == ["unplaced_row"]  # the unlabelled 7s


def test_digit_split_across_two_cells_is_repaired_and_flagged():
    # 8 numbers for 7 columns. Joining '1' '2' is the only join that makes the row's own total
    # hold (joins giving '00' or '012' are never numbers): applied, flagged, original kept.
    text = TABLE3_HEAD + "一、本年新收政府信息公开申请数量\t1\t2\t0\t0\t0\t0\t0\t12\n"
    r = read(text)
    facts = [f for f in r.facts if f.row == "received_new"]
    assert [f.value for f in facts] == [12, 0, 0, 0, 0, 0, 12]
    assert {f.method for f in facts} == {"repaired"}
    assert "'1' '2'" in facts[0].note and "1 | 2 | 0" in facts[0].note
    assert not r.issues


def test_ambiguous_extra_number_is_not_repaired():
    text = TABLE3_HEAD + "一、本年新收政府信息公开申请数量\t1\t1\t1\t1\t0\t0\t0\t11\n"
    r = read(text)  # no single join makes the row's own total hold: reported, not guessed
    assert row(r, "requests", "received_new") == []
    assert [i.kind for i in r.issues] == ["unplaced_row"]


def test_table_two_units_decimals_negatives():
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t12\t-3\t1,024\n"
        "第二十条第（九）项\n"
        "信息内容\t采购项目数量\t采购总金额\n"
        "政府集中采购\t4\t251000元\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    r = read(text, "2019")
    d = {(f.row, f.col): (f.value, f.unit) for f in r.facts}
    assert d[("licensing", "previous_year_count")] == (12, "项")
    assert d[("licensing", "change")] == (-3, "项")
    assert d[("licensing", "decisions")] == (1024, "件")
    assert d[("procurement", "procurement_amount")] == (251000, "元")


def test_fee_amount_unit_from_the_2021_header():
    text = (
        "二、主动公开政府信息情况\n第二十条第（八）项\n"
        "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t96171.6\n"
    )
    r = read(text, "2021")
    [f] = r.facts
    assert (f.row, f.col, f.value, f.unit) == ("fees", "fee_amount", 96171.6, "万元")


def test_pdf_grid_with_merged_cells_and_group_split_across_pages():
    def grid_row(page, *texts):
        return [Cell(t, 10 * page, page, None, i) for i, t in enumerate(texts)]

    g = Grid([
        grid_row(4, "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）", "", "", "申请人情况"),
        grid_row(4, "", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
        grid_row(4, "", "", "", "", "商业企\n业", "科研机\n构", "社会公益\n组织", "法律服务\n机构", "其他", ""),
        grid_row(4, "", "（四）无", "1.本机关不掌握相关政府信息", "746", "12", "0", "0", "10", "1", "769"),
        grid_row(5, "", "法提供", "2.没有现成信息需要另行制作", "11", "0", "0", "0", "0", "0", "11"),
        grid_row(5, "", "（六）其\n他处理", "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请",
                 "67", "3", "0", "0", "1", "0", "71"),
        grid_row(5, "", "", "3、其他", "108", "2", "0", "0", "0", "0", "110"),
    ], "pdf", 3, 4)
    doc = Document("x.pdf", "pdf", [Line(1, "三、收到和处理政府信息公开申请情况")], [g])
    r = read_tables(doc, "2021")
    assert row(r, "requests", "unavailable_not_held") == [746, 12, 0, 0, 10, 1, 769]
    assert row(r, "requests", "unavailable_needs_creation") == [11, 0, 0, 0, 0, 0, 11]
    assert row(r, "requests", "other_no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert row(r, "requests", "other_other") == [108, 2, 0, 0, 0, 0, 110]
    f = next(f for f in r.facts if f.row == "unavailable_needs_creation")
    assert f.page == 5


def test_legacy_report_reads_no_tables():
    r = read(fixture("hongze_2023_tab.txt"), "legacy")
    assert not r.facts and not r.found
