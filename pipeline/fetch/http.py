"""Polite HTTP for one crawl: robots.txt first, one request at a time per host spaced by the
rate, retries with backoff, hard limits on redirects, bytes and time. Built on httpx and protego.

Every request (robots.txt included) is reported to a callback with its URL, status, bytes,
SHA-256, time and error: the fetch log in the warehouse is made of these records.
"""
from __future__ import annotations

import email.utils
import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from pipeline.fetch.limits import Limits

REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class Result:
    url: str  # the URL finally answered (after same-host redirects)
    status: int | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes | None = None
    error: str | None = None  # why there is no usable body (None for 2xx and 304)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and (200 <= self.status < 300 or self.status == 304)


def same_host(a: str, b: str) -> bool:
    """Same host name and port (a switch between http and https on their default ports is allowed:
    many columns redirect one to the other)."""
    pa, pb = urlsplit(a), urlsplit(b)
    if not pa.hostname or pa.hostname != pb.hostname:
        return False
    port_a, port_b = pa.port, pb.port
    if port_a == port_b:
        return True
    defaults = {None, 80, 443}
    return port_a in defaults and port_b in defaults


def origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


class SourceBudget:
    """What one source may still spend: time and bytes (a hostile or broken site cannot hold or
    fill the run) and requests."""

    def __init__(self, limits: Limits, clock: Callable[[], float]):
        self.clock = clock
        self.deadline = clock() + limits.max_source_seconds
        self.bytes_left = limits.max_source_bytes
        self.requests_left = limits.max_requests

    def exhausted(self) -> str | None:
        if self.clock() >= self.deadline:
            return "source time limit reached"
        if self.bytes_left <= 0:
            return "source byte limit reached"
        if self.requests_left <= 0:
            return "source request limit reached"
        return None


