"""Who, where and when a report is: agency, year, publication date, title, region, level, sector, key.

Sources, in order of trust:
- agency and year: the title, i.e. the short lines before the first body paragraph joined
  ('洪泽区人民政府' / '2023 年政府信息公开工作年度报告' is one title); the signature above the
  closing date when the title names no agency. The body's abbreviations (市经合局) never win.
- report year: the title's year (the year the statistics cover, whatever the publication date),
  else the statistical period ('统计期限自2017年1月1日'), else 'YYYY年度…信息公开' in the preamble.
- publication date: the signature date when it gives a day (the agency's own date of issue),
  else the site's stamp ('发布时间:2020-07-21', which often records a later re-posting or a site
  migration: 2020 for a 2017 report), else a month-only signature ('2019 年 3 月' → 2019-03-01).
- region: from the agency name (division names it starts with, told apart by the text where a
  county name is ambiguous); for names that carry only their level (省机关事务管理局, 市科委 of a
  直辖市), the division of that level the text names most often; coded as in the report year
  (region.py). Unresolved → None plus Issue('region_unresolved').

Noise is not the agency: header fields of crawlers and CMSs, breadcrumbs, site names and logo
lines, field labels and section words glued before the title are dropped (the title is the fewest
lines that still name somebody). A page without a title line gives the title its preamble cites
or the author it names (由…编制). A division name misread by OCR (沪州市) is corrected only on the
report's own evidence (lookalike.py); a traditional or pinyin-glossed copy is read simplified.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.model import Document, Issue, ReportMeta
from pipeline.parse import agency as agencies
from pipeline.parse import lookalike
from pipeline.parse.dates import find_dates
from pipeline.parse.script import simplify_document
from pipeline.text_rules import is_page_number

_FURNITURE = re.compile(
    r"^(发布(时间|日期)|来源|浏览次数|点击数|字号|索引号|打印|关闭|分享|【|\[|Produced By|首页|当前位置|阅读次数)"
)
# Above the title also: the site's accessibility links, breadcrumbs and CMS metadata lines.
_TITLE_FURNITURE = re.compile(
    _FURNITURE.pattern[:-1]
    + r"|您(现在|当前)?(所在|的)?的?位置|所在位置|网站首页|无障碍|长辈版|信息来源|发布机构|文号|有效性|作者|责任编辑"
    r"|字体|视力保护|扫一扫|时间[:：]|日期[:：]|分类[:：]|主题分类|公开方式|公开范围|访问量|阅读量)"
)
# Crawler and CMS header fields on a title's own line ('发布时间:2014-02-27 15:53 来源:某县政府'):
# the field and its value (up to the next space) are cut before the title is read.
_HEADER_FIELD = re.compile(
    r"(发布(?:时间|日期)|发文日期|成文日期|信息来源|来源|时间|日期|浏览次数|点击数|阅读次数|访问量|作者|责任编辑|编辑"
    r"|字号|字体|索引号|发布机构|文号|分类)\s*[:：]\s*[^\s]*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
# Noise a site or converter glues before the agency's name: a breadcrumb, the site's name, a CMS
# field label, a section word, a year. Stripped from the front, repeatedly.
_NOISE_HEAD = (
    re.compile(r"^.*[>»＞→/|｜_]"),  # '_' joins a page title's parts (and spam mirrors' keywords)
    re.compile(r"^.*?(门户网站|政府网站|官方网站|政务网站|政务网|政府网|欢迎您|欢迎访问)"),
    re.compile(r"^(文章标题|信息标题|标题|信息名称|文件名称|文档名称|名称|主题|题目|正文|详情|内容)[:：]?"),
    re.compile(r"^(政府信息公开工作年度报告|政府信息公开年度报告|政务公开年度报告|政府信息公开年报|政务公开年报"
               r"|信息公开年报|年度报告|工作年报|年报|政府信息公开|政务公开|信息公开|通知公告|公示公告|公告公示"
               r"|工作动态|部门动态|法定主动公开内容|主动公开|规划计划|其他)"),
    re.compile(r"^((?:19|20)\d\d)年?度?"),
)
_SITE_END = re.compile(r"(网|平台|专栏|栏目|频道|客户端|公众号)$")
_TAGS = re.compile(r"^(?:【[^】]{1,14}】)+")
# What a page title puts after the report's own title ('…年度报告_政府信息公开年报_某区人民政府',
# '…年度报告-某市人民政府'): the section and the site, cut off.
_SITE_SUFFIX = re.compile(r"(年度报告|工作报告|年报|报告)(?:[（(][^）)]{0,12}[）)])?[_\-–—|｜].*$")
_MARKUP = re.compile(r"[*#|\u200b\ufeff]+")
_SPACE = re.compile(r"[\s\u3000]+")
_REPORT = re.compile(r"(政府信息公开|政务公开|信息公开|政务信息公开)[^。；;]{0,14}?(年度报告|工作报告|报告|年报)")
_REPORT_WORD = re.compile(r"(?=政府信息公开|政务公开|政务信息公开)|(?<!政府)(?<!政务)(?=信息公开)")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年(?:年?度)?")
_SIGN_SUFFIX = re.compile(r"(政府|局|委员会|委|办公室|办公厅|厅|办|中心|院|处|所|站|队|馆|署|部|会|社)$")
_STAMP = re.compile(r"(发布(?:时间|日期)|发文日期|成文日期|日期)\s*[:：]")
# ('数据统计时间截至2021年1月10日' is when the figures were drawn, not the year they cover)
_PERIOD = re.compile(r"统计(?:期限|时限|时间范围|时间|区间|时段|周期|期)(?:(?!截至|截止)[^。]){0,6}?((?:19|20)\d\d)\s*年")
# A whole calendar year stated as the span ('2019年1月1日至12月31日'), or its last day as the
# cut-off of the figures ('所列数据截止日期为2025年12月31日'): the year the statistics cover.
_SPAN_YEAR = re.compile(r"((?:19|20)\d\d)年1月1日起?(?:至|到|—|－|-|～|~)(?:(?:19|20)\d\d年)?12月31日"
                        r"|(?:截止|截至|截止日期为|截止到)((?:19|20)\d\d)年12月31日")
_PREAMBLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?[^。，,]{0,12}(政府信息公开|政务公开)")
_BODY_START = re.compile(r"^(根据|按照|依据|本报告|为|一、|（一）|\(一\)|1[、.．])")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


# A year in Chinese numerals ('二〇一九年', '二零一五年度'): read as digits wherever a year is read.
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"(?:一九|二[〇零○ＯO])[〇零○ＯO一二三四五六七八九]{2}(?=年)")


# _clean runs on every line of every report: the markup and whitespace it drops (_MARKUP, _SPACE:
# every character `\s` matches, listed by tests/test_parse_speed.py) and the full-width digits it
# maps, in one C-level translate instead of two regex passes and a translate.
_CLEAN_TABLE = {**dict.fromkeys(map(ord, "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002"
                                         "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029"
                                         "\u202f\u205f\u3000*#|\u200b\ufeff")),
                **_FULLWIDTH}


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    # cached: headers, footers and template lines recur within and across reports
    text = text.translate(_CLEAN_TABLE)
    if "年" not in text:  # _CN_YEAR ends before 年
        return text
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group()), text)


def _content_lines(doc: Document) -> list[tuple[int, str, int | None]]:
    out = []
    for ln in doc.lines:
        t = _clean(ln.text)
        if t and not is_page_number(t, lone=True):
            out.append((ln.no, t, ln.page))
    return out


def _title_lines(doc: Document) -> list[str]:
    """The document's first lines as title candidates: header fields cut, furniture dropped."""
    out = []
    for ln in doc.lines[:40]:
        t = _clean(_HEADER_FIELD.sub(" ", ln.text))
        # a tag in brackets before the title ('【2020年度】…', '【政府信息公开年报】…') is unwrapped
        # when the line goes on to name the report; '【字体：大 中 小】【打印】' stays furniture
        tagged = _TAGS.match(t)
        if tagged and _REPORT.search(t[tagged.end():]):
            t = re.sub(r"[【】]", "", tagged.group()) + t[tagged.end():]
        if not t or is_page_number(t, lone=True) or _TITLE_FURNITURE.match(t):
            continue
        out.append(t)
    return out


