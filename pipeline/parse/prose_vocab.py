"""Legacy prose: the words that give a count its role (one source for every prose module).

A count is a number directly followed by a unit. Its role comes from the clause's own predicate
(the rule whose keyword ends nearest before the number, else right after it), from the noun it
counts (申请 yes; 信息 items, 投诉, 电话 no), and from the enumeration it belongs to (a breakdown
by channel or applicant after a total is not a second total).
"""
from __future__ import annotations

import io
import re
from functools import cache, lru_cache

from pipeline.codes import OUTCOMES

CN_NUM = "零〇一二两三四五六七八九十百"
# 次 counts cases only (被申请行政复议1次), never requests. 条 is a unit of requests only when the counted noun is 申请 (收到申请5条); otherwise it counts
# information items (不予公开信息12条). Never 人次, 册, %, 年/月/日, 号, or an approximation (余, 多).
COUNT = re.compile(
    rf"(?<![\d.〔〕\[\]第])(\d+|[{CN_NUM}]+)(?![\d.])(余|多)?(件|宗|个|起|例|份|条|次)(?!次)(左右)?"
)
MONEY = re.compile(r"(\d+(?:\.\d+)?)(万元|元)")
ITEMS = re.compile(rf"(?<![\d.〔〕\[\]第])(\d+|[{CN_NUM}]+)(?![\d.])(余|多)?(条|项|件)")
# a clause ends at these; brackets open a breakdown of what came before
# (a colon right before a number joins its label: 受理申请数：12件；同意公开：9件)
CLAUSE = re.compile(r"[，、；（）《》]|：(?!\s*\d)")
VETO = re.compile(r"业务|提案|建议|(?<!复)议案|信箱|热线|12345|电话|来信|来访|来电|咨询|接待|人次|投诉|举报|信访|稿件|"
                  r"文件|会议|培训|检查|审批|许可|权力事项|案卷|期|册|批次|比上年|较上年|同比|增加|减少|增长|下降|"
                  r"上升|持平|纠纷")

# (code, regex) in priority order: earlier rules win a tie on position
REQUEST_RULES: list[tuple[str, re.Pattern]] = [
    ("carried_forward", re.compile(r"结转(到|至|入)?下一?年|结转(到|至|入)\d{4}年|转入下一?年|顺延(到|至)?下一?年|下一?年度?继续办理|正在办理|尚在办理|尚未办结|办理中|正在处理|尚在处理|处理中|待答复|尚未答复")),
    # 2014年结转1件 in a 2015 report: a year then 结转 is where they came from (结转至2016年 is forward)
    ("carried_over", re.compile(r"上一?年度?(结转|转入|遗留|未办结)|往年结转|去年结转|(?<![至到入])\d{4}年度?(结转|转入|遗留)")),
    ("partially_granted", re.compile(r"部分公开|部分同意公开|同意部分公开|部分予以公开|部分提供")),
    ("withheld_unspecified", re.compile(r"不予以?公开|不同意公开|不公开")),
    # 告知申请人向其他机关申请: the 2008 regulation's answer when another agency holds it (art. 21(3))
    ("unavailable_not_held", re.compile(r"信息不存在|不存在|不属于本?(行政)?机关|非本(行政)?机关|非本部门|不属于本部门|不掌握"
                                        r"|(不属于|非|不在)(我|本)(局|委|办|厅|院|署|单位|部门|机关)(的)?(职责|职能|管辖|公开)"
                                        r"|告知(申请人)?向(其他|有关|相关|其它)[^，。；]{0,4}(机关|部门|单位)")),
    ("unavailable_unclear", re.compile(r"(申请)?内容不明确|申请不明确")),
    ("unavailable_unspecified", re.compile(r"无法提供")),
    ("rejected_duplicate", re.compile(r"重复申请")),
    ("rejected_unspecified", re.compile(r"不予处理|不予受理")),
    # 公开 alone at the end of the label is the outcome (已全部公开3件), but 依申请公开 is the kind
    # 属于已主动公开范围的12件: told where the published information is (the 2019 template counts it
    # as 予以公开; the set's arithmetic still has to hold)
    ("other_handling", re.compile(r"^(其中)?(其他|其它)(情况|情形|处理)?$|撤回")),
    ("granted", re.compile(r"(?<!不予)(?<!免予)(?<!不)属于(依申请)?公开范围|^(其中)?(已)?(向申请人)?提供(了)?(相关)?(政府)?信息$|已主动公开|属于主动公开|同意公开|予以公开|全部公开|已公开|提供公开|(?<!申请)(?<!信息)公开了?(?=$)")),
    # (同意公开答复数: an answer granting it, the outcome's row, not the answered total)
    ("handled_total", re.compile(r"办结|(?<!公开)答复|办理完毕|处理完毕|已办理|已处理|^(本年度?|全年|今年)?(共|共计)办理")),
    ("received_new", re.compile(r"收到|受理|接到|接收|接受|新收|共收|登记|提出|^申请总数")),
]
# A withheld count stated with exactly one reason is that reason's row (the 2019 template's
# grounds; legacy 商业秘密/个人隐私 are the third party's rights).
WITHHELD_REASONS: list[tuple[str, re.Pattern]] = [
    ("withheld_state_secret", re.compile(r"国家秘密|涉密|保密")),
    ("withheld_law_prohibited", re.compile(r"法律(、|和)?(行政)?法规(禁止|规定不予)")),
    ("withheld_security_stability", re.compile(r"(国家|公共|经济)安全|社会稳定")),
    ("withheld_third_party", re.compile(r"商业秘密|个人隐私|第三方")),
    ("withheld_internal_affairs", re.compile(r"内部(事务|管理|信息|公文)")),
    ("withheld_process_info", re.compile(r"过程性|(正在|尚在)(研究|讨论|审议)")),
    ("withheld_enforcement_file", re.compile(r"执法案卷|行政执法")),
    ("withheld_admin_query", re.compile(r"行政查询")),
]
assert all(code in OUTCOMES for code, _ in WITHHELD_REASONS)

