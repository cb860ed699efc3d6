"""`python -m pipeline.bench pdf`: PDFs per second, the way offices make them.

Generates N distinct reports as HTML with ruled tables (the bench's own HTML renderer: tables
二, 三 and 四 with merged group labels, prose around them), converts them with LibreOffice Writer
to PDF in one `soffice --headless` run (about 4 pages each), then times three readers over the
same files with one worker process per core:

- floor: pypdfium2 reading every character and its box, nothing else (no reader can be faster);
- fast: `pipeline.extract.pdf` as the build runs it (PDFium + own lattice, pdfplumber fallback);
- pdfplumber: the same extractor with every page read by pdfplumber (the reference path).

Every file must give the same Document both ways; the count of files that differ is reported
(and must be 0). Needs LibreOffice (`soffice`) and a CJK font (Debian: libreoffice-writer-nogui,
fonts-wqy-zenhei or fonts-noto-cjk).
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

from pipeline.bench import generator as gen
from pipeline.bench import render
from pipeline.bench.values import template_values

GENERATOR_VERSION = 2
_PADDING = 2  # prose paragraphs added after the tables: LibreOffice then lays out ~4 A4 pages


def make_html(seed: int, i: int) -> str:
    """Report i as an HTML page: a 2019 or 2021 template report with extra prose."""
    stride = gen._stride(seed, len(gen._AGENCIES) * len(gen.YEARS))
    k = i
    while True:  # the next spec with a table template (legacy reports have no tables)
        meta, lay = gen.spec(seed, k, stride)
        if meta["template"] in ("2019", "2021"):
            break
        k += 10_007
    nums = random.Random(f"{seed}/{i}/pdf")
    v = template_values(meta["template"], meta["level"], meta["agency_name"], nums)
    page = render.html_report(meta, v, lay, "utf-8")
    extra = [f"<p>{render.fill(nums.choice(render.FILLER), nums, meta['agency_name'], meta['province'], meta['report_year'])}</p>"
             for _ in range(_PADDING)]
    return page.replace("</div>\n<div class=\"footer\">", "\n".join(extra) + "\n</div>\n<div class=\"footer\">", 1)


def generate(n: int, seed: int, out: Path) -> list[Path]:
    """N PDFs under `out` (reused when already there for the same n, seed and generator)."""
    stamp = out / "manifest.json"
    want = {"n": n, "seed": seed, "version": GENERATOR_VERSION}
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        return sorted(out.glob("*.pdf"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("pdf bench needs LibreOffice (soffice) to make the PDFs: apt-get install libreoffice-writer-nogui")
    shutil.rmtree(out, ignore_errors=True)
    html_dir = out / "html"
    html_dir.mkdir(parents=True)
    for i in range(n):
        (html_dir / f"report-{i:05d}.html").write_text(make_html(seed, i), encoding="utf-8")
    profile = out / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile.resolve()}", "--headless", "--convert-to",
           "pdf:writer_web_pdf_Export", "--outdir", str(out), *sorted(str(p) for p in html_dir.glob("*.html"))]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60 * 60)
    shutil.rmtree(profile, ignore_errors=True)
    stamp.write_text(json.dumps(want))
    return sorted(out.glob("*.pdf"))


# --- the three readers, one file each --------------------------------------------------------

def _cpu(fn):
    """fn's result and the CPU seconds this process spent on it: on a machine shared with other
    jobs, wall time per file swings with their load while CPU time barely moves."""
    def timed(path: str):
        started = time.process_time()
        out = fn(path)
        return (*out, time.process_time() - started)
    timed.__name__ = fn.__name__
    return timed


def _char_floor(path: str) -> tuple[int, str]:
    """Every character and its box through pypdfium2: the least any PDF reader must do."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    pdf = pdfium.PdfDocument(Path(path).read_bytes())
    n_chars = 0
    rect = c.FS_RECTF()
    ref = ctypes.byref(rect)
    n_pages = len(pdf)
    for i in range(n_pages):
        page = c.FPDF_LoadPage(pdf.raw, i)
        tp = c.FPDFText_LoadPage(page)
        for k in range(c.FPDFText_CountChars(tp)):
            c.FPDFText_GetUnicode(tp, k)
            c.FPDFText_GetLooseCharBox(tp, k, ref)
            n_chars += 1
        c.FPDFText_ClosePage(tp)
        c.FPDF_ClosePage(page)
    pdf.close()
    return n_pages, str(n_chars)


