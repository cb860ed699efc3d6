"""The warehouse's codes (docs/domain.md §2), in the order the national tables print them.

Every parser module and every SQL model speaks these codes; the Chinese labels live here and in
the column comments, never in the facts.
"""

# Table 三: rows (outcome codes) in table order, with the template label they stand for.
OUTCOMES: dict[str, str] = {
    "received_new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "（三）不予公开 1.属于国家秘密",
    "withheld_law_prohibited": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": "3.危及“三安全一稳定”",
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "withheld_admin_query": "8.属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "（五）不予处理 1.信访举报投诉类申请",
    "rejected_duplicate": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "（六）其他处理（2019 模板的单行）",
    "other_no_correction": "（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "（六）3.其他",
    "handled_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

# Codes only legacy prose needs: a group's count given without its reasons, never alongside the
# template's sub-rows.
LEGACY_OUTCOMES: dict[str, str] = {
    "withheld_unspecified": "（三）不予公开，未分理由（旧式报告的文字）",
    "unavailable_unspecified": "（四）无法提供，未分理由（旧式报告的文字）",
    "rejected_unspecified": "（五）不予处理，未分理由（旧式报告的文字）",
}

# Outcome rows whose sum is handled_total (the 2019 template uses other_handling, the 2021 one the
# three other_* sub-rows; a report gives one or the other).
HANDLING_OUTCOMES: tuple[str, ...] = tuple(
    c for c in OUTCOMES if c not in ("received_new", "carried_over", "handled_total", "carried_forward")
)

APPLICANTS: dict[str, str] = {
    "natural_person": "自然人",
    "enterprise": "法人或其他组织·商业企业",
    "research_institution": "法人或其他组织·科研机构",
    "nonprofit": "法人或其他组织·社会公益组织",
    "legal_service": "法人或其他组织·法律服务机构",
    "other_org": "法人或其他组织·其他",
    "total": "总计",
}

# Table 四.
PROCEEDINGS: dict[str, str] = {
    "administrative_review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
LEGACY_PROCEEDINGS: dict[str, str] = {
    "litigation_unspecified": "行政诉讼，未分是否经复议（旧式报告的文字）",
}
RESULTS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# Table 二: items and measures of both templates.
DISCLOSURE_ITEMS: dict[str, str] = {
    "rules": "规章",
    "normative_documents": "（行政）规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
DISCLOSURE_MEASURES: dict[str, str] = {
    # 2019 template, 第二十条第（一）项
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    # 2021 template, 第二十条第（一）项
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    # 2019 template, （五）（六）（八）
    "previous_year_count": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "处理决定数量 / 本年处理决定数量",
    # 2021 template, （八）
    "fee_amount": "本年收费金额",
    # 2019 template, （九）
    "procurement_projects": "采购项目数量",
    "procurement_amount": "采购总金额",
}

LEGACY_DISCLOSURE_ITEMS: dict[str, str] = {
    "proactive_items": "主动公开政府信息（条数，旧式报告的文字）",
    "request_fees": "依申请公开收取的费用（信息处理费），不是表二的行政事业性收费",
}
LEGACY_DISCLOSURE_MEASURES: dict[str, str] = {"count": "数量"}

TEMPLATES = ("legacy", "2019", "2021")

# The three fact tables and every (row, column) code their cells may use, template and legacy.
TABLE_CODES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "requests": ({**OUTCOMES, **LEGACY_OUTCOMES}, APPLICANTS),
    "review_litigation": ({**PROCEEDINGS, **LEGACY_PROCEEDINGS}, RESULTS),
    "active_disclosure": (
        {**DISCLOSURE_ITEMS, **LEGACY_DISCLOSURE_ITEMS},
        {**DISCLOSURE_MEASURES, **LEGACY_DISCLOSURE_MEASURES},
    ),
}
