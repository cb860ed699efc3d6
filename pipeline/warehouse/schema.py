"""One source of truth for every table the build writes: ordered columns, DuckDB type, meaning.

From these declarations come the DuckDB DDL with its `comment on` lines (sql/ddl keeps only the
tables no build step writes), the Arrow schema of the staging Parquet files, and `Columns`, the
row builder every writer uses: rows are added by column name, so two fields of the same type
cannot trade places unnoticed, and a missing or unknown name raises at once.

Imports nothing heavy at module level: worker processes import this module (pyarrow only when an
Arrow schema is asked for, which happens in the writing process).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # DuckDB type
    doc: str  # one line: what the column means
    not_null: bool = False
    # Kept in the staging Parquet only, never loaded into DuckDB (the extracted document: it is
    # the parser's cache, megabytes per window, and no SQL model reads it).
    parquet_only: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # schema.table in DuckDB
    doc: str
    cols: tuple[Col, ...]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.cols)

    @property
    def duckdb_cols(self) -> tuple[Col, ...]:
        return tuple(c for c in self.cols if not c.parquet_only)


TABLES: tuple[Table, ...] = (
    Table("raw.files", 'Grain: one row per file found under the raw folder by the latest scan (any sub-folder).', (
        Col('source_path', 'varchar', "Path relative to the raw folder, with / separators; the report's identity."),
        Col('sha256', 'varchar', "SHA-256 of the file's bytes: a report is re-read only when this (or the code) changes. NULL when the file could not be read."),
        Col('bytes', 'bigint', 'File size in bytes.', not_null=True),
        Col('modified_at', 'timestamp', 'File modification time (UTC) at the scan.'),
        Col('scanned_at', 'timestamp', 'When the scan that saw the file ran (UTC).', not_null=True),
        Col('problem', 'varchar', 'Why the file is not opened at all (not a regular file, a name that is not UTF-8); NULL for normal files.'),
    )),
    Table("raw.documents", 'Grain: one row per file, the extraction result: lines of text and table grids (JSON) or the reason the file was quarantined. Cached by (sha256, extractor_version).', (
        Col('source_path', 'varchar', 'Path relative to the raw folder (joins raw.files).'),
        Col('sha256', 'varchar', 'SHA-256 of the bytes this extraction was made from.'),
        Col('extractor_version', 'varchar', 'Hash of the extractor code that made this row; a new version re-extracts.', not_null=True),
        Col('format', 'varchar', 'Format sniffed from the bytes: text, markdown, pdf, pdf-ocr (scanned PDF read by OCR), html, docx, doc, wps, xlsx, xls, ods (NULL when unrecognised).'),
        Col('encoding', 'varchar', 'Detected text encoding (text and HTML), e.g. utf-8, gb18030, utf-16.'),
        Col('pages', 'integer', 'Number of PDF pages (NULL for other formats).'),
        Col('n_lines', 'integer', 'Number of extracted text lines.'),
        Col('n_grids', 'integer', 'Number of table grids the format gave (PDF, HTML, DOCX); 0 for text.'),
        Col('status', 'varchar', "'ok' or 'quarantined'.", not_null=True),
        Col('reason', 'varchar', 'Why the file was quarantined (empty, binary, unsupported format, mojibake PDF, too large, ...).'),
        Col('content', 'blob', 'The extracted document (lines with positions, table grids) as zlib-compressed JSON: the cache the parser reads. Lines that numbers come from are in staging.stg_source_lines.', parquet_only=True),
        Col('limits', 'varchar', 'For a file quarantined by a limit (size, time): the limits then in force; it is tried again when they change.'),
        Col('extracted_at', 'timestamp', 'When the extraction ran (UTC).', not_null=True),
    )),
    Table("raw.runs", 'Grain: one row per pipeline run that reached the staging step: what it saw and did.', (
        Col('run_id', 'varchar', 'Identifier of the run (Dagster run id, or a timestamp for runs outside Dagster).'),
        Col('started_at', 'timestamp', 'When the run started (UTC).', not_null=True),
        Col('finished_at', 'timestamp', 'When the staging step finished (UTC).'),
        Col('raw_dir', 'varchar', 'The raw folder the run read.'),
        Col('files_seen', 'integer', 'Files found under the raw folder.'),
        Col('files_new', 'integer', 'Files not seen by an earlier run.'),
        Col('files_changed', 'integer', 'Files whose bytes (or the code reading them) changed since the last run: re-read.'),
        Col('files_unchanged', 'integer', 'Files skipped because bytes and code are unchanged.'),
        Col('files_removed', 'integer', 'Files gone from the raw folder since the last run: their rows were removed.'),
        Col('reports_loaded', 'integer', 'Reports in the warehouse after the run (loaded or partial).'),
        Col('files_quarantined', 'integer', 'Files quarantined after the run (see marts.quarantine).'),
        Col('extractor_version', 'varchar', 'Extractor code version used.'),
        Col('parser_version', 'varchar', 'Parser code version used.'),
    )),
    Table("raw.run_files", "Grain: one row per run x file the run saw or found gone: what the run did with the file (the build summary's counts, file by file). marts.run_files adds when each run ran.", (
        Col('run_id', 'varchar', 'The run (raw.runs.run_id).', not_null=True),
        Col('source_path', 'varchar', 'Path relative to the raw folder.', not_null=True),
        Col('change', 'varchar', "new (not seen before), changed (re-read), unchanged (skipped) or removed (gone from the raw folder): the summary's counts add up these rows.", not_null=True),
        Col('outcome', 'varchar', 'new, changed, unchanged, removed, or quarantined when the file is in quarantine after the run (whatever its change).', not_null=True),
        Col('reason', 'varchar', 'Why: what changed (bytes, parser code, extraction), or the quarantine reason; NULL for unchanged files.'),
    )),
    Table("staging.stg_reports", 'Grain: one row per file under the raw folder, readable or not: the parsed metadata, or the quarantine reason.', (
        Col('report_id', 'varchar', 'Stable identifier derived from source_path (a file keeps its id when its content changes).'),
        Col('source_path', 'varchar', 'Path relative to the raw folder.', not_null=True),
        Col('sha256', 'varchar', 'SHA-256 of the bytes that were parsed.'),
        Col('parser_version', 'varchar', 'Hash of the parser code that produced these rows.', not_null=True),
        Col('extractor_version', 'varchar', 'Version of the extraction these rows were parsed from: a new extractor re-parses the report too.'),
        Col('extracted_at', 'timestamp', 'When the extraction these rows were parsed from was made: any new extraction (new extractor, new limits) re-parses the report.'),
        Col('format', 'varchar', 'Format sniffed from the bytes.'),
        Col('template', 'varchar', 'legacy, 2019 or 2021, decided from the labels present (NULL when quarantined).'),
        Col('parse_status', 'varchar', 'loaded (every number placed), partial (some numbers reported in parse issues, not loaded), blank_form (the blank national form, not a report) or quarantined.', not_null=True),
        Col('status_reason', 'varchar', 'Why the file was quarantined.'),
        Col('agency_name', 'varchar', 'Agency name as the report names itself, in full.'),
        Col('agency_key', 'varchar', 'Canonical agency identity: the same agency however its reports name it.'),
        Col('agency_level', 'varchar', 'province, prefecture, county, township, or <level>_department.'),
        Col('agency_sector', 'varchar', 'Sector derived from the name (e.g. 人民政府, 公安, 教育, 机关事务).'),
        Col('region_code', 'varchar', '6-digit administrative division code (NULL if unresolved).'),
        Col('report_year', 'integer', 'Year the statistics cover (not the publication year).'),
        Col('publication_date', 'date', 'Publication or signature date as printed, where stated.'),
        Col('title', 'varchar', 'Report title as printed.'),
        Col('parsed_at', 'timestamp', 'When the report was parsed (UTC).', not_null=True),
    )),
    Table("staging.stg_facts", 'Grain: one row per placed cell of tables 二/三/四 or prose figure: (report, table, row code, column code). value NULL where the source has no number.', (
        Col('report_id', 'varchar', 'The report (staging.stg_reports).', not_null=True),
        Col('table_name', 'varchar', 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).', not_null=True),
        Col('row_code', 'varchar', 'Outcome, proceeding or item code (see marts.dim_code).', not_null=True),
        Col('col_code', 'varchar', 'Applicant, result or measure code (see marts.dim_code).', not_null=True),
        Col('value', 'double', 'The number as printed; NULL for a blank, /, -, — or 无 cell.'),
        Col('unit', 'varchar', 'Unit for table 二 values (件, 项, 元, 万元) where known.'),
        Col('raw_text', 'varchar', 'The raw cell text (or sentence fragment) the value was read from.'),
        Col('source_line', 'integer', '1-based line in the extracted text (raw.source_lines.line_no).'),
        Col('source_page', 'integer', 'PDF page (NULL for other formats).'),
        Col('method', 'varchar', "label (placed by its printed row and column labels), order_certified (labels lost or unreadable: placed by the template's row order, accepted only because every identity of the table holds and no other alignment satisfies them), split_certified (digits printed without separators, split where the identities leave exactly one answer), repaired (an unambiguous repair, see note) prose (read from a sentence) or ocr (read by OCR from a scanned page, loaded only where the report's arithmetic certifies it, see note).", not_null=True),
        Col('note', 'varchar', 'For prose: the whole sentence. For repairs: what was repaired and the original text.'),
        Col('source_box', 'double[]', "Scanned PDFs read by OCR: the cell's box [x0, top, x1, bottom] in PDF points (1/72 in) from the top-left of page source_page (NULL for other formats)."),
    )),
    Table("staging.stg_issues", 'Grain: one row per thing the parser saw but did not load (a number it could not place with certainty) or a doubt worth a human look.', (
        Col('report_id', 'varchar', 'The report.', not_null=True),
        Col('kind', 'varchar', 'Kind of issue, e.g. unplaced_row, unknown_label, prose_inconsistent, region_unresolved.', not_null=True),
        Col('message', 'varchar', 'What was seen and why it was not loaded.'),
        Col('source_line', 'integer', '1-based line in the extracted text.'),
        Col('source_page', 'integer', 'PDF page.'),
        Col('raw_text', 'varchar', 'The raw text concerned.'),
    )),
    Table("staging.stg_checks", 'Grain: one row per arithmetic identity of a report evaluated on one column or row (docs/domain.md §3).', (
        Col('report_id', 'varchar', 'The report.', not_null=True),
        Col('table_name', 'varchar', 'requests or review_litigation.', not_null=True),
        Col('check_name', 'varchar', 'balance (received+carried over = handled+carried forward), outcomes_sum, applicants_sum or results_sum.', not_null=True),
        Col('scope', 'varchar', 'The column (applicant) or row (outcome, proceeding) the identity is about.', not_null=True),
        Col('lhs', 'double', 'Left-hand side as printed.'),
        Col('rhs', 'double', 'Right-hand side as computed from the printed cells.'),
        Col('status', 'varchar', 'pass, source_error (the report breaks its own arithmetic), parse_error (looks like extraction damage), repaired, incomplete (a needed cell is NULL).', not_null=True),
        Col('detail', 'varchar', 'Human-readable explanation.'),
    )),
    Table("staging.stg_source_lines", 'Grain: one row per line of extracted text that a loaded number or a parse issue points to: the context of every number, readable without the original file.', (
        Col('report_id', 'varchar', 'The report.', not_null=True),
        Col('line_no', 'integer', '1-based line of the extracted text (what source_line in the fact tables points to).', not_null=True),
        Col('page', 'integer', 'PDF page of the line (NULL for other formats).'),
        Col('text', 'varchar', 'The line as extracted (table rows from PDF, HTML and Word are rendered with tab-separated cells).'),
    )),
    Table("staging.stg_table_reads", "Grain: one row per report read with a national template (2019, 2021) x table (二, 三, 四): how many of the table's cells were loaded and why the rest were not.", (
        Col('report_id', 'varchar', 'The report (staging.stg_reports).', not_null=True),
        Col('table_name', 'varchar', 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).', not_null=True),
        Col('cells_expected', 'integer', "Cells the report's template gives the table (三: 25 rows x 7 in 2021, 23 x 7 in 2019; 四: 15; 二: the template's item x measure cells).", not_null=True),
        Col('cells_loaded', 'integer', 'Cells loaded from the table into the fact tables (numbers and known blanks).', not_null=True),
        Col('cells_blank', 'integer', 'Loaded cells with no number (blank, /, -, 无): unknown, never 0.', not_null=True),
        Col('cells_unread', 'integer', 'Expected cells not loaded (cells_expected - cells_loaded, never below 0).', not_null=True),
        Col('status', 'varchar', 'complete, partial (some cells not loaded, see reason and the parse issues), not_read (the report prints the table but nothing was loaded from it) or not_printed (no such table in the report; prose may give its figures).', not_null=True),
        Col('reason', 'varchar', 'Why cells were not loaded: the parse issue kinds raised on the table, or what was missing.'),
    )),
)

_BY_NAME = {t.name: t for t in TABLES} | {t.key: t for t in TABLES}

# What each partition keeps in its staging Parquet (store table name → table), in write order.
PARTITION_TABLES = ("files", "documents", "stg_reports", "stg_facts", "stg_issues", "stg_checks",
                    "stg_source_lines", "stg_table_reads")
# The parser's output tables, one row set per report.
STAGING_TABLES = PARTITION_TABLES[2:]


def table(name: str) -> Table:
    """A table by its short name (stg_facts, files) or its DuckDB key (staging.stg_facts)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no table {name!r} in pipeline.warehouse.schema") from None


