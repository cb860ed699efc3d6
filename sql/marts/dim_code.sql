-- depends: staging.stg_codes
-- Labels come from pipeline/codes.py (through staging.stg_codes); this file adds where each label
-- sits in the printed table and the words reports and readers commonly use instead.
create or replace table marts.dim_code as
with codes as (
    select *,
           case when table_name = 'requests' and axis = 'row' then
                    case when code like 'withheld\_%' escape '\' then '（三）不予公开'
                         when code like 'unavailable\_%' escape '\' then '（四）无法提供'
                         when code like 'rejected\_%' escape '\' then '（五）不予处理'
                         when code like 'other\_%' escape '\' and code <> 'other_handling' then '（六）其他处理'
                    end
           end as group_label
    from staging.stg_codes
), synonyms(table_name, axis, code, synonyms) as (
    -- Usual wording in reports (older templates, prose, local variants) and in journalism.
    values
    ('requests', 'row', 'received_new', '新收申请；收到申请；受理申请；申请数量；依申请公开；received'),
    ('requests', 'row', 'carried_over', '上年结转；上年度结转；carried over'),
    ('requests', 'row', 'granted', '同意公开；全部公开；已公开；予以公开；granted'),
    ('requests', 'row', 'partially_granted', '部分公开；同意部分公开；区分处理；partially granted'),
    ('requests', 'row', 'withheld_state_secret', '不予公开；不同意公开；国家秘密；涉密'),
    ('requests', 'row', 'withheld_law_prohibited', '不予公开；不同意公开；法律法规禁止'),
    ('requests', 'row', 'withheld_security_stability', '不予公开；三安全一稳定；危及国家安全、公共安全、经济安全、社会稳定'),
    ('requests', 'row', 'withheld_third_party', '不予公开；第三方；商业秘密；个人隐私；第三方合法权益'),
    ('requests', 'row', 'withheld_internal_affairs', '不予公开；内部事务信息；内部管理信息；人事管理、后勤管理、内部工作流程'),
    ('requests', 'row', 'withheld_process_info', '不予公开；过程性信息；讨论记录、过程稿、磋商信函、请示报告'),
    ('requests', 'row', 'withheld_enforcement_file', '不予公开；行政执法案卷；执法案卷信息'),
    ('requests', 'row', 'withheld_admin_query', '不予公开；行政查询事项；查询事项'),
    ('requests', 'row', 'withheld_unspecified', '不予公开；不同意公开；withheld'),
    ('requests', 'row', 'unavailable_not_held', '信息不存在；政府信息不存在；不掌握；本机关不掌握；非本机关政府信息；不属于本机关；not held；does not exist'),
    ('requests', 'row', 'unavailable_needs_creation', '需另行制作；需要加工；加工分析；汇总加工；没有现成信息'),
    ('requests', 'row', 'unavailable_unclear', '申请内容不明确；补正后仍不明确；内容不明确'),
    ('requests', 'row', 'unavailable_unspecified', '无法提供；不能提供；unavailable'),
    ('requests', 'row', 'rejected_petition', '不予处理；信访；举报；投诉；信访举报投诉'),
    ('requests', 'row', 'rejected_duplicate', '不予处理；重复申请；重复提出'),
    ('requests', 'row', 'rejected_publication', '不予处理；公开出版物；出版物'),
    ('requests', 'row', 'rejected_excessive', '不予处理；大量反复申请；滥用申请权'),
    ('requests', 'row', 'rejected_confirmation', '不予处理；确认；重新出具；已获取信息'),
    ('requests', 'row', 'rejected_unspecified', '不予处理；不属于政府信息公开申请；rejected'),
    ('requests', 'row', 'other_handling', '其他处理；其他情形；other'),
    ('requests', 'row', 'other_no_correction', '其他处理；逾期不补正；不再处理'),
    ('requests', 'row', 'other_unpaid_fee', '其他处理；逾期未缴费；信息处理费；收费通知'),
    ('requests', 'row', 'other_other', '其他处理；其他'),
    ('requests', 'row', 'handled_total', '办结；已办结；答复总数；办理总数；合计；handled'),
    ('requests', 'row', 'carried_forward', '结转下年度；结转下年；尚未办结；carried forward'),
    ('requests', 'col', 'natural_person', '公民；个人；自然人'),
    ('requests', 'col', 'enterprise', '企业；法人'),
    ('review_litigation', 'row', 'administrative_review', '复议；行政复议；review'),
    ('review_litigation', 'row', 'litigation_direct', '诉讼；行政诉讼；起诉；直接起诉；lawsuit'),
    ('review_litigation', 'row', 'litigation_after_review', '诉讼；行政诉讼；复议后起诉；lawsuit'),
    ('review_litigation', 'row', 'litigation_unspecified', '诉讼；行政诉讼；起诉；lawsuit'),
    ('review_litigation', 'col', 'upheld', '维持；驳回；upheld'),
    ('review_litigation', 'col', 'corrected', '纠正；纠错；撤销；变更；确认违法；corrected'),
    ('review_litigation', 'col', 'pending', '尚未审结；未审结；审理中；pending'),
    ('active_disclosure', 'row', 'normative_documents', '规范性文件；行政规范性文件'),
    ('active_disclosure', 'row', 'request_fees', '信息处理费；收费；检索复制费')
), pathed as (
    select c.table_name, c.axis, c.code, c.label_zh, c.sort_order,
           case c.table_name when 'requests' then '三、收到和处理政府信息公开申请情况'
                             when 'review_litigation' then '四、政府信息公开行政复议、行政诉讼情况'
                             else '二、主动公开政府信息情况' end as table_title_zh,
           case
               when c.table_name = 'requests' and c.axis = 'row' and c.group_label is not null then
                   '三、本年度办理结果 › ' || c.group_label || ' › '
                   || regexp_replace(c.label_zh, '^（[三四五六]）(不予公开|无法提供|不予处理)?[，\s]*', '')
               when c.table_name = 'requests' and c.axis = 'row'
                    and c.code in ('granted', 'partially_granted', 'other_handling', 'handled_total') then
                   '三、本年度办理结果 › ' || regexp_replace(c.label_zh, '^三、本年度办理结果', '')
               when c.table_name = 'requests' and c.axis = 'col' then
                   '申请人情况 › ' || replace(c.label_zh, '·', ' › ')
               when c.table_name = 'review_litigation' and c.axis = 'row' then
                   regexp_replace(replace(c.label_zh, '·', ' › '), '，', ' › ')
               else c.label_zh
           end as label_path,
           s.synonyms
    from codes c
    left join synonyms s using (table_name, axis, code)
)
select table_name, axis, code, label_zh, label_path, synonyms,
       label_path || coalesce('；' || synonyms, '') || '；' || code as search_terms,
       table_title_zh, sort_order
