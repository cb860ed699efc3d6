"""Report text as extraction leaves it: the national tables with the extraction damage of docs/domain.md §7, the
prose around them with its trap numbers, and the HTML page a site serves.

Every choice here comes from the layout stream `lay`, and the number of draws never depends on the
values, so a report re-issued with new numbers keeps its exact layout.
"""
from __future__ import annotations

import html
import random

from pipeline.bench.values import APPLICANT_COLS, OUTCOMES_2019, OUTCOMES_2021, RESULT_COLS, Values
from pipeline.codes import OUTCOMES, PROCEEDINGS

FULLWIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ORG_COLS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULT_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# Table 三 labels as the templates print them, split into the cells of the label columns.
LABELS: dict[str, list[str]] = {
    "received_new": ["一、本年新收政府信息公开申请数量"],
    "carried_over": ["二、上年结转政府信息公开申请数量"],
    "granted": ["三、本年度办理结果", "（一）予以公开"],
    "partially_granted": ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    "withheld_state_secret": ["（三）不予公开", "1.属于国家秘密"],
    "unavailable_not_held": ["（四）无法提供", "1.本机关不掌握相关政府信息"],
    "rejected_petition": ["（五）不予处理", "1.信访举报投诉类申请"],
    "other_handling": ["（六）其他处理"],
    "other_no_correction": ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    "other_unpaid_fee": ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    "other_other": ["3.其他"],
    "handled_total": ["（七）总计"],
    "carried_forward": ["四、结转下年度继续办理"],
}
for _code, _label in OUTCOMES.items():
    if _code not in LABELS:  # the numbered sub-rows: their label is the code's national label
        LABELS[_code] = [_label.split(" ")[-1]]