PROCEEDING_RULES: list[tuple[str, re.Pattern]] = [
    ("litigation_after_review", re.compile(r"复议后(又)?(提起)?(行政)?(诉讼|起诉)")),
    ("litigation_direct", re.compile(r"(未经复议|直接)(提起)?(行政)?(诉讼|起诉)")),
    ("administrative_review", re.compile(r"行政复议|复议")),
    ("litigation_unspecified", re.compile(r"行政诉讼|诉讼|起诉")),
]
RESULT_RULES: list[tuple[str, re.Pattern]] = [
    ("upheld", re.compile(r"维持|驳回")),
    ("corrected", re.compile(r"纠正|撤销|变更|确认违法|责令(重新)?(答复|履行|公开)|重新答复")),
    ("pending", re.compile(r"尚未审结|未审结|审理中|未结|(尚|正)在审理|尚未(判决|结案|作出)")),
    # 其他1件 in an enumeration of results (维持2件，其他1件) is the template's 其他结果
    ("other", re.compile(r"其他结果|^(其他|其它)(情形|情况)?$")),
]
# between a proceeding and its count only these may stand (行政复议案件共3件, 行政诉讼均为0件);
# 行政复议决定书公开1件 counts something else
PROCEEDING_GAP = re.compile(r"^(：|申请|案件|案|的|共计|共|总计|合计|计|为|均为|均|有|数量|总数|件数|数|各|达|情况)*$")
# the part of all the agency's cases that is about disclosure (其中涉及政府信息公开的2件)
DISCLOSURE_SUBSET = re.compile(r"其中[^，。；]{0,8}(政府)?信息公开")
# labels then 分别 then as many counts (同意公开、部分公开的分别为5件、2件)
RESPECTIVELY = re.compile(r"(?P<labels>[^，。；：（）]*?)分别(为|是|有|达)?(?P<counts>(\d+(件|宗|个|起|例|份|条|次)[、，和及与]?){2,})")
# a count whose proceeding follows it and ends the clause (有1起行政复议)
PROCEEDING_AFTER = re.compile(r"^(的)?(行政复议|复议|行政诉讼|诉讼)(案件|案)?$")
# requests answered by providing the information (其中提供政府信息7件): the 信息 is what they got
PROVIDED = re.compile(r"提供(了)?(相关)?(政府)?信息$")
# the sum of the counts before (共计26件)
SUM_LABEL = re.compile(r"^(共计|合计|总计|共|总共|两项合计|合计为|共计为)$")
# words that put a sentence about information disclosure (政务公开 alone does not)
DISCLOSURE_CTX = re.compile(r"信息公开|公开信息|依申请|公开申请|申请公开|(不予|同意|部分|予以)公开|公开(的)?答复|公开类|公开事务|公开工作中")
# requests named bare, right after the verb or a filler (共受理申请8件, 收到2条申请), not as
# applications of another kind (城乡低保申请, 各类申请)
BARE_REQUEST = re.compile(r"(收到|受理|接到|接收|接受|新收|登记|提出|办理|共|计|有|的|了|到|\d+(件|条|宗))\s*申请(?!人)")
# money spent on proceedings (与诉讼有关的费用支出): about costs, not about whether there were any
COSTS = re.compile(r"费用|支出|经费|开支")
# words that make a stated reason cover only some of a group
SOME_OF = re.compile(r"部分|有的|个别|多数|大多|其中|少数|一些")
# a sentence that says its cases are not about disclosure (均不涉及政府信息公开)
NOT_DISCLOSURE = re.compile(r"(不涉及|无关|不属于)[^，。；]{0,4}(政府)?信息公开|与(政府)?信息公开无关")
# figures since the regulation took effect, not this year's (截至2012年底，累计受理申请356件)
# also a span of several years (2008年5月至2012年底; 五年来, 三年间; never 一年来, which is this year's)
CUMULATIVE = re.compile(r"历年|(?<!今年)(?<!年初)(?<!本年)以来|累计(?=.*(截至|截止))|(截至|截止).*累计"
                        r"|(?P<y0>\d{4})年[^，。；]{0,10}(至|到|—|－|-|~)(?!(?P=y0))\d{4}年"
                        r"|(?<![\d一])([2-9]|[1-9]\d|[两三四五六七八九十]+)年(来|间|里)")
