"""PNG charts of the trends, drawn from the analytics views and written beside the warehouse.

Headless: figures are drawn with matplotlib's object API on the Agg canvas, never through pyplot,
so no display and no global state are touched. Labels are in English (the default fonts have no
Chinese glyphs). Each file is written to a temporary name and renamed into place, so an analyst
who has a chart open never sees half a file.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

TRENDS_PNG = "trends.png"
OUTCOME_MIX_PNG = "outcome_mix.png"
# Outcome groups of analytics.outcome_mix, in table order, with their legend labels and colours.
OUTCOME_GROUPS = {
    "granted": ("granted (yuyi gongkai)", "#2a9d8f"),
    "partially_granted": ("partially granted (bufen gongkai)", "#8ab17d"),
    "withheld": ("withheld (buyu gongkai)", "#e76f51"),
    "unavailable": ("unavailable (wufa tigong)", "#f4a261"),
    "rejected": ("not processed (buyu chuli)", "#9c6644"),
    "other": ("other (qita chuli)", "#adb5bd"),
}


def render_trends(con: duckdb.DuckDBPyConnection, out_dir: Path | str) -> list[Path]:
    """Write trends.png (requests received and disclosure rate by year) and outcome_mix.png
    (how requests were answered, by year) into out_dir; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        _save(_trends_figure(con), out / TRENDS_PNG),
        _save(_outcome_mix_figure(con), out / OUTCOME_MIX_PNG),
    ]


def _trends_figure(con: duckdb.DuckDBPyConnection) -> Figure:
    rows = con.execute(
        "select report_year, n_reports, received_new, received_new_reports, n_reports_rated, disclosure_rate "
        "from analytics.disclosure_rate_by_year order by report_year"
    ).fetchall()
    fig = Figure(figsize=(9, 6.5), dpi=110, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    fig.suptitle("Government information disclosure requests by report year")
    received = [(y, v, k, n) for y, n, v, k, _, _ in rows if v is not None]
    if not received:
        _no_data(top, "no report states how many requests it received")
    else:
        years = [y for y, *_ in received]
        bars = top.bar(years, [v for _, v, _, _ in received], color="#457b9d")
        top.bar_label(bars, labels=[f"{k}/{n}" for *_, k, n in received], fontsize=7, padding=2)
        top.set_ylabel("requests received\n(sum over reports that state it)")
        top.margins(y=0.15)
    rated = [(y, r, k) for y, _, _, _, k, r in rows if r is not None]
    if not rated:
        _no_data(bottom, "no report states granted, partially granted and handled")
    else:
        bottom.plot([y for y, _, _ in rated], [r for _, r, _ in rated], marker="o", color="#e63946")
        for y, r, k in rated:
            bottom.annotate(f"n={k}", (y, r), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
        bottom.set_ylim(0, 1.1)
        bottom.yaxis.set_major_formatter(PercentFormatter(1.0))
    bottom.set_ylabel("disclosure rate\n(granted + partial) / handled")
    bottom.set_xlabel("report year")
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in (top, bottom):
        ax.grid(axis="y", alpha=0.3)
    fig.supxlabel("bar labels: reports stating requests received / reports for the year;  "
                  "n: reports stating granted, partially granted and handled", fontsize=7, color="grey")
    return fig


def _outcome_mix_figure(con: duckdb.DuckDBPyConnection) -> Figure:
    rows = con.execute(
        "select report_year, outcome_group, sum(share), any_value(n_reports) "
        "from analytics.outcome_mix group by all order by report_year"
    ).fetchall()
    fig = Figure(figsize=(9, 5), dpi=110, layout="constrained")
    ax = fig.subplots()
    ax.set_title("How requests were answered (share of requests handled)")
    years = sorted({y for y, *_ in rows})
    if not years:
        _no_data(ax, "no report gives a complete table of outcomes")
        return fig
    share = {(y, g): s for y, g, s, _ in rows}
    n_reports = {y: n for y, _, _, n in rows}
    bottom = [0.0] * len(years)
    for group, (label, colour) in OUTCOME_GROUPS.items():
        heights = [share.get((y, group)) or 0.0 for y in years]
        ax.bar(years, heights, bottom=bottom, label=label, color=colour)
        bottom = [b + h for b, h in zip(bottom, heights)]
    for y, top in zip(years, bottom):
        ax.annotate(f"n={n_reports[y]}", (y, top), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=7)
    ax.set_ylim(0, 1.15)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("report year (n = reports with a complete outcome table)")
    handles, labels = ax.get_legend_handles_labels()  # legend top to bottom, as the bars stack
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig


def _no_data(ax, why: str) -> None:
    ax.text(0.5, 0.5, f"No data yet: {why}.", ha="center", va="center", transform=ax.transAxes, color="grey")
    ax.set_xticks([])
    ax.set_yticks([])


def _save(fig: Figure, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    FigureCanvasAgg(fig).print_png(str(tmp))
    os.replace(tmp, path)
    return path
