"""Notes read from a report's text that no fact carries.

text_states_zero: table 三 prints 一、本年新收 blank (NULL: the printed table wins, and a blank is
never 0), while the prose says the agency had no requests at all (2019年，我局无依申请公开办理情况).
The number stays NULL; the report gets the note, with the line, so a reader can tell "unknown"
from "blank, and the text says none" (marts.dim_report.text_states_zero).

Self-contained on purpose: the prose reader (pipeline.parse.prose) turns such sentences into
zeros only for reports that print no table, and it may change; this rule only flags. Only reports
whose received_new total is not known are read, once per parse.
"""
from __future__ import annotations

import re

import duckdb
import polars as pl

from pipeline.tasks import unpack
from pipeline.warehouse.merge import parquet_scan
from pipeline.warehouse.staging_store import StagingStore

NOTE = "text_states_zero"
CHECKED = "text_checked"  # read, nothing stated: not read again until the report is parsed again

_NEG = r"(?:没有|未曾|未|无|尚无|均无|不涉及|未发生|未有)"
# Another kind of application or business: 未收到行政复议申请 is about table 四, not table 三.
_OTHER = r"(?!复议|诉讼|起诉|提案|建议|投诉|信访|举报|收费)"
_STATES_NONE = [
    # 未收到(公民、法人或其他组织提出的)政府信息公开申请
    re.compile(rf"{_NEG}(?:收到|接到|受理|接收)(?:到|过)?(?:任何)?(?:{_OTHER}[^，。；]){{0,24}}?(?:政府)?信息公开(?:的)?申请"),
    # 无依申请公开(办理情况/事项), 不涉及政府信息公开申请 — not 无依申请公开收费
    re.compile(rf"{_NEG}(?:涉及)?(?:依申请公开|政府信息公开申请|信息公开申请)(?![^。，；]{{0,6}}费)"),
    # 依申请公开数量为0 / 为零
    re.compile(r"(?:依申请公开|信息公开申请)[^。，；]{0,8}?(?:数量|件数)?(?:为|是)(?:零|0)(?:件|个|宗)?(?![0-9])"),
]


def states_no_requests(text: str) -> bool:
    """Whether a sentence says the agency received no information-disclosure requests."""
    compact = re.sub(r"\s+", "", text)
    return any(rx.search(compact) for rx in _STATES_NONE)


def note_reports(con: duckdb.DuckDBPyConnection, store: StagingStore) -> dict:
    """Read the text of every report whose received_new total is unknown and not yet read for its
    current parse; store text_states_zero (with the line) or the text_checked marker. The text
    is the extracted document kept in the staging Parquet (raw.documents holds no content)."""
    con.execute(
        "delete from staging.stg_report_notes n where not exists (select 1 from staging.stg_reports r "
        "where r.report_id = n.report_id and r.parsed_at = n.parsed_at)"
    )
    todo = con.execute(
        """
        select r.report_id, r.parsed_at, r.source_path, r.sha256
        from staging.stg_reports r
        join raw.documents d on d.source_path = r.source_path and d.sha256 is not distinct from r.sha256
        where r.parse_status <> 'quarantined' and d.status = 'ok'
          and not exists (select 1 from staging.stg_facts f
                          where f.report_id = r.report_id and f.table_name = 'requests'
                            and f.row_code = 'received_new' and f.col_code = 'total' and f.value is not null)
          and not exists (select 1 from staging.stg_report_notes n where n.report_id = r.report_id)
        """
    ).fetchall()
    contents = _contents(con, store, [(path, sha) for _, _, path, sha in todo]) if todo else {}
    todo = [(rid, parsed_at, contents.get((path, sha))) for rid, parsed_at, path, sha in todo]
    todo = [t for t in todo if t[2] is not None]
    rows = []
    for rid, parsed_at, content in todo:
        found = _statement(unpack(content).lines)
        if found:
            line = found
            rows.append((rid, parsed_at, NOTE, line.no, line.page, line.text.strip()[:500]))
        else:
            rows.append((rid, parsed_at, CHECKED, None, None, None))
    if rows:
        frame = pl.DataFrame(rows, orient="row", schema={
            "report_id": pl.String, "parsed_at": pl.Datetime("us"), "note": pl.String,
            "source_line": pl.Int32, "source_page": pl.Int32, "text": pl.String})
        con.register("notes_batch", frame.to_arrow())
        con.execute("insert into staging.stg_report_notes by name select * from notes_batch")
        con.unregister("notes_batch")
    return {"read": len(todo), "text_states_zero": sum(1 for r in rows if r[2] == NOTE)}


def _contents(con: duckdb.DuckDBPyConnection, store: StagingStore, wanted: list[tuple]) -> dict[tuple, bytes]:
    """(source_path, sha256) → the stored document's content, for the wanted ones."""
    files = store.files("documents")
    if not files:
        return {}
    rows = con.execute(
        f"select source_path, sha256, content from {parquet_scan(files)} "
        "where content is not null and source_path in (select unnest(?::varchar[]))",
        [[p for p, _ in wanted]],
    ).fetchall()
    keys = set(wanted)
    return {(p, s): c for p, s, c in rows if (p, s) in keys}


def _statement(lines):
    """The first line stating no requests; a sentence wrapped onto the next line counts too."""
    for i, line in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if states_no_requests(line.text) or (states_no_requests(line.text + nxt) and not states_no_requests(nxt)):
            return line
    return None
