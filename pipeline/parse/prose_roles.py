"""Legacy prose, step 2: one sentence → counts with their roles.

A sentence is read clause by clause (split at ，、；：and brackets). Each count (a number with its
unit) gets a role from its clause's own predicate (pipeline.parse.prose_vocab.nearest), checked
against the noun it counts and the enumeration it sits in:
- a clause of other business (投诉, 热线, 许可, 比上年增加 …) gives nothing;
- 条 counts requests only after the noun 申请 (收到申请5条), or in an enumeration whose total was
  counted that way; 信息N条 are information items;
- after a total, a clause naming a channel or an applicant (网上申请3件, 公民申请9件) or sitting in
  brackets is its breakdown, not a second total;
- a withheld count with exactly one stated reason is that reason's row;
- 均/全部 + an outcome with no number of its own (均予以公开, 均维持) gives that outcome the total;
- review/litigation counts need 公开 in the sentence or its heading (an agency's other lawsuits
  are not ours); absence is read per kind (未发生行政复议 is 0 reviews and says nothing of lawsuits).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse import prose_vocab as v
from pipeline.parse.prose_text import Sentence


# Found.table of a count seen in a request/proceeding sentence that got no place: reported as an
# Issue 'unplaced_number' for the table in Found.row (Found.col says why), never loaded.
UNPLACED = "unplaced"


@dataclass(slots=True)
class Found:
    table: str
    row: str
    col: str
    value: float
    start: int  # in the normalised sentence
    end: int
    unit: str | None = None


@dataclass
class Context:
    """What one sentence tells the next: whether requests are being counted in 条, and whether
    the section under way is about requests."""

    tiao_requests: bool = False
    request_section: bool = False
    received_read: bool = False  # a total of received requests was read in this section
    # under a heading naming 复议/诉讼 (四、行政复议和行政诉讼情况) in a disclosure report, its
    # sentences are about disclosure cases even when they do not say 公开 again
    proceeding_section: bool = False
    request_heading: bool = False  # under a heading about disclosure requests
    last_withheld: "Found | None" = None  # the sentence before ended on a withheld count


_GROUP_SPECIFIC = {
    "rejected_unspecified": ["rejected_duplicate"],
    "unavailable_unspecified": ["unavailable_not_held", "unavailable_unclear"],
}


def _clauses(norm: str):
    """(start, text, in_brackets) for each clause."""
    start, depth = 0, 0
    for m in v.CLAUSE.finditer(norm + "，"):
        if m.start() > start:
            yield start, norm[start: m.start()], depth > 0
        if m.group() == "（":
            depth += 1
        elif m.group() == "）":
            depth = max(0, depth - 1)
        start = m.end()


def _request_role(label: str, after: str) -> str | None:
    # a receiving or answering word far after the count is part of another noun
    # (设立了1个专门的信息申请受理点); an outcome there is the count's own (1件因涉及隐私不予公开)
    # (38件申请进行了答复: when the count's noun right after it is 申请, its verb may follow)
    far = () if v.NOUN_AFTER.match(after) else ("received_new", "handled_total")
    code = v.nearest(v.REQUEST_RULES, label, after, not_far_after=far)
    for specific in _GROUP_SPECIFIC.get(code, []):
        if dict(v.REQUEST_RULES)[specific].search(label):
            return specific
    return code


def read_sentence(s: Sentence, prev_norm: str, ctx: Context) -> list[Found]:
    found = _read_sentence(s, prev_norm, ctx)
    last_withheld, ctx.last_withheld = ctx.last_withheld, None
    # the reason may run on into the next item of the list (…内部管理信息；“信息不存在”的1件): only the
    # sentence's lead up to its first ； is the reason
    lead = s.norm.split("；")[0]
    if last_withheld and v.REASON_LEAD.match(lead) and not v.COUNT.search(lead):
        reasons = {code for code, rx in v.WITHHELD_REASONS if rx.search(lead)}
        if len(reasons) == 1:  # the group's one reason: its part (the group gives way if it adds up)
            found.insert(0, Found("requests", reasons.pop(), "total", last_withheld.value, 0, len(lead)))
    requests = [f for f in found if f.table == "requests"]
    if requests and requests[-1].row == "withheld_unspecified" and requests[-1].value:
        ctx.last_withheld = requests[-1]
    return found


def _read_sentence(s: Sentence, prev_norm: str, ctx: Context) -> list[Found]:
    # 未接到一件申请 / 没有发生一起复议: "not a single one" is an absence, not a count of one (same
    # length, so positions in the sentence stay right)
    norm = v.NOT_A_SINGLE.sub(lambda m: m.group(1) + "任何", s.norm)
    # a numbered line with a count (1.同意公开4件；) is an item of a list, not a heading
    if v.HEADING.match(norm) and not v.COUNT.search(norm):
        ctx.request_section = "申请" in norm
        # a heading about disclosure requests (三、依申请公开情况); a sub-heading ((一)申请情况) keeps
        # its chapter's
        about_requests = "申请" in norm and "公开" in norm
        top = bool(re.match(r"^[一二三四五六七八九十]+、", norm))
        ctx.request_heading = about_requests or (not top and ctx.request_heading)
        ctx.received_read = False
        ctx.proceeding_section = (bool(v.PROCEEDING_TERM.search(norm)) and not v.NOT_DISCLOSURE.search(norm)
                                  and not v.COSTS.search(norm))
    elif "申请" in norm:
        ctx.request_section = True
    if v.BARE_NONE.match(norm) and v.HEADING.match(prev_norm):
        return _bare_none(prev_norm)
    head, colon, rest = norm.partition("：")
    if colon and v.HEADING.match(head) and v.BARE_NONE.match(rest):
        return _bare_none(head)  # 五、因政府信息公开申请提起行政复议、行政诉讼情况：无。
    if colon and v.BARE_NONE.match(rest) and ("公开" in head or ctx.proceeding_section):
        return _bare_none(head)  # 政府信息公开行政复议、诉讼：无。 (a label, not a heading)
    if not v.RELEVANT.search(norm) and not v.OUTCOME_WORDS.search(norm) and not (
            ctx.request_section and v.COUNT.search(norm)):  # most sentences: nothing to use
        return []
    found: list[Found] = []
    # requests are the subject: named here, in the sentence before (其中同意公开4件…), or this
    # is an enumeration of outcomes (已答复12件：同意公开8件，部分公开2件)
    has_request = ("申请" in norm or "申请" in prev_norm or ctx.request_section
                   or len(v.OUTCOME_WORDS.findall(norm)) >= 2)
    # about disclosure: 信息公开 / 依申请 … here or just before, or under a 复议/诉讼 heading; not a bare
    # 公开 (全面推行政务公开，全年办理行政复议案件25件 counts the agency's own review work)
    about_disclosure = (bool(v.DISCLOSURE_CTX.search(norm) or v.DISCLOSURE_CTX.search(prev_norm))
                        or ctx.proceeding_section) and not v.NOT_DISCLOSURE.search(norm)
    cumulative = bool(v.CUMULATIVE.search(norm))
    # a count of requests needs the sentence, the one before or the heading to be about disclosure
    # (or name the requests bare, 共受理申请8件, rather than as applications of a kind, 低保申请)
    request_ctx = bool(ctx.request_heading or v.DISCLOSURE_CTX.search(norm) or v.DISCLOSURE_CTX.search(prev_norm)
                       or v.BARE_REQUEST.search(norm) or v.BARE_REQUEST.search(prev_norm))
    proceeding = None
    listed: list[str] = []  # proceedings named in count-less clauses just before (复议、诉讼均为0件)
    # count-less items of a 、 list before this clause: their predicate is this clause's too
    # (收到公民、法人和其他组织政府信息公开申请4件: 收到 governs the count after the list)
    enum_head = ""
    loop_norm = _respectively(norm, found, has_request, about_disclosure and not cumulative)
    for cstart, clause, bracketed in _clauses(loop_norm):
        counts = [m for m in v.COUNT.finditer(clause)]
        head_before, enum_head = enum_head, ""
        if not counts and loop_norm[cstart + len(clause): cstart + len(clause) + 1] == "、":
            enum_head = head_before + clause + "、"
        if not counts and found and _characterise_lawsuits(clause, found):
            if proceeding and proceeding.startswith("litigation"):
                proceeding = found[-1].row  # results that follow are of that part (其中2件判决驳回…)
            continue
        if about_disclosure and not counts and not v.COSTS.search(re.split("[，。；]", norm[cstart:])[0]):
            # (未发生与诉讼有关的费用支出 says there were no costs, not that there was no lawsuit)
            _absence(clause, cstart, found, listed)
        if v.VETO.search(clause) or (cumulative and counts):
            if counts:
                listed.clear()
            continue
        for m in counts:
            if m.group(2) or m.group(4):  # 余 / 多 / 左右: not an exact count
                lab = clause[: m.start()]
                if has_request and request_ctx and (
                        v.counted_noun(lab) in v.REQUEST_NOUNS or _request_role(lab, clause[m.end():])
                        or (about_disclosure and v.last_end(v.PROCEEDING_RULES, lab) >= 0)):
                    # seen, but only roughly: reported, not loaded
                    found.append(Found(UNPLACED, "requests", "an approximate count", 0, cstart + m.start(), cstart + m.end()))
                continue
            value = v.cn_int(m.group(1))
            if value is None:
                continue
            label, after = clause[: m.start()], clause[m.end():]
            a, b = cstart + m.start(), cstart + m.end()
            noun = v.counted_noun(label)
            # the request role reads the 、 list before the first count too
            role_label = head_before + label if m is counts[0] else label
            p = v.nearest(v.PROCEEDING_RULES, label, "") if about_disclosure else None
            if about_disclosure and not p and v.PROCEEDING_AFTER.match(after):
                p = v.nearest(v.PROCEEDING_RULES, after, "")  # 有1起行政复议: the count before its noun
                label = label + after  # so that the gap check below sees the proceeding at its end
            case_of_proceeding = bool(p) and noun == "案件"  # 发生行政诉讼案件1起
            reason = _reason_of_withheld(label, found, after) if has_request and not p else None
            if reason:
                # 不予公开4件，其中涉及个人隐私3件，属于内部管理信息1件: the group's parts by reason
                found.append(Found("requests", reason, "total", value, a, b))
                continue
            if noun in v.OTHER_NOUNS and not case_of_proceeding and not (
                    noun in v.INFO_NOUNS and m.group(3) != "条"
                    and (_request_role(role_label, after) == "unavailable_not_held"
                         or (v.PROVIDED.search(label) and _request_role(role_label, after) == "granted")
                         or (v.REQUEST_KIND.search(label) and _request_role(role_label, after) in ("received_new", "handled_total")))):
                # 信息N条, 投诉N件 …; but 非本机关政府信息1件 are requests of that outcome, and
                # 受理依申请公开政府信息7件 counts requests of that kind
                continue
            if not p and (m.group(3) == "次" or v.PROCEEDING_TERM.search(label)):
                continue  # 次 counts only cases; a count after 复议/诉讼 is never one of requests
            if not p and v.PRIOR_YEAR.match(label):
                continue  # another year's figure, for comparison
            if not p and (v.TIMELINESS_AFTER.match(after) or v.SATISFACTION.search(label)):
                continue  # 其中4件当场答复, 对答复满意的5件: how, not how many in all
            if not p and v.TIMELINESS.search(role_label):
                continue  # 当场答复6件，延期答复3件: how fast, not how many were answered in all
            if p and not v.PROCEEDING_GAP.match(label[v.last_end(v.PROCEEDING_RULES, label):]):
                if v.last_end(v.RESULT_RULES, label) < 0:
                    continue  # 行政复议决定书公开1件: not a count of cases
                p = None
            if p and proceeding and p[:10] == proceeding[:10] and v.last_end(v.RESULT_RULES, label) >= 0:
                p = None  # 判决驳回原告诉讼请求1件: a result of the lawsuits already counted
            if p:
                proceeding = p
                r = v.nearest(v.RESULT_RULES, label[-6:], "")
                found.append(Found("review_litigation", p, r or "total", value, a, b))
                # 复议、诉讼均为1件 gives each; without 均 only a zero is plainly shared (复议、诉讼0件)
                if ("均" in label or value == 0) and r is None:
                    for q in listed:
                        found.append(Found("review_litigation", q, "total", value, a, b))
                if r is None and re.search(r"(各|均为?|都是?)$", label):
                    # 行政复议和行政诉讼各1件: each proceeding named in the label has that count
                    for t in v.PROCEEDING_TERM.finditer(label):
                        q = "administrative_review" if "复议" in t.group() else "litigation_unspecified"
                        if q != p and not any(f.row == q and f.start == a for f in found):
                            found.append(Found("review_litigation", q, "total", value, a, b))
                listed.clear()
                continue
            if proceeding and v.DISCLOSURE_SUBSET.search(label) and v.last_end(v.RESULT_RULES, label) < 0:
                # 办理行政复议案件15件，其中涉及政府信息公开的2件: the cases of this report are the part
                # about disclosure; the count before was all of the agency's cases
                whole = [f for f in found if f.table == "review_litigation" and f.row == proceeding and f.col == "total"]
                if whole and not _names_disclosure(norm, whole[-1]):
                    whole[-1].value, whole[-1].start, whole[-1].end = value, a, b
                continue
            if proceeding and about_disclosure:
                sub = v.nearest(v.PROCEEDING_RULES[:2], "", after)
                if sub and proceeding.startswith("litigation") and not v.last_end(v.RESULT_RULES, label) >= 0:
                    found.append(Found("review_litigation", sub, "total", value, a, b))  # 其中1件经复议后起诉
                    continue
                r = v.nearest(v.RESULT_RULES, label, after)
                if r:
                    found.append(Found("review_litigation", proceeding, r, value, a, b))
                    continue
            if not has_request or not request_ctx:
                continue  # 受理城乡低保申请1200件: applications of another kind
            received = [f for f in found if f.table == "requests" and f.row == "received_new"]
            if (received and not p and v.DISCLOSURE_SUBSET.search(label) and _request_role(label, after) is None
                    and not _names_disclosure(norm, received[-1])):
                # 受理各类申请50件，其中政府信息公开申请5件: the requests of this report are the part
                received[-1].value, received[-1].start, received[-1].end = value, a, b
                continue
            if m.group(3) == "条" and noun not in v.REQUEST_NOUNS and not ctx.tiao_requests and not v.NOUN_AFTER.match(after):
                continue  # 条 without 申请: information items
            if m.group(3) == "条" and _after_proactive_items(norm, a):
                continue  # 主动公开信息230条，其中依申请公开12条，不予公开3条: items, even where requests are in 条
            label = role_label
            code = _request_role(label, after)
            total_read = ctx.received_read or any(f.row == "received_new" for f in found)
            if total_read and (bracketed or v.BREAKDOWN.search(label)) and code in (None, "received_new"):
                continue  # a breakdown of the total already read (here or earlier in the section)
            if code == "received_new":
                if "申请" not in clause and "申请" not in norm[max(0, cstart - 20): cstart]:
                    found.append(Found(UNPLACED, "requests", "received_new? (no 申请 in the clause)", value, a, b))
                    continue
                if m.group(3) == "条" and (noun in v.REQUEST_NOUNS or v.NOUN_AFTER.match(after)):
                    ctx.tiao_requests = True
            elif code is None:
                if v.SUM_LABEL.match(label) and _is_received_plus_carried(found, value):
                    continue  # 受理23件，上年结转3件，共计26件: the two together, already read
                if v.REFUSED_SUBTOTAL.search(label) and "其中" in norm[b: b + 4]:
                    continue  # a subtotal whose parts follow (其中…), each read on its own
                # also a count with no noun inside an enumeration of requests already counted
                # (收到申请8件，其中…转其他部门办理1件): one of them, in a place we do not know
                in_enumeration = noun is None and m.group(3) != "条" and any(
                    f.table == "requests" for f in found)
                if "申请" in label or noun in v.REQUEST_NOUNS or in_enumeration:
                    # a count of requests with no predicate we know: seen, so reported, not dropped
                    found.append(Found(UNPLACED, "requests", "no role for this count of requests", value, a, b))
                continue
            if len(_outcomes_named(label)) >= 2:
                # 同意公开和部分公开共计8件: one count for two outcomes; no row holds it
                found.append(Found(UNPLACED, "requests", "one count for several outcomes", value, a, b))
                continue
            found.append(Found("requests", code, "total", value, a, b))
        if counts:
            listed.clear()
        elif about_disclosure:
            _all_of_total(clause, cstart, found)
    if has_request and request_ctx and not cumulative:
        for m in re.finditer(r"(\d+)件次", norm):
            # requests counted in 件次 (a request per time asked): seen, reported, not loaded
            if "申请" in norm[max(0, m.start() - 20): m.start()]:
                found.append(Found(UNPLACED, "requests", "a count in 件次", int(m.group(1)), m.start(), m.end()))
    _reasons(norm, found)
    _total_with_carried(norm, found)
    if any(f.row == "received_new" for f in found):
        ctx.received_read = True
    if not any(f.row == "received_new" for f in found):
        for rx in v.ABSENT_REQUEST:
            m = rx.search(norm)
            if m:
                found.append(Found("requests", "received_new", "total", 0, m.start(), m.end()))
                break
    _fees(norm, prev_norm, found)
    _proactive(norm, found)
    return found


def _respectively(norm: str, found: list[Found], has_request: bool, about_disclosure: bool) -> str:
    """同意公开、部分公开、不予公开的分别为5件、2件、1件: the labels and the counts pair up in order.
    Read here (each count with its own label's role; a label with no role, or lists of different
    lengths, are reported) and masked out of the sentence for the clause-by-clause reading."""
    m = v.RESPECTIVELY.search(norm)
    if not m:
        return norm
    labels = [x for x in (re.sub(r"^(其中|的)+|(的|数|数量)+$", "", t) for t in
                          re.split(r"[、和及与]", m.group("labels"))) if x]
    counts = [c for c in v.COUNT.finditer(norm, m.start("counts"), m.end("counts"))]
    out: list[Found] = []
    for label, c in zip(labels, counts):
        value = v.cn_int(c.group(1))
        p = v.nearest(v.PROCEEDING_RULES, label, "") if about_disclosure else None
        code = None if p or not has_request else _request_role(label, "")
        if value is None or c.group(2) or c.group(4):
            code = p = None
        noun = v.counted_noun(label)
        if not p and (v.VETO.search(label) or (noun in v.OTHER_NOUNS and noun not in v.REQUEST_NOUNS)
                      or c.group(3) in ("条", "次")):
            continue  # 主动公开信息和依申请公开信息分别为120条、6条: items, not requests
        if p:
            out.append(Found("review_litigation", p, "total", value, c.start(), c.end()))
        elif code:
            out.append(Found("requests", code, "total", value, c.start(), c.end()))
        elif has_request or about_disclosure:
            out.append(Found(UNPLACED, "requests", f"no role for '{label}' (分别)", value or 0, c.start(), c.end()))
    if len(labels) != len(counts):
        out = [Found(UNPLACED, "requests", "分别: labels and counts do not pair up", v.cn_int(c.group(1)) or 0,
                     c.start(), c.end()) for c in counts] if (has_request or about_disclosure) else []
    found.extend(out)
    return norm[: m.start()] + "\u3000" * (m.end() - m.start()) + norm[m.end():]


def _after_proactive_items(norm: str, a: int) -> bool:
    """A 条 count in a list that opened with the items disclosed (主动公开信息N条) and names no
    request (申请, other than the kind 依申请公开) in between is one more kind of item."""
    starts = [m.end() for m in v.PROACTIVE.finditer(norm, 0, a)]
    return bool(starts) and "申请" not in norm[starts[-1]: a].replace("依申请公开", "")


_NOT_OUTCOMES = ("received_new", "handled_total", "carried_over", "carried_forward")


def _outcomes_named(label: str) -> set[str]:
    """The outcome rows a label names; a keyword inside a longer one (公开 in 不予公开) is not one."""
    spans = [(m.start(), m.end(), code) for code, rx in v.REQUEST_RULES if code not in _NOT_OUTCOMES
             for m in rx.finditer(label) if m.end() > m.start()]
    # (two rows of one group name one outcome: 重复申请不予受理 is the duplicate rejection)
    return {code.split("_")[0] for a, b, code in spans
            if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) and c2 != code for a2, b2, c2 in spans)}


def _names_disclosure(norm: str, whole: Found) -> bool:
    """Whether the whole's own clause already says it counts disclosure matters (then a 其中…信息公开
    part after it is a breakdown, not the disclosure share of all the agency's cases)."""
    start = max((norm.rfind(c, 0, whole.start) for c in "，。；："), default=-1) + 1
    return bool(re.search(r"信息公开|依申请", norm[start: whole.start]))


