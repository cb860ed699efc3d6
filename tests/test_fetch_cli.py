"""`python -m pipeline fetch`: the sources file is checked first (a clear one-line error and a
non-zero exit), a run with failing URLs still exits 0 with a summary; link finding on real-world
page shapes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.fetch import links
from pipeline.fetch.sources import SourcesError, load_sources
from fetch_site import Reply, Site

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, message", [
    ("[[source]]\nname = 'a'\n", "is not an http(s) URL"),
    ("[[source]]\nname = '../up'\nurl = 'https://a.gov.cn/nb/'\n", "it is a folder name"),
    ("[[source]]\nname = 'a'\nurl = 'ftp://a.gov.cn/'\n", "is not an http(s) URL"),
    ("[[source]]\nname = 'a'\nurl = 'https://a.gov.cn/'\n[[source]]\nname = 'A'\nurl = 'https://b.gov.cn/'\n", "used twice"),
    ("[[source]]\nname = 'a'\nurl = 'https://a.gov.cn/'\nrate = 3\n", "unknown key(s) ['rate']"),
    ("[[sources]]\nname = 'a'\n", "unknown top-level key(s)"),
    ("name = \n", "not valid TOML"),
    ("", "no [[source]] tables"),
])
def test_invalid_sources_file_is_one_clear_line(tmp_path: Path, capsys, text, message):
    f = tmp_path / "s.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")):
        load_sources(f)
    assert main(["fetch", "--sources", str(f), "--raw-dir", str(tmp_path / "raw")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err
    assert not (tmp_path / "raw").exists() or not any((tmp_path / "raw").iterdir())


def test_missing_sources_file_and_bad_rate(tmp_path: Path, capsys):
    assert main(["fetch", "--sources", str(tmp_path / "none.toml"), "--raw-dir", str(tmp_path)]) == 2
    assert "no such sources file" in capsys.readouterr().err
    f = tmp_path / "s.toml"
    f.write_text("[[source]]\nname = 'a'\nurl = 'http://127.0.0.1:9/'\n", encoding="utf-8")
    assert main(["fetch", "--sources", str(f), "--raw-dir", str(tmp_path), "--rate", "0"]) == 2
    assert "--rate must be a positive number" in capsys.readouterr().err


def test_cli_run_with_failures_exits_0_and_prints_the_summary(tmp_path: Path):
    with Site() as site:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n")
        site.routes["/nb/"] = Reply(200, "<a href='t1.html'>2023年年报</a><a href='gone.html'>2022年年报</a>".encode(),
                                    {"Content-Type": "text/html; charset=utf-8"})
        site.routes["/nb/t1.html"] = Reply(200, "<p>报告正文</p>".encode(), {"Content-Type": "text/html; charset=utf-8"})
        f = tmp_path / "s.toml"
        f.write_text(f'[[source]]\nname = "demo"\nurl = "{site.base}/nb/"\n', encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "pipeline", "fetch", "--sources", str(f),
                              "--raw-dir", str(tmp_path / "raw"), "--rate", "20", "--quiet"],
                             cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("fetched 1 sources: 1 list pages, 2 reports found; files 1 new, 0 changed, 0 unchanged, 1 failed")
    assert f"failed {site.base}/nb/gone.html: HTTP 404" in out.stdout
    assert (tmp_path / "raw" / "demo" / "t1.html").read_bytes() == "<p>报告正文</p>".encode()


def test_links_on_real_world_page_shapes():
    gbk = ("<html><head><meta charset='gb2312'></head><body><a href='t1.htm'>2023年度报告</a>"
           "<a href='index_3.htm'>下一页&gt;</a><a href='/'>网站首页</a>"
           "<script>createPageHTML(4, 0, \"index\", \"htm\");</script></body></html>").encode("gbk")
    page = links.parse_page(gbk, "http://a.gov.cn/xxgk/nb/index.htm", "text/html")
    column = links.column_dir("http://a.gov.cn/xxgk/nb/index.htm")
    by_text = {lk.text: lk for lk in page.links}
    assert links.is_report_page(by_text["2023年度报告"], column)
    assert links.is_pagination(by_text["下一页>"], column)
    assert not links.is_report_page(by_text["网站首页"], column) and not links.is_pagination(by_text["网站首页"], column)
    assert page.script_pages == tuple(f"http://a.gov.cn/xxgk/nb/{n}.htm" for n in ("index", "index_1", "index_2", "index_3"))
    assert page.redirect is None

    shell = b"<html><head><meta http-equiv='refresh' content='0; url=/nb/real.html'></head><body></body></html>"
    assert links.parse_page(shell, "http://a.gov.cn/nb/x.html").redirect == "http://a.gov.cn/nb/real.html"
    js = b"<script type='text/javascript'>window.location = \"../2024/t2.html\";</script>"
    assert links.parse_page(js, "http://a.gov.cn/nb/x/t.html").redirect == "http://a.gov.cn/nb/2024/t2.html"
    long_page = ("<p>" + "正文" * 200 + "</p><script>if(x){location.href='/m/'}</script>").encode()
    assert links.parse_page(long_page, "http://a.gov.cn/nb/t.html").redirect is None  # a real page with a script
