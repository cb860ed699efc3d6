-- depends: analytics.report_requests, marts.dim_report, marts.dim_region, marts.fct_requests, marts.fct_review_litigation, marts.fct_active_disclosure, marts.fct_checks, marts.parse_issues, staging.stg_reports
create schema if not exists analytics;

-- The researcher's first table: one row per file, what it is, its headline numbers and how far
-- they can be trusted. Self-contained completeness (cells read / cells the template prints).
create or replace view analytics.reports as
with requests as (
    select report_id,
           max(requests) filter (where outcome = 'unavailable_not_held' and applicant_type = 'total') as not_held,
           count(*) as cells,
           count(requests) as numbers,
           bool_or(outcome = 'other_handling') as has_other_handling
    from marts.fct_requests group by report_id
), proceedings as (
    -- Cases per proceeding, as analytics.review_litigation_by_year counts them: the four results
    -- when all are known, else the printed 总计.
    select report_id, proceeding,
           coalesce(max(cases) filter (where result = 'upheld') + max(cases) filter (where result = 'corrected')
                    + max(cases) filter (where result = 'other') + max(cases) filter (where result = 'pending'),
                    max(cases) filter (where result = 'total')) as cases
    from marts.fct_review_litigation group by report_id, proceeding
), review as (
    select r.report_id,
           max(p.cases) filter (where p.proceeding = 'administrative_review') as reviews,
           coalesce(max(p.cases) filter (where p.proceeding = 'litigation_direct')
                    + max(p.cases) filter (where p.proceeding = 'litigation_after_review'),
                    max(p.cases) filter (where p.proceeding = 'litigation_unspecified')) as lawsuits
    from marts.fct_review_litigation r
    left join proceedings p using (report_id)
    group by r.report_id
), review_cells as (
    select report_id, count(*) as cells, count(cases) as numbers from marts.fct_review_litigation group by report_id
), disclosure_cells as (
    select report_id, count(*) as cells, count(value) as numbers from marts.fct_active_disclosure group by report_id
), checks as (
    select report_id,
           count(*) filter (where status = 'pass')         as n_checks_passed,
           count(*) filter (where status = 'repaired')     as n_checks_repaired,
           count(*) filter (where status = 'incomplete')   as n_checks_incomplete,
           count(*) filter (where status = 'source_error') as n_source_errors,
           count(*) filter (where status = 'parse_error')  as n_parse_errors
    from marts.fct_checks group by report_id
), issues as (
    select report_id, count(*) as n_parse_issues from marts.parse_issues group by report_id
), expected as (
    -- Cells the template's tables print: table 三 is 23 rows x 7 columns in 2019 and 25 x 7 in
    -- 2021 (or 23 x 7 when a 2021 report prints the single 2019 （六）其他处理 row); table 四 is
    -- 3 proceedings x 5 results in both; table 二 is 22 cells in 2019 and 10 in 2021. Legacy
    -- prose has no tables: NULL.
    select d.report_id,
           case d.template when '2019' then 161
                           when '2021' then 7 * (22 + case when q.has_other_handling then 1 else 3 end) end as requests_expected,
           case when d.template in ('2019', '2021') then 15 end                                        as review_expected,
           case d.template when '2019' then 22 when '2021' then 10 end                                 as disclosure_expected
    from marts.dim_report d
    left join requests q using (report_id)
), loaded as (
    select d.report_id, d.source_path, d.source_url, d.title, d.agency_name,
           rr.agency_name_latest, d.agency_id, rr.agency_sector, rr.region_code,
           d.report_year, d.template, d.format, d.parse_status, cast(null as varchar) as quarantine_reason,
           rr.is_primary,
           rr.received_new, rr.granted, rr.partially_granted, rr.handled_total,
           case when rr.handled_total > 0 then round(rr.granted / rr.handled_total, 4) end as share_granted,
           rr.disclosure_rate,
           q.not_held, v.reviews, v.lawsuits,
           case when coalesce(c.n_parse_errors, 0) > 0 then 'parse_error'
                when coalesce(c.n_source_errors, 0) > 0 then 'source_error'
                when coalesce(c.n_checks_repaired, 0) > 0 then 'repaired'
                when coalesce(c.n_checks_passed, 0) > 0 then 'pass'
                else 'unchecked' end as check_status,
           coalesce(c.n_checks_passed, 0) as n_checks_passed,
           coalesce(c.n_checks_incomplete, 0) as n_checks_incomplete,
           coalesce(c.n_source_errors, 0) as n_source_errors,
           coalesce(c.n_parse_errors, 0) as n_parse_errors,
           d.text_states_zero,
           e.requests_expected + e.review_expected + e.disclosure_expected as cells_expected,
           coalesce(q.cells, 0) + coalesce(rc.cells, 0) + coalesce(dc.cells, 0) as cells_read,
           coalesce(q.numbers, 0) + coalesce(rc.numbers, 0) + coalesce(dc.numbers, 0) as cells_with_number,
           round(coalesce(q.cells, 0) / e.requests_expected, 4) as requests_share_read,
           round(coalesce(rc.cells, 0) / e.review_expected, 4) as review_share_read,
           round(coalesce(dc.cells, 0) / e.disclosure_expected, 4) as disclosure_share_read,
           coalesce(i.n_parse_issues, 0) as n_parse_issues
    from marts.dim_report d
    left join analytics.report_requests rr using (report_id)
    left join requests q using (report_id)
    left join review v using (report_id)
    left join review_cells rc using (report_id)
    left join disclosure_cells dc using (report_id)
    left join checks c using (report_id)
    left join issues i using (report_id)
    left join expected e using (report_id)
), everything as (
    select * from loaded
    union all by name
    -- Quarantined files are listed too, with why, so a count of rows is a count of files.
    select s.report_id, s.source_path, s.format, 'quarantined' as parse_status, s.status_reason as quarantine_reason,
           false as text_states_zero, 'unchecked' as check_status,
           0 as n_checks_passed, 0 as n_checks_incomplete, 0 as n_source_errors, 0 as n_parse_errors,
           0 as cells_read, 0 as cells_with_number, 0 as n_parse_issues
    from staging.stg_reports s
    where s.parse_status = 'quarantined'
)
select e.report_id,
       e.source_path,
       e.source_url,
       e.title,
       e.agency_name,
       e.agency_name_latest,
       e.agency_id,
       e.agency_sector,
       e.region_code,
       g.name  as region_name,
       g.level as region_level,
       g.province_code,
       g.province_name,
       g.prefecture_code,
       g.prefecture_name,
       g.county_code,
       g.county_name,
       e.report_year,
       e.template,
       e.format,
       e.parse_status,
       e.quarantine_reason,
       e.is_primary,
       e.received_new,
       e.granted,
       e.partially_granted,
       e.handled_total,
       e.share_granted,
       e.disclosure_rate,
       e.not_held,
       e.reviews,
       e.lawsuits,
       e.text_states_zero,
       e.check_status,
       e.n_checks_passed,
       e.n_checks_incomplete,
       e.n_source_errors,
       e.n_parse_errors,
       e.cells_expected,
       e.cells_read,
       e.cells_with_number,
       round(e.cells_read / e.cells_expected, 4)        as share_cells_read,
       round(e.cells_with_number / e.cells_expected, 4) as share_cells_with_number,
       e.requests_share_read,
       e.review_share_read,
       e.disclosure_share_read,
       e.n_parse_issues