def _title(lines: list[str]) -> str | None:
    """The title: the fewest consecutive short lines ending on the one that names the report and
    naming an agency (a site name or logo line above the title is left out; a title wrapped over
    lines, '牡丹江市经济合作促进局' / '2018年政府信息公开工作年度报告', is joined)."""
    head: list[str] = []
    nameless = None  # the first report line that names nobody ('2016年政府信息公开工作年度报告')
    for t in lines[:15]:
        if len(t) > 60 or "。" in t or _BODY_START.match(t):
            break
        head.append(t)
        if len(head) > 5:
            head.pop(0)
        joined = "".join(head)
        if not _REPORT.search(joined):
            continue
        # a title wrapped after 信息公开 ('…政府信息公开' / '工作年度报告') ends on 报告
        for k in range(len(head) - 1, -1, -1):
            part = "".join(head[k:])
            if _REPORT.search(part) and (name := _agency_from_title(part)):
                return _wrapped_name(head[k - 1], part, name) if k else part
        if nameless is None:
            # the shortest run of lines ending here that names the report; a site's date line
            # above it is not part of it. A later title line may still name the agency.
            nameless = next("".join(head[k:]) for k in range(len(head) - 1, -1, -1)
                            if _REPORT.search("".join(head[k:])))
    return nameless