# a section that is a bare 无 (三、依申请公开情况 / 无。): nothing of the heading's kind happened
BARE_NONE = re.compile(r"^((本|今)年度?|全年|\d{4}年度?)?，?(本单位|本机关|我局|本局)?"
                       r"(无|没有|暂无|未发生|没有发生)(此类|该类|相关|此|上述)?(情况|事项|情形)?。?$")
# A breakdown of a total already given (by channel, applicant or validity) is not a second total.
BREAKDOWN = re.compile(r"网上|网络|当面|现场|信函|邮寄|书面|传真|电子邮件|电子邮箱|口头|有效|无效|"
                       r"公民|个人|法人|企业|组织|名义|自然人")
# a count-less sentence giving the reason of the withheld count just before it
# (“不予公开”的1件。主要是因为该信息为内部管理信息)
REASON_LEAD = re.compile(r"^(主要)?(是)?(因为|原因是|原因为|理由是|均因|均属于?|系|因)")
# 均/全部 + an outcome with no number of its own: the outcome is the whole of the total before it
ALL_GRANTED = re.compile(r"(均|全部|都)(已经?|依法|已依法|按时)?(同意|予以|给予)?公开(?!申请|信息)")
ALL_UPHELD = re.compile(r"均(被|已|予以)?(维持|驳回)")
# 结果为维持, or the decision itself (法院判决驳回原告诉讼请求) after a count of one case
SOLE_RESULT = re.compile(r"结果(均)?(为|是)|(判决|裁定|决定)(均)?(予以)?(维持|驳回|撤销|变更|确认)"
                         r"|作出(了)?(维持|驳回|撤销|变更)[^，。；]{0,6}(判决|裁定|决定)"
                         r"|^(经审理，?|经复议，?)?(复议机关|法院|人民法院)[^，。；]{0,6}(维持|驳回|撤销|确认)"
                         r"|^(目前|现|现在|至今)?(仍|尚|正)在审理中?。?$|^(目前|至今)?尚未(审结|判决|结案)。?$")
