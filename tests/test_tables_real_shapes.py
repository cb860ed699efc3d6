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
