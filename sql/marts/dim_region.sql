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
       g.valid_from,
       g.valid_to,
       g.successor_code,
       g.current_code,
       g.former_names,
       exists (select 1 from staging.stg_reports r where r.region_code = g.region_code) as has_reports
from staging.stg_regions g
order by g.region_code;

comment on table marts.dim_region is 'Grain: one row per administrative division code (province, prefecture, county): those in force and those replaced since 2007 (富阳市 330183 until 2014, then 富阳区 330111), with its chain up to the province, so counties roll up to prefectures and provinces. A report carries the code valid in its report year; current_code rolls old and new codes of one place up together.';
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
comment on column marts.dim_region.valid_from is 'First year the code was in force under the names kept here (1980: already in the first code list of 1980). From the Ministry of Civil Affairs code lists 1980-2019 and the current gazetteer.';
comment on column marts.dim_region.valid_to is 'Year the code was replaced (reports of that year may use either code); NULL while in force.';
comment on column marts.dim_region.successor_code is 'The division that replaced this one (富阳市 330183 → 富阳区 330111); NULL while in force, or when it was merged away without a unique heir.';
comment on column marts.dim_region.current_code is 'The code in force today for this place (itself while in force; NULL when merged away without a unique heir): group by it to add old and new names of one place together.';
comment on column marts.dim_region.former_names is 'Earlier names the same code had since 2007 (襄樊市 for 襄阳市 420600).';
comment on column marts.dim_region.has_reports is 'Whether any report in the warehouse is placed in this exact division.';
