"""python -m pipeline.bench {generate,run,score,pdf,scale}: see `--help` of each."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from pipeline.bench import generator as gen
from pipeline.bench.run import DEFAULT_WORKDIR, REPO, bench_one, changed_truth_path, snapshot_code, table
from pipeline.bench.score import score, summary_line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write a synthetic corpus and its truth (OUT.truth.parquet)")
    g.add_argument("--n", type=int, required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--out", type=Path, required=True, help="corpus folder (replaced if it exists)")
    g.add_argument("--workers", type=int, default=0, help="generator processes (default: one per core)")

    r = sub.add_parser("run", help="generate (or reuse) a corpus, time the real build over it, score it")
    r.add_argument("--n", type=int, default=20_000)
    r.add_argument("--sizes", type=str, default=None, help="comma-separated corpus sizes, e.g. 2000,20000,100000")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    r.add_argument("--build-workers", type=int, default=0, help="passed to the build as --workers (0: its default)")
    r.add_argument("--folder-processes", type=int, default=1,
                   help="passed to the build as --folder-processes (folders built by Dagster's multiprocess executor)")
    r.add_argument("--live-code", action="store_true",
                   help="run the build from the working tree instead of a frozen copy (WORKDIR/code)")

    s = sub.add_parser("score", help="score a warehouse against a generated corpus's truth")
    s.add_argument("--warehouse", type=Path, required=True)
    s.add_argument("--corpus", type=Path, required=True, help="the corpus folder given to generate --out")
    s.add_argument("--json", action="store_true")

    p = sub.add_parser("pdf", help="PDFs/s on LibreOffice-made ruled-table reports: char floor, fast path, pdfplumber")
    p.add_argument("--n", type=int, default=120)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    p.add_argument("--workers", type=int, default=0, help="reader processes (default: one per core)")

    c = sub.add_parser("scale", help="reports/s with 1 and 2 worker processes, the serial merge, and N machines projected")
    c.add_argument("--n", type=int, default=5_000)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)

    args = ap.parse_args(argv)
    if args.command == "scale":
        from pipeline.bench import scale

        result = scale.run(args.n, args.seed, args.workdir)
        print()
        print(scale.report(result))
        return 0 if all(result[k]["exit_code"] == 0 for k in ("workers_1", "workers_2", "serial")) else 1
    if args.command == "pdf":
        from pipeline.bench import pdf as pdf_bench

        result = pdf_bench.run(args.n, args.seed, args.workdir, args.workers or os.cpu_count() or 2)
        print(pdf_bench.report(result))
        print(f"\nfigures: {args.workdir / f'results-pdf-{args.n}.json'}")
        return 0 if result["files_differing_fast_vs_pdfplumber"] == 0 else 1
    if args.command == "generate":
        started = time.perf_counter()
        gen.generate(args.n, args.seed, args.out, workers=args.workers or None)
        print(f"{args.n} reports in {args.out}, truth {gen.truth_path(args.out)} "
              f"({time.perf_counter() - started:.1f}s)")
        return 0
    if args.command == "score":
        result = score(args.warehouse, [gen.truth_path(args.corpus), changed_truth_path(args.corpus)])
        print(json.dumps(result, indent=1) if args.json else summary_line(result))
        return 0

    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else [args.n]
    extra = ["--workers", str(args.build_workers)] if args.build_workers else []
    if args.folder_processes > 1:
        extra += ["--folder-processes", str(args.folder_processes)]
    args.workdir.mkdir(parents=True, exist_ok=True)
    code = REPO if args.live_code else snapshot_code(args.workdir)
    results = [bench_one(n, args.seed, args.workdir, extra, code) for n in sizes]
    print()
    print(table(results))
    print(f"\nfigures: {', '.join(str(args.workdir / f'results-{n}.json') for n in sizes)}")
    return 0 if all(r[k]["exit_code"] == 0 for r in results for k in ("scratch", "rerun", "changed")) else 1


if __name__ == "__main__":
    sys.exit(main())
