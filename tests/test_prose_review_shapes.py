"""Legacy passages in shapes seen in real 2008–2018 reports (read for the review of issue 11),
written in our own words and numbers. Each row asserts the exact facts the passage gives and that
nothing is left as an issue; a trap row asserts nothing at all is loaded.

Keys: a requests row code; for table 四 'proceeding.result'; for other figures 'ad.item'.
"""
from __future__ import annotations

import pytest

from pipeline.model import Document, Line
from pipeline.parse.prose import read_prose

L0 = {"litigation_direct.total": 0, "litigation_after_review.total": 0}


def doc(text: str) -> Document:
    return Document("t.txt", "text", [Line(i, t) for i, t in enumerate(text.split("\n"), 1)])


def read(text: str):
    r = read_prose(doc(text))
    out = {}
    for f in r.facts:
        key = {"requests": f.row, "review_litigation": f"{f.row}.{f.col}"}.get(f.table, f"ad.{f.row}")
        out[key] = f.value
    return out, [(i.kind, i.line) for i in r.issues]


SHAPES = [
    # an already-published answer is told where to find it: counted as granted, the set adds up
    ("三、依申请公开政府信息情况\n2011年，我局共受理政府信息公开申请35件，其中当面申请20件，网上申请10件，信函申请5件。\n"
     "在已答复的35件申请中，属于已主动公开范围的12件，同意公开的15件，同意部分公开的3件，不予公开的2件，信息不存在的3件。",
     {"received_new": 35, "handled_total": 35, "granted": 27, "partially_granted": 3, "withheld_unspecified": 2,
      "unavailable_not_held": 3}),
    # results of the reviews, then one lawsuit whose judgment is stated without the word 结果
    ("四、行政复议和行政诉讼\n2013年，我局共发生政府信息公开行政复议案件2件，其中维持1件，撤销1件；行政诉讼案件1件，法院判决驳回原告诉讼请求。",
     {"administrative_review.total": 2, "administrative_review.upheld": 1, "administrative_review.corrected": 1,
      "litigation_unspecified.total": 1, "litigation_unspecified.upheld": 1}),
    # a withheld group broken down by reason, in the sentence or in brackets: the reasons replace it
    ("三、依申请公开政府信息情况\n2012年，我局共收到政府信息公开申请26件，比2011年增加8件。截至12月31日，已答复24件，2件正在办理中。"
     "在已答复的申请中，同意公开18件，占75%；同意部分公开2件；不予公开4件，其中涉及个人隐私3件，属于内部管理信息1件。",
     {"received_new": 26, "handled_total": 24, "carried_forward": 2, "granted": 18, "partially_granted": 2,
      "withheld_third_party": 3, "withheld_internal_affairs": 1}),
    ("三、依申请公开\n全年共受理群众政府信息公开申请45份，已全部按规定时限答复完毕。其中：予以公开26份，部分公开5份，"
     "不予公开3份（涉及国家秘密1份、涉及商业秘密2份），非本机关信息8份，信息不存在3份。",
     {"received_new": 45, "granted": 26, "partially_granted": 5, "withheld_state_secret": 1, "withheld_third_party": 2,
      "unavailable_not_held": 11}),
    # reasons that do not cover the group: the group count stays, the partial reasons are not loaded
    ("三、依申请公开\n本年度受理申请10件，其中同意公开6件，不予公开4件，其中涉及商业秘密1件。",
     {"received_new": 10, "granted": 6, "withheld_unspecified": 4}),
    # one reason for the whole group, counted: the same requests, not twice
    ("三、依申请公开\n本年度受理申请5件，其中同意公开3件，不予公开2件，均涉及个人隐私2件。",
     {"received_new": 5, "granted": 3, "withheld_third_party": 2}),
    # 接受 as the receiving verb, numbers in words
    ("三、依申请公开和不予公开政府信息情况\n2017年，我镇共接受群众政府信息公开申请一件，已按时办结，予以公开一件。",
     {"received_new": 1, "granted": 1}),
    # the old 否决公开 subtotal with its reasons after it: the reasons are read, the subtotal is not a row
    ("三、依申请公开政府信息和不予公开政府信息的情况\n（一）申请情况\n2009年，本机关共受理政府信息公开申请38件，其中当面申请2件，"
     "占5.3%；传真申请0件；网上申请36件，占94.7%；信函申请0件。\n（二）申请答复情况\n本机关已对全部38件申请进行了答复，"
     "其中“同意公开”的10件，占26.3%；“同意部分公开”的3件；“否决公开”的25件：其中“信息不存在”的21件，“非本部门掌握”的3件，"
     "“申请内容不明确”的1件。",
     {"received_new": 38, "handled_total": 38, "granted": 10, "partially_granted": 3, "unavailable_not_held": 24,
      "unavailable_unclear": 1}),
    # results of lawsuits with 其他 as the last part
    ("四、政府信息公开类行政复议和行政诉讼情况\n2010年，本局发生政府信息公开类行政复议案5件，其中维持具体行政行为4件，撤销1件。"
     "发生行政诉讼案3件，其中维持具体行政行为或驳回原告诉讼请求2件，其他1件（原告撤诉）。",
     {"administrative_review.total": 5, "administrative_review.upheld": 4, "administrative_review.corrected": 1,
      "litigation_unspecified.total": 3, "litigation_unspecified.upheld": 2, "litigation_unspecified.other": 1}),
    # carried forward to a named year; carried over stated after the new ones
    ("（三）依申请公开情况\n2015年共受理政府信息公开申请15件，上年度结转2件。办结16件，其中予以公开10件，部分公开2件，"
     "信息不存在3件，不属于本机关职责1件；结转至2016年办理1件。",
     {"received_new": 15, "carried_over": 2, "handled_total": 16, "granted": 10, "partially_granted": 2,
      "unavailable_not_held": 4, "carried_forward": 1}),
    # requests counted as 依申请公开事项 and 共办理
    ("三、依申请公开\n本年度共办理依申请公开事项3件，全部予以公开。", {"handled_total": 3, "granted": 3}),
    # carried over named by its year: the total that includes it is not the new requests (was loaded as new)
    ("三、依申请公开情况\n我局共受理政府信息公开申请7件（其中2件为2011年结转），已办结6件。",
     {"carried_over": 2, "handled_total": 6}),
    ("三、依申请公开情况\n2015年，我局共收到政府信息公开申请9件，其中2014年结转1件，本年新收8件。",
     {"carried_over": 1, "received_new": 8}),
    # cases counted in 次, under a heading that does not repeat 公开
    ("四、行政复议和行政诉讼\n本年度我局被申请行政复议1次，被提起行政诉讼0次。",
     {"administrative_review.total": 1, **L0}),
    # a review application is a review case, not a request
    ("三、依申请公开情况\n今年共收到申请5件，其中3件已答复，2件正在办理。\n四、行政复议\n本年度接到行政复议申请1件。",
     {"received_new": 5, "handled_total": 3, "carried_forward": 2, "administrative_review.total": 1}),
    # another year's figure for comparison is not this year's and not a doubt
    ("三、依申请公开情况\n2011年我局收到政府信息公开申请4件，2010年为2件。已答复3件，均予以公开，1件正在办理。",
     {"received_new": 4, "handled_total": 3, "granted": 3, "carried_forward": 1}),
    # one outcome a line, the withheld one's reason opening the next line; then a breakdown by applicant
    ("三、政府信息依申请公开情况\n本局2016年共受理信息公开申请8件，其中当面申请2宗，占25%；网上申请6宗，占75%；信函申请0宗，占0%。\n"
     "在已经答复的8件申请中，“同意公开”的4件，占总数的50%，主要涉及文物保护等信息。\n“同意部分公开”1件，占总数的12.5%。\n"
     "“不予公开”的1件，占总数的12.5%。\n主要是因为该信息为内部管理信息；\n“信息不存在”的1件，占总数的12.5%。\n"
     "“申请内容不明确”的1件，占总数的12.5%。\n从申请人看，以本地公民为主，以组织名义提交的政府信息申请有2件。",
     {"received_new": 8, "handled_total": 8, "granted": 4, "partially_granted": 1, "withheld_internal_affairs": 1,
      "unavailable_not_held": 1, "unavailable_unclear": 1}),
    # a whole including the carried-over ones, with no role of its own: neither loaded nor a doubt
    ("三、依申请公开情况\n全年办理政府信息公开申请6件，其中上年度结转1件，本年度新收5件。",
     {"carried_over": 1, "received_new": 5}),
    # the lawsuit's route in brackets, no verb
    ("四、复议诉讼\n本年度发生政府信息公开行政复议1件，行政诉讼1件（经复议后提起）。",
     {"administrative_review.total": 1, "litigation_after_review.total": 1}),
    # one review and the decision made on it
    ("四、复议诉讼\n因政府信息公开申请人对答复不满意提起行政复议1件，复议机关已作出维持决定。",
     {"administrative_review.total": 1, "administrative_review.upheld": 1}),
    # label：count pairs (was silently nothing: the colon cut every count from its label)
    ("三、依申请公开情况\n受理申请数：12件；答复数：12件；同意公开：9件；部分公开：1件；不予公开：2件。",
     {"received_new": 12, "handled_total": 12, "granted": 9, "partially_granted": 1, "withheld_unspecified": 2}),
    ("三、依申请公开情况\n2012年共受理申请：8件，其中同意公开：6件，信息不存在：2件。行政复议：0件；行政诉讼：0件。",
     {"received_new": 8, "granted": 6, "unavailable_not_held": 2, "administrative_review.total": 0, **L0}),
    # counts in 宗 with a zero group: the group's rows are zeros
    ("三、依申请公开政府信息情况\n2012年，本局共受理依申请公开申请25宗，其中网上申请15宗，当面申请10宗；已答复25宗，其中同意公开16宗，"
     "部分公开2宗，不予公开0宗，不属于本机关公开范围4宗，信息不存在3宗。",
     {"received_new": 25, "handled_total": 25, "granted": 16, "partially_granted": 2, "unavailable_not_held": 7,
      **{c: 0 for c in ("withheld_state_secret", "withheld_law_prohibited", "withheld_security_stability",
                        "withheld_third_party", "withheld_internal_affairs", "withheld_process_info",
                        "withheld_enforcement_file", "withheld_admin_query")}}),
    # a 申诉 count beside an absence of reviews and lawsuits is not a case of either
    ("五、复议、诉讼和申诉情况\n2012年，本局未发生因政府信息公开引起的行政复议和行政诉讼，收到相关申诉1宗。",
     {"administrative_review.total": 0, **L0}),
    # satisfaction and speed after the count are not outcomes (当场答复 4 was loaded as the answered total: wrong)
    ("三、依申请公开情况\n全年受理申请6件，答复6件。申请人对答复满意的5件，不满意的1件。",
     {"received_new": 6, "handled_total": 6}),
    ("三、依申请公开情况\n本年共收到申请5件，其中4件当场答复，1件延期答复。", {"received_new": 5}),
    # all the agency's cases, then the part about disclosure: the part is the figure (the whole was loaded: wrong)
    ("四、行政复议和诉讼\n本年度我局办理行政复议案件15件，其中涉及政府信息公开的2件。", {"administrative_review.total": 2}),
    ("四、行政复议和诉讼\n全年共发生行政诉讼案件8件，其中因政府信息公开引起的1件，为经复议后起诉。",
     {"litigation_after_review.total": 1}),
    ("四、行政复议和诉讼\n本年度共发生政府信息公开行政复议案件4件，其中维持3件，尚在审理1件。",
     {"administrative_review.total": 4, "administrative_review.upheld": 3, "administrative_review.pending": 1}),
    # the sum of new and carried-over requests is neither a row nor a doubt
    ("三、依申请公开情况\n2012年共受理申请23件，上年结转3件，共计26件，已办结24件，结转下年2件。",
     {"received_new": 23, "carried_over": 3, "handled_total": 24, "carried_forward": 2}),
    # all kinds of applications, then the disclosure ones: those are the requests (50 was loaded, and 均 gave 50 granted)
    ("三、依申请公开情况\n本年度共受理各类申请50件，其中政府信息公开申请5件，均予以公开。", {"received_new": 5, "granted": 5}),
    # …申请政府信息公开10件 names the kind of request, not the outcome (was granted 10: wrong)
    ("三、依申请公开情况\n共受理政府信息公开申请12件，其中公民申请政府信息公开10件，法人申请2件。", {"received_new": 12}),
    ("四、行政复议和诉讼\n本年度发生政府信息公开行政复议案件3件，其中涉及政府信息公开答复的维持2件。",
     {"administrative_review.total": 3, "administrative_review.upheld": 2}),
    # labels then 分别 then counts pair up in order (the first count was taken as 不予公开: wrong)
    ("三、依申请公开情况\n本年度共受理申请8件，其中同意公开、部分公开、不予公开的分别为5件、2件、1件。",
     {"received_new": 8, "granted": 5, "partially_granted": 2, "withheld_unspecified": 1}),
    ("三、依申请公开情况\n本年度受理、办结申请分别为8件、8件。", {"received_new": 8, "handled_total": 8}),
    ("四、复议诉讼\n因政府信息公开引起的行政复议、行政诉讼分别为1件、0件。", {"administrative_review.total": 1, **L0}),
    # 各: each proceeding named has the count
    ("四、复议诉讼\n本年度因政府信息公开申请引发行政复议和行政诉讼各1件。",
     {"administrative_review.total": 1, "litigation_unspecified.total": 1}),
    # 告知…向其他机关申请 is the not-held answer; 书面 is a channel of a breakdown
    ("三、依申请公开情况\n全年收到政府信息公开申请5件，其中邮寄申请3件，现场申请2件；办理完毕5件，其中同意公开4件，告知申请人向其他机关申请1件。",
     {"received_new": 5, "handled_total": 5, "granted": 4, "unavailable_not_held": 1}),
    ("三、依申请公开情况\n2010年，我局共收到各类政府信息公开申请22件，答复22件。从申请方式看，网上申请15件，书面申请7件。",
     {"received_new": 22, "handled_total": 22}),
    # a span of several years is not the year's figure (120 clashed with 30 and nothing loaded; 五年来 86 was loaded: wrong)
    ("三、依申请公开情况\n2008年5月至2012年底，我局共受理政府信息公开申请120件。2012年受理申请30件。", {"received_new": 30}),
    # the report's own period, from the first to the last day of one year, is the year
    ("一、概述\n2012年1月1日至2012年12月31日，我办受理政府信息公开申请6件，答复6件。", {"received_new": 6, "handled_total": 6}),
    ("一、概述\n一年来，我局共受理政府信息公开申请9件。", {"received_new": 9}),
    # requests counted in 条, then a list of items that opened with the disclosed items (不予公开3条 was loaded: wrong)
    ("三、依申请公开情况\n本年度共收到申请5条，均已答复。\n四、主动公开\n本年度主动公开信息230条，其中依申请公开12条，不予公开3条。",
     {"received_new": 5, "ad.proactive_items": 230}),
    ("一、概述\n本年度主动公开信息120条；收到申请5条，同意公开3条，不予公开2条。",
     {"ad.proactive_items": 120, "received_new": 5, "granted": 3, "withheld_unspecified": 2}),
    # "not a single one" is an absence (未接到一件 was loaded as 1 request: wrong)
    ("三、依申请公开\n未接到一件政府信息公开申请。", {"received_new": 0}),
    ("四、行政复议诉讼\n本年度没有发生一起因政府信息公开引起的行政复议和行政诉讼案件。", {"administrative_review.total": 0, **L0}),
    # absences in other words
    ("三、依申请公开\n本年度无人申请政府信息公开。", {"received_new": 0}),
    ("三、依申请公开\n全年未有申请公开政府信息的情况。", {"received_new": 0}),
    ("三、依申请公开\n本年度没有公民、法人或其他组织向我局提出政府信息公开申请。", {"received_new": 0}),
    ("四、行政复议诉讼\n政府信息公开行政复议、诉讼：无。", {"administrative_review.total": 0, **L0}),
    # the long standard heading is a sentence of its own; counts before their proceeding; results by the deciding body
    ("六、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度有1起行政复议，复议机关维持我局答复；有1起行政诉讼，法院判决驳回原告诉讼请求。",
     {"administrative_review.total": 1, "administrative_review.upheld": 1, "litigation_unspecified.total": 1,
      "litigation_unspecified.upheld": 1}),
    # 其他 (withdrawn) as the other handling, checked by the set adding up
    ("三、依申请公开情况\n2012年度，我局共受理政府信息公开申请 8 件，其中：予以公开 5 件；部分公开 1 件；不予公开 0 件；其他 2 件（申请人撤回）。",
     {"received_new": 8, "granted": 5, "partially_granted": 1, "other_handling": 2,
      **{c: 0 for c in ("withheld_state_secret", "withheld_law_prohibited", "withheld_security_stability",
                        "withheld_third_party", "withheld_internal_affairs", "withheld_process_info",
                        "withheld_enforcement_file", "withheld_admin_query")}}),
    # information provided = granted; the count before its outcome (7件属于公开范围)
    ("三、依申请公开情况\n本年度受理申请9件，办结9件，其中提供政府信息7件，告知信息不存在2件。",
     {"received_new": 9, "handled_total": 9, "granted": 7, "unavailable_not_held": 2}),
    ("三、依申请公开情况\n共受理申请10件。其中，7件属于公开范围，已向申请人提供；2件属于不予公开范围；1件不属于本机关职责范围。",
     {"received_new": 10, "granted": 7, "withheld_unspecified": 2, "unavailable_not_held": 1}),
    # no costs of proceedings says nothing of the proceedings (0 lawsuits clashed with the 1 stated later)
    ("四、政府信息公开的收费及减免情况\n（一）收费情况\n2012年，本机关未收取任何费用。\n（三）与诉讼（行政复议、个案申诉）有关的费用支出\n"
     "2012年，本机关未发生与诉讼有关的费用支出。\n六、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
     "2012年，本机关发生针对本机关有关政府信息公开事务的行政复议案1件，行政诉讼案1件。",
     {"ad.request_fees": 0, "administrative_review.total": 1, "litigation_unspecified.total": 1}),
    ("六、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度未发生因政府信息公开申请引起的行政复议和行政诉讼，也无相关费用支出。",
     {"administrative_review.total": 0, **L0}),
    ("三、依申请公开政府信息情况\n（一）申请情况\n2012年，本局共受理政府信息公开申请22件。\n（二）申请处理情况\n"
     "在已答复的20件申请中，“同意公开”的12件；“部分公开”的2件；“信息不存在”的3件；“非本机关职责权限范围”的3件。另有2件正在处理中。",
     {"received_new": 22, "handled_total": 20, "granted": 12, "partially_granted": 2, "unavailable_not_held": 6,
      "carried_forward": 2}),
    ("六、因政府信息公开申请行政复议、提起行政诉讼的情况\n2013年，本机关发生针对本机关有关政府信息公开事务的行政复议案2件、行政诉讼案1件、有关的申诉案0件。",
     {"administrative_review.total": 2, "litigation_unspecified.total": 1}),
    # one lawsuit still before the court
    ("四、复议诉讼\n本年度因政府信息公开被申请行政复议1件，复议结果为维持；被提起行政诉讼1件，目前尚在审理中。",
     {"administrative_review.total": 1, "administrative_review.upheld": 1, "litigation_unspecified.total": 1,
      "litigation_unspecified.pending": 1}),
    # a numbered list of outcomes, one a line (the second and third were dropped as "headings")
    ("三、依申请公开情况\n本年度共收到政府信息公开申请6件，其中：\n1.同意公开4件；\n2.部分公开1件；\n3.不予公开1件。",
     {"received_new": 6, "granted": 4, "partially_granted": 1, "withheld_unspecified": 1}),
    # the form's labels written as prose (同意公开答复数 3 was loaded as the answered total: wrong)
    ("三、依申请公开情况\n申请总数：5件；同意公开答复数：3件；同意部分公开答复数：1件；不同意公开答复数：1件。",
     {"received_new": 5, "granted": 3, "partially_granted": 1, "withheld_unspecified": 1}),
    # the route after the applicant's grievance
    ("四、行政复议和行政诉讼\n2011年，我局未发生因政府信息公开引起的行政复议；发生行政诉讼1件，为申请人不服我局答复直接向法院起诉。",
     {"administrative_review.total": 0, "litigation_direct.total": 1}),
    ("四、行政复议\n本年度我局政府信息公开工作未引起行政复议和行政诉讼。", {"administrative_review.total": 0, **L0}),
    ("四、行政复议\n本年度我局未被申请政府信息公开行政复议，也未被提起行政诉讼。", {"administrative_review.total": 0, **L0}),
    # reasons after their counts, in brackets
    ("三、依申请公开情况\n本年度共受理申请7件，与上年相比增加2件。其中同意公开5件，不予公开2件（1件涉及个人隐私，1件属于过程性信息）。",
     {"received_new": 7, "granted": 5, "withheld_third_party": 1, "withheld_process_info": 1}),
    # one of the two withheld for a stated reason: the group stays (it became 2 state secrets: wrong)
    ("三、依申请公开情况\n本年度共受理申请7件。其中同意公开5件，不予公开2件，其中1件属于国家秘密。",
     {"received_new": 7, "granted": 5, "withheld_unspecified": 2}),
    # a reason for some of the group only (部分涉及): the group stays (it became 3 third-party: wrong)
    ("三、依申请公开情况\n本年度共受理申请7件。其中同意公开4件，不予公开3件，部分涉及个人隐私。",
     {"received_new": 7, "granted": 4, "withheld_unspecified": 3}),
    # results after the route: they are the route's (they were put on the unsplit row, beside a split total)
    ("四、复议诉讼\n本年度因政府信息公开被提起行政诉讼3件，均系申请人未经复议直接起诉，其中2件一审判决驳回诉讼请求，1件尚在审理中。",
     {"litigation_direct.total": 3, "litigation_direct.upheld": 2, "litigation_direct.pending": 1}),
    ("四、复议诉讼\n本年度因政府信息公开被申请行政复议2件，其中1件被复议机关维持，1件被责令重新答复。",
     {"administrative_review.total": 2, "administrative_review.upheld": 1, "administrative_review.corrected": 1}),
    # one outcome for all of them, with no number of its own
    ("三、依申请公开情况\n本年度收到政府信息公开申请2件，因均不属于我局职责范围，已告知申请人向相关部门申请。",
     {"received_new": 2, "unavailable_not_held": 2}),
    ("三、依申请公开情况\n本年度收到政府信息公开申请3件，其中同意公开2件，其余均不予公开。", {"received_new": 3, "granted": 2}),
    ("一、概述\n2009年1月1日至12月31日，我办共主动公开政府信息23条，受理政府信息公开申请7件，答复7件，收到针对我办政府信息公开的行政复议2件。",
     {"ad.proactive_items": 23, "received_new": 7, "handled_total": 7, "administrative_review.total": 2}),
    ("三、依申请公开情况\n2010年共受理申请9件，已全部答复。其中予以公开7件，因申请内容不明确告知申请人更改补充1件，"
     "不属于本机关公开范围并告知申请人向有关机关申请1件。",
     {"received_new": 9, "granted": 7, "unavailable_unclear": 1, "unavailable_not_held": 1}),
    ("三、依申请公开\n全年共受理依申请公开12件（其中上年结转1件），办结11件，尚在办理中1件。办结的申请中，同意公开9件，部分公开1件，不予公开1件。",
     {"carried_over": 1, "handled_total": 11, "carried_forward": 1, "granted": 9, "partially_granted": 1,
      "withheld_unspecified": 1}),
]

