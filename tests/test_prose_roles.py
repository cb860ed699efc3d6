"""Legacy prose read by roles: one row per sentence (or short passage) → the exact facts it gives.

Every sentence is written for this table (shapes learned from real 2008–2018 reports, words and
numbers our own). A trap row expects nothing at all. Keys: a requests row code; for table 四
'proceeding.result'; for other figures 'ad.item'.
"""
from __future__ import annotations

import pytest

from pipeline.model import Document, Line
from pipeline.parse.prose import read_prose

W0 = {c: 0 for c in (
    "withheld_state_secret", "withheld_law_prohibited", "withheld_security_stability", "withheld_third_party",
    "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file", "withheld_admin_query")}
R0 = {"administrative_review.total": 0}
L0 = {"litigation_direct.total": 0, "litigation_after_review.total": 0}


def doc(text: str) -> Document:
    return Document("t.txt", "text", [Line(i, t) for i, t in enumerate(text.split("\n"), 1)])


def short(text: str) -> dict[str, float]:
    out = {}
    for f in read_prose(doc(text)).facts:
        key = {"requests": f.row, "review_litigation": f"{f.row}.{f.col}"}.get(f.table, f"ad.{f.row}")
        out[key] = f.value
    return out


def issue_kinds(text: str) -> list[str]:
    return [i.kind for i in read_prose(doc(text)).issues]


RECEIVED = [
    ("本年度我局受理公民、法人和其他组织提出的政府信息公开申请共计 7 件。", {"received_new": 7}),
    ("2012年，本机关共受理依申请公开政府信息申请4件。", {"received_new": 4}),
    ("全年收到群众提交的政府信息公开申请5条。", {"received_new": 5}),
    ("2009年，本局收到申请公开政府信息的申请2条，均已按时答复。", {"received_new": 2}),
    ("本年度共收到信息公开申请 16 件（其中网上申请9件、当面申请5件、信函申请2件）。", {"received_new": 16}),
    ("共受理申请8件，其中通过网络提出申请6件，现场提出申请2件。", {"received_new": 8}),
    ("依申请公开方面，全年受理申请 3 件。", {"received_new": 3}),
    ("今年接到公众提出的政府信息公开申请12件，比上年增加3件。", {"received_new": 12}),
    ("本年度新收政府信息公开申请 1,203 件。", {"received_new": 1203}),
    ("全年共受理政府信息公开申请11件，其中公民申请9件，法人或其他组织申请2件。", {"received_new": 11}),
    ("全年登记政府信息公开申请25件，有效申请23件。", {"received_new": 25}),
    ("全 年 共 收 到 申 请 8 件 ，均 在 期 限 内 答 复 。", {"received_new": 8}),
    ("本年度受理政府信息公开申请共 4 宗（传真1宗，电子邮件3宗）。", {"received_new": 4}),
    ("本年度共收到2条申请，均已办结。", {"received_new": 2}),
    ("全年共收到申请公开政府信息件0件。", {"received_new": 0}),
    ("全年受理依申请公开8件，同比增长14%。", {"received_new": 8}),
    ("截至2013年底，累计受理政府信息公开申请214件。本年度受理申请31件。", {"received_new": 31}),
    ("今年以来，共受理政府信息公开申请9件。", {"received_new": 9}),
]

