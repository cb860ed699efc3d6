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
  county name is ambiguous); for names that carry only their level (省机关事务管理局), the division
  of that level the text names most often. Unresolved → None plus Issue('region_unresolved').
"""
from __future__ import annotations

import re

from pipeline.model import Document, Issue, ReportMeta
from pipeline.parse import agency as agencies
from pipeline.parse.dates import find_dates

_FURNITURE = re.compile(
    r"^(发布(时间|日期)|来源|浏览次数|点击数|字号|索引号|打印|关闭|分享|【|\[|Produced By|首页|当前位置|阅读次数)"
)
_MARKUP = re.compile(r"[*#|\u200b\ufeff]+")
_SPACE = re.compile(r"[\s\u3000]+")
_REPORT = re.compile(r"(政府信息公开|政务公开|信息公开|政务信息公开)[^。；;]{0,14}?(年度报告|工作报告|报告|年报)")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年度?")
_SIGN_SUFFIX = re.compile(r"(政府|局|委员会|委|办公室|办公厅|厅|办|中心|院|处|所|站|队|馆|署|部|会|社)$")
_STAMP = re.compile(r"(发布(?:时间|日期)|发文日期|成文日期|日期)\s*[:：]")
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间)[^。]{0,6}?((?:19|20)\d\d)\s*年")
_PREAMBLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?[^。，,]{0,12}(政府信息公开|政务公开)")
_BODY_START = re.compile(r"^(根据|按照|依据|本报告|为|一、|（一）|\(一\)|1[、.．])")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _clean(text: str) -> str:
    return _SPACE.sub("", _MARKUP.sub("", text)).translate(_FULLWIDTH)


def _content_lines(doc: Document) -> list[tuple[int, str, int | None]]:
    out = []
    for ln in doc.lines:
        t = _clean(ln.text)
        if t and not re.fullmatch(r"-?\d+-?|第\d+页(共\d+页)?", t):
            out.append((ln.no, t, ln.page))
    return out


def _title(lines: list[tuple[int, str, int | None]]) -> tuple[str | None, int | None]:
    """The first short lines up to and including the one naming the report; returns the joined
    title and the index of the first line after it."""
    head: list[str] = []
    for i, (_, t, _) in enumerate(lines[:15]):
        if _FURNITURE.match(t):
            continue
        if len(t) > 60 or "。" in t or _BODY_START.match(t):
            break
        head.append(t)
        joined = "".join(head)
        if _REPORT.search(joined):
            # a title wrapped after 信息公开 ('…政府信息公开' / '工作年度报告') ends on 报告
            return joined, i + 1
        if len(head) > 4:
            head.pop(0)
    return None, None


def _agency_from_title(title: str) -> str | None:
    m = _REPORT.search(title)
    if not m:
        return None
    before = title[: m.start()]
    before = re.sub(r"^关于", "", before)
    # '<agency><year>年(度)' or '<year>年(度)<agency>'
    y = _TITLE_YEAR.search(before)
    if y and y.end() == len(before):
        name = before[: y.start()]
    elif y and y.start() == 0:
        name = before[y.end():]
    else:
        name = before
    name = re.sub(r"(关于|的|关于的)$", "", name).strip("《》“”\"'（）()：:、，,")
    return name if len(name) >= 2 else None


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


def _report_year(title: str | None, text_head: str) -> int | None:
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return int(m.group(1))
    for rx in (_PERIOD, _PREAMBLE_YEAR):
        m = rx.search(text_head)
        if m:
            return int(m.group(1))
    return None


def analyse(doc: Document) -> tuple[ReportMeta, list[Issue]]:
    """Metadata and the issues found on the way (e.g. a region that could not be resolved)."""
    lines = _content_lines(doc)
    title, after = _title(lines)
    name = _agency_from_title(title) if title else None
    sig_name, sig_date = _signature(lines)
    if name is None and sig_name and title:
        name = sig_name
    head_text = "".join(t for _, t, _ in lines[:40])
    year = _report_year(title, head_text) if (title or name) else None

    stamp = _stamp(lines)
    if sig_date is not None and sig_date.precision == "day":
        published = sig_date.value
    elif stamp is not None:
        published = stamp.value
    else:
        published = sig_date.value if sig_date else None

    meta = ReportMeta(agency_name=name, report_year=year, publication_date=published, title=title)
    issues: list[Issue] = []
    info = agencies.analyse(name, context="".join(t for _, t, _ in lines), year=year) if name else None
    if info is not None:
        meta.region_code = info.region.code if info.region else None
        meta.agency_level, meta.agency_sector, meta.agency_key = info.level, info.sector, info.key
    if meta.region_code is None:
        first = lines[0] if lines else (None, "", None)
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
    return analyse(doc)[0]
