"""One report's tables written in every layout text extraction produces must read the same."""
from __future__ import annotations

import pytest

from test_tables_support import cells, fixture, read, row

BASE = fixture("huaian_2024_tab.txt")  # tables 二, 三, 四 of huaian-shi_2024.pdf, tab-separated


def _cells_of(line: str) -> list[str]:
    return line.split("\t")


def as_tabs(text: str) -> str:
    return text


def as_pipes(text: str, separators: bool) -> str:
    out = []
    prev_table = False
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            prev_table = False
            continue
        cs = _cells_of(line)
        out.append("| " + " | ".join(cs) + " |")
        if separators and not prev_table:
            out.append("|" + "|".join("---" for _ in cs) + "|")
        prev_table = True
    return "\n".join(out)


def as_spaces(text: str) -> str:
    return "\n".join("    ".join(_cells_of(line)) if "\t" in line else line for line in text.split("\n"))


def one_cell_per_line(text: str) -> str:
    out = []
    for line in text.split("\n"):
        out += [c for c in _cells_of(line) if c.strip()] if "\t" in line else [line]
    return "\n".join(out)


def _values(result):
    return sorted((f.table, f.row, f.col, f.value, f.unit) for f in result.facts)


VARIANTS = {
    "pipes": lambda t: as_pipes(t, separators=False),
    "pipes_with_separator_rows": lambda t: as_pipes(t, separators=True),
    "space_runs": as_spaces,
    "one_cell_per_line": one_cell_per_line,
}


def test_tab_layout_reads_every_table_exactly():
    r = read(BASE)
    assert r.found == {"active_disclosure", "requests", "review_litigation"}
    assert not r.issues
    assert row(r, "requests", "received_new") == [3001, 53, 0, 0, 61, 4, 3119]
    assert row(r, "requests", "unavailable_needs_creation") == [11, 0, 0, 0, 0, 0, 11]
    assert row(r, "requests", "other_no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert row(r, "requests", "other_other") == [108, 2, 0, 0, 0, 0, 110]
    assert row(r, "requests", "other_handling") == []
    assert row(r, "requests", "carried_forward") == [103, 0, 0, 0, 0, 0, 103]
    assert row(r, "review_litigation", "administrative_review") == [72, 64, 178, 37, 351]
    assert row(r, "review_litigation", "litigation_after_review") == [12, 1, 1, 6, 20]
    d = cells(r, "active_disclosure")
    assert d[("penalty", "decisions")] == 3985758
    assert d[("normative_documents", "repealed")] == 26
    assert d[("fees", "fee_amount")] == 96171.6
    assert len([f for f in r.facts if f.table == "requests"]) == 25 * 7


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_layout_gives_identical_facts(name):
    expected = _values(read(BASE))
    variant = read(VARIANTS[name](BASE))
    assert not [i for i in variant.issues if i.kind == "unplaced_row"]
    assert _values(variant) == expected


def test_provenance_points_at_the_source_line():
    r = read(BASE)
    lines = BASE.split("\n")
    for f in r.facts:
        if f.value is not None:
            assert f.raw in lines[f.line - 1].split("\t"), f


def test_one_cell_per_line_keeps_provenance_per_cell():
    text = one_cell_per_line(BASE)
    r = read(text)
    lines = text.split("\n")
    f = next(f for f in r.facts if f.row == "received_new" and f.col == "total")
    assert lines[f.line - 1] == "3119"
