-- staging: the parser's output per report, exactly as parsed (codes, raw text, provenance).
-- A changed report replaces its own rows here; marts are rebuilt from these tables.
create schema if not exists staging;

create table if not exists staging.stg_reports (
    report_id        varchar,
    source_path      varchar not null,
    sha256           varchar,
    parser_version   varchar not null,
    extractor_version varchar,
    extracted_at     timestamp,
    format           varchar,
    template         varchar,
    parse_status     varchar not null,
    status_reason    varchar,
    agency_name      varchar,
    agency_key       varchar,
    agency_level     varchar,
    agency_sector    varchar,
    region_code      varchar,
    report_year      integer,
    publication_date date,
    title            varchar,
    parsed_at        timestamp not null
);
comment on table staging.stg_reports is 'Grain: one row per file under the raw folder, readable or not: the parsed metadata, or the quarantine reason.';
comment on column staging.stg_reports.report_id is 'Stable identifier derived from source_path (a file keeps its id when its content changes).';
comment on column staging.stg_reports.source_path is 'Path relative to the raw folder.';
comment on column staging.stg_reports.sha256 is 'SHA-256 of the bytes that were parsed.';
comment on column staging.stg_reports.parser_version is 'Hash of the parser code that produced these rows.';
comment on column staging.stg_reports.extractor_version is 'Version of the extraction these rows were parsed from: a new extractor re-parses the report too.';
comment on column staging.stg_reports.extracted_at is 'When the extraction these rows were parsed from was made: any new extraction (new extractor, new limits) re-parses the report.';
comment on column staging.stg_reports.format is 'Format sniffed from the bytes.';
comment on column staging.stg_reports.template is 'legacy, 2019 or 2021, decided from the labels present (NULL when quarantined).';
comment on column staging.stg_reports.parse_status is 'loaded (every number placed), partial (some numbers reported in parse issues, not loaded), blank_form (the blank national form, not a report) or quarantined.';
comment on column staging.stg_reports.status_reason is 'Why the file was quarantined.';
comment on column staging.stg_reports.agency_name is 'Agency name as the report names itself, in full.';
comment on column staging.stg_reports.agency_key is 'Canonical agency identity: the same agency however its reports name it.';
comment on column staging.stg_reports.agency_level is 'province, prefecture, county, township, or <level>_department.';
comment on column staging.stg_reports.agency_sector is 'Sector derived from the name (e.g. 人民政府, 公安, 教育, 机关事务).';
comment on column staging.stg_reports.region_code is '6-digit administrative division code (NULL if unresolved).';
comment on column staging.stg_reports.report_year is 'Year the statistics cover (not the publication year).';
comment on column staging.stg_reports.publication_date is 'Publication or signature date as printed, where stated.';
comment on column staging.stg_reports.title is 'Report title as printed.';
comment on column staging.stg_reports.parsed_at is 'When the report was parsed (UTC).';

create table if not exists staging.stg_facts (
    report_id   varchar not null,
    table_name  varchar not null,
    row_code    varchar not null,
    col_code    varchar not null,
    value       double,
    unit        varchar,
    raw_text    varchar,
    source_line integer,
    source_page integer,
    method      varchar not null,
    note        varchar,
    source_box  double[]
);
comment on table staging.stg_facts is 'Grain: one row per placed cell of tables 二/三/四 or prose figure: (report, table, row code, column code). value NULL where the source has no number.';
comment on column staging.stg_facts.report_id is 'The report (staging.stg_reports).';
comment on column staging.stg_facts.table_name is 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).';
comment on column staging.stg_facts.row_code is 'Outcome, proceeding or item code (see marts.dim_code).';
comment on column staging.stg_facts.col_code is 'Applicant, result or measure code (see marts.dim_code).';
comment on column staging.stg_facts.value is 'The number as printed; NULL for a blank, /, -, — or 无 cell.';
comment on column staging.stg_facts.unit is 'Unit for table 二 values (件, 项, 元, 万元) where known.';
comment on column staging.stg_facts.raw_text is 'The raw cell text (or sentence fragment) the value was read from.';
comment on column staging.stg_facts.source_line is '1-based line in the extracted text (raw.source_lines.line_no).';
comment on column staging.stg_facts.source_page is 'PDF page (NULL for other formats).';
comment on column staging.stg_facts.method is 'label (placed by its printed row and column labels), order_certified (labels lost or unreadable: placed by the template''s row order, accepted only because every identity of the table holds and no other alignment satisfies them), split_certified (digits printed without separators, split where the identities leave exactly one answer), repaired (an unambiguous repair, see note) prose (read from a sentence) or ocr (read by OCR from a scanned page, loaded only where the report''s arithmetic certifies it, see note).';
comment on column staging.stg_facts.source_box is 'Scanned PDFs read by OCR: the cell''s box [x0, top, x1, bottom] in PDF points (1/72 in) from the top-left of page source_page (NULL for other formats).';
comment on column staging.stg_facts.note is 'For prose: the whole sentence. For repairs: what was repaired and the original text.';

