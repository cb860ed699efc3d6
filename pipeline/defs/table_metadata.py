"""Standard Dagster metadata for a DuckDB table: row count, column schema, a markdown preview."""
from __future__ import annotations

import dagster as dg
import duckdb
import polars as pl

PREVIEW_ROWS = 10


def table_metadata(con: duckdb.DuckDBPyConnection, name: str, preview: bool = True) -> dict:
    schema, table = name.split(".")
    cols = con.execute(
        "select column_name, data_type, comment from duckdb_columns() "
        "where schema_name = ? and table_name = ? order by column_index",
        [schema, table],
    ).fetchall()
    meta = {
        "dagster/row_count": con.execute(f"select count(*) from {name}").fetchall()[0][0],
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(c, t, description=d) for c, t, d in cols]
        ),
        "dagster/table_name": name,
    }
    if preview:
        meta["preview"] = dg.MetadataValue.md(markdown_preview(con, name))
    return meta


def markdown_preview(con: duckdb.DuckDBPyConnection, name: str) -> str:
    frame = con.sql(f"select * from {name} limit {PREVIEW_ROWS}").pl()
    # Long text (JSON content, notes) would swamp the preview: clip it.
    frame = frame.with_columns(
        pl.col(c).cast(pl.String).str.slice(0, 60) for c, t in frame.schema.items() if t == pl.String
    )
    with pl.Config(tbl_formatting="MARKDOWN", tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True,
                   tbl_rows=PREVIEW_ROWS, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=10_000):
        return str(frame)