OUTCOMES = [
    ("已答复12件：同意公开8件，同意部分公开2件，信息不存在1件，不予公开1件。",
     {"handled_total": 12, "granted": 8, "partially_granted": 2, "unavailable_not_held": 1, "withheld_unspecified": 1}),
    ("共收到申请6件，其中同意公开5件，因属于国家秘密不予公开1件。",
     {"received_new": 6, "granted": 5, "withheld_state_secret": 1}),
    ("受理申请4件，均予以公开。", {"received_new": 4, "granted": 4}),
    ("收到政府信息公开申请3件，均已同意公开并按时答复。", {"received_new": 3, "granted": 3}),
    ("共收到申请9件，其中同意公开6件，同意部分公开2件，不予公开1件（涉及商业秘密）。",
     {"received_new": 9, "granted": 6, "partially_granted": 2, "withheld_third_party": 1}),
    ("共受理申请5件，其中予以公开3件，部分公开1件，不属于本机关职责范围的1件。",
     {"received_new": 5, "granted": 3, "partially_granted": 1, "unavailable_not_held": 1}),
    ("答复申请10件，其中同意公开7件，不同意公开3件。", {"handled_total": 10, "granted": 7, "withheld_unspecified": 3}),
    ("全年共收到申请7件，同意公开4件，部分公开2件，另有1件正在办理中。",
     {"received_new": 7, "granted": 4, "partially_granted": 2, "carried_forward": 1}),
    ("已办结的申请中，同意公开15件，不予公开2件，申请内容不明确的1件。",
     {"granted": 15, "withheld_unspecified": 2, "unavailable_unclear": 1}),
    ("共受理申请2条，其中同意公开1条、不予公开1条。", {"received_new": 2, "granted": 1, "withheld_unspecified": 1}),
    ("受理申请10件，办结9件，其中同意公开6件、部分公开3件，1件结转至下年度办理。",
     {"received_new": 10, "handled_total": 9, "granted": 6, "partially_granted": 3, "carried_forward": 1}),
    ("共收到申请4件，其中同意公开2件，信息不存在1件，非本机关掌握1件。",
     {"received_new": 4, "granted": 2, "unavailable_not_held": 2}),
    ("收到申请3件，其中不予公开1件，理由为该信息属于国家秘密，其余2件均同意公开。",
     {"received_new": 3, "withheld_state_secret": 1, "granted": 2}),
    ("全年受理申请5件，全部予以公开，不予公开0件。", {"received_new": 5, "granted": 5, **W0}),
    ("收到申请2件，1件同意公开，1件因涉及个人隐私不予公开。",
     {"received_new": 2, "granted": 1, "withheld_third_party": 1}),
    ("共受理申请6件，同意公开4件，重复申请不予受理2件。", {"received_new": 6, "granted": 4, "rejected_duplicate": 2}),
    ("在已答复的5件申请中，“同意公开”的3件，“同意部分公开”的2件。",
     {"handled_total": 5, "granted": 3, "partially_granted": 2}),
    ("三、依申请公开情况\n本年度收到政府信息公开申请3件。\n“同意公开”的2件，主要涉及规划信息。\n“不予公开”的1件，因涉及国家秘密。",
     {"received_new": 3, "granted": 2, "withheld_state_secret": 1}),
]

CARRIED = [
    ("全年共受理申请12件（含上年结转2件），均已办结。", {"carried_over": 2}),
    ("本年度受理政府信息公开申请9件，其中上年度结转1件。", {"carried_over": 1}),
    ("本年度新收申请15件，另有上年度结转申请2件。", {"received_new": 15, "carried_over": 2}),
    ("上年度未办结的申请1件已于今年办结。", {"carried_over": 1}),
    ("本年受理申请20件，上年结转5件，共办结23件，2件转入下年度办理。",
     {"received_new": 20, "carried_over": 5, "handled_total": 23, "carried_forward": 2}),
    ("全年收到申请6件，加上上一年度转入的1件，均已答复。", {"received_new": 6, "carried_over": 1}),
]

