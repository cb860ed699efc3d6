-- depends: staging.stg_facts, marts.dim_report
create or replace table marts.fct_active_disclosure as
select f.report_id,
       f.row_code as item,
       f.col_code as measure,
       f.value,
       f.unit,
       f.raw_text,
       f.source_line,
       f.source_page,
       f.source_box,
       f.method,
       f.note
from staging.stg_facts f
join marts.dim_report r using (report_id)
where f.table_name = 'active_disclosure'
order by f.report_id, f.row_code, f.col_code;

comment on table marts.fct_active_disclosure is 'Grain: one row per report x item x measure (table 二, 主动公开政府信息情况). value is NULL where the source gives no number.';
comment on column marts.fct_active_disclosure.report_id is 'The report (marts.dim_report).';
comment on column marts.fct_active_disclosure.item is 'rules (规章), normative_documents (（行政）规范性文件), licensing (行政许可), other_services (其他对外管理服务事项), penalty (行政处罚), coercion (行政强制), fees (行政事业性收费), procurement (政府集中采购); legacy prose only: proactive_items (主动公开政府信息 N条), request_fees (fees charged for handling disclosure requests, not table 二''s 行政事业性收费).';
comment on column marts.fct_active_disclosure.measure is '2019: new_made (本年新制作数量), new_published (本年新公开数量), total_published (对外公开总数量), previous_year_count (上一年项目数量), change (本年增/减, may be negative), decisions (处理决定数量), procurement_projects (采购项目数量), procurement_amount (采购总金额). 2021: issued (本年制发件数), repealed (本年废止件数), in_force (现行有效件数), decisions (本年处理决定数量), fee_amount (本年收费金额). Legacy prose: count.';
comment on column marts.fct_active_disclosure.value is 'The number as printed (may be negative or decimal); NULL where the cell is blank.';
comment on column marts.fct_active_disclosure.unit is 'Unit where printed or fixed by the template (元, 万元, 件, 项); NULL when not stated.';
comment on column marts.fct_active_disclosure.raw_text is 'The raw cell text.';
comment on column marts.fct_active_disclosure.source_line is '1-based line of the extracted text (raw.source_lines).';
comment on column marts.fct_active_disclosure.source_page is 'PDF page (NULL for other formats).';
comment on column marts.fct_active_disclosure.method is 'How the number was placed: label (placed by its printed row and column labels), order_certified (labels lost or unreadable: placed by the template''s row order, accepted only because every identity of the table holds and no other alignment satisfies them), split_certified (digits printed without separators, split where the identities leave exactly one answer), repaired (an unambiguous repair, see note) prose (read from a sentence) or ocr (read by OCR from a scanned page, loaded only where the report''s arithmetic certifies it, see note).';
comment on column marts.fct_active_disclosure.source_box is 'Scanned PDFs read by OCR: the cell''s box [x0, top, x1, bottom] in PDF points (1/72 in) from the top-left of page source_page (NULL for other formats).';
comment on column marts.fct_active_disclosure.note is 'Prose: the whole sentence. Repaired: what and the original text.';
