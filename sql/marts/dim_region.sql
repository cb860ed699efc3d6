-- depends: staging.stg_regions, staging.stg_reports
create or replace table marts.dim_region as
select g.region_code,
       g.name,
       g.level,
       g.parent_code,
       g.province_code,
       g.province_name,
       g.prefecture_code,
       g.prefecture_name,
       g.county_code,
       g.county_name,
       exists (select 1 from staging.stg_reports r where r.region_code = g.region_code) as has_reports
from staging.stg_regions g
order by g.region_code;

comment on table marts.dim_region is 'Grain: one row per administrative division (province, prefecture, county) of the gazetteer, with its chain up to the province, so counties roll up to prefectures and provinces.';
comment on column marts.dim_region.region_code is '6-digit administrative division code (行政区划代码).';
comment on column marts.dim_region.name is 'Division name.';
comment on column marts.dim_region.level is 'province, prefecture or county.';
comment on column marts.dim_region.parent_code is 'The division one level up (NULL for provinces).';
comment on column marts.dim_region.province_code is 'Province the division belongs to (itself for a province).';
comment on column marts.dim_region.province_name is 'Province name.';
comment on column marts.dim_region.prefecture_code is 'Prefecture the division belongs to (itself for a prefecture; NULL for a province).';
comment on column marts.dim_region.prefecture_name is 'Prefecture name.';
comment on column marts.dim_region.county_code is 'The county itself (NULL above county level).';
comment on column marts.dim_region.county_name is 'County name.';
comment on column marts.dim_region.has_reports is 'Whether any report in the warehouse is placed in this exact division.';
