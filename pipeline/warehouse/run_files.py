"""What one run did with each file: new, changed, unchanged, removed or quarantined, and why.

The build summary counts these; raw.run_files keeps them file by file so "changed 1" can be
answered with a name (`select * from marts.run_files where is_latest_run`). Two calls from the
merge: `pending` before it replaces staging (it still knows what each report was before),
`record` after (it knows what ended in quarantine).
"""
from __future__ import annotations

import duckdb

# How many names per kind the summary may print (the table has them all).
SUMMARY_NAMES = 10
CHANGES = "run_changes"  # temporary table: one row per file of this run


def pending(con: duckdb.DuckDBPyConnection, new_reports: str | None) -> dict[str, int]:
    """Compare the previous staging.stg_reports with the new reports (a table or view name, None
    when nothing changed): the change of every file and of every file gone, with the reason for
    new and changed ones, kept in the temporary table run_changes. Returns the counts."""
    if new_reports is None:
        con.execute(f"create or replace temp table {CHANGES} as "
                    "select source_path, 'unchanged' as change, null::varchar as reason from staging.stg_reports")
    else:
        con.execute(f"""
            create or replace temp table {CHANGES} as
            select n.source_path,
                   case when o.report_id is null then 'new'
                        when o.sha256 is not distinct from n.sha256 and o.parser_version = n.parser_version
                             and o.extracted_at is not distinct from n.extracted_at then 'unchanged'
                        else 'changed' end as change,
                   case when o.report_id is null then 'first seen'
                        when o.sha256 is distinct from n.sha256 then 'bytes changed'
                        when o.parser_version is distinct from n.parser_version then 'parser code changed'
                        when o.extracted_at is distinct from n.extracted_at
                             then 'extracted again (extractor code or limits changed)'
                   end as reason
            from {new_reports} n
            left join staging.stg_reports o using (source_path)
            union all
            select source_path, 'removed', 'file gone from the raw folder'
            from staging.stg_reports
            where source_path not in (select source_path from {new_reports})
        """)
    counts = dict(con.execute(f"select change, count(*) from {CHANGES} group by 1").fetchall())
    return {kind: counts.get(kind, 0) for kind in ("new", "changed", "unchanged", "removed")}


def record(con: duckdb.DuckDBPyConnection, run_id: str) -> list[list[str]]:
    """Store the run's rows in raw.run_files, each file marked quarantined when it ended there,
    and return the files worth naming in the summary: [outcome, source_path, reason], at most
    SUMMARY_NAMES per outcome (unchanged files are never named)."""
    # Unchanged rows of earlier runs say nothing the latest run does not: only what changed is
    # kept for every run, so the table grows with change, not with the corpus.
    con.execute("delete from raw.run_files where change = 'unchanged'")
    con.execute(
        f"""
        insert into raw.run_files (run_id, source_path, change, outcome, reason)
        select ?, c.source_path, c.change,
               case when r.parse_status = 'quarantined' then 'quarantined' else c.change end,
               case when r.parse_status = 'quarantined' then r.status_reason else c.reason end
        from {CHANGES} c
        left join staging.stg_reports r on r.source_path = c.source_path and c.change <> 'removed'
        """,
        [run_id],
    )
    con.execute(f"drop table if exists {CHANGES}")
    return [list(r) for r in con.execute(
        """
        select outcome, source_path, reason from (
            select *, row_number() over (partition by outcome order by source_path) as n
            from raw.run_files where run_id = ? and outcome not in ('unchanged', 'quarantined')
        ) where n <= ? order by outcome, source_path
        """,
        [run_id, SUMMARY_NAMES],
    ).fetchall()]