GROUP_LABELS = ["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]
WRAPPABLE = ("partially_granted", "other_no_correction", "other_unpaid_fee", "withheld_security_stability")

FILLER = [
    "我{s}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，持续深化决策、执行、管理、服务、结果公开。",
    "全年通过门户网站主动公开政府信息{k}条，其中机构职能类信息{a}条，政策文件{b}条，政策解读{c}篇。",
    "进一步规范依申请公开办理流程，严格落实登记、审核、办理、答复、归档等环节要求，确保依法依规按时答复。",
    "全年接待群众来访咨询{m}人次，办理人大代表建议{a}件、政协委员提案{b}件，办结率100%。",
    "政务新媒体全年发布信息{k}条，阅读量{m}万人次，召开新闻发布会{c}场。",
    "严格执行《{p}政府信息公开保密审查办法》（{ab}办发〔{y}〕{n}号），坚持“先审查、后公开”和“一事一审”原则。",
    "公开咨询电话：{tel}，受理时间为工作日上午9:00-12:00，下午13:30-17:30。",
    "按照上级部门的统一部署，开展政务公开业务培训{c}次，参训人员{m}人次，进一步提升了工作人员的业务能力。",
    "加强政府信息公开平台建设，优化栏目设置{c}个，更新完善“法定主动公开内容”专栏信息{k}条。",
    "持续做好重点领域信息公开，及时发布财政预决算、重大建设项目、公共资源配置等信息，接受社会监督。",
    "我{s}高度重视政府信息公开工作，成立了由主要负责同志任组长的政务公开工作领导小组，办公室设在综合科。",
]
PROBLEMS = [
    "一是政策解读的形式还不够丰富，图表、音视频等多元化解读偏少；二是信息更新的及时性有待进一步提高。",
    "存在的主要问题是公开内容的深度和广度还不够，部分栏目更新不够及时。下一步，我{s}将进一步加强学习培训，完善工作机制。",
    "工作人员业务水平有待提高，依申请公开答复的规范性需要进一步加强。下一步将加强培训，规范答复文书。",
]
ABBR = {"山东省": "鲁", "江苏省": "苏", "浙江省": "浙", "广东省": "粤", "黑龙江省": "黑", "青海省": "青",
        "河南省": "豫", "四川省": "川", "湖北省": "鄂", "湖南省": "湘", "河北省": "冀", "安徽省": "皖",
        "福建省": "闽", "陕西省": "陕", "云南省": "滇", "辽宁省": "辽", "江西省": "赣", "广西壮族自治区": "桂",
        "北京市": "京", "上海市": "沪", "天津市": "津", "重庆市": "渝"}


def short(agency: str) -> str:
    """How a report names its own body: 我市 / 我县 for a government, 我局 / 我委 / 我办 for departments."""
    if agency.endswith("人民政府"):
        return agency[-5]
    for suffix, word in (("委员会", "委"), ("办公室", "办"), ("中心", "中心"), ("联合社", "社")):
        if agency.endswith(suffix):
            return word
    return agency[-1]


def phone(lay: random.Random) -> str:
    return f"0{lay.randint(10, 999):d}-{lay.randint(2000000, 89999999)}"


def fill(text: str, lay: random.Random, agency: str, province: str, year: int) -> str:
    return text.format(
        s=short(agency), k=lay.randint(20, 3000), a=lay.randint(1, 90), b=lay.randint(1, 90), c=lay.randint(1, 30),
        m=lay.randint(30, 20000), tel=phone(lay), p=province, ab=ABBR[province][0], y=year, n=lay.randint(1, 60))


def paragraphs(lay: random.Random, pool: list[str], k: int, agency: str, province: str, year: int) -> list[str]:
    return [fill(t, lay, agency, province, year) for t in lay.sample(pool, k)]


# ---------------------------------------------------------------------------------------------
# Text tables


class Style:
    """How one report's tables came through extraction; drawn once per report."""

    def __init__(self, lay: random.Random, all_blank: bool):
        self.sep = lay.choices(["tab", "spaces", "pipes", "lines"], weights=[45, 20, 15, 20])[0]
        markers = ["/", "-", "—", "无"] + ([""] if self.sep in ("tab", "pipes") else [])
        self.blank = lay.choice(markers)
        if all_blank:  # labels with no numbers at all: nothing can shift, so empty is fine anywhere
            self.blank = lay.choice(["", "", "/"])
        self.fullwidth = lay.random() < 0.12
        self.split_group = lay.choice(GROUP_LABELS) if lay.random() < 0.3 else None
        self.split_at = lay.randint(2, 4)
        wrap = lay.choice(WRAPPABLE)
        self.wrap = wrap if lay.random() < 0.3 and self.sep in ("tab", "spaces") else None
        self.page_break = lay.randint(3, 20) if lay.random() < 0.4 else None
        self.page_no = lay.randint(2, 6)
        self.page_fmt = lay.choice(["- {p} -", "—{p}—", "第{p}页 共{q}页", "{p}"])
        if self.sep == "lines" and self.page_fmt == "{p}":
            self.page_fmt = "- {p} -"  # a bare number among one-number-per-line cells cannot be placed
        self.repeat_header = lay.random() < 0.5
        self.review_header_spaced = lay.random() < 0.3
        self.review_break = lay.random() < 0.2
        self.space_runs = [lay.randint(1, 6) for _ in range(16)]

    def num(self, v: int | float | None) -> str:
        if v is None:
            return self.blank
        s = str(v)
        return s.translate(FULLWIDTH) if self.fullwidth else s

    def join(self, cells: list[str]) -> list[str]:
        """One table row as lines of text in this report's separator style."""
        if self.sep == "tab":
            return ["\t".join(cells)]
        if self.sep == "spaces":
            out = cells[0] if cells else ""
            for i, c in enumerate(cells[1:]):
                out += " " * self.space_runs[i % 16] + c
            return [out]
        if self.sep == "pipes":
            return ["| " + " | ".join(cells) + " |"]
        return [c for c in cells if c != ""]

    def page_marker(self) -> list[str]:
        return ["", self.page_fmt.format(p=self.page_no, q=self.page_no + 4), ""]


def label_cells(code: str, style: Style) -> list[str]:
    """The label cells of a row, placed in the three label columns (group, item, sub-item)."""
    parts = LABELS[code]
    if style.sep == "pipes":
        cols = ["", "", ""]
        for p in parts:
            level = 0 if p[:2] in ("一、", "二、", "三、", "四、") else (1 if p.startswith("（") else 2)
            cols[level] = p
        return cols
    if style.sep == "tab" and not parts[0].startswith(("一、", "二、", "三、", "四、")):
        indent = 1 if parts[0].startswith("（") else 2
        return [""] * indent + parts
    return list(parts)


def requests_table(template: str, v: Values, style: Style) -> list[str]:
    outcomes = OUTCOMES_2019 if template == "2019" else OUTCOMES_2021
    codes = ["received_new", "carried_over", *outcomes, "handled_total", "carried_forward"]
    pad = ["", "", ""] if style.sep == "pipes" else ([""] if style.sep == "tab" else [])
    header = style.join([CORNER, *pad[1:], "申请人情况"])
    if style.sep == "pipes":
        header.append("|" + "---|" * 10)
    applicant_header = style.join([*pad, "自然人", "法人或其他组织", "总计"]) + \
        style.join([*pad, "", *ORG_COLS, ""] if style.sep != "lines" else ORG_COLS)
    lines = header + applicant_header
    for n, code in enumerate(codes):
        if style.page_break == n:
            lines += style.page_marker()
            if style.repeat_header:
                lines += applicant_header
        labels = label_cells(code, style)
        values = [None if code in v.blank_rows else v.requests[code][c] for c in [*APPLICANT_COLS, "total"]]
        numbers = [style.num(x) for x in values]
        tail: list[str] = []
        if style.split_group and style.split_group in labels:
            i = labels.index(style.split_group)
            head, rest = style.split_group[: style.split_at + 1], style.split_group[style.split_at + 1:]
            if style.sep == "lines":
                labels = labels[:i] + [head, rest] + labels[i + 1:]
            else:
                labels = labels[:i] + [head] + labels[i + 1:]
                # extraction puts the end of a wrapped merged cell on a line of its own
                tail = style.join([rest])
        if style.wrap == code:
            last = labels[-1]
            cut = len(last) // 2
            first_line = style.join(labels[:-1] + [last[:cut]])
            lines += first_line + style.join([last[cut:], *numbers])
        else:
            lines += style.join(labels + numbers)
        lines += tail
    return lines


def review_table(v: Values, style: Style) -> list[str]:
    def lab(s: str) -> str:
        return " ".join(s) if style.review_header_spaced else s

    results = [lab(r) for r in RESULT_LABELS]
    if style.sep == "lines":
        lines = ["行政复议", *results, "行政诉讼", "未经复议直接起诉", *results, "复议后起诉", *results]
    else:
        gap = [""] * 4
        lines = style.join(["行政复议", *gap, "行政诉讼", *gap, *gap, ""])
        if style.sep == "pipes":
            lines.append("|" + "---|" * 15)
        lines += style.join([*results, "未经复议直接起诉", *gap, "复议后起诉", *gap])
        lines += style.join([*[""] * 5, *results, *results] if style.sep != "spaces" else [*results, *results])
    if style.review_break:
        lines += style.page_marker()
    values = [None if v.review_blank else v.review[p][r] for p in PROCEEDINGS for r in [*RESULT_COLS, "total"]]
    return lines + style.join([style.num(x) for x in values])


def disclosure_table(template: str, v: Values, style: Style) -> list[str]:
    d = [style.num(x) for x in v.disclosure]
    if template == "2019":
        rows = [
            ["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", *d[0:3]], ["规范性文件", *d[3:6]],
            ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", *d[6:9]], ["其他对外管理服务事项", d[9], style.num(0), d[10]],
            ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"],
            ["政府集中采购", d[11], style.num(v.disclosure[11] * 3.5) + "万元"],
        ]
    else:
        rows = [
            ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", *d[0:3]], ["行政规范性文件", *d[3:6]],
            ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", d[6]],
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", d[7]], ["行政强制", d[8]],
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", d[9]],
        ]
    lines: list[str] = []
    for r in rows:
        lines += style.join(r)
    return lines


# ---------------------------------------------------------------------------------------------
# Whole reports


def template_report(meta: dict, v: Values, lay: random.Random) -> tuple[list[str], Style]:
    agency, province, year, template = meta["agency_name"], meta["province"], meta["report_year"], meta["template"]
    style = Style(lay, v.all_blank)
    pub = f"{year + 1}-0{lay.randint(1, 3)}-{lay.randint(10, 28)}"
    out = [f"{agency}{year}年政府信息公开工作年度报告", f"发布日期：{pub}", ""]
    out.append(
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告中所列数据的统计期限"
        f"自{year}年1月1日起至{year}年12月31日止。如对本报告有任何疑问，请与{agency}办公室联系（电话：{phone(lay)}）。")
    out += ["", "一、总体情况", ""]
    out += paragraphs(lay, FILLER, 4, agency, province, year)
    out += ["", "二、主动公开政府信息情况", ""] + disclosure_table(template, v, style)
    out += ["", "三、收到和处理政府信息公开申请情况", ""] + requests_table(template, v, style)
    out += ["", "四、政府信息公开行政复议、行政诉讼情况", ""] + review_table(v, style)
    out += ["", "五、存在的主要问题及改进情况", ""] + paragraphs(lay, PROBLEMS, 1, agency, province, year)
    out += ["", "六、其他需要报告的事项", ""]
    out.append("无。" if lay.random() < 0.5 else
               f"本年度未收取信息处理费。{year}年共发出收费通知0件，收费金额0元。")
    out += ["", agency, f"{year + 1}年{lay.randint(1, 3)}月{lay.randint(1, 28)}日", ""]
    return out, style


REQUEST_SENTENCES = [
    ("全年共收到政府信息公开申请{n}件，均已按期答复。", False),
    ("{y}年度，我{s}共受理政府信息公开申请{n}件，其中同意公开{a}件，同意部分公开{b}件，其余已依法告知。", False),
    ("本年度共收到依申请公开政府信息申请{n}件，已全部办结。", False),
    ("本年度没有收到政府信息公开申请。", True),
    ("{y}年我{s}未收到公民、法人或其他组织提出的政府信息公开申请。", True),
]
REVIEW_SENTENCES = {
    0: ["本年度未发生针对本机关政府信息公开事务的行政复议、行政诉讼。",
        "{y}年，我{s}没有因政府信息公开申请而被申请行政复议或提起行政诉讼的情况。",
        "全年因政府信息公开申请行政复议0件、提起行政诉讼0件。"],
    1: ["全年因政府信息公开申请行政复议{r}件、提起行政诉讼0件。",
        "本年度因政府信息公开事项被申请行政复议{r}件，未发生行政诉讼。"],
}
LEGACY_TRAPS = [
    "主动公开政府信息{k}条，其中通过政府网站公开{a}条。",
    "全年接待群众来访{m}人次，受理群众咨询{c}人次。",
    "依据{ab}政办发〔{y}〕{n}号文件要求，制定了本单位政府信息公开工作制度。",
    "设立政府信息公开咨询电话{tel}，方便群众查询。",
    "不予公开信息{a}条，均属于涉及国家秘密或商业秘密的信息。",
    "全年政府信息公开收费0元，无减免收费情况。",
    "网站全年访问量{m}人次，信息公开栏目点击率同比增长{c}%。",
]


def legacy_report(meta: dict, v: Values, lay: random.Random) -> list[str]:
    agency, province, year = meta["agency_name"], meta["province"], meta["report_year"]
    s = short(agency)
    title = lay.choice([f"{agency}{year}年政府信息公开工作年度报告", f"{agency}{year}年政务公开年度报告"])
    out = [title, f"发布日期：{year + 1}-0{lay.randint(1, 3)}-{lay.randint(10, 28)} 浏览次数：{lay.randint(10, 9999)}", ""]
    out.append(f"根据《中华人民共和国政府信息公开条例》的规定，现公布{agency}{year}年度政府信息公开工作年度报告。"
               f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    out += ["", "一、概述", ""] + paragraphs(lay, FILLER, 2, agency, province, year)
    out += ["", "二、主动公开政府信息情况", ""] + paragraphs(lay, LEGACY_TRAPS, 3, agency, province, year)
    out += ["", "三、依申请公开政府信息情况", ""]
    # The sentence family is a layout choice; zero/non-zero wording must follow the value.
    pick_n, pick_0 = lay.randrange(3), lay.randrange(3, 5)
    n = v.received or 0
    sentence = REQUEST_SENTENCES[pick_0 if n == 0 else pick_n][0]
    a = n - n // 3
    out.append(sentence.format(n=n, y=year, s=s, a=a, b=n - a))
    out += ["", "四、政府信息公开的收费及减免情况", "", "本年度未收取任何费用。"]
    pick_r0, pick_r1 = lay.randrange(3), lay.randrange(2)
    # A report that says nothing about review or litigation leaves them unknown: no section at all.
    if v.review_total is not None:
        out += ["", "五、因政府信息公开申请提起行政复议、行政诉讼的情况", ""]
    if v.review_total is None:
        pass
    elif v.review_total == 0:
        out.append(REVIEW_SENTENCES[0][pick_r0].format(y=year, s=s))
    else:
        out.append(REVIEW_SENTENCES[1][pick_r1].format(r=v.review_total))
    out += ["", "六、存在的主要问题及改进措施", ""] + paragraphs(lay, PROBLEMS, 1, agency, province, year)
    out += ["", agency, f"{year + 1}年{lay.randint(1, 3)}月{lay.randint(1, 28)}日", ""]
    return out


# ---------------------------------------------------------------------------------------------
# HTML pages


def td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}>{html.escape(text)}</td>"


def html_requests(template: str, v: Values, blank: str) -> str:
    outcomes = OUTCOMES_2019 if template == "2019" else OUTCOMES_2021
    codes = ["received_new", "carried_over", *outcomes, "handled_total", "carried_forward"]
    group_size = {"三、本年度办理结果": len(outcomes) + 1, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5,
                  "（六）其他处理": 1 if template == "2019" else 3}
    rows = [td(CORNER, 3, 3) + td("申请人情况", 1, 7),
            td("自然人", 2) + td("法人或其他组织", 1, 5) + td("总计", 2),
            "".join(td(c) for c in ORG_COLS)]
    for code in codes:
        parts = LABELS[code]
        cells = ""
        if len(parts) == 1 and parts[0][:2] in ("一、", "二、", "四、"):
            cells = td(parts[0], 1, 3)
        else:
            for p in parts:
                if p in group_size:
                    span = 2 if (p == "（六）其他处理" and template == "2019") else 1
                    cells += td(p, group_size[p], span)
                elif p.startswith("（"):  # an item with no sub-items spans the sub-item column
                    cells += td(p, 1, 2)
                else:
                    cells += td(p)
        vals = [None if code in v.blank_rows else v.requests[code][c] for c in [*APPLICANT_COLS, "total"]]
        cells += "".join(td(blank if x is None else str(x)) for x in vals)
        rows.append(cells)
    return "<table border=\"1\" class=\"tb\">\n" + "\n".join(f"<tr>{r}</tr>" for r in rows) + "\n</table>"


def html_review(v: Values, blank: str) -> str:
    rows = [td("行政复议", 1, 5) + td("行政诉讼", 1, 10),
            "".join(td(r, 2) for r in RESULT_LABELS) + td("未经复议直接起诉", 1, 5) + td("复议后起诉", 1, 5),
            "".join(td(r) for r in RESULT_LABELS * 2)]
    vals = [None if v.review_blank else v.review[p][r] for p in PROCEEDINGS for r in [*RESULT_COLS, "total"]]
    rows.append("".join(td(blank if x is None else str(x)) for x in vals))
    return "<table border=\"1\">\n" + "\n".join(f"<tr>{r}</tr>" for r in rows) + "\n</table>"


def html_page(meta: dict, body: str, lay: random.Random, charset: str) -> str:
    agency, province, year = meta["agency_name"], meta["province"], meta["report_year"]
    site = agency if agency.endswith("人民政府") else agency + "门户网站"
    ab = ABBR[province]
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{html.escape(agency)}{year}年政府信息公开工作年度报告_{html.escape(site)}</title>\n"
        '<script src="/js/jquery.min.js"></script>\n<style>.tb td{border:1px solid #000}</style>\n</head>\n<body>\n'
        '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>\n'
        f'<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报 &gt; {year}年</div>\n'
        f'<div class="info">发布时间：{year + 1}-0{lay.randint(1, 3)}-{lay.randint(10, 28)} 来源：{html.escape(agency)} '
        f"浏览次数：{lay.randint(10, 99999)} 【字体：大 中 小】</div>\n"
        f'<div class="content">\n{body}\n</div>\n'
        f'<div class="footer"><p>主办单位：{html.escape(agency)}办公室 网站标识码：{lay.randint(1000000000, 6599999999)}</p>'
        f"<p>{ab}ICP备{lay.randint(10000000, 99999999)}号-{lay.randint(1, 9)} {ab}公网安备 {lay.randint(10**13, 10**14 - 1)}号</p>"
        f"<p>联系电话：{phone(lay)}</p></div>\n</body>\n</html>\n"
    )


