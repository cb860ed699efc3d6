"""staging/stg_report_notes: what a report's text says that no fact carries (thin wrapper over
pipeline.warehouse.text_notes)."""

import dagster as dg

from pipeline.defs.table_metadata import table_metadata
from pipeline.defs.resources import Warehouse


@dg.asset(key=["staging", "stg_report_notes"], group_name="staging",
          deps=[dg.AssetKey(["staging", "stg_reports"]), dg.AssetKey(["staging", "stg_facts"])])
def report_notes(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """Notes read from the text of reports whose table 三 leaves 本年新收 blank: text_states_zero
    when the prose says there were no requests (the number stays NULL). Reads each report once per parse."""
    from pipeline.warehouse.staging_store import store_for
    from pipeline.warehouse.text_notes import note_reports

    with warehouse.work() as con:
        stats = note_reports(con, store_for(warehouse.published))
        context.log.info(f"notes: {stats}")
        meta = table_metadata(con, "staging.stg_report_notes")
        return dg.MaterializeResult(metadata={**meta, **{f"run/{k}": v for k, v in stats.items()}})
