"""What must hold before a warehouse reaches readers, as SQL over the work file.

The same queries back the Dagster blocking checks and the publish step's own gate, so selecting
only the publish asset in the UI cannot push facts that failed them. `fingerprint` names the state
the SQL layers were built from, so unchanged layers are not rebuilt and stale ones not published.
"""
from __future__ import annotations

import hashlib

import duckdb

from pipeline.warehouse.db import get_state
from pipeline.warehouse.sqlfiles import ddl_version, models

BLANK_TEXTS = "('', '/', '-', '—', '－', '无', '／')"
# fact table → (value column, grain columns besides report_id)
FACT_TABLES = {
    "fct_requests": ("requests", ("outcome", "applicant_type")),
    "fct_review_litigation": ("cases", ("proceeding", "result")),
    "fct_active_disclosure": ("value", ("item", "measure")),
}


def fact_rules(table: str) -> dict[str, tuple[str, str]]:
    """check name → (description, SQL counting the offending rows) for one fact table."""
    value, (a, b) = FACT_TABLES[table]
    return {
        "one_row_per_cell": (
            f"No two rows for the same report x {a} x {b}.",
            f"select count(*) from (select 1 from marts.{table} group by report_id, {a}, {b} having count(*) > 1)",
        ),
        "numbers_have_provenance": (
            "Every loaded number keeps its raw text and source line.",
            f"select count(*) from marts.{table} where {value} is not null and (raw_text is null or source_line is null)",
        ),
        "blanks_stay_null": (
            "A blank, /, -, — or 无 cell is NULL, never a number.",
            f"select count(*) from marts.{table} where {value} is not null and method <> 'prose' "
            f"and trim(raw_text) in {BLANK_TEXTS}",
        ),
    }


def violations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every failing rule, as 'table.rule: N rows'; empty when the marts may be published."""
    found = []
    for table in FACT_TABLES:
        for name, (_, sql) in fact_rules(table).items():
            n = con.execute(sql).fetchall()[0][0]
            if n:
                found.append(f"marts.{table}.{name}: {n} rows")
    return found


def fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The inputs of the SQL layers: staging's rows (each report's id, bytes, parser and parse
    time), the reference data, and the SQL text. Computed from the data itself, so a run that
    died half-way cannot leave it out of step with staging."""
    h = hashlib.sha256()
    h.update(repr(con.execute(
        "select count(*), bit_xor(hash(report_id, sha256, parser_version, parsed_at)) from staging.stg_reports"
    ).fetchall()).encode())
    h.update((get_state(con, "reference") or "").encode())
    h.update(repr(con.execute(  # where fetched files came from (marts.dim_report.source_url)
        "select count(*), bit_xor(hash(source_path, url, sha256)) from raw.fetch_log").fetchall()).encode())
    h.update(ddl_version().encode())  # the DDL of sql/ddl and pipeline/warehouse/schema.py
    for m in models():
        h.update(m.sql.encode())
    return h.hexdigest()
