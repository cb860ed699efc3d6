"""Score a warehouse against the generator's truth, cell by cell, inside DuckDB.

Same verdicts as shared/tools/score_gold.py, at corpus scale (millions of cells, so SQL, not Python):
  right     equal; a truth null is right when the warehouse holds NULL or has no row
  wrong     both hold a number and they differ (or the warehouse holds conflicting numbers)
  invented  the truth is null but the warehouse holds a number
  missed    the truth holds a number but the warehouse holds NULL or has no row
Reports are matched by source_path (relative to the raw folder). Later truth files override
earlier ones by source_path: the benchmark's edited 1% lives in a small override file.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

VERDICT = """
    case when t.value is null then (case when coalesce(w.n_values, 0) = 0 then 'right' else 'invented' end)
         when coalesce(w.n_values, 0) = 0 then 'missed'
         when w.n_values = 1 and w.v = t.value then 'right'
         else 'wrong' end
"""


def _sql_str(s: str | Path) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _has(con: duckdb.DuckDBPyConnection, table: str, column: str | None = None) -> bool:
    schema, name = table.split(".")
    sql = ("select count(*) from information_schema.columns where table_catalog = 'wh' "
           "and table_schema = ? and table_name = ?")
    args = [schema, name]
    if column:
        sql += " and column_name = ?"
        args.append(column)
    return con.execute(sql, args).fetchone()[0] > 0


def load_truth(con: duckdb.DuckDBPyConnection, truth_files: list[Path]) -> None:
    parts = []
    later: list[str] = []
    for f in reversed([Path(p) for p in truth_files if Path(p).exists()]):
        excl = "".join(f" and source_path not in (select source_path from read_parquet({x}))" for x in later)
        parts.append(f"select * from read_parquet({_sql_str(f)}) where true{excl}")
        later.append(_sql_str(f))
    if not parts:
        raise FileNotFoundError(f"no truth file among {truth_files}")
    con.execute("create or replace temp table truth as " + " union all ".join(parts))
    con.execute("""create or replace temp table tcells as
        select source_path, c.tbl, c."row", c.col, c.value
        from (select source_path, unnest(cells) as c from truth)""")


def score(warehouse: Path, truth_files: list[Path]) -> dict:
    """Figures for the whole corpus plus a breakdown by template and format."""
    con = duckdb.connect()
    try:
        con.execute(f"attach {_sql_str(Path(warehouse).resolve())} as wh (read_only)")
        for t in ("marts.dim_report", "marts.fct_requests", "marts.fct_review_litigation"):
            if not _has(con, t):
                raise RuntimeError(f"table {t} missing in {warehouse}")
        load_truth(con, truth_files)
        con.execute("""create or replace temp table wcells as
            with f as (
                select d.source_path, 'requests' as tbl, x.outcome as "row", x.applicant_type as col,
                       x.requests::double as v
                from wh.marts.fct_requests x join wh.marts.dim_report d using (report_id)
                union all
                select d.source_path, 'review_litigation', x.proceeding, x.result, x.cases::double
                from wh.marts.fct_review_litigation x join wh.marts.dim_report d using (report_id)
            )
            select replace(source_path, '\\', '/') as source_path, tbl, "row", col,
                   count(distinct v) as n_values, min(v) as v
            from f where v is not null group by all""")
        con.execute(f"""create or replace temp table verdicts as
            select t.source_path, r.template, r.format, t.value is not null as is_number, {VERDICT} as verdict
            from tcells t join truth r using (source_path)
            left join wcells w using (source_path, tbl, "row", col)""")

        def counts(where: str = "true") -> dict:
            rows = con.execute(f"select verdict, is_number, count(*) from verdicts where {where} group by all").fetchall()
            c = {"right": 0, "wrong": 0, "invented": 0, "missed": 0, "numbers": 0, "numbers_right": 0,
                 "blanks": 0, "blanks_right": 0}
            for verdict, is_number, n in rows:
                c[verdict] += n
                c["numbers" if is_number else "blanks"] += n
                if verdict == "right":
                    c["numbers_right" if is_number else "blanks_right"] += n
            c["cells"] = c["numbers"] + c["blanks"]
            c["numbers_right_pct"] = round(100.0 * c["numbers_right"] / c["numbers"], 2) if c["numbers"] else 0.0
            return c

        out = counts()
        out["by_template"] = {t: counts(f"template = '{t}'") for t in ("legacy", "2019", "2021")}
        out["by_format"] = {f: counts(f"format = '{f}'") for f in ("text", "html")}
        # Which kinds of extraction damage the parser does not survive yet (template text reports).
        rows = con.execute("""
            with u as (select source_path, unnest(damage) as tag from truth),
                 d as (select source_path, case when tag like 'sep:%' or tag like 'blank:%' then tag
                                                else split_part(tag, ':', 1) end as tag from u)
            select d.tag, count(*) filter (where v.is_number),
                   count(*) filter (where v.is_number and v.verdict = 'right'),
                   count(*) filter (where v.verdict in ('wrong', 'invented'))
            from verdicts v join (select distinct source_path, tag from d) d using (source_path)
            group by all order by 1""").fetchall()
        out["by_damage"] = {tag: {"numbers": n, "numbers_right": ok, "wrong_or_invented": bad,
                                  "numbers_right_pct": round(100.0 * ok / n, 2) if n else 0.0}
                            for tag, n, ok, bad in rows}
        out["unasserted_numbers"] = con.execute("""select count(*) from wcells w
            where not exists (select 1 from tcells t where t.source_path = w.source_path and t.tbl = w.tbl
                              and t."row" = w."row" and t.col = w.col)""").fetchone()[0]

        quarantine = "select source_path from wh.marts.quarantine" if _has(con, "marts.quarantine") else \
            "select null as source_path where false"
        r = con.execute(f"""
            with d as (select replace(source_path, '\\', '/') as source_path, agency_name, report_year, template
                       from wh.marts.dim_report),
                 q as ({quarantine})
            select
                count(*) filter (where t.status = 'ok'),
                count(*) filter (where t.status = 'ok' and d.source_path is not null),
                count(*) filter (where t.status = 'ok' and t.source_path in (select source_path from q)),
                count(*) filter (where t.status = 'ok' and d.agency_name = t.agency_name),
                count(*) filter (where t.status = 'ok' and d.report_year = t.report_year),
                count(*) filter (where t.status = 'ok' and d.template = t.template),
                count(*) filter (where t.status = 'quarantined'),
                count(*) filter (where t.status = 'quarantined' and d.source_path is null)
            from truth t left join d using (source_path)""").fetchone()
        out["reports"] = dict(zip(
            ["expected_loaded", "in_dim_report", "wrongly_quarantined", "agency_name_right", "report_year_right",
             "template_right", "expected_quarantined", "quarantined_right"], r))
        out["reports"]["not_in_truth"] = con.execute(
            "select count(*) from wh.marts.dim_report d where replace(d.source_path, '\\', '/') "
            "not in (select source_path from truth)").fetchone()[0]
        if _has(con, "marts.dim_report", "n_source_errors"):
            flagged = con.execute("""select count(*) filter (where t.consistent = false),
                    count(*) filter (where t.consistent = false and d.n_source_errors > 0),
                    count(*) filter (where t.consistent = true and d.n_source_errors > 0)
                from truth t join wh.marts.dim_report d on replace(d.source_path, '\\', '/') = t.source_path""").fetchone()
            out["source_inconsistencies"] = dict(zip(["in_truth", "flagged", "flagged_but_consistent"], flagged))
        return out
    finally:
        con.close()


def summary_line(s: dict) -> str:
    r = s["reports"]
    return (f"numbers right {s['numbers_right']}/{s['numbers']} ({s['numbers_right_pct']:.1f}%), "
            f"blanks kept NULL {s['blanks_right']}/{s['blanks']}, wrong {s['wrong']}, invented {s['invented']}, "
            f"missed {s['missed']}; reports {r['in_dim_report']}/{r['expected_loaded']} loaded, "
            f"metadata agency {r['agency_name_right']} year {r['report_year_right']} template {r['template_right']}, "
            f"bad files quarantined {r['quarantined_right']}/{r['expected_quarantined']}")


def detail_line(s: dict) -> str:
    """Where the misses are: per template, per format, and the damage the parser survives least."""
    tpl = ", ".join(f"{t} {c['numbers_right_pct']:.1f}%" for t, c in s["by_template"].items() if c["numbers"])
    fmt = ", ".join(f"{f} {c['numbers_right_pct']:.1f}%" for f, c in s["by_format"].items() if c["numbers"])
    worst = sorted((c["numbers_right_pct"], tag) for tag, c in s.get("by_damage", {}).items() if c["numbers"])[:3]
    return (f"by template {tpl}; by format {fmt}; weakest damage "
            + ", ".join(f"{tag} {pct:.1f}%" for pct, tag in worst))