from everything e
left join marts.dim_region g using (region_code)
order by e.report_year nulls last, e.region_code nulls last, e.agency_name nulls last, e.source_path;

comment on view analytics.reports is 'Grain: one row per file under the raw folder: every report read (marts.dim_report) and every quarantined file (parse_status = ''quarantined'', with quarantine_reason), so nothing is left out silently. What the report is (file, source URL, title, agency, region at each level, year, template), its headline numbers from table 三 and 四 (total column; NULL = unknown, never 0), whether its own arithmetic holds (check_status) and how completely its tables were read (cells read / cells the template prints). Several files can hold one agency''s report for a year: count only is_primary rows for totals. Terms: docs/domain.md.';
comment on column analytics.reports.report_id is 'The report (marts.dim_report).';
comment on column analytics.reports.source_path is 'File, relative to the raw folder.';
comment on column analytics.reports.source_url is 'Web address the file was downloaded from; NULL when unknown (files placed by hand).';
comment on column analytics.reports.title is 'Report title as printed.';
comment on column analytics.reports.agency_name is 'Agency name as this report prints it (the same as marts.dim_report.agency_name); NULL when not found.';
comment on column analytics.reports.agency_name_latest is 'The agency''s name in its latest report (marts.dim_agency), else the printed name: the same for all of one agency''s reports.';
comment on column analytics.reports.agency_id is 'The agency (marts.dim_agency); NULL when the agency could not be identified.';
comment on column analytics.reports.agency_sector is 'Sector derived from the agency name (人民政府, 公安, 教育, 机关事务, ...); NULL when unknown.';
comment on column analytics.reports.region_code is '6-digit administrative division code of the report, else of its agency (marts.dim_region); NULL when unresolved.';
comment on column analytics.reports.region_name is 'Name of that division.';
comment on column analytics.reports.region_level is 'province, prefecture or county: the level of region_code.';
comment on column analytics.reports.province_code is 'Province the division lies in (itself for a province).';
comment on column analytics.reports.province_name is 'Province name.';
comment on column analytics.reports.prefecture_code is 'Prefecture the division lies in (itself for a prefecture; NULL for a province).';
comment on column analytics.reports.prefecture_name is 'Prefecture name (NULL for a province).';
comment on column analytics.reports.county_code is 'County (NULL above county level).';
comment on column analytics.reports.county_name is 'County name (NULL above county level).';
comment on column analytics.reports.report_year is 'Year the statistics cover (统计年度), not the publication year.';
comment on column analytics.reports.template is 'legacy (prose, 2008-2018), 2019 or 2021: which national table the numbers come from.';
comment on column analytics.reports.format is 'Source format: text, markdown, pdf, html, docx.';
comment on column analytics.reports.parse_status is 'loaded (every number placed), partial (some numbers not placed: marts.parse_issues) or quarantined (not read: quarantine_reason).';
comment on column analytics.reports.quarantine_reason is 'Why a quarantined file was not read; NULL for reports read.';
comment on column analytics.reports.is_primary is 'True for the one report counted per agency and year (analytics.report_requests.is_primary); NULL for quarantined files.';
comment on column analytics.reports.received_new is '一、本年新收政府信息公开申请数量 (total column); NULL when unknown or printed blank.';
comment on column analytics.reports.granted is '（一）予以公开 (total column); NULL when unknown.';
comment on column analytics.reports.partially_granted is '（二）部分公开 (total column); NULL when unknown.';
comment on column analytics.reports.handled_total is '（七）总计: requests handled; NULL when unknown.';
comment on column analytics.reports.share_granted is 'granted / handled_total (fully granted only), 4 decimals; NULL when either is unknown or handled_total is 0.';
comment on column analytics.reports.disclosure_rate is '(granted + partially_granted) / handled_total, 4 decimals; NULL when any is unknown or handled_total is 0.';
comment on column analytics.reports.not_held is '（四）无法提供 1.本机关不掌握相关政府信息 (信息不存在), total column; NULL when unknown (legacy prose rarely gives it).';
comment on column analytics.reports.reviews is 'Administrative review cases (行政复议, table 四): upheld + corrected + other + pending when all four are known, else the printed 总计; NULL when unknown.';
comment on column analytics.reports.lawsuits is 'Administrative litigation cases (行政诉讼): direct + after review (each counted as reviews are), or the legacy prose count not split by review; NULL when unknown.';
comment on column analytics.reports.text_states_zero is 'True when received_new is NULL because table 三 prints it blank (or does not print it) while the report''s text says it had no requests: read as "the text says none"; the number stays NULL because the printed table wins (marts.dim_report.text_states_zero). False otherwise.';
comment on column analytics.reports.check_status is 'The report''s own arithmetic (marts.fct_checks), worst first: parse_error (a failure that looks like extraction damage), source_error (the report as printed does not add up), repaired (a cell was repaired to satisfy it), pass (every identity that could be evaluated holds), unchecked (no identity could be evaluated: legacy prose, blank tables, quarantined files).';
comment on column analytics.reports.n_checks_passed is 'Identities that hold.';
comment on column analytics.reports.n_checks_incomplete is 'Identities that could not be evaluated because a cell they need is NULL or missing.';
comment on column analytics.reports.n_source_errors is 'Identities the report itself breaks.';
comment on column analytics.reports.n_parse_errors is 'Identities that fail in a way that looks like extraction damage.';
comment on column analytics.reports.cells_expected is 'Cells the template''s tables 二, 三 and 四 print (2019: 22 + 161 + 15; 2021: 10 + 175 + 15, or 10 + 161 + 15 when the report prints the single （六）其他处理 row); NULL for legacy prose and quarantined files.';
comment on column analytics.reports.cells_read is 'Cells placed in the fact tables, holding a number or a printed blank.';
comment on column analytics.reports.cells_with_number is 'Placed cells holding a number.';
comment on column analytics.reports.share_cells_read is 'cells_read / cells_expected, 4 decimals: 1 means every printed cell was placed (a blank counts as read); NULL without expected cells.';
comment on column analytics.reports.share_cells_with_number is 'cells_with_number / cells_expected, 4 decimals: low for a report that leaves its tables blank.';
comment on column analytics.reports.requests_share_read is 'Table 三 cells read / cells the template prints, 4 decimals; NULL for legacy prose.';
comment on column analytics.reports.review_share_read is 'Table 四 cells read / 15, 4 decimals; NULL for legacy prose.';
comment on column analytics.reports.disclosure_share_read is 'Table 二 cells read / cells the template prints (22 in 2019, 10 in 2021), 4 decimals; NULL for legacy prose.';
comment on column analytics.reports.n_parse_issues is 'Parse issues of the report (marts.parse_issues): numbers seen but not placed, unresolved region, ...';