TRAPS = [
    "六、因政府信息公开申请行政复议、提起行政诉讼的情况\n本机关没有与诉讼（行政复议、个案申诉）有关的费用支出。",
    # applications of another kind in the overview (1200 and 3500 were loaded as disclosure requests: wrong)
    "一、概述\n2012年，我局全年共受理城乡低保申请1200件，办结1180件。",
    "一、概述\n全年共受理市民各类申请3500件，按时办结率100%。",
    # the agency's own review work beside 政务公开 is not about disclosure requests (25 was loaded: wrong)
    "一、概述\n2012年，我局深入推进政务公开工作。全年办理行政复议案件25件，行政诉讼应诉12件。",
    "一、概述\n我局坚持依法行政，全面推行政务公开，全年办理行政复议案件25件。",
    "三、依申请公开情况\n五年来，我局共受理政府信息公开申请86件。",
    "三、依申请公开情况\n2009年至2011年三年间共受理申请40件。",
    "三、依申请公开情况\n本年度主动公开信息和依申请公开信息分别为120条、6条。",
    # items disclosed on request and withheld, beside requests counted in 条 in the next sentence
    "一、概述\n2010年1月1日至2010年12月31日，我局依申请公开信息9 条，不予公开信息15 条。",
    "五、咨询情况\n2010年，我局共接受政府信息公开方面的咨询1500人次，其中电话咨询1500人次。",
]


