"""What a fetched page links to: pagination, report pages, attachments, JavaScript redirects.

Pure functions of (bytes, URL, Content-Type); no network. Link text matters (下一页, 年报), so
pages are decoded first: Content-Type charset, then the page's own <meta charset>, then UTF-8,
then GB18030 (a superset of GBK and GB2312, which most older government sites use).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

# Files an annual report is published as (the build reads or quarantines each by its bytes).
ATTACHMENT_EXTS = frozenset({"pdf", "doc", "docx", "wps", "xls", "xlsx", "ofd"})
# URL endings of HTML pages; a path with no extension (…/2024/) is a page too.
PAGE_EXTS = frozenset({"html", "htm", "shtml", "jhtml", "xhtml", "jsp", "asp", "aspx", "php", "do"})

_NEXT_WORDS = ("下一页", "下页", "尾页", "末页")
_REPORT_WORDS = ("年报", "年度报告", "工作报告")
# index.html, index_3.html, index_3.shtml: the pagination scheme of the common government CMSes.
_INDEX_PAGE = re.compile(r"^index(?:_\d{1,4})?\.(?:s?html?)$")
# TRS-style script pagination: createPageHTML(total, current, "index", "html")
_CREATE_PAGE = re.compile(
    r"""createPageHTML\(\s*['"]?(\d{1,4})['"]?\s*,\s*['"]?\d{1,4}['"]?\s*,\s*['"]([\w-]{1,40})['"]\s*,\s*['"](\w{1,8})['"]""")
_COUNT_PAGE = re.compile(r"""\bvar\s+countPage\s*=\s*['"]?(\d{1,4})""")
_JS_REDIRECT = re.compile(
    r"""(?:(?:window|self|top|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*['"]([^'"<>\s]{1,2000})['"]"""
    r"""|location\s*\.\s*(?:replace|assign)\(\s*['"]([^'"<>\s]{1,2000})['"]\s*\)""")
_META_REFRESH = re.compile(rb"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*>""", re.I)
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'">\s]{1,2000})""", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,40})""", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936"}


@dataclass(frozen=True)
class Link:
    url: str  # absolute, fragment removed
    text: str  # the anchor's visible text, whitespace collapsed


@dataclass(frozen=True)
class Page:
    links: tuple[Link, ...]
    redirect: str | None  # target of a JavaScript or meta-refresh redirect shell
    script_pages: tuple[str, ...]  # pagination pages announced only by a script


def decode(body: bytes, content_type: str | None = None) -> str:
    candidates: list[str] = []
    if content_type and "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    m = _CHARSET.search(body[:8192])
    if m:
        candidates.append(m.group(1).decode("ascii").lower())
    candidates.append("utf-8")
    for enc in candidates:
        enc = "gb18030" if enc in _GB else enc
        try:
            return body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("gb18030", errors="replace")


def absolute(base: str, href: str) -> str | None:
    """The link as an absolute http(s) URL without fragment, or None (mailto:, javascript:, …)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def parse_page(body: bytes, url: str, content_type: str | None = None) -> Page:
    text = decode(body, content_type)
    try:
        root = lxml.html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError):
        root = None
    links: list[Link] = []
    if root is not None:
        base = root.xpath("string(//base/@href)").strip()
        base_url = absolute(url, base) if base else url
        for el in root.iter("a", "area", "iframe", "embed", "frame"):
            href = el.get("href") if el.tag in ("a", "area") else el.get("src")
            target = absolute(base_url or url, href or "")
            if target:
                label = " ".join((el.text_content() if el.tag == "a" else el.get("title") or "").split())
                links.append(Link(target, label[:200]))
    return Page(tuple(links), _redirect(body, text, root, url), _script_pages(text, url))


def _redirect(body: bytes, text: str, root, url: str) -> str | None:
    """A shell page: almost no visible text, and a script or meta refresh sending the browser on."""
    if root is not None:
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree() if bad.getparent() is not None else None
        if len(" ".join(root.text_content().split())) > 200:
            return None
    m = _META_REFRESH.search(body[:8192])
    if m:
        r = _REFRESH_URL.search(m.group(0).decode("ascii", "replace"))
        if r:
            return absolute(url, r.group(1))
    m = _JS_REDIRECT.search(text[:20000])
    if m:
        return absolute(url, m.group(1) or m.group(2))
    return None


def _script_pages(text: str, url: str) -> tuple[str, ...]:
    m = _CREATE_PAGE.search(text)
    if m:
        total, prefix, ext = int(m.group(1)), m.group(2), m.group(3)
    else:
        m = _COUNT_PAGE.search(text)
        if not m:
            return ()
        total, prefix, ext = int(m.group(1)), "index", "html"
    first = urljoin(url, f"{prefix}.{ext}")
    return (first, *(urljoin(url, f"{prefix}_{i}.{ext}") for i in range(1, total)))


def extension(url: str) -> str:
    name = posixpath.basename(urlsplit(url).path)
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def column_dir(url: str) -> str:
    """The column's folder: report pages of a column usually live below it (…/zfxxgknb/202401/t….html)."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def is_pagination(link: Link, column: str) -> bool:
    path = urlsplit(link.url).path
    if posixpath.dirname(path) + "/" == column and _INDEX_PAGE.match(posixpath.basename(path)):
        return True
    return len(link.text) <= 12 and any(w in link.text for w in _NEXT_WORDS)


def is_attachment(url: str) -> bool:
    return extension(url) in ATTACHMENT_EXTS


def is_report_page(link: Link, column: str) -> bool:
    """A page below the column's folder, or anywhere on the site when its text names a report.
    The list pages' site chrome (首页, 政务公开, …) lives elsewhere and is left alone; other pages
    below the column that are not reports are fetched and the build quarantines them."""
    ext = extension(link.url)
    if ext and ext not in PAGE_EXTS:
        return False
    path = urlsplit(link.url).path
    if path.startswith(column) and path != column:
        return True
    return any(w in link.text for w in _REPORT_WORDS)
