"""`python -m pipeline.bench pdf`: its report pages, its three readers, and (with LibreOffice) the
whole run on two generated PDFs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from pipeline.bench import pdf as bench

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "pdf" / "huaian-shi_2024.pdf"


def test_generated_page_has_ruled_tables_and_differs_per_report():
    a, b = bench.make_html(1, 0), bench.make_html(1, 1)
    assert a != b
    tables = lxml_html.fromstring(a.encode()).findall(".//table")
    assert len(tables) == 3 and all(t.get("border") == "1" for t in tables)
    assert "申请人情况" in a


def test_three_readers_on_a_real_pdf():
    pages, chars, cpu = bench.char_floor(str(SAMPLE))
    assert pages == 6 and int(chars) > 1000 and cpu > 0
    fast_pages, fast_digest, _ = bench.fast(str(SAMPLE))
    ref_pages, ref_digest, _ = bench.plumber(str(SAMPLE))
    assert fast_pages == 6 and ref_pages == 0  # every page by the fast path; none in reference mode
    assert fast_digest == ref_digest


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="needs LibreOffice")
def test_run_on_two_office_made_pdfs(tmp_path):
    result = bench.run(2, 1, tmp_path, workers=1)
    assert result["n"] == 2 and result["pages"] >= 2
    assert result["files_differing_fast_vs_pdfplumber"] == 0
    assert result["fast"]["pages_by_fast_path"] == result["pages"]
    assert "PDFs/s" in bench.report(result)
