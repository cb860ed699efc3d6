"""Shared helpers for the table-reader tests: documents from text, facts as plain dicts."""
from __future__ import annotations

from pathlib import Path

from pipeline.model import Document, Line
from pipeline.parse.tables import read_tables

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def doc_of(text: str, fmt: str = "text") -> Document:
    return Document("t.txt", fmt, [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)])


def read(text: str, template: str = "2021"):
    return read_tables(doc_of(text), template)


def cells(result, table: str) -> dict[tuple[str, str], float | None]:
    return {(f.row, f.col): f.value for f in result.facts if f.table == table}


def row(result, table: str, code: str) -> list[float | None]:
    return [f.value for f in result.facts if f.table == table and f.row == code]