from pathed
order by table_name, axis, sort_order;

comment on table marts.dim_code is 'Grain: one row per code used in the fact tables, with the national template label (Chinese) it stands for, its full printed path (三、本年度办理结果 › （五）不予处理 › 2.重复申请) and the usual other words for it (信息不存在 for 本机关不掌握相关政府信息, 纠错 for 结果纠正, ...). Find a code by any word: where search_terms like ''%信息不存在%''. Codes and their meaning: docs/domain.md.';
comment on column marts.dim_code.table_name is 'requests (table 三), review_litigation (table 四) or active_disclosure (table 二).';
comment on column marts.dim_code.axis is 'row (outcome, proceeding, item) or col (applicant_type, result, measure).';
comment on column marts.dim_code.code is 'The code as it appears in the fact tables.';
comment on column marts.dim_code.label_zh is 'The template label as the row or column prints it (a sub-row such as 2.重复申请 prints only its own words: see label_path).';
comment on column marts.dim_code.label_path is 'The label with every heading above it in the printed table, separated by › : （五）不予处理 › 2.重复申请 under 三、本年度办理结果.';
comment on column marts.dim_code.synonyms is 'Other words reports and readers use for the same thing, separated by ；(信息不存在 for 本机关不掌握相关政府信息, 同意公开 for 予以公开, 纠错 for 结果纠正); NULL when none is common. For searching, not a second definition.';
comment on column marts.dim_code.search_terms is 'label_path, synonyms and code in one string: search with like ''%word%''.';
comment on column marts.dim_code.table_title_zh is 'Title of the printed table the code belongs to (二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况).';
comment on column marts.dim_code.sort_order is 'Position in the printed table: order by it to read a report like the original.';