def ddl() -> str:
    """create table if not exists + comment on, for every table above (idempotent)."""
    out = []
    for t in TABLES:
        schema = t.key.split(".")[0]
        cols = t.duckdb_cols
        width = max(len(c.name) for c in cols)
        body = ",\n".join(f"    {c.name.ljust(width)} {c.type}{' not null' if c.not_null else ''}" for c in cols)
        out.append(f"create schema if not exists {schema};")
        out.append(f"create table if not exists {t.key} (\n{body}\n);")
        out.append(f"comment on table {t.key} is {_quote(t.doc)};")
        out += [f"comment on column {t.key}.{c.name} is {_quote(c.doc)};" for c in cols]
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_ARROW = {
    "varchar": lambda pa: pa.string(),
    "bigint": lambda pa: pa.int64(),
    "integer": lambda pa: pa.int32(),
    "double": lambda pa: pa.float64(),
    "timestamp": lambda pa: pa.timestamp("us"),
    "date": lambda pa: pa.date32(),
    "blob": lambda pa: pa.large_binary(),  # one window of documents can pass 2 GB of offsets
    "double[]": lambda pa: pa.list_(pa.float64()),
}


@cache
def arrow_schema(name: str):
    """The Arrow schema of a table (every column, Parquet-only ones included)."""
    import pyarrow as pa

    t = table(name)
    return pa.schema([pa.field(c.name, _ARROW[c.type](pa), nullable=not c.not_null) for c in t.cols])


