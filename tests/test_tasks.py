"""The worker module stays lean: a worker imports the extractors and the parser, never the writer's
libraries (DuckDB and polars alone cost ~66 MB and a third of a second per worker)."""
from __future__ import annotations

import subprocess
import sys
import zlib

from pipeline.tasks import extract_and_parse, reparse, run_job


def test_importing_the_worker_module_loads_no_duckdb_polars_pyarrow_or_dagster():
    code = ("import sys, pipeline.tasks; "
            "print(sorted(m for m in ('duckdb', 'polars', 'pyarrow', 'dagster') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_extract_and_parse_then_reparse_give_the_same_rows(tmp_path):
    text = "某县人民政府2020年政府信息公开工作年度报告\n本机关2020年收到政府信息公开申请3件。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    document, rows = extract_and_parse(str(tmp_path), "a.txt", "f" * 64, len(text.encode()), None, 10**6,
                                       "limits-x", "ev-1", "pv-1")
    assert document["status"] == "ok" and document["extractor_version"] == "ev-1" and document["limits"] is None
    assert zlib.decompress(document["content"])  # the packed document travels with the record
    again = reparse(document, "pv-2")
    for name, cols in rows.items():
        a, b = cols.rows(), again[name].rows()
        for row in a + b:
            row.pop("parsed_at", None)
            row.pop("parser_version", None)
        assert a == b, name
    assert again["stg_reports"].data["parser_version"] == ["pv-2"]
    assert run_job(document, "pv-2")[0] is None  # a re-parse keeps the stored document


def test_a_file_over_the_size_limit_is_quarantined_with_the_limits_then_in_force(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 100)
    document, rows = extract_and_parse(str(tmp_path), "big.txt", "e" * 64, 100, None, 10, "max_bytes=10", "ev", "pv")
    assert document["status"] == "quarantined" and "too large" in document["reason"]
    assert document["limits"] == "max_bytes=10"  # read again when the limits change
    assert rows["stg_reports"].data["parse_status"] == ["quarantined"]
    assert rows["stg_reports"].data["status_reason"] == [document["reason"]]
