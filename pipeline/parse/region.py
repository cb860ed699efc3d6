"""Administrative divisions: name → 6-digit code, and the division table the warehouse loads.

The data is jionlp's gazetteer (Apache-2.0), cut down to province / prefecture / county and
vendored by `pipeline.parse.gazetteer_build` (see there for why). It is read once per process, on
first use, in a few milliseconds.

Historical names: jionlp records renamings (襄樊市 → 襄阳市, 2010) but not the codes the old
names had. A renamed division whose code did not change (the usual case at prefecture level) gets
its exact code; one whose code changed with the rename (县 → 市, 县 → 区) gets its successor's
current code, the best the data allows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LEVELS = ("province", "prefecture", "county")
# Suffixes a county-level name may have swapped on a rename (洪泽县 → 洪泽区) that the change list
# does not always record; tried on the division's stem (jionlp's alias) as a last resort.
_COUNTY_SUFFIXES = ("县", "区", "旗")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str  # 'province' | 'prefecture' | 'county'
    parent_code: str | None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class _Gazetteer:
    by_code: dict[str, Region]
    by_name: dict[str, list[Region]]  # current full names
    by_old_name: dict[str, list[tuple[str, Region]]]  # renamed-away names → (date, successor)
    by_stem: dict[str, list[Region]]  # county stems (洪泽) for suffix swaps

    def chain(self, region: Region) -> list[Region]:
        out = [region]
        while out[-1].parent_code:
            out.append(self.by_code[out[-1].parent_code])
        return out[::-1]


def _rows(name: str):
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def gazetteer() -> _Gazetteer:
    by_code: dict[str, Region] = {}
    for code, name, alias, level, parent in _rows("regions.tsv"):
        by_code[code] = Region(code, name, level, parent or None, tuple(a for a in alias.split("/") if a))
    by_name: dict[str, list[Region]] = {}
    by_stem: dict[str, list[Region]] = {}
    for r in by_code.values():
        by_name.setdefault(r.name, []).append(r)
        if r.level == "county":
            for a in r.aliases:
                by_stem.setdefault(a, []).append(r)
        elif r.level == "province":
            # 内蒙古, 广西, 新疆: bodies of autonomous regions often drop the long suffix
            for a in r.aliases:
                if a != r.name and len(a) >= 2:
                    by_name.setdefault(a, []).append(r)
    by_old_name: dict[str, list[tuple[str, Region]]] = {}
    for date, op, oc, ocn, np_, nc, ncn in _rows("region_changes.tsv"):
        old, new_path = (ocn or oc), [n for n in (np_, nc, ncn) if n]
        successor = _find_path(by_name, new_path)
        if successor is None or old in by_name and any(
            _same_path(by_code, r, [op, oc]) for r in by_name[old]
        ):
            continue
        by_old_name.setdefault(old, []).append((date, successor))
    return _Gazetteer(by_code, by_name, by_old_name, by_stem)


def _find_path(by_name: dict[str, list[Region]], path: list[str]) -> Region | None:
    cands = by_name.get(path[-1], []) if path else []
    if len(path) > 1:
        cands = [c for c in cands if _parents_named(by_name, c, set(path[:-1]))]
    return cands[0] if len(cands) == 1 else None


def _parents_named(by_name: dict[str, list[Region]], region: Region, names: set[str]) -> bool:
    if region.parent_code is None:
        return True
    codes = {r.code for n in names for r in by_name.get(n, [])}
    return region.parent_code in codes or region.parent_code[:2] + "0000" in codes


def _same_path(by_code: dict[str, Region], region: Region, names: list[str]) -> bool:
    names = [n for n in names if n]
    code = region.parent_code
    while code:
        if by_code[code].name in names:
            return True
        code = by_code[code].parent_code
    return not names


def region_by_code(code: str | None) -> Region | None:
    return gazetteer().by_code.get(code) if code else None


def names() -> list[str]:
    """Every name a division can be written with here (current, historical), for tokenisers."""
    g = gazetteer()
    return sorted(set(g.by_name) | set(g.by_old_name))


def is_region_name(word: str) -> bool:
    g = gazetteer()
    return word in g.by_name or word in g.by_old_name


def candidates(name: str, year: int | None = None) -> list[Region]:
    """Divisions a name can mean. A renamed-away name counts only for years before its renaming
    (or for any year when no year is known)."""
    g = gazetteer()
    out = list(g.by_name.get(name, ()))
    for date, successor in g.by_old_name.get(name, ()):
        if year is None or year < int(date[:4]) + (date[5:] > "06-30"):
            if successor not in out:
                out.append(successor)
    if not out and len(name) >= 3 and name[-1] in _COUNTY_SUFFIXES:
        out = list(g.by_stem.get(name[:-1], ()))
    return out


def resolve_chain(names_: list[str], year: int | None = None, context: str = "") -> Region | None:
    """The division meant by a run of names as an agency writes them (['淮安市', '洪泽区']):
    the last name, told apart by the earlier ones, else by which of its parents the context
    text mentions. None where it stays ambiguous."""
    if not names_:
        return None
    g = gazetteer()
    cands = candidates(names_[-1], year)
    if len(names_) > 1:
        anc = [set(r.code for r in candidates(n, year)) for n in names_[:-1]]
        cands = [c for c in cands if all(codes & {r.code for r in g.chain(c)} for codes in anc)] or cands
    if len(cands) > 1 and context:
        scored = sorted(
            ((sum(context.count(p.name) for p in g.chain(c)[:-1]), c) for c in cands),
            key=lambda t: -t[0],
        )
        if scored[0][0] > scored[1][0]:
            return scored[0][1]
    return cands[0] if len(cands) == 1 else None


@cache
def _mention_re(levels: tuple[str, ...]) -> re.Pattern:
    g = gazetteer()
    words = sorted({r.name for r in g.by_code.values() if r.level in levels}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def resolve_text(text: str, level: str, year: int | None = None) -> Region | None:
    """The division of `level` a text names most often ('省机关事务管理局' leaves the province to
    the text: 山东省 in its address and preamble). Ties and silence give None."""
    counts: dict[str, int] = {}
    for m in _mention_re((level,)).finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    cands = [c for c in candidates(ranked[0][0], year) if c.level == level]
    return cands[0] if len(cands) == 1 else None


def region_table():
    """Every division with its province / prefecture / county ancestors (marts.dim_region)."""
    import polars as pl

    g = gazetteer()
    rows = []
    for r in g.by_code.values():
        row = {"region_code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent_code}
        for lv in LEVELS:
            row[f"{lv}_code"] = row[f"{lv}_name"] = None
        for a in g.chain(r):
            row[f"{a.level}_code"], row[f"{a.level}_name"] = a.code, a.name
        rows.append(row)
    cols = ["region_code", "name", "level", "parent_code"] + [f"{lv}_{k}" for lv in LEVELS for k in ("code", "name")]
    return pl.DataFrame(rows, schema={c: pl.String for c in cols}).sort("region_code")