def html_report(meta: dict, v: Values, lay: random.Random, charset: str) -> str:
    """Prose as <p>, each statistical table a real <table> with merged group labels."""
    template = meta["template"]
    if template == "legacy":
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in legacy_report(meta, v, lay)[3:] if line)
        return html_page(meta, f"<h1>{html.escape(meta['agency_name'])}{meta['report_year']}年政府信息公开工作年度报告</h1>\n"
                         + body, lay, charset)
    lines, style = template_report(meta, v, lay)
    blank = lay.choice(["", "/", "-", "—", "无"])
    style.sep, style.fullwidth = "tab", False  # HTML keeps its cells: table 二 is rendered from the text form
    at = {s: lines.index(s) for s in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")}
    para = lambda ls: "\n".join(f"<p>{html.escape(x)}</p>" for x in ls if x)  # noqa: E731
    disclosure = "<table border=\"1\">\n" + "\n".join(
        "<tr>" + "".join(td(c) for c in row.split("\t")) + "</tr>"
        for row in disclosure_table(template, v, style)) + "\n</table>"
    body = "\n".join([
        f"<h1>{html.escape(lines[0])}</h1>", para(lines[3:at["二、主动公开政府信息情况"]]),
        "<p><strong>二、主动公开政府信息情况</strong></p>", disclosure,
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>", html_requests(template, v, blank),
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>", html_review(v, blank),
        para(lines[at["五、存在的主要问题及改进情况"]:]),
    ])
    return html_page(meta, body, lay, charset)
