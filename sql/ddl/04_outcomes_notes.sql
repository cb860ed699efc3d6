-- Notes read from a report's text that no fact carries (pipeline/warehouse/text_notes.py). raw.run_files,
-- the per-file outcomes of each run, is declared in pipeline/warehouse/schema.py. Written by the pipeline only.
create schema if not exists raw;
create schema if not exists staging;

create table if not exists staging.stg_report_notes (
    report_id   varchar not null,
    parsed_at   timestamp not null,
    note        varchar not null,
    source_line integer,
    source_page integer,
    text        varchar
);
comment on table staging.stg_report_notes is 'Grain: one row per report x note read from its text that no fact carries, e.g. text_states_zero: table 三 prints 本年新收 blank while the prose says the agency had no requests. Kept for the parse (parsed_at) it was read from.';
comment on column staging.stg_report_notes.report_id is 'The report (staging.stg_reports).';
comment on column staging.stg_report_notes.parsed_at is 'The parse of the report this note belongs to (staging.stg_reports.parsed_at): a note of an older parse is ignored.';
comment on column staging.stg_report_notes.note is 'text_states_zero, or text_checked (the text was read and states nothing: a marker so the report is not read again).';
comment on column staging.stg_report_notes.source_line is '1-based line of the extracted text holding the statement.';
comment on column staging.stg_report_notes.source_page is 'PDF page of that line (NULL for other formats).';
comment on column staging.stg_report_notes.text is 'The sentence as extracted.';
