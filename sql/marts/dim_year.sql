-- depends: marts.dim_report
create or replace table marts.dim_year as
with years as (
    select unnest(range(coalesce(min(report_year), 2008), coalesce(max(report_year), 2008) + 1)) as report_year
    from marts.dim_report
)
select y.report_year,
       case when y.report_year < 2019 then 'legacy'
            when y.report_year < 2021 then '2019'
            else '2021' end                                   as expected_template,
       count(r.report_id)                                     as n_reports,
       count(distinct r.agency_id)                            as n_agencies,
       count(r.report_id) filter (where r.template = 'legacy') as n_legacy,
       count(r.report_id) filter (where r.template = '2019')   as n_template_2019,
       count(r.report_id) filter (where r.template = '2021')   as n_template_2021
from years y
left join marts.dim_report r using (report_year)
group by y.report_year
order by y.report_year;

comment on table marts.dim_year is 'Grain: one row per report year from the earliest to the latest in the warehouse (gaps included), with how many reports of each template it holds.';
comment on column marts.dim_year.report_year is 'Year the statistics cover.';
comment on column marts.dim_year.expected_template is 'The national template in force that year (legacy before 2019, 2019 for 2019-2020, 2021 from 2021); stragglers exist.';
comment on column marts.dim_year.n_reports is 'Reports for the year.';
comment on column marts.dim_year.n_agencies is 'Distinct agencies reporting for the year.';
comment on column marts.dim_year.n_legacy is 'Reports in legacy prose.';
comment on column marts.dim_year.n_template_2019 is 'Reports on the 2019 template.';
comment on column marts.dim_year.n_template_2021 is 'Reports on the 2021 template.';