def _placed(name: str | None) -> bool:
    info = agencies.analyse_agency(name) if name else None
    return bool(info and info.region)


def _wrapped_name(above: str, part: str, name: str) -> str:
    """A title wrapped inside the agency's name ('芜湖市镜湖区' / '民政局2020年…年度报告'): the line
    above is joined when the name alone names no place nor level and the joined one names a
    division. A complete name above (a site's logo line) is never joined: the name below then
    already names its place."""
    if name[0] in "省市县区州盟旗" or name.startswith("自治区") or _placed(name):
        return part
    if _REPORT.search(above) or len(above) > 30:
        return part
    joined = above + part
    return joined if _placed(_agency_from_title(joined)) else part


# '现公布泰州市人民政府2017年政府信息公开工作年度报告' / '本报告由瑞安市科学技术局编制'
_CITED_TITLE = re.compile(r"(?:公布|发布|印发|编制)《?([^，,。；;《》：:]{2,40}?" + _REPORT.pattern + r")")
_AUTHOR = re.compile(r"由([^，,。；;《》：:（）()]{2,30}?)(?:结合[^。；;]{0,20}?)?(?:负责)?编制"
                     r"|本(?:年度)?(?:报告|年报)由([^，,。；;《》：:（）()]{2,30}?)(?:根据|依据|按照|依照)")
# The report's own voice ('我街道', '本局'): a pronoun, not a name.
_PRONOUN = re.compile(r"^(我|本|该|贵)")


def _from_preamble(lines: list[tuple[int, str, int | None]]) -> tuple[str | None, str | None]:
    """(title, agency) from the first sentences when the page has no title line: a report title
    the preamble cites, else the author it names ('由…编制', an agency-shaped name only)."""
    head = "".join(t for _, t, _ in lines[:6])
    m = _CITED_TITLE.search(head)
    if m and (name := _agency_from_title(m.group(1))) and not _PRONOUN.match(name):
        return m.group(1), name
    m = _AUTHOR.search(head)
    author = m and (m.group(1) or m.group(2))
    if author and _SIGN_SUFFIX.search(author) and not re.search(r"[（）()\s　]", author) and not _PRONOUN.match(author):
        return None, author
    return None, None


# '2024年，某区人民政府办公室坚持…' / '2025年度，某某街道全面贯彻…': the subject of the overview's
# first sentence, for pages that lost their title and whose preamble names nobody.
_YEAR_SUBJECT = re.compile(
    r"^(?:19|20)\d\d年度?[，,]?([^，,。；;：:《》“”在按根我本该]?[^，,。；;：:《》“”]{1,29}?)"
    r"(?:认真|深入|全面|坚持|紧紧|严格|积极|按照|围绕|持续|高度|进一步|继续|始终|切实|扎实|不断)")
