"""End to end through the warehouse: how each fact was placed (method) and per-table reading
completeness (marts.fct_table_reads), over two small reports written for this test."""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.cli import main as cli_main
from test_tables_real_shapes import MD_HEAD, ORDER, REVIEW, T3, md

HEAD = (
    "{name}2021年政府信息公开工作年度报告\n"
    "一、总体情况\n本年度本机关认真贯彻落实政府信息公开条例，依法依规做好政府信息公开工作，现将有关情况报告如下。\n"
    "本年度未发生政府信息公开行政复议、行政诉讼案件，本机关将继续严格依法依规办理政府信息公开申请。\n"
    "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n行政规范性文件\t2\t0\t5\n"
)
# Report A: table 三 without labels (placed by order); table 四 printed with its header cells
# scattered so that no value row can be placed: prose must not fill it.
REPORT_A = HEAD.format(name="东山县自然资源局") + MD_HEAD + "\n".join(md(T3[c]) for c in ORDER) + "\n" + (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
    "3 1 0 1 5 2 0 0 1\n"
    "五、存在的主要问题及改进情况\n本机关存在的问题主要是信息公开的及时性还有待提高，下一步将加强培训和督促检查。\n"
)
# Report B: the same table 三 one row off (first row lost, a stray row at the end): refused.
REPORT_B = HEAD.format(name="西山县自然资源局") + MD_HEAD + "\n".join(
    md(v) for v in [T3[c] for c in ORDER[1:]] + [[5, 0, 0, 0, 0, 0, 5]]) + "\n" + (
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    + "\t".join(map(str, REVIEW)) + "\n"
)


def test_methods_and_table_reads_in_the_marts(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "dongshan_2021.txt").write_text(REPORT_A, encoding="utf-8")
    (raw / "xishan_2021.txt").write_text(REPORT_B, encoding="utf-8")
    wh = tmp_path / "wh" / "warehouse.duckdb"
    assert cli_main(["build", "--raw-dir", str(raw), "--warehouse", str(wh), "--quiet"]) == 0
    con = duckdb.connect(str(wh), read_only=True)
    try:
        reads = {(p.split("_")[0], t): (e, lo, b, u, s) for p, t, e, lo, b, u, s in con.execute(
            "select r.source_path, t.table_name, cells_expected, cells_loaded, cells_blank, cells_unread, t.status "
            "from marts.fct_table_reads t join marts.dim_report r using (report_id)").fetchall()}
        methods = dict(con.execute(
            "select r.source_path, string_agg(distinct f.method, ',') from marts.fct_requests f "
            "join marts.dim_report r using (report_id) group by 1").fetchall())
        review = con.execute("select count(*) from marts.fct_review_litigation f join marts.dim_report r "
                             "using (report_id) where r.source_path like 'dongshan%'").fetchall()[0][0]
        issues = {k for (k,) in con.execute("select kind from marts.parse_issues").fetchall()}
        comments = con.execute(
            "select count(*), count(comment) from duckdb_columns() where table_name in ('fct_table_reads', 'stg_table_reads')"
        ).fetchall()[0]
        table_comment = con.execute("select comment from duckdb_tables() where table_name = 'fct_table_reads'").fetchall()
    finally:
        con.close()
    assert reads[("dongshan", "requests")] == (175, 175, 0, 0, "complete")
    assert reads[("dongshan", "review_litigation")] == (15, 0, 0, 15, "not_read")
    assert reads[("dongshan", "active_disclosure")][1] == 6
    assert reads[("xishan", "requests")] == (175, 0, 0, 175, "not_read")
    assert reads[("xishan", "review_litigation")] == (15, 15, 0, 0, "complete")
    assert methods == {"dongshan_2021.txt": "order_certified"}
    assert review == 0  # the prose's "no review or lawsuit" never fills a printed table
    assert {"table_not_certified", "unplaced_row"} <= issues
    assert comments[0] == comments[1] == 16 and table_comment[0][0]