def _is_received_plus_carried(found: list[Found], value: int) -> bool:
    rows = {f.row: f.value for f in found if f.table == "requests"}
    return "received_new" in rows and "carried_over" in rows and rows["received_new"] + rows["carried_over"] == value


def _characterise_lawsuits(clause: str, found: list[Found]) -> bool:
    """发生行政诉讼1起，为经复议后起诉: a count-less clause saying what the lawsuits just counted
    all were turns them into that part (the whole is the part; the other part is not derived)."""
    last = found[-1]
    if last.table != "review_litigation" or last.row != "litigation_unspecified" or last.col != "total":
        return False
    if not v.CHARACTERISE.match(clause):
        return False
    # the clause names only the route (均系经行政复议后提起): 未经/直接 is direct, 复议后 after review
    last.row = "litigation_direct" if re.search(r"未经|直接", clause) else "litigation_after_review"
    return True


def _bare_none(heading: str) -> list[Found]:
    """三、依申请公开情况 / 无。: a zero for what the heading names."""
    out = []
    if v.PROCEEDING_TERM.search(heading):
        for code, word in (("administrative_review", "复议"), ("litigation_unspecified", "诉讼")):
            if word in heading:
                out.append(Found("review_litigation", code, "total", 0, 0, 1))
    elif "申请" in heading and "公开" in heading and not v.FEE_WORDS.search(heading):
        out.append(Found("requests", "received_new", "total", 0, 0, 1))
    return out