_SUBJECT_END = re.compile(r"(政府|局|委员会|委|办公室|办公厅|厅|中心|院|署|街道|街道办事处|镇|乡|办事处)$")


_OVERVIEW_YEAR = re.compile(r"^((?:19|20)\d\d)年度?[，,]")


def _overview_year(lines: list[tuple[int, str, int | None]]) -> int | None:
    """The year the overview opens with ('一、总体情况' / '2020年，我局认真贯彻…'): only within the
    first lines after the section's heading (a preamble's '2019年，新修订的条例…' is history)."""
    for u in _overview_lines(lines):
        m = _OVERVIEW_YEAR.match(u)
        if m:
            return int(m.group(1))
    return None


def _overview_lines(lines: list[tuple[int, str, int | None]]) -> list[str]:
    """The first lines after the overview's heading ('一、总体情况'), where the report's own year
    and subject open the body (a preamble's '2019年，国务院…' is somebody else's history)."""
    for i, (_, t, _) in enumerate(lines[:40]):
        if re.match(r"^一[、.．]", t):
            return [u for _, u, _ in lines[i + 1: i + 4]]
    return []


def _subject_of_the_year(lines: list[tuple[int, str, int | None]]) -> tuple[str, int] | None:
    for t in _overview_lines(lines):
        m = _YEAR_SUBJECT.match(t)
        if not m:
            continue
        subject = m.group(1)
        # an abbreviation of the body's own level ('区商务委') is how it calls itself, not its name
        if (_SUBJECT_END.search(subject) and not _PRONOUN.match(subject) and subject[0] not in "省市县区州"
                and not re.search(r"党委|[市县区]委|党组|领导|全[市县区镇乡]|各级", subject)):
            return subject, int(t[:4])
        return None  # the first such sentence decides
    return None


def _junk_before_place(name: str) -> str:
    """'免费观看宣州区科技局' (a spam mirror's keywords glued to the title): an unplaced name that
    holds a placed one starting at a division name, with nothing agency-like before it, is that
    one."""
    if _placed(name) or name[0] in "省市县区州":
        return name
    tokens = agencies.agency_tokens(name)
    lex = agencies._lexicon()
    pos = 0
    for i, tok in enumerate(tokens):
        if i and agencies.gaz.is_region_name(tok):
            rest = name[pos:]
            # an unknown place before it (沪州市 misread by OCR) is left to lookalike.py
            if (not any(t in lex for t in tokens[:i]) and not re.search(r"[省市县区州旗盟镇乡]", name[:pos])
                    and _placed(rest)):
                return rest
            return name
        pos += len(tok)
    return name


def _heading_for(name: str | None, lines: list[tuple[int, str, int | None]]) -> str | None:
    """A page that prints only its agency above the preamble ('和平区民政局' / '…现公布区政府民政局
    2022年…'): the heading names it fully where the preamble uses the level word. Only when the
    heading is agency-shaped and ends like the preamble's name (a site's logo line does not)."""
    if not name or name[0] not in "省市县区州" or not lines:
        return name
    head = lines[0][1]
    if (len(head) <= 30 and _SIGN_SUFFIX.search(head) and not re.search(r"[。，,；;：:]", head)
            and not _REPORT.search(head) and len(name) >= 4 and head.endswith(name[-3:]) and _placed(head)):
        return head
    return name


def _strip_noise(name: str) -> str:
    for _ in range(8):
        before = name
        for rx in _NOISE_HEAD:
            cut = rx.sub("", name, count=1)
            if len(cut) >= 2:
                name = cut
        if name == before:
            break
    return name


@lru_cache(maxsize=4096)
def _agency_from_title(title: str) -> str | None:
    # a pure function of the title, asked again for the same lines while the title is looked for
    cut = _SITE_SUFFIX.sub(lambda m: m.group(0)[: m.end(1) - m.start(0)], title)
    # a section word before the separator ('政府信息公开年报_某局2020年…') is not the title: cut
    # only when the part before it still names somebody
    name = (_agency_in(cut) if cut != title else None) or _agency_in(title)
    return _junk_before_place(name) if name else None


