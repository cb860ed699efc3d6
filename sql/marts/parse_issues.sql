-- depends: staging.stg_issues, staging.stg_reports
create or replace table marts.parse_issues as
select i.report_id,
       r.source_path,
       i.kind,
       i.message,
       i.source_line,
       i.source_page,
       i.raw_text
from staging.stg_issues i
join staging.stg_reports r using (report_id)
order by r.source_path, i.source_line;

comment on table marts.parse_issues is 'Grain: one row per number or passage the parser saw but did not load (it could not be placed with certainty), or a doubt worth a human look; with file and line.';
comment on column marts.parse_issues.report_id is 'The report (marts.dim_report).';
comment on column marts.parse_issues.source_path is 'Path of the file relative to the raw folder.';
comment on column marts.parse_issues.kind is 'unplaced_row, unknown_label, prose_inconsistent, region_unresolved, ...';
comment on column marts.parse_issues.message is 'What was seen and why it was not loaded.';
comment on column marts.parse_issues.source_line is '1-based line of the extracted text (raw.source_lines).';
comment on column marts.parse_issues.source_page is 'PDF page (NULL for other formats).';
comment on column marts.parse_issues.raw_text is 'The raw text concerned.';
