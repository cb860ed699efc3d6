"""Crawl each source's annual-report column: list pages and their pagination, the report pages
they link to on the same host, and each report page's attachments; save what is new or changed.

A re-run asks with If-None-Match / If-Modified-Since for every report page and attachment it
has a file for, so unchanged bodies are not downloaded again; a changed one replaces its file.
List pages are always fetched in full (they are what announces new reports).
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pipeline.fetch import links
from pipeline.fetch.http import PoliteClient, Result, SourceBudget, same_host
from pipeline.fetch.limits import Limits
from pipeline.fetch.sources import Source
from pipeline.fetch.store import STATE_DIR, Manifest, UnsafePath, atomic_write, inside, write_requests

log = logging.getLogger("pipeline.fetch")

PROJECT = "disclosure-pipeline"
# Where a site's webmaster reads who we are: $PIPELINE_FETCH_ABOUT (your own page or mail address),
# read when a crawl starts.
DEFAULT_ABOUT = "see the README of the disclosure-pipeline project, section Fetching reports"


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version(PROJECT)
    except PackageNotFoundError:
        v = "dev"
    about = os.environ.get("PIPELINE_FETCH_ABOUT", DEFAULT_ABOUT)
    about = about.encode("ascii", "replace").decode("ascii")  # a header is ASCII
    return f"{PROJECT}/{v} (open-data reader of government information-disclosure annual reports; {about})"


@dataclass
class SourceResult:
    name: str
    list_pages: int = 0
    reports_found: int = 0
    files: Counter = field(default_factory=Counter)  # new, changed, unchanged, failed
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    notes: list[str] = field(default_factory=list)  # limits reached, etc.
    requests: int = 0

    def fail(self, url: str, reason: str) -> None:
        self.files["failed"] += 1
        self.failures.append((url, reason))


class SourceCrawl:
    """One source, one run."""

    def __init__(self, client: PoliteClient, source: Source, raw_dir: Path, limits: Limits, run_id: str):
        self.client, self.source, self.limits, self.run_id = client, source, limits, run_id
        self.folder = raw_dir / source.name
        self.manifest: Manifest | None = None  # read once the folder's lock is held
        self.result = SourceResult(source.name)
        self.column = links.column_dir(source.url)
        self.records: list[dict] = []
        self.done: set[str] = set()  # files handled this run (duplicate links fetch once)
        self.elsewhere: set[str] = set()  # report links on other hosts: named, never requested

    def run(self) -> SourceResult:
        (self.folder / STATE_DIR).mkdir(parents=True, exist_ok=True)
        lock = os.open(self.folder / STATE_DIR / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.result.fail(self.source.url, "another fetch is writing this source's folder: skipped")
                return self.result
            return self._run()
        finally:
            os.close(lock)  # releases the lock

    def _run(self) -> SourceResult:
        self.manifest = Manifest.load(self.folder, self.source.name, self.source.url)
        self.client.budget = SourceBudget(self.limits, self.client.clock)
        self.client.record = self._record
        try:
            reports, attachments = self._crawl_lists()
            self.result.reports_found = len(reports) + len(attachments)
            for url, found_on in attachments.items():
                if self.client.budget.exhausted():
                    break  # named once in the notes, not once per URL left
                self._fetch_file(url, "attachment", found_on)
            for url, found_on in reports.items():
                if self.client.budget.exhausted():
                    break
                self._report(url, found_on)
        finally:
            self.manifest.save()
            write_requests(self.folder, self.run_id, self.records)
            self.result.requests = len(self.records)
        if self.elsewhere:
            self.result.notes.append(f"{len(self.elsewhere)} report or attachment links on other hosts not followed, "
                                     f"e.g. {sorted(self.elsewhere)[0]}")
        why = self.client.budget.exhausted()
        if why:
            self.result.notes.append(why + ": the rest waits for the next run")
        return self.result

    def _record(self, rec: dict) -> None:
        self.records.append({"run_id": self.run_id, "source": self.source.name, **rec})

    # ------------------------------------------------------------------------ list pages
    def _crawl_lists(self) -> tuple[dict[str, str], dict[str, str]]:
        queue: list[str] = [self.source.url]
        seen: set[str] = set()
        reports: dict[str, str] = {}  # report page URL → list page it was found on (insertion order)
        attachments: dict[str, str] = {}
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            if self.client.budget.exhausted():
                break
            if self.result.list_pages >= self.limits.max_list_pages:
                self.result.notes.append(f"pagination stopped at {self.limits.max_list_pages} list pages (limit)")
                break
            seen.add(url)
            res, page = self._get_page(url, "list")
            if res is None:
                continue
            seen.add(res.url)
            self.result.list_pages += 1
            for target in page.script_pages:
                if target not in seen and same_host(target, self.source.url):
                    queue.append(target)
            for link in page.links:
                if not same_host(link.url, self.source.url):
                    if links.is_attachment(link.url) or links.is_report_page(link, self.column):
                        self.elsewhere.add(link.url)
                    continue  # never another host
                if links.is_attachment(link.url):
                    attachments.setdefault(link.url, res.url)
                elif links.is_pagination(link, self.column):
                    if link.url not in seen:
                        queue.append(link.url)
                elif links.is_report_page(link, self.column):
                    reports.setdefault(link.url, res.url)
        for url in seen:
            reports.pop(url, None)  # a list page linked from another (a tab, 首页) is not a report
        if len(reports) > self.limits.max_reports:
            self.result.notes.append(f"{len(reports)} report links, only the first {self.limits.max_reports} followed (limit)")
            reports = dict(list(reports.items())[: self.limits.max_reports])
        return reports, attachments

    def _get_page(self, url: str, kind: str) -> tuple[Result | None, links.Page | None]:
        """A list page, through any JavaScript redirect shells; failures are recorded."""
        for _hop in range(self.limits.max_redirects + 1):
            res = self.client.get(url, self.source.url, kind=kind)
            if not res.ok or res.body is None:
                self.result.fail(url, res.error or f"HTTP {res.status}")
                return None, None
            page = links.parse_page(res.body, res.url, res.headers.get("content-type"))
            if not page.redirect or page.redirect == res.url:
                return res, page
            url = page.redirect
        self.result.fail(url, "too many JavaScript redirects")
        return None, None

    # ------------------------------------------------------------------------ reports
    def _report(self, url: str, found_on: str) -> None:
        page = None
        for _hop in range(self.limits.max_redirects + 1):
            if not same_host(url, self.source.url):
                self.result.fail(url, "refused: redirect shell to another host")
                return
            got = self._fetch_file(url, "page", found_on)
            if got is None:
                return
            final, page = got
            if page.redirect is None:
                break
            url = page.redirect  # a JavaScript shell is not saved: its target is the report
        else:
            self.result.fail(url, "too many JavaScript redirects")
            return
        found = [lk.url for lk in page.links if links.is_attachment(lk.url)]
        self.elsewhere.update(u for u in found if not same_host(u, self.source.url))
        found = [u for u in found if same_host(u, self.source.url)]
        for att in list(dict.fromkeys(found))[: self.limits.max_attachments]:
            self._fetch_file(att, "attachment", final)

    def _fetch_file(self, url: str, kind: str, found_on: str) -> tuple[str, links.Page | None] | None:
        """Fetch (conditionally when we have the file) and save one report page or attachment.
        Returns the URL answered and, for a page, its links (read from disk when unchanged);
        None when it failed or was handled already this run."""
        if url in self.done:
            return None
        self.done.add(url)
        entry = dict(self.manifest.files.get(url) or {})
        try:
            name = self.manifest.assign(url, kind)
            path = inside(self.folder, name)
        except UnsafePath as e:
            self.result.fail(url, str(e))
            return None
        headers: dict[str, str] = {}
        have = entry.get("file") == name and path.is_file() and path.stat().st_size == entry.get("bytes")
        if have:
            if entry.get("etag"):
                headers["If-None-Match"] = entry["etag"]
            if entry.get("last_modified"):
                headers["If-Modified-Since"] = entry["last_modified"]
        res = self.client.get(url, self.source.url, headers=headers, kind=kind)
        now = _now()
        if not res.ok or (res.status == 304 and not have):
            self.result.fail(url, res.error or f"HTTP {res.status}")
            return None
        if res.status == 304:
            body, content_type, outcome = path.read_bytes(), entry.get("content_type"), "unchanged"
        else:
            body, content_type = res.body or b"", res.headers.get("content-type")
            page = links.parse_page(body, res.url, content_type) if kind == "page" else None
            if page is not None and page.redirect and page.redirect != res.url:
                return res.url, page  # a redirect shell: nothing to keep
            digest = hashlib.sha256(body).hexdigest()
            # Same bytes as last time: unchanged (a server that ignores the condition, or a
            # file deleted here and fetched again).
            outcome = "new" if not entry.get("sha256") else "unchanged" if digest == entry["sha256"] else "changed"
            if not have or outcome != "unchanged":
                atomic_write(path, body)  # byte for byte as served: a GBK page stays GBK
                entry["fetched_at"] = now
                entry.setdefault("first_fetched_at", now)
            entry.update({
                "file": name, "kind": kind, "final_url": res.url, "etag": res.headers.get("etag"),
                "last_modified": res.headers.get("last-modified"), "content_type": content_type,
                "sha256": digest, "bytes": len(body),
            })
        entry.update({"found_on": found_on, "checked_at": now})
        self.manifest.files[url] = entry
        self.result.files[outcome] += 1
        if kind != "page":
            return res.url, None
        return res.url, links.parse_page(body, res.url, content_type)


def _now() -> str:
    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def fetch_all(sources: list[Source], raw_dir: Path, limits: Limits = Limits(), workers: int = 4,
              client_factory: Callable[[Limits], PoliteClient] | None = None) -> list[SourceResult]:
    """Every source; sources on different hosts run in parallel (each host still sees one request
    at a time at the rate), sources on one host one after another with one robots.txt and one pace."""
    run_id = new_run_id()
    raw_dir.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Source]] = {}
    for s in sources:
        groups.setdefault(s.host, []).append(s)

    def make() -> PoliteClient:
        if client_factory:
            return client_factory(limits)
        return PoliteClient(limits, user_agent(), record=lambda r: None)

    def run_group(group: list[Source]) -> list[SourceResult]:
        out = []
        with make() as client:
            for s in group:
                started = time.monotonic()
                try:
                    r = SourceCrawl(client, s, raw_dir, limits, run_id).run()
                except Exception as e:  # one broken source must not stop the others
                    log.exception("fetch %s failed", s.name)
                    r = SourceResult(s.name)
                    r.fail(s.url, f"crawler error: {type(e).__name__}: {e}")
                log.info("fetch %s: %s in %.1fs", s.name, dict(r.files), time.monotonic() - started)
                out.append(r)
        return out

    order = {s.name: i for i, s in enumerate(sources)}
    results: list[SourceResult] = []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(groups)))) as pool:
        for rs in pool.map(run_group, groups.values()):
            results.extend(rs)
    return sorted(results, key=lambda r: order[r.name])


def summary_lines(results: list[SourceResult]) -> list[str]:
    total = Counter()
    lines = []
    for r in results:
        total.update(r.files)
        lines.append(f"  {r.name}: {r.list_pages} list pages, {r.reports_found} reports found; files "
                     f"{r.files['new']} new, {r.files['changed']} changed, {r.files['unchanged']} unchanged, "
                     f"{r.files['failed']} failed ({r.requests} requests)")
        for url, reason in r.failures:
            lines.append(f"    failed {url}: {reason}")
        for note in r.notes:
            lines.append(f"    note: {note}")
    head = (f"fetched {len(results)} sources: {sum(r.list_pages for r in results)} list pages, "
            f"{sum(r.reports_found for r in results)} reports found; files {total['new']} new, "
            f"{total['changed']} changed, {total['unchanged']} unchanged, {total['failed']} failed")
    return [head, *lines]
