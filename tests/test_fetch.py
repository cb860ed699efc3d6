"""Fetching a fake government site on 127.0.0.1: what is saved, what is never asked for, the pace,
retries, and the second night's conditional requests."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.fetch.limits import Limits
from pipeline.fetch.run import run_fetch
from fetch_site import Reply, Site, static

RATE = 20.0  # requests per second: fast tests, same code path as the default 1
LIMITS = Limits(rate=RATE, timeout=3, response_seconds=3, backoff=0.05, max_response_bytes=400_000)
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
PDF = (CORPUS / "hongze-qu_2024.pdf").read_bytes()
DOCX = (CORPUS / "template-2021-blank.docx").read_bytes()
GBK_PAGE = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'>"
            "<title>示例县水务局2022年政府信息公开工作年度报告</title></head><body>"
            "<h1>示例县水务局2022年政府信息公开工作年度报告</h1><p>本报告说明本局去年的公开情况。</p>"
            "<p>附件：<a href='../files/%E9%99%84%E4%BB%B6%E8%A1%A8%E6%A0%BC.docx'>附件表格.docx</a></p>"
            "</body></html>").encode("gbk")
PDF_NAME = "示例局2023年年报.pdf"


def page(title: str, *anchors: str, extra: str = "") -> bytes:
    nav = "<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div>"
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{nav}<ul>"
            + "".join(f"<li>{a}</li>" for a in anchors) + f"</ul>{extra}</body></html>").encode("utf-8")


def report_page(title: str, attachment: str = "") -> bytes:
    link = f"<p><a href='{attachment}'>下载附件</a></p>" if attachment else ""
    return page(title, extra=f"<div class='content'><h1>{title}</h1><p>正文。</p>{link}</div>")


def build_site(site: Site) -> dict:
    flaky = {"n": 0}

    def flaky_route(hit):
        flaky["n"] += 1
        if flaky["n"] == 1:
            return Reply(503, b"busy", {"Retry-After": "1"})
        if flaky["n"] == 2:
            return Reply(503, b"busy")
        return Reply(200, report_page("示例局2021年政府信息公开工作年度报告"), {"Content-Type": "text/html; charset=utf-8"})

    html = "text/html; charset=utf-8"
    other = f"http://localhost:{site.port}/zfxxgknb/202401/evil.html"
    site.routes.update({
        "/robots.txt": Reply(200, b"User-agent: *\nDisallow: /zfxxgknb/private/\n", {"Content-Type": "text/plain"}),
        "/zfxxgknb/": Reply(200, page(
            "政府信息公开年报",
            "<a href='202401/t20240110_1.html'>示例局2023年政府信息公开工作年度报告</a>",
            "<a href='202401/t20240110_1.html#top'>同一报告</a>",
            "<a href='./202401/../202401/t20240110_1.html'>同一报告（相对）</a>",
            "<a href='202301/t20230105_2.html'>示例县水务局2022年年报</a>",
            "<a href='private/t_secret.html'>内部年报</a>",
            f"<a href='{other}'>外站年报</a>",
            "<a href='202402/t_missing.html'>已撤下的年报</a>",
            "<a href='javascript:void(0)'>打印</a> <a href='mailto:a@b.cn'>邮件</a>",
            "<a href='index_1.html'>下一页</a>",
        ), {"Content-Type": html}),
        "/zfxxgknb/index_1.html": Reply(200, page(
            "政府信息公开年报 第2页",
            "<a href='202201/t_flaky.html'>示例局2021年年报</a>",
            "<a href='202001/t_shell.html'>示例局2020年年报</a>",
            "<a href='about.html'>栏目说明</a>",
            "<a href='index_2.html'>尾页</a>",
        ), {"Content-Type": html}),
        "/zfxxgknb/index_2.html": Reply(200, page(
            "政府信息公开年报 第3页", "<a href='/zfxxgknb/files/big.pdf'>示例局年报全文（扫描件）.pdf</a>",
        ), {"Content-Type": html}),
        "/zfxxgknb/202401/t20240110_1.html": static(
            report_page("示例局2023年政府信息公开工作年度报告", "/zfxxgknb/files/" + quote(PDF_NAME)), html),
        "/zfxxgknb/files/" + quote(PDF_NAME): static(PDF, "application/pdf", etag=False),
        "/zfxxgknb/202301/t20230105_2.html": static(GBK_PAGE, "text/html"),
        "/zfxxgknb/files/" + quote("附件表格.docx"): static(
            DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "/zfxxgknb/private/t_secret.html": Reply(200, report_page("不该被取")),
        "/zfxxgknb/202201/t_flaky.html": flaky_route,
        "/zfxxgknb/202001/t_shell.html": Reply(200, b"<html><head><script>window.location.href = "
                                                    b"'../202001/t_real.html';</script></head><body></body></html>",
                                               {"Content-Type": html}),
        "/zfxxgknb/202001/t_real.html": static(report_page("示例局2020年政府信息公开工作年度报告"), html),
        "/zfxxgknb/about.html": static(page("栏目说明", extra="<p>本栏目发布年度报告。</p>"), html),
        "/zfxxgknb/files/big.pdf": Reply(200, b"%PDF-" + b"0" * 500_000, {"Content-Type": "application/pdf"}),
    })
    return flaky


def sources_file(tmp_path: Path, site: Site, name: str = "example") -> Path:
    f = tmp_path / "sources.toml"
    f.write_text(f'[[source]]\nname = "{name}"\nurl = "{site.base}/zfxxgknb/"\n', encoding="utf-8")
    return f


@pytest.fixture
def site():
    with Site() as s:
        build_site(s)
        yield s


def test_fetch_a_column_then_fetch_it_again(site: Site, tmp_path: Path):
    raw = tmp_path / "raw"
    results, lines = run_fetch(sources_file(tmp_path, site), raw, rate=RATE, limits=LIMITS)
    folder = raw / "example"

    # --- the files fetched, byte for byte as served
    saved = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert saved == sorted([
        "t20240110_1.html", PDF_NAME, "t20230105_2.html", "附件表格.docx",
        "t_flaky.html", "t_real.html", "about.html",
    ])
    assert (folder / PDF_NAME).read_bytes() == PDF
    assert (folder / "附件表格.docx").read_bytes() == DOCX
    assert (folder / "t20230105_2.html").read_bytes() == GBK_PAGE  # a GBK page stays GBK

    # --- requests never made: robots-disallowed, another host, site chrome, the redirect shell's file
    paths = site.paths()
    assert paths[0] == "/robots.txt"  # before anything else
    assert "/zfxxgknb/private/t_secret.html" not in paths
    assert all(h.host == f"127.0.0.1:{site.port}" for h in site.hits)  # never localhost (another host)
    assert "/" not in paths and "/zwgk/" not in paths
    assert paths.count("/zfxxgknb/202401/t20240110_1.html") == 1  # duplicate links fetched once
    assert paths.count("/robots.txt") == 1
    assert all(h.headers.get("User-Agent", "").startswith("disclosure-pipeline/") for h in site.hits)

    # --- retries: 503 twice then 200, the first wait honouring Retry-After: 1
    assert sum(1 for h in site.hits if h.path == "/zfxxgknb/202201/t_flaky.html") == 3

    # --- the pace: never two requests closer than 1/rate
    # As the server saw them (thread scheduling on a loaded machine blurs single gaps a little,
    # a burst would show as gaps near 0), and over the whole run. Exact spacing: the log, below.
    times = sorted(h.t for h in site.hits)
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.5 / RATE
    assert times[-1] - times[0] >= (len(times) - 1) / RATE * 0.9

    # --- the summary
    [r] = results
    assert r.list_pages == 3
    assert r.files["new"] == 7 and r.files["changed"] == 0 and r.files["unchanged"] == 0
    reasons = dict(r.failures)
    assert reasons[f"{site.base}/zfxxgknb/private/t_secret.html"] == "disallowed by robots.txt"
    assert reasons[f"{site.base}/zfxxgknb/202402/t_missing.html"] == "HTTP 404"
    assert "over the 400000-byte limit" in reasons[f"{site.base}/zfxxgknb/files/big.pdf"]
    assert not any("localhost" in u for u in reasons)  # never even tried, but named
    assert r.notes == [f"1 report or attachment links on other hosts not followed, e.g. http://localhost:{site.port}/zfxxgknb/202401/evil.html"]
    assert "7 new, 0 changed, 0 unchanged, 3 failed" in lines[0]
    assert any("t_missing.html: HTTP 404" in ln for ln in lines)

    # --- the record of where each file came from, and of every request
    manifest = json.loads((folder / ".fetch" / "files.json").read_text(encoding="utf-8"))
    by_file = {e["file"]: url for url, e in manifest["files"].items() if e.get("file")}
    assert by_file[PDF_NAME] == f"{site.base}/zfxxgknb/files/{quote(PDF_NAME)}"
    [log] = list((folder / ".fetch" / "requests").glob("*.jsonl"))
    logged = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    assert len(logged) == len(site.hits)
    starts = sorted(datetime.fromisoformat(x["requested_at"]) for x in logged)
    assert min((b - a).total_seconds() for a, b in zip(starts, starts[1:])) >= 1 / RATE - 0.002  # as sent
    flaky = [datetime.fromisoformat(x["requested_at"]) for x in logged if x["url"].endswith("t_flaky.html")]
    assert [x["status"] for x in logged if x["url"].endswith("t_flaky.html")] == [503, 503, 200]
    assert (flaky[1] - flaky[0]).total_seconds() >= 1.0 - 0.002  # Retry-After: 1, not the 0.05 s backoff
    pdf_req = next(x for x in logged if x["url"].endswith(quote(PDF_NAME)))
    assert pdf_req["status"] == 200 and pdf_req["bytes"] == len(PDF) and len(pdf_req["sha256"]) == 64

    # ------------------------------------------------------------------ the next night
    site.hits.clear()
    site.routes["/zfxxgknb/202401/t20240110_1.html"] = static(
        report_page("示例局2023年政府信息公开工作年度报告（更正）", "/zfxxgknb/files/" + quote(PDF_NAME)),
        "text/html; charset=utf-8", modified=1_800_000_000.0)
    site.routes["/zfxxgknb/index_2.html"] = Reply(200, page(
        "政府信息公开年报 第3页", "<a href='202403/t_new.html'>示例局2024年年报</a>"), {"Content-Type": "text/html"})
    site.routes["/zfxxgknb/202403/t_new.html"] = static(report_page("示例局2024年政府信息公开工作年度报告"), "text/html")
    results, lines = run_fetch(sources_file(tmp_path, site), raw, rate=RATE, limits=LIMITS)
    [r] = results
    assert r.files["new"] == 1 and r.files["changed"] == 1 and r.files["unchanged"] == 6
    assert "（更正）" in (folder / "t20240110_1.html").read_text(encoding="utf-8")  # replaced
    assert (folder / "t_new.html").exists()
    hits = {h.path: h for h in site.hits}
    gbk = hits["/zfxxgknb/202301/t20230105_2.html"]
    assert gbk.headers.get("If-None-Match")  # conditional, from the last ETag
    pdf = hits["/zfxxgknb/files/" + quote(PDF_NAME)]
    assert pdf.headers.get("If-Modified-Since") and not pdf.headers.get("If-None-Match")  # Last-Modified only
    assert "If-None-Match" not in hits["/zfxxgknb/202403/t_new.html"].headers  # new: nothing to compare
    assert "If-None-Match" not in hits["/zfxxgknb/"].headers  # list pages are read in full
    logs = sorted((folder / ".fetch" / "requests").glob("*.jsonl"))
    assert len(logs) == 2
    second = [json.loads(x) for x in logs[1].read_text(encoding="utf-8").splitlines()]
    assert sum(1 for x in second if x["status"] == 304) == 5 and all(x["conditional"] for x in second if x["status"] == 304)
