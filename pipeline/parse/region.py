"""Administrative divisions: name → 6-digit code, and the division table the warehouse loads.

Two sources, both vendored under data/ and read once per process in a few milliseconds:
- regions.tsv / region_changes.tsv: jionlp's current gazetteer (Apache-2.0) cut down to province /
  prefecture / county, and its renamings (襄樊市 → 襄阳市, 2010), by `tools/build_gazetteer.py`;
- region_history.tsv: every (code, name) in force since 2007 with the years it was valid and its
  successor, from the Ministry of Civil Affairs' code lists 1980–2019 (tools/build_region_history.py).

A report gets the code valid in its report year: a 2013 report of 富阳市 is 330183, not its
successor 富阳区 330111 (2014); a name used outside its years maps along the successor chain
(forward or back) to the code valid that year. `current_code` follows the chain to today's code,
so old and new roll up to one place (agency keys and marts.dim_region use it).
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


@dataclass(frozen=True, slots=True)
class Span:
    """One (code, name) and the years it was in force (valid_to: the year it was replaced)."""

    code: str
    name: str
    valid_from: int
    valid_to: int | None
    successor: str | None

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(slots=True)
class _Gazetteer:
    by_code: dict[str, Region]
    by_name: dict[str, list[Region]]  # current full names
    by_old_name: dict[str, list[tuple[str, Region]]]  # renamed-away names → (date, successor)
    by_stem: dict[str, list[Region]]  # county stems (洪泽) for suffix swaps
    spans_by_name: dict[str, list[Span]]
    spans_by_code: dict[str, list[Span]]
    historic: dict[str, Region]  # codes no longer in force (330183 富阳市), by their last name

    def region(self, code: str) -> Region | None:
        return self.by_code.get(code) or self.historic.get(code)

    def chain(self, region: Region) -> list[Region]:
        out = [region]
        while out[-1].parent_code and out[-1].parent_code != out[-1].code:
            parent = self.region(out[-1].parent_code)
            if parent is None:
                break
            out.append(parent)
        return out[::-1]


def _rows(name: str):
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def gazetteer() -> _Gazetteer:
    fixes: dict[tuple[str, str], tuple[str, int]] = {}
    renamed: dict[tuple[str, str], tuple[str, str, int]] = {}  # (former name, code) → (name, code, year)
    for name, old, new, since, *former in _rows("region_code_fixes.tsv"):
        if former and former[0]:
            renamed[(former[0], old)] = (name, new, int(since))
        else:
            fixes[(name, old)] = (new, int(since))
    by_code: dict[str, Region] = {}
    for code, name, alias, level, parent in _rows("regions.tsv"):
        if (name, code) in renamed:
            name, code, _ = renamed[(name, code)]
        code = fixes.get((name, code), (code,))[0]
        by_code[code] = Region(code, name, level, parent or None, tuple(a for a in alias.split("/") if a))
    by_name: dict[str, list[Region]] = {}
    by_stem: dict[str, list[Region]] = {}
    for r in by_code.values():
        by_name.setdefault(r.name, []).append(r)
    for r in list(by_code.values()):
        # autonomous divisions go by their short form (民和县, 恩施州, 新晃县) in titles and text
        short = {"自治县": "县", "自治旗": "旗", "自治州": "州"}.get(r.name[-3:])
        if short:
            for a in r.aliases:
                if len(a) >= 2 and a + short not in by_name:
                    by_name.setdefault(a + short, []).append(r)
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
    spans_by_name: dict[str, list[Span]] = {}
    spans_by_code: dict[str, list[Span]] = {}
    spans: list[Span] = []
    renumbered = {old: (new, since) for (_, old), (new, since) in fixes.items()}
    for code, name, valid_from, valid_to, succ in _rows("region_history.tsv"):
        span = Span(code, name, int(valid_from), int(valid_to) if valid_to else None, succ or None)
        fix = fixes.get((name, code))
        if fix and span.valid_from >= fix[1]:
            span = Span(fix[0], name, span.valid_from, span.valid_to, span.successor)
        elif fix:  # the name is older than its new code (公主岭市): two spans, the new one from
            # the year of the change (one name, one code in any year)
            spans.append(Span(code, name, span.valid_from, fix[1] - 1, fix[0]))
            span = Span(fix[0], name, fix[1], span.valid_to, span.successor)
        if (name, code) in renamed and span.valid_to is None:  # 无为县 until 2019, then 无为市
            new_name, new_code, since = renamed[(name, code)]
            spans.append(Span(new_code, new_name, since, None, None))
            span = Span(code, name, span.valid_from, since, new_code)
        if span.successor in renumbered and span.valid_to is not None and span.valid_to >= renumbered[span.successor][1]:
            span = Span(span.code, span.name, span.valid_from, span.valid_to, renumbered[span.successor][0])
        spans.append(span)
    for span in spans:
        spans_by_name.setdefault(span.name, []).append(span)
        spans_by_code.setdefault(span.code, []).append(span)
    historic: dict[str, Region] = {}
    for code, spans in spans_by_code.items():
        if code in by_code:
            continue
        last = max(spans, key=lambda sp: sp.valid_from)
        level = _level_of(code)
        parent = None
        if level != "province":
            up = code[:4] + "00"
            parent = up if level == "county" and up != code and (up in by_code or up in spans_by_code) else code[:2] + "0000"
        historic[code] = Region(code, last.name, level, parent)
    return _Gazetteer(by_code, by_name, by_old_name, by_stem, spans_by_name, spans_by_code, historic)


def _level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00") and code[2:4] != "90":
        return "prefecture"
    return "county"


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
    return gazetteer().region(code) if code else None


def current_code(code: str | None) -> str | None:
    """Today's code of a division: itself while in force, else along its successors (330183 →
    330111). None when it was merged away without a unique heir."""
    g = gazetteer()
    seen = set()
    while code and code not in g.by_code and code not in seen:
        seen.add(code)
        ended = [sp for sp in g.spans_by_code.get(code, ()) if sp.valid_to is not None]
        succ = {sp.successor for sp in ended if sp.successor and sp.successor != code}
        code = succ.pop() if len(succ) == 1 else None
    return code if code in g.by_code else None


def _predecessors(code: str) -> list[Span]:
    g = gazetteer()
    return [sp for spans in g.spans_by_code.values() for sp in spans if sp.successor == code and sp.code != code]


def in_year(region: Region, year: int | None) -> Region:
    """The division as coded in `year`: the region itself when its code was in force that year,
    else its unique predecessor (a 2013 report naming 富阳区 → 330183) or successor in force then."""
    g = gazetteer()
    if year is None:
        return region
    spans = g.spans_by_code.get(region.code, [])
    if not spans or any(sp.covers(year) for sp in spans):
        return region
    if year < min(sp.valid_from for sp in spans):
        prev = [sp for sp in _predecessors(region.code) if sp.covers(year)]
        if len({sp.code for sp in prev}) == 1:
            return g.region(prev[0].code) or region
        return region
    code = region.code
    for _ in range(5):  # along the successors until one is in force in that year
        succ = {sp.successor for sp in g.spans_by_code.get(code, ()) if sp.successor and sp.successor != code}
        if len(succ) != 1:
            break
        code = succ.pop()
        nxt = g.region(code)
        if nxt is None:
            break
        if any(sp.covers(year) for sp in g.spans_by_code.get(code, ())):
            return nxt
    return region


def names() -> list[str]:
    """Every name a division can be written with here (current, historical), for tokenisers."""
    g = gazetteer()
    return sorted(set(g.by_name) | set(g.by_old_name) | set(g.spans_by_name))


def is_region_name(word: str) -> bool:
    g = gazetteer()
    return word in g.by_name or word in g.by_old_name or word in g.spans_by_name


def candidates(name: str, year: int | None = None) -> list[Region]:
    """Divisions a name can mean, each coded as in `year`. A name in force in that year means the
    divisions that bore it then (富阳市 in 2013: 330183); otherwise the divisions it became."""
    g = gazetteer()
    if year is not None:
        then = [g.region(sp.code) for sp in g.spans_by_name.get(name, ()) if sp.covers(year)]
        then = list(dict.fromkeys(r for r in then if r is not None))
        if then:
            return then
    out = [in_year(r, year) for r in _candidates_now(name, year)]
    return list(dict.fromkeys(out))


def _candidates_now(name: str, year: int | None) -> list[Region]:
    g = gazetteer()
    out = list(g.by_name.get(name, ()))
    for sp in g.spans_by_name.get(name, ()):  # a name of the past: the division it became
        now = current_code(sp.code)
        if now and g.by_code[now] not in out and (sp.valid_to is not None or not out):
            out.append(g.by_code[now])
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
    words = sorted({n for n, rs in g.by_name.items() if any(r.level in levels for r in rs)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# Province-level cities (直辖市): their 市 agencies (市科委) are province-level.
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


def resolve_text(text: str, level: str, year: int | None = None, only: frozenset[str] | None = None) -> Region | None:
    """The division of `level` a text names most often ('省机关事务管理局' leaves the province to
    the text: 山东省 in its address and preamble). Ties and silence give None. `only` restricts
    the answer to those codes (mentions of others are not counted)."""
    counts: dict[str, int] = {}
    for m in _mention_re((level,)).finditer(text):
        if only is not None and not any(r.code in only for r in candidates(m.group(), year)):
            continue
        counts[m.group()] = counts.get(m.group(), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    cands = [c for c in candidates(ranked[0][0], year) if c.level == level]
    return cands[0] if len(cands) == 1 else None


def region_table():
    """Every division with its province / prefecture / county ancestors (marts.dim_region): the
    divisions in force and, since 2007, those replaced, each with the years its code was in force,
    its successor and today's code; a replaced division rolls up through today's code, so old and
    new names of one place add up to the same prefecture and province."""
    import polars as pl

    g = gazetteer()
    rows = []
    for code in sorted(set(g.by_code) | set(g.historic)):
        r = g.region(code)
        spans = g.spans_by_code.get(code, [])
        now = code if code in g.by_code else current_code(code)
        row = {"region_code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent_code}
        for lv in LEVELS:
            row[f"{lv}_code"] = row[f"{lv}_name"] = None
        # ancestors: a replaced division's come from the division it became (its place today)
        for a in g.chain(g.by_code[now] if now and code not in g.by_code else r):
            if a.level != r.level or a.code == code:
                row[f"{a.level}_code"], row[f"{a.level}_name"] = a.code, a.name
        if r.level == "county":
            row["county_code"], row["county_name"] = r.code, r.name
        ended = [sp for sp in spans if sp.valid_to is not None]
        succ = {sp.successor for sp in ended if sp.successor and sp.successor != code}
        row.update(
            valid_from=min((sp.valid_from for sp in spans), default=None),
            valid_to=None if code in g.by_code else max((sp.valid_to for sp in ended), default=None),
            successor_code=succ.pop() if len(succ) == 1 else None,
            current_code=now,
            former_names=sorted({sp.name for sp in spans if sp.name != r.name}),
        )
        rows.append(row)
    cols = ["region_code", "name", "level", "parent_code"] + [f"{lv}_{k}" for lv in LEVELS for k in ("code", "name")]
    schema = {c: pl.String for c in cols} | {"valid_from": pl.Int32, "valid_to": pl.Int32, "successor_code": pl.String,
                                             "current_code": pl.String, "former_names": pl.List(pl.String)}
    return pl.DataFrame(rows, schema=schema).sort("region_code")
