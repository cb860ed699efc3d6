"""The nightly graph with a sources file: raw/fetched runs before raw/files, and each fetched
report carries its URL into marts.dim_report.source_url (NULL for files put there by hand)."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import dagster as dg
import duckdb

from pipeline.defs.assets import ASSETS
from pipeline.defs.asset_checks import CHECKS
from pipeline.defs.resources import Warehouse
from fetch_site import Reply, Site, static

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def test_nightly_graph_fetches_then_builds_with_source_urls(tmp_path: Path):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "warehouse.duckdb"
    raw.mkdir()
    shutil.copyfile(CORPUS / "taian-jiguanshiwu_2010.txt", raw / "taian-jiguanshiwu_2010.txt")  # not fetched
    pdf = (CORPUS / "hongze-qu_2024.pdf").read_bytes()
    with Site() as site:
        name = quote("洪泽区2024年年报.pdf")
        site.routes.update({
            "/robots.txt": Reply(404, b""),
            "/xxgk/nb/index.html": Reply(200, (
                "<html><body><a href='2025/t1.html'>2024年政府信息公开工作年度报告</a></body></html>").encode(),
                {"Content-Type": "text/html; charset=utf-8"}),
            "/xxgk/nb/2025/t1.html": static(
                f"<html><body><p>附件：<a href='/files/{name}'>年报</a></p></body></html>".encode(), "text/html"),
            f"/files/{name}": static(pdf, "application/pdf"),
        })
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "hongze"\nurl = "{site.base}/xxgk/nb/index.html"\n', encoding="utf-8")
        result = dg.materialize(
            [*ASSETS, *CHECKS],
            resources={"warehouse": Warehouse(raw_dir=str(raw), path=str(warehouse), workers=1)},
            run_config={"ops": {"raw__fetched": {"config": {"sources_file": str(sources), "rate": 50.0}}}},
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
        )
    assert result.success
    order = [e.asset_key.to_user_string() for e in result.all_events if e.is_step_materialization]
    assert order.index("raw/fetched") < order.index("raw/files")
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = dict(con.execute("select source_path, source_url from marts.dim_report").fetchall())
    assert rows["hongze/洪泽区2024年年报.pdf"] == f"{site.base}/files/{name}"
    assert rows["taian-jiguanshiwu_2010.txt"] is None
    logged = con.execute("select count(*), count(*) filter (where status = 200 and sha256 is not null) "
                         "from raw.fetch_requests where source = 'hongze'").fetchone()
    assert logged == (4, 3)  # robots.txt (404), list page, report page, PDF
    comment = con.execute("select comment from duckdb_columns() where table_name = 'fetch_requests' "
                          "and column_name = 'sha256'").fetchone()[0]
    assert comment


def test_fetch_comes_first_in_the_nightly_job_only():
    from pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    # raw/files also follows the folder partitions (raw/folders), which follow the fetch too.
    assert {k.to_user_string() for k in graph.get(dg.AssetKey(["raw", "files"])).parent_keys} == {"raw/fetched", "raw/folders"}
    assert {k.to_user_string() for k in graph.get(dg.AssetKey(["raw", "folders"])).parent_keys} == {"raw/fetched"}
    assert {k.to_user_string() for k in graph.get(dg.AssetKey(["marts", "dim_report"])).parent_keys} >= {"raw/fetch_log"}
    assert defs.resolve_schedule_def("nightly_build").job_name == "nightly_fetch_and_build"
    nightly = defs.resolve_job_def("nightly_fetch_and_build")
    on_change = defs.resolve_job_def(defs.resolve_sensor_def("raw_folder_changed").job_name)
    assert dg.AssetKey(["raw", "fetched"]) in nightly.asset_layer.executable_asset_keys
    assert dg.AssetKey(["raw", "fetched"]) not in on_change.asset_layer.executable_asset_keys