class Columns:
    """Rows of one table, built by name and held column by column (cheap to pickle, to extend,
    and to turn into Arrow): `cols = Columns("stg_facts"); cols.add(report_id=..., ...)`."""

    __slots__ = ("table", "data")

    def __init__(self, name: str):
        self.table = table(name).name
        self.data: dict[str, list] = {n: [] for n in table(name).names}

    def add(self, **values) -> None:
        if values.keys() != self.data.keys():
            missing = sorted(self.data.keys() - values.keys())
            unknown = sorted(values.keys() - self.data.keys())
            raise KeyError(f"{self.table}: missing {missing}, unknown {unknown}")
        for name, value in values.items():
            self.data[name].append(value)

    def extend(self, other: "Columns") -> None:
        if other.table != self.table:
            raise ValueError(f"cannot add {other.table} rows to {self.table}")
        for name, values in other.data.items():
            self.data[name].extend(values)

    def __len__(self) -> int:
        return len(next(iter(self.data.values()))) if self.data else 0

    def rows(self) -> list[dict]:
        """Each row as a dict (tests and small tables)."""
        names = list(self.data)
        return [dict(zip(names, values)) for values in zip(*self.data.values())]

    def to_arrow(self):
        import pyarrow as pa

        return pa.Table.from_pydict(self.data, schema=arrow_schema(self.table))

    def __getstate__(self):
        return (self.table, self.data)

    def __setstate__(self, state):
        self.table, self.data = state
