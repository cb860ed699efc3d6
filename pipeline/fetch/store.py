"""Where fetched files go, and the record of where each came from.

Files are written byte for byte as served under DIR/<source>/, with names taken from the URL
(percent-decoding gives Chinese names back) and made safe: no folder part, no leading dot, no
control or reserved characters, bounded length, and a final check that the path stays inside
the source's folder. The record lives beside them in DIR/<source>/.fetch/ (hidden folders are
not scanned as reports):

- files.json: URL → file name, ETag, Last-Modified, SHA-256, bytes, when fetched and checked
  (what conditional requests and marts.dim_report.source_url are made from);
- requests/<run>.jsonl: every request of one run (loaded into raw.fetch_requests); the last
  KEEP_RUNS runs are kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.fetch.links import ATTACHMENT_EXTS, PAGE_EXTS

STATE_DIR = ".fetch"
MANIFEST = "files.json"
REQUESTS_DIR = "requests"
KEEP_RUNS = 60
MANIFEST_VERSION = 1
_MAX_NAME_BYTES = 150  # well under the 255 of common file systems, with room for a suffix
_RESERVED = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


class UnsafePath(ValueError):
    pass


def safe_name(raw: str, fallback: str = "file") -> str:
    """A single, harmless file name from text found on the web."""
    name = unicodedata.normalize("NFC", raw)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # never a folder part
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" or ch == " ")
    name = _RESERVED.sub("_", name)
    name = " ".join(name.split()).strip(" .")  # no leading dot (hidden, '..'), no trailing dot
    if _WINDOWS_DEVICES.match(name):
        name = "_" + name
    if not name:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 8:
        stem, ext = name, ""
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        stem = stem[:-1]
        name = f"{stem}.{ext}" if ext else stem
    return name


def name_for(url: str, kind: str) -> str:
    """The file name a URL is saved under (before making it unique within the folder)."""
    parts = urlsplit(url)
    # …/2024/ is named after its folder; percent-decoding gives Chinese names back.
    base = posixpath.basename(unquote(parts.path, encoding="utf-8", errors="replace").rstrip("/"))
    name = safe_name(base, fallback="index")
    ext = name.rsplit(".", 1)[1].lower() if "." in name else ""
    if kind == "page" and ext not in ("html", "htm", "shtml", "xhtml"):
        # A page served by a script (.jsp, ?id=) or a folder URL is still HTML on disk.
        name = f"{name}.html" if ext not in PAGE_EXTS else f"{name.rsplit('.', 1)[0]}.html"
    elif kind == "attachment" and ext not in ATTACHMENT_EXTS:
        name = f"{name}.bin"
    if parts.query:  # list.jsp?id=1 and list.jsp?id=2 are different documents
        name = _with_suffix(name, hashlib.sha1(parts.query.encode()).hexdigest()[:8])
    return name


def _with_suffix(name: str, suffix: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{suffix}.{ext}" if dot else f"{name}-{suffix}"


def inside(folder: Path, name: str) -> Path:
    """folder/name, refused if it would resolve anywhere but directly inside folder."""
    path = (folder / name)
    if path.resolve().parent != folder.resolve() or name in ("", ".", "..") or name.startswith("."):
        raise UnsafePath(f"refused file name {name!r}")
    return path


@dataclass
class Manifest:
    """The record of one source folder: URL → what was last fetched from it."""
    folder: Path
    source: str
    column: str
    files: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, source: str, column: str) -> "Manifest":
        path = folder / STATE_DIR / MANIFEST
        files: dict[str, dict] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION and isinstance(data.get("files"), dict):
                files = data["files"]
        except (OSError, ValueError):
            pass  # no record (first run) or a damaged one: every URL is fetched afresh
        return cls(folder, source, column, files)

    def taken(self) -> set[str]:
        return {e["file"].lower() for e in self.files.values() if "file" in e}

    def assign(self, url: str, kind: str) -> str:
        """The file name for url: the one it had before, or a new one no other URL uses."""
        entry = self.files.get(url)
        if entry and entry.get("file"):
            return entry["file"]
        name = name_for(url, kind)
        if name.lower() in self.taken():
            name = _with_suffix(name, hashlib.sha1(url.encode()).hexdigest()[:8])
        return name

    def save(self) -> None:
        state = self.folder / STATE_DIR
        state.mkdir(parents=True, exist_ok=True)
        data = {"version": MANIFEST_VERSION, "source": self.source, "column": self.column, "files": self.files}
        atomic_write(state / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it: a reader (or the build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent / STATE_DIR if (path.parent / STATE_DIR).is_dir() else path.parent,
                               prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_requests(folder: Path, run_id: str, records: list[dict]) -> Path:
    """This run's request log, and prune the oldest beyond KEEP_RUNS (the warehouse keeps them)."""
    d = folder / STATE_DIR / REQUESTS_DIR
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{run_id}.jsonl"
    atomic_write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8"))
    for old in sorted(d.glob("*.jsonl"))[:-KEEP_RUNS]:
        old.unlink(missing_ok=True)
    return path
