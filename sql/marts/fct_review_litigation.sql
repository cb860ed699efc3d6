-- depends: staging.stg_facts, marts.dim_report
create or replace table marts.fct_review_litigation as
select f.report_id,
       f.row_code as proceeding,
       f.col_code as result,
       case when f.value = trunc(f.value) then cast(f.value as bigint) end as cases,
       f.raw_text,
       f.source_line,
       f.source_page,
       f.source_box,
       f.method,
       f.note
from staging.stg_facts f
join marts.dim_report r using (report_id)
where f.table_name = 'review_litigation'
order by f.report_id, f.row_code, f.col_code;

comment on table marts.fct_review_litigation is 'Grain: one row per report x proceeding x result (table 四, 政府信息公开行政复议、行政诉讼情况, or prose figures). cases is NULL where the source gives no number.';
comment on column marts.fct_review_litigation.report_id is 'The report (marts.dim_report).';
comment on column marts.fct_review_litigation.proceeding is 'administrative_review (行政复议), litigation_direct (行政诉讼 未经复议直接起诉), litigation_after_review (行政诉讼 复议后起诉); legacy prose only: litigation_unspecified (行政诉讼 not split by whether a review came first).';
comment on column marts.fct_review_litigation.result is 'upheld (结果维持), corrected (结果纠正), other (其他结果), pending (尚未审结), total (总计).';
comment on column marts.fct_review_litigation.cases is 'Number of cases as printed; NULL where the cell is blank (unknown, never 0).';
comment on column marts.fct_review_litigation.raw_text is 'The raw cell text (or sentence fragment).';
comment on column marts.fct_review_litigation.source_line is '1-based line of the extracted text (raw.source_lines).';
comment on column marts.fct_review_litigation.source_page is 'PDF page (NULL for other formats).';
comment on column marts.fct_review_litigation.method is 'How the number was placed: label (placed by its printed row and column labels), order_certified (labels lost or unreadable: placed by the template''s row order, accepted only because every identity of the table holds and no other alignment satisfies them), split_certified (digits printed without separators, split where the identities leave exactly one answer), repaired (an unambiguous repair, see note) prose (read from a sentence) or ocr (read by OCR from a scanned page, loaded only where the report''s arithmetic certifies it, see note).';
comment on column marts.fct_review_litigation.source_box is 'Scanned PDFs read by OCR: the cell''s box [x0, top, x1, bottom] in PDF points (1/72 in) from the top-left of page source_page (NULL for other formats).';
comment on column marts.fct_review_litigation.note is 'Prose: the whole sentence. Repaired: what and the original text.';