def _absence(clause: str, cstart: int, found: list[Found], listed: list[str]) -> None:
    """A count-less clause naming proceedings: a zero for each if negated (here or by the
    negation of the clause before it, 未发生行政复议、行政诉讼案件), else remembered for a shared
    count that may follow (复议、诉讼均为0件)."""
    named = []
    for t in v.PROCEEDING_TERM.finditer(clause):
        code = "administrative_review" if "复议" in t.group() else "litigation_unspecified"
        if code not in named:
            named.append(code)
    negated = bool(v.PROCEEDING_NEG.search(clause))
    if negated and v.NEG_BREAK.search(clause):
        negated = False
    if not negated and listed and listed[-1] == "negated" and not v.NEG_BREAK.search(clause):
        negated = True  # the negation before reaches this clause: 未发生行政复议、行政诉讼案件
    if negated:
        for code in named:
            if not any(f.table == "review_litigation" and f.row == code for f in found):
                found.append(Found("review_litigation", code, "total", 0, cstart, cstart + len(clause)))
        listed.clear()
        listed.append("negated")
        return
    if listed and listed[-1] == "negated":
        listed.clear()
    listed.extend(named)


def _all_of_total(clause: str, cstart: int, found: list[Found]) -> None:
    """均予以公开 / 全部公开 / 均维持: the outcome is the whole total read before it."""
    if v.ALL_GRANTED.search(clause) and "不" not in clause and "部分" not in clause:
        req = {f.row: f for f in found if f.table == "requests"}
        others = [f for f in found if f.table == "requests" and f.row not in
                  ("received_new", "carried_over", "handled_total", "carried_forward") and f.value]
        total = req.get("handled_total") or (req.get("received_new") if "carried_over" not in req else None)
        if total and not others and "granted" not in req:
            found.append(Found("requests", "granted", "total", total.value, cstart, cstart + len(clause)))
        return
    all_of = re.search(r"(均|全部|都)(为|属于?|系|已)?", clause)
    if all_of and not v.COUNT.search(clause):
        # 收到申请2件，因均不属于我局职责范围: one outcome for all of them (other than granted, above)
        code = _request_role(clause[all_of.start():], "")
        req = {f.row: f for f in found if f.table == "requests"}
        total = req.get("handled_total") or (req.get("received_new") if "carried_over" not in req else None)
        if (code and code not in _NOT_OUTCOMES and code != "granted" and total and not v.SOME_OF.search(clause)
                and not any(r not in _NOT_OUTCOMES for r in req)):
            found.append(Found("requests", code, "total", total.value, cstart, cstart + len(clause)))
            return
    totals = [f for f in found if f.table == "review_litigation" and f.col == "total"]
    if not totals:
        return
    t = totals[-1]
    # results already given for this proceeding (复议2件，维持1件，撤销1件) are not all of it; those
    # of another proceeding earlier in the sentence do not matter (…；诉讼1件，法院判决驳回…)
    if any(f.table == "review_litigation" and f.row == t.row and f.col != "total" for f in found):
        return
    if v.ALL_UPHELD.search(clause):
        found.append(Found("review_litigation", t.row, "upheld", t.value, cstart, cstart + len(clause)))
    elif v.SOLE_RESULT.search(clause) and (t.value == 1 or "均" in clause):
        # 复议1件，复议结果为维持: one case and its result (two or more need 均 to be all of them)
        r = v.nearest(v.RESULT_RULES, clause, "")
        if r:
            found.append(Found("review_litigation", t.row, r, t.value, cstart, cstart + len(clause)))


