"""How the build scales: reports/s from scratch with 1 and with 2 worker processes on one machine,
the serial part (the merge into DuckDB, the SQL layers, publishing: what one machine must still do
after the folders are built elsewhere), and what N machines would give by those figures.

The folder steps are independent (each reads its files, writes its own Parquet), so on N machines
they take the 2-worker folder time divided by N (an upper bound on speed: it assumes folders of
even size and a shared volume that keeps up); the merge stays serial. That is Amdahl's law with
the serial part measured, not assumed:

    T(N) = serial + (T_2 - serial) / N,   reports/s = n / T(N)
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.bench.run import REPO, ensure_corpus, run_build


def run(n: int, seed: int, workdir: Path, code: Path = REPO, machines=(1, 2, 4, 8, 16, 32), echo=print) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    corpus, _ = ensure_corpus(n, seed, workdir)
    out: dict = {"n": n, "seed": seed, "corpus": str(corpus)}
    for workers in (1, 2):
        whdir = workdir / f"scale-{n}-w{workers}"
        shutil.rmtree(whdir, ignore_errors=True)
        whdir.mkdir(parents=True)
        b = run_build(corpus, whdir / "warehouse.duckdb", whdir / "build.log", ["--workers", str(workers)], code)
        b["reports_per_s"] = round(n / b["seconds"], 1)
        out[f"workers_{workers}"] = b
        echo(f"[N={n}] {workers} worker process{'es' if workers > 1 else ''}: {b['seconds']:.1f}s, "
             f"{b['reports_per_s']:.0f} reports/s, exit {b['exit_code']}")
    # The serial part: every folder's Parquet already built, the DuckDB files gone.
    whdir = workdir / f"scale-{n}-w2"
    for p in [whdir / "warehouse.duckdb", *whdir.glob(".work*"), *(whdir / ".work").glob("*")]:
        if p.is_file():
            p.unlink()
    b = run_build(corpus, whdir / "warehouse.duckdb", whdir / "merge-only.log", ["--workers", "2"], code)
    out["serial"] = b
    echo(f"[N={n}] merge, SQL layers and publish with every folder built: {b['seconds']:.1f}s")
    t2, serial = out["workers_2"]["seconds"], min(b["seconds"], out["workers_2"]["seconds"])
    out["projection"] = {str(m): round(n / (serial + (t2 - serial) / m), 1) for m in machines}
    (workdir / f"results-scale-{n}.json").write_text(json.dumps(out, indent=1, ensure_ascii=False))
    return out


def report(r: dict) -> str:
    w1, w2, serial = r["workers_1"], r["workers_2"], r["serial"]
    lines = [
        f"N={r['n']:,} generated reports, from scratch:",
        f"  1 worker process:  {w1['seconds']:.1f} s = {w1['reports_per_s']:.0f} reports/s",
        f"  2 worker processes: {w2['seconds']:.1f} s = {w2['reports_per_s']:.0f} reports/s "
        f"(x{w1['seconds'] / w2['seconds']:.2f})",
        f"  serial part (merge, SQL layers, publish; folders already built): {serial['seconds']:.1f} s",
        "  projected for N 2-core machines building folders at once (T = serial + (T_2 - serial) / N):",
    ]
    lines += [f"    N={m:>2}: {v:,.0f} reports/s" for m, v in r["projection"].items()]
    return "\n".join(lines)
