"""Old parser vs new parser: every Document and every ParsedReport, field by field.

A speed change must not change one output. This tool extracts and parses every file under the
given folders with two versions of the code and compares what they produce: each Document
(lines, grids, raw lines; compared by digest) and each ParsedReport (template, status, reason,
meta, facts, issues, checks, reads; compared in full).

    # dump what the code in a checkout produces (the code imported is the one on PYTHONPATH)
    python tools/compare_parse.py dump --out /tmp/new.pkl DIR [DIR ...]
    # compare two dumps
    python tools/compare_parse.py diff /tmp/old.pkl /tmp/new.pkl
    # both in one go: git refs (or WORKTREE for the files as they are now), each run from an
    # export of its own pipeline/ package
    python tools/compare_parse.py refs HEAD WORKTREE DIR [DIR ...]
    # time extraction and parsing, single process, no profiler (ms per file / per report)
    python tools/compare_parse.py bench [--repeat 3] DIR [DIR ...]

Exit code 1 when the dumps differ (each difference is printed, up to --show of them).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _files(dirs: list[str]) -> list[tuple[str, str, Path]]:
    """(key, source path, file) for every file under `dirs`: the key is the folder as given plus
    the path in it (two folders of one name stay apart); the source path is the one a build
    would store (relative to the folder)."""
    out = []
    for d in dirs:
        base = Path(d)
        if base.is_file():
            out.append((d, base.name, base))
            continue
        if not base.is_dir():
            raise SystemExit(f"no such folder: {d}")
        for p in sorted(q for q in base.rglob("*") if q.is_file()):
            rel = p.relative_to(base).as_posix()
            out.append((f"{d.rstrip('/')}/{rel}", rel, p))
    return out


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def dump(dirs: list[str], out: str) -> None:
    from pipeline.extract import extract
    from pipeline.model import Unreadable
    from pipeline.parse import parse_document
    import pipeline

    results: dict[str, dict] = {}
    for key, rel, path in _files(dirs):
        try:
            doc = extract(rel, path.read_bytes())
        except Unreadable as e:
            results[key] = {"unreadable": str(e)}
            continue
        entry: dict = {"doc": _digest(doc.to_dict())}
        try:
            entry["parsed"] = asdict(parse_document(doc))
        except Exception as e:  # an exception is an output too: it must not change either
            entry["error"] = f"{type(e).__name__}: {e}"
        results[key] = entry
    with open(out, "wb") as fh:
        pickle.dump({"code": str(Path(pipeline.__file__).parent), "results": results}, fh)
    print(f"dumped {len(results)} files with {Path(pipeline.__file__).parent} to {out}")


def _walk(a, b, where: str, out: list[str]) -> None:
    if type(a) is not type(b):
        out.append(f"{where}: {a!r} != {b!r}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: {'missing in old' if k not in a else 'missing in new'}")
            else:
                _walk(a[k], b[k], f"{where}.{k}", out)
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} items != {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            _walk(x, y, f"{where}[{i}]", out)
    elif a != b and not (a != a and b != b):  # NaN equals NaN here
        out.append(f"{where}: {a!r} != {b!r}")


def diff(old: str, new: str, show: int = 50) -> int:
    with open(old, "rb") as fh:
        a = pickle.load(fh)
    with open(new, "rb") as fh:
        b = pickle.load(fh)
    print(f"old: {a['code']}\nnew: {b['code']}")
    ra, rb = a["results"], b["results"]
    problems: list[str] = []
    for key in sorted(set(ra) | set(rb)):
        if key not in ra or key not in rb:
            problems.append(f"{key}: only in {'new' if key not in ra else 'old'}")
            continue
        _walk(ra[key], rb[key], key, problems)
    for p in problems[:show]:
        print(p)
    files = len({p.split(":", 1)[0].split(".", 1)[0] for p in problems})
    print(f"{len(ra)} files compared: {len(problems)} differences" + (f" in about {files} files" if problems else ""))
    return 1 if problems else 0


def _export(ref: str, into: Path) -> Path:
    """The pipeline/ package of `ref` (WORKTREE: as it is now) under `into`."""
    into.mkdir(parents=True)
    if ref == "WORKTREE":
        subprocess.run(["cp", "-r", str(ROOT / "pipeline"), str(into / "pipeline")], check=True)
    else:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "pipeline"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def refs(old: str, new: str, dirs: list[str], show: int) -> int:
    dirs = [str(Path(d).resolve()) for d in dirs]  # the dumps run in a temporary folder
    with tempfile.TemporaryDirectory(prefix="compare_parse-") as tmp:
        dumps = []
        for n, ref in enumerate((old, new)):
            code = _export(ref, Path(tmp) / f"code{n}")
            out = str(Path(tmp) / f"dump{n}.pkl")
            env = dict(os.environ, PYTHONPATH=str(code))
            subprocess.run([sys.executable, __file__, "dump", "--out", out, *dirs], check=True, env=env, cwd=tmp)
            dumps.append(out)
        return diff(*dumps, show=show)


def bench(dirs: list[str], repeat: int) -> None:
    from pipeline.extract import extract
    from pipeline.model import Unreadable
    from pipeline.parse import parse_document

    files = [(rel, path.read_bytes()) for _, rel, path in _files(dirs)]
    docs = []
    best_extract = best_parse = float("inf")
    for r in range(repeat):
        docs = []
        t = time.process_time()
        for key, data in files:
            try:
                docs.append(extract(key, data))
            except Unreadable:
                pass
        best_extract = min(best_extract, time.process_time() - t)
        if r == 0:
            parse_document(docs[0])  # first call loads dictionaries (jieba, OpenCC): not per report
        t = time.process_time()
        for d in docs:
            parse_document(d)
        best_parse = min(best_parse, time.process_time() - t)
    print(f"{len(files)} files, {len(docs)} documents, best of {repeat}: "
          f"extract {best_extract / len(files) * 1000:.3f} ms/file, parse {best_parse / len(docs) * 1000:.3f} ms/report")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--out", required=True)
    d.add_argument("dirs", nargs="+")
    f = sub.add_parser("diff")
    f.add_argument("old")
    f.add_argument("new")
    f.add_argument("--show", type=int, default=50)
    r = sub.add_parser("refs")
    r.add_argument("old")
    r.add_argument("new")
    r.add_argument("dirs", nargs="+")
    r.add_argument("--show", type=int, default=50)
    b = sub.add_parser("bench")
    b.add_argument("--repeat", type=int, default=3)
    b.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.dirs, args.out)
    elif args.cmd == "diff":
        return diff(args.old, args.new, args.show)
    elif args.cmd == "refs":
        return refs(args.old, args.new, args.dirs, args.show)
    else:
        bench(args.dirs, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
