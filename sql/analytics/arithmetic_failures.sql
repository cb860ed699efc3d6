-- depends: marts.fct_checks, marts.dim_report, marts.dim_agency
create schema if not exists analytics;

create or replace view analytics.arithmetic_failures as
with failed as (
    select c.*,
           c.table_name || '.' || c.check_name || '[' || c.scope || ']: '
               || coalesce(cast(c.lhs as varchar), 'NULL') || ' vs ' || coalesce(cast(c.rhs as varchar), 'NULL')
               || ' (' || c.status || ')' as failure
    from marts.fct_checks c
    where c.status in ('source_error', 'parse_error')
)
select r.report_id,
       r.source_path,
       r.agency_name,
       coalesce(a.agency_name, r.agency_name)                      as agency_name_latest,
       r.report_year,
       r.template,
       r.parse_status,
       count(*) filter (where f.status = 'source_error')            as n_source_errors,
       count(*) filter (where f.status = 'parse_error')             as n_parse_errors,
       list(f.failure order by f.table_name, f.check_name, f.scope) as failures
from failed f
join marts.dim_report r using (report_id)
left join marts.dim_agency a on a.agency_id = r.agency_id
group by r.report_id, r.source_path, r.agency_name, coalesce(a.agency_name, r.agency_name), r.report_year, r.template, r.parse_status
order by r.report_year, r.source_path;

comment on view analytics.arithmetic_failures is 'Grain: one row per report that breaks at least one of its own arithmetic identities (勾稽关系, marts.fct_checks): source_error means the report as printed does not add up (kept as printed); parse_error means the failure looks like extraction damage. Identities: balance (received_new + carried_over = handled_total + carried_forward), outcomes_sum, applicants_sum (table 三), results_sum (table 四). Every report is listed, primary or not.';
comment on column analytics.arithmetic_failures.report_id is 'The report (marts.dim_report).';
comment on column analytics.arithmetic_failures.source_path is 'File of the report, relative to the raw folder.';
comment on column analytics.arithmetic_failures.agency_name is 'Agency name as this report prints it (same meaning as marts.dim_report.agency_name).';
comment on column analytics.arithmetic_failures.agency_name_latest is 'Agency name from the agency''s latest report (marts.dim_agency), else as this report prints it.';
comment on column analytics.arithmetic_failures.report_year is 'Year the statistics cover.';
comment on column analytics.arithmetic_failures.template is 'legacy, 2019 or 2021.';
comment on column analytics.arithmetic_failures.parse_status is 'loaded or partial.';
comment on column analytics.arithmetic_failures.n_source_errors is 'Identities the report itself breaks.';
comment on column analytics.arithmetic_failures.n_parse_errors is 'Identities that fail in a way that looks like extraction damage.';
comment on column analytics.arithmetic_failures.failures is 'Each failure as table.check[scope]: printed left-hand side vs right-hand side computed from the cells (status); details in marts.fct_checks.';