PROCEEDINGS = [
    ("因政府信息公开被申请行政复议2件，复议机关均维持了原答复。",
     {"administrative_review.total": 2, "administrative_review.upheld": 2}),
    ("本年度发生政府信息公开行政诉讼3件，其中经复议后起诉1件，直接起诉2件。",
     {"litigation_after_review.total": 1, "litigation_direct.total": 2}),
    ("本年度未发生因政府信息公开引起的行政复议，发生行政诉讼1件。",
     {**R0, "litigation_unspecified.total": 1}),
    ("全年没有发生政府信息公开方面的行政复议案件。", R0),
    ("因政府信息公开被提起行政诉讼的案件为零。", L0),
    ("政府信息公开行政复议、行政诉讼均为0件。", {**R0, **L0}),
    ("收到政府信息公开申请0条。政府信息公开行政复议、行政诉讼0条。", {"received_new": 0, **R0, **L0}),
    ("涉及信息公开的行政诉讼2件，法院判决驳回原告诉讼请求1件，尚在审理中1件。",
     {"litigation_unspecified.total": 2, "litigation_unspecified.upheld": 1, "litigation_unspecified.pending": 1}),
    ("四、因政府信息公开申请行政复议、提起行政诉讼情况\n行政复议2件，其中维持1件，撤销1件。",
     {"administrative_review.total": 2, "administrative_review.upheld": 1, "administrative_review.corrected": 1}),
    ("未发生因政府信息公开申请提起行政复议的情况。", R0),
    ("本年度收到政府信息公开申请4件，均予以公开。\n因政府信息公开引起的行政复议1件。",
     {"received_new": 4, "granted": 4, "administrative_review.total": 1}),
    # the clause after the count says what all of them were: that part, nothing derived
    ("因政府信息公开申请行政复议0件；因政府信息公开提起行政诉讼1件，为未经复议直接起诉。",
     {**R0, "litigation_direct.total": 1}),
]

ABSENCE = [
    ("三、依申请公开政府信息情况\n无。\n四、因政府信息公开申请行政复议、提起行政诉讼情况\n无。",
     {"received_new": 0, **R0, **L0}),
    ("二、政府信息公开收费情况\n无。", {}),
    ("2013年本单位未受理任何政府信息公开申请。", {"received_new": 0}),
    ("今年无依申请公开事项。", {"received_new": 0}),
    ("2011年，本局未收到申请公开政府信息的请求，也未发生行政复议和行政诉讼。", {"received_new": 0, **R0, **L0}),
    ("本年度依申请公开政府信息数量为零。", {"received_new": 0}),
    ("本年度无因政府信息公开提起的行政诉讼。", L0),
    ("2016年，本局没有因政府信息公开申请而被申请行政复议或提起行政诉讼的情况。", {**R0, **L0}),
    ("本年度未发生政府信息公开行政复议，但行政诉讼有所增加。", R0),
]

TRAPS = [
    "年内更新“主动公开目录”专栏信息315条。",
    "本年度收到的申请中，涉及行政复议决定书公开1件。",
    "四、行政复议和行政诉讼情况\n本年度我局被申请行政复议1件，被提起行政诉讼1件，均不涉及政府信息公开。",
    "自《条例》施行以来，我局共受理政府信息公开申请87件。",
    "依申请公开信息5条，不予公开信息2条。",
    "全年接听咨询电话156个。",
    "现场接待查阅群众310人次，其中申请公开的23人次。",
    "本年度共受理群众投诉举报8件，均已办结。",
    "受理涉及政府信息公开的投诉4件，依申请公开的诉求全部得到答复。",
    "全年受理行政许可申请2316件。",
    "公开率达到100%，答复率为100%。",
    "根据鲁政办发〔2010〕15号文件要求，2010年12月31日前完成。",
    "本局从事政府信息公开工作的专职人员2名，兼职人员5名。",
    "共召开新闻发布会4次，发布新闻稿件30篇。",
    "网站访问量达12万人次，点击量3000余次。",
    "政府信息公开申请件数较上年增加5件。",
    "我局作为被告的行政诉讼案件共5件，均为土地征收纠纷。",
    "通过12345热线受理市民政府信息公开方面的来电36个。",
    "受理依申请公开信息12条，涉及规划、财政等方面。",
    "全年受理人大代表建议和政协提案15件，申请公开的意见均已吸纳。",
]


@pytest.mark.parametrize("text,expected", RECEIVED + OUTCOMES + CARRIED + PROCEEDINGS + ABSENCE)
def test_sentence_facts(text, expected):
    assert short(text) == expected
    assert "prose_inconsistent" not in issue_kinds(text)


@pytest.mark.parametrize("text", TRAPS)
def test_trap_gives_nothing(text):
    assert short(text) == {}


