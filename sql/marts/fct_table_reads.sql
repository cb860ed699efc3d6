-- depends: staging.stg_table_reads, marts.dim_report
create or replace table marts.fct_table_reads as
select t.report_id,
       t.table_name,
       t.cells_expected,
       t.cells_loaded,
       t.cells_blank,
       t.cells_unread,
       t.status,
       t.reason
from staging.stg_table_reads t
join marts.dim_report r using (report_id)
order by t.report_id, t.table_name;

comment on table marts.fct_table_reads is 'Grain: one row per report x national table (二, 三, 四) of the 2019 and 2021 templates: how completely the table was read. A printed table the reader could not certify is not_read, and nothing of it is loaded (not even from prose).';
comment on column marts.fct_table_reads.report_id is 'The report (marts.dim_report).';
comment on column marts.fct_table_reads.table_name is 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).';
comment on column marts.fct_table_reads.cells_expected is 'Cells the report''s template gives the table (三: 25 rows x 7 in 2021, 23 x 7 in 2019; 四: 15; 二: the template''s item x measure cells).';
comment on column marts.fct_table_reads.cells_loaded is 'Cells loaded into the fact tables from this table (numbers and known blanks).';
comment on column marts.fct_table_reads.cells_blank is 'Loaded cells with no number (blank, /, -, 无): unknown, never 0.';
comment on column marts.fct_table_reads.cells_unread is 'Expected cells not loaded.';
comment on column marts.fct_table_reads.status is 'complete, partial (some cells not loaded), not_read (printed, nothing loaded) or not_printed (no such table; prose may give its figures).';
comment on column marts.fct_table_reads.reason is 'Why cells were not loaded: the parse issue kinds raised on the table (see marts.parse_issues), or what was missing.';
