"""Asset checks: one property each, read from the tables the checks are about.

Blocking checks guard what must never happen (a duplicated cell, a number without provenance, a
blank loaded as a number): they stop the run before analytics and publishing. The reports' own
arithmetic is data (marts.fct_checks); its failures warn, because real reports break it.
"""

import dagster as dg

from pipeline.defs.resources import Warehouse
from pipeline.warehouse.integrity import FACT_TABLES, fact_rules

def _fact_checks(table: str) -> dg.AssetChecksDefinition:
    key = dg.AssetKey(["marts", table])
    queries = fact_rules(table)

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


CHECKS = [_fact_checks(table) for table in FACT_TABLES]
CHECKS += [report_arithmetic, quarantined_files]
