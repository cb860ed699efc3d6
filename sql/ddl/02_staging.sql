-- staging: the parser's output per report, exactly as parsed (codes, raw text, provenance).
-- A changed report replaces its own rows here; marts are rebuilt from these tables.
create schema if not exists staging;

create table if not exists staging.stg_regions (
    region_code     varchar,
    name            varchar not null,
    level           varchar not null,
    parent_code     varchar,
    province_code   varchar,
    province_name   varchar,
    prefecture_code varchar,
    prefecture_name varchar,
    county_code     varchar,
    county_name     varchar,
    valid_from      integer,
    valid_to        integer,
    successor_code  varchar,
    current_code    varchar,
    former_names    varchar[]
);
comment on table staging.stg_regions is 'Grain: one row per administrative division of the gazetteer the parser resolves regions with.';
comment on column staging.stg_regions.region_code is '6-digit administrative division code.';
comment on column staging.stg_regions.name is 'Division name.';
comment on column staging.stg_regions.level is 'province, prefecture or county.';
comment on column staging.stg_regions.parent_code is 'Code of the division one level up (NULL for provinces).';
comment on column staging.stg_regions.province_code is 'Province of the division.';
comment on column staging.stg_regions.province_name is 'Province name.';
comment on column staging.stg_regions.prefecture_code is 'Prefecture of the division (NULL for provinces).';
comment on column staging.stg_regions.prefecture_name is 'Prefecture name.';
comment on column staging.stg_regions.county_code is 'County of the division (NULL above county level).';
comment on column staging.stg_regions.county_name is 'County name.';
comment on column staging.stg_regions.valid_from is 'First year the code was in force (1980: at the first code list).';
comment on column staging.stg_regions.valid_to is 'Year the code was replaced (NULL: in force).';
comment on column staging.stg_regions.successor_code is 'Division that replaced it (NULL: in force, or merged without a unique heir).';
comment on column staging.stg_regions.current_code is 'Code in force today for this place (itself while in force).';
comment on column staging.stg_regions.former_names is 'Earlier names the same code had since 2007 (襄樊市 for 420600).';

create table if not exists staging.stg_codes (
    table_name varchar not null,
    axis       varchar not null,
    code       varchar not null,
    label_zh   varchar not null,
    sort_order integer not null
);
comment on table staging.stg_codes is 'Grain: one row per code of the fact tables (pipeline/codes.py), with its Chinese label.';
comment on column staging.stg_codes.table_name is 'requests, review_litigation or active_disclosure.';
comment on column staging.stg_codes.axis is 'row or col.';
comment on column staging.stg_codes.code is 'The code.';
comment on column staging.stg_codes.label_zh is 'The national template label it stands for.';
comment on column staging.stg_codes.sort_order is 'Position in the printed table.';
