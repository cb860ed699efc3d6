"""A synthetic national corpus, deterministic from a seed, with the truth beside it.

`generate(n, seed, out)` writes n report files under `out/<province>/<year>/` and the truth to
`<out>.truth.parquet` (outside `out`, so a build over `out` never sees it): one row per file with
its metadata, status and every asserted table cell. Report i depends only on (seed, i), so
chunks are generated in parallel and any one report can be re-made on its own (`make_report`),
which is how the benchmark edits 1% of the corpus "in place" and restores it afterwards.
"""
from __future__ import annotations

import json
import math
import multiprocessing as mp
import os
import random
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.bench import render
from pipeline.bench.names import agencies
from pipeline.bench.values import APPLICANT_COLS, OUTCOMES_2019, OUTCOMES_2021, RESULT_COLS, Values, \
    legacy_values, template_values
from pipeline.codes import PROCEEDINGS

# Bump when the bytes a (seed, i) produces change: a cached corpus of another version is remade.
GENERATOR_VERSION = 2
YEARS = list(range(2010, 2025))
CHUNK = 250

CELL = pa.struct([("tbl", pa.string()), ("row", pa.string()), ("col", pa.string()), ("value", pa.int64())])
TRUTH_SCHEMA = pa.schema([
    ("source_path", pa.string()), ("agency_name", pa.string()), ("province", pa.string()),
    ("level", pa.string()), ("report_year", pa.int32()), ("template", pa.string()),
    ("format", pa.string()), ("encoding", pa.string()), ("status", pa.string()), ("bad_kind", pa.string()),
    ("consistent", pa.bool_()), ("broken", pa.string()), ("damage", pa.list_(pa.string())),
    ("rev", pa.int32()), ("cells", pa.list_(CELL)),
])

_AGENCIES = agencies()


def truth_path(out: Path) -> Path:
    return out.with_name(out.name + ".truth.parquet")


def manifest_path(out: Path) -> Path:
    return out.with_name(out.name + ".manifest.json")


