"""The small reference tables (the fact tables' code list, the administrative-division
gazetteer), reloaded into staging when their content changed."""
from __future__ import annotations

import duckdb
import polars as pl

from pipeline import codes
from pipeline.warehouse.db import get_state, set_state, transaction


def load_reference(con: duckdb.DuckDBPyConnection) -> dict:
    """Replace the code list and the gazetteer in staging when the code that makes them changed.

    Both are functions of the parser's code and data (pipeline/codes.py, pipeline/parse/region.py
    and its data files), which the parser version hashes: an unchanged version costs one look at
    the state table, not the ~0.5 s of building the gazetteer's frame again."""
    from pipeline.version import parser_version

    digest = f"parser:{parser_version()}"
    if get_state(con, "reference") == digest:
        codes_n, regions_n = con.execute(
            "select (select count(*) from staging.stg_codes), (select count(*) from staging.stg_regions)").fetchall()[0]
        return {"codes": codes_n, "regions": regions_n, "unchanged": True}
    code_rows = []
    for table, (rows, cols) in codes.TABLE_CODES.items():
        for axis, mapping in (("row", rows), ("col", cols)):
            code_rows += [(table, axis, code, label, i) for i, (code, label) in enumerate(mapping.items())]
    code_frame = pl.DataFrame(
        code_rows, schema=["table_name", "axis", "code", "label_zh", "sort_order"], orient="row"
    )
    regions = _region_frame()
    with transaction(con):
        con.execute("delete from staging.stg_codes")
        con.register("codes_frame", code_frame.to_arrow())
        con.execute("insert into staging.stg_codes by name select * from codes_frame")
        con.unregister("codes_frame")
        con.execute("delete from staging.stg_regions")
        if regions is not None and regions.height:
            con.register("regions_frame", regions.to_arrow())
            con.execute("insert into staging.stg_regions by name select * from regions_frame")
            con.unregister("regions_frame")
        set_state(con, "reference", digest)
    return {"codes": code_frame.height, "regions": 0 if regions is None else regions.height}


def _region_frame() -> pl.DataFrame | None:
    try:
        from pipeline.parse.region import region_table
    except ImportError:  # gazetteer module not present: dim_region stays empty, regions stay NULL
        return None
    return region_table()