class PoliteClient:
    def __init__(self, limits: Limits, user_agent: str, record: Callable[[dict], None],
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None, trust_env: bool = True):
        self.limits = limits
        self.user_agent = user_agent
        self.record = record
        self.clock, self.sleep = clock, sleep
        t = limits.timeout
        self.http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Language": "zh-CN,zh;q=0.9"},
            timeout=httpx.Timeout(t, connect=min(t, 15.0)),
            follow_redirects=False,  # each hop is checked: same host, robots, rate
            transport=transport,
            trust_env=trust_env,
        )
        self._next: dict[str, float] = {}  # host → earliest start of its next request
        self._interval: dict[str, float] = {}
        self._robots: dict[str, Protego | str] = {}  # origin → parser, or why nothing may be fetched
        self.budget: SourceBudget | None = None
        self.kind = "page"

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------------------ public
    def get(self, url: str, allowed: str, headers: dict[str, str] | None = None, kind: str = "page") -> Result:
        """GET url if it is on `allowed`'s host and robots.txt allows it, following same-host
        redirects. Never raises for network trouble: the Result carries the error."""
        for _hop in range(self.limits.max_redirects + 1):
            if not same_host(url, allowed):
                return Result(url, error=f"refused: {urlsplit(url).hostname} is another host")
            why = self._robots_refusal(url)
            if why:
                return Result(url, error=why)
            res = self._with_retries(url, headers or {}, kind)
            location = res.headers.get("location") if res.status in REDIRECTS else None
            if not location:
                return res
            url = urljoin(url, location.strip())
            if urlsplit(url).scheme not in ("http", "https"):
                return Result(url, error="refused: redirect to a non-http URL")
        return Result(url, error=f"more than {self.limits.max_redirects} redirects")

    # ------------------------------------------------------------------------------ robots
    def _robots_refusal(self, url: str) -> str | None:
        o = origin(url)
        if o not in self._robots:
            self._robots[o] = self._load_robots(o)
        rules = self._robots[o]
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(url, self.user_agent):
            return "disallowed by robots.txt"
        return None

    def _load_robots(self, o: str) -> Protego | str:
        url = o + "/robots.txt"
        res = None
        for _hop in range(self.limits.max_redirects + 1):
            res = self._with_retries(url, {}, "robots")
            location = res.headers.get("location") if res.status in REDIRECTS else None
            if not location:
                break
            url = urljoin(url, location.strip())
            if not same_host(url, o):
                break  # robots.txt of another host says nothing about this one; read as missing
        if res is not None and res.status is not None and 200 <= res.status < 300 and res.body is not None:
            rules = Protego.parse(res.body.decode("utf-8", errors="replace"))
        elif res is not None and res.status is not None and 400 <= res.status < 500 and res.status != 429:
            rules = Protego.parse("")  # no robots.txt: everything is allowed
        else:
            # A server error or no answer: robots.txt may exist and forbid us; stay away this run.
            return f"robots.txt unavailable ({res.error if res and res.error else res.status if res else '?'}): host not crawled"
        delay = rules.crawl_delay(self.user_agent)
        host = urlsplit(o).netloc
        self._interval[host] = max(self._min_interval(), float(delay) if delay else 0.0)
        return rules

    # ------------------------------------------------------------------------------ requests
    def _min_interval(self) -> float:
        return 1.0 / self.limits.rate

    def _wait_turn(self, host: str) -> None:
        now = self.clock()
        start = self._next.get(host, now)
        if start > now:
            self.sleep(start - now)
        self._next[host] = max(start, self.clock()) + self._interval.get(host, self._min_interval())

    def _with_retries(self, url: str, headers: dict[str, str], kind: str) -> Result:
        res = Result(url)
        for attempt in range(self.limits.retries + 1):
            res = self._once(url, headers, kind, attempt)
            retry = res.status == 429 or (res.status is not None and res.status >= 500) or \
                (res.status is None and res.error is not None and res.error.startswith("network:"))
            if not retry or attempt == self.limits.retries:
                break
            delay = self.limits.backoff * (2 ** attempt)
            after = retry_after(res.headers.get("retry-after"), self._wall())
            if after is not None:
                if after > self.limits.max_retry_after:
                    res.error = f"HTTP {res.status}, Retry-After {after:.0f}s is over the {self.limits.max_retry_after:.0f}s limit"
                    return res
                delay = max(delay, after)
            if self.budget and self.clock() + delay >= self.budget.deadline:
                break
            self.sleep(delay)
        if res.error is None and res.status is not None and not (200 <= res.status < 400):
            res.error = f"HTTP {res.status}"
        return res

    def _wall(self) -> float:
        return time.time()

    def _once(self, url: str, headers: dict[str, str], kind: str, attempt: int) -> Result:
        if self.budget is not None:
            why = self.budget.exhausted()
            if why:
                return Result(url, error=why)
            self.budget.requests_left -= 1
        host = urlsplit(url).netloc
        self._wait_turn(host)
        started, wall = self.clock(), datetime.now(timezone.utc).replace(tzinfo=None)
        deadline = started + self.limits.response_seconds
        if self.budget is not None:
            deadline = min(deadline, self.budget.deadline)
        cap = self.limits.max_response_bytes
        if self.budget is not None:
            cap = min(cap, max(self.budget.bytes_left, 0))
        res = Result(url)
        digest = None
        n = 0
        try:
            with self.http.stream("GET", url, headers=headers) as r:
                res.status, res.headers = r.status_code, r.headers
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    res.error = f"refused: {int(declared)} bytes announced, over the {cap}-byte limit"
                elif 200 <= r.status_code < 300:
                    buf = bytearray()
                    # iter_bytes undoes gzip/deflate transfer coding only; the charset is untouched.
                    for chunk in r.iter_bytes():
                        buf += chunk
                        if len(buf) > cap:
                            res.error = f"refused: body over the {cap}-byte limit"
                            break
                        if self.clock() > deadline:
                            res.error = f"refused: body not complete after {self.clock() - started:.0f}s"
                            break
                    if res.error is None:
                        res.body = bytes(buf)
                        n = len(buf)
                        digest = hashlib.sha256(res.body).hexdigest()
                    else:
                        n = len(buf)
        except httpx.TimeoutException as e:
            res.error = f"network: time-out ({type(e).__name__})"
        except httpx.HTTPError as e:
            res.error = f"network: {type(e).__name__}: {e}"[:300]
        if self.budget is not None:
            self.budget.bytes_left -= n
        self.record({
            "url": url, "kind": kind, "attempt": attempt + 1, "status": res.status, "bytes": n,
            "sha256": digest, "requested_at": wall.isoformat(), "elapsed_ms": int((self.clock() - started) * 1000),
            "conditional": bool(headers.get("If-None-Match") or headers.get("If-Modified-Since")),
            "error": res.error,
        })
        return res


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)
