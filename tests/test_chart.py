"""The trend charts are real PNG files, drawn from the analytics views of a small fixture warehouse."""
from __future__ import annotations

import struct
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.chart import render_trends
from pipeline.warehouse.db import connect
from pipeline.warehouse.sqlfiles import apply_ddl, run_models
from test_analytics import load_fixture_warehouse

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    assert data[-8:-4] == b"IEND"  # written to the end, not cut short
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def fixture_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse" / "warehouse.duckdb"
    path.parent.mkdir()
    con = connect(path)
    load_fixture_warehouse(con)
    con.close()
    return path


def test_render_trends_writes_pngs_beside_the_warehouse(fixture_warehouse: Path):
    con = connect(fixture_warehouse, read_only=True)  # the way the trend_chart asset calls it
    try:
        paths = render_trends(con, fixture_warehouse.parent)
    finally:
        con.close()
    assert [p.name for p in paths] == ["trends.png", "outcome_mix.png"]
    for p in paths:
        assert p.parent == fixture_warehouse.parent
        width, height = png_size(p)
        assert 600 <= width <= 2000 and 400 <= height <= 1500, (p.name, width, height)
        assert 15_000 < p.stat().st_size < 500_000, (p.name, p.stat().st_size)
    assert not list(fixture_warehouse.parent.glob(".*.tmp"))


def test_render_trends_on_an_empty_warehouse_still_writes_charts(tmp_path: Path):
    con = duckdb.connect()
    apply_ddl(con)
    run_models(con)
    paths = render_trends(con, tmp_path / "out")
    assert [p.name for p in paths] == ["trends.png", "outcome_mix.png"]
    assert all(png_size(p) and p.stat().st_size > 5_000 for p in paths)


def test_render_trends_replaces_an_earlier_chart(fixture_warehouse: Path):
    con = connect(fixture_warehouse, read_only=True)
    try:
        first = render_trends(con, fixture_warehouse.parent)[0].read_bytes()
        second = render_trends(con, fixture_warehouse.parent)[0].read_bytes()
    finally:
        con.close()
    assert png_size(fixture_warehouse.parent / "trends.png")
    assert len(first) == len(second)
