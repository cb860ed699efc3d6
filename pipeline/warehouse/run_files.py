"""What one run did with each file: new, changed, unchanged, removed or quarantined, and why.

The build summary counts these; raw.run_files keeps them file by file so "changed 1" can be
answered with a name (`select * from marts.run_files where is_latest_run`). Two calls from the
parse stage: `pending` before it touches staging (it still knows what each file was before),
`record` after (it knows what ended in quarantine).
"""
from __future__ import annotations

import duckdb
import polars as pl

# How many names per kind the summary may print (the table has them all).
SUMMARY_NAMES = 10


def pending(con: duckdb.DuckDBPyConnection, states: list[tuple[str, str]], parser_version: str) -> pl.DataFrame:
    """The change of every file this run sees (states: source_path → new/changed/unchanged, as
    the parse stage decided it) and of every file gone, with the reason for new and changed ones."""
    frame = pl.DataFrame(states, schema={"source_path": pl.String, "change": pl.String}, orient="row")
    con.register("run_states", frame.to_arrow())
    try:
        rows = con.execute(
            """
            select s.source_path, s.change,
                   case s.change
                       when 'new' then 'first seen'
                       when 'changed' then
                           case when r.sha256 is distinct from d.sha256 then 'bytes changed'
                                when r.parser_version is distinct from ? then 'parser code changed'
                                else 'extracted again (extractor code or limits changed)' end
                   end as reason
            from run_states s
            join raw.documents d using (source_path)
            left join staging.stg_reports r using (source_path)
            union all
            select source_path, 'removed', 'file gone from the raw folder'
            from staging.stg_reports
            where source_path not in (select source_path from raw.documents)
            """,
            [parser_version],
        ).fetchall()
    finally:
        con.unregister("run_states")
    return pl.DataFrame(rows, schema={"source_path": pl.String, "change": pl.String, "reason": pl.String},
                        orient="row")


def record(con: duckdb.DuckDBPyConnection, run_id: str, changes: pl.DataFrame) -> list[list[str]]:
    """Store the run's rows in raw.run_files, each file marked quarantined when it ended there,
    and return the files worth naming in the summary: [outcome, source_path, reason], at most
    SUMMARY_NAMES per outcome (unchanged files are never named)."""
    con.register("run_changes", changes.to_arrow())
    try:
        # Unchanged rows of earlier runs say nothing the latest run does not: only what changed is
        # kept for every run, so the table grows with change, not with the corpus.
        con.execute("delete from raw.run_files where change = 'unchanged'")
        con.execute(
            """
            insert into raw.run_files
            select ?, c.source_path, c.change,
                   case when r.parse_status = 'quarantined' then 'quarantined' else c.change end,
                   case when r.parse_status = 'quarantined' then r.status_reason else c.reason end
            from run_changes c
            left join staging.stg_reports r on r.source_path = c.source_path and c.change <> 'removed'
            """,
            [run_id],
        )
    finally:
        con.unregister("run_changes")
    return [list(r) for r in con.execute(
        """
        select outcome, source_path, reason from (
            select *, row_number() over (partition by outcome order by source_path) as n
            from raw.run_files where run_id = ? and outcome not in ('unchanged', 'quarantined')
        ) where n <= ? order by outcome, source_path
        """,
        [run_id, SUMMARY_NAMES],
    ).fetchall()]
