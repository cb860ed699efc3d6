"""Agency name → region, level, sector and a canonical key.

An agency name is a run of division names, an optional scope word (市直, 省直), and a body
(人民政府, 机关事务管理局, 洪泽区人民政府办公室 …). jieba segments it with a private Tokenizer
whose whole dictionary is the domain words in data/agency_words.txt plus the gazetteer's names:
no general-purpose dictionary is loaded, so the tokenizer builds in ~20 ms instead of jieba's
~0.7 s and leaves the global jieba instance alone. Unknown characters fall out as single-character
tokens (HMM off), which is what we want: only known words carry meaning here.

The key is '<region_code>:<canonical body>', so 洪泽区人民政府 and 淮安市洪泽区人民政府 (both
320813) are one agency, and 市直 / abbreviations (发改委) do not split an agency in two.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pipeline.parse import region as gaz

_WORDS = Path(__file__).parent / "data" / "agency_words.txt"
# Leading abbreviations of the agency's own level (省机关事务管理局, 市经合局): the region is then
# named only in the text around the name.
_LEVEL_PREFIX = {"省": "province", "自治区": "province", "市": "prefecture", "州": "prefecture",
                 "盟": "prefecture", "县": "county", "区": "county", "旗": "county"}
_TOWNSHIP = re.compile(r"(镇|乡|街道)(人民政府|政府|办事处)?$")
_SPACE = re.compile(r"[\s\u3000]+")
_SYSTEM = re.compile(r"^(国家税务总局|中国人民银行|国家统计局|国家外汇管理局|国家金融监督管理总局|中国银行保险监督管理委员会"
                     r"|中国银保监会|中国证券监督管理委员会|中国气象局|国家烟草专卖局|中国共产党|中共)")


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    name: str
    region: gaz.Region | None
    level: str | None  # province | prefecture | county | township | <level>_department
    sector: str | None
    body: str  # the name without its division names and scope word, canonical spelling
    key: str | None


@dataclass(frozen=True, slots=True)
class _Word:
    sector: str | None
    canonical: str


@cache
def _lexicon() -> dict[str, _Word]:
    out = {}
    for line in _WORDS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        word, sector = parts[0], parts[2]
        out[word] = _Word(None if sector == "-" else sector, parts[3] if len(parts) > 3 else word)
    return out


@cache
def tokenizer():
    import jieba

    lines = [f"{w} 100000" for w in _lexicon()]
    lines += [f"{n} 200000" for n in gaz.names()]
    lines += [f"{p} 1000" for p in _LEVEL_PREFIX]
    tok = jieba.Tokenizer()
    # gen_pfdict from memory instead of initialize(): no cache file in /tmp, no log lines
    tok.FREQ, tok.total = tok.gen_pfdict(io.BytesIO("\n".join(lines).encode("utf-8")))
    tok.initialized = True
    return tok


def agency_tokens(name: str) -> list[str]:
    return list(_tokens(name))


@lru_cache(maxsize=8192)
def _tokens(name: str) -> tuple[str, ...]:
    # jieba's segmentation is the cost of reading a name; the same names come back within a
    # report (title, signature, body) and across reports
    return tuple(tokenizer().lcut(name, HMM=False))


def normalise_name(name: str) -> str:
    return _SPACE.sub("", name).strip("*#:：,，.。 ")


def _county_before(name: str, context: str, year: int | None) -> gaz.Region | None:
    """The county of a sub-district or township that names only itself (东关街道): the county the
    text prints right before it ('临夏市东关街道', '临夏市人民政府东关街道办事处'), when that is one
    county; a bare level word or several counties leave it unknown."""
    core = _TOWNSHIP.sub(lambda m: m.group(1), name)
    found: set[str] = set()
    for m in re.finditer(re.escape(core), context):
        before = re.sub(r"(人民政府|政府)$", "", context[max(0, m.start() - 16): m.start()])
        # the longest division name of a county (or one of that year: 上虞市 in 2010) ending there
        for k in range(min(len(before), 12), 1, -1):
            if any(r.level == "county" for r in gaz.candidates(before[-k:], year)):
                found.add(before[-k:])
                break
    if len(found) != 1:
        return None
    return gaz.resolve_chain([found.pop()], year, context)


def analyse_agency(name: str | None, context: str = "", year: int | None = None) -> AgencyInfo | None:
    if not name:
        return None
    name = normalise_name(name)
    # a vertical system or the party before the division ('国家税务总局淮安市洪泽区税务局',
    # '中共淮安市委宣传部'): the division after it places the agency; the system stays in its body
    system = _SYSTEM.match(name)
    rest = agency_tokens(name[system.end():]) if system else []
    system = system.group() if rest and gaz.is_region_name(rest[0]) else ""
    tokens = agency_tokens(name[len(system):])
    lex = _lexicon()
    chain: list[str] = []
    i = 0
    while i < len(tokens) and gaz.is_region_name(tokens[i]):
        chain.append(tokens[i])
        i += 1
    hint = None
    if not chain and i < len(tokens) and tokens[i] in _LEVEL_PREFIX:
        hint = _LEVEL_PREFIX[tokens[i]]
        i += 1
    # scope words (市直) say "the prefecture's own agencies": no meaning for identity
    while i < len(tokens) and tokens[i] in lex and lex[tokens[i]].sector is None:
        i += 1
    body_tokens = tokens[i:]
    region = gaz.resolve_chain(chain, year, context) if chain else None
    if region is None and hint and context:
        region = gaz.resolve_text(context, hint, year)
        if region is None and hint == "prefecture":
            # 市科委 of a municipality (北京市, 重庆市): its 市 is a province-level division
            region = gaz.resolve_text(context, "province", year, only=gaz.MUNICIPALITIES)
    if region is None and not chain and hint is None and context and _TOWNSHIP.search(name):
        region = _county_before(name, context, year)
    base = region.level if region else hint

    body = system + "".join(lex[t].canonical if t in lex else t for t in body_tokens)
    sector = None
    for t in reversed(body_tokens):  # the head word closes the name: 人民政府办公室 → 政府办公室
        if t in lex and lex[t].sector:
            sector = lex[t].sector
            break
    township = _TOWNSHIP.search(body) if sector in (None, "人民政府") else None
    if township and body != township.group(0):
        level = "township"
        sector = "人民政府"
    elif sector == "人民政府" and body in ("人民政府", "政府"):
        level = base
    else:
        level = f"{base}_department" if base else None
    # the key uses today's code, so 富阳市 (330183, 2013) and 富阳区 (330111) are one agency
    key = f"{(gaz.current_code(region.code) or region.code) if region else '?'}:{body}" if body else None
    if region is None and chain:
        key = f"?:{''.join(chain)}{body}"
    return AgencyInfo(name, region, level, sector, body, key)