# 否决公开 (old Beijing/province wording) is the sum of the refusals whose reasons follow
# (“否决公开”的25件：其中“信息不存在”的21件…): not a row of its own, the parts are read
REFUSED_SUBTOTAL = re.compile(r"否决公开")
# a bare other year's figure given for comparison (收到申请4件，2010年为2件; 上年同期为3件)
PRIOR_YEAR = re.compile(r"^(\d{4}年度?|上一?年度?|去年)(同期)?(为|是|共|有|仅|只有)?$")
# a breakdown by speed (当场答复6件，延期答复3件) is not the answered total
TIMELINESS = re.compile(r"(当场|当即|即时|延期|延长|按时|按期|逾期|期限内|时限内)(予以)?(答复|办结|办理|回复)$")
TIMELINESS_AFTER = re.compile(r"^(系|为|是)?(当场|当即|即时|延期|延长|按时|按期|逾期|期限内|时限内)(予以)?(答复|办结|办理|回复)")
# how the applicants took the answers (对答复满意的5件): not an outcome nor the answered total
SATISFACTION = re.compile(r"满意")

NEG = r"(没有|未曾|未|无|不涉及|不存在|尚无|均无)"
NOT_A_SINGLE = re.compile(r"((?:没有|未曾|从未|未|无)(?:发生|出现|接到|收到|受理|有|产生|遇到|涉及)?过?)(一件|一起|一宗|一例|一个|一份)")
ABSENT_REQUEST = [
    # the applicants may be named in between (未收到公民、法人或其他组织提出的政府信息公开申请), but
    # not another kind of application (未收到行政复议申请 is about table 四)
    re.compile(rf"{NEG}(收到|接到|受理|接收|发生|出现)(到|过)?(任何)?(?:(?!复议|诉讼|起诉|提案|建议|投诉|信访)[^，。；]){{0,24}}?(申请|请求)(?![^，。；]{{0,8}}(复议|诉讼|起诉))"),
    re.compile(r"(没有|无)(任何)?(公民|个人|单位|申请人|组织)[^。]{0,40}?((申请|要求)[^。]{0,20}?公开|公开申请)"),
    re.compile(r"(无人|没有人|没人)(提出|申请|要求)[^。，；]{0,12}?(公开|申请)"),
    re.compile(r"(不涉及|没有|无|未发生|未有)(涉及)?(依申请公开|政府信息公开申请|信息公开申请|申请公开(政府)?信息)(?![^。，；]{0,6}费)"),
    re.compile(r"(依申请公开|公开申请)[^。，；]{0,8}?(数量|件数)?(为|是)(零|0)"),
]
# 未 alone is too weak (未经复议, 尚未审结 are table labels): it needs a verb of occurrence
PROCEEDING_NEG = re.compile(
    r"没有|未曾|(?<!尚)未(发生|出现|收到|接到|产生|有|受理|引起|引发|被|遇到)|无(?!效|法|论)|不涉及|不存在|(为|是)(零|0)(件|起|个)?。?$"
)
# a clause right after a lawsuit count saying what they all were: 为经复议后起诉, 均系直接起诉
CHARACTERISE = re.compile(r"^(其中)?(均|都|全部|全部都)?((为|是|系|属于?)(申请人|原告|当事人)?(?:(?!复议)[^，。；]){0,10}?(经过?)?(行政)?(复议后|未经|直接)"
                          r"|(申请人|原告|当事人)?(经过?(行政)?复议后|未经(行政)?复议|直接(提起|起诉)))")
