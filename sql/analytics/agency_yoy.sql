-- depends: analytics.report_requests
create schema if not exists analytics;

create or replace view analytics.agency_yoy as
with reports as (
    select * from analytics.report_requests
    where is_primary and agency_id is not null and report_year is not null
), paired as (
    select cur.agency_id,
           cur.agency_name_latest,
           cur.agency_sector,
           cur.region_code,
           cur.report_year,
           prev.template                                            as previous_template,
           cur.template,
           prev.received_new                                        as previous_received_new,
           cur.received_new,
           cur.received_new - prev.received_new                     as received_new_change,
           case when prev.received_new > 0
                then round((cur.received_new - prev.received_new) / prev.received_new, 4) end
                                                                    as received_new_change_pct,
           prev.disclosure_rate                                     as previous_disclosure_rate,
           cur.disclosure_rate,
           round(cur.disclosure_rate - prev.disclosure_rate, 4)     as disclosure_rate_change,
           prev.report_id                                           as previous_report_id,
           cur.report_id
    from reports cur
    join reports prev on prev.agency_id = cur.agency_id and prev.report_year = cur.report_year - 1
)
select *,
       case when received_new_change is not null
            then rank() over (partition by report_year order by abs(received_new_change) desc nulls last) end
            as mover_rank
from paired
order by report_year, mover_rank nulls last, agency_name_latest;

comment on view analytics.agency_yoy is 'Grain: one row per agency x report year that has a report for the year before too (consecutive years only; primary reports). Change in requests received (本年新收, total column) and in the disclosure rate from the previous year, and mover_rank: the agency''s rank within the year by the absolute change in requests received (1 = largest mover; filter mover_rank <= 10 for the top movers). received_new and the disclosure rate mean the same in the legacy, 2019 and 2021 templates, so a pair may span a template change (see previous_template and template); NULL where either year is unknown.';
comment on column analytics.agency_yoy.agency_id is 'The agency (marts.dim_agency).';
comment on column analytics.agency_yoy.agency_name_latest is 'Agency name from its latest report (marts.dim_agency.agency_name); not the name either report prints (marts.dim_report.agency_name).';
comment on column analytics.agency_yoy.agency_sector is 'Agency sector; NULL when unknown.';
comment on column analytics.agency_yoy.region_code is '6-digit division code of this year''s report (marts.dim_region).';
comment on column analytics.agency_yoy.report_year is 'The later year of the pair.';
comment on column analytics.agency_yoy.previous_template is 'Template of the previous year''s report (legacy, 2019, 2021).';
comment on column analytics.agency_yoy.template is 'Template of this year''s report.';
comment on column analytics.agency_yoy.previous_received_new is 'Requests received the year before; NULL when unknown.';
comment on column analytics.agency_yoy.received_new is 'Requests received this year; NULL when unknown.';
comment on column analytics.agency_yoy.received_new_change is 'received_new - previous_received_new; NULL when either is unknown.';
comment on column analytics.agency_yoy.received_new_change_pct is 'Change as a fraction of the previous year (0.5 = +50%), 4 decimals; NULL when the previous year is unknown or 0.';
comment on column analytics.agency_yoy.previous_disclosure_rate is 'Disclosure rate the year before ((granted + partially_granted) / handled_total).';
comment on column analytics.agency_yoy.disclosure_rate is 'Disclosure rate this year.';
comment on column analytics.agency_yoy.disclosure_rate_change is 'disclosure_rate - previous_disclosure_rate (0.1 = ten percentage points), 4 decimals; NULL when either is unknown.';
comment on column analytics.agency_yoy.previous_report_id is 'The previous year''s report (marts.dim_report).';
comment on column analytics.agency_yoy.report_id is 'This year''s report (marts.dim_report).';
comment on column analytics.agency_yoy.mover_rank is 'Rank within the year by |received_new_change|, largest first (ties share a rank); NULL when the change is unknown.';
