"""Shapes real reports take that labels alone cannot read (issue 10), in our own words and numbers:
shredded markdown, OCR tables, table 四 flat or in blocks, one character per line, look-alike code
points, digits never separated, and prose that must not stand in for a printed table."""
from __future__ import annotations

from pipeline.codes import OUTCOMES
from pipeline.extract import extract
from pipeline.extract.normalize import normalize_text
from pipeline.parse import parse_document
from pipeline.parse.certify import TEMPLATE_ROWS, certify_order
from test_tables_support import cells, doc_of, read, row

# A consistent 2021 table 三 (every identity holds), 25 rows x 7 columns.
T3 = {
    "received_new": [20, 3, 0, 1, 0, 0, 24],
    "carried_over": [2, 0, 0, 0, 0, 0, 2],
    "granted": [9, 1, 0, 0, 0, 0, 10],
    "partially_granted": [3, 1, 0, 0, 0, 0, 4],
    "withheld_state_secret": [0] * 7,
    "withheld_law_prohibited": [1, 0, 0, 0, 0, 0, 1],
    **{c: [0] * 7 for c in ("withheld_security_stability", "withheld_third_party", "withheld_internal_affairs",
                            "withheld_process_info", "withheld_enforcement_file", "withheld_admin_query")},
    "unavailable_not_held": [4, 0, 0, 1, 0, 0, 5],
    "unavailable_needs_creation": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_unclear": [0] * 7,
    "rejected_petition": [2, 0, 0, 0, 0, 0, 2],
    **{c: [0] * 7 for c in ("rejected_duplicate", "rejected_publication", "rejected_excessive",
                            "rejected_confirmation", "other_no_correction", "other_unpaid_fee")},
    "other_other": [1, 0, 0, 0, 0, 0, 1],
    "handled_total": [21, 2, 0, 1, 0, 0, 24],
    "carried_forward": [1, 1, 0, 0, 0, 0, 2],
}
ORDER = TEMPLATE_ROWS["2021"]
MD_HEAD = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "| （本列数据的勾稽关系为：第一项加第二项之和， | 申请人情况 | | | | | | |\n"
    "|---|---|---|---|---|---|---|---|\n"
)


def md(values: list[int]) -> str:
    return "| " + " | ".join(map(str, values)) + " |"


def test_template_row_order_matches_the_codes():
    assert len(ORDER) == 25 and len(TEMPLATE_ROWS["2019"]) == 23
    assert list(T3) == list(ORDER) and set(ORDER) <= set(OUTCOMES)


# --- 1. PDF-to-markdown shredded pipe tables ----------------------------------------------------

def test_label_less_table_is_placed_by_order_certified_by_its_arithmetic():
    # Every label lost: 25 bare value rows under a header made of label fragments.
    text = MD_HEAD + "\n".join(md(T3[c]) for c in ORDER) + "\n"
    r = read(text)
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    assert {f.method for f in r.facts if f.table == "requests"} == {"order_certified"}
    assert not r.issues


def test_one_row_off_is_rejected_by_the_identities_and_nothing_is_loaded():
    # The first row (received_new) is lost and a stray row that keeps its own total turns up at
    # the end: still 25 rows, every row sum holds, but the columns no longer balance.
    rows = [T3[c] for c in ORDER[1:]] + [[5, 0, 0, 0, 0, 0, 5]]
    text = MD_HEAD + "\n".join(md(v) for v in rows) + "\n"
    r = read(text)
    assert [f for f in r.facts if f.table == "requests"] == []
    assert [i.kind for i in r.issues] == ["table_not_certified"]
    assert "identities fail" in r.issues[0].message


