"""The one representation every stage shares (docs/domain.md §6).

Every extractor, whatever the format, produces a `Document`: the report's lines of text and, for
each table the format can see, a `Grid` of cells. Every cell and every line knows where it came
from (line number in the extracted text, PDF page, table and row). The parser turns a Document
into a `ParsedReport`: metadata, facts (one per table cell or prose figure, NULL where the source
has no number), issues (numbers seen but not placed) and checks (the report's own arithmetic).

Plain dataclasses, no Dagster, no I/O: parsing is a pure function of the document.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(slots=True)
class Line:
    """One line of extracted text. `no` is 1-based and unique within the document."""

    no: int
    text: str
    page: int | None = None  # 1-based PDF page; None for formats without pages


@dataclass(slots=True)
class Cell:
    """One cell of a grid, with its raw text exactly as extracted ('' for an empty cell)."""

    text: str
    line: int | None = None  # the Line.no this cell's text sits on (first line if it spans several)
    page: int | None = None
    row: int | None = None  # 0-based row in the source table (HTML/DOCX/PDF); None for text splits
    col: int | None = None  # 0-based column in the source table, after rowspan/colspan expansion
    # OCR only: the cell's box (x0, top, x1, bottom) in PDF points from the page's top-left, and
    # the lowest recognition confidence of any character in it (None where text is exact).
    box: tuple[float, float, float, float] | None = None
    conf: float | None = None


@dataclass(slots=True)
class Grid:
    """A table as the format gives it: rows of cells (text-split grids come from `pipeline.parse`
    and are not stored).

    Conventions every extractor keeps: a merged cell's text sits at its top-left position and the
    positions it covers are '' (never the text repeated: a repeated number would count twice);
    text wrapped inside a cell keeps its '\n'; each row is also one Line of the document (cells
    joined by tabs) and Cell.line points at it; row/col keep counting through a table joined
    across pages."""

    rows: list[list[Cell]]
    origin: str  # 'pdf', 'html', 'docx', 'ocr', 'sheet' (real table structure) or 'text' (split from lines)
    table_no: int = 0  # 1-based index of the table in the document
    page: int | None = None  # first page of the table (PDF)


OCR_FORMAT = "pdf-ocr"  # Document.format of a scanned PDF read by OCR (pipeline/extract/ocr.py)


@dataclass(slots=True)
class Document:
    """What every extractor returns."""

    source_path: str  # relative to the raw folder, '/'-separated
    format: str  # 'text', 'markdown', 'pdf', 'pdf-ocr', 'html', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'ods'
    lines: list[Line]
    grids: list[Grid] = field(default_factory=list)
    encoding: str | None = None  # detected encoding of text/HTML input
    pages: int | None = None
    # line no → the line as extracted, for lines whose look-alike code points (Kangxi radicals,
    # compatibility ideographs) were normalised (pipeline.extract.normalize); provenance only
    raw_lines: dict[int, str] = field(default_factory=dict)

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict:
        return {
            "source_path": self.source_path,
            "format": self.format,
            "encoding": self.encoding,
            "pages": self.pages,
            "raw_lines": {str(k): v for k, v in self.raw_lines.items()},
            # compact: [no, text, page]
            "lines": [[ln.no, ln.text, ln.page] for ln in self.lines],
            "grids": [
                {
                    "origin": g.origin,
                    "table_no": g.table_no,
                    "page": g.page,
                    "rows": [[_cell_list(c) for c in r] for r in g.rows],
                }
                for g in self.grids
            ],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        return cls(
            source_path=d["source_path"],
            format=d["format"],
            encoding=d.get("encoding"),
            pages=d.get("pages"),
            raw_lines={int(k): v for k, v in (d.get("raw_lines") or {}).items()},
            lines=[Line(no, text, page) for no, text, page in d["lines"]],
            grids=[
                Grid(
                    rows=[[Cell(*c) if len(c) == 5 else _cell_of(c) for c in r] for r in g["rows"]],
                    origin=g["origin"],
                    table_no=g.get("table_no", 0),
                    page=g.get("page"),
                )
                for g in d.get("grids", [])
            ],
        )


def _cell_list(c: Cell) -> list:
    # compact: [text, line, page, row, col], plus [box, conf] only for OCR'd cells
    if c.box is None and c.conf is None:
        return [c.text, c.line, c.page, c.row, c.col]
    return [c.text, c.line, c.page, c.row, c.col, c.box, c.conf]


def _cell_of(c: list) -> Cell:
    box = tuple(c[5]) if len(c) > 5 and c[5] is not None else None
    return Cell(*c[:5], box, c[6] if len(c) > 6 else None)


class Unreadable(Exception):
    """Raised by an extractor when a file cannot yield trustworthy text; the message is the
    quarantine reason shown to users (e.g. 'PDF text layer is mojibake (garbled fonts)')."""


@dataclass(slots=True)
class Fact:
    """One number (or one known blank) placed in one cell of a fact table.

    table: 'requests' | 'review_litigation' | 'active_disclosure'
    row/col: codes from pipeline.codes (outcome × applicant, proceeding × result, item × measure)
    value: the number, or None where the source has a blank / '/' / '-' / '无' cell
    """

    table: str
    row: str
    col: str
    value: float | None
    raw: str  # the raw cell text or the sentence fragment the value came from
    line: int | None = None
    page: int | None = None
    unit: str | None = None  # active_disclosure only: '件', '项', '元', '万元'
    # how the value was placed: 'label' (by its row/column labels), 'order_certified' (labels lost:
    # by the template's row order, certified by the table's arithmetic), 'split_certified' (digits
    # run together, split where the arithmetic leaves one answer), 'repaired' (see note), 'prose',
    # 'ocr' (read from a scan; loaded only where the table's arithmetic certifies it)
    method: str = "label"
    note: str | None = None  # why a value was repaired, with the original text; prose sentence
    box: tuple[float, float, float, float] | None = None  # OCR'd cell's box (Cell.box) on `page`


@dataclass(slots=True)
class Issue:
    """Something seen but not loaded, or a doubt worth a human look. Always with file position."""

    kind: str  # e.g. 'unplaced_row', 'unknown_label', 'prose_inconsistent', 'region_unresolved'
    message: str
    line: int | None = None
    page: int | None = None
    raw: str = ""


@dataclass(slots=True)
class Check:
    """One arithmetic identity of one report (docs/domain.md §3), evaluated.

    status: 'pass' | 'source_error' (the printed numbers break the identity; parse is believed
    right) | 'parse_error' (the failure looks like extraction damage) | 'repaired' (holds after a
    flagged repair) | 'incomplete' (a needed cell is NULL or missing)
    """

    table: str  # 'requests' | 'review_litigation'
    name: str  # 'balance' | 'outcomes_sum' | 'applicants_sum' | 'results_sum'
    scope: str  # the column or row the identity is about, e.g. 'natural_person', 'granted'
    lhs: float | None
    rhs: float | None
    status: str
    detail: str = ""


@dataclass(slots=True)
class TableRead:
    """How completely one national table of one report was read.

    status: 'complete' (every cell loaded) | 'partial' (some cells loaded, the rest reported) |
    'not_read' (the report prints the table, nothing was loaded from it) | 'not_printed'
    """

    table: str  # 'requests' | 'review_litigation' | 'active_disclosure'
    cells_expected: int  # cells the template gives this table
    cells_loaded: int  # fact cells loaded from the table (numbers and known blanks)
    cells_blank: int  # of those, cells with no number (blank, '/', '-', '无')
    cells_unread: int  # expected cells not loaded
    status: str
    reason: str = ""


@dataclass(slots=True)
class ReportMeta:
    agency_name: str | None = None  # as the report names itself, in full
    report_year: int | None = None  # the year the statistics cover
    publication_date: date | None = None
    title: str | None = None
    region_code: str | None = None  # 6-digit administrative division code
    agency_level: str | None = None  # 'province' | 'prefecture' | 'county' | 'township' | '<level>_department'
    agency_sector: str | None = None  # e.g. '人民政府', '机关事务', '公安', '教育'
    agency_key: str | None = None  # canonical identity: same agency however the report names it


@dataclass(slots=True)
class ParsedReport:
    source_path: str
    template: str | None  # 'legacy' | '2019' | '2021' | None (unknown / quarantined)
    status: str  # 'loaded' | 'partial' (some numbers reported, not loaded) | 'quarantined'
    meta: ReportMeta = field(default_factory=ReportMeta)
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    reason: str | None = None  # quarantine reason
    reads: list[TableRead] = field(default_factory=list)  # per national table, how much was read

    def to_dict(self) -> dict:
        return asdict(self)
