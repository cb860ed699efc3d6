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


# ------------------------------------------------------------------ research: like with like, counted
@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """The fixture warehouse built once for the read-only tests below."""
    path = tmp_path_factory.mktemp("charts") / "warehouse.duckdb"
    con = connect(path)
    load_fixture_warehouse(con)
    con.close()
    return path


def test_each_point_is_a_per_report_median_with_the_reports_it_rests_on(built_once: Path):
    from pipeline.warehouse.chart import Point, mix_points, rate_points, received_points

    con = connect(built_once, read_only=True)
    try:
        received, rated, (_, mix_n) = received_points(con), rate_points(con), mix_points(con)
    finally:
        con.close()
    # primary reports only (the mirror copy b2021m with 999 is not counted); hand-computed medians
    assert received == [
        Point(2017, 3.0, 1, 1),
        Point(2018, 2.5, 2, 2),     # 5 and 0
        Point(2019, 25.0, 2, 2),    # 10 and 40
        Point(2020, 16.0, 2, 2),    # 20 and 12
        Point(2021, 18.5, 4, 4),    # 2, 7, 30, 50
    ]
    # e2020 gives no outcomes: 2020's rate rests on one of two reports, and says so
    assert [(p.year, p.n, p.of) for p in rated] == [(2019, 2, 2), (2020, 1, 2), (2021, 2, 4)]
    assert rated[0].value == 0.6806  # median of 0.6667 and 0.6944
    assert all(n >= 1 for n in mix_n.values())


def test_the_chart_labels_every_year_and_every_count(built_once: Path):
    from pipeline.warehouse.chart import TEXT, received_points, trends_figure

    con = connect(built_once, read_only=True)
    try:
        fig = trends_figure(con, TEXT["en"])
        points = received_points(con)
    finally:
        con.close()
    top, bottom = fig.axes
    ticks = [t.get_text() for t in bottom.get_xticklabels()]
    assert ticks == ["2017", "2018", "2019", "2020", "2021"]
    bar_labels = [t.get_text() for t in top.texts]
    assert [label.split("\n")[1] for label in bar_labels] == [f"n={p.n}/{p.of}" for p in points]
    assert [t.get_text() for t in bottom.texts] == ["n=2/2", "n=1/2", "n=2/4"]


def test_labels_fall_back_to_english_without_a_cjk_font(tmp_path: Path, built_once: Path, monkeypatch):
    from pipeline.warehouse import chart

    monkeypatch.setattr(chart, "cjk_family", lambda: None)
    con = connect(built_once, read_only=True)
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph would warn: none may be drawn
            paths = chart.render_trends(con, tmp_path)
    finally:
        con.close()
    assert all(png_size(p) for p in paths)
    assert set(chart.TEXT["zh"]) == set(chart.TEXT["en"])  # every label has its Chinese twin
