-- depends: staging.stg_reports, staging.stg_facts, staging.stg_issues, staging.stg_checks, staging.stg_report_notes, raw.fetch_log

create or replace table marts.dim_report as
with facts as (
    select report_id, count(*) as n_cells, count(value) as n_numbers
    from staging.stg_facts group by report_id
), issues as (
    select report_id, count(*) as n_issues from staging.stg_issues group by report_id
), checks as (
    select report_id,
           count(*) filter (where status = 'source_error') as n_source_errors,
           count(*) filter (where status = 'parse_error')  as n_parse_errors
    from staging.stg_checks group by report_id
), notes as (
    -- only notes read from the report's current parse count
    select n.report_id, bool_or(n.note = 'text_states_zero') as text_states_zero
    from staging.stg_report_notes n
    join staging.stg_reports r on r.report_id = n.report_id and r.parsed_at = n.parsed_at
    group by n.report_id
)
select r.report_id,
       r.source_path,
       fl.url as source_url,
       r.agency_name,
       case when r.agency_key is not null then md5(r.agency_key)[1:12] end as agency_id,
       r.region_code,
       r.report_year,
       r.template,
       r.parse_status,
       r.publication_date,
       r.title,
       r.format,
       r.sha256,
       coalesce(f.n_cells, 0)         as n_cells,
       coalesce(f.n_numbers, 0)       as n_numbers,
       coalesce(i.n_issues, 0)        as n_issues,
       coalesce(c.n_source_errors, 0) as n_source_errors,
       coalesce(c.n_parse_errors, 0)  as n_parse_errors,
       coalesce(n.text_states_zero, false) as text_states_zero,
       r.parsed_at
from staging.stg_reports r
left join facts f using (report_id)
left join issues i using (report_id)
left join checks c using (report_id)
left join notes n using (report_id)
-- The URL only while the file still holds the bytes that were fetched from it.
left join raw.fetch_log fl on fl.source_path = r.source_path and fl.sha256 = r.sha256
where r.parse_status <> 'quarantined'
order by r.source_path;

comment on table marts.dim_report is 'Grain: one row per report read (quarantined files are in marts.quarantine instead).';
comment on column marts.dim_report.report_id is 'Stable report identifier (derived from source_path).';
comment on column marts.dim_report.source_path is 'Path of the file relative to the raw folder.';
comment on column marts.dim_report.source_url is 'URL the file was fetched from (raw.fetch_log); NULL for files that were not fetched, or changed since.';
comment on column marts.dim_report.agency_name is 'Agency name as this report prints it (报告单位), in full. Everywhere in the warehouse agency_name means the printed name; the agency''s latest name is marts.dim_agency.agency_name, called agency_name_latest in the analytics views.';
comment on column marts.dim_report.agency_id is 'The agency (marts.dim_agency): one id however its reports name it.';
comment on column marts.dim_report.region_code is '6-digit administrative division code (marts.dim_region); NULL if unresolved.';
comment on column marts.dim_report.report_year is 'Year the statistics cover (统计年度), not the publication year.';
comment on column marts.dim_report.template is 'legacy (prose, 2008-2018), 2019 (国办公开办函〔2019〕60号) or 2021 (国办公开办函〔2021〕30号), from the labels present.';
comment on column marts.dim_report.parse_status is 'loaded: every number placed; partial: some numbers could not be placed and are listed in marts.parse_issues; blank_form: the national form itself with no agency, year or number (not a report: left out of the analytics views).';
comment on column marts.dim_report.publication_date is 'Publication or signature date, where stated.';
comment on column marts.dim_report.title is 'Report title as printed.';
comment on column marts.dim_report.format is 'Source format: text, markdown, pdf, pdf-ocr (scanned PDF read by OCR), html, docx, doc, wps, xlsx, xls, ods.';
comment on column marts.dim_report.sha256 is 'SHA-256 of the source file''s bytes.';
comment on column marts.dim_report.n_cells is 'Fact cells loaded (numbers and known blanks).';
comment on column marts.dim_report.n_numbers is 'Fact cells holding a number.';
comment on column marts.dim_report.n_issues is 'Parse issues reported (marts.parse_issues).';
comment on column marts.dim_report.n_source_errors is 'Arithmetic identities the report itself breaks (marts.fct_checks).';
comment on column marts.dim_report.n_parse_errors is 'Arithmetic identities that fail in a way that looks like extraction damage.';
comment on column marts.dim_report.text_states_zero is 'True when table 三 leaves 本年新收 (received_new, total) blank or absent while the report''s text says it had no requests (e.g. 无依申请公开, 未收到政府信息公开申请): the number stays NULL (the printed table wins, a blank is never 0); the sentence and its line are in staging.stg_report_notes.';
comment on column marts.dim_report.parsed_at is 'When the report was parsed (UTC).';