def test_mirror_copy_with_pinyin_glosses():
    text = "本年度共收到政府信息公開申請(qǐng)５件，其中同意公開３件，不予公開(kāi)２件。"
    assert short(text) == {"received_new": 5, "granted": 3, "withheld_unspecified": 2}
    (f,) = [f for f in read_prose(doc(text)).facts if f.row == "received_new"]
    assert f.raw == "本年度共收到政府信息公開申請(qǐng)５件"


def test_items_right_before_the_request_sentence():
    text = "2010年，我局主动公开信息120条，不予公开信息12条。本年度收到政府信息公开申请3件。"
    assert short(text) == {"ad.proactive_items": 120, "received_new": 3}


def test_fee_beside_requests():
    text = "全年受理申请2件，均予以公开，依申请公开收取检索、复制费用共计120元。"
    assert short(text) == {"received_new": 2, "granted": 2, "ad.request_fees": 120}


# --- sets that do not add up are reported, not loaded ------------------------------------------
@pytest.mark.parametrize("text", [
    "已答复8件：同意公开5件，部分公开2件。",
    "本年受理申请20件，上年结转5件，共办结22件，2件转入下年度办理。",
    "共收到申请6件，其中同意公开3件，不予公开1件。",
    "本年度发生政府信息公开行政诉讼3件，其中经复议后起诉1件，直接起诉1件。",
])
def test_inconsistent_set_is_reported(text):
    assert {k: v for k, v in short(text).items() if not k.startswith(("ad.", "administrative"))} == {}
    assert "prose_inconsistent" in issue_kinds(text)


def test_inconsistency_across_sentences_of_one_passage():
    text = "全年共收到政府信息公开申请6件。\n其中同意公开3件，部分公开1件，不予公开1件。"
    assert {k: v for k, v in short(text).items()} == {}
    assert "prose_inconsistent" in issue_kinds(text)


def test_reason_given_in_a_later_sentence_replaces_the_group_count():
    text = "共收到申请5件，其中同意公开3件，不予公开2件。\n不予公开的2件均属于商业秘密。"
    assert short(text) == {"received_new": 5, "granted": 3, "withheld_third_party": 2}


def test_partial_reasons_leave_the_group_count():
    text = "共收到申请6件，其中同意公开3件，不予公开3件。\n其中因属于国家秘密不予公开1件。"
    assert short(text) == {"received_new": 6, "granted": 3, "withheld_unspecified": 3}


def test_breakdown_in_the_next_sentence_is_not_a_second_total():
    text = "全年共受理政府信息公开申请11件。\n其中公民提出申请9件，法人或其他组织提出申请2件。"
    assert short(text) == {"received_new": 11}
    assert issue_kinds(text) == []


def test_enumeration_in_the_next_sentence_joins_the_set():
    text = "全年共收到政府信息公开申请6件。\n其中同意公开4件，部分公开1件，不予公开1件。"
    assert short(text) == {"received_new": 6, "granted": 4, "partially_granted": 1, "withheld_unspecified": 1}


# --- the province's statistics table, flattened into text ---------------------------------------
TABLE_TABS = "\n".join([
    "附表：政府信息公开情况统计表",
    "指标名称\t单位\t数量",
    "主动公开信息数\t条\t86",
    "申请总数\t件\t6",
    "其中：当面申请数\t件\t2",
    "网上申请数\t件\t4",
    "同意公开答复数\t件\t4",
    "同意部分公开答复数\t件\t1",
    "不同意公开答复数\t件\t1",
    "行政复议数\t件\t0",
    "行政诉讼数\t件\t0",
])


def test_statistics_table_with_tabs():
    assert short(TABLE_TABS) == {
        "ad.proactive_items": 86, "received_new": 6, "granted": 4, "partially_granted": 1,
        "withheld_unspecified": 1, **R0, **L0,
    }


def test_statistics_table_one_cell_per_line():
    text = "\n".join(["指标名称", "单位", "数量", "申请总数", "条", "3", "其中：当面申请数", "条", "1",
                     "网上申请数", "条", "2", "同意公开答复数", "条", "3", "行政复议数", "件", "0"])
    assert short(text) == {"received_new": 3, "granted": 3, **R0}


