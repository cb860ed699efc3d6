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
