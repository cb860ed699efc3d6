"""A hostile or broken site cannot hang or fill the run, and nothing from the web escapes the
source's folder."""
from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.fetch.limits import Limits
from pipeline.fetch.run import run_fetch
from pipeline.fetch.store import UnsafePath, inside, name_for, safe_name
from fetch_site import Reply, Site

HTML = {"Content-Type": "text/html; charset=utf-8"}
FAST = Limits(rate=50, timeout=1, response_seconds=1.0, backoff=0.01, max_response_bytes=100_000,
              max_list_pages=5, max_redirects=3, max_source_seconds=8)


def _sources(tmp_path: Path, url: str) -> Path:
    f = tmp_path / "s.toml"
    f.write_text(f'[[source]]\nname = "bad"\nurl = "{url}"\n', encoding="utf-8")
    return f


def _list(*hrefs: str) -> Reply:
    return Reply(200, ("<html><body>" + "".join(f"<a href='{h}'>{t}</a>" for h, t in hrefs) + "</body></html>").encode(), HTML)


def test_hostile_site_is_bounded(tmp_path: Path):
    with Site() as site:
        def endless_pages(hit):  # every list page links to the next one, forever
            n = int(hit.path.rsplit("_", 1)[1].split(".")[0]) if "_" in hit.path else 0
            return _list((f"index_{n + 1}.html", "下一页"))

        def loop(hit):  # redirects to itself with a new query, forever
            n = int(hit.path.split("=")[1]) if "=" in hit.path else 0
            return Reply(302, b"", {"Location": f"/nb/loop.html?n={n + 1}"})

        site.routes.update({
            "/robots.txt": Reply(404, b""),
            "/nb/index.html": lambda hit: Reply(200, (
                "<html><body><a href='index_1.html'>下一页</a>"
                "<a href='loop.html'>年报一</a><a href='drip.pdf'>年报二</a><a href='huge.pdf'>年报三</a>"
                "<a href='shell.html'>年报四</a><a href='away.html'>年报五</a>"
                "<a href='/files/..%2F..%2F..%2Fescape.pdf'>年报六</a></body></html>").encode(), HTML),
            "/nb/loop.html": loop,
            "/nb/drip.pdf": Reply(200, b"%PDF-" + b"x" * 200, {"Content-Type": "application/pdf"}, drip=0.05),
            "/nb/huge.pdf": Reply(200, b"%PDF-" + b"0" * 300_000, {"X-No-Length": "1"}),  # no Content-Length
            "/nb/shell.html": Reply(200, b"<script>location.replace('shell.html?again=1')</script>", HTML),
            "/nb/away.html": Reply(301, b"", {"Location": "http://localhost:1/elsewhere.html"}),
            "/files/..%2F..%2F..%2Fescape.pdf": Reply(200, b"%PDF-1.4 escape", {"Content-Type": "application/pdf"}),
        })
        for i in range(1, 50):
            site.routes[f"/nb/index_{i}.html"] = endless_pages
        started = time.monotonic()
        results, lines = run_fetch(_sources(tmp_path, f"{site.base}/nb/index.html"), tmp_path / "raw", rate=50, limits=FAST)
        elapsed = time.monotonic() - started
    [r] = results
    reasons = dict(r.failures)
    assert r.list_pages == FAST.max_list_pages
    assert any("pagination stopped at 5" in n for n in r.notes)
    assert "more than 3 redirects" in reasons[f"{site.base}/nb/loop.html"]
    assert "body not complete" in reasons[f"{site.base}/nb/drip.pdf"]
    assert "over the 100000-byte limit" in reasons[f"{site.base}/nb/huge.pdf"]
    assert "another host" in reasons[f"{site.base}/nb/away.html"]
    assert elapsed < FAST.max_source_seconds
    folder = tmp_path / "raw" / "bad"
    assert not (tmp_path / "escape.pdf").exists() and not (tmp_path / "raw" / "escape.pdf").exists()
    assert (folder / "escape.pdf").read_bytes() == b"%PDF-1.4 escape"  # saved, inside its folder
    assert not any(f.name.startswith(("huge", "drip")) for f in folder.iterdir())  # nothing half-written
    assert all(h.host.startswith("127.0.0.1:") for h in site.hits)


def test_source_time_limit_stops_a_slow_site(tmp_path: Path):
    with Site() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/nb/"] = _list(*((f"t{i}.html", f"年报{i}") for i in range(40)))
        for i in range(40):
            site.routes[f"/nb/t{i}.html"] = Reply(200, b"<p>" + b"x" * 300 + b"</p>", HTML)
        limits = Limits(rate=10, timeout=1, backoff=0.01, max_source_seconds=1.0)
        started = time.monotonic()
        results, _ = run_fetch(_sources(tmp_path, f"{site.base}/nb/"), tmp_path / "raw", rate=10, limits=limits)
        assert time.monotonic() - started < 3.0  # the limit, plus the request in flight
    [r] = results
    assert any("time limit" in n for n in r.notes)
    assert 3 <= r.files["new"] < 40
    assert r.files["failed"] <= 1  # the limit is one note, not a failure per URL left


def test_robots_txt_that_fails_keeps_the_host_untouched(tmp_path: Path):
    with Site() as site:
        site.routes["/robots.txt"] = Reply(500, b"oops")
        site.routes["/nb/"] = _list(("t1.html", "2023年年报"))
        results, _ = run_fetch(_sources(tmp_path, f"{site.base}/nb/"), tmp_path / "raw", rate=50, limits=FAST)
    assert set(site.paths()) == {"/robots.txt"} and len(site.paths()) == FAST.retries + 1
    [r] = results
    assert "robots.txt unavailable" in r.failures[0][1]


