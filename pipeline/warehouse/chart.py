"""PNG charts of the trends, drawn from the analytics views and written beside the warehouse.

Like with like: a year's point is the median over the reports of that year (each primary report
weighs the same), never a sum over whichever reports happen to be in the warehouse, and every
point says how many reports it rests on (n). The outcome mix pools only reports that give the
complete breakdown, and says how many. Every year with data gets its own tick.

Headless: figures are drawn with matplotlib's object API on the Agg canvas, never through pyplot.
Labels are Chinese when a CJK font is installed (Debian: `apt-get install fonts-noto-cjk`), English
otherwise (the default fonts have no Chinese glyphs; boxes would be worse than English). Each file
is written to a temporary name and renamed into place, so an analyst who has a chart open never
sees half a file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

TRENDS_PNG = "trends.png"
OUTCOME_MIX_PNG = "outcome_mix.png"
# Families that carry the Chinese glyphs, in order of preference.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei", "PingFang SC")

TEXT = {
    "en": {
        "trends_title": "Information-disclosure requests: the typical report, by report year",
        "received": "requests received\n(median per report)",
        "rate": "disclosure rate\n(median per report)",
        "year": "report year",
        "trends_note": "Each point is the median over the year's reports that state the number (one report per agency); "
                       "n = reports it rests on / reports of the year.",
        "no_received": "no report states how many requests it received",
        "no_rate": "no report states granted, partially granted and handled",
        "mix_title": "How requests were answered (share of requests handled)",
        "mix_note": "Pooled over the reports with a complete outcome table; n = how many reports a year rests on.",
        "no_mix": "no report gives a complete table of outcomes",
        "no_data": "No data yet: {why}.",
        "groups": {"granted": "granted", "partially_granted": "partially granted", "withheld": "withheld",
                   "unavailable": "unavailable", "rejected": "not processed", "other": "other"},
    },
    "zh": {
        "trends_title": "政府信息公开申请：典型报告（按统计年度）",
        "received": "本年新收申请\n（每份报告的中位数）",
        "rate": "公开率（予以公开+部分公开）/总计\n（每份报告的中位数）",
        "year": "统计年度",
        "trends_note": "每个点是当年载明该数字的报告的中位数（每个单位一份报告）；n = 所依据的报告数/当年报告数。",
        "no_received": "没有报告载明收到的申请数",
        "no_rate": "没有报告同时载明予以公开、部分公开和总计",
        "mix_title": "申请的办理结果（占办理总数的比例）",
        "mix_note": "仅汇总办理结果完整的报告；n = 当年所依据的报告数。",
        "no_mix": "没有报告给出完整的办理结果",
        "no_data": "暂无数据：{why}。",
        "groups": {"granted": "予以公开", "partially_granted": "部分公开", "withheld": "不予公开",
                   "unavailable": "无法提供", "rejected": "不予处理", "other": "其他处理"},
    },
}
# Outcome groups of analytics.outcome_mix, in table order, with their colours.
OUTCOME_COLOURS = {
    "granted": "#2a9d8f", "partially_granted": "#8ab17d", "withheld": "#e76f51",
    "unavailable": "#f4a261", "rejected": "#9c6644", "other": "#adb5bd",
}


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    n: int  # reports the value rests on
    of: int  # primary reports of the year: n < of means some reports do not state the number


def received_points(con: duckdb.DuckDBPyConnection) -> list[Point]:
    """Median requests received per primary report, by year, over the reports that state it."""
    return [Point(y, float(v), n, of) for y, v, n, of in con.execute(
        "select report_year, median(received_new), count(received_new), count(*) from analytics.report_requests "
        "where is_primary and report_year is not null "
        "group by report_year having count(received_new) > 0 order by report_year").fetchall()]


def rate_points(con: duckdb.DuckDBPyConnection) -> list[Point]:
    """Median of the primary reports' own disclosure rates, by year (analytics.disclosure_rate_by_year)."""
    return [Point(y, float(v), n, of) for y, v, n, of in con.execute(
        "select report_year, median_report_rate, n_reports_rated, n_reports from analytics.disclosure_rate_by_year "
        "where n_reports_rated > 0 order by report_year").fetchall()]