@pytest.mark.parametrize("text,expected", SHAPES)
def test_shape_facts(text, expected):
    facts, issues = read(text)
    assert facts == expected
    assert issues == []


@pytest.mark.parametrize("text", TRAPS)
def test_trap_loads_nothing(text):
    assert read(text)[0] == {}


def test_count_with_no_known_role_inside_a_request_enumeration_is_reported_with_its_line():
    facts, issues = read("三、依申请公开\n2012年，共收到政府信息公开申请8件，其中转其他部门办理1件，同意公开7件。")
    assert facts == {"received_new": 8, "granted": 7}
    assert issues == [("unplaced_number", 2)]


def test_granted_count_that_includes_the_partial_ones_is_reported_not_loaded():
    # 同意公开8件（含部分公开2件）: the two outcomes overlap, so the set does not add up
    facts, issues = read("三、依申请公开情况\n全年共受理申请10件，其中同意公开8件（含部分公开2件），不予公开2件。")
    assert facts == {}
    assert [k for k, _ in issues] == ["prose_inconsistent"]


FORM_GD = """附表：政府信息公开情况统计表
统计指标 单位 数量
（一）主动公开政府信息数 条 143
（一）收到申请数 件 8
1.当面申请数 件 3
（二）申请办结数 件 8
（三）申请答复数 件 8
1.“属于已主动公开范围”数 件 2
2.“同意公开答复”数 件 4
3.“同意部分公开答复”数 件 1
4.“不同意公开答复”数 件 1
其中：涉及国家秘密 件 0
涉及商业秘密 件 0
涉及个人隐私 件 1
5.“信息不存在”数 件 0
6.“非本机关职责范围”数 件 0
三、行政复议数量 件 0
四、行政诉讼数量 件 0"""


