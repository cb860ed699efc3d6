"""Regenerate docs/queries.md: run each question's SQL in the DuckDB CLI against a warehouse and
paste the real output.

    .venv/bin/python -m pipeline build
    .venv/bin/python docs/make_queries.py data/warehouse/warehouse.duckdb data/raw
"""
import subprocess, sys, textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WAREHOUSE = sys.argv[1] if len(sys.argv) > 1 else "data/warehouse/warehouse.duckdb"
CORPUS = sys.argv[2] if len(sys.argv) > 2 else "data/raw"

# Shown first: the table most questions start from.
START = ("""`analytics.reports` has one row per file: what the report is, where (region names at every
level), its headline numbers (NULL = unknown, never 0), whether its own arithmetic holds
(`check_status`) and how completely its tables were read (`share_cells_read`: cells placed / cells
the template prints). Quarantined files are listed too, with their reason. Count only
`is_primary` rows when adding up across agencies.""",
["""-- what and where
select source_path, agency_name, province_name, prefecture_name, county_name, report_year, template, parse_status
from analytics.reports;""",
"""-- the headline numbers and how far to trust them
select source_path, received_new, share_granted, not_held, reviews, lawsuits,
       check_status, share_cells_read, text_states_zero
from analytics.reports;""",
"""select code, label_path from marts.dim_code where search_terms like '%信息不存在%';"""])

QUESTIONS = [
("How many requests did agencies receive each year, and how many reports does each number rest on?",
 """`received_new` is a sum over the reports that state the number; `received_new_reports` says how
many did. A report that leaves the cell blank is not counted as 0 — compare with `n_reports`.""",
["""select report_year, n_reports, received_new, received_new_reports
from analytics.disclosure_rate_by_year
order by report_year;"""]),

("What share of the requests handled were disclosed, fully or in part?",
 """The disclosure rate is (予以公开 + 部分公开) / （七）总计, pooled over the reports that state all
three (`n_reports_rated`); `median_report_rate` weighs every agency the same.""",
["""select report_year, n_reports_rated, granted, partially_granted, handled_total,
       disclosure_rate, median_report_rate
from analytics.disclosure_rate_by_year
where n_reports_rated > 0;"""]),

("How were requests answered, year by year, in categories that mean the same under every template?",
 """`other` is the 2019 single （六）其他处理 row or the sum of the three 2021 sub-rows. Only reports
with a complete table enter a year (`n_reports`), so the shares of a year add up to 1.""",
["""select report_year, outcome_group, sum(requests) as requests, round(sum(share), 4) as share,
       any_value(n_reports) as n_reports, any_value(n_reports_year) as n_reports_year
from analytics.outcome_mix
group by all
order by report_year, share desc;"""]),

("For what reasons are requests withheld or not processed?",
 """Each of the eight 不予公开 reasons and five 不予处理 rows, over all years, as a share of the
requests handled by the same reports.""",
["""select outcome, label_zh, sum(requests) as requests,
       round(sum(requests) / sum(handled_total), 4) as share_of_handled
from analytics.outcome_mix
where outcome_group in ('withheld', 'rejected')
group by all
having sum(requests) > 0
order by requests desc;"""]),

("Who asks: natural persons or organisations?",
 """Shares of requests received by kind of applicant, over the reports that give all six applicant
columns (legacy prose reports give totals only and are left out).""",
["""select report_year, applicant_group, sum(requests) as requests, round(sum(share), 4) as share,
       any_value(n_reports) as n_reports
from analytics.applicant_mix
group by all
order by report_year, applicant_group;""",
"""select report_year, applicant_type, label_zh, requests, share
from analytics.applicant_mix
where applicant_group = 'organisation' and requests > 0
order by report_year, share desc;"""]),

("Where are requests made, down the region hierarchy, and to which kinds of agency?",
 """A report counts in its county, prefecture, province and the country. A prefecture's own
report is not inside any county, so counties do not add up to their prefecture.""",
["""select report_year, region_level, region_code, region_name, n_reports,
       received_new, received_new_reports, handled_total, disclosure_rate
from analytics.requests_by_region
where report_year >= 2023 and agency_sector = 'all';""",
"""select report_year, agency_sector, n_reports, received_new, received_new_reports, disclosure_rate
from analytics.requests_by_region
where region_level = 'country' and agency_sector <> 'all'
order by report_year, agency_sector;"""]),

("How often does a request end in administrative review or litigation, and how often is the agency corrected?",
 """纠错率 (`correction_rate`) = corrected / (upheld + corrected + other), pending cases left out.
`cases_per_request` = cases / requests handled. Legacy reports give totals only, so they have
cases but no correction rate. Hongze 2023 prints a 总计 of 0 over results that add up to 11: the
results are used (the report's own error is listed in question 9).""",
["""select report_year, proceeding, n_reports, cases, upheld, corrected, other_result, pending,
       correction_rate, cases_per_request
from analytics.review_litigation_by_year
where n_reports > 0 and proceeding in ('administrative_review', 'all');"""]),

("Which agencies' request numbers moved most from one year to the next?",
 """Consecutive years of the same agency (however its reports name it); `mover_rank` 1 is the
largest absolute change in requests received that year.""",
["""select report_year, mover_rank, agency_name_latest, previous_received_new, received_new,
       received_new_change_pct as change_pct, previous_disclosure_rate as previous_rate,
       disclosure_rate as rate
from analytics.agency_yoy
where mover_rank <= 10
order by report_year desc, mover_rank;"""]),

("Do the reports add up — each on its own, and from one year to the next?",
 """A source_error is the report breaking its own arithmetic (kept as printed); a parse_error
points at extraction damage. Across years, last year's 结转下年度 should be this year's 上年结转.""",
["""select source_path, report_year, n_source_errors, n_parse_errors, failures
from analytics.arithmetic_failures;""",
"""select agency_name_latest, report_year, previous_carried_forward, carried_over, difference, status
from analytics.carry_over_check;"""]),

("Which agencies reported in which years, and which are missing a year?",
 """For every known agency, every year from its first report up to the latest year in the
warehouse: `missing_gap` is a hole between its first and last report, `missing_after_last` a year
after its last report (stopped publishing, or not collected yet).""",
["""select agency_name_latest, first_year, last_year,
       count(*) filter (where status = 'reported')           as years_reported,
       count(*) filter (where status = 'missing_gap')        as gaps,
       count(*) filter (where status = 'missing_after_last') as missing_after_last,
       any_value(latest_year)                                as latest_year
from analytics.coverage
group by all
order by first_year, agency_name_latest;""",
"""select report_year, string_agg(agency_name_latest, ', ' order by agency_name_latest) as reported
from analytics.coverage
where status = 'reported'
group by report_year
order by report_year;"""]),
]


