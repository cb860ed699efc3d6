"""HTML (CMS article pages, Word 'save as web page' exports) → lines, and `<table>`s as grids.

- Encoding: BOM, then the page's own <meta charset>, checked by a strict decode and the
  mojibake test (pages often declare one charset and use another), then the plain-text cascade.
- Report body: site chrome is removed rather than the body guessed, so a title that sits outside
  the article container survives. Removed: script/style/nav/footer/aside/form-like elements,
  hidden elements, elements whose class/id names chrome (nav, menu, footer, breadcrumb, share…),
  link-dense blocks (menus, '关闭 打印'), and short lines made only of chrome phrases
  ('Produced By 大汉网络', '版权所有', 'ICP备').
- Tables: a table holding other tables, or with fewer than two rows or columns, is layout and is
  read as text; every other table becomes a Grid with rowspan/colspan expanded by the shared
  convention (pipeline.extract.common) and each row rendered as one tab-joined line.
"""
from __future__ import annotations

import re

from pipeline.extract.common import cell_text, row_line, tidy
from pipeline.extract.limits import MAX_HTML_DEPTH, CellBudget
from pipeline.extract.text import decode, mojibake_reason
from pipeline.model import Cell, Document, Grid, Line, Unreadable

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8",
                    "cp936": "gb18030", "unicode": "utf-16"}

_DROP_TAGS = {"script", "style", "noscript", "template", "head", "title", "nav", "footer", "aside",
              "form", "select", "option", "button", "input", "textarea", "iframe", "object",
              "embed", "svg", "canvas", "map", "audio", "video"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5",
               "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "center", "address",
               "table", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "hr", "body", "html",
               "figure", "figcaption", "fieldset", "legend"}
_CHROME_NAME = re.compile(
    r"(^|[\s_\-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|copyright|share|sidebar|"
    r"toolbar|topbar|banner|search|login|weixin|qrcode|ewm|position|location)($|[\s_\-\d])", re.I)
_CHROME_LINE = re.compile(
    r"^(?:[\s【】\[\]|｜/]*(?:关闭(?:窗口|本页)?|打印(?:本页)?|Produced\s*By.*|返回顶部|返回|"
    r"分享到.*|收藏|字号[:：]?.*|字体[:：]?.*|[大中小](?=\s|$)|浏览次数[:：]?\d*|"
    r"版权所有.*|.*ICP备.*|.*公网安备.*|技术支持.*|主办单位.*|承办单位.*|网站标识码.*|"
    r"扫一扫.*|当前位置.*|您现在的位置.*|首页|上一篇.*|下一篇.*)[\s【】\[\]|｜/]*)+$",
    re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[ \t\r\n\f]+")


def extract_html(source_path: str, data: bytes) -> Document:
    import lxml.html
    from lxml import etree

    text, enc = _decode_html(data)
    text = _XML_DECL.sub("", text, count=1)
    # huge_tree, decided here: libxml2's default limits (depth 256, 10 MB text nodes) do not fail
    # a page, they silently drop the rest of it. The file size is bounded by --max-file-mb and the
    # worker's memory by its cap; depth is bounded by our own limit below, checked on the tree.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise Unreadable(f"HTML without content: {e}") from None
    _refuse_if_cut(parser.error_log, root)
    _strip_chrome(root)
    blocks: list[object] = []
    _Walker(blocks, CellBudget("HTML")).walk(root)
    lines: list[Line] = []
    grids: list[Grid] = []
    for block in blocks:
        if isinstance(block, str):
            if not _CHROME_LINE.match(block):
                lines.append(Line(len(lines) + 1, block))
            continue
        grid = Grid(rows=[], origin="html", table_no=len(grids) + 1)
        for r, texts in enumerate(block):
            no = len(lines) + 1
            lines.append(Line(no, row_line(texts)))
            grid.rows.append([Cell(t, no, None, r, c) for c, t in enumerate(texts)])
        grids.append(grid)
    if not lines:
        raise Unreadable("HTML page has no text after removing site navigation")
    why = mojibake_reason("\n".join(ln.text for ln in lines))
    if why:
        raise Unreadable(f"mis-encoded HTML ({enc}): {why}")
    return Document(source_path=source_path, format="html", lines=lines, grids=grids, encoding=enc)


def _refuse_if_cut(error_log, root) -> None:
    """Quarantine a page the parser did not read to its end (it stops at a resource limit and
    returns the part before it as if whole), or one nested deeper than MAX_HTML_DEPTH."""
    from lxml import etree

    for err in error_log:
        if err.type_name in ("ERR_RESOURCE_LIMIT", "ERR_NO_MEMORY") or "XML_PARSE_HUGE" in err.message:
            detail = err.message.strip()
            if "depth" in detail.lower():
                raise Unreadable(
                    f"HTML nested deeper than the parser's limit ({detail}); the page after that "
                    f"point would be lost: not read (more than {MAX_HTML_DEPTH} levels is never a real report)"
                )
            raise Unreadable(f"HTML over the parser's limits ({detail}); the page would be cut: not read")
    depth = deepest = 0
    for event, _el in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_HTML_DEPTH:
                raise Unreadable(
                    f"HTML elements nested more than {MAX_HTML_DEPTH} deep: not read (no real report "
                    f"nests that deep; reading it would cut the page)"
                )


def _decode_html(data: bytes) -> tuple[str, str]:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:8192])
        if m:
            declared = m.group(1).decode("ascii").lower()
            enc = _CHARSET_ALIASES.get(declared, declared)
            try:
                text = data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                if mojibake_reason(_visible_sample(text)) is None:
                    return text, enc
    return decode(data)


