"""`python -m pipeline export --to DIR`: the per-report view and the fact tables as files anyone
can open: CSV (UTF-8 with BOM, so Excel shows Chinese right), Parquet, and one Excel workbook
with Chinese column headers.

The workbook is written with xlsxwriter (BSD) through polars, not DuckDB's excel extension, which
downloads itself on first use and fails offline. Fact rows carry the printed label of their row
and column (marts.dim_code.label_path), so a sheet reads without the codebook.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.warehouse.db import connect

WORKBOOK = "disclosure_reports.xlsx"
EXCEL_MAX_ROWS = 1_048_575  # a sheet's rows below its header; longer tables go on continuation sheets


@dataclass(frozen=True)
class Export:
    name: str  # file stem
    sheet: str  # Excel sheet name (at most 31 characters)
    sql: str


def _fact(table: str, row: str, col: str, label_table: str) -> str:
    return f"""
        select f.*, r.label_path as row_label_zh, c.label_path as col_label_zh
        from marts.{table} f
        left join marts.dim_code r on r.table_name = '{label_table}' and r.axis = 'row' and r.code = f.{row}
        left join marts.dim_code c on c.table_name = '{label_table}' and c.axis = 'col' and c.code = f.{col}
        order by f.report_id, r.sort_order, c.sort_order"""


EXPORTS = (
    Export("reports", "报告", "select * from analytics.reports"),
    Export("fct_requests", "表三 申请办理", _fact("fct_requests", "outcome", "applicant_type", "requests")),
    Export("fct_review_litigation", "表四 复议诉讼",
           _fact("fct_review_litigation", "proceeding", "result", "review_litigation")),
    Export("fct_active_disclosure", "表二 主动公开",
           _fact("fct_active_disclosure", "item", "measure", "active_disclosure")),
)

# Chinese column headers of the workbook; a column missing here keeps its English name.
HEADERS_ZH = {
    "report_id": "报告编号", "source_path": "文件", "source_url": "来源网址", "title": "标题",
    "agency_name": "报告单位（原文）", "agency_name_latest": "报告单位（最新名称）", "agency_id": "单位编号",
    "agency_sector": "系统", "region_code": "行政区划代码", "region_name": "行政区划", "region_level": "区划级别",
    "province_code": "省级代码", "province_name": "省", "prefecture_code": "地级代码", "prefecture_name": "市",
    "county_code": "县级代码", "county_name": "县（区）", "report_year": "统计年度", "template": "模板",
    "format": "文件格式", "parse_status": "读取状态", "quarantine_reason": "隔离原因", "is_primary": "主报告",
    "received_new": "本年新收申请", "granted": "予以公开", "partially_granted": "部分公开",
    "handled_total": "办理总计", "share_granted": "予以公开占比", "disclosure_rate": "公开率（含部分公开）",
    "not_held": "本机关不掌握（信息不存在）", "reviews": "行政复议（件）", "lawsuits": "行政诉讼（件）",
    "text_states_zero": "表格空白但正文称无申请", "check_status": "勾稽关系",
    "n_checks_passed": "勾稽通过数", "n_checks_incomplete": "勾稽无法校验数", "n_source_errors": "报告自身错误数",
    "n_parse_errors": "疑似读取错误数", "cells_expected": "应有单元格", "cells_read": "已读单元格",
    "cells_with_number": "有数字的单元格", "share_cells_read": "单元格读取率", "share_cells_with_number": "有数字占比",
    "requests_share_read": "表三读取率", "review_share_read": "表四读取率", "disclosure_share_read": "表二读取率",
    "n_parse_issues": "解析问题数",
    "outcome": "办理结果（代码）", "applicant_type": "申请人（代码）", "requests": "申请数",
    "proceeding": "程序（代码）", "result": "结果（代码）", "cases": "案件数",
    "item": "事项（代码）", "measure": "指标（代码）", "value": "数值", "unit": "单位",
    "raw_text": "原文", "source_line": "行号", "source_page": "页码", "source_box": "位置框（扫描件，磅）", "method": "读取方式", "note": "备注",
    "row_label_zh": "行（表中标签）", "col_label_zh": "列（表中标签）",
}


def export(warehouse: Path, out_dir: Path) -> list[Path]:
    """Write every export as CSV and Parquet, and all of them into one workbook; return the paths."""
    import xlsxwriter

    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(warehouse, read_only=True)
    written: list[Path] = []
    try:
        frames = {e.name: pl.from_arrow(con.sql(e.sql).to_arrow_table()) for e in EXPORTS}
        comments = dict(((t, c), d) for t, c, d in con.execute(
            "select table_name, column_name, comment from duckdb_columns() "
            "where schema_name in ('analytics', 'marts')").fetchall())
    finally:
        con.close()
    for e in EXPORTS:
        frame = frames[e.name]
        written.append(_atomic(out_dir / f"{e.name}.csv", lambda p, f=_flat(frame): f.write_csv(p, include_bom=True)))
        written.append(_atomic(out_dir / f"{e.name}.parquet", lambda p, f=frame: f.write_parquet(p)))

    def workbook(path: Path) -> None:
        with xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False}) as wb:
            for e in EXPORTS:
                frame = _excel_ready(frames[e.name]).rename(_zh_headers(frames[e.name].columns))
                parts = range(0, max(frame.height, 1), EXCEL_MAX_ROWS)
                for i, start in enumerate(parts):
                    sheet = e.sheet if i == 0 else f"{e.sheet} ({i + 1})"
                    frame.slice(start, EXCEL_MAX_ROWS).write_excel(
                        workbook=wb, worksheet=sheet, autofit=frame.height < 10_000, freeze_panes=(1, 0),
                        table_style=None, float_precision=4)
            _column_sheet(wb, frames, comments)

    written.append(_atomic(out_dir / WORKBOOK, workbook))
    return written


def _zh_headers(columns: list[str]) -> dict[str, str]:
    return {c: HEADERS_ZH.get(c, c) for c in columns}


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV and Excel cells hold text, numbers and booleans: a list (an OCR'd cell's box) becomes
    its items joined by commas; Parquet keeps it a list."""
    return frame.with_columns(
        pl.col(c).cast(pl.List(pl.String)).list.join(",") for c, t in frame.schema.items() if isinstance(t, pl.List)
    )


def _excel_ready(frame: pl.DataFrame) -> pl.DataFrame:
    frame = _flat(frame)
    return frame.with_columns(
        pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t.is_nested() or t == pl.Binary
    )


def _column_sheet(wb, frames: dict[str, pl.DataFrame], comments: dict) -> None:
    """A 说明 sheet: every column's Chinese header, its name in the warehouse and its comment."""
    sheet = wb.add_worksheet("说明 columns")
    bold = wb.add_format({"bold": True})
    for col, text in enumerate(("表 sheet", "列 header", "列名 column", "说明 comment")):
        sheet.write(0, col, text, bold)
    row = 1
    source = {"reports": "reports", "fct_requests": "fct_requests",
              "fct_review_litigation": "fct_review_litigation", "fct_active_disclosure": "fct_active_disclosure"}
    for e in EXPORTS:
        for c in frames[e.name].columns:
            comment = comments.get((source[e.name], c)) or (
                "The printed label (with its headings) of the row or column code: marts.dim_code.label_path."
                if c.endswith("_label_zh") else "")
            sheet.write_row(row, 0, (e.sheet, HEADERS_ZH.get(c, c), c, comment))
            row += 1
    sheet.set_column(0, 2, 22)
    sheet.set_column(3, 3, 100)


def _atomic(path: Path, write) -> Path:
    """Write to a temporary name and rename: a reader never opens half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
