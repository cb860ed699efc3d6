"""The benchmark corpus: deterministic, the mix it claims, and truth a reader of the text agrees with."""
from __future__ import annotations

import collections
import html as htmllib
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.bench import generator as gen
from pipeline.bench.render import LABELS
from pipeline.bench.run import change_files, changed_truth_path, ensure_corpus
from pipeline.bench.values import APPLICANT_COLS, OUTCOMES_2019, OUTCOMES_2021

SEED = 7
FROM_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
BLANKS = {"/", "-", "—", "无"}
PAGE_MARK = re.compile(r"^(- \d+ -|—\d+—|第\d+页 共\d+页)$")
NUMBER = re.compile(r"^\d+$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "corpus"
    gen.generate(40, SEED, out, workers=2)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding).replace("\r\n", "\n")


def sample(kind: str, n: int = 4000, limit: int = 6) -> list[tuple[bytes, dict]]:
    """Reports of one kind among the first n of the seed's sequence, found by their spec (cheap)."""
    stride = gen._stride(SEED, len(gen._AGENCIES) * len(gen.YEARS))
    out = []
    for i in range(n):
        meta, _ = gen.spec(SEED, i, stride)
        if kind == meta["bad_kind"] or (meta["bad_kind"] is None and kind in (meta["format"], meta["template"])):
            out.append(gen.make_report(SEED, i, 0, stride))
            if len(out) == limit:
                break
    return out


def test_same_seed_same_bytes(corpus, tmp_path):
    again = tmp_path / "again"
    gen.generate(40, SEED, again, workers=1)  # serial vs parallel must not matter either
    assert files(corpus) == files(again)
    assert pq.read_table(gen.truth_path(corpus)).equals(pq.read_table(gen.truth_path(again)))
    other = tmp_path / "other"
    gen.generate(40, SEED + 1, other, workers=1)
    assert files(other) != files(corpus)


def test_truth_sits_outside_the_corpus_and_names_every_file(corpus):
    truth = pq.read_table(gen.truth_path(corpus)).to_pylist()
    assert gen.truth_path(corpus).parent == corpus.parent
    assert sorted(t["source_path"] for t in truth) == sorted(files(corpus))
    assert len({(t["agency_name"], t["report_year"]) for t in truth if t["status"] == "ok"}) == \
        sum(t["status"] == "ok" for t in truth)


def test_mix_of_templates_formats_encodings_and_bad_files():
    stride = gen._stride(SEED, len(gen._AGENCIES) * len(gen.YEARS))
    metas = [gen.spec(SEED, i, stride)[0] for i in range(20_000)]
    count = collections.Counter
    templates = count(m["template"] for m in metas)
    assert all(templates[t] > 2000 for t in ("legacy", "2019", "2021"))
    for m in metas:
        y, t = m["report_year"], m["template"]
        assert t != "2021" or y >= 2021
        assert t != "legacy" or y <= 2018
    formats = count(m["format"] for m in metas)
    assert 0.07 < formats["html"] / len(metas) < 0.13
    encodings = count(m["encoding"] for m in metas)
    assert {"utf-8", "gbk", "gb18030", "utf-8-sig"} <= set(encodings)
    assert encodings["utf-8"] > len(metas) * 0.7
    bad = count(m["bad_kind"] for m in metas)
    assert all(bad[k] > 10 for k in ("empty", "binary", "truncated"))


def test_encodings_are_what_the_truth_says():
    for kind in ("text", "html"):
        for data, truth in sample(kind, limit=40):
            enc = truth["encoding"]
            assert decode(data, enc)
            assert data.startswith(b"\xef\xbb\xbf") == (enc == "utf-8-sig")
            if enc in ("gbk", "gb18030"):
                with pytest.raises(UnicodeDecodeError):
                    data.decode("utf-8")


def test_bad_files_are_bad():
    for kind in ("empty", "binary", "truncated"):
        reports = sample(kind, n=20_000, limit=3)
        assert reports, kind
        for data, truth in reports:
            assert truth["status"] == "quarantined" and truth["cells"] == [] and truth["template"] is None
            if kind == "empty":
                assert data == b""
            else:
                with pytest.raises(UnicodeDecodeError):
                    data.decode(truth["encoding"] or "utf-8")


def row_codes(template: str) -> list[str]:
    return ["received_new", "carried_over", *(OUTCOMES_2019 if template == "2019" else OUTCOMES_2021),
            "handled_total", "carried_forward"]


def needle(code: str) -> str:
    """Text that survives the damage for a row: long labels may wrap, the lone （六） may split."""
    part = LABELS[code][-1]
    if part == "（六）其他处理":
        return "（六）"
    return part[-4:] if len(part) > 10 else part


def tokens_after(text: str, pos: int, k: int, sep: str) -> list[str]:
    """The next k value tokens (numbers or blank markers), as a careful reader would take them."""
    lines = [ln.strip() for ln in text[pos:].split("\n")]
    lines = [ln for ln in lines if not PAGE_MARK.match(ln) and not (sep != "lines" and NUMBER.match(ln))]
    toks = [t for t in re.split(r"[\s|]+", "\n".join(lines)) if t]
    return [t for t in toks if NUMBER.match(t) or t in BLANKS][:k]


