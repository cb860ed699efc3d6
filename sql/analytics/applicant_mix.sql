-- depends: analytics.report_requests, marts.fct_requests, marts.dim_code
create schema if not exists analytics;

create or replace view analytics.applicant_mix as
with primary_reports as (
    select report_id, report_year from analytics.report_requests where is_primary and report_year is not null
), cells as (
    select p.report_year, p.report_id, f.applicant_type, f.requests
    from primary_reports p
    join marts.fct_requests f using (report_id)
    where f.outcome = 'received_new' and f.applicant_type <> 'total'
), complete as (
    -- Only reports giving all six applicant columns: every share of a year rests on the same reports.
    select report_id from cells group by report_id having count(requests) = 6
), kept as (
    select c.* from cells c semi join complete using (report_id)
), years as (
    select p.report_year,
           count(distinct p.report_id)              as n_reports_year,
           count(distinct k.report_id)              as n_reports,
           cast(sum(k.requests) as bigint)                          as received_new
    from primary_reports p
    left join kept k using (report_id)
    group by p.report_year
), summed as (
    select report_year, applicant_type, cast(sum(requests) as bigint) as requests from kept group by report_year, applicant_type
), labels as (
    select code as applicant_type, label_zh, sort_order from marts.dim_code where table_name = 'requests' and axis = 'col'
)
select s.report_year,
       case when s.applicant_type = 'natural_person' then 'natural_person' else 'organisation' end as applicant_group,
       s.applicant_type,
       l.label_zh,
       s.requests,
       y.received_new,
       round(s.requests / nullif(y.received_new, 0), 4) as share,
       y.n_reports,
       y.n_reports_year
from summed s
join years y using (report_year)
left join labels l using (applicant_type)
order by s.report_year, l.sort_order;

comment on view analytics.applicant_mix is 'Grain: one row per report year x applicant type (自然人 and the five kinds of 法人或其他组织) for requests received (一、本年新收, table 三). share = requests / received_new, both summed over the same reports: the primary reports of the year that give all six applicant columns, so shares of a year add up to 1; received_new here is the sum of the six columns, not the printed 总计. Sum share by applicant_group for natural persons versus organisations. Legacy prose reports give totals only and do not appear; the 2019 and 2021 columns are the same.';
comment on column analytics.applicant_mix.report_year is 'Year the statistics cover.';
comment on column analytics.applicant_mix.applicant_group is 'natural_person (自然人) or organisation (法人或其他组织).';
comment on column analytics.applicant_mix.applicant_type is 'natural_person, enterprise (商业企业), research_institution (科研机构), nonprofit (社会公益组织), legal_service (法律服务机构), other_org (其他).';
comment on column analytics.applicant_mix.label_zh is 'The template column label.';
comment on column analytics.applicant_mix.requests is 'New requests from this kind of applicant, summed over the n_reports reports.';
comment on column analytics.applicant_mix.received_new is 'New requests from all six kinds, summed over the same n_reports reports: the denominator of share.';
comment on column analytics.applicant_mix.share is 'requests / received_new, 4 decimals; NULL when received_new is 0.';
comment on column analytics.applicant_mix.n_reports is 'Primary reports of the year giving all six applicant columns of received_new: what every row of the year rests on.';
comment on column analytics.applicant_mix.n_reports_year is 'Primary reports of the year in the warehouse: n_reports_year - n_reports were left out (legacy totals only, or an unknown cell).';
