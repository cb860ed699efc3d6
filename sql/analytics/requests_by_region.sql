-- depends: analytics.report_requests, marts.dim_region
create schema if not exists analytics;

create or replace view analytics.requests_by_region as
with reports as (
    select r.report_id, r.agency_id, r.agency_sector, r.report_year, r.template,
           r.received_new, r.carried_over, r.handled_total, r.carried_forward,
           r.granted, r.partially_granted, r.disclosure_rate,
           g.province_code as in_province_code, g.province_name as in_province_name,
           g.prefecture_code as in_prefecture_code, g.prefecture_name as in_prefecture_name,
           g.county_code as in_county_code, g.county_name as in_county_name
    from analytics.report_requests r
    left join marts.dim_region g using (region_code)
    where r.is_primary and r.report_year is not null
), placed as (
    -- Each report counts once at every level of the hierarchy it sits under.
    select 'country' as region_level, 1 as level_order, cast(null as varchar) as region_code,
           '全国' as region_name, cast(null as varchar) as province_name, *
    from reports
    union all
    select 'province', 2, in_province_code, in_province_name, in_province_name, *
    from reports where in_province_code is not null
    union all
    select 'prefecture', 3, in_prefecture_code, in_prefecture_name, in_province_name, *
    from reports where in_prefecture_code is not null
    union all
    select 'county', 4, in_county_code, in_county_name, in_province_name, *
    from reports where in_county_code is not null
), grouped as (
    select report_year,
           region_level,
           min(level_order)                                    as level_order,
           region_code,
           region_name,
           province_name,
           case when grouping(agency_sector) = 1 then 'all' else agency_sector end as agency_sector,
           count(*)                                            as n_reports,
           count(distinct agency_id)                           as n_agencies,
           count(*) filter (where template = 'legacy')         as n_legacy_reports,
           cast(sum(received_new) as bigint)                                   as received_new,
           count(received_new)                                 as received_new_reports,
           cast(sum(carried_over) as bigint)                                   as carried_over,
           count(carried_over)                                 as carried_over_reports,
           cast(sum(handled_total) as bigint)                                  as handled_total,
           count(handled_total)                                as handled_total_reports,
           cast(sum(carried_forward) as bigint)                                as carried_forward,
           count(carried_forward)                              as carried_forward_reports,
           round(sum(granted + partially_granted) filter (where disclosure_rate is not null)
                 / sum(handled_total) filter (where disclosure_rate is not null), 4) as disclosure_rate,
           count(disclosure_rate)                              as disclosure_rate_reports
    from placed
    group by grouping sets ((report_year, region_level, region_code, region_name, province_name),
                            (report_year, region_level, region_code, region_name, province_name, agency_sector))
)
select * exclude (level_order)
from grouped
order by report_year, level_order, region_code nulls first, agency_sector <> 'all', agency_sector nulls last;

comment on view analytics.requests_by_region is 'Grain: one row per report year x region (country, province, prefecture or county) x agency sector, plus an agency_sector = ''all'' row per year and region. Requests received, carried over, handled and carried forward (table 三 total column, legacy prose totals included), summed over the primary reports that give a known value: each measure has a *_reports column saying how many reports it rests on, so a report with a NULL cell never passes as 0. A report counts in its county, prefecture, province and the country; reports of a higher level (a prefecture government, a provincial department) are not inside any lower division, so counties do not add up to their prefecture. Reports with an unresolved region count only in the country row.';
comment on column analytics.requests_by_region.report_year is 'Year the statistics cover.';
comment on column analytics.requests_by_region.region_level is 'country, province, prefecture or county.';
comment on column analytics.requests_by_region.region_code is '6-digit division code (marts.dim_region); NULL on the country rows.';
comment on column analytics.requests_by_region.region_name is 'Division name (全国 for the country).';
comment on column analytics.requests_by_region.province_name is 'Province the division belongs to (NULL on the country rows).';
comment on column analytics.requests_by_region.agency_sector is 'Agency sector (marts.dim_agency.agency_sector); ''all'' for the row over every sector; NULL for agencies whose sector is unknown.';
comment on column analytics.requests_by_region.n_reports is 'Primary reports in the group (one per agency and year, see analytics.report_requests.is_primary).';
comment on column analytics.requests_by_region.n_agencies is 'Distinct identified agencies among them.';
comment on column analytics.requests_by_region.n_legacy_reports is 'How many of them are legacy prose reports (2008-2018), which give totals only.';
comment on column analytics.requests_by_region.received_new is 'Sum of 本年新收 over the reports that give it; NULL when none does.';
comment on column analytics.requests_by_region.received_new_reports is 'Reports with a known received_new: compare with n_reports before reading received_new as a total.';
comment on column analytics.requests_by_region.carried_over is 'Sum of 上年结转 over the reports that give it.';
comment on column analytics.requests_by_region.carried_over_reports is 'Reports with a known carried_over.';
comment on column analytics.requests_by_region.handled_total is 'Sum of （七）总计 (requests handled) over the reports that give it.';
comment on column analytics.requests_by_region.handled_total_reports is 'Reports with a known handled_total.';
comment on column analytics.requests_by_region.carried_forward is 'Sum of 结转下年度继续办理 over the reports that give it.';
comment on column analytics.requests_by_region.carried_forward_reports is 'Reports with a known carried_forward.';
comment on column analytics.requests_by_region.disclosure_rate is 'Pooled (granted + partially_granted) / handled_total over the reports where all three are known and handled_total > 0, 4 decimals.';
comment on column analytics.requests_by_region.disclosure_rate_reports is 'Reports the disclosure_rate rests on.';
