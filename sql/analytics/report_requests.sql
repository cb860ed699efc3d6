-- depends: marts.dim_report, marts.dim_agency, marts.fct_requests
create schema if not exists analytics;

-- Every other analytics view starts here: one row per report with table 三's total column (总计)
-- folded into buckets that mean the same thing under every template.
create or replace view analytics.report_requests as
with totals as (
    select report_id, outcome, requests,
           -- the template's reason rows of groups （三）（四）（五）; *_unspecified is legacy prose's
           -- count of a whole group, given instead of its reasons
           case when ends_with(outcome, '_unspecified') then null
                when starts_with(outcome, 'withheld_') then 'withheld'
                when starts_with(outcome, 'unavailable_') then 'unavailable'
                when starts_with(outcome, 'rejected_') then 'rejected' end as reason_of
    from marts.fct_requests
    where applicant_type = 'total'
), per_report as (
    select report_id,
           max(requests) filter (where outcome = 'received_new')             as received_new,
           max(requests) filter (where outcome = 'carried_over')             as carried_over,
           max(requests) filter (where outcome = 'granted')                  as granted,
           max(requests) filter (where outcome = 'partially_granted')        as partially_granted,
           sum(requests) filter (where reason_of = 'withheld')               as withheld_sum,
           count(requests) filter (where reason_of = 'withheld')             as withheld_known,
           max(requests) filter (where outcome = 'withheld_unspecified')     as withheld_unspecified,
           sum(requests) filter (where reason_of = 'unavailable')            as unavailable_sum,
           count(requests) filter (where reason_of = 'unavailable')          as unavailable_known,
           max(requests) filter (where outcome = 'unavailable_unspecified')  as unavailable_unspecified,
           sum(requests) filter (where reason_of = 'rejected')               as rejected_sum,
           count(requests) filter (where reason_of = 'rejected')             as rejected_known,
           max(requests) filter (where outcome = 'rejected_unspecified')     as rejected_unspecified,
           max(requests) filter (where outcome = 'other_handling')           as other_handling,
           sum(requests) filter (where outcome in ('other_no_correction', 'other_unpaid_fee', 'other_other'))
                                                                              as other_sub_sum,
           count(requests) filter (where outcome in ('other_no_correction', 'other_unpaid_fee', 'other_other'))
                                                                              as other_sub_known,
           max(requests) filter (where outcome = 'handled_total')            as handled_total,
           max(requests) filter (where outcome = 'carried_forward')          as carried_forward
    from totals
    group by report_id
), buckets as (
    -- A bucket is known only when every row it sums is known: a NULL cell never passes as 0.
    select report_id, received_new, carried_over, granted, partially_granted,
           cast(coalesce(withheld_unspecified,
                         case when withheld_known = 8 then withheld_sum end) as bigint)       as withheld,
           cast(coalesce(unavailable_unspecified,
                         case when unavailable_known = 3 then unavailable_sum end) as bigint) as unavailable,
           cast(coalesce(rejected_unspecified,
                         case when rejected_known = 5 then rejected_sum end) as bigint)       as rejected,
           cast(case when other_handling is not null then other_handling
                     when other_sub_known = 3 then other_sub_sum end as bigint)     as other,
           case when other_handling is not null then 'other_handling'
                when other_sub_known = 3 then 'other_sub_rows' end                  as other_source,
           handled_total, carried_forward
    from per_report
), reports as (
    select r.report_id,
           r.agency_id,
           r.agency_name,
           coalesce(a.agency_name, r.agency_name)   as agency_name_latest,
           a.agency_sector,
           a.agency_level,
           coalesce(r.region_code, a.region_code)   as region_code,
           r.report_year,
           r.template,
           r.parse_status,
           row_number() over (
               partition by coalesce(r.agency_id, r.report_id), r.report_year
               order by r.parse_status = 'loaded' desc, r.n_numbers desc, r.source_path
           ) = 1                                    as is_primary
    from marts.dim_report r
    left join marts.dim_agency a using (agency_id)
    where r.parse_status <> 'blank_form'  -- a blank national form is nobody's report
)
select r.report_id,
       r.agency_id,
       r.agency_name,
       r.agency_name_latest,
       r.agency_sector,
       r.agency_level,
       r.region_code,
       r.report_year,
       r.template,
       r.parse_status,
       r.is_primary,
       b.received_new,
       b.carried_over,
       b.granted,
       b.partially_granted,
       b.withheld,
       b.unavailable,
       b.rejected,
       b.other,
       b.other_source,
       b.handled_total,
       b.carried_forward,
       case when b.handled_total > 0
            then round((b.granted + b.partially_granted) / b.handled_total, 4) end as disclosure_rate,
       coalesce(b.granted is not null and b.partially_granted is not null and b.withheld is not null
                and b.unavailable is not null and b.rejected is not null and b.other is not null
                and b.handled_total is not null, false)                          as mix_complete
