-- depends: analytics.report_requests, marts.dim_agency, marts.dim_report
create schema if not exists analytics;

create or replace view analytics.coverage as
with latest as (
    select max(report_year) as latest_year from marts.dim_report
), spine as (
    select a.agency_id, a.agency_name as agency_name_latest, a.agency_sector, a.region_code, a.first_year, a.last_year, l.latest_year,
           unnest(range(a.first_year, l.latest_year + 1)) as report_year
    from marts.dim_agency a, latest l
    where a.first_year is not null
), reported as (
    select agency_id, report_year,
           count(*)                                      as n_reports,
           any_value(report_id) filter (where is_primary) as report_id,
           any_value(template) filter (where is_primary)  as template
    from analytics.report_requests
    where agency_id is not null and report_year is not null
    group by agency_id, report_year
)
select s.agency_id,
       s.agency_name_latest,
       s.agency_sector,
       s.region_code,
       cast(s.report_year as integer)                    as report_year,
       coalesce(r.n_reports, 0)                          as n_reports,
       r.report_id,
       r.template,
       case when r.n_reports > 0 then 'reported'
            when s.report_year < s.last_year then 'missing_gap'
            else 'missing_after_last' end                as status,
       s.first_year,
       s.last_year,
       s.latest_year
from spine s
left join reported r on r.agency_id = s.agency_id and r.report_year = s.report_year
order by s.agency_name_latest, s.agency_id, s.report_year;

comment on view analytics.coverage is 'Grain: one row per known agency (marts.dim_agency) x year, from the agency''s first report year up to the latest report year in the whole warehouse. status: reported; missing_gap = no report for a year between the agency''s first and last report years (a hole in its series); missing_after_last = no report after its last report year up to the warehouse''s latest year (stopped reporting, or not collected yet). Years before an agency''s first report are not listed: we cannot tell whether it existed or published. Agencies the parser could not identify are not here.';
comment on column analytics.coverage.agency_id is 'The agency (marts.dim_agency).';
comment on column analytics.coverage.agency_name_latest is 'Agency name from its latest report (marts.dim_agency.agency_name).';
comment on column analytics.coverage.agency_sector is 'Agency sector; NULL when unknown.';
comment on column analytics.coverage.region_code is '6-digit division code of the agency (marts.dim_region).';
comment on column analytics.coverage.report_year is 'Year the statistics would cover.';
comment on column analytics.coverage.n_reports is 'Reports in the warehouse for the agency and year (more than 1: duplicates or mirror copies, of which one is primary).';
comment on column analytics.coverage.report_id is 'The primary report of the year (marts.dim_report); NULL when missing.';
comment on column analytics.coverage.template is 'Template of the primary report: legacy, 2019 or 2021.';
comment on column analytics.coverage.status is 'reported, missing_gap (between the agency''s first and last report years) or missing_after_last (after its last report year, up to latest_year).';
comment on column analytics.coverage.first_year is 'The agency''s first report year in the warehouse.';
comment on column analytics.coverage.last_year is 'The agency''s last report year in the warehouse.';
comment on column analytics.coverage.latest_year is 'The latest report year of any report in the warehouse: where missing_after_last stops.';
