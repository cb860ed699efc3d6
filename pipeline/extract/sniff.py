"""Which reader a file needs, decided from its bytes: agencies name files carelessly (.doc files
that are HTML, .pdf files that are Word documents, .txt files that are GBK), so the extension is
at most a hint between text and markdown.

`sniff(source_path, data)` returns 'pdf', 'docx', 'html', 'markdown' or 'text', the office
formats 'doc', 'wps', 'xlsx', 'xls', 'ods', or raises `Unreadable` with 'empty file' or
'unsupported format: …' for everything else.

OLE2 compound files (.doc, .wps, .xls all share one container) are told apart by the names of
their streams, read from the container's directory entries; only Kingsoft's and Microsoft Works'
two kinds of .wps need the extension: a Kingsoft .wps is a Word 97 binary inside.
"""
from __future__ import annotations

import io
import re
import zipfile

from pipeline.model import Unreadable

# Binary signatures we can name, so the quarantine reason tells a person what the file really is.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"MZ", "Windows executable"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (b"%!PS", "PostScript document"),
    (b"AT&TFORM", "DjVu document"),
    (b"SQLite format 3\x00", "SQLite database"),
]
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Word-export and CMS pages start with a doctype, an XML prolog, a comment or one of these tags.
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|style|script)\b",
    re.I | re.S,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)\b", re.I)
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)


def sniff(source_path: str, data: bytes) -> str:
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise Unreadable("empty file")
    head = data[:1024]
    # The PDF spec tolerates junk before the header; readers accept it within the first 1 KB.
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _sniff_zip(data)
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if name == "ole":
                return _sniff_ole(source_path, data)
            raise Unreadable(f"unsupported format: {name}")
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise Unreadable("unsupported format: WebP image")
    probe = _ascii_probe(data[:4096])
    if _HTML_START.match(probe) or (_HTML_ANYWHERE.search(probe) and b"</" in probe):
        return "html"
    return "markdown" if _looks_markdown(source_path) else "text"


def is_markdown_text(source_path: str, text: str) -> bool:
    return _looks_markdown(source_path) or bool(_MD_TABLE_RULE.search(text[:20000]))


def _looks_markdown(source_path: str) -> bool:
    return source_path.lower().endswith((".md", ".markdown"))


def _ascii_probe(head: bytes) -> bytes:
    # UTF-16 HTML would hide its tags behind NUL bytes; a BOM tells us to look through them.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:64].count(b"\x00") > 16:
        return head.replace(b"\x00", b"")
    return head.removeprefix(b"\xef\xbb\xbf")


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        # The central directory is at the end: a truncated file still names its members up front.
        kind = "Excel workbook (.xlsx)" if b"xl/" in data[:200_000] else "zip/DOCX file"
        raise Unreadable(f"damaged or truncated {kind}: {e}") from None
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise Unreadable("unsupported format: PowerPoint presentation (.pptx)")
    if "OFD.xml" in names:
        raise Unreadable("unsupported format: OFD document (convert to PDF)")
    if "mimetype" in names:
        if _member(data, "mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "ods"
        raise Unreadable("unsupported format: OpenDocument file that is not a spreadsheet (.odt/.odp)")
    raise Unreadable(f"unsupported format: zip archive ({len(names)} entries) that is not a Word .docx")


def _member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        with z.open(name) as f:
            return f.read(200)


def _sniff_ole(source_path: str, data: bytes) -> str:
    streams = ole_streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise Unreadable("unsupported format: password-protected Office file")
    wps = source_path.lower().endswith(".wps")
    if "WordDocument" in streams:
        return "wps" if wps else "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "CONTENTS" in streams and wps:  # Microsoft Works word processor
        return "wps"
    if "PowerPoint Document" in streams:
        raise Unreadable("unsupported format: legacy PowerPoint .ppt")
    if not streams - {"Root Entry"}:
        raise Unreadable("damaged or truncated OLE2 (legacy Office) file: no readable directory")
    raise Unreadable(f"unsupported format: legacy Office (OLE2) file (streams: {', '.join(sorted(streams)[:6])})")


def ole_streams(data: bytes) -> set[str]:
    """Names of the storages and streams in an OLE2 compound file's directory.

    Directory entries are 128 bytes at 128-byte offsets inside sectors: a UTF-16LE name of up
    to 31 characters, NUL-padded, then its length in bytes (including the NUL) and its type
    (1 storage, 2 stream, 5 root). Reading every entry-shaped slot that is consistent in all
    three is enough to name the application, without following the sector chains (which
    olefile would do; it is not needed to tell Word from Excel)."""
    if len(data) < 1024:
        return set()
    shift = int.from_bytes(data[30:32], "little")
    sector = 1 << shift if shift in (9, 12) else 512
    names = set()
    for at in range(sector, len(data) - 127, 128):
        entry = data[at:at + 128]
        size = int.from_bytes(entry[64:66], "little")
        kind = entry[66]
        if kind not in (1, 2, 5) or not 4 <= size <= 64 or size % 2 or entry[size - 2:size] != b"\x00\x00":
            continue
        if any(entry[size:64]):
            continue  # the name field is NUL-padded past its length
        try:
            name = entry[:size - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if name and name.isprintable():
            names.add(name)
    return names