def as_value(tok: str) -> int | None:
    return None if tok in BLANKS else int(tok)


def test_text_tables_hold_the_truth_values():
    checked = collections.Counter()
    for template in ("2019", "2021"):
        for data, truth in sample(template, n=20_000, limit=60):
            if truth["format"] != "text" or any(d == "blank:empty" for d in truth["damage"]):
                continue
            sep = next(d for d in truth["damage"] if d.startswith("sep:"))[4:]
            text = decode(data, truth["encoding"]).translate(FROM_FULLWIDTH)
            cells = {(c["tbl"], c["row"], c["col"]): c["value"] for c in truth["cells"]}
            pos = text.index("三、收到和处理政府信息公开申请情况")
            for code in row_codes(template):
                pos = text.index(needle(code), pos) + len(needle(code))
                got = [as_value(t) for t in tokens_after(text, pos, 7, sep)]
                want = [cells[("requests", code, a)] for a in [*APPLICANT_COLS, "total"]]
                assert got == want, (truth["source_path"], code, truth["damage"])
            pos = text.index("复议后起诉", text.index("四、政府信息公开行政复议"))
            got = [as_value(t) for t in tokens_after(text, pos, 15, sep)]
            want = [v for (tbl, _, _), v in cells.items() if tbl == "review_litigation"]
            assert got == want, (truth["source_path"], truth["damage"])
            checked[sep] += 1
    assert set(checked) == {"tab", "spaces", "pipes", "lines"}, checked


def test_html_tables_hold_the_truth_values():
    n = 0
    for data, truth in sample("html", n=20_000, limit=40):
        if truth["template"] == "legacy":
            continue
        page = decode(data, truth["encoding"])
        assert "<table" in page and "rowspan" in page and "colspan" in page
        rows = {}
        for tr in re.findall(r"<tr>(.*?)</tr>", page):
            tds = [htmllib.unescape(x) for x in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
            for code in row_codes(truth["template"]):
                if LABELS[code][-1] in tds:
                    rows[code] = tds[-7:]
        cells = {(c["row"], c["col"]): c["value"] for c in truth["cells"] if c["tbl"] == "requests"}
        for code, tds in rows.items():
            want = [cells[(code, a)] for a in [*APPLICANT_COLS, "total"]]
            assert [None if t in BLANKS | {""} else int(t) for t in tds] == want
        assert len(rows) == len(row_codes(truth["template"]))
        n += 1
    assert n >= 3


def test_legacy_sentences_hold_the_truth_values():
    for data, truth in sample("legacy", limit=30):
        text = decode(data, truth["encoding"])
        cells = {(c["row"], c["col"]): c["value"] for c in truth["cells"]}
        assert len(cells) == 4
        received = cells[("received_new", "total")]
        if received:
            assert re.search(rf"申请{received}件", text)
        else:
            assert "没有收到" in text or "未收到" in text
        review = cells[("administrative_review", "total")]
        if review is None:
            assert "行政复议" not in text and cells[("litigation_direct", "total")] is None
            continue
        section = text[text.index("五、因政府信息公开申请"):text.index("六、存在的主要问题")]
        if review == 0:
            assert "行政复议" in section and not re.search(r"行政复议[1-9]", section)
        else:
            assert f"行政复议{review}件" in section
        assert re.search(r"〔\d{4}〕|\d{3,4}-\d{7,8}|\d+条|\d+人次", text)  # the traps are there


def test_consistency_mostly_holds_and_breaks_are_recorded():
    reports = [t for _, t in sample("2021", n=20_000, limit=300)]
    broken = [t for t in reports if t["consistent"] is False]
    assert 0 < len(broken) < len(reports) * 0.2
    for t in reports:
        if t["consistent"] is not True:
            continue
        c = {(x["row"], x["col"]): x["value"] for x in t["cells"] if x["tbl"] == "requests"}
        for a in APPLICANT_COLS:
            if None in (c[("received_new", a)], c[("carried_over", a)], c[("carried_forward", a)]):
                continue
            assert c[("received_new", a)] + c[("carried_over", a)] == c[("handled_total", a)] + c[("carried_forward", a)]


def test_change_is_deterministic_and_restorable(tmp_path):
    corpus, took = ensure_corpus(50, SEED, tmp_path)
    assert took is not None
    before = files(corpus)
    picked = change_files(corpus, 50, SEED, share=0.1)
    after = files(corpus)
    changed = {p for p in before if before[p] != after[p]}
    override = pq.read_table(changed_truth_path(corpus)).to_pylist()
    assert len(picked) == 5 and changed == {t["source_path"] for t in override}
    assert all(t["rev"] >= 1 for t in override)
    corpus2, took = ensure_corpus(50, SEED, tmp_path)  # the next run starts from the original corpus
    assert took is None and files(corpus2) == before and not changed_truth_path(corpus).exists()
    assert change_files(corpus, 50, SEED, share=0.1) == picked
