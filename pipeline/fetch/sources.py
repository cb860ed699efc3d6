"""The sources file: one TOML table per annual-report column to fetch.

```toml
[[source]]
name = "pingtan"                                          # folder under the raw folder
url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"  # the column's (first) list page
```
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# A folder name that cannot climb out of the raw folder, hide itself (leading dot) or clash on
# a case-insensitive file system in surprising ways; it is also the source's key in the warehouse.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class SourcesError(ValueError):
    """The sources file cannot be used; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


def load_sources(path: Path) -> list[Source]:
    """Read and check the whole file before anything is fetched: a typo fails fast, not at 3 a.m.
    half-way through the list."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SourcesError(f"{path}: cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"{path}: not valid TOML: {e}") from None
    unknown = set(data) - {"source"}
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key(s) {sorted(unknown)}: expected [[source]] tables")
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{path}: no [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for i, t in enumerate(tables, 1):
        where = f"{path}: source #{i}"
        if not isinstance(t, dict):
            raise SourcesError(f"{where}: not a table")
        extra = set(t) - {"name", "url"}
        if extra:
            raise SourcesError(f"{where}: unknown key(s) {sorted(extra)} (a source has name and url)")
        name, url = t.get("name"), t.get("url")
        if not isinstance(name, str) or not _NAME.match(name):
            raise SourcesError(f"{where}: name {name!r} must be 1-64 letters, digits, '_', '-' or '.', "
                               "not starting with '.' or '-' (it is a folder name)")
        if name.lower() in seen:
            raise SourcesError(f"{where}: name {name!r} is used twice")
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where} ({name}): url {url!r} is not an http(s) URL")
        if parts.username or parts.password:
            raise SourcesError(f"{where} ({name}): url must not carry credentials")
        seen.add(name.lower())
        sources.append(Source(name=name, url=url.strip()))
    return sources
