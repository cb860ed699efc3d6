"""OCR misreadings of a division name: 沪州市 for 泸州市, 毫州市 for 亳州市, 彬州市 for 郴州市.

A scanned report read by OCR repeats the same misreading throughout, so the text never names the
real place. The rule: a county- or city-level name at the head of the agency name that is not in
the gazetteer, but is one look-alike character (data/lookalikes.tsv) away from exactly one
division whose province or prefecture the report also names, is that division. The correction is
returned with the raw name, for the caller to record. Without such context, or with two
candidates, the name stays unresolved and the caller reports it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.parse import region as gaz

_TABLE = Path(__file__).parent / "data" / "lookalikes.tsv"
# A division-shaped head: a few characters and a division suffix (the shortest first).
_HEAD = re.compile(r"(自治县|自治州|自治旗|地区|新区|林区|县|市|区|旗|州|盟)")
_MAX_HEAD = 8


@dataclass(frozen=True, slots=True)
class Reading:
    status: str  # 'corrected' | 'ambiguous' | 'no_context'
    raw: str  # the head as printed (沪州市)
    name: str | None  # the real name (泸州市) when corrected
    region: gaz.Region | None
    candidates: tuple[str, ...]  # every look-alike division name found
    evidence: str = ""  # the named province / prefecture that confirmed it

    def fix(self, agency_name: str) -> str:
        return agency_name.replace(self.raw, self.name, 1) if self.name else agency_name


@cache
def _alike() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for line in _TABLE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group = [c for c in line.split("\t") if c]
        for c in group:
            out.setdefault(c, set()).update(x for x in group if x != c)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _variants(word: str):
    table = _alike()
    for i, ch in enumerate(word):
        for alt in table.get(ch, ()):
            yield word[:i] + alt + word[i + 1:]


_KNOWN_HEAD = re.compile(_HEAD.pattern[:-1] + "|省|自治区)")


def _heads(rest: str, pattern: re.Pattern = _HEAD):
    for m in pattern.finditer(rest[:_MAX_HEAD]):
        if m.end() >= 2:
            yield rest[: m.end()]


def _named_ancestors(region: gaz.Region, context: str) -> list[str]:
    g = gaz.gazetteer()
    out = []
    for anc in g.chain(region)[:-1]:
        names = {anc.name} | {a for a in anc.aliases if len(a) >= 2}
        hit = next((n for n in sorted(names, key=len, reverse=True) if n in context), None)
        if hit:
            out.append(anc.name)
    return out


def _in_force(name: str, year: int | None) -> bool:
    g = gaz.gazetteer()
    if year is None or name in g.by_name:
        return gaz.is_region_name(name)
    return any(sp.covers(year) for sp in g.spans_by_name.get(name, ()))


def _is_province(name: str, year: int | None) -> bool:
    return any(r.level == "province" for r in gaz.candidates(name, year))


def _confirmed_elsewhere(name: str, context: str, year: int | None) -> bool:
    """Whether the report names the province or prefecture of `name` (a real name, trusted)."""
    return any(_named_ancestors(r, context) for r in gaz.candidates(name, year) if r.level != "province")


def read_head(agency_name: str, context: str, year: int | None = None) -> Reading | None:
    """The OCR reading of the division the agency name starts with, or None when the name starts
    with a known division (or with nothing division-shaped that a look-alike could fix).

    A name in force in the report's year is trusted unless the report names none of its
    province / prefecture but does name that of exactly one look-alike (彬州市 in a report about
    湖南省 is 郴州市)."""
    rest = agency_name
    # known division names first (四川省沪州市…: 四川省 is read, 沪州市 is the suspect)
    while True:
        known = next((h for h in sorted(_heads(rest, _KNOWN_HEAD), key=len, reverse=True)
                      if _in_force(h, year) and (_is_province(h, year) or _confirmed_elsewhere(h, context, year))), None)
        if known is None:
            break
        rest = rest[len(known):]
    for head in _heads(rest):
        real = _in_force(head, year)
        if real and _confirmed_elsewhere(head, context, year):
            return None
        found: dict[str, tuple[str, gaz.Region]] = {}
        for v in _variants(head):
            for r in gaz.candidates(v, year):
                if r.level in ("prefecture", "county"):
                    found.setdefault(r.code, (v, r))
        if not found:
            if real:
                return None
            continue
        names = tuple(sorted({v for v, _ in found.values()}))
        confirmed = [(v, r, _named_ancestors(r, context)) for v, r in found.values()]
        confirmed = [c for c in confirmed if c[2]]
        if len(confirmed) == 1:
            v, r, anc = confirmed[0]
            return Reading("corrected", head, v, r, names, "、".join(anc))
        if real:
            return None  # a real name with nothing better: trusted as printed
        return Reading("ambiguous" if len(confirmed) > 1 else "no_context", head, None, None, names)
    return None