def _stride(seed: int, size: int) -> int:
    """A multiplier coprime with size: i -> (a*i + b) mod size visits every (agency, year) once."""
    a = random.Random(f"{seed}/stride").randrange(size // 3, size)
    while math.gcd(a, size) != 1:
        a += 1
    return a


def spec(seed: int, i: int, stride: int) -> tuple[dict, random.Random]:
    """What report i is (agency, year, template, format, encoding, bad kind), and its layout stream."""
    size = len(_AGENCIES) * len(YEARS)
    combo = (stride * i + seed) % size
    province, level, agency = _AGENCIES[combo // len(YEARS)]
    year = YEARS[combo % len(YEARS)]
    lay = random.Random(f"{seed}/{i}/layout")
    u = lay.random()
    if year >= 2021:
        template = "2019" if year <= 2022 and u < 0.06 else "2021"
    elif year >= 2019:
        template = "2019"
    else:
        template = "2019" if year == 2018 and u < 0.03 else "legacy"
    fmt = "html" if lay.random() < 0.10 else "text"
    e = lay.random()
    if fmt == "html":
        encoding = "gbk" if e < 0.15 else "utf-8"
    else:
        encoding = "utf-8" if e < 0.80 else ("gbk" if e < 0.88 else ("gb18030" if e < 0.95 else "utf-8-sig"))
    b = lay.random()
    bad = None if b >= 0.006 else ("empty" if b < 0.002 else ("binary" if b < 0.004 else "truncated"))
    ext = "html" if fmt == "html" else "txt"
    meta = {"index": i, "agency_name": agency, "province": province, "level": level, "report_year": year,
            "template": template, "format": fmt, "encoding": encoding, "bad_kind": bad,
            "source_path": f"{province}/{year}/{i:07d}.{ext}"}
    return meta, lay


def _cells(meta: dict, v: Values) -> list[dict]:
    if meta["template"] == "legacy":
        cells = [{"tbl": "requests", "row": "received_new", "col": "total", "value": v.received}]
        for p in PROCEEDINGS:
            value = v.review_total if p == "administrative_review" else v.litigation_total
            cells.append({"tbl": "review_litigation", "row": p, "col": "total", "value": value})
        return cells
    outcomes = OUTCOMES_2019 if meta["template"] == "2019" else OUTCOMES_2021
    cells = []
    for o in ["received_new", "carried_over", *outcomes, "handled_total", "carried_forward"]:
        blank = o in v.blank_rows
        for a in [*APPLICANT_COLS, "total"]:
            cells.append({"tbl": "requests", "row": o, "col": a, "value": None if blank else v.requests[o][a]})
    for p in PROCEEDINGS:
        for r in [*RESULT_COLS, "total"]:
            cells.append({"tbl": "review_litigation", "row": p, "col": r,
                          "value": None if v.review_blank else v.review[p][r]})
    return cells


def _encode(text: str, encoding: str) -> tuple[bytes, str]:
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:  # a character GBK lacks: real sites then publish GB18030
        return text.encode("gb18030"), "gb18030"


def make_report(seed: int, i: int, rev: int = 0, stride: int | None = None) -> tuple[bytes, dict]:
    """Report i's bytes and its truth row. rev > 0: the same report re-issued with new numbers."""
    if stride is None:
        stride = _stride(seed, len(_AGENCIES) * len(YEARS))
    meta, lay = spec(seed, i, stride)
    nums = random.Random(f"{seed}/{i}/values/{rev}")
    template = meta["template"]
    if template == "legacy":
        v = legacy_values(meta["level"], meta["agency_name"], nums)
    else:
        v = template_values(template, meta["level"], meta["agency_name"], nums)
    damage: list[str] = []
    if meta["format"] == "html":
        charset = "gb2312" if meta["encoding"] == "gbk" and lay.random() < 0.5 else meta["encoding"]
        text = render.html_report(meta, v, lay, charset)
    elif template == "legacy":
        text = "\n".join(render.legacy_report(meta, v, lay))
    else:
        lines, style = render.template_report(meta, v, lay)
        text = "\n".join(lines)
        damage = [f"sep:{style.sep}"]
        damage += [f"blank:{style.blank or 'empty'}"] if (v.blank_rows or v.review_blank) else []
        damage += ["all_blank"] if v.all_blank else []
        damage += ["fullwidth"] if style.fullwidth else []
        damage += [f"split_label:{style.split_group}"] if style.split_group else []
        damage += [f"wrapped:{style.wrap}"] if style.wrap and style.wrap in v.requests else []
        damage += ["page_break"] if style.page_break is not None else []
        damage += ["spaced_header"] if style.review_header_spaced else []
        damage += ["page_break_review"] if style.review_break else []
    if meta["format"] == "text" and lay.random() < 0.3:
        text = text.replace("\n", "\r\n")  # Windows line ends, as many files arrive
        damage.append("crlf")
    data, encoding = _encode(text, meta["encoding"])
    bad = meta["bad_kind"]
    if bad == "empty":
        data = b""
    elif bad == "binary":
        data = lay.randbytes(lay.randint(500, 20000))
    elif bad == "truncated":
        # Cut early, inside a multi-byte character: no table survives and the bytes do not decode.
        cut = int(len(data) * (0.05 + 0.2 * lay.random()))
        if encoding.startswith("utf-8"):
            while cut < len(data) - 1 and (data[cut] & 0xC0) != 0x80:
                cut += 1
        else:
            while cut < len(data) - 1 and data[cut] < 0x81:
                cut += 1
            cut += 1  # keep the lead byte, lose its trail byte
        data = data[:cut]
    ok = bad is None
    truth = {
        "source_path": meta["source_path"], "agency_name": meta["agency_name"] if ok else None,
        "province": meta["province"], "level": meta["level"], "report_year": meta["report_year"] if ok else None,
        "template": template if ok else None, "format": meta["format"],
        "encoding": encoding if bad not in ("empty", "binary") else None,
        "status": "ok" if ok else "quarantined", "bad_kind": bad,
        "consistent": (v.broken is None) if ok and template != "legacy" and not v.all_blank else None,
        "broken": v.broken if ok else None, "damage": damage, "rev": rev,
        "cells": _cells(meta, v) if ok else [],
    }
    return data, truth


def _chunk(args: tuple[int, int, int, str, int]) -> pa.RecordBatch:
    seed, start, stop, out, stride = args
    rows = []
    made: set[str] = set()
    for i in range(start, stop):
        data, truth = make_report(seed, i, 0, stride)
        path = os.path.join(out, truth["source_path"])
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as fh:
            fh.write(data)
        rows.append(truth)
    return pa.RecordBatch.from_pylist(rows, schema=TRUTH_SCHEMA)


def generate(n: int, seed: int, out: Path, workers: int | None = None) -> dict:
    """Write the corpus and its truth; returns the manifest (also written beside the corpus)."""
    size = len(_AGENCIES) * len(YEARS)
    if n > size:
        raise ValueError(f"at most {size} distinct (agency, year) reports; asked for {n}")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    manifest_path(out).unlink(missing_ok=True)
    out.mkdir(parents=True)
    stride = _stride(seed, size)
    jobs = [(seed, s, min(s + CHUNK, n), str(out), stride) for s in range(0, n, CHUNK)]
    workers = workers or os.cpu_count() or 1
    tmp = truth_path(out).with_suffix(".tmp")
    with pq.ParquetWriter(tmp, TRUTH_SCHEMA, compression="zstd") as writer:
        if workers == 1 or len(jobs) == 1:
            for job in jobs:
                writer.write_batch(_chunk(job))
        else:
            with mp.get_context("fork").Pool(workers) as pool:
                for batch in pool.imap(_chunk, jobs):  # ordered: the truth file is deterministic too
                    writer.write_batch(batch)
    os.replace(tmp, truth_path(out))
    manifest = {"n": n, "seed": seed, "generator_version": GENERATOR_VERSION, "changed": []}
    manifest_path(out).write_text(json.dumps(manifest))
    return manifest


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads(manifest_path(Path(out)).read_text())
    except (OSError, ValueError):
        return None


def write_manifest(out: Path, manifest: dict) -> None:
    manifest_path(Path(out)).write_text(json.dumps(manifest))