def test_certify_order_counts_rows_and_checks_every_identity():
    # carried_over 1 = 其他 1 = 总计 1: the (六)3/(七) swap and the 二/（一） swap change no number,
    # so they are no competing reading; the order is certified.
    t = {c: [0] * 7 for c in ORDER}
    for c in ("carried_over", "other_other", "handled_total"):
        t[c] = [1, 0, 0, 0, 0, 0, 1]
    ok, why = certify_order([t[c] for c in ORDER], "2021")
    assert ok, why
    t["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]  # now 0 + 1 received ≠ 1 handled + 1 forward
    ok, why = certify_order([t[c] for c in ORDER], "2021")
    assert not ok and "fail" in why
    ok, why = certify_order([T3[c] for c in ORDER[:-1]], "2021")
    assert not ok and "24 value rows" in why
    blank = [list(v) for v in (T3[c] for c in ORDER)]
    blank[3][2] = None
    ok, why = certify_order(blank, "2021")
    assert not ok and "blank" in why


def test_shredded_markdown_with_wrapped_labels_fragments_footer_and_bare_rows():
    lines = [
        "三、收到和处理政府信息公开申请情况",
        "| 申请人 | 自然 | 法人或其 | 他组织 | | | | 总 |",
        "|---|---|---|---|---|---|---|---|",
        "| | 人 | 商业企 | 科研 | 社会公益 | 法律服 | 其他 | 计 |",
        "| 一、本年新收政府信息 | | | | | | | |",
        "| 公开申请数量 | 20 | 3 | 0 | 1 | 0 | 0 | 24 | | |",
        md(T3["carried_over"]),  # label lost
        "| 三、本年度办理结果 | （一）予以公开 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |",
        "| （二）部分公开（区分处理的，只计这一情形，不计其 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",  # truncated
        "| （三）不予 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",  # group fragment as a leading cell
        "| 公开 | 2.其他法律行政法规禁止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        *(md(T3[c]) for c in ORDER[6:12]),
        "| — 4 — | | |",
        *(md(T3[c]) for c in ORDER[12:24]),
        "| 四、结转下年度继续 |",
        "| 办理 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |",
    ]
    r = read("\n".join(lines) + "\n")
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    methods = {f.row: f.method for f in r.facts if f.table == "requests"}
    assert methods["received_new"] == methods["granted"] == methods["withheld_state_secret"] == "label"
    assert methods["carried_over"] == methods["withheld_admin_query"] == "order_certified"
    assert not r.issues


def test_labels_apart_from_their_values_block_the_table_when_order_fails():
    # The label column came out as a block with no numbers; one value row is missing, so the
    # order cannot be certified: nothing is loaded, not even the rows the stream rule would
    # have attached to the last label.
    labels = [f"| {lbl} |" for lbl in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                                       "四、结转下年度继续办理")]
    values = [md(T3[c]) for c in ORDER[:-1]]
    r = read(MD_HEAD + "\n".join(labels + values) + "\n")
    assert [f for f in r.facts if f.table == "requests"] == []
    assert [i.kind for i in r.issues] == ["table_not_certified"]


# --- 2. OCR-to-markdown -------------------------------------------------------------------------

def test_ocr_small_tables_with_positional_headers_dummy_tables_and_a_misleading_header():
    gen = "| 申请人情况 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    text = (
        "三、收到和处理政府信息公开申请情况\n\n" + gen
        + "| 一、本年新收政府信息公开申请数量 | 20 | 3 | 0 | 1 | 0 | 0 | 24 |\n"
        + "| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\n"
        + "| - | - | - |\n|---|---|---|\n| - | - | - |\n\n" + gen
        + "| 三、本年度办理结果（一）予以公开 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |\n"
        + "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n\n"
        + "\n".join(f"| {lbl} | " + " | ".join(map(str, T3[c])) + " |" for lbl, c in (
            ("（三）不予公开 1.属于国家秘密", "withheld_state_secret"), ("2.其他法律行政法规禁止公开", "withheld_law_prohibited"),
            ("3.危及“三安全一稳定”", "withheld_security_stability"), ("4.保护第三方合法权益", "withheld_third_party"),
            ("5.属于三类内部事务信息", "withheld_internal_affairs"), ("6.属于四类过程性信息", "withheld_process_info"),
            ("7.属于行政执法案卷", "withheld_enforcement_file"), ("8.属于行政查询事项", "withheld_admin_query"),
            ("（四）无法提供 1.本机关不掌握相关政府信息", "unavailable_not_held"), ("2.没有现成信息需要另行制作", "unavailable_needs_creation"),
            ("3.补正后申请内容仍不明确", "unavailable_unclear"), ("（五）不予处理 1.信访举报投诉类申请", "rejected_petition"),
            ("2.重复申请", "rejected_duplicate"), ("3.要求提供公开出版物", "rejected_publication"),
            ("4.无正当理由大量反复申请", "rejected_excessive"), ("5.要求行政机关确认或重新出具已获取信息", "rejected_confirmation")))
        + "\n\n| （六）其他处理 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
        + "| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        + "| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        + "| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        + "| （七）总计 | 21 | 2 | 0 | 1 | 0 | 0 | 24 |\n"
        + "| 四、结转下年度继续办理 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n"
    )
    r = read(text)
    for code in ORDER:
        assert row(r, "requests", code) == T3[code], code
    assert {f.method for f in r.facts if f.table == "requests"} == {"label"}
    assert not r.issues