def test_statistics_table_year_then_cumulative():
    text = "\n".join(["指标名称 单位 本年度 历年累计", "申请总数 件 5 31", "同意公开答复数 件 5 28",
                     "行政诉讼数 件 1 3"])
    assert short(text) == {"received_new": 5, "granted": 5, "litigation_unspecified.total": 1}


def test_statistics_table_with_code_column():
    text = "\n".join(["指标名称 | 计量单位 | 代码 | 本年累计", "申请总数 | 条 | 10 | 7", "对申请的答复总数 | 条 | 17 | 7",
                     "同意公开答复数 | 条 | 18 | 6", "同意部分公开答复数 | 条 | 19 | 1"])
    assert short(text) == {"received_new": 7, "handled_total": 7, "granted": 6, "partially_granted": 1}


def test_statistics_table_blank_value_is_not_zero():
    text = "\n".join(["指标名称\t单位\t数量", "申请总数\t件\t2", "行政复议数\t件\t", "行政诉讼数\t件\t-"])
    assert short(text) == {"received_new": 2}


def test_table_and_prose_agree():
    text = "本年度共收到政府信息公开申请6件。\n\n" + TABLE_TABS
    assert short(text)["received_new"] == 6
    assert "prose_table_mismatch" not in issue_kinds(text)


def test_table_wins_and_disagreement_is_reported():
    text = "本年度共收到政府信息公开申请5件，均予以公开。\n\n" + TABLE_TABS
    got = short(text)
    assert got["received_new"] == 6
    assert got["granted"] == 4
    assert "prose_table_mismatch" in issue_kinds(text)


def _markdown_cells(rows: list[list[str]]) -> str:
    """A form as a converter flattens it: one cell a line, each after a '| '."""
    return "\n".join(("| " if i else "") + c for r in rows for i, c in enumerate(r))


FORM_HEADER = [["指 标 名 称", "计量", "代码", "本期实际", "本年累计"], ["甲", "乙", "丙", "1", "2"]]


def test_statistics_form_with_codes_and_blank_values_gives_nothing():
    text = _markdown_cells(FORM_HEADER + [["申请总数", "条", "10", "", ""], ["同意公开答复数", "条", "18", "", ""]])
    assert short(text) == {}


def test_statistics_form_with_codes_and_values():
    text = _markdown_cells(FORM_HEADER + [["申请总数", "条", "10", "9", "9"], ["同意公开答复数", "条", "18", "7", "7"],
                                          ["行政诉讼数", "件", "33", "1", "1"]])
    assert short(text) == {"received_new": 9, "granted": 7, "litigation_unspecified.total": 1}


def test_statistics_row_that_cannot_be_told_is_reported():
    text = "\n".join(["申请总数 件 4 19", "同意公开答复数 件 4 15"])
    assert short(text) == {}
    assert "unplaced_number" in issue_kinds(text)


