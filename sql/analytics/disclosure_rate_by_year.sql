-- depends: analytics.report_requests
create schema if not exists analytics;

create or replace view analytics.disclosure_rate_by_year as
with primary_reports as (
    select * from analytics.report_requests where is_primary and report_year is not null
), rated as (
    select * from primary_reports where disclosure_rate is not null
), years as (
    select report_year,
           count(*)                                         as n_reports,
           cast(sum(received_new) as bigint)                                as received_new,
           count(received_new)                              as received_new_reports
    from primary_reports
    group by report_year
), rates as (
    select report_year,
           count(*)                                         as n_reports_rated,
           cast(sum(granted) as bigint)                                     as granted,
           cast(sum(partially_granted) as bigint)                           as partially_granted,
           cast(sum(handled_total) as bigint)                               as handled_total,
           round(sum(granted + partially_granted) / sum(handled_total), 4) as disclosure_rate,
           round(median((granted + partially_granted) / handled_total), 4) as median_report_rate
    from rated
    group by report_year
)
select y.report_year,
       y.n_reports,
       y.received_new,
       y.received_new_reports,
       coalesce(r.n_reports_rated, 0) as n_reports_rated,
       r.granted,
       r.partially_granted,
       r.handled_total,
       r.disclosure_rate,
       r.median_report_rate
from years y
left join rates r using (report_year)
order by y.report_year;

comment on view analytics.disclosure_rate_by_year is 'Grain: one row per report year (years with at least one report). The disclosure rate = (granted 予以公开 + partially_granted 部分公开) / handled_total （七）总计, pooled over the primary reports of the year where all three are known and handled_total > 0 (n_reports_rated), and the median of those reports'' own rates. Template-independent: the three rows are the same in the 2019 and 2021 tables; legacy prose reports count only when they state all three. Also the year''s requests received, over the reports that give it.';
comment on column analytics.disclosure_rate_by_year.report_year is 'Year the statistics cover.';
comment on column analytics.disclosure_rate_by_year.n_reports is 'Primary reports for the year (one per agency, see analytics.report_requests.is_primary).';
comment on column analytics.disclosure_rate_by_year.received_new is 'Requests received (本年新收), summed over the received_new_reports reports that give it; NULL when none does.';
comment on column analytics.disclosure_rate_by_year.received_new_reports is 'Reports with a known received_new.';
comment on column analytics.disclosure_rate_by_year.n_reports_rated is 'Reports with granted, partially_granted and handled_total known and handled_total > 0: what the rate rests on.';
comment on column analytics.disclosure_rate_by_year.granted is 'Granted (予以公开), summed over the rated reports.';
comment on column analytics.disclosure_rate_by_year.partially_granted is 'Partially granted (部分公开), summed over the rated reports.';
comment on column analytics.disclosure_rate_by_year.handled_total is 'Requests handled (（七）总计), summed over the rated reports.';
comment on column analytics.disclosure_rate_by_year.disclosure_rate is '(granted + partially_granted) / handled_total over the rated reports (pooled: large agencies weigh more), 4 decimals; NULL when no report is rated.';
comment on column analytics.disclosure_rate_by_year.median_report_rate is 'Median of the rated reports'' own disclosure rates (each agency weighs the same), 4 decimals.';
