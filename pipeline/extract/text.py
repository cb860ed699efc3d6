"""Plain text and markdown: decode whatever encoding the agency saved in, then split into lines.

Decoding tries the cheap certain answers first (BOM, strict UTF-8, UTF-16 by its NUL pattern,
strict GB18030) and asks charset-normalizer only when those fail. Every candidate must also *read*
as Chinese (`mojibake_reason`): a strict decode can succeed and still be wrong, and a wrong decode
would hand the parser invented characters, so such files are refused, not guessed.

Line numbers are what an editor shows: '\\r\\n', '\\r' and '\\n' each end one line; a final line
break does not open an empty last line; every other line, blank or not, is kept. Other
characters Python's `splitlines` would break on (form feed, U+2028, …) stay inside the line.
"""
from __future__ import annotations

import codecs
import re

from pipeline.extract.sniff import is_markdown_text
from pipeline.model import Document, Line, Unreadable

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")  # runs: counting runs is ~10x faster
# Characters real Chinese reports do not contain but mis-decoded bytes produce in bulk: C0/C1
# controls, U+FFFD, private-use glyphs, and unmapped-glyph markers from PDF text layers.
_BAD = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]+")
_BAD_WORDS = ("(cid:", "锟斤拷")
# Accented Latin letters: UTF-8 read as Latin-1/CP1252 turns every CJK character into 'æ', 'å', 'ç'…
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\s]+")


def _gb2312_level1() -> re.Pattern[str]:
    # GB2312 level 1 (B0A1–D7F9) holds the 3,755 most frequent hanzi: ≈99% of the characters of
    # any report. UTF-8 bytes read as GBK land mostly in level 2 and the GBK extensions.
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return re.compile("[" + "".join(chars) + "]")


_COMMON_HANZI = _gb2312_level1()


def mojibake_reason(text: str, common_hanzi: bool = False) -> str | None:
    """Why `text` cannot be a correctly decoded Chinese document, or None if it can be.

    `common_hanzi` also demands that most hanzi be common simplified ones: right for a GB18030
    guess (Big5 bytes decode as GB18030 too, into rare characters), wrong for UTF-8, which may
    legitimately carry a traditional-script copy.
    """
    sample = text if len(text) <= 200_000 else text[:200_000]
    visible = len(sample) - sum(sample.count(c) for c in " \t\r\n\u3000")
    if visible <= 0:
        return "no text"
    bad = _count(_BAD, sample) + sum(sample.count(w) for w in _BAD_WORDS)
    if bad > max(2, visible * 0.01):
        return f"{bad} control/replacement/unmapped characters in {visible}"
    # A wrong decode garbles the whole file alike, so the script mix is judged on a probe: this
    # keeps text files far under a millisecond.
    if len(sample) > 6000:
        sample = sample[:4000] + sample[-2000:]
    cjk = _count(_CJK, sample)
    non_ascii = _count(_NON_ASCII, sample)
    if non_ascii > 20 and cjk < non_ascii * 0.5:
        return f"only {cjk} of {non_ascii} non-ASCII characters are hanzi"
    latin = len(_LATIN_ACCENTED.findall(sample))
    if latin > 10 and latin > cjk * 0.2:
        return f"{latin} accented Latin letters against {cjk} CJK characters (UTF-8 read as Latin-1?)"
    if cjk >= 10 and _utf8_read_as_gbk(sample):
        return "the characters are UTF-8 bytes once read as GBK (鏀垮簻-style mojibake)"
    if common_hanzi and cjk >= 30:
        common = len(_COMMON_HANZI.findall(sample))
        if common < cjk * 0.8:
            return f"only {common} of {cjk} CJK characters are common hanzi (Big5 or another code page?)"
    return None


def _count(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def _utf8_read_as_gbk(text: str) -> bool:
    # Re-encoding mojibake as GBK restores the original UTF-8 bytes; genuine Chinese text almost
    # never forms valid UTF-8 that way, so a clean round trip is the signature of the damage.
    sample = text[:4000]
    try:
        raw = sample.encode("gb18030")
    except UnicodeEncodeError:
        return False
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(raw) - 3  # the sample cut a character in half: still a clean trip
    return True


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or Unreadable. The BOM is not part of the text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise Unreadable(f"mis-encoded text: {enc} BOM but invalid {enc} at byte {e.start}") from None
            _accept(text, f"{enc} (BOM)")
            return text, enc
    rejected: list[str] = []
    # Valid up to the last bytes, which start a character and stop: the file was cut short (an
    # interrupted download), and whatever followed is lost. Said only if no encoding reads it all.
    truncated: str | None = None
    for enc in _candidates(data):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            if truncated is None and _cut_inside_last_character(data, enc, e):
                truncated = f"truncated file: valid {enc} text that ends inside a character at byte {e.start}"
            continue
        why = mojibake_reason(text, common_hanzi=enc == "gb18030")
        if why is None:
            return text, enc
        rejected.append(f"as {enc}: {why}")
    if truncated is not None and not rejected:
        raise Unreadable(truncated)
    detected = _detect(data)
    if detected is not None:
        text, enc = detected
        why = mojibake_reason(text)
        if why is None:
            return text, enc
        rejected.append(f"as {enc} (detected): {why}")
    if not rejected:
        raise Unreadable("unsupported format: binary data, not text in any known encoding")
    raise Unreadable("mis-encoded text: " + "; ".join(rejected[:3]))


def _cut_inside_last_character(data: bytes, enc: str, e: UnicodeDecodeError) -> bool:
    if e.end != len(data) or e.start < len(data) - 3 or e.start == 0:
        return False
    try:
        data[: e.start].decode(enc)
    except UnicodeDecodeError:
        return False
    return True


def _accept(text: str, enc: str) -> None:
    why = mojibake_reason(text)
    if why:
        raise Unreadable(f"mis-encoded text: as {enc}: {why}")


def _candidates(data: bytes) -> list[str]:
    head = data[:4096]
    zeros = head.count(b"\x00")
    if zeros:
        # UTF-16 puts a NUL beside every ASCII character (digits, newlines, tabs), mostly on one
        # parity (hanzi such as 最 U+6700 put some on the other); try that byte order first.
        if len(data) % 2 == 0 and zeros >= len(head) // 64:
            even, odd = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
            return ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
        if zeros > 4:
            return []
    return ["utf-8", "gb18030"]


def _detect(data: bytes) -> tuple[str, str] | None:
    if b"\x00" in data[:4096]:
        return None
    from charset_normalizer import from_bytes  # imported late: most files never need it

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def split_lines(text: str) -> list[str]:
    parts = _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def extract_text(source_path: str, data: bytes, fmt: str) -> Document:
    text, enc = decode(data)
    if not text.strip():
        raise Unreadable("empty file (only whitespace)")
    if fmt == "text" and is_markdown_text(source_path, text):
        fmt = "markdown"
    lines = [Line(i, t) for i, t in enumerate(split_lines(text), start=1)]
    return Document(source_path=source_path, format=fmt, lines=lines, grids=[], encoding=enc)
