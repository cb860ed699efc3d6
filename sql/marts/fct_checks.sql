-- depends: staging.stg_checks, marts.dim_report
create or replace table marts.fct_checks as
select c.report_id,
       c.table_name,
       c.check_name,
       c.scope,
       c.lhs,
       c.rhs,
       c.status,
       c.detail
from staging.stg_checks c
join marts.dim_report r using (report_id)
order by c.report_id, c.table_name, c.check_name, c.scope;

comment on table marts.fct_checks is 'Grain: one row per report x arithmetic identity x column or row (the 勾稽关系 of tables 三 and 四). A source_error is the report breaking its own arithmetic, kept as printed; a parse_error points at extraction damage.';
comment on column marts.fct_checks.report_id is 'The report (marts.dim_report).';
comment on column marts.fct_checks.table_name is 'requests (table 三) or review_litigation (table 四).';
comment on column marts.fct_checks.check_name is 'balance: received_new + carried_over = handled_total + carried_forward (per applicant); outcomes_sum: handled_total = sum of outcome rows (per applicant); applicants_sum: total = sum of the six applicant columns (per outcome); results_sum: total = upheld + corrected + other + pending (per proceeding).';
comment on column marts.fct_checks.scope is 'The applicant column, outcome row or proceeding the identity was evaluated on.';
comment on column marts.fct_checks.lhs is 'Left-hand side as printed.';
comment on column marts.fct_checks.rhs is 'Right-hand side computed from the printed cells.';
comment on column marts.fct_checks.status is 'pass, source_error, parse_error, repaired or incomplete (a needed cell is NULL or missing).';
comment on column marts.fct_checks.detail is 'Human-readable explanation.';
