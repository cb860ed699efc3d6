"""How much one crawl may do. The defaults are for real government sites; tests shrink them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    rate: float = 1.0                  # requests per second per host, spaced 1/rate apart (robots Crawl-delay may slow it)
    timeout: float = 30.0              # seconds to connect, or between two bytes of an answer
    response_seconds: float = 300.0    # one response from first to last byte (a slow drip is cut off)
    max_response_bytes: int = 50_000_000   # one file; the build quarantines files over 50 MB anyway
    max_source_bytes: int = 1_000_000_000  # everything one source downloads in one run
    max_source_seconds: float = 3600.0     # one source, all requests and waits included
    max_requests: int = 5_000          # one source, retries included
    max_list_pages: int = 100          # pagination followed at most this far
    max_reports: int = 2_000           # report pages followed from one column
    max_attachments: int = 20          # attachments followed from one report page
    max_redirects: int = 5             # HTTP hops, and JavaScript redirect shells, per URL
    retries: int = 3                   # more tries after a 429, a 5xx or a network error
    backoff: float = 2.0               # seconds before the first retry, doubled each time
    max_retry_after: float = 600.0     # a longer Retry-After gives the URL up for this run
