"""A small fake government website on 127.0.0.1 for the fetch tests (stdlib http.server in a
thread): routes are functions of the request, every request is logged with its time and headers."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Hit:
    path: str
    host: str
    headers: dict
    t: float


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    drip: float = 0.0  # seconds between single bytes (a slow server)


class Site:
    def __init__(self):
        self.routes: dict[str, Callable[["Hit"], Reply] | Reply] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                hit = Hit(self.path, self.headers.get("Host", ""), dict(self.headers), time.monotonic())
                with site._lock:
                    site.hits.append(hit)
                route = site.routes.get(self.path.split("?")[0])
                reply = route(hit) if callable(route) else route or Reply(404, b"not found")
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if "Content-Length" not in reply.headers and not reply.drip and reply.headers.get("X-No-Length") is None:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.drip:
                        for i in range(len(reply.body)):
                            self.wfile.write(reply.body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(reply.drip)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]


def static(body: bytes, content_type: str, modified: float = 1_700_000_000.0, etag: bool = True) -> Callable[[Hit], Reply]:
    """A file served with ETag and/or Last-Modified, answering conditional requests with 304."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    stamp = formatdate(modified, usegmt=True)

    def route(hit: Hit) -> Reply:
        headers = {"Content-Type": content_type, "Last-Modified": stamp}
        if etag:
            headers["ETag"] = tag
        if (etag and hit.headers.get("If-None-Match") == tag) or \
                (not etag and hit.headers.get("If-Modified-Since") == stamp):
            return Reply(304, b"", headers)
        return Reply(200, body, headers)

    return route
