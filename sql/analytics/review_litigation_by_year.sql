-- depends: analytics.report_requests, marts.fct_review_litigation
create schema if not exists analytics;

create or replace view analytics.review_litigation_by_year as
with primary_reports as (
    select report_id, report_year, handled_total
    from analytics.report_requests
    where is_primary and report_year is not null
), per_proceeding as (
    select p.report_id, p.report_year, p.handled_total, f.proceeding,
           max(f.cases) filter (where f.result = 'upheld')    as upheld,
           max(f.cases) filter (where f.result = 'corrected') as corrected,
           max(f.cases) filter (where f.result = 'other')     as other_result,
           max(f.cases) filter (where f.result = 'pending')   as pending,
           max(f.cases) filter (where f.result = 'total')     as printed_total
    from primary_reports p
    join marts.fct_review_litigation f using (report_id)
    group by p.report_id, p.report_year, p.handled_total, f.proceeding
), cases as (
    select *,
           -- The four results when all are known (a printed 总计 that disagrees is the report's own
           -- error, see marts.fct_checks results_sum); else the printed total (legacy prose gives only that).
           coalesce(upheld + corrected + other_result + pending, printed_total) as cases,
           upheld + corrected + other_result                                   as decided
    from per_proceeding
), parts as (
    -- What 'all' adds up: review plus litigation, where litigation is either the two template rows
    -- or, in legacy prose, one litigation_unspecified count.
    select *,
           case when bool_or(proceeding = 'litigation_unspecified') over (partition by report_id)
                then 2 else 3 end as expected_parts
    from cases
), chosen as (
    select * from parts
    where proceeding = 'administrative_review'
       or (expected_parts = 2 and proceeding = 'litigation_unspecified')
       or (expected_parts = 3 and proceeding in ('litigation_direct', 'litigation_after_review'))
), all_proceedings as (
    select report_id, report_year, any_value(handled_total) as handled_total, 'all' as proceeding,
           cast(case when count(upheld) = any_value(expected_parts) then sum(upheld) end as bigint)             as upheld,
           cast(case when count(corrected) = any_value(expected_parts) then sum(corrected) end as bigint)       as corrected,
           cast(case when count(other_result) = any_value(expected_parts) then sum(other_result) end as bigint) as other_result,
           cast(case when count(pending) = any_value(expected_parts) then sum(pending) end as bigint)           as pending,
           cast(case when count(cases) = any_value(expected_parts) then sum(cases) end as bigint)               as cases,
           cast(case when count(decided) = any_value(expected_parts) then sum(decided) end as bigint)           as decided
    from chosen
    group by report_id, report_year
), combined as (
    select report_id, report_year, handled_total, proceeding, upheld, corrected, other_result, pending, cases, decided
    from cases
    union all
    select report_id, report_year, handled_total, proceeding, upheld, corrected, other_result, pending, cases, decided
    from all_proceedings
)
select report_year,
       proceeding,
       count(cases)                                                         as n_reports,
       cast(sum(cases) as bigint)                                                           as cases,
       count(decided)                                                       as n_reports_decided,
       cast(sum(upheld) filter (where decided is not null) as bigint)                       as upheld,
       cast(sum(corrected) filter (where decided is not null) as bigint)                    as corrected,
       cast(sum(other_result) filter (where decided is not null) as bigint)                 as other_result,
       cast(sum(pending) filter (where decided is not null) as bigint)                      as pending,
       round(sum(corrected) filter (where decided is not null)
             / nullif(sum(decided), 0), 4)                                  as correction_rate,
       count(*) filter (where cases is not null and handled_total is not null) as n_reports_with_requests,
       cast(sum(handled_total) filter (where cases is not null) as bigint)                  as handled_total,
       round(sum(cases) filter (where handled_total is not null)
             / nullif(sum(handled_total) filter (where cases is not null), 0), 4) as cases_per_request
from combined
group by report_year, proceeding
order by report_year,
         case proceeding when 'administrative_review' then 1 when 'litigation_direct' then 2
                         when 'litigation_after_review' then 3 when 'litigation_unspecified' then 4
                         else 5 end;

comment on view analytics.review_litigation_by_year is 'Grain: one row per report year x proceeding (table 四): administrative_review (行政复议), litigation_direct (行政诉讼 未经复议直接起诉), litigation_after_review (复议后起诉), litigation_unspecified (legacy prose: 行政诉讼 not split by whether a review came first), and all (review and litigation together, for reports where every part is known). Sums over primary reports with known values, each with the count of reports it rests on. correction_rate (纠错率) = corrected / (upheld + corrected + other), pending cases excluded, over the reports where those three are known. cases_per_request = cases / handled_total over reports where both are known. Same table in the 2019 and 2021 templates; legacy prose reports give only totals, so they count in cases but not in the correction rate. A dispute that went to review and then to court is two cases.';
comment on column analytics.review_litigation_by_year.report_year is 'Year the statistics cover.';
comment on column analytics.review_litigation_by_year.proceeding is 'administrative_review, litigation_direct, litigation_after_review, litigation_unspecified (legacy prose), or all: administrative_review + litigation (litigation_direct + litigation_after_review, or litigation_unspecified), only for reports where every part is known.';
comment on column analytics.review_litigation_by_year.n_reports is 'Primary reports with a known number of cases for the proceeding.';
comment on column analytics.review_litigation_by_year.cases is 'Cases, summed over those reports. Per report: upheld + corrected + other + pending when all four are known (a printed 总计 that disagrees is a source error, listed in marts.fct_checks), else the printed 总计.';
comment on column analytics.review_litigation_by_year.n_reports_decided is 'Reports where upheld, corrected and other are all known: what the four result columns and correction_rate rest on.';
comment on column analytics.review_litigation_by_year.upheld is '结果维持, summed over the n_reports_decided reports.';
comment on column analytics.review_litigation_by_year.corrected is '结果纠正, summed over the n_reports_decided reports.';
comment on column analytics.review_litigation_by_year.other_result is '其他结果, summed over the n_reports_decided reports.';
comment on column analytics.review_litigation_by_year.pending is '尚未审结, summed over the n_reports_decided reports where it is known.';
comment on column analytics.review_litigation_by_year.correction_rate is '纠错率 = corrected / (upheld + corrected + other), pending excluded, 4 decimals; NULL when no case was decided.';
comment on column analytics.review_litigation_by_year.n_reports_with_requests is 'Reports with both cases and handled_total known: what cases_per_request rests on.';
comment on column analytics.review_litigation_by_year.handled_total is 'Requests handled (table 三 （七）总计), summed over the reports with known cases.';
comment on column analytics.review_litigation_by_year.cases_per_request is 'Cases / requests handled over the n_reports_with_requests reports, 4 decimals: how often a request ends in review or litigation (cases of a year may concern requests of earlier years, so read it as a ratio).';
