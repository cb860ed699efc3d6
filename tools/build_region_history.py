"""Regenerate pipeline/parse/data/region_history.tsv: which 6-digit code each division name had
in which years, and what replaced it.

    python tools/build_region_history.py GB2260_MCA_DIR

GB2260_MCA_DIR holds the Ministry of Civil Affairs' code lists, one `YYYYMM.tsv` per revision
(columns Source, Revision, Code, Name), as published by the GB2260 data set
(https://github.com/cn/GB2260, files `mca/*.tsv`, commit 1173e8b; official standard data compiled
from www.mca.gov.cn). Revisions run 1980-2019 (2012 is missing there). Changes after the last
revision come from the gazetteer the parser already carries (pipeline/parse/data/regions.tsv and
region_changes.tsv, from jionlp): a (code, name) in the last revision but not in regions.tsv ended
in the year region_changes.tsv dates its renaming.

Output, one row per (code, name) run of revisions:
    code  name  valid_from  valid_to  successor_code
valid_from: the first year the pair was in force (the year after the last revision without it;
1980 means "at least since the first revision"). valid_to: the year it was replaced (both the old
and the new pair are valid that year: reports of the change year use either name); empty while
still in force. successor_code: the division that took its place (same code for a renaming that
kept the code; a new code found by the same stem 富阳市 → 富阳区 in the same prefecture, else in the
province, else by region_changes.tsv); empty when the division was split or merged away without
a unique heir. Only pairs in force at some point since 2007 (the year before the first disclosure
reports) are kept. The file is generated, never edited by hand.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "pipeline" / "parse" / "data"
OUT = DATA / "region_history.tsv"
KEEP_FROM = 2007
# Grouping rows of the code lists, not divisions.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位", "郊区(市辖)"}
SUFFIXES = ("自治县", "自治旗", "自治州", "地区", "新区", "林区", "特区", "县", "市", "区", "旗", "盟", "州")


def stem(name: str) -> str:
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 1:
            return name[: -len(s)]
    return name


def _rows(path: Path):
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def load_revisions(src: Path) -> list[tuple[int, dict[str, str]]]:
    revs = []
    for f in sorted(src.glob("*.tsv")):
        codes = {}
        for parts in _rows(f):
            if len(parts) < 4 or not parts[2].isdigit():
                continue
            code, name = parts[2], parts[3].strip()
            if len(code) == 6 and name not in PLACEHOLDERS:
                codes[code] = name
        revs.append((int(f.stem[:4]), codes))
    return revs


def load_current() -> dict[str, str]:
    return {p[0]: p[1] for p in _rows(DATA / "regions.tsv")}


def load_changes() -> dict[tuple[str, str], tuple[int, str]]:
    """(province, old name) → (year, new name) from jionlp's renaming list."""
    out = {}
    for date, op, opf, oc, np_, npf, nc in _rows(DATA / "region_changes.tsv"):
        old, new = (oc or opf), (nc or npf)
        if old and new and old != new:
            out[(op, old)] = (int(date[:4]), new)
    return out


def main(src: Path) -> None:
    revs = load_revisions(src)
    last_year = revs[-1][0]
    current = load_current()
    changes = load_changes()
    province_name = {c: n for c, n in current.items() if c.endswith("0000")}
    # the current gazetteer is the last "revision"; its year is decided per pair below
    snapshots = [codes for _, codes in revs] + [current]
    years = [y for y, _ in revs]
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, codes in enumerate(snapshots):
        for code, name in codes.items():
            pairs.setdefault((code, name), []).append(i)

    def change_year(code: str, name: str) -> int | None:
        hit = changes.get((province_name.get(code[:2] + "0000", ""), name))
        return hit[0] if hit else None

    def successor(code: str, name: str, gone: int) -> str:
        before, after = snapshots[gone - 1], snapshots[gone]
        if code in after:
            return code  # renamed, code kept
        new = {c: n for c, n in after.items() if c not in before and c[:2] == code[:2]}
        old = {c: n for c, n in after.items() if c in before and c[:2] == code[:2]}
        # a new code of the same stem (富阳市 → 富阳区), then one whose name starts with the stem
        # (蓟县 → 蓟州区), then an existing division it merged into (宣化县 → 宣化区)
        for pool, same in ((new, True), (new, False), (old, True), (old, False)):
            for scope in (code[:4], code[:2]):
                hits = [c for c, n in pool.items() if c.startswith(scope)
                        and (stem(n) == stem(name) if same else n.startswith(stem(name)))]
                if len(hits) == 1:
                    return hits[0]
        hit = changes.get((province_name.get(code[:2] + "0000", ""), name))
        if hit:
            hits = [c for c, n in after.items() if n == hit[1] and c[:2] == code[:2]]
            if len(hits) == 1:
                return hits[0]
        return ""

    out = []
    for (code, name), idx in pairs.items():
        runs, start = [], idx[0]
        for a, b in zip(idx, idx[1:] + [None]):
            if b != a + 1:
                runs.append((start, a))
                start = b
        for first, last in runs:
            if first == 0:
                valid_from = years[0]
            elif first == len(years):  # only in the current gazetteer: changed after the last revision
                valid_from = change_year_new(changes, code, name, province_name) or last_year + 1
            else:
                valid_from = years[first - 1] + 1
            if last == len(snapshots) - 1:
                valid_to, succ = None, ""
            elif last == len(years) - 1:  # in the last revision, gone from the current gazetteer
                valid_to = change_year(code, name) or last_year + 1
                succ = successor(code, name, last + 1)
            else:
                valid_to = years[last + 1]
                succ = successor(code, name, last + 1)
            if valid_to is not None and valid_to < KEEP_FROM:
                continue
            out.append((code, name, str(valid_from), "" if valid_to is None else str(valid_to), succ))
    out.sort()
    header = [
        "# Division names by year: code, name, valid_from, valid_to (year replaced; empty = in force), successor_code",
        "# Generated by tools/build_region_history.py from the Ministry of Civil Affairs' code lists 1980-2019",
        "# (GB2260 data set, github.com/cn/GB2260 mca/*.tsv, commit 1173e8b) and, after 2019, regions.tsv and",
        "# region_changes.tsv (jionlp 1.5.31, Apache-2.0). Do not edit by hand.",
    ]
    OUT.write_text("\n".join(header + ["\t".join(r) for r in out]) + "\n", encoding="utf-8")
    ended = sum(1 for r in out if r[3])
    print(f"{OUT.relative_to(ROOT)}: {len(out)} rows, {ended} replaced, {sum(1 for r in out if r[3] and not r[4])} without a unique successor")


def change_year_new(changes, code: str, name: str, province_name: dict[str, str]) -> int | None:
    prov = province_name.get(code[:2] + "0000", "")
    years = [y for (p, _), (y, new) in changes.items() if p == prov and new == name]
    return max(years) if years else None


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