# --- follow-up: families a reviewer's legacy reports showed missing (own words and numbers) -------
FOLLOW_UP = [
    # the applicants listed with 、 between the verb and 申请 do not break the received count
    ("2013年共接到公民、法人和其他组织的政府信息公开申请6条，均已答复，其中同意公开5条，"
     "不属于本机关公开职责范围1条。", {"received_new": 6, "granted": 5, "unavailable_not_held": 1}),
    ("本年度共收到个人、企业提出的政府信息公开申请7件，其中同意公开6件，非本机关职责范围1件。",
     {"received_new": 7, "granted": 6, "unavailable_not_held": 1}),
    # information items right before stay items (条 without 申请), the requests after them count
    ("二、主动公开情况\n全年在网站发布信息214条。不予公开信息9条。\n三、依申请公开情况\n"
     "全年共受理公民、法人或其他组织政府信息公开申请3条，其中同意公开2条，不属于本机关公开职责范围1条。",
     {"received_new": 3, "granted": 2, "unavailable_not_held": 1}),
    # a lawsuit count, then a clause saying which route all of them took
    ("三、复议诉讼情况\n本年度本局未发生因政府信息公开引起的行政复议案件；被提起行政诉讼案件2起，均为经复议后起诉。",
     {**R0, "litigation_after_review.total": 2}),
    ("本年度因政府信息公开申请被提起行政诉讼1件，系申请人未经复议直接起诉。", {"litigation_direct.total": 1}),
    ("本年度因政府信息公开申请被提起行政诉讼2起，均系经行政复议后提起。", {"litigation_after_review.total": 2}),
    # a heading that carries its own answer on the same line
    ("四、因政府信息公开申请提起行政复议、行政诉讼的情况：无。", {**R0, **L0}),
    ("四、因政府信息公开申请提起行政复议情况：没有。\n五、因政府信息公开申请提起行政诉讼情况：无。", {**R0, **L0}),
    ("三、依申请公开政府信息情况：无。", {"received_new": 0}),
    # --- shapes read in real 2009–2015 reports' openings (words and numbers our own) ---
    # a summary line of items, then the requests in 条
    ("全年我办主动公开信息418条，依申请公开信息9条，不予公开信息14条。本年度，我办收到政府信息公开申请3条。",
     {"ad.proactive_items": 418, "received_new": 3}),
    # 件 glued to the noun of an absence sentence
    ("三、收到和处理政府信息公开申请情况\n本年度，本委未收到申请公开政府信息件。", {"received_new": 0}),
    # complaints named beside lawsuits: lawsuits are zero, reviews are not mentioned
    ("四、政府信息公开行政复议\n本年度本所未收到政府信息公开投诉及因政府信息公开提起行政诉讼的情况。", L0),
    # 产生 as the verb of occurrence
    ("六、行政复议和行政诉讼情况\n本年度未产生针对本局政府信息公开的行政复议与行政诉讼。", {**R0, **L0}),
    # 依申请公开政府信息N件 after 受理 counts requests; outcomes in 、 with a long predicate
    ("本年度共受理公民、法人或者其他组织依申请公开政府信息7件，已答复7件，其中同意公开5件、"
     "属于非本机关政府信息的告知申请人向有关机关申请2件。",
     {"received_new": 7, "handled_total": 7, "granted": 5, "unavailable_not_held": 2}),
    # outcomes in the next sentence, a reason inside the withheld clause
    ("二、依申请公开情况\n2011年我中心收到申请11件，所有申请均在规定期限内办结。同意公开9件，部分公开1件，"
     "因涉及个人隐私不予公开1件。",
     {"received_new": 11, "granted": 9, "partially_granted": 1, "withheld_third_party": 1}),
    # 复议案件 is a review case (not a 议案), one case and its result
    ("本年度发生因政府信息公开申请引起的行政复议案件1起，复议结果为维持。",
     {"administrative_review.total": 1, "administrative_review.upheld": 1}),
    # a bare 无此类情况 under the heading
    ("五、行政复议和行政诉讼情况\n本年度无此类情况。", {**R0, **L0}),
    # a breakdown by speed is not the answered total
    ("本年度共收到政府信息公开申请9件，其中当场答复6件，延期答复3件。", {"received_new": 9}),
    # a request still waiting for its answer goes on to next year
    ("本年度受理申请8件，已答复7件，待答复1件。", {"received_new": 8, "handled_total": 7, "carried_forward": 1}),
    # applicants as 个人、企业 and the unit 宗, then 均予以公开
    ("本年度，本局共接到个人、企业提出的政府信息公开申请6宗，均予以公开。", {"received_new": 6, "granted": 6}),
]


@pytest.mark.parametrize("text,expected", FOLLOW_UP)
def test_follow_up_facts(text, expected):
    assert short(text) == expected
    assert issue_kinds(text) == []


def test_two_results_need_all_of_them_said():
    # two cases and 结果为维持 without 均: which of them is not certain, so only the total
    assert short("本年度发生政府信息公开行政复议案件2件，复议结果为维持。") == {"administrative_review.total": 2}


