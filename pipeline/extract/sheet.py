"""Spreadsheets (`.xlsx`, `.xls`, `.ods`) → one grid per sheet, read by python-calamine (MIT).

Some agencies attach tables 二/三/四 as a workbook. Every sheet becomes one Grid (origin 'sheet')
holding its used range, and each non-empty row is also one Line (cells joined by tabs), so the
same table reader reads them. A merged region's value sits at its top-left cell in the file and
the cells it covers are empty: the grid convention as it is. Cell.row/Cell.col are the sheet's
own 0-based row and column, so a number can be found in the workbook.

Values are written as a person sees them in the cell where that is unambiguous: a whole number
stored as 12.0 is '12', other floats keep their shortest exact form, dates are ISO dates. A
workbook that cannot be opened (damaged, encrypted, not a workbook) is quarantined with the
reason; a zip that unpacks to more than `_MAX_UNPACKED` or a sheet past `MAX_CELLS` is refused.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from pipeline.extract.common import cell_text, row_line
from pipeline.model import Cell, Document, Grid, Line, Unreadable

MAX_CELLS = 2_000_000  # per workbook; a report's tables are a few hundred
_MAX_UNPACKED = 200_000_000  # bytes; as for DOCX, a zip bomb must not take the worker down
_NAMES = {"xlsx": "Excel workbook (.xlsx)", "xls": "Excel 97-2003 workbook (.xls)", "ods": "OpenDocument spreadsheet (.ods)"}


def extract_sheet(source_path: str, data: bytes, fmt: str) -> Document:
    from python_calamine import CalamineWorkbook

    what = _NAMES[fmt]
    if fmt in ("xlsx", "ods"):
        _check_zip(data, what)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - calamine raises its own types and ValueError for bad bytes
        raise Unreadable(f"damaged or unreadable {what}: {_describe(e)}") from None
    lines: list[Line] = []
    grids: list[Grid] = []
    cells = 0
    for name in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(name)
            start_row, start_col = sheet.start or (0, 0)
            rows = sheet.iter_rows()
            grid = Grid(rows=[], origin="sheet", table_no=len(grids) + 1)
            for r, values in enumerate(rows, start=start_row):
                cells += len(values)
                if cells > MAX_CELLS:
                    raise Unreadable(f"{what} has more than {MAX_CELLS:,} cells: not a report's tables")
                texts = [cell_text(_text(v)) for v in values]
                if not any(texts):
                    continue
                no = len(lines) + 1
                lines.append(Line(no, row_line(texts)))
                grid.rows.append([Cell(t, no, None, r, start_col + c) for c, t in enumerate(texts)])
        except Unreadable:
            raise
        except Exception as e:  # noqa: BLE001 - a damaged sheet inside an openable workbook
            raise Unreadable(f"damaged or unreadable {what}: sheet {name!r}: {_describe(e)}") from None
        if grid.rows:
            grids.append(grid)
    if not lines:
        raise Unreadable(f"{what} has no text")
    return Document(source_path=source_path, format=fmt, lines=lines, grids=grids)


def _text(v: object) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ") if v.time() != dt.time() else v.date().isoformat()
    if isinstance(v, (dt.date, dt.time, dt.timedelta)):
        return str(v)
    return str(v)


def _check_zip(data: bytes, what: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            bad = z.testzip()
    except Exception as e:  # noqa: BLE001 - zlib/CRC errors surface under several types
        raise Unreadable(f"damaged or truncated {what}: {_describe(e)}") from None
    if bad is not None:
        raise Unreadable(f"damaged or truncated {what}: bad CRC in {bad}")
    if unpacked > _MAX_UNPACKED:
        raise Unreadable(f"{what} unpacks to {unpacked / 1e6:.0f} MB, over the {_MAX_UNPACKED / 1e6:.0f} MB limit")


def _describe(e: Exception) -> str:
    msg = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__