create table if not exists staging.stg_issues (
    report_id   varchar not null,
    kind        varchar not null,
    message     varchar,
    source_line integer,
    source_page integer,
    raw_text    varchar
);
comment on table staging.stg_issues is 'Grain: one row per thing the parser saw but did not load (a number it could not place with certainty) or a doubt worth a human look.';
comment on column staging.stg_issues.report_id is 'The report.';
comment on column staging.stg_issues.kind is 'Kind of issue, e.g. unplaced_row, unknown_label, prose_inconsistent, region_unresolved.';
comment on column staging.stg_issues.message is 'What was seen and why it was not loaded.';
comment on column staging.stg_issues.source_line is '1-based line in the extracted text.';
comment on column staging.stg_issues.source_page is 'PDF page.';
comment on column staging.stg_issues.raw_text is 'The raw text concerned.';

create table if not exists staging.stg_checks (
    report_id  varchar not null,
    table_name varchar not null,
    check_name varchar not null,
    scope      varchar not null,
    lhs        double,
    rhs        double,
    status     varchar not null,
    detail     varchar
);
comment on table staging.stg_checks is 'Grain: one row per arithmetic identity of a report evaluated on one column or row (docs/domain.md §3).';
comment on column staging.stg_checks.report_id is 'The report.';
comment on column staging.stg_checks.table_name is 'requests or review_litigation.';
comment on column staging.stg_checks.check_name is 'balance (received+carried over = handled+carried forward), outcomes_sum, applicants_sum or results_sum.';
comment on column staging.stg_checks.scope is 'The column (applicant) or row (outcome, proceeding) the identity is about.';
comment on column staging.stg_checks.lhs is 'Left-hand side as printed.';
comment on column staging.stg_checks.rhs is 'Right-hand side as computed from the printed cells.';
comment on column staging.stg_checks.status is 'pass, source_error (the report breaks its own arithmetic), parse_error (looks like extraction damage), repaired, incomplete (a needed cell is NULL).';
comment on column staging.stg_checks.detail is 'Human-readable explanation.';

create table if not exists staging.stg_source_lines (
    report_id varchar not null,
    line_no   integer not null,
    page      integer,
    text      varchar
);
comment on table staging.stg_source_lines is 'Grain: one row per line of extracted text that a loaded number or a parse issue points to: the context of every number, readable without the original file.';
comment on column staging.stg_source_lines.report_id is 'The report.';
comment on column staging.stg_source_lines.line_no is '1-based line of the extracted text (what source_line in the fact tables points to).';
comment on column staging.stg_source_lines.page is 'PDF page of the line (NULL for other formats).';
comment on column staging.stg_source_lines.text is 'The line as extracted (table rows from PDF, HTML and Word are rendered with tab-separated cells).';

create table if not exists staging.stg_regions (
    region_code     varchar,
    name            varchar not null,
    level           varchar not null,
    parent_code     varchar,
    province_code   varchar,
    province_name   varchar,
    prefecture_code varchar,
    prefecture_name varchar,
    county_code     varchar,
    county_name     varchar,
    valid_from      integer,
    valid_to        integer,
    successor_code  varchar,
    current_code    varchar,
    former_names    varchar[]
);
comment on table staging.stg_regions is 'Grain: one row per administrative division of the gazetteer the parser resolves regions with.';
comment on column staging.stg_regions.region_code is '6-digit administrative division code.';
comment on column staging.stg_regions.name is 'Division name.';
comment on column staging.stg_regions.level is 'province, prefecture or county.';
comment on column staging.stg_regions.parent_code is 'Code of the division one level up (NULL for provinces).';
comment on column staging.stg_regions.province_code is 'Province of the division.';
comment on column staging.stg_regions.province_name is 'Province name.';
comment on column staging.stg_regions.prefecture_code is 'Prefecture of the division (NULL for provinces).';
comment on column staging.stg_regions.prefecture_name is 'Prefecture name.';
comment on column staging.stg_regions.county_code is 'County of the division (NULL above county level).';
comment on column staging.stg_regions.county_name is 'County name.';
comment on column staging.stg_regions.valid_from is 'First year the code was in force (1980: at the first code list).';
comment on column staging.stg_regions.valid_to is 'Year the code was replaced (NULL: in force).';
comment on column staging.stg_regions.successor_code is 'Division that replaced it (NULL: in force, or merged without a unique heir).';
comment on column staging.stg_regions.current_code is 'Code in force today for this place (itself while in force).';
comment on column staging.stg_regions.former_names is 'Earlier names the same code had since 2007 (襄樊市 for 420600).';

create table if not exists staging.stg_codes (
    table_name varchar not null,
    axis       varchar not null,
    code       varchar not null,
    label_zh   varchar not null,
    sort_order integer not null
);
comment on table staging.stg_codes is 'Grain: one row per code of the fact tables (pipeline/codes.py), with its Chinese label.';
comment on column staging.stg_codes.table_name is 'requests, review_litigation or active_disclosure.';
comment on column staging.stg_codes.axis is 'row or col.';
comment on column staging.stg_codes.code is 'The code.';
comment on column staging.stg_codes.label_zh is 'The national template label it stands for.';
comment on column staging.stg_codes.sort_order is 'Position in the printed table.';