def _agency_in(title: str) -> str | None:
    # the last mention of the report words whose text before it names somebody: a section word
    # glued before the title ('政府信息公开年报某某局2015年政府信息公开…') is one such mention
    # every place the report words may start, overlapping ('…与政务公开办公室关于政府信息公开工作
    # 年度报告': the later start is the report's); a name ending on a conjunction ('…政务公开暨')
    # is not one
    starts = [w.start() for w in _REPORT_WORD.finditer(title) if _REPORT.match(title, w.start())]
    for start in reversed(starts):
        m = _REPORT.match(title, start)
        if _SITE_END.search(re.sub(r"((?:19|20)\d\d)年(?:年?度)?$", "", title[: m.start()])):
            return None  # a site's name before a title that names nobody: not a shorter name in it
        name = _name_before(title[: m.start()])
        if name and name[-1] in "暨与和及、":
            continue
        if name:
            # '泾县人民政府信息公开年度报告': the report words took the 政府 of 人民政府
            if name.endswith("人民") and title[m.start():].startswith("政府"):
                name += "政府"
            return name
    return None


def _name_before(before: str) -> str | None:
    before = _strip_noise(re.sub(r"^关于", "", before))
    before = re.sub(r"^关于", "", before)
    # '<agency><year>年(度)' or '<year>年(度)<agency>'
    y = _TITLE_YEAR.search(before)
    if y and y.end() == len(before):
        name = before[: y.start()]
    elif y and y.start() == 0:
        name = before[y.end():]
    else:
        name = before
    if "关于" in name[2:]:  # '某办公厅关于做好…': the issuer is the name before 关于
        name = name[: name.index("关于", 2)]
    name = re.sub(r"(关于(?:印发|公布|发布|报送|上报)?|的|关于的)$", "", name).strip("《》“”\"'（）()：:、，,")
    if name.count("（") > name.count("）"):  # an alias in brackets keeps its closing bracket
        name += "）"
    elif name.count("(") > name.count(")"):
        name += ")"
    name = _strip_noise(name)
    if len(name) < 2 or _TITLE_YEAR.fullmatch(name) or re.fullmatch(r"[\d年度月日:：.\-]+", name):
        return None
    if re.search(r"网站|门户|欢迎", name) or _SITE_END.search(name):
        return None  # a site's name above a title without a name ('某县人民政府信息公开网')
    if name.startswith("中国") and len(name) <= 6 and not _SIGN_SUFFIX.search(name):
        return None  # a site's slogan ('中国·绩溪'), not an agency
    return name


def _signature(lines: list[tuple[int, str, int | None]]):
    """(agency, date) of the signature block: a short name line and a date line among the last
    lines of the report."""
    name, found = None, None
    tail = [t for _, t, _ in lines[-10:] if not _FURNITURE.match(t)]
    for i in range(len(tail) - 1, -1, -1):
        t = tail[i]
        ds = find_dates(t)
        if found is None and ds and len(t) - (ds[-1].end - ds[-1].start) <= 2:
            found = ds[-1]
            for j in range(i - 1, max(i - 3, -1), -1):
                cand = tail[j]
                if len(cand) <= 30 and _SIGN_SUFFIX.search(cand) and not re.search(r"[。，,；;：:]", cand):
                    name = cand
                    break
            break
    return name, found


def _stamp(lines: list[tuple[int, str, int | None]]):
    for _, t, _ in lines[:8] + lines[-8:]:
        m = _STAMP.search(t)
        if m:
            ds = find_dates(t[m.end():])
            if ds and ds[0].precision == "day":
                return ds[0]
    return None


def _period_year(text_head: str) -> int | None:
    """The year of a stated whole-year span ('2020年1月1日至12月31日'), strong enough to overrule a
    title's year; a lone cut-off ('截至2019年12月31日，累计…') is not."""
    for m in _SPAN_YEAR.finditer(text_head):
        if m.group(1):
            return int(m.group(1))
    return None


