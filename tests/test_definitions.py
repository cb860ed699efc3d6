"""The Dagster definitions load, and the lineage is the one documented (a refactor that changes it
shows up here)."""
import dagster as dg

from pipeline.definitions import defs


def _graph():
    return defs.resolve_asset_graph()


def test_definitions_load():
    dg.Definitions.validate_loadable(defs)


def test_asset_keys_match_duckdb_objects():
    keys = {k.to_user_string() for k in _graph().get_all_asset_keys()}
    expected = {
        "raw/files", "raw/documents",
        "staging/stg_reports", "staging/stg_facts", "staging/stg_issues", "staging/stg_checks", "staging/stg_source_lines",
        "staging/stg_codes", "staging/stg_regions",
        "marts/dim_report", "marts/dim_agency", "marts/dim_region", "marts/dim_year", "marts/dim_code",
        "marts/fct_requests", "marts/fct_review_litigation", "marts/fct_active_disclosure",
        "marts/fct_checks", "marts/parse_issues", "marts/quarantine",
        "published_warehouse", "analytics/trend_chart",
    }
    assert expected <= keys
    assert all(k.split("/")[0] in {"raw", "staging", "marts", "analytics", "published_warehouse"} for k in keys)


def test_lineage_runs_from_raw_files_to_the_published_warehouse():
    graph = _graph()

    def upstream(key: str) -> set[str]:
        return {k.to_user_string() for k in graph.get(dg.AssetKey(key.split("/"))).parent_keys}

    assert upstream("raw/documents") == {"raw/files"}
    assert upstream("staging/stg_facts") == {"raw/documents"}
    assert upstream("marts/fct_requests") == {"staging/stg_facts", "marts/dim_report"}
    published = upstream("published_warehouse")
    assert "marts/fct_requests" in published
    assert all(k.startswith(("marts/", "analytics/")) for k in published)
    assert upstream("analytics/trend_chart") == {"published_warehouse"}
    for key in graph.get_all_asset_keys():
        if key.path[0] == "analytics" and key.path[1] != "trend_chart":
            assert upstream(key.to_user_string()), f"{key} reads nothing"


def test_nightly_schedule_and_raw_folder_sensor():
    schedule = defs.resolve_schedule_def("nightly_build")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    sensor = defs.resolve_sensor_def("raw_folder_changed")
    assert sensor.job_name == "build_warehouse"


def test_blocking_checks_guard_the_fact_tables():
    from pipeline.defs.asset_checks import CHECKS

    checks = {(s.asset_key.to_user_string(), s.name): s for c in CHECKS for s in c.check_specs}
    for table in ("fct_requests", "fct_review_litigation", "fct_active_disclosure"):
        for name in ("one_row_per_cell", "numbers_have_provenance", "blanks_stay_null"):
            assert checks[(f"marts/{table}", name)].blocking