def test_statistics_form_with_quoted_labels_already_published_row_and_withheld_reasons():
    # the quoted rows were silently skipped; the already-published answers are granted (2 + 4 add up
    # with the other rows to the 8 answered), the reasons replace the 不同意公开 row they add up to
    facts, issues = read(FORM_GD)
    assert facts == {"ad.proactive_items": 143, "received_new": 8, "handled_total": 8, "granted": 6,
                     "partially_granted": 1, "withheld_state_secret": 0, "withheld_third_party": 1,
                     "unavailable_not_held": 0, "administrative_review.total": 0, **L0}
    assert issues == []


def test_already_published_as_a_sub_row_of_granted_is_not_counted_twice():
    form = FORM_GD.replace("1.“属于已主动公开范围”数 件 2\n2.“同意公开答复”数 件 4",
                           "2.“同意公开答复”数 件 6\n其中：“属于已主动公开范围”数 件 2")
    facts, issues = read(form)
    assert facts["granted"] == 6
    assert [k for k, _ in issues] == ["unplaced_number"]


def test_statistics_row_with_a_blank_cumulative_cell_after_a_tab():
    form = ("附表\n指标名称\t计量单位\t2010年度\t历年累计\n受理依申请公开信息总数\t条\t6\t25\n"
            "本年度对申请的答复总数\t条\t6\t\n其中：1.同意公开答复数\t条\t5\t\n2.同意部分公开答复数\t条\t1\t\n"
            "行政复议数\t件\t0\t1\n")
    facts, issues = read(form)
    assert facts == {"received_new": 6, "handled_total": 6, "granted": 5, "partially_granted": 1,
                     "administrative_review.total": 0}
    assert issues == []