def _visible_sample(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html[:200_000])


def _strip_chrome(root) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS or _HIDDEN.search(el.get("style", "")) or el.get("hidden") is not None:
            doomed.append(el)
        elif tag not in ("html", "body", "td", "th", "tr") and _CHROME_NAME.search(
            f"{el.get('class', '')} {el.get('id', '')}"
        ):
            doomed.append(el)
    for el in doomed:
        _remove(el)
    for el in list(root.iter("div", "ul", "ol", "dl", "p", "span", "section", "table")):
        if el.getparent() is None:
            continue
        if el.tag == "table" and el.find(".//table") is None and _is_data_like(el):
            continue
        text = _WS.sub("", el.text_content())
        if len(text) < 2:
            continue
        links = sum(len(_WS.sub("", a.text_content())) for a in el.iter("a"))
        if links / len(text) > 0.7:
            _remove(el)


def _is_data_like(table) -> bool:
    # Leaf tables with digits are data: never drop them for having links in a cell.
    return any(ch.isdigit() for ch in table.text_content())


def _remove(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:  # text after the removed element belongs to its parent or previous sibling
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


class _Walker:
    """Renders the tree into text lines and data tables, in document order."""

    def __init__(self, out: list[object], budget: CellBudget):
        self.out = out
        self.budget = budget
        self.buf: list[str] = []

    def flush(self) -> None:
        if self.buf:
            for part in "".join(self.buf).split("\n"):
                t = tidy(_WS.sub(" ", part))
                if t:
                    self.out.append(t)
            self.buf = []

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table":
            rows = _grid(el, self.budget)
            if rows is not None:
                self.flush()
                self.out.append(rows)
                self.buf.append(" ")  # the table's tail starts a new line
                self._tail(el)
                return
        if tag == "br":
            self.buf.append("\n")
            self._tail(el)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if tag == "pre":
            self.buf.append(el.text_content())
        else:
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
        if block:
            self.flush()
        self._tail(el)

    def _tail(self, el) -> None:
        if el.tail:
            self.buf.append(el.tail)


def _rows_of(table) -> list:
    # Word exports end tables with a zero-height spacer row that no reader sees.
    return [tr for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr") if tr.get("height") != "0"]


def _grid(table, budget: CellBudget) -> list[list[str]] | None:
    """The expanded grid of a data table, or None for a layout table. The spans are read and
    costed first: a merged-cell bomb is refused before any of it is expanded."""
    if table.find(".//table") is not None:
        return None
    trs = _rows_of(table)
    spans: list[list[tuple]] = []
    covered = 0
    for r, tr in enumerate(trs):
        row = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            colspan = _span(td.get("colspan"), 1000)
            rowspan = _span(td.get("rowspan"), len(trs) - r, zero_means_rest=True)
            row.append((td, colspan, rowspan))
            covered += colspan * rowspan
        spans.append(row)
    budget.check(covered)
    taken: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(spans):
        c = 0
        for td, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = ""
            taken[(r, c)] = cell_text(_cell_lines(td, budget))
            c += colspan
            width = max(width, c)
    if len(trs) < 2 or width < 2:
        return None
    budget.spend(len(trs) * width)  # rowspans push cells right: the grid can outgrow `covered`
    return [[taken.get((r, c), "") for c in range(width)] for r in range(len(trs))]


def _span(value: str | None, limit: int, zero_means_rest: bool = False) -> int:
    try:
        n = int(str(value).strip().rstrip(";"))
    except (TypeError, ValueError):
        return 1
    if n == 0 and zero_means_rest:
        return max(1, limit)
    return max(1, min(n, limit))


def _cell_lines(td, budget: CellBudget) -> list[str]:
    out: list[object] = []
    w = _Walker(out, budget)
    if td.text:
        w.buf.append(td.text)
    for child in td:
        w.walk(child)
    w.flush()
    return [x for x in out if isinstance(x, str)]