# --- 3. Table 四 flat or in three blocks --------------------------------------------------------

REVIEW = [3, 1, 0, 1, 5, 2, 0, 0, 1, 3, 0, 1, 0, 0, 1]


def test_review_as_one_flat_row_under_a_broken_header():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n"
            "| 行政复 | 议 | | | | 行政诉讼 | | | | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            "| " + " | ".join(map(str, REVIEW)) + " |\n")
    r = read(text)
    assert [f.value for f in r.facts if f.table == "review_litigation"] == REVIEW
    assert {f.method for f in r.facts} == {"order_certified"}


def test_review_flat_row_whose_totals_fail_is_not_loaded():
    bad = list(REVIEW)
    bad[4] = 6
    text = ("四、政府信息公开行政复议、行政诉讼情况\n| 行政复 | 议 | 行政诉讼 |\n|---|---|---|\n"
            "| " + " | ".join(map(str, bad)) + " |\n")
    r = read(text)
    assert [f for f in r.facts if f.table == "review_litigation"] == []
    assert [i.kind for i in r.issues] == ["table_not_certified"]


def test_review_as_three_five_column_tables():
    blocks = []
    for name, values in (("行政复议", REVIEW[:5]), ("行政诉讼 未经复议直接起诉", REVIEW[5:10]), ("复议后起诉", REVIEW[10:])):
        blocks.append(f"| {name} | | | | |\n|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
                      "| " + " | ".join(map(str, values)) + " |\n")
    r = read("四、政府信息公开行政复议、行政诉讼情况\n\n" + "\n".join(blocks))
    got = cells(r, "review_litigation")
    assert got[("administrative_review", "total")] == 5
    assert got[("litigation_direct", "upheld")] == 2 and got[("litigation_direct", "total")] == 3
    assert got[("litigation_after_review", "corrected")] == 1 and got[("litigation_after_review", "total")] == 1
    assert [f.value for f in r.facts] == REVIEW
    assert {f.method for f in r.facts} == {"label"}


# --- 4. Narrow columns, one character per line, and look-alike code points ----------------------

def test_group_label_one_character_per_line_cut_by_a_page_break():
    text = (
        "三、收到和处理政府信息公开申请情况\n\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        "（\n四\n）\n无\n法\n\n- 6 -\n\n提\n供\n"
        "1.本机关不掌握相关政府信息\t4\t0\t0\t1\t0\t0\t5\n"
        "2.没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1\n"
        "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0\n"
    )
    r = read(text)
    assert row(r, "requests", "unavailable_not_held") == [4, 0, 0, 1, 0, 0, 5]
    assert row(r, "requests", "unavailable_needs_creation") == [1, 0, 0, 0, 0, 0, 1]
    assert row(r, "requests", "unavailable_unclear") == [0] * 7
    assert not r.issues


