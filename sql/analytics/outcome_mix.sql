-- depends: analytics.report_requests, marts.fct_requests, marts.dim_code
create schema if not exists analytics;

create or replace view analytics.outcome_mix as
with primary_reports as (
    select * from analytics.report_requests where is_primary and report_year is not null
), complete as (
    -- Only reports whose whole breakdown is known: every share of a year rests on the same reports.
    select report_id, report_year, handled_total, other from primary_reports where mix_complete
), cells as (
    select c.report_year, f.outcome, f.requests
    from complete c
    join marts.fct_requests f using (report_id)
    where f.applicant_type = 'total'
      and (f.outcome in ('granted', 'partially_granted')
           or starts_with(f.outcome, 'withheld_')
           or starts_with(f.outcome, 'unavailable_')
           or starts_with(f.outcome, 'rejected_'))
    union all
    select report_year, 'other', other from complete
), summed as (
    select report_year, outcome, cast(sum(requests) as bigint) as requests from cells group by report_year, outcome
), years as (
    select report_year,
           count(*)                                          as n_reports_year,
           count(*) filter (where mix_complete)               as n_reports,
           cast(sum(handled_total) filter (where mix_complete) as bigint)     as handled_total
    from primary_reports
    group by report_year
), labels as (
    select code as outcome, label_zh, sort_order from marts.dim_code where table_name = 'requests' and axis = 'row'
)
select s.report_year,
       case when starts_with(s.outcome, 'withheld_') then 'withheld'
            when starts_with(s.outcome, 'unavailable_') then 'unavailable'
            when starts_with(s.outcome, 'rejected_') then 'rejected'
            else s.outcome end                                                as outcome_group,
       s.outcome,
       coalesce(l.label_zh, '（六）其他处理: 2019 单行, 或 2021 三个子行之和')          as label_zh,
       s.requests,
       y.handled_total,
       round(s.requests / nullif(y.handled_total, 0), 4)                     as share,
       y.n_reports,
       y.n_reports_year
from summed s
join years y using (report_year)
left join labels l on l.outcome = case when s.outcome = 'other' then 'other_handling' else s.outcome end
order by s.report_year, l.sort_order;

comment on view analytics.outcome_mix is 'Grain: one row per report year x outcome of table 三 (total column): granted, partially_granted, each of the 8 withholding reasons, each of the 3 unavailable and the 5 not-processed (rejected) rows, and other. share = requests / handled_total, both summed over the same reports: the primary reports of the year whose whole breakdown and handled_total are known (analytics.report_requests.mix_complete), so shares of a year compare like with like and add up to 1 unless a report breaks its own arithmetic. Templates: other is the 2019 single （六）其他处理 row (other_handling) or the sum of the 2021 three sub-rows (other_no_correction, other_unpaid_fee, other_other), which are not broken out because 2019 reports cannot be split that way. Legacy prose reports rarely give a full breakdown and then do not appear; one that does shows a group count stated without reasons as withheld_unspecified, unavailable_unspecified or rejected_unspecified. The disclosure rate is in analytics.disclosure_rate_by_year.';
comment on column analytics.outcome_mix.report_year is 'Year the statistics cover.';
comment on column analytics.outcome_mix.outcome_group is 'granted, partially_granted, withheld (（三）不予公开), unavailable (（四）无法提供), rejected (（五）不予处理, not processed) or other (（六）其他处理): sum shares by it for the coarse mix.';
comment on column analytics.outcome_mix.outcome is 'Outcome code (marts.dim_code; *_unspecified = a legacy group count without reasons), or other for the template-independent （六） bucket.';
comment on column analytics.outcome_mix.label_zh is 'The template label of the outcome.';
comment on column analytics.outcome_mix.requests is 'Requests with this outcome, summed over the n_reports reports.';
comment on column analytics.outcome_mix.handled_total is 'Requests handled (（七）总计), summed over the same n_reports reports: the denominator of share.';
comment on column analytics.outcome_mix.share is 'requests / handled_total, 4 decimals; NULL when handled_total is 0.';
comment on column analytics.outcome_mix.n_reports is 'Primary reports of the year with a complete breakdown: the reports every row of the year rests on.';
comment on column analytics.outcome_mix.n_reports_year is 'Primary reports of the year in the warehouse, complete or not: n_reports_year - n_reports were left out for an unknown cell.';