def run(sql: str) -> str:
    out = subprocess.run(
        [str(ROOT / ".venv/bin/duckdb"), "-readonly", WAREHOUSE, "-c", ".maxwidth 160", "-c", sql],
        capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.rstrip()


parts = [f"""# The per-report table, then ten questions answered from the warehouse

Start with the per-report view, then real questions a researcher asks of the disclosure
reports, each answered by a query over the `analytics` views, with the output it gave on the sample warehouse built from the reports in
`{CORPUS}`:

```sh
.venv/bin/python -m pipeline build --raw-dir {CORPUS} --warehouse /tmp/sample/warehouse.duckdb
.venv/bin/duckdb -readonly -init sql/cli_init.sql /tmp/sample/warehouse.duckdb
```

The sample is nine readable reports (2010-2024, legacy prose, 2019 and 2021 templates) and one
quarantined file, so the numbers are small; the queries are the ones to run on the full warehouse.

Rules every view follows: NULL means unknown (the report gives no number), never 0 — each sum
comes with the number of reports it rests on; one report counts per agency and year
(`analytics.report_requests.is_primary`); buckets that differ between templates are compared
like with like. To see what there is:

```sql
from objects(schema_filter := 'analytics');   -- every view with its grain (sql/cli_init.sql)
from columns_of('analytics.outcome_mix');     -- what each column means
```
"""]
parts.append(f"## Start here: one row per report\n\n{START[0]}\n")
for sql in START[1]:
    parts.append(f"```sql\n{sql}\n```\n\n```text\n{run(sql)}\n```\n")
for i, (question, why, sqls) in enumerate(QUESTIONS, start=1):
    parts.append(f"## {i}. {question}\n\n{why}\n")
    for sql in sqls:
        parts.append(f"```sql\n{sql}\n```\n\n```text\n{run(sql)}\n```\n")
parts.append("""## Charts

`python -m pipeline build` also draws `trends.png` (the median report's requests received and
disclosure rate by year, each point marked n = reports it rests on / reports of the year) and
`outcome_mix.png` (how requests were answered, by year, over the reports with a complete table)
beside the warehouse file (`pipeline/warehouse/chart.py`, asset `analytics/trend_chart`).

## Export

`python -m pipeline export --to DIR` writes `analytics.reports` and the fact tables as CSV
(UTF-8 with BOM), Parquet and one Excel workbook with Chinese column headers.
""")
(ROOT / "docs/queries.md").write_text("\n".join(parts), encoding="utf-8")