def test_a_second_fetch_of_the_same_folder_waits_its_turn(tmp_path: Path):
    import fcntl
    import os

    state = tmp_path / "raw" / "bad" / ".fetch"
    state.mkdir(parents=True)
    fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with Site() as site:
            results, _ = run_fetch(_sources(tmp_path, f"{site.base}/nb/"), tmp_path / "raw", rate=50, limits=FAST)
    finally:
        os.close(fd)
    assert site.hits == []
    assert "another fetch" in results[0].failures[0][1]


@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\win.ini", "win.ini"),
    ("..", "file"),
    (".hidden.pdf", "hidden.pdf"),
    ("a\x00b\x1f.pdf", "ab.pdf"),
    ('年报<2023>:"最终"|版?.pdf', "年报_2023___最终__版_.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("  2023年度报告 .docx  ", "2023年度报告 .docx"),
])
def test_safe_names(raw, expected):
    assert safe_name(raw) == expected


def test_long_chinese_names_are_cut_keeping_the_extension():
    name = safe_name("很长的名字" * 40 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= 150


def test_names_from_urls(tmp_path: Path):
    assert name_for("http://a.gov.cn/nb/P020240115%E5%B9%B4%E6%8A%A5.pdf", "attachment") == "P020240115年报.pdf"
    assert name_for("http://a.gov.cn/nb/2024/", "page") == "2024.html"
    assert name_for("http://a.gov.cn/art.jsp?id=7", "page").startswith("art-")
    assert name_for("http://a.gov.cn/art.jsp?id=7", "page") != name_for("http://a.gov.cn/art.jsp?id=8", "page")
    assert name_for("http://a.gov.cn/%2e%2e%2F%2e%2e%2Fx.pdf", "attachment") == "x.pdf"
    with pytest.raises(UnsafePath):
        inside(tmp_path, "..")
    with pytest.raises(UnsafePath):
        inside(tmp_path, "a/../../b")


def test_crawl_delay_in_robots_txt_slows_the_pace(tmp_path: Path):
    with Site() as site:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nCrawl-delay: 0.3\n")
        site.routes["/nb/"] = _list(("t1.html", "2023年年报"), ("t2.html", "2022年年报"))
        site.routes["/nb/t1.html"] = site.routes["/nb/t2.html"] = Reply(200, b"<p>x</p>", HTML)
        run_fetch(_sources(tmp_path, f"{site.base}/nb/"), tmp_path / "raw", rate=50, limits=FAST)
    times = [h.t for h in site.hits]
    assert len(times) == 4
    assert min(b - a for a, b in zip(times[1:], times[2:])) >= 0.29  # after robots.txt: 0.3 s, not 1/50


def test_retry_after_as_seconds_or_date():
    from email.utils import formatdate

    from pipeline.fetch.http import retry_after

    assert retry_after("7", 0.0) == 7.0
    assert abs(retry_after(formatdate(1_000_030, usegmt=True), 1_000_000.0) - 30.0) < 1e-6
    assert retry_after("soon", 0.0) is None and retry_after(None, 0.0) is None


def test_shell_column_and_two_hosts_in_parallel(tmp_path: Path):
    """A column whose first page is a JavaScript redirect shell; two sources on two host names
    (127.0.0.1 and localhost, one server) run side by side, each only on its own host, each at
    its own pace."""
    with Site() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/nb/"] = Reply(200, b"<html><script>window.location.href='./index.html'</script></html>", HTML)
        site.routes["/nb/index.html"] = _list(*((f"t{i}.html", f"{2020 + i}年年报") for i in range(4)))
        for i in range(4):
            site.routes[f"/nb/t{i}.html"] = Reply(200, f"<p>{'报告' * 150}{i}</p>".encode(), HTML)
        f = tmp_path / "s.toml"
        f.write_text(f'[[source]]\nname = "a"\nurl = "{site.base}/nb/"\n'
                     f'[[source]]\nname = "b"\nurl = "http://localhost:{site.port}/nb/"\n', encoding="utf-8")
        results, _ = run_fetch(f, tmp_path / "raw", rate=10, limits=FAST)
    assert [r.files["new"] for r in results] == [4, 4]
    for name in ("a", "b"):
        assert sorted(p.name for p in (tmp_path / "raw" / name).glob("t*.html")) == [f"t{i}.html" for i in range(4)]
    for host in (f"127.0.0.1:{site.port}", f"localhost:{site.port}"):
        times = [h.t for h in site.hits if h.host == host]
        assert len(times) == 7  # robots.txt, the shell, the list, four reports
        assert min(b - a for a, b in zip(times, times[1:])) >= 0.05  # as the server saw them (a burst: ~0)
        assert times[-1] - times[0] >= 6 * 0.1 * 0.8
    for name in ("a", "b"):  # exact spacing, as sent
        [log] = (tmp_path / "raw" / name / ".fetch" / "requests").glob("*.jsonl")
        starts = [datetime.fromisoformat(json.loads(x)["requested_at"]) for x in log.read_text().splitlines()]
        assert min((b - a).total_seconds() for a, b in zip(starts, starts[1:])) >= 0.1 - 0.002
    first = {h.host: h.t for h in reversed(site.hits)}
    assert abs(first[f"127.0.0.1:{site.port}"] - first[f"localhost:{site.port}"]) < 0.5  # side by side
