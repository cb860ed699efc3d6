"""Legacy Word `.doc` and WPS `.wps` → DOCX by LibreOffice headless → the DOCX reader.

No maintained, permissively licensed Python reader of the Word 97 binary format exists, so the
conversion is LibreOffice's (`soffice --headless --convert-to docx`), run when it is installed
(Debian: `apt-get install libreoffice-writer-nogui`). Without it the file is quarantined with
"needs LibreOffice to read .doc" (or .wps): nothing is guessed from the binary.

Each conversion runs in its own temporary folder with its own LibreOffice profile (two workers
converting at once would otherwise fight over one profile's lock), under a time limit, and the
folder is removed afterwards whatever happened. A file LibreOffice cannot open, or opens into an
empty document, is quarantined with the reason.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.model import Document, Unreadable

CONVERT_TIMEOUT = 120.0  # seconds for one conversion, start-up (~2-5 s) included
# What the bytes are decides the input name LibreOffice sees: a Kingsoft .wps is a Word 97 binary
# (WordDocument stream) and opens as .doc; a Microsoft Works .wps needs the Works filter.
_SUFFIX = {"doc": ".doc", "wps": ".wps"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026]")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def extract_office(source_path: str, data: bytes, fmt: str, word_binary: bool = True) -> Document:
    """fmt: 'doc' or 'wps'; word_binary: the OLE file holds a WordDocument stream."""
    from pipeline.extract.docx import extract_docx
    from pipeline.extract.text import mojibake_reason

    exe = soffice()
    if exe is None:
        raise Unreadable(f"needs LibreOffice to read .{fmt} (install libreoffice-writer-nogui; see README)")
    docx = convert_to_docx(exe, data, ".doc" if word_binary else _SUFFIX[fmt], fmt)
    try:
        doc = extract_docx(source_path, docx)
    except Unreadable as e:
        raise Unreadable(f".{fmt} converted by LibreOffice, but: {e}") from None
    # A damaged binary can convert into garbage text (bytes of the file read as characters):
    # the same test as for any other text layer, so no number is read from it.
    why = mojibake_reason(doc.text()) or _garbled(doc.text())
    if why:
        raise Unreadable(f".{fmt} converted by LibreOffice into garbled text (damaged file?): {why}")
    doc.format = fmt
    return doc


def _garbled(text: str) -> str | None:
    """Short garbage escapes mojibake_reason's thresholds (tuned for whole files): a Word file
    written in Chinese has mostly hanzi among its non-ASCII characters, whatever its length."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    cjk = len(_CJK.findall(text))
    if non_ascii >= 5 and cjk < non_ascii * 0.5:
        return f"only {cjk} of {non_ascii} non-ASCII characters are hanzi"
    return None


def convert_to_docx(exe: str, data: bytes, suffix: str, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="pipeline-office-") as tmp:
        work = Path(tmp)
        src = work / f"in{suffix}"
        src.write_bytes(data)
        out = work / "out"
        cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx", "--outdir", str(out), str(src)]
        returncode, said = _run(cmd)
        made = out / "in.docx"
        if returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            said = said.decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1][:160]}" if said else ""
            raise Unreadable(f"LibreOffice could not convert this .{fmt} (damaged, or not a Word file){detail}")
        return made.read_bytes()


def _run(cmd: list[str]) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group, so that a time limit (ours, or the file's limit
    arriving as an exception) kills soffice.bin too, not only the wrapper script."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        said, _ = proc.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise Unreadable(f"LibreOffice took longer than {CONVERT_TIMEOUT:g} s to convert this file") from None
    except BaseException:
        _kill(proc)
        raise
    return proc.returncode, said


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