def _read(path: str, engine: str) -> tuple[int, str]:
    from pipeline.extract.pdf import read_pdf

    doc, stats = read_pdf(Path(path).name, Path(path).read_bytes(), engine)
    digest = hashlib.sha256(json.dumps(doc.to_dict(), ensure_ascii=False).encode()).hexdigest()
    return stats.fast_pages, digest


def _fast(path: str) -> tuple[int, str]:
    return _read(path, "auto")


def _plumber(path: str) -> tuple[int, str]:
    return _read(path, "pdfplumber")


def char_floor(path: str) -> tuple:
    return _cpu(_char_floor)(path)


def fast(path: str) -> tuple:
    return _cpu(_fast)(path)


def plumber(path: str) -> tuple:
    return _cpu(_plumber)(path)


def _warm(_: int) -> None:
    import pdfplumber  # noqa: F401 - import cost is paid once per worker, not per file
    import pypdfium2  # noqa: F401

    import pipeline.extract.pdf  # noqa: F401


def time_mode(fn, files: list[Path], workers: int) -> tuple[float, list]:
    with get_context("forkserver").Pool(workers) as pool:
        pool.map(_warm, range(workers))
        started = time.perf_counter()
        results = pool.map(fn, [str(f) for f in files], chunksize=1)
        return time.perf_counter() - started, results


def run(n: int, seed: int, workdir: Path, workers: int) -> dict:
    started = time.perf_counter()
    files = generate(n, seed, workdir / f"pdf-{n}-s{seed}")
    made = time.perf_counter() - started
    from pipeline.extract.pdf import read_pdf

    pages = 0
    for f in files:
        pages += read_pdf(f.name, f.read_bytes())[1].pages
    out: dict = {"n": len(files), "seed": seed, "workers": workers, "pages": pages,
                 "generate_s": round(made, 1), "loadavg_1min_before": round(os.getloadavg()[0], 2)}
    digests = {}
    for name, fn in (("floor", char_floor), ("fast", fast), ("pdfplumber", plumber)):
        secs, res = time_mode(fn, files, workers)
        cpu = sum(r[2] for r in res)
        out[name] = {"seconds": round(secs, 2), "pdfs_per_s": round(len(files) / secs, 1),
                     "pages_per_s": round(pages / secs, 1), "cpu_ms_per_pdf": round(1000 * cpu / len(files), 1),
                     # what `workers` cores give when the machine is not shared: files / CPU time
                     "pdfs_per_s_from_cpu": round(workers * len(files) / cpu, 1)}
        digests[name] = [r[1] for r in res]
        if name == "fast":
            out[name]["pages_by_fast_path"] = sum(r[0] for r in res)
    out["fast_over_floor"] = round(out["fast"]["seconds"] / out["floor"]["seconds"], 1)
    out["fast_over_floor_cpu"] = round(out["fast"]["cpu_ms_per_pdf"] / out["floor"]["cpu_ms_per_pdf"], 1)
    out["pdfplumber_over_fast"] = round(out["pdfplumber"]["seconds"] / out["fast"]["seconds"], 1)
    out["files_differing_fast_vs_pdfplumber"] = sum(a != b for a, b in zip(digests["fast"], digests["pdfplumber"]))
    (workdir / f"results-pdf-{n}.json").write_text(json.dumps(out, indent=1))
    return out


def report(r: dict) -> str:
    rows = [f"{r['n']} PDFs, {r['pages']} pages, {r['workers']} worker processes "
            f"(load average before: {r['loadavg_1min_before']})"]
    for name in ("floor", "fast", "pdfplumber"):
        m = r[name]
        rows.append(f"  {name:<11} {m['seconds']:>7.2f} s  {m['pdfs_per_s']:>7.1f} PDFs/s  {m['pages_per_s']:>7.1f} pages/s"
                    f"  | CPU {m['cpu_ms_per_pdf']:>6.1f} ms/PDF = {m['pdfs_per_s_from_cpu']:>6.1f} PDFs/s on "
                    f"{r['workers']} free cores")
    rows.append(f"  fast path = {r['fast_over_floor']}× the char floor (CPU: {r['fast_over_floor_cpu']}×); pdfplumber = {r['pdfplumber_over_fast']}× the fast path; "
                f"pages read by the fast path {r['fast']['pages_by_fast_path']}/{r['pages']}; "
                f"files whose Document differs: {r['files_differing_fast_vs_pdfplumber']}")
    return "\n".join(rows)

