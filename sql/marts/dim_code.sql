-- depends: staging.stg_codes
create or replace table marts.dim_code as
select table_name, axis, code, label_zh, sort_order
from staging.stg_codes
order by table_name, axis, sort_order;

comment on table marts.dim_code is 'Grain: one row per code used in the fact tables, with the national template label (Chinese) it stands for and its printed order.';
comment on column marts.dim_code.table_name is 'requests, review_litigation or active_disclosure.';
comment on column marts.dim_code.axis is 'row (outcome, proceeding, item) or col (applicant_type, result, measure).';
comment on column marts.dim_code.code is 'The code as it appears in the fact tables.';
comment on column marts.dim_code.label_zh is 'The template label.';
comment on column marts.dim_code.sort_order is 'Position in the printed table: order by it to read a report like the original.';