def mix_points(con: duckdb.DuckDBPyConnection) -> tuple[dict[tuple[int, str], float], dict[int, int]]:
    """(year, outcome group) → share of requests handled, and year → reports the year rests on."""
    rows = con.execute(
        "select report_year, outcome_group, sum(share), any_value(n_reports) "
        "from analytics.outcome_mix group by all order by report_year").fetchall()
    return {(y, g): float(s or 0) for y, g, s, _ in rows}, {y: n for y, _, _, n in rows}


@cache
def cjk_family() -> str | None:
    """An installed font family with Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FAMILIES if f in installed), None)


def render_trends(con: duckdb.DuckDBPyConnection, out_dir: Path | str, lang: str | None = None) -> list[Path]:
    """Write trends.png (typical requests received and disclosure rate by year) and
    outcome_mix.png (how requests were answered, by year) into out_dir; return their paths.
    lang: 'zh' or 'en'; by default Chinese when a CJK font is installed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    family = cjk_family()
    lang = lang or ("zh" if family else "en")
    rc = {"font.family": [family, "DejaVu Sans"]} if (lang == "zh" and family) else {}
    with matplotlib.rc_context(rc):
        return [
            _save(trends_figure(con, TEXT[lang]), out / TRENDS_PNG),
            _save(outcome_mix_figure(con, TEXT[lang]), out / OUTCOME_MIX_PNG),
        ]


def trends_figure(con: duckdb.DuckDBPyConnection, text: dict = TEXT["en"]) -> Figure:
    received, rated = received_points(con), rate_points(con)
    fig = Figure(figsize=(9, 6.5), dpi=110, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    fig.suptitle(text["trends_title"])
    if not received:
        _no_data(top, text, text["no_received"])
    else:
        bars = top.bar([p.year for p in received], [p.value for p in received], color="#457b9d")
        top.bar_label(bars, labels=[f"{p.value:g}\nn={p.n}/{p.of}" for p in received], fontsize=7, padding=2)
        top.margins(y=0.25)
    top.set_ylabel(text["received"])
    if not rated:
        _no_data(bottom, text, text["no_rate"])
    else:
        bottom.plot([p.year for p in rated], [p.value for p in rated], marker="o", color="#e63946")
        for p in rated:
            bottom.annotate(f"n={p.n}/{p.of}", (p.year, p.value), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize=7)
        bottom.set_ylim(0, 1.15)
        bottom.yaxis.set_major_formatter(PercentFormatter(1.0))
    bottom.set_ylabel(text["rate"])
    bottom.set_xlabel(text["year"])
    years = sorted({p.year for p in received} | {p.year for p in rated})
    if years:
        bottom.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
    for ax in (top, bottom):
        ax.grid(axis="y", alpha=0.3)
    fig.supxlabel(text["trends_note"], fontsize=7, color="grey")
    return fig


def outcome_mix_figure(con: duckdb.DuckDBPyConnection, text: dict = TEXT["en"]) -> Figure:
    share, n_reports = mix_points(con)
    fig = Figure(figsize=(9, 5), dpi=110, layout="constrained")
    ax = fig.subplots()
    ax.set_title(text["mix_title"])
    years = sorted(n_reports)
    if not years:
        _no_data(ax, text, text["no_mix"])
        return fig
    bottom = [0.0] * len(years)
    for group, colour in OUTCOME_COLOURS.items():
        heights = [share.get((y, group), 0.0) for y in years]
        ax.bar(years, heights, bottom=bottom, label=text["groups"][group], color=colour)
        bottom = [b + h for b, h in zip(bottom, heights)]
    for y, top in zip(years, bottom):
        ax.annotate(f"n={n_reports[y]}", (y, top), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=7)
    ax.set_ylim(0, 1.15)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
    ax.set_xlabel(text["year"])
    handles, labels = ax.get_legend_handles_labels()  # legend top to bottom, as the bars stack
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.supxlabel(text["mix_note"], fontsize=7, color="grey")
    return fig


def _no_data(ax, text: dict, why: str) -> None:
    ax.text(0.5, 0.5, text["no_data"].format(why=why), ha="center", va="center", transform=ax.transAxes, color="grey")
    ax.set_xticks([])
    ax.set_yticks([])


def _save(fig: Figure, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    FigureCanvasAgg(fig).print_png(str(tmp))
    os.replace(tmp, path)
    return path
