"""Decoding: a catalog's bytes to text, and the charsets a catalog may be in.

Principles: refuse early and say why, as msgfmt would.  A file larger than the
configured limit is not read; a UTF-8 byte order mark, a compiled .mo file and a NUL
byte are refused before any decoding (msgfmt, msgmerge and msgcat reject a BOM with
a syntax error; msgfmt silently cuts a string at a NUL); the message says how to fix
it.  Text is decoded in the charset the header declares (sniffed from the bytes:
the header itself is ASCII, so a catalog can only be in an ASCII-compatible
charset, as msgfmt requires).  Like msgfmt, bytes that do not decode are accepted
in comments (kept as they are, as surrogates, so they are written back unchanged)
and refused in strings.  Line endings are normalised to ``\\n`` here, and what they
were is returned beside the text, so the writer can restore them (CRLF stays CRLF).

This module knows nothing of the .po syntax beyond "a line that starts with ``#``
is a comment"; :mod:`summit_i18n.po.parse` reads the text it returns.
"""

from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

from summit_i18n import fsutil
from summit_i18n.errors import SourceError

__all__ = ["charset_problem", "read_bytes"]

_MO_MAGICS = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_BOM = b"\xef\xbb\xbf"
_CHARSET_SNIFF_RE = re.compile(rb'"Content-Type:[^"\n]*?charset=([^\s"\\;]+)', re.IGNORECASE)
# a Content-Type line split in the middle: look near the top of the file
_LOOSE_CHARSET_SNIFF_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _sniff_charset(data: bytes) -> tuple[str, int | None]:
    """The charset the header names, read from the bytes, and where it is named
    (UTF-8 and None when no header names one)."""
    match = _CHARSET_SNIFF_RE.search(data) or _LOOSE_CHARSET_SNIFF_RE.search(data, 0, 8192)
    if match is None:
        return "UTF-8", None
    return match.group(1).decode("ascii", "replace"), match.start()


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """A catalog's bytes; :class:`SourceError` when unreadable or over ``max_bytes``."""
    try:
        _check_size(path, max_bytes)
        return fsutil.read_regular(path)
    except OSError as exc:
        raise SourceError(path, None, f"cannot read catalog: {exc.strerror or exc}") from exc


def _check_size(path: Path, max_bytes: int | None) -> None:
    if max_bytes is None:
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            path,
            None,
            f"catalog is {size / 1e6:.1f} MB, larger than the limit of "
            f"{max_bytes / 1e6:.1f} MB (raise `max_catalog_mb` in the configuration "
            "to read it)",
        )


class _UnusableCharset(LookupError):
    """A charset Python knows but a .po file cannot be written in."""


# every ASCII character a .po file's syntax and header use, and a few more
_ASCII_PROBE = "".join(map(chr, range(0x20, 0x7F))) + "\t\n\r \\u0041 \\x41 +AGE-"


@functools.lru_cache(maxsize=64)
def _codec_for(charset: str) -> str:
    """The Python codec of a PO charset; the ``CHARSET`` placeholder reads as UTF-8.

    Raises :class:`LookupError` for an unknown name and :class:`_UnusableCharset`
    for a codec that does not write ASCII as ASCII (UTF-16, UTF-32, UTF-7, EBCDIC,
    ``unicode_escape``, bytes-to-bytes codecs …): the header naming the charset is
    itself ASCII, so a catalog can only be in an ASCII-compatible encoding, as
    msgfmt requires.
    """
    if charset.upper() == "CHARSET":
        return "utf-8"
    if len(charset) > 64:
        raise LookupError(charset)
    info = codecs.lookup(charset)
    try:
        compatible = (info._is_text_encoding
                      and _ASCII_PROBE.encode(info.name) == _ASCII_PROBE.encode("ascii")
                      and _ASCII_PROBE.encode("ascii").decode(info.name) == _ASCII_PROBE)
    except (UnicodeError, ValueError, TypeError, LookupError):
        compatible = False
    if not compatible:
        raise _UnusableCharset(charset)
    return info.name


def charset_problem(charset: str) -> str | None:
    """Why a catalog cannot be in ``charset`` (unknown, or not ASCII-compatible), or None."""
    try:
        _codec_for(charset)
    except LookupError as exc:
        return _charset_problem(charset, exc).removesuffix(" in the header")
    return None


def _charset_problem(charset: str, exc: LookupError) -> str:
    if isinstance(exc, _UnusableCharset):
        return (f"charset {charset!r} in the header is not ASCII-compatible: a .po file "
                "cannot be in it (use UTF-8)")
    return f"unknown charset {charset[:64]!r} in the header"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _check_bytes(data: bytes, path: str) -> None:
    """Refuse what is not a text catalog at all: a BOM, a .mo file, binary data."""
    if data.startswith(_BOM):
        raise SourceError(
            path,
            1,
            "file starts with a UTF-8 byte order mark (BOM), which msgfmt and msgmerge "
            "reject; save the file as UTF-8 without BOM",
        )
    if data[:4] in _MO_MAGICS:
        raise SourceError(path, None, "this is a compiled .mo file, not a .po catalog")
    nul = data.find(b"\0")
    if nul >= 0:
        raise SourceError(
            path, _line_of(data, nul), "NUL byte in the file (binary content, not a .po catalog)"
        )


def _decode(data: bytes, charset: str, path: str, charset_offset: int | None) -> str:
    """The text of the file in the header's charset (``charset_offset``: where it is named)."""
    try:
        codec = _codec_for(charset)
    except LookupError as exc:
        line = _line_of(data, charset_offset) if charset_offset is not None else None
        raise SourceError(path, line, _charset_problem(charset, exc)) from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    # Like msgfmt, accept bytes that do not decode in comments (kept as they are, as
    # surrogates) and refuse them in strings.
    text = data.decode(codec, "surrogateescape")
    for bad in _SURROGATE_RE.finditer(text):
        begin = text.rfind("\n", 0, bad.start()) + 1
        before = text[begin : bad.start()].lstrip(" \t")
        if before.startswith("#") and not before.startswith(("#~", "#|")):
            continue
        raise SourceError(
            path,
            text.count("\n", 0, bad.start()) + 1,
            f"invalid multibyte sequence: byte 0x{ord(bad.group()) - 0xDC00:02x} "
            f"is not valid {charset}",
        )
    return text


def _split_text(text: str) -> tuple[str, set[int] | None, str, bool]:
    """The text with ``\\n`` newlines, the lines that ended in CRLF (None unless the
    line endings are mixed), the dominant newline and whether the text ends with a
    newline.  No list of lines is kept: the reader walks the text by offsets."""
    final_newline = not text or text.endswith("\n")
    if "\r" not in text:
        return text, None, "\n", final_newline
    lf_only = text.count("\n") - text.count("\r\n")
    if lf_only == 0 and "\r" not in text.replace("\r\n", ""):
        return text.replace("\r\n", "\n"), None, "\r\n", final_newline
    # mixed line endings (rare): remember which lines ended in CRLF
    crlf: set[int] = set()
    number = 0
    last = text.count("\n") - (1 if final_newline else 0)
    for number, line in enumerate(text.split("\n")):
        if line.endswith("\r") and (final_newline or number < last):
            crlf.add(number)
    lines = number + (0 if final_newline else 1)
    newline = "\r\n" if len(crlf) * 2 > lines else "\n"
    return text.replace("\r\n", "\n"), crlf, newline, final_newline


_SURROGATE_RE = re.compile("[\udc80-\udcff]")
