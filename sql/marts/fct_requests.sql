-- depends: staging.stg_facts, marts.dim_report
create or replace table marts.fct_requests as
select f.report_id,
       f.row_code as outcome,
       f.col_code as applicant_type,
       case when f.value = trunc(f.value) then cast(f.value as bigint) end as requests,
       f.raw_text,
       f.source_line,
       f.source_page,
       f.source_box,
       f.method,
       f.note
from staging.stg_facts f
join marts.dim_report r using (report_id)
where f.table_name = 'requests'
order by f.report_id, f.row_code, f.col_code;

comment on table marts.fct_requests is 'Grain: one row per report x outcome x applicant type (table 三, 收到和处理政府信息公开申请情况, or the prose figures of legacy reports). requests is NULL where the source gives no number; no row where the report has no such cell.';
comment on column marts.fct_requests.report_id is 'The report (marts.dim_report).';
comment on column marts.fct_requests.outcome is 'Row of table 三: received_new (本年新收), carried_over (上年结转), granted (予以公开), partially_granted (部分公开), withheld_* (不予公开 1-8), unavailable_* (无法提供 1-3), rejected_* (不予处理 1-5), other_handling (2019 （六）其他处理), other_no_correction / other_unpaid_fee / other_other (2021 （六）1-3), handled_total (（七）总计), carried_forward (结转下年度); legacy prose only: withheld_unspecified, unavailable_unspecified, rejected_unspecified (a group''s count given without its reasons). Labels in marts.dim_code.';
comment on column marts.fct_requests.applicant_type is 'Column of table 三: natural_person (自然人), enterprise (商业企业), research_institution (科研机构), nonprofit (社会公益组织), legal_service (法律服务机构), other_org (其他), total (总计).';
comment on column marts.fct_requests.requests is 'Number of requests as printed; NULL where the cell is blank, /, -, — or 无 (unknown, never 0).';
comment on column marts.fct_requests.raw_text is 'The raw cell text (or sentence fragment) the number was read from.';
comment on column marts.fct_requests.source_line is '1-based line of the extracted text (raw.source_lines) the number sits on.';
comment on column marts.fct_requests.source_page is 'PDF page the number sits on (NULL for other formats).';
comment on column marts.fct_requests.method is 'How the number was placed: label (placed by its printed row and column labels), order_certified (labels lost or unreadable: placed by the template''s row order, accepted only because every identity of the table holds and no other alignment satisfies them), split_certified (digits printed without separators, split where the identities leave exactly one answer), repaired (an unambiguous repair, see note) prose (read from a sentence) or ocr (read by OCR from a scanned page, loaded only where the report''s arithmetic certifies it, see note).';
comment on column marts.fct_requests.source_box is 'Scanned PDFs read by OCR: the cell''s box [x0, top, x1, bottom] in PDF points (1/72 in) from the top-left of page source_page (NULL for other formats).';
comment on column marts.fct_requests.note is 'Prose: the whole sentence. Repaired: what was repaired and the original text.';