def _report_year(title: str | None, text_head: str) -> int | None:
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return int(m.group(1))
    for rx in (_PERIOD, _SPAN_YEAR):
        m = rx.search(text_head)
        if m:
            return int(m.group(1) or m.group(2))
    m = _PREAMBLE_YEAR.search(text_head)
    return int(m.group(1)) if m else None


def read_report_meta(doc: Document, simplified: bool = False) -> tuple[ReportMeta, list[Issue]]:
    """Metadata and the issues found on the way (e.g. a region that could not be resolved).
    `simplified`: the caller knows simplify_document returns `doc` itself (nothing to convert)."""
    if not simplified:
        doc = simplify_document(doc)  # a traditional mirror names the same agency
    lines = _content_lines(doc)
    title = _title(_title_lines(doc))
    name = _agency_from_title(title) if title else None
    sig_name, sig_date = _signature(lines)
    if name is None and sig_name and title:
        name = sig_name
    if name is None and title is None:
        # pages whose title the site kept apart: the preamble names the report or its author
        title, name = _from_preamble(lines)
        name = _heading_for(name, lines)
        if name is None and sig_name and not _PRONOUN.match(sig_name):
            name = sig_name  # neither title nor preamble names it: the signature does
    subject_year = None
    if name is None and (found := _subject_of_the_year(lines)):
        name, subject_year = found
    head_text = "".join(t for _, t, _ in lines[:40])
    year = _report_year(title, head_text) if (title or name) else None
    if year is None and name:
        # the overview's '2024年，某办公室坚持…' / '2020年，我局…' is about the report year
        year = subject_year or _overview_year(lines)
    period = _period_year(head_text) if year is not None else None
    year_issue = None
    if period is not None and period != year:
        # a title dated by its publication ('2021年…年度报告' whose figures run 2020-01-01 to
        # 2020-12-31): the statistics' own period is the report year
        year_issue = f"title says {year}, the statistics cover {period}: report year {period}"
        year = period

    stamp = _stamp(lines)
    if sig_date is not None and sig_date.precision == "day":
        published = sig_date.value
    elif stamp is not None:
        published = stamp.value
    else:
        published = sig_date.value if sig_date else None

    context = "".join(t for _, t, _ in lines)
    issues: list[Issue] = []
    first = lines[0] if lines else (None, "", None)
    if year_issue:
        issues.append(Issue(kind="report_year_conflict", message=year_issue, line=first[0], page=first[2],
                            raw=title or ""))
    reading = lookalike.read_head(name, context, year) if name else None
    if reading is not None and reading.status == "corrected":
        # an OCR look-alike: the agency is the real place; the raw stays in the title and the issue
        issues.append(Issue(
            kind="region_ocr_corrected",
            message=f"{reading.raw} read as {reading.name} (look-alike character; the report names "
                    f"{reading.evidence}); agency name was {name!r}",
            line=first[0], page=first[2], raw=name or "",
        ))
        name = reading.fix(name)
    meta = ReportMeta(agency_name=name, report_year=year, publication_date=published, title=title)
    unread = reading is not None and reading.status != "corrected"
    info = agencies.analyse_agency(name, context=context, year=year) if name else None
    if info is not None and not unread:
        meta.region_code = info.region.code if info.region else None
        meta.agency_level, meta.agency_sector, meta.agency_key = info.level, info.sector, info.key
    if unread:
        # the misread place is never guessed: no region, and a key of the name as printed
        why = ("two or more look-alike divisions fit" if reading.status == "ambiguous"
               else "the report names neither its province nor its prefecture")
        meta.agency_sector, meta.agency_key = info.sector, f"?:{name}"
        issues.append(Issue(
            kind="region_unresolved",
            message=f"{reading.raw} is no division; it may be an OCR misreading of "
                    f"{'/'.join(reading.candidates)}, but {why}: left unresolved",
            line=first[0], page=first[2], raw=name or "",
        ))
    elif meta.region_code is None:
        issues.append(
            Issue(
                kind="region_unresolved",
                message=f"no administrative division found for agency {name!r}" if name
                else "no agency name found in the title or signature",
                line=first[0],
                page=first[2],
                raw=title or "",
            )
        )
    return meta, issues


def read_metadata(doc: Document) -> ReportMeta:
    return read_report_meta(doc)[0]
