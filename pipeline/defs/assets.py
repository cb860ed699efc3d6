"""The asset graph: raw folders → Parquet per folder (pipeline/defs/folders.py) → the merge into the
DuckDB work file (raw.files, raw.documents, staging.*) → marts → analytics → the published
warehouse. Asset keys are the DuckDB objects they write (raw/files is raw.files).

Assets are thin: the work is in pipeline.warehouse (partition_build, merge, SQL models) and
pipeline.parse.
"""

import base64
import re
from pathlib import Path

import dagster as dg

from pipeline.defs.fetch import FETCH_ASSETS, FETCH_KEY
from pipeline.defs.folders import FOLDERS_KEY, folder_materializations, sync_partitions
from pipeline.defs.resources import Warehouse
from pipeline.defs.table_metadata import table_metadata
from pipeline.warehouse.db import get_state, set_state
from pipeline.warehouse.integrity import fingerprint, violations
from pipeline.warehouse.merge import merge_staging
from pipeline.warehouse.partition_build import build_partitions
from pipeline.warehouse.publish import publish
from pipeline.warehouse.reference import load_reference
from pipeline.warehouse.schema import STAGING_TABLES as STAGING
from pipeline.warehouse.sqlfiles import Model, models, run_model

RAW_FILES = dg.AssetKey(["raw", "files"])
RAW_DOCUMENTS = dg.AssetKey(["raw", "documents"])


@dg.multi_asset(
    specs=[
        # Fetching comes first whether or not the folder partitions run in this same run.
        dg.AssetSpec(RAW_FILES, deps=[FETCH_KEY, FOLDERS_KEY], group_name="raw",
                     description="Every file under the raw folder (any sub-folder), with its SHA-256. "
                                 "Grain: one row per file."),
        dg.AssetSpec(RAW_DOCUMENTS, deps=[RAW_FILES], group_name="raw",
                     description="Each file's extraction: format, pages, lines, or why it was quarantined "
                                 "(the extracted text itself stays in the folder's Parquet). Grain: one row per file."),
        *[dg.AssetSpec(["staging", name], deps=[RAW_DOCUMENTS], group_name="staging",
                       description=f"Parser output: staging.{name}.") for name in STAGING],
    ],
    pool="warehouse_writer",
)
def merged_staging(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Bring every folder's Parquet up to date (folders a partition run or `build_folders` already
    built cost a scan), then load all of it into the work file in one transaction: raw.files,
    raw.documents and staging.*, with the run's per-file outcomes (raw.runs, raw.run_files)."""
    present = sync_partitions(context.instance, warehouse)
    built = build_partitions(warehouse.raw, warehouse.store, present, warehouse.n_workers, warehouse.limits)
    written = {p: s for p, s in built.items() if s.get("written")}
    context.log.info(f"folders: {len(present)}, rewritten in this step: {len(written)}")
    for event in folder_materializations(written):
        context.log_event(event)
    with warehouse.work() as con:
        stats = merge_staging(con, warehouse.store, warehouse.raw, context.run.run_id)
        context.log.info(f"merge: {stats}")
        # Nothing merged: the tables are the ones the last run described (no counts, no previews).
        same = not stats.get("merged")
        def meta(name: str, preview: bool = True) -> dict:
            if same:
                return {"unchanged": True, "dagster/table_name": name}
            return table_metadata(con, name, preview=preview)
        yield dg.MaterializeResult(asset_key=RAW_FILES, metadata=meta("raw.files"))
        yield dg.MaterializeResult(asset_key=RAW_DOCUMENTS, metadata=meta("raw.documents", preview=False))
        for name in STAGING:
            m = meta(f"staging.{name}")
            if name == "stg_reports":
                m.update({f"run/{k}": v for k, v in stats.items() if k != "merged"})
            yield dg.MaterializeResult(asset_key=["staging", name], metadata=m)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["staging", "stg_codes"], group_name="staging",
                     description="The fact tables' codes and their template labels (pipeline/codes.py)."),
        dg.AssetSpec(["staging", "stg_regions"], group_name="staging",
                     description="The administrative-division gazetteer regions are resolved against."),
    ],
)
def reference_data(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Small reference tables, reloaded on every run."""
    with warehouse.work() as con:
        load_reference(con)
        for name in ("stg_codes", "stg_regions"):
            yield dg.MaterializeResult(asset_key=["staging", name], metadata=table_metadata(con, f"staging.{name}"))


_COMMENT = re.compile(r"comment on (?:table|view) \S+ is '((?:[^']|'')*)'", re.IGNORECASE)


def _description(model: Model) -> str:
    """The object's own COMMENT ON text, so the UI and the CLI say the same thing."""
    found = _COMMENT.search(model.sql)
    return found.group(1).replace("''", "'") if found else f"{model.key} ({model.path.name})"


def sql_models(schema: str) -> dg.AssetsDefinition:
    """One asset per SQL file of a layer, executed as one step (a step costs more than a small
    model) in dependency order; selecting a subset in the UI runs just those files."""
    layer = [m for m in models() if m.schema == schema]

    @dg.multi_asset(
        name=f"{schema}_models",
        specs=[
            dg.AssetSpec(
                [m.schema, m.name],
                deps=[dg.AssetKey(d.split(".")) for d in m.depends],
                group_name=schema,
                description=_description(m),
                kinds={"duckdb", "sql"},
                metadata={"sql_file": f"sql/{schema}/{m.path.name}"},
                skippable=True,
            )
            for m in layer
        ],
        can_subset=True,
    )
    def _models(context: dg.AssetExecutionContext, warehouse: Warehouse):
        selected = context.selected_asset_keys
        whole_layer = len(selected) == len(layer)
        with warehouse.work() as con:
            # Built, checked and published from these very inputs already: nothing to redo.
            current = fingerprint(con)
            unchanged = whole_layer and get_state(con, "published") == current == get_state(con, f"built:{schema}")
            for m in layer:
                key = dg.AssetKey([m.schema, m.name])
                if key not in selected:
                    continue
                if unchanged:
                    yield dg.MaterializeResult(asset_key=key, metadata={"unchanged": True, "dagster/table_name": m.key})
                    continue
                run_model(con, m)
                yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, m.key))
            set_state(con, f"built:{schema}", current if whole_layer else "partial")

    return _models