def test_respectively_with_lists_of_different_lengths_is_reported_not_guessed():
    facts, issues = read("三、依申请公开情况\n本年度共受理申请8件，其中同意公开、部分公开分别为5件、2件、1件。")
    assert facts == {"received_new": 8}
    assert [k for k, _ in issues] == ["unplaced_number"] * 3


def test_beijing_boilerplate_counts_a_reception_desk_not_a_request():
    # 设立了1个专门的信息申请受理点 took 受理 from far after the count: received 1 clashed with the
    # real 14 and the whole set was dropped
    text = ("一、概述\n根据《条例》要求，2008年5月1日起本局开始开展政府信息公开工作。为此，配备了2名兼职工作人员，"
            "设立了1个专门的信息申请受理点。\n三、依申请公开政府信息和不予公开政府信息的情况\n（一）申请情况\n"
            "2010年，本局共受理政府信息公开申请14件，其中当面申请3件，占21.4%；网上申请11件，占78.6%。\n（二）申请答复情况\n"
            "本局已对全部14件申请进行了答复，其中“同意公开”的6件，占42.9%；“同意部分公开”的1件；“否决公开”的7件：其中"
            "“信息不存在”的5件，“非本部门掌握”的2件。\n六、因政府信息公开申请行政复议、提起行政诉讼的情况\n"
            "2010年，本局发生针对本机关有关政府信息公开事务的行政复议案1件，行政诉讼案0件，有关的申诉案0件。")
    facts, issues = read(text)
    assert facts == {"received_new": 14, "handled_total": 14, "granted": 6, "partially_granted": 1,
                     "unavailable_not_held": 7, "administrative_review.total": 1, **L0}
    assert issues == []