from reports r
left join buckets b using (report_id)
order by r.report_year, r.agency_name_latest, r.report_id;

comment on view analytics.report_requests is 'Grain: one row per report (marts.dim_report). Table 三''s total column (总计) folded into outcome buckets that mean the same under the legacy, 2019 and 2021 templates; a bucket is NULL (unknown) unless every row it sums is known. Legacy reports only give totals, so most of their buckets are NULL. The other analytics views aggregate the is_primary rows.';
comment on column analytics.report_requests.report_id is 'The report (marts.dim_report).';
comment on column analytics.report_requests.agency_id is 'The agency (marts.dim_agency); NULL when the parser could not identify it.';
comment on column analytics.report_requests.agency_name is 'Agency name as this report prints it (same meaning as marts.dim_report.agency_name).';
comment on column analytics.report_requests.agency_name_latest is 'Agency name from the agency''s latest report (marts.dim_agency), else the name this report prints: the same for every report of one agency.';
comment on column analytics.report_requests.agency_sector is 'Sector derived from the agency name (人民政府, 公安, 教育, 机关事务, ...); NULL when unknown.';
comment on column analytics.report_requests.agency_level is 'province, prefecture, county, township, or <level>_department.';
comment on column analytics.report_requests.region_code is '6-digit division code of the report, else of its agency (marts.dim_region); NULL when unresolved.';
comment on column analytics.report_requests.report_year is 'Year the statistics cover (统计年度).';
comment on column analytics.report_requests.template is 'legacy, 2019 or 2021: which national table the numbers come from.';
comment on column analytics.report_requests.parse_status is 'loaded or partial (some numbers could not be placed: see marts.parse_issues).';
comment on column analytics.report_requests.is_primary is 'True for the one report counted per agency and year (several files can hold the same report: mirror copies, PDF and HTML). Chosen by: fully loaded first, then most numbers, then source_path. Reports without an agency are each primary. Trend views use only primary reports.';
comment on column analytics.report_requests.received_new is '一、本年新收政府信息公开申请数量 (total column); NULL when unknown.';
comment on column analytics.report_requests.carried_over is '二、上年结转政府信息公开申请数量 (total column); NULL when unknown.';
comment on column analytics.report_requests.granted is '（一）予以公开; NULL when unknown.';
comment on column analytics.report_requests.partially_granted is '（二）部分公开; NULL when unknown.';
comment on column analytics.report_requests.withheld is '（三）不予公开: sum of the 8 withholding reasons, NULL unless all 8 are known; for legacy prose, the group count it states (withheld_unspecified).';
comment on column analytics.report_requests.unavailable is '（四）无法提供: sum of its 3 rows, NULL unless all 3 are known; for legacy prose, the group count it states (unavailable_unspecified).';
comment on column analytics.report_requests.rejected is '（五）不予处理 (not processed): sum of its 5 rows, NULL unless all 5 are known; for legacy prose, the group count it states (rejected_unspecified).';
comment on column analytics.report_requests.other is '（六）其他处理, comparable across templates: the single 2019 row (other_handling) where the report prints it, else the sum of the three 2021 sub-rows (other_no_correction + other_unpaid_fee + other_other) when all three are known; NULL otherwise.';
comment on column analytics.report_requests.other_source is 'Which form supplied other: other_handling (2019 single row; some 2021-template reports still print it) or other_sub_rows (2021 three sub-rows); NULL when other is unknown.';
comment on column analytics.report_requests.handled_total is '（七）总计: requests handled this year; NULL when unknown.';
comment on column analytics.report_requests.carried_forward is '四、结转下年度继续办理; NULL when unknown.';
comment on column analytics.report_requests.disclosure_rate is '(granted + partially_granted) / handled_total, 4 decimals; NULL when any of the three is unknown or handled_total is 0.';
comment on column analytics.report_requests.mix_complete is 'True when granted, partially_granted, withheld, unavailable, rejected, other and handled_total are all known: the report can enter analytics.outcome_mix.';
