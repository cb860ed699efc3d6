"""Asset checks: one property each, read from the tables the checks are about.

Blocking checks guard what must never happen (a duplicated cell, a number without provenance, a
blank loaded as a number): they stop the run before analytics and publishing. The reports' own
arithmetic is data (marts.fct_checks); its failures warn, because real reports break it.
"""

import dagster as dg

from pipeline.defs.resources import Warehouse

BLANK_TEXTS = "('', '/', '-', '—', '－', '无', '／')"
FACTS = {
    "fct_requests": ("requests", ("outcome", "applicant_type")),
    "fct_review_litigation": ("cases", ("proceeding", "result")),
    "fct_active_disclosure": ("value", ("item", "measure")),
}


def _fact_checks(table: str, value: str, grain: tuple[str, str]) -> dg.AssetChecksDefinition:
    key = dg.AssetKey(["marts", table])
    queries = {
        "one_row_per_cell": (
            f"No two rows for the same report x {grain[0]} x {grain[1]}.",
            f"select count(*) from (select 1 from marts.{table} group by report_id, {grain[0]}, {grain[1]} "
            "having count(*) > 1)",
        ),
        "numbers_have_provenance": (
            "Every loaded number keeps its raw text and source line.",
            f"select count(*) from marts.{table} where {value} is not null and (raw_text is null or source_line is null)",
        ),
        "blanks_stay_null": (
            "A blank, /, -, — or 无 cell is NULL, never a number.",
            f"select count(*) from marts.{table} where {value} is not null and method = 'table' "
            f"and trim(raw_text) in {BLANK_TEXTS}",
        ),
    }

    # One step for the three checks of a table: each is a cheap query, the step overhead is not.
    @dg.multi_asset_check(
        specs=[dg.AssetCheckSpec(name, asset=key, blocking=True, description=desc)
               for name, (desc, _) in queries.items()],
        name=f"{table}_integrity",
    )
    def integrity(warehouse: Warehouse):
        with warehouse.work() as con:
            for name, (_, sql) in queries.items():
                bad = con.execute(sql).fetchall()[0][0]
                yield dg.AssetCheckResult(asset_key=key, check_name=name, passed=bad == 0,
                                          metadata={"offending_rows": bad})

    return integrity


@dg.asset_check(asset=dg.AssetKey(["marts", "fct_checks"]), name="report_arithmetic",
                description="Reports whose tables break their own identities. Source errors are the "
                            "reports' own (kept as printed); parse errors point at extraction damage.")
def report_arithmetic(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.work() as con:
        rows = dict(con.execute("select status, count(distinct report_id) from marts.fct_checks group by status").fetchall())
        worst = con.sql(
            "select r.source_path, c.table_name, c.check_name, c.scope, c.lhs, c.rhs, c.status "
            "from marts.fct_checks c join marts.dim_report r using (report_id) "
            "where c.status in ('parse_error', 'source_error') order by c.status, r.source_path limit 20"
        ).pl()
    return dg.AssetCheckResult(
        passed=rows.get("parse_error", 0) == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "reports_with_parse_errors": rows.get("parse_error", 0),
            "reports_with_source_errors": rows.get("source_error", 0),
            "reports_all_pass": rows.get("pass", 0),
            "examples": dg.MetadataValue.md(_markdown(worst)),
        },
    )


@dg.asset_check(asset=dg.AssetKey(["marts", "quarantine"]), name="quarantined_files",
                description="Files that could not be read (warns; the run goes on without them).")
def quarantined_files(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.work() as con:
        frame = con.sql("select source_path, reason from marts.quarantine order by source_path limit 50").pl()
        n = con.execute("select count(*) from marts.quarantine").fetchall()[0][0]
    return dg.AssetCheckResult(passed=n == 0, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"quarantined": n, "files": dg.MetadataValue.md(_markdown(frame))})


def _markdown(frame) -> str:
    import polars as pl

    with pl.Config(tbl_formatting="MARKDOWN", tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True,
                   tbl_rows=50, tbl_cols=-1, fmt_str_lengths=80):
        return str(frame)


CHECKS = [_fact_checks(table, value, grain) for table, (value, grain) in FACTS.items()]
CHECKS += [report_arithmetic, quarantined_files]