# a turn of the sentence ends the reach of a negation (未发生复议，但诉讼有所增加)
NEG_BREAK = re.compile(r"但|然而|而是|有所|发生了")
PROCEEDING_TERM = re.compile(r"行政复议|复议|行政诉讼|诉讼|起诉")
# the negation must govern the charging verb: 未…收取公众费用, 从没有涉及信息收费; not 未按收费通知
FEE_ZERO = re.compile(r"(从未|从没有|没有|未|无|不)(针对[^。，；]{0,14}?|向[^。，；]{0,10}?|涉及[^。，；]{0,6}?)?(收取|收费)(?!通知|标准)")
FEE_WORDS = re.compile(r"收取|收费|处理费|费用")
# two outcomes named in one sentence: an enumeration of answered requests (已答复12件：同意公开8件…)
OUTCOME_WORDS = re.compile(r"同意公开|予以公开|部分公开|不予以?公开|不同意公开|信息不存在|非本(行政)?机关|不予处理|重复申请")
RELEVANT = re.compile(r"申请|答复|同意公开|予以公开|要求|复议|诉讼|起诉|收费|收取|主动公开")
PROACTIVE = re.compile(r"主动公开(?:(?!专栏|栏目|”|\")[^，。；]){0,12}?(政府)?信息")

# ------------------------------------------------------------------------------ counted noun
# What a count counts is the noun right before it, past filler words (申请共计5件, 申请的2条).
REQUEST_NOUNS = frozenset({"申请", "请求"})
# the noun may follow the count instead: 收到2条申请
NOUN_AFTER = re.compile(r"^(政府信息公开|信息公开|公开)?(申请|请求)")
# a heading opens a section: 三、依申请公开情况 … its sentences are about requests until the next one
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[、.])")
OTHER_NOUNS = frozenset({"信息", "政府信息", "投诉", "举报", "来电", "电话", "来信", "建议", "提案", "文件", "事项",
                         "意见", "诉求", "稿件", "案件"})
# the kind of request named as its information: 受理依申请公开政府信息7件 (with 件, not 条: 依申请公开信息12条
# are items disclosed on request)
REQUEST_KIND = re.compile(r"依申请公开(的)?((政府)?信息|事项)$")
INFO_NOUNS = frozenset({"信息", "政府信息", "事项"})
_FILLERS = frozenset({"的", "共", "共计", "总计", "合计", "计", "为", "有", "达", "共有", "累计", "数", "数量",
                      "件数", "总数", "是", "约", "总共", "一共"})
# role words too, so that 信息不存在 is one predicate and not the noun 信息
_PREDICATES = ("不存在", "不予公开", "同意公开", "部分公开", "予以公开", "不公开", "不掌握", "不明确", "办结", "答复")


@cache
def _tokenizer():
    """jieba with only this domain's words (nothing general is loaded: builds in milliseconds and
    leaves the global jieba instance alone); other characters fall out one by one."""
    import jieba

    words = [*REQUEST_NOUNS, *OTHER_NOUNS, *_FILLERS, *_PREDICATES]
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = tok.gen_pfdict(io.BytesIO("\n".join(f"{w} 100000" for w in words).encode("utf-8")))
    tok.initialized = True
    return tok


@lru_cache(maxsize=8192)
def counted_noun(label: str) -> str | None:
    """The noun a count right after `label` counts, or None if a predicate stands in between.
    Cached: a pure function of the label, and jieba's segmentation is its cost."""
    for token in reversed(_tokenizer().lcut(label, HMM=False)):
        if token in _FILLERS:
            continue
        return token if token in REQUEST_NOUNS or token in OTHER_NOUNS else None
    return None


def cn_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    from pipeline.parse.dates import cn_number

    return cn_number(text)


def last_end(rules, label: str) -> int:
    """Where the last keyword of any rule ends in `label` (-1 if none)."""
    return max((m.end() for _, rx in rules for m in rx.finditer(label)), default=-1)


def nearest(rules, label: str, after: str, not_far_after: tuple[str, ...] = ()):
    """The rule whose keyword ends closest to the number (in the label), else the first rule
    that matches right after the number, else later in the clause (except the codes in
    not_far_after)."""
    best = None
    for code, rx in rules:
        for m in rx.finditer(label):
            if best is None or m.end() > best[1]:
                best = (code, m.end())
    if best:
        return best[0]
    for code, rx in rules:
        m = rx.search(after)
        if m and m.start() <= 2:
            return code
    for code, rx in rules:
        if code not in not_far_after and rx.search(after):
            return code
    return None