def _total_with_carried(norm: str, found: list[Found]) -> None:
    """受理申请12件（含上年结转2件）: the 12 is new and carried-over requests together, not the
    new ones; it is not loaded (the carried-over count is)."""
    for i, f in enumerate(found):
        # the whole may also have had no role of its own (全年办理申请6件，其中上年度结转1件): not a doubt
        if f.row == "carried_over" and i > 0 and (
                found[i - 1].row == "received_new" or (found[i - 1].table == UNPLACED and found[i - 1].row == "requests")):
            if re.search(r"(含|包括|其中)[^，。；]{0,8}$", norm[found[i - 1].end: f.start]):
                del found[i - 1]
                return


def _reason_of_withheld(label: str, found: list[Found], after: str = "") -> str | None:
    """The reason row of a count that follows a withheld count in the same sentence and is
    labelled by exactly one withheld reason and no outcome of its own (涉及商业秘密2件), or, with no
    label, whose reason follows it (（1件涉及个人隐私，1件属于过程性信息）)."""
    if not any(f.row == "withheld_unspecified" and f.value for f in found):
        return None
    if re.fullmatch(r"(其中)?", label) and re.match(r"(为|系|是|因)?(涉及|属于?)", after):
        label = after
    if v.last_end(v.REQUEST_RULES, label) >= 0 or v.last_end(v.PROCEEDING_RULES, label) >= 0:
        return None
    reasons = {code for code, rx in v.WITHHELD_REASONS if rx.search(label)}
    return reasons.pop() if len(reasons) == 1 else None


