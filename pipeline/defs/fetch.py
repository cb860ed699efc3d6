"""The fetch step as assets: download new reports into the raw folder before `raw/files` scans it,
and load the record of what was fetched (URLs, requests) into the warehouse. Thin wrappers over
pipeline.fetch.

Set PIPELINE_SOURCES to a sources file (and optionally PIPELINE_FETCH_RATE) in the environment of
`dagster dev` / the daemon, or give `sources_file` in the launchpad's run config; with neither,
`raw/fetched` does nothing and the build reads the raw folder as it is.
"""
import os
from pathlib import Path

import dagster as dg
from pydantic import Field

from pipeline.defs.table_metadata import table_metadata
from pipeline.defs.resources import Warehouse

FETCH_KEY = dg.AssetKey(["raw", "fetched"])


def _env_rate() -> float:
    try:
        rate = float(os.environ.get("PIPELINE_FETCH_RATE", "1"))
    except ValueError:
        return 1.0  # run_fetch refuses a bad rate with a clear message; the definitions still load
    return rate


class FetchConfig(dg.Config):
    # Empty / 0 mean "what the environment says when the run starts" (read then, not at import).
    sources_file: str = Field(
        default="",
        description="TOML file of [[source]] name/url tables; empty: $PIPELINE_SOURCES, and with neither, fetch nothing",
    )
    rate: float = Field(
        default=0.0,
        description="requests per second per host; 0: $PIPELINE_FETCH_RATE, else 1",
    )

    def sources(self) -> str:
        return self.sources_file or os.environ.get("PIPELINE_SOURCES", "")

    def requests_per_second(self) -> float:
        return self.rate or _env_rate()


@dg.asset(key=FETCH_KEY, group_name="raw", kinds={"http"})
def raw_fetched(context: dg.AssetExecutionContext, config: FetchConfig, warehouse: Warehouse) -> dg.MaterializeResult:
    """New and changed reports fetched from the annual-report columns of the sources file into
    <raw folder>/<source>/ (python -m pipeline fetch). Some URLs failing does not fail the step;
    a sources file that cannot be used does."""
    sources_file = config.sources()
    if not sources_file:
        context.log.info("no sources file configured (PIPELINE_SOURCES): nothing fetched")
        return dg.MaterializeResult(metadata={"sources_file": "", "fetched": False})
    from pipeline.fetch.run import run_fetch
    from pipeline.fetch.sources import SourcesError

    try:
        results, lines = run_fetch(Path(sources_file), warehouse.raw, rate=config.requests_per_second())
    except (SourcesError, ValueError) as e:
        raise dg.Failure(description=str(e)) from None
    for line in lines:
        context.log.info(line)
    totals = {k: sum(r.files[k] for r in results) for k in ("new", "changed", "unchanged", "failed")}
    return dg.MaterializeResult(metadata={
        "sources_file": sources_file,
        "fetched": True,
        "list_pages": sum(r.list_pages for r in results),
        "reports_found": sum(r.reports_found for r in results),
        **{f"files_{k}": v for k, v in totals.items()},
        "summary": dg.MetadataValue.md("```\n" + "\n".join(lines) + "\n```"),
    })


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "fetch_log"], deps=[FETCH_KEY], group_name="raw",
                     description="Where each fetched file came from (raw.fetch_log)."),
        dg.AssetSpec(["raw", "fetch_requests"], deps=[FETCH_KEY], group_name="raw",
                     description="Every request the fetch step made (raw.fetch_requests)."),
    ],
)
def fetch_records(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Load the records the fetch step keeps beside the files (.fetch/) into the warehouse; runs
    on every build, so files fetched with `python -m pipeline fetch` get their URL too."""
    from pipeline.fetch.record import load_fetch_records

    with warehouse.work() as con:
        stats = load_fetch_records(con, warehouse.raw)
        context.log.info(f"fetch records: {stats}")
        for name in ("fetch_log", "fetch_requests"):
            yield dg.MaterializeResult(asset_key=["raw", name], metadata=table_metadata(con, f"raw.{name}", preview=False))


FETCH_ASSETS = [raw_fetched, fetch_records]