SQL_ASSETS = [sql_models("marts"), sql_models("analytics")]


@dg.asset(
    key=["published_warehouse"],
    deps=[dg.AssetKey([m.schema, m.name]) for m in models()],
    group_name="publish",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """The DuckDB file analysts open, replaced in one atomic step by a copy of the finished work file.
    Not reached when an upstream step or blocking check fails, and refuses on its own to publish
    layers that are stale or break an integrity rule: the last good warehouse stays. Published on
    every run, unchanged ones too: raw.runs and marts.run_files say when the data was last checked."""
    with warehouse.work() as con:
        current = fingerprint(con)
        stale = [layer for layer in ("marts", "analytics") if get_state(con, f"built:{layer}") != current]
        if stale:
            raise dg.Failure(f"not publishing: {', '.join(stale)} not rebuilt from the current staging "
                             "(materialize the whole layer first)")
        broken = violations(con)
        if broken:
            raise dg.Failure("not publishing: " + "; ".join(broken))
    warehouse.release()  # the file is copied whole: no connection may hold part of it
    path = publish(warehouse.published)
    with warehouse.work() as con:
        set_state(con, "published", current)
    context.log.info(f"published {path}")
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(path)), "bytes": path.stat().st_size}
    )


def _data_stamp(path) -> str | None:
    """What the published file holds (the SQL layers' inputs: integrity.fingerprint), None when
    there is no file: the charts are drawn again only when it changed."""
    from pipeline.warehouse.db import connect

    if not path.exists():
        return None
    con = connect(path, read_only=True)
    try:
        return fingerprint(con)
    finally:
        con.close()


@dg.asset(
    key=["analytics", "trend_chart"],
    deps=["published_warehouse"],
    group_name="analytics",
)
def trend_chart(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """PNG charts of the trends (requests and disclosure rate by year), drawn from the published
    warehouse and written beside it; not drawn again while that file is unchanged."""
    import json

    out = warehouse.published.parent
    stamp_file = out / ".charts-drawn-from.json"  # which published file the charts show, and where they are
    stamp = _data_stamp(warehouse.published)
    try:
        drawn = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        drawn = {}
    paths = [Path(p) for p in drawn.get("files", [])]
    unchanged = stamp is not None and drawn.get("from") == stamp and bool(paths) and all(p.exists() for p in paths)
    if not unchanged:
        from pipeline.warehouse.chart import render_trends  # matplotlib: imported only to draw
        from pipeline.warehouse.db import connect

        con = connect(warehouse.published, read_only=True)
        try:
            paths = render_trends(con, out)
        finally:
            con.close()
        stamp_file.write_text(json.dumps({"from": stamp, "files": [str(p) for p in paths]}), encoding="utf-8")
    meta: dict = {"files": [str(p) for p in paths], "unchanged": unchanged}
    for p in paths[:2]:
        encoded = base64.b64encode(p.read_bytes()).decode()
        meta[f"chart/{p.stem}"] = dg.MetadataValue.md(f"![{p.stem}](data:image/png;base64,{encoded})")
    return dg.MaterializeResult(metadata=meta)


from pipeline.defs.notes import report_notes  # noqa: E402 (a separate module: one asset, one job)

ASSETS = [*FETCH_ASSETS, merged_staging, reference_data, report_notes, *SQL_ASSETS, trend_chart,
          published_warehouse]
