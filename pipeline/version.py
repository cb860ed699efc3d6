"""Versions that decide what must be recomputed.

A report is re-extracted when its bytes or the extractor code change, and re-parsed when its
bytes or the parser code change. The versions are hashes of the code itself, so nobody has to
remember to bump a number.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _hash_tree(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        base = _PKG / part
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base]
        for f in files:
            h.update(str(f.relative_to(_PKG)).encode())
            h.update(f.read_bytes())
        data = base / "data"
        if data.is_dir():
            for f in sorted(p for p in data.rglob("*") if p.is_file()):
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


@cache
def extractor_version() -> str:
    return _hash_tree("extract", "model.py")


@cache
def parser_version() -> str:
    return _hash_tree("parse", "model.py", "codes.py", "text_rules.py")  # text_rules: blank marks, page numbers, labels
