-- depends: analytics.report_requests
create schema if not exists analytics;

create or replace view analytics.carry_over_check as
with reports as (
    select * from analytics.report_requests
    where is_primary and agency_id is not null and report_year is not null
)
select cur.agency_id,
       cur.agency_name_latest,
       cur.report_year,
       prev.carried_forward                            as previous_carried_forward,
       cur.carried_over,
       cur.carried_over - prev.carried_forward         as difference,
       case when prev.carried_forward is null or cur.carried_over is null then 'unknown'
            when prev.carried_forward = cur.carried_over then 'consistent'
            else 'inconsistent' end                    as status,
       prev.template                                   as previous_template,
       cur.template,
       prev.report_id                                  as previous_report_id,
       cur.report_id
from reports cur
join reports prev on prev.agency_id = cur.agency_id and prev.report_year = cur.report_year - 1
order by cur.report_year, status <> 'inconsistent', cur.agency_name_latest;

comment on view analytics.carry_over_check is 'Grain: one row per agency x report year with a report for the year before too (primary reports). Consistency across years: what the previous report carried forward (四、结转下年度继续办理) should be what this report carried over (二、上年结转), total column. status inconsistent means one of the two reports is wrong (or they count differently); unknown means either number is not known, e.g. legacy prose reports, which give neither.';
comment on column analytics.carry_over_check.agency_id is 'The agency (marts.dim_agency).';
comment on column analytics.carry_over_check.agency_name_latest is 'Agency name from its latest report (marts.dim_agency.agency_name); not the name either report prints.';
comment on column analytics.carry_over_check.report_year is 'The later year of the pair.';
comment on column analytics.carry_over_check.previous_carried_forward is 'carried_forward printed by the previous year''s report; NULL when unknown.';
comment on column analytics.carry_over_check.carried_over is 'carried_over printed by this year''s report; NULL when unknown.';
comment on column analytics.carry_over_check.difference is 'carried_over - previous_carried_forward; NULL when either is unknown.';
comment on column analytics.carry_over_check.status is 'consistent, inconsistent or unknown (either number unknown).';
comment on column analytics.carry_over_check.previous_template is 'Template of the previous year''s report.';
comment on column analytics.carry_over_check.template is 'Template of this year''s report.';
comment on column analytics.carry_over_check.previous_report_id is 'The previous year''s report (marts.dim_report).';
comment on column analytics.carry_over_check.report_id is 'This year''s report (marts.dim_report).';
