-- depends: staging.stg_reports
-- A view, not a table: raw.run_files grows on every run, also on runs that skip the SQL layers
-- because nothing changed (the header names staging only to place it in the graph).
create or replace view marts.run_files as
select f.run_id,
       r.started_at,
       f.run_id = (select arg_max(run_id, started_at) from raw.runs) as is_latest_run,
       f.source_path,
       f.change,
       f.outcome,
       f.reason
from raw.run_files f
left join raw.runs r using (run_id)
order by r.started_at desc, f.outcome, f.source_path;

comment on view marts.run_files is 'Grain: one row per run x file: what the run did with it (new, changed, unchanged, removed, quarantined) and why; the build summary names the same files. Every run keeps its new, changed, removed and quarantined files; unchanged files are kept for the latest run only. Latest run: where is_latest_run.';
comment on column marts.run_files.run_id is 'The run (raw.runs): a Dagster run id.';
comment on column marts.run_files.started_at is 'When the run started (UTC).';
comment on column marts.run_files.is_latest_run is 'True for the rows of the latest run that reached the parse step.';
comment on column marts.run_files.source_path is 'Path relative to the raw folder.';
comment on column marts.run_files.change is 'new (not seen before), changed (bytes, parser or extraction changed: re-read), unchanged (skipped) or removed (gone from the raw folder).';
comment on column marts.run_files.outcome is 'The change, or quarantined when the file is in quarantine after the run (see marts.quarantine).';
comment on column marts.run_files.reason is 'What changed (first seen, bytes changed, parser code changed, extracted again), why the file was quarantined, or that it is gone; NULL for unchanged files.';