@pytest.mark.parametrize("text", [
    "三、依申请公开情况\n本年度受理申请10件，其中同意公开和部分公开共计8件，不予公开2件。",
    "三、依申请公开情况\n本年度受理申请10件，其中同意公开、部分公开的8件，不予公开2件。",
    "三、依申请公开情况\n本年度受理申请10件，其中不予公开和信息不存在的共3件，同意公开7件。",
])
def test_one_count_for_two_outcomes_is_reported_not_given_to_the_last(text):
    # the count took the last outcome named (部分公开 8: wrong, and the set still added up)
    facts, issues = read(text)
    assert "partially_granted" not in facts and "unavailable_not_held" not in facts
    assert facts["received_new"] == 10
    assert [k for k, _ in issues] == ["unplaced_number"]


def test_an_approximate_count_of_requests_is_reported_with_its_line():
    facts, issues = read("一、概述\n全年主动公开信息300余条。\n三、依申请公开情况\n全年共受理政府信息公开申请20余件，均已按时答复。")
    assert facts == {}
    assert issues == [("unplaced_number", 4)]


def test_requests_counted_in_jianci_are_reported_not_loaded():
    facts, issues = read("三、依申请公开情况\n本年度共收到政府信息公开申请23件次，均已答复。")
    assert facts == {}
    assert issues == [("unplaced_number", 2)]
