-- depends: marts.dim_report, staging.stg_reports
create or replace table marts.dim_agency as
select md5(r.agency_key)[1:12]                                       as agency_id,
       r.agency_key,
       arg_max(r.agency_name, coalesce(r.report_year, 0))             as agency_name,
       list(distinct r.agency_name order by r.agency_name)            as name_variants,
       arg_max(r.agency_level, coalesce(r.report_year, 0))            as agency_level,
       arg_max(r.agency_sector, coalesce(r.report_year, 0))           as agency_sector,
       arg_max(r.region_code, coalesce(r.report_year, 0))             as region_code,
       min(r.report_year)                                             as first_year,
       max(r.report_year)                                             as last_year,
       count(*)                                                       as n_reports
from staging.stg_reports r
where r.parse_status <> 'quarantined' and r.agency_key is not null
group by r.agency_key
order by agency_name;

comment on table marts.dim_agency is 'Grain: one row per agency, however its reports name it (洪泽区人民政府 and 淮安市洪泽区人民政府 are one agency).';
comment on column marts.dim_agency.agency_id is 'Agency identifier (joins marts.dim_report.agency_id).';
comment on column marts.dim_agency.agency_key is 'Canonical identity the parser derived: region code plus the normalised body name.';
comment on column marts.dim_agency.agency_name is 'Name used in the agency''s latest report.';
comment on column marts.dim_agency.name_variants is 'Every name its reports use.';
comment on column marts.dim_agency.agency_level is 'province, prefecture, county, township, or <level>_department (a department of one of them).';
comment on column marts.dim_agency.agency_sector is 'Sector derived from the name (人民政府, 公安, 教育, 机关事务, 发展改革, ...).';
comment on column marts.dim_agency.region_code is 'Administrative division (marts.dim_region).';
comment on column marts.dim_agency.first_year is 'First report year in the warehouse.';
comment on column marts.dim_agency.last_year is 'Last report year in the warehouse.';
comment on column marts.dim_agency.n_reports is 'Reports in the warehouse.';