def test_kangxi_and_supplement_radicals_are_normalised_once_at_extraction():
    assert normalize_text("⼈⺠政府") == "人民政府"          # U+2F08 Kangxi, U+2EA0 supplement
    assert normalize_text("⾰新") == "革新"                  # U+2FB0
    assert normalize_text("\uf900") == "\u8c48"             # a CJK compatibility ideograph (豈)
    assert normalize_text("１２，。") == "１２，。"          # full-width forms stay for prose
    body = (
        "临河县⼈⺠政府2021年政府信息公开⼯作年度报告\n"
        "⼀、总体情况\n本年度本机关依法推进政府信息公开⼯作，各项工作稳步推进，取得较好成效，现将有关情况报告如下。\n"
        "三、收到和处理政府信息公开申请情况\n"
        "\t\t\t⾃然⼈\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        "⼀、本年新收政府信息公开申请数量\t6\t1\t0\t0\t0\t0\t7\n"
        "（⼀）予以公开\t5\t1\t0\t0\t0\t0\t6\n"
        "1.申请⼈⽆正当理由逾期不补正、⾏政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    )
    raw = body.encode("utf-8")
    doc = extract("linhe_2021.txt", raw)
    assert "临河县人民政府2021年政府信息公开工作年度报告" == doc.lines[0].text
    assert doc.raw_lines[1].startswith("临河县⼈⺠政府")
    r = parse_document(doc)
    assert "人民政府" in (r.meta.agency_name or "")
    got = {(f.row, f.col): f.value for f in r.facts if f.table == "requests"}
    assert got[("received_new", "total")] == 7 and got[("granted", "natural_person")] == 5
    assert got[("other_no_correction", "total")] == 0


# --- 5. Cells never separated -------------------------------------------------------------------

def test_digits_run_together_are_split_when_the_row_total_allows_one_answer():
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "一、本年新收政府信息公开申请数量204100025\n"
            "二、上年结转政府信息公开申请数量0000000\n")
    r = read(text)
    assert row(r, "requests", "received_new") == [20, 4, 1, 0, 0, 0, 25]
    assert row(r, "requests", "carried_over") == [0] * 7
    f = next(f for f in r.facts if f.row == "received_new")
    assert f.method == "split_certified" and "204100025" in f.note
    assert not r.issues


def test_an_ambiguous_digit_run_is_reported_not_split():
    # '111000012': 1|1|10|…|12, 1|11|0|…|12 and 11|1|0|…|12 all keep the row total, and the
    # fragment has no other rows whose columns could decide.
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "一、本年新收政府信息公开申请数量111000012\n"
            "二、上年结转政府信息公开申请数量0000000\n")
    r = read(text)
    assert row(r, "requests", "received_new") == []
    assert row(r, "requests", "carried_over") == [0] * 7
    assert [i.kind for i in r.issues] == ["ambiguous_split"]
    assert "111000012" in r.issues[0].message


