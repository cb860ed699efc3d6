-- raw: what is on disk and what the extractors made of it. Written by the pipeline only.
create schema if not exists raw;

create table if not exists raw.files (
    source_path varchar,
    sha256      varchar,
    bytes       bigint  not null,
    modified_at timestamp,
    scanned_at  timestamp not null,
    problem     varchar
);
comment on table raw.files is 'Grain: one row per file found under the raw folder by the latest scan (any sub-folder).';
comment on column raw.files.source_path is 'Path relative to the raw folder, with / separators; the report''s identity.';
comment on column raw.files.sha256 is 'SHA-256 of the file''s bytes: a report is re-read only when this (or the code) changes. NULL when the file could not be read.';
comment on column raw.files.bytes is 'File size in bytes.';
comment on column raw.files.modified_at is 'File modification time (UTC) at the scan.';
comment on column raw.files.scanned_at is 'When the scan that saw the file ran (UTC).';
comment on column raw.files.problem is 'Why the file is not opened at all (not a regular file, a name that is not UTF-8); NULL for normal files.';

create table if not exists raw.documents (
    source_path       varchar,
    sha256            varchar,
    extractor_version varchar not null,
    format            varchar,
    encoding          varchar,
    pages             integer,
    n_lines           integer,
    n_grids           integer,
    status            varchar not null,
    reason            varchar,
    content           blob,
    limits            varchar,
    extracted_at      timestamp not null
);
comment on table raw.documents is 'Grain: one row per file, the extraction result: lines of text and table grids (JSON) or the reason the file was quarantined. Cached by (sha256, extractor_version).';
comment on column raw.documents.source_path is 'Path relative to the raw folder (joins raw.files).';
comment on column raw.documents.sha256 is 'SHA-256 of the bytes this extraction was made from.';
comment on column raw.documents.extractor_version is 'Hash of the extractor code that made this row; a new version re-extracts.';
comment on column raw.documents.format is 'Format sniffed from the bytes: text, markdown, pdf, pdf-ocr (scanned PDF read by OCR), html, docx, doc, wps, xlsx, xls, ods (NULL when unrecognised).';
comment on column raw.documents.encoding is 'Detected text encoding (text and HTML), e.g. utf-8, gb18030, utf-16.';
comment on column raw.documents.pages is 'Number of PDF pages (NULL for other formats).';
comment on column raw.documents.n_lines is 'Number of extracted text lines.';
comment on column raw.documents.n_grids is 'Number of table grids the format gave (PDF, HTML, DOCX); 0 for text.';
comment on column raw.documents.status is '''ok'' or ''quarantined''.';
comment on column raw.documents.reason is 'Why the file was quarantined (empty, binary, unsupported format, mojibake PDF, too large, ...).';
comment on column raw.documents.content is 'The extracted document (lines with positions, table grids) as zlib-compressed JSON: the cache the parser reads. Lines that numbers come from are in staging.stg_source_lines.';
comment on column raw.documents.limits is 'For a file quarantined by a limit (size, time): the limits then in force; it is tried again when they change.';
comment on column raw.documents.extracted_at is 'When the extraction ran (UTC).';

create table if not exists raw.runs (
    run_id            varchar,
    started_at        timestamp not null,
    finished_at       timestamp,
    raw_dir           varchar,
    files_seen        integer,
    files_new         integer,
    files_changed     integer,
    files_unchanged   integer,
    files_removed     integer,
    reports_loaded    integer,
    files_quarantined integer,
    extractor_version varchar,
    parser_version    varchar
);
comment on table raw.runs is 'Grain: one row per pipeline run that reached the staging step: what it saw and did.';
comment on column raw.runs.run_id is 'Identifier of the run (Dagster run id, or a timestamp for runs outside Dagster).';
comment on column raw.runs.started_at is 'When the run started (UTC).';
comment on column raw.runs.finished_at is 'When the staging step finished (UTC).';
comment on column raw.runs.raw_dir is 'The raw folder the run read.';
comment on column raw.runs.files_seen is 'Files found under the raw folder.';
comment on column raw.runs.files_new is 'Files not seen by an earlier run.';
comment on column raw.runs.files_changed is 'Files whose bytes (or the code reading them) changed since the last run: re-read.';
comment on column raw.runs.files_unchanged is 'Files skipped because bytes and code are unchanged.';
comment on column raw.runs.files_removed is 'Files gone from the raw folder since the last run: their rows were removed.';
comment on column raw.runs.reports_loaded is 'Reports in the warehouse after the run (loaded or partial).';
comment on column raw.runs.files_quarantined is 'Files quarantined after the run (see marts.quarantine).';
comment on column raw.runs.extractor_version is 'Extractor code version used.';
comment on column raw.runs.parser_version is 'Parser code version used.';

create table if not exists raw.build_state (
    name  varchar not null,
    value varchar
);
comment on table raw.build_state is 'Grain: one row per piece of bookkeeping that lets a run skip work whose inputs did not change: the reference data digest, and the fingerprint of the inputs each SQL layer was built from and the published copy was made from.';
comment on column raw.build_state.name is 'What is recorded: reference, built:marts, built:analytics, published.';
comment on column raw.build_state.value is 'Its value (a revision id or a fingerprint).';
