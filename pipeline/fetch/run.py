"""One fetch run from a sources file: what the CLI and the Dagster asset both call."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from pipeline.fetch.crawl import fetch_all, summary_lines
from pipeline.fetch.limits import Limits
from pipeline.fetch.sources import load_sources


def run_fetch(sources_file: Path, raw_dir: Path, rate: float = 1.0, limits: Limits | None = None,
              **kwargs) -> tuple[list, list[str]]:
    """Fetch every source; returns the per-source results and the summary lines. Raises SourcesError (a ValueError) for a
    sources file that cannot be used and ValueError for a rate that is not a positive number."""
    if not rate > 0 or rate != rate or rate == float("inf"):
        raise ValueError(f"--rate must be a positive number of requests per second, not {rate}")
    sources = load_sources(Path(sources_file))
    limits = replace(limits or Limits(), rate=rate)
    started = time.monotonic()
    results = fetch_all(sources, Path(raw_dir), limits, **kwargs)
    lines = summary_lines(results)
    lines[0] += f" into {raw_dir} in {time.monotonic() - started:.1f}s"
    return results, lines