def _reasons(norm: str, found: list[Found]) -> None:
    """One withheld count and exactly one stated reason in the sentence: that reason's row."""
    withheld = [f for f in found if f.row == "withheld_unspecified" and f.value]
    if len(withheld) != 1 or any(f.row.startswith("withheld_") and f.row != "withheld_unspecified" for f in found):
        return  # the reasons were counted one by one (then the group count gives way if they add up)
    reasons = {code for code, rx in v.WITHHELD_REASONS if rx.search(norm)}
    # a reason for some of them only (部分涉及个人隐私, 其中有的属于内部信息) is not the group's
    if len(reasons) == 1 and not v.SOME_OF.search(norm[withheld[0].end:]):
        withheld[0].row = reasons.pop()


def _fees(norm: str, prev_norm: str, found: list[Found]) -> None:
    # the fee paragraph often sits under its own heading (二、收费情况): the heading gives context
    if not (("申请" in norm or "信息" in norm or "收费" in prev_norm) and v.FEE_WORDS.search(norm)):
        return
    m = v.MONEY.search(norm)
    if m and v.FEE_WORDS.search(norm[max(0, m.start() - 30): m.start()]):
        found.append(Found("active_disclosure", "request_fees", "fee_amount", float(m.group(1)),
                           m.start(), m.end(), unit=m.group(2)))
    elif not m:
        z = v.FEE_ZERO.search(norm)
        if z and ("申请" in norm or "信息" in norm[z.start(): z.end() + 10] or "收费" in prev_norm):
            found.append(Found("active_disclosure", "request_fees", "fee_amount", 0.0, z.start(), z.end(), unit="元"))


def _proactive(norm: str, found: list[Found]) -> None:
    """主动公开政府信息12条."""
    for m in v.PROACTIVE.finditer(norm):
        n = v.ITEMS.match(norm, m.end())
        if n and not n.group(2):
            value = v.cn_int(n.group(1))
            if value is not None:
                found.append(Found("active_disclosure", "proactive_items", "count", value, m.start(), n.end(), unit=n.group(3)))
            break
