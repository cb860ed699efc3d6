-- staging: how completely each national table of each report was read (pipeline.model.TableRead).
create schema if not exists staging;

create table if not exists staging.stg_table_reads (
    report_id      varchar not null,
    table_name     varchar not null,
    cells_expected integer not null,
    cells_loaded   integer not null,
    cells_blank    integer not null,
    cells_unread   integer not null,
    status         varchar not null,
    reason         varchar
);
comment on table staging.stg_table_reads is 'Grain: one row per report read with a national template (2019, 2021) x table (二, 三, 四): how many of the table''s cells were loaded and why the rest were not.';
comment on column staging.stg_table_reads.report_id is 'The report (staging.stg_reports).';
comment on column staging.stg_table_reads.table_name is 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).';
comment on column staging.stg_table_reads.cells_expected is 'Cells the report''s template gives the table (三: 25 rows x 7 in 2021, 23 x 7 in 2019; 四: 15; 二: the template''s item x measure cells).';
comment on column staging.stg_table_reads.cells_loaded is 'Cells loaded from the table into the fact tables (numbers and known blanks).';
comment on column staging.stg_table_reads.cells_blank is 'Loaded cells with no number (blank, /, -, 无): unknown, never 0.';
comment on column staging.stg_table_reads.cells_unread is 'Expected cells not loaded (cells_expected - cells_loaded, never below 0).';
comment on column staging.stg_table_reads.status is 'complete, partial (some cells not loaded, see reason and the parse issues), not_read (the report prints the table but nothing was loaded from it) or not_printed (no such table in the report; prose may give its figures).';
comment on column staging.stg_table_reads.reason is 'Why cells were not loaded: the parse issue kinds raised on the table, or what was missing.';