def test_numbered_province_form_rows_with_quantity_labels():
    text = "\n".join([
        "附表：政府信息公开情况统计表", "指标名称 单位 数量",
        "一、主动公开情况", "（一）主动公开政府信息数 条 88",
        "二、依申请公开情况", "（一）收到申请数 件 5", "1.网上申请数 件 4", "2.信函申请数 件 1",
        "（二）申请答复数 件 5", "1.同意公开答复数 件 3", "2.同意部分公开答复数 件 1", "3.不同意公开答复数 件 1",
        "三、行政复议数量 件 1", "四、行政诉讼数量 件 0", "五、申诉数量 件 2",
    ])
    assert short(text) == {"ad.proactive_items": 88, "received_new": 5, "handled_total": 5, "granted": 3,
                           "partially_granted": 1, "withheld_unspecified": 1,
                           "administrative_review.total": 1, **L0}


def test_a_request_count_without_a_role_is_reported_with_its_line():
    text = "三、依申请公开情况\n本年度涉及申请7件。"
    result = read_prose(doc(text))
    assert result.facts == []
    assert [(i.kind, i.line) for i in result.issues] == [("unplaced_number", 2)]


def test_a_received_count_whose_clause_does_not_say_requests_is_reported():
    # the request verb and the count are there, the noun is not: seen, not placed, reported
    text = "二、依申请公开情况\n本年度共受理13件。"
    result = read_prose(doc(text))
    assert result.facts == []
    assert [(i.kind, i.line) for i in result.issues] == [("unplaced_number", 2)]


# --- the orchestrator keeps prose doubts only for the tables the prose may fill ------------------
def _template_report_with(sentence: str):
    from pathlib import Path

    from pipeline.extract import extract
    from pipeline.parse import parse_document

    path = Path(__file__).parent / "fixtures" / "corpus" / "mudanjiang-jiguanshiwu_2018.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(9, sentence)  # into 一、主要工作及成效, before the printed tables
    return parse_document(extract(path.name, "\n".join(lines).encode("utf-8")))


def test_narrative_that_does_not_add_up_beside_a_printed_table_does_not_make_the_report_partial():
    # this report prints its requests table: the narrative's requests are never used
    report = _template_report_with("本年度共受理政府信息公开申请10件，其中同意公开3件，不予公开2件。")
    assert report.status == "loaded"
    assert not [i for i in report.issues if i.kind == "prose_inconsistent"]


def test_narrative_that_does_not_add_up_for_a_table_not_printed_is_still_reported():
    # no review/litigation table printed: the prose would fill it, so its doubt is the report's
    report = _template_report_with("本年度因政府信息公开被申请行政复议2件，其中维持1件，纠正3件。")
    assert report.status == "partial"
    assert [i.kind for i in report.issues if i.kind == "prose_inconsistent"] == ["prose_inconsistent"]


# --- the reasons under 否决公开答复总数 (older province forms) ------------------------------------
def _refused_form(exempt: str) -> str:
    return "\n".join([
        "指标名称\t计量单位\t2010年度", "申请总数\t条\t8", "本年度对申请的答复总数\t条\t8",
        "其中：1.同意公开答复数\t条\t4", "2.同意部分公开答复数\t条\t1", "3.否决公开答复总数\t条\t3",
        "其中：（1）“非《规定》所指政府信息”数\t条\t0", "（2）“信息不存在”数\t条\t1", "（3）“非本部门掌握”数\t条\t1",
        "（4）“申请内容不明确”数\t条\t1", f"（5）“免予公开范围1”数\t条\t{exempt}", "行政复议数\t件\t0", "行政诉讼数\t件\t0"])


def test_refused_reasons_with_a_plain_place_are_read_and_the_rest_explained():
    text = _refused_form("0")
    assert short(text) == {"received_new": 8, "handled_total": 8, "granted": 4, "partially_granted": 1,
                           "unavailable_not_held": 2, "unavailable_unclear": 1, **R0, **L0}
    assert issue_kinds(text) == []


def test_a_refused_reason_without_a_certain_place_is_reported():
    text = _refused_form("2")  # 3 refused, but 1+1+1 placed and 2 more under a numbered exemption
    assert short(text)["unavailable_not_held"] == 2
    issues = read_prose(doc(text)).issues
    # not explained: every row without a certain place is reported, zeros too
    assert sorted(i.line for i in issues if i.kind == "unplaced_number") == [6, 7, 11]
