"""Prose figures: real-style sentences → exact facts, or their absence."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import Document, Line
from pipeline.codes import LEGACY_PROCEEDINGS
from pipeline.parse.prose import read_prose

FIXTURES = Path(__file__).parent / "fixtures"


def doc(text: str, fmt: str = "text") -> Document:
    return Document("t.txt", fmt, [Line(i, t) for i, t in enumerate(text.split("\n"), 1)])


def facts(text: str) -> dict[tuple[str, str, str], float]:
    return {(f.table, f.row, f.col): f.value for f in read_prose(doc(text)).facts}


def requests(text: str) -> dict[str, float]:
    return {r: v for (t, r, c), v in facts(text).items() if t == "requests"}


def proceedings(text: str) -> dict[tuple[str, str], float]:
    return {(r, c): v for (t, r, c), v in facts(text).items() if t == "review_litigation"}


def kinds(text: str) -> list[str]:
    return [i.kind for i in read_prose(doc(text)).issues if i.kind != "region_unresolved"]


ZERO_PROCEEDINGS = {
    ("administrative_review", "total"): 0,
    ("litigation_direct", "total"): 0,
    ("litigation_after_review", "total"): 0,
}


# --- requests -------------------------------------------------------------------------------
def test_received_glued_to_text_with_validity_split_not_outcomes():
    got = requests("全年共收到政府信息公开申请3件,其中有效申请2件,无效申请1件;申请方式为通过互联网提交。")
    assert got == {"received_new": 3}


def test_spaces_around_digits_pdf_style():
    assert requests("2023 年全区受理政府信息公开申请 21 件，\n均在法定期限答复。") == {"received_new": 21}


def test_full_width_digits_and_punctuation():
    assert requests("本年度共收到政府信息公开申请１２件，已全部办结。") == {"received_new": 12}


def test_outcomes_that_add_up():
    got = requests("全年共受理政府信息公开申请10件，其中同意公开7件、同意部分公开1件、不予公开2件。")
    assert got["received_new"] == 10
    assert got["granted"] == 7
    assert got["partially_granted"] == 1
    assert got["withheld_unspecified"] == 2  # no reason given: not misfiled under a withheld_* reason


def test_outcomes_that_do_not_add_up_are_reported_not_loaded():
    text = "今年共收到申请3件，同意公开1件，不予公开1件。"
    assert requests(text) == {}
    assert kinds(text) == ["prose_inconsistent"]


def test_answered_carried_over_and_forward():
    got = requests(
        "2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。"
    )
    assert got == {"received_new": 3119, "handled_total": 3050, "carried_over": 34, "carried_forward": 103}


def test_zero_withheld_fills_every_reason():
    got = requests("共收到申请2件，均予以公开，不予公开0件。")
    assert got["received_new"] == 2
    assert all(got[c] == 0 for c in got if c.startswith("withheld_"))
    assert len([c for c in got if c.startswith("withheld_")]) == 8


def test_not_held_and_duplicate():
    got = requests("收到政府信息公开申请5件，同意公开3件，信息不存在的1件，重复申请1件。")
    assert got == {"received_new": 5, "granted": 3, "unavailable_not_held": 1, "rejected_duplicate": 1}


def test_traditional_script():
    got = requests("本年度共收到政府信息公開申請５件，其中同意公開３件，同意部分公開１件，不予公開１件。")
    assert got == {"received_new": 5, "granted": 3, "partially_granted": 1, "withheld_unspecified": 1}


def test_chinese_numerals():
    assert requests("全年共收到政府信息公开申请三件，均已按时答复。") == {"received_new": 3}


# --- absence ----------------------------------------------------------------------------------
def test_absence_no_requests():
    assert requests("本年度没有收到政府信息公开申请。") == {"received_new": 0}


def test_absence_no_citizen_asked():
    text = "2018年度，没有公民、法人和其他组织依据《政府信息公开条例》，要求我局公开应当主动公开的政府信息以外的其他政府信息。"
    assert requests(text) == {"received_new": 0}


def test_absence_no_proceedings():
    assert proceedings("全年没有因信息公开产生的行政复议以及提起行政诉讼情况。") == ZERO_PROCEEDINGS


def test_absence_not_involved_covers_requests_and_proceedings():
    text = "本年度内事务管理局政务信息公开不涉及依申请公开、不予公开及咨询政府信息情况;申请行政复议、提起行政诉讼和申诉的情况。"
    assert requests(text) == {"received_new": 0}
    assert proceedings(text) == ZERO_PROCEEDINGS


def test_absence_only_review_named():
    assert proceedings("本年度未发生因政府信息公开引起的行政复议。") == {("administrative_review", "total"): 0}


def test_fee_refusal_is_not_an_absence_of_requests():
    got = facts("全年未针对依申请公开信息工作收取公众费用。")
    assert got == {("active_disclosure", "request_fees", "fee_amount"): 0}


# --- review and litigation -------------------------------------------------------------------
def test_zero_counts_of_review_and_litigation():
    assert proceedings("因政府信息公开申请行政复议0件、行政诉讼0件。") == ZERO_PROCEEDINGS


def test_nonzero_litigation_without_split_gets_its_own_code():
    got = proceedings("政府信息公开行政复议 3 件，政府信息公开行政诉讼 2 件。")
    assert got == {("administrative_review", "total"): 3, ("litigation_unspecified", "total"): 2}
    assert "litigation_unspecified" in LEGACY_PROCEEDINGS


def test_review_results_and_their_sum():
    got = proceedings("政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件。")
    assert got == {
        ("administrative_review", "total"): 351,
        ("administrative_review", "upheld"): 72,
        ("administrative_review", "corrected"): 64,
        ("administrative_review", "other"): 178,
        ("administrative_review", "pending"): 37,
    }


def test_lawsuits_unrelated_to_disclosure_are_ignored():
    assert proceedings("全年办理行政复议案件12件，应诉行政诉讼案件5件。") == {}


# --- traps -----------------------------------------------------------------------------------
def test_information_items_are_not_requests():
    text = "依申请公开方面，不予公开信息46条，局网站全年共更新信息823条。"
    assert requests(text) == {}


def test_service_hall_business_and_visitors_are_not_requests():
    assert facts("省机关事务局服务大厅全年共受理业务5448件，接待人员11967人次，进一步发挥了便民提效的作用。") == {}


def test_hotline_complaints_are_not_requests():
    text = "我局2008年度收到市长电子信箱、便民“12345”公开电话情况反映13件,按时办结13件;"
    assert requests(text) == {}


def test_cppcc_proposal_and_percentages_are_not_requests():
    assert facts("2018年我局承办的政协委员提案有一件，办结率和满意率均为100%。") == {}


def test_document_numbers_dates_phones_postcodes():
    text = (
        "按照泰政办函[2011]3号和鲁政办发〔2017〕39号的要求，自2010年1月1日起至2011年1月1日止，"
        "邮编:250011,电话:0531-86921770。"
    )
    assert facts(text) == {}


def test_approximate_counts_are_not_loaded():
    assert facts("印发《招商指南》和《项目册》2500余册，受理政府信息公开申请约30余件。") == {}


# --- other figures ---------------------------------------------------------------------------
def test_proactive_items_and_fees():
    got = facts("2018年，共主动公开政府信息12条。全年收取政府信息公开信息处理费 3940 元。")
    assert got[("active_disclosure", "proactive_items", "count")] == 12
    assert got[("active_disclosure", "request_fees", "fee_amount")] == 3940


def test_conflicting_sentences_are_reported():
    text = "全年共收到政府信息公开申请3件。\n\n本年度受理政府信息公开申请5件。"
    assert requests(text) == {}
    assert "prose_inconsistent" in kinds(text)


def test_provenance():
    text = "一、概述\n\n全年共收到政府信息公开申请3件,其中有效申请2件。"
    (f,) = [f for f in read_prose(doc(text)).facts if f.table == "requests"]
    assert (f.row, f.col, f.value, f.method, f.line) == ("received_new", "total", 3, "prose", 3)
    assert f.raw == "全年共收到政府信息公开申请3件"
    assert f.note == "全年共收到政府信息公开申请3件,其中有效申请2件。"


def test_table_rows_are_not_prose():
    text = "（二）部分公开\t0\t0\t0\t0\t0\t0\t0\n行政复议 行政诉讼 未经复议直接起诉 复议后起诉\n结果 结果 其他 尚未总"
    assert facts(text) == {}


def test_fixture_traditional_legacy_report():
    text = (FIXTURES / "prose" / "legacy_traditional.txt").read_text("utf-8")
    got = facts(text)
    assert got[("requests", "received_new", "total")] == 5
    assert got[("requests", "granted", "total")] == 3
    assert got[("requests", "partially_granted", "total")] == 1
    assert got[("requests", "withheld_unspecified", "total")] == 1
    assert got[("active_disclosure", "request_fees", "fee_amount")] == 0
    assert {(r, c): v for (t, r, c), v in got.items() if t == "review_litigation"} == ZERO_PROCEEDINGS


@pytest.mark.parametrize(
    "name,received,zero_proceedings",
    [
        ("shandong-jiguanshiwu_2017.txt", 3, True),
        ("mudanjiang-jinghe_2018.txt", 0, True),
        ("taian-jiguanshiwu_2010.txt", 0, True),
    ],
)
def test_legacy_corpus(name, received, zero_proceedings):
    text = (FIXTURES / "corpus" / name).read_text("utf-8")
    got = facts(text)
    assert {r: v for (t, r, c), v in got.items() if t == "requests"} == {"received_new": received}
    assert {(r, c): v for (t, r, c), v in got.items() if t == "review_litigation"} == ZERO_PROCEEDINGS


def test_template_report_does_not_fail():
    text = (FIXTURES / "corpus" / "mudanjiang-jiguanshiwu_2018.txt").read_text("utf-8")
    result = read_prose(doc(text))
    assert not [i for i in result.issues if i.kind == "prose_inconsistent"]


def test_absence_with_applicants_named_in_between():
    got = requests("2010年我局未收到公民、法人或其他组织提出的政府信息公开申请。")
    assert got == {"received_new": 0}
    # another kind of application is not a request for information
    assert "received_new" not in requests("本年度未收到针对本机关政府信息公开工作的行政复议申请，依申请公开工作平稳。")
