-- depends: staging.stg_reports, raw.files
create or replace table marts.quarantine as
select r.source_path,
       r.status_reason as reason,
       f.bytes,
       r.sha256,
       r.format,
       r.parsed_at as quarantined_at
from staging.stg_reports r
left join raw.files f using (source_path)
where r.parse_status = 'quarantined'
order by r.source_path;

comment on table marts.quarantine is 'Grain: one row per file under the raw folder that was not loaded, with the reason (empty, binary, unsupported format, unreadable PDF, not a report, too large, ...). Nothing from these files is in the fact tables.';
comment on column marts.quarantine.source_path is 'Path of the file relative to the raw folder.';
comment on column marts.quarantine.reason is 'Why the file was quarantined.';
comment on column marts.quarantine.bytes is 'File size in bytes.';
comment on column marts.quarantine.sha256 is 'SHA-256 of the file''s bytes (fix the file and it is read again).';
comment on column marts.quarantine.format is 'Format sniffed from the bytes, when recognised.';
comment on column marts.quarantine.quarantined_at is 'When the file was quarantined (UTC).';