def test_an_ambiguous_run_is_split_when_the_columns_leave_one_answer():
    lines = ["三、收到和处理政府信息公开申请情况", "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
    t = dict(T3)
    t["received_new"] = [1, 11, 0, 0, 0, 0, 12]
    t["handled_total"] = [2, 11, 0, 0, 0, 0, 13]
    t["granted"] = [0, 10, 0, 0, 0, 0, 10]
    t["partially_granted"] = [0, 1, 0, 0, 0, 0, 1]
    t["withheld_law_prohibited"] = [0] * 7
    t["unavailable_not_held"] = [0] * 7
    t["unavailable_needs_creation"] = [0] * 7
    t["rejected_petition"] = [1, 0, 0, 0, 0, 0, 1]
    t["other_other"] = [1, 0, 0, 0, 0, 0, 1]
    t["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]
    from pipeline.codes import OUTCOMES as LABELS
    for code in ORDER:
        label = LABELS[code].split("（2019")[0]
        if code == "received_new":
            lines.append(label + "111000012")  # 3 splits keep the row total; one balances
        else:
            lines.append(label + "\t" + "\t".join(map(str, t[code])))
    r = read("\n".join(lines) + "\n")
    assert row(r, "requests", "received_new") == [1, 11, 0, 0, 0, 0, 12]
    assert {f.method for f in r.facts if f.row == "received_new"} == {"split_certified"}
    assert not r.issues


# --- 6. Prose never writes into a printed table -------------------------------------------------

def test_prose_does_not_fill_a_printed_table_the_reader_could_not_read():
    text = (
        "某县交通运输局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n本年度未发生政府信息公开行政复议、行政诉讼案件，本机关将继续严格依法依规办理政府信息公开申请。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
        "三、收到和处理政府信息公开申请情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
        "12 3 0 1 16 4 1\n"
        "五、存在的主要问题及改进情况\n本机关存在的问题主要是信息公开的及时性还有待提高，下一步将加强培训。\n"
    )
    r = parse_document(doc_of(text))
    assert [f for f in r.facts if f.table == "review_litigation"] == []
    kinds = [i.kind for i in r.issues]
    assert "unplaced_row" in kinds or "table_not_read" in kinds
    read_of = {t.table: t for t in r.reads}
    assert read_of["review_litigation"].status == "not_read" and read_of["review_litigation"].cells_loaded == 0
    assert read_of["requests"].status == "partial" and read_of["requests"].cells_loaded == 7
    assert r.status == "partial"


def test_a_table_printed_but_never_found_is_reported_and_prose_kept_out():
    text = (
        "某县交通运输局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n本年度未发生政府信息公开行政复议、行政诉讼案件，本机关将继续严格依法依规办理政府信息公开申请。\n"
        "三、收到和处理政府信息公开申请情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
        "五、存在的主要问题及改进情况\n本机关存在的问题主要是信息公开的及时性还有待提高，下一步将加强培训。\n"
        "附表：结果维持、结果纠正、尚未审结等情况见附件（扫描件）\n"
    )
    r = parse_document(doc_of(text))
    assert [f for f in r.facts if f.table == "review_litigation"] == []
    assert "table_not_read" in [i.kind for i in r.issues]
    # the same report without the printed table: its prose sentence is the only source, and is read
    alone = parse_document(doc_of(text.rsplit("附表", 1)[0]))
    assert {f.value for f in alone.facts if f.table == "review_litigation" and f.col == "total"} == {0}


# --- more of the same kinds ---------------------------------------------------------------------

def test_two_numbering_systems_the_appended_tables_restart_at_one():
    # The narrative's 三、 speaks of requests in a sentence; the appended tables restart at 一、.
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "本年度共收到政府信息公开申请30件，均已按时答复，答复率百分之百，未发生逾期答复的情形。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度发生政府信息公开行政复议案件1件，现已审结。\n"
        "附件\n"
        "一、收到和处理政府信息公开申请情况\n"
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        "一、本年新收政府信息公开申请数量\t20\t3\t0\t1\t0\t0\t24\n"
        "二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
        "二、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        + "\t".join(map(str, REVIEW)) + "\n"
    )
    r = read(text)
    assert row(r, "requests", "received_new") == [20, 3, 0, 1, 0, 0, 24]
    assert row(r, "requests", "carried_over") == [2, 0, 0, 0, 0, 0, 2]
    assert [f.value for f in r.facts if f.table == "review_litigation"] == REVIEW
    assert not r.issues


def test_review_blocks_without_proceeding_names_are_placed_by_certified_order():
    block = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
    text = "四、政府信息公开行政复议、行政诉讼情况\n" + "".join(
        block + "| " + " | ".join(map(str, REVIEW[i:i + 5])) + " |\n\n" for i in (0, 5, 10))
    r = read(text)
    assert [f.value for f in r.facts] == REVIEW
    assert {f.method for f in r.facts} == {"order_certified"}
    bad = text.replace("| 2 | 0 | 0 | 1 | 3 |", "| 2 | 0 | 0 | 1 | 4 |")
    assert bad != text
    r = read(bad)
    assert r.facts == [] and [i.kind for i in r.issues] == ["unplaced_row"]


def test_a_2019_table_without_labels_is_placed_by_its_23_row_order():
    t = {c: v for c, v in T3.items() if c not in ("other_no_correction", "other_unpaid_fee", "other_other")}
    t["other_handling"] = [1, 0, 0, 0, 0, 0, 1]
    order = TEMPLATE_ROWS["2019"]
    r = read(MD_HEAD + "\n".join(md(t[c]) for c in order) + "\n", "2019")
    for code in order:
        assert row(r, "requests", code) == t[code], code
    assert row(r, "requests", "other_other") == []


def test_fifteen_digits_run_together_in_table_four():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
            "10200121000100000\n")
    # 10|2|0|0|12 1|0|0|0|1 0|0|0|0|0 is the only cut whose three totals are sums
    r = read(text)
    assert [f.value for f in r.facts] == [10, 2, 0, 0, 12, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert {f.method for f in r.facts} == {"split_certified"}


def test_header_fragments_never_become_the_label_of_a_bare_first_row():
    # The header's 总计 must not name the first bare value row as （七）总计.
    text = ("三、收到和处理政府信息公开申请情况\n"
            "| 申请人 | 自然 | 法人或其 | 他组织 | | | | 总计 |\n|---|---|---|---|---|---|---|---|\n"
            "| | 人 | 商业企 | 科研 | 社会公益 | 法律服 | 其他 | |\n"
            + "\n".join(md(T3[c]) for c in ORDER) + "\n")
    r = read(text)
    assert row(r, "requests", "handled_total") == T3["handled_total"]
    assert row(r, "requests", "received_new") == T3["received_new"]
    assert {f.method for f in r.facts} == {"order_certified"}


# --- 7. Whole tables flattened by a crawler (cells never separated) -------------------------------
# Each row prints as its label followed by all its digits; the column header comes out as runs of
# applicant words with nothing between them. Many runs split several ways that each keep the row
# total, so only the table's column identities can pick the split, and only when one choice holds.

_FLAT_LABELS = {  # the labels as a crawler prints them: ASCII brackets, group words on the first sub-row
    "received_new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果(一)予以公开",
    "partially_granted": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "withheld_state_secret": "(三)不予公开1.属于国家秘密",
    "withheld_law_prohibited": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": '3.危及"三安全一稳定"',
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "withheld_admin_query": "8.属于行政查询事项",
    "unavailable_not_held": "(四)无法提供1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "(五)不予处理1.信访举报投诉类申请",
    "rejected_duplicate": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "(六)其他处理",
    "other_no_correction": "(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "handled_total": "(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}
_FLAT_HEAD = ("三、收到和处理政府信息公开申请情况\n"
              "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况\n"
              "自然人法人或其他组织总计\n商业企业科研机构社会公益组织法律服务机构其他\n")
_Z = [0] * 7


def _flat_table(handling: dict[str, list[int]], carried_over: list[int], carried_forward: list[int],
                template: str = "2021") -> dict[str, list[int]]:
    """A consistent table 三: zero rows where not given, handled_total and received_new derived."""
    codes = TEMPLATE_ROWS[template]
    t = {c: handling.get(c, _Z) for c in codes}
    hand = [c for c in codes if c not in ("received_new", "carried_over", "handled_total", "carried_forward")]
    t["handled_total"] = [sum(t[c][i] for c in hand) for i in range(7)]
    t["carried_over"], t["carried_forward"] = carried_over, carried_forward
    t["received_new"] = [t["handled_total"][i] + carried_forward[i] - carried_over[i] for i in range(7)]
    assert all(v >= 0 for v in t["received_new"]) and all(r[6] == sum(r[:6]) for r in t.values())
    return t


def _flat_text(t: dict[str, list[int]], template: str = "2021") -> str:
    return _FLAT_HEAD + "".join(_FLAT_LABELS[c] + "".join(map(str, t[c])) + "\n" for c in TEMPLATE_ROWS[template])


# Eight runs of this table split two or three ways each (received_new, granted, partially_granted,
# withheld_third_party, withheld_process_info, unavailable_not_held, rejected_petition,
# handled_total); the column identities hold under one choice only.
FLAT = _flat_table({
    "granted": [17, 5, 0, 0, 1, 1, 24], "partially_granted": [3, 10, 0, 0, 1, 0, 14],
    "withheld_law_prohibited": [1, 0, 0, 0, 0, 0, 1], "withheld_third_party": [1, 0, 0, 0, 0, 11, 12],
    "withheld_process_info": [12, 1, 0, 0, 0, 0, 13], "withheld_admin_query": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [11, 2, 1, 0, 0, 1, 15], "unavailable_needs_creation": [1, 1, 0, 0, 0, 0, 2],
    "unavailable_unclear": [1, 0, 0, 0, 0, 0, 1], "rejected_petition": [2, 11, 0, 0, 0, 0, 13],
    "rejected_duplicate": [1, 0, 0, 0, 0, 0, 1], "rejected_confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other_no_correction": [1, 1, 0, 0, 0, 0, 2], "other_other": [1, 0, 0, 0, 0, 0, 1],
}, carried_over=[2, 1, 0, 0, 0, 0, 3], carried_forward=[0, 1, 0, 0, 0, 1, 2])


def test_a_whole_2021_table_flattened_by_a_crawler_is_placed_exactly():
    from pipeline.parse.certify import requests_splits
    ambiguous = [c for c in ORDER if len(requests_splits("".join(map(str, FLAT[c])))) > 1]
    assert len(ambiguous) == 8 and "handled_total" in ambiguous and "received_new" in ambiguous
    text = "# 某区民政局2021年政府信息公开工作年度报告\n\n" + _flat_text(FLAT) + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    r = parse_document(extract("flat.md", text.encode("utf-8")))
    for code in ORDER:
        assert row(r, "requests", code) == FLAT[code], code
    assert {f.method for f in r.facts if f.table == "requests"} == {"split_certified"}
    # the notes say how: the unique total-keeping split, or the identities' one choice
    notes = {f.row: f.note for f in r.facts if f.table == "requests"}
    assert "every column identity" in notes["handled_total"] and "the only split" in notes["carried_over"]
    assert not [i for i in r.issues if i.kind != "region_unresolved"]


def test_the_header_words_run_together_are_a_header_and_other_other_keeps_its_own_row():
    # Without the two rules the header's 总计 names a row (so the real total is a duplicate) and
    # '3.其他…' swallows '(七)总计…' into one label: nothing of the table could be loaded.
    r = read(_flat_text(FLAT))
    assert row(r, "requests", "other_other") == [1, 0, 0, 0, 0, 0, 1]
    assert row(r, "requests", "handled_total") == FLAT["handled_total"]
    assert not r.issues


def test_a_flattened_table_whose_identities_leave_two_answers_is_reported_not_loaded():
    # withheld_third_party 1|11|… or 11|1|…, unavailable_not_held 11|2|… or 1|12|…: both pairs
    # keep every row total and every column identity, so the table's choice of splits is not
    # one, and no row whose run splits more than one way is loaded.
    t = _flat_table({**{c: FLAT[c] for c in ORDER if c not in ("received_new", "carried_over", "handled_total",
                                                                 "carried_forward")},
                     "withheld_third_party": [1, 11, 0, 0, 0, 0, 12]},
                    carried_over=[2, 1, 0, 0, 0, 0, 3], carried_forward=[0, 1, 0, 0, 0, 1, 2])
    r = read(_flat_text(t))
    assert row(r, "requests", "withheld_third_party") == [] and row(r, "requests", "unavailable_not_held") == []
    assert row(r, "requests", "carried_over") == [2, 1, 0, 0, 0, 0, 3]  # a row with one split still loads
    issues = [i for i in r.issues if i.kind == "ambiguous_split"]
    assert {i.line for i in issues} >= {12, 17} and all("more than one choice" in i.message for i in issues)
    loaded = {f.row: f.value for f in r.facts if f.col == "total"}
    assert all(loaded[c] == t[c][6] for c in loaded)


def test_a_flattened_2019_table_with_its_single_other_row():
    t = _flat_table({c: FLAT[c] for c in TEMPLATE_ROWS["2019"] if c in FLAT and c not in (
        "received_new", "carried_over", "handled_total", "carried_forward")} | {"other_handling": [2, 0, 0, 0, 1, 0, 3]},
        carried_over=[2, 1, 0, 0, 0, 0, 3], carried_forward=[0, 1, 0, 0, 0, 1, 2], template="2019")
    r = read(_flat_text(t, "2019"), "2019")
    for code in TEMPLATE_ROWS["2019"]:
        assert row(r, "requests", code) == t[code], code
    assert not r.issues


def test_a_run_that_splits_twice_only_with_a_leading_zero_is_split_once():
    # '2100001022' is 2|10|0|0|0|10|22; 21|0|0|0|0|1|022 would keep the total too, but no
    # printed number starts with 0, so the row has one split and loads on its own.
    t = _flat_table({**{c: FLAT[c] for c in ("granted", "withheld_process_info", "other_other")},
                     "unavailable_not_held": [2, 10, 0, 0, 0, 10, 22]},
                    carried_over=[1, 0, 0, 0, 0, 0, 1], carried_forward=[0, 0, 0, 0, 0, 0, 0])
    r = read(_flat_text(t))
    assert row(r, "requests", "unavailable_not_held") == [2, 10, 0, 0, 0, 10, 22]
    assert "'2100001022' split as 2|10|0|0|0|10|22: the only split" in next(
        f.note for f in r.facts if f.row == "unavailable_not_held")
    assert not r.issues


def test_table_four_flattened_after_its_header_words():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n"
            "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉\n"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计310040010100000\n"
            "五、存在的主要问题及改进情况\n")
    r = read(text)
    assert [f.value for f in r.facts if f.table == "review_litigation"] == [3, 1, 0, 0, 4, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
    assert {f.method for f in r.facts} == {"split_certified"}


def _many_ambiguous() -> dict[str, list[int]]:
    """19 of 25 runs split two or three ways (over a million combinations in all)."""
    shapes = [[1, 0, 0, 0, 0, 11, 12], [12, 1, 0, 0, 0, 0, 13], [2, 11, 0, 0, 0, 0, 13], [17, 5, 0, 0, 1, 1, 24],
              [3, 10, 0, 0, 1, 0, 14], [11, 2, 1, 0, 0, 1, 15], [1, 0, 0, 0, 0, 10, 11], [2, 10, 0, 0, 0, 10, 22]]
    handling = [c for c in ORDER if c not in ("received_new", "carried_over", "handled_total", "carried_forward")]
    return _flat_table({c: shapes[i % len(shapes)] for i, c in enumerate(handling)},
                       carried_over=[2, 1, 0, 0, 0, 0, 3], carried_forward=[0, 1, 0, 0, 0, 1, 2])


def test_many_ambiguous_rows_are_resolved_by_a_search_pruned_by_the_columns_and_capped():
    from math import prod

    from pipeline.parse.certify import requests_splits, solve_splits
    t = _many_ambiguous()
    splits = {c: requests_splits("".join(map(str, t[c]))) for c in ORDER}
    ambiguous = {c: s for c, s in splits.items() if len(s) > 1}
    fixed = {c: [float(v) for v in s[0]] for c, s in splits.items() if len(s) == 1}
    assert len(ambiguous) == 19 and prod(map(len, ambiguous.values())) > 1_000_000
    r = read(_flat_text(t))
    for code in ORDER:
        assert row(r, "requests", code) == t[code], code
    assert not r.issues
    # a search that may try only a few candidate rows gives up and says so; it never guesses
    assert solve_splits(fixed, ambiguous, cap=30) == (None, "capped")
    assert solve_splits(fixed, ambiguous)[1] == "unique"


def test_a_run_with_too_many_splits_to_list_is_reported():
    # '111111111111246' (1|11|1|11|111|111|246 among others) has more splits than are kept, so
    # the list is incomplete and the columns cannot be trusted to pick from it.
    t = dict(FLAT)
    t["granted"] = [1, 11, 1, 11, 111, 111, 246]
    r = read(_flat_text(_flat_table({**{c: FLAT[c] for c in ORDER if c not in (
        "received_new", "carried_over", "handled_total", "carried_forward")}, "granted": t["granted"]},
        carried_over=[2, 1, 0, 0, 0, 0, 3], carried_forward=[0, 1, 0, 0, 0, 1, 2])))
    assert row(r, "requests", "granted") == []
    msg = next(i.message for i in r.issues if i.line == 7)
    assert "'111111111111246' split more than 64 ways" in msg
    assert all(i.kind == "ambiguous_split" for i in r.issues)
