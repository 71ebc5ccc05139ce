"""Lossless reading and writing of gettext .po/.pot catalogs.

Principles: a command must change a catalog only where it changed a message.  The
reader keeps, for every entry, the exact text it was read from (``Entry.raw``), the
blank lines before it (``Entry.leading``) and its line endings; the writer prints an
entry whose meaning did not change from that text byte for byte, whatever tool
wrote it (Transifex, Babel, Sphinx, Weblate, an editor), and formats every other
entry exactly as GNU msgcat/msgmerge 0.21 do at width 79 — the same line breaking,
which GNU takes from libunistring (used here directly when the system has it, so
CJK text breaks between ideographs just as GNU breaks it).  Files are decoded by
the charset their header declares and written back in it; CRLF stays CRLF.

Why this is hand-written rather than polib or Babel (the maintained libraries):
neither round-trips real catalogs.  On the twelve real-world files of the
conformance corpus polib rewrites 6–1,757 lines per file and re-wraps long ``#.``
comments (changing their meaning for 44–46 entries of the GNOME files); Babel
rewrites up to 3,322 lines, drops ``#|`` previous msgids and invents
``python-format`` flags.  A translation pipeline that churns every catalog it
touches buries translators' real changes in noise, so the I/O is done here.

Malformed input is refused as msgfmt refuses it, as :class:`SourceError`
``path:line: error: message``; nothing is ever written from a catalog that did not
parse.  A UTF-8 byte order mark is refused (msgfmt, msgmerge and msgcat all reject
it with a syntax error, so a catalog carrying one would break later in the chain);
the message says how to fix it.  A NUL byte is refused too (msgfmt silently cuts
the string there).

Speed: most entries are read by one regular expression (``_FAST_ENTRY_RE``); the
line-by-line reader takes the rest (obsolete and ``#|`` entries, odd spacing) and
reports errors.  Both give the same result, which a test checks.

Formatting follows gettext 0.21 exactly, quirks included: flags in GNU's order
(``fuzzy`` first, then format flags in its language order; ``fuzzy`` is not printed
on an untranslated message), ``#:`` lines wrapped by bytes, no line break inside a
C or Python format directive, and for ``python-brace-format`` the stretch GNU
protects by mistake at the start of the string.  Where we knowingly differ: flags
GNU does not know are kept (GNU drops them), duplicate references are written as
given (GNU merges them), and without libunistring (no GNU gettext on the system)
lines break by a subset of the Unicode rules (the same lines as GNU for 99.9% of
the corpus entries).
"""

from __future__ import annotations

import codecs
import ctypes
import ctypes.util
import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from summit_i18n import fsutil
from summit_i18n._gc import gc_paused
from summit_i18n.catalog import NO_FORMS, Catalog, Entry, meaning
from summit_i18n.errors import SourceError

__all__ = [
    "charset_problem", "format_entry", "format_po", "iter_po_bytes", "parse_po", "read_bytes",
    "read_po", "write_po",
]

_MO_MAGICS = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_BOM = b"\xef\xbb\xbf"
_CHARSET_SNIFF_RE = re.compile(rb'"Content-Type:[^"\n]*?charset=([^\s"\\;]+)', re.IGNORECASE)
# a Content-Type line split in the middle: look near the top of the file
_LOOSE_CHARSET_SNIFF_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CHARSET_RE = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)

# One complete string and nothing else after it: the common case, kept fast.
_ONE_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*\Z', re.DOTALL)
_STRING_AT_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?(?=[\s\"]|\Z)[ \t]*")
_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}

# Phases of an entry being read, in the order its keywords must appear.
_COMMENTS, _PREVIOUS, _MSGCTXT, _MSGID, _MSGID_PLURAL, _MSGSTR = range(6)
_PREV_ORDER = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2}


class _Fail(Exception):
    """Internal: a syntax error at a line (0-based index); turned into SourceError."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------


def read_po(path: Path, *, max_bytes: int | None = None, keep_source: bool = True) -> Catalog:
    """Read and parse a .po/.pot file; refuse it when larger than ``max_bytes``.

    ``keep_source=False`` reads a catalog that will not be written back (compile,
    check, status, build, and update's template): each entry's source text and the
    blank lines before it are not kept, which takes less time and a third less
    memory; :func:`format_po` refuses such a catalog.
    """
    # read_bytes' result goes straight in: no other reference, freed once decoded
    return parse_po(read_bytes(path, max_bytes=max_bytes), path=str(path),
                    keep_source=keep_source)


def read_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """A catalog's bytes; :class:`SourceError` when unreadable or over ``max_bytes``."""
    try:
        _check_size(path, max_bytes)
        return fsutil.read_regular(path)
    except OSError as exc:
        raise SourceError(path, None, f"cannot read catalog: {exc.strerror or exc}") from exc


def sha256_of(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The SHA-256 of a catalog's bytes, read a piece at a time; errors as :func:`read_bytes`."""
    try:
        what = fsutil.irregular(path)
        if what is not None:
            raise SourceError(path, None, f"cannot read catalog: it is {what}, not a regular file")
        _check_size(path, max_bytes)
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").digest()
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


def _unescape_match(match: re.Match[str]) -> str:
    code = match.group(1)
    simple = _SIMPLE_ESCAPES.get(code)
    if simple is not None:
        return simple
    if code[0] == "x" and len(code) > 1:
        return _byte_char(int(code[1:], 16))
    if code[0] in "01234567":
        return _byte_char(int(code, 8))
    raise ValueError(code)


def _byte_char(value: int) -> str:
    # a numeric escape is a byte; a non-ASCII one is kept as a surrogate until the
    # whole string is known, then decoded (as UTF-8) with its neighbours
    return chr(value) if value < 0x80 else chr(0xDC00 + (value & 0xFF))


def _unescape(value: str) -> str:
    """The value of a quoted string's content; ValueError on an invalid escape."""
    value = _ESCAPE_RE.sub(_unescape_match, value)
    if _SURROGATE_RE.search(value):
        raw = value.encode("utf-8", "surrogateescape")
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")
    return value


_SURROGATE_RE = re.compile("[\udc80-\udcff]")


def _strings(rest: str, index: int) -> list[str]:
    """The unescaped strings of the remainder of a keyword or continuation line."""
    match = _ONE_STRING_RE.match(rest)
    if match is not None:
        values = [match.group(1)]
    else:
        values = []
        pos = 0
        end = len(rest)
        while True:
            while pos < end and rest[pos] in " \t":
                pos += 1
            if pos >= end:
                break
            if rest[pos] != '"':
                raise _Fail(index, f"syntax error: unexpected {rest[pos:pos + 20]!r}")
            found = _STRING_AT_RE.match(rest, pos)
            if found is None:
                raise _Fail(index, "end-of-line within string (missing closing quote)")
            values.append(found.group(1))
            pos = found.end()
        if not values:
            raise _Fail(index, "syntax error: a keyword must be followed by a string")
    out = []
    for value in values:
        if "\\" in value:
            try:
                value = _unescape(value)
            except ValueError as exc:
                raise _Fail(index, f"invalid control sequence \\{exc.args[0]}") from None
        out.append(value)
    return out


class _Builder:
    """The parts of one entry while its lines are read."""

    __slots__ = (
        "flags",
        "msgctxt",
        "msgid",
        "msgid_index",
        "msgid_plural",
        "msgstr",
        "msgstr_index",
        "obsolete",
        "phase",
        "plural",
        "prev",
        "prev_phase",
        "refs",
        "start",
        "start_pos",
        "target",
        "tcomments",
        "xcomments",
    )

    def __init__(self, start: int, start_pos: int) -> None:
        self.start = start
        self.start_pos = start_pos
        self.phase = _COMMENTS
        self.tcomments: list[str] = []
        self.xcomments: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.prev: dict[str, list[str]] = {}
        self.prev_phase = -1
        self.msgctxt: list[str] | None = None
        self.msgid: list[str] = []
        self.msgid_plural: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.plural: dict[int, list[str]] = {}
        self.msgid_index = -1
        self.msgstr_index = -1
        self.obsolete: bool | None = None
        self.target: list[str] | None = None


def parse_po(data: bytes, *, path: str = "<string>", keep_source: bool = True) -> Catalog:
    """Parse the bytes of a .po/.pot file; raise :class:`SourceError` on bad input.

    ``keep_source``: as for :func:`read_po`.
    """
    # Memory: when the caller keeps no other reference to the bytes (read_po), they
    # are freed as soon as they are decoded.
    box = [data]
    del data
    # Paused collector: reading takes 40% less (see gc_paused).
    with gc_paused():
        return _parse_bytes(box, path, keep_source)


def _parse_bytes(box: list[bytes], path: str, keep: bool) -> Catalog:
    data = box.pop()
    _check_bytes(data, path)
    match = _CHARSET_SNIFF_RE.search(data) or _LOOSE_CHARSET_SNIFF_RE.search(data, 0, 8192)
    charset = match.group(1).decode("ascii", "replace") if match else "UTF-8"
    offset = match.start() if match else None
    try:
        utf8 = _codec_for(charset) == "utf-8"
    except LookupError:
        utf8 = False  # _decode says so, with the line
    # The rare second reading in the header's charset needs the bytes again: LF-only
    # UTF-8 text gives them back exactly (surrogateescape); anything else keeps them.
    kept = None if utf8 and b"\r" not in data else data
    box.append(data)
    del data, match  # a match holds its subject
    texts: list[str] = []
    catalog = _parse_text(box, charset, path, offset, texts if kept is None else None, keep)
    if _codec_for(catalog.charset) != _codec_for(charset):
        # the header's Content-Type was split in an unusual way: read again in its charset
        if kept is None:
            kept = texts.pop().encode("utf-8", "surrogateescape")
        texts.clear()
        catalog = _parse_text([kept], catalog.charset, path, None, None, keep)
    return catalog


def _parse_text(
    box: list[bytes],
    charset: str,
    path: str,
    charset_offset: int | None,
    texts: list[str] | None,
    keep: bool,
) -> Catalog:
    text = _decode(box.pop(), charset, path, charset_offset)
    if texts is not None:
        texts.append(text)  # read as UTF-8: the caller may need the bytes again
    text, crlf, newline, final_newline = _split_text(text)
    try:
        return _parse_lines(text, crlf, newline, final_newline, charset, path, keep)
    except _Fail as fail:
        raise SourceError(path, fail.index + 1, fail.message) from None


def _parse_lines(
    text: str,
    crlf: set[int] | None,
    newline: str,
    final_newline: bool,
    charset: str,
    path: str,
    keep: bool,
) -> Catalog:
    catalog = Catalog(charset=charset, newline=newline, path=path, final_newline=final_newline,
                      source_kept=keep)
    entries: list[Entry] = []
    seen: dict[Any, int] = {}
    seen_msgid: dict[Any, int] = {}
    header: Entry | None = None
    cur: _Builder | None = None
    last_end = 0  # index after the last line of the last finished entry
    last_end_pos = 0  # its offset in text
    first = True
    # Lines are numbered from 0 and found by offset; a line that starts at ``pos``
    # ends at the next "\n" (or at the end of a text without a final newline).
    count = text.count("\n") + (0 if final_newline else 1)
    size = len(text)

    def eol(i: int) -> str:
        """The line ending of line ``i`` (mixed line endings only)."""
        assert crlf is not None
        if i == count - 1 and not final_newline:
            return eol(i - 1) if i > 0 else newline  # kept on write
        return "\r\n" if i in crlf else "\n"

    def text_of(start: int, start_pos: int, end: int, end_pos: int) -> str:
        """Lines ``start`` to ``end`` (excluded) with their line endings."""
        if end <= start:
            return ""
        chunk = text[start_pos:end_pos]
        if not chunk.endswith("\n"):
            chunk += "\n"
        if crlf is None:
            return chunk if newline == "\n" else chunk.replace("\n", newline)
        return "".join(line + eol(i) for i, line in enumerate(chunk[:-1].split("\n"), start))

    def finish(b: _Builder, end: int, end_pos: int) -> None:
        if b.phase < _MSGSTR:
            raise _Fail(b.msgid_index, "missing 'msgstr' section")
        entry = _make_entry(b)
        if keep:
            raw = text[b.start_pos : end_pos]
            entry.raw = raw if raw.endswith("\n") else raw + "\n"
        if keep and crlf is not None:
            entry_eols = tuple(eol(i) for i in range(b.start, end))
            if any(e != newline for e in entry_eols):
                entry.raw_eols = entry_eols
        add(entry, b.start, b.start_pos, end, end_pos)

    def add(entry: Entry, start: int, start_pos: int, end: int, end_pos: int) -> None:
        nonlocal last_end, last_end_pos, first, header
        if first:
            catalog.prologue = text_of(0, 0, start, start_pos)
            first = False
        elif not keep:
            pass
        elif start_pos == last_end_pos + 1 and crlf is None and newline == "\n":
            entry.leading = "\n"  # the usual single blank line, without slicing
        else:
            entry.leading = text_of(last_end, last_end_pos, start, start_pos)
        last_end = end
        last_end_pos = end_pos
        # msgfmt refuses a message defined twice, obsolete (#~) definitions included;
        # messages without a context are looked up by msgid alone (no tuple each)
        msgctxt = entry.msgctxt
        known: dict[Any, int] = seen_msgid if msgctxt is None else seen
        key = entry.msgid if msgctxt is None else (msgctxt, entry.msgid)
        if key in known:
            raise _Fail(
                entry.lineno - 1,
                f"duplicate message definition (first defined at line {known[key]})",
            )
        known[key] = entry.lineno
        if entry.obsolete:
            entries.append(entry)
            return
        if header is None and entry.msgid == "" and msgctxt is None:
            header = entry
            catalog.header_position = len(entries)
        else:
            entries.append(entry)

    # GNU's reader deletes every backslash-newline (LF only), wherever it is: rare,
    # so the line reader alone deals with it
    fast = None
    if crlf is None and not (newline == "\n" and "\\\n" in text):
        fast = _FAST_ENTRY_RE.match

    blank_from = -1  # first blank line after a msgstr, while the entry may go on
    blank_from_pos = 0  # its offset
    awaiting = -1  # a keyword whose string is still to come (on a later line)
    index = 0
    pos = 0  # offset of line ``index`` in text

    def ends_lf(i: int) -> bool:
        return (eol(i) if crlf is not None else newline) == "\n"

    def joined(s: str) -> str:
        """The line ``s`` with the lines its backslash-newlines join to it."""
        nonlocal index, pos
        while s.endswith("\\") and index < count and ends_lf(index - 1):
            nl = text.find("\n", pos)
            if nl < 0:
                nl = size
            s = s[:-1] + text[pos:nl]
            index += 1
            pos = nl + 1
        return s

    while index < count:
        if cur is None and fast is not None and text[pos : pos + 1] in _FAST_STARTS:
            # the common shape of an entry, read by one regular expression
            match = fast(text, pos)
            if match is not None:
                entry = _fast_entry(match, index)
                if entry is not None:
                    match_end = match.end()
                    end = index + text.count("\n", pos, match_end)
                    if keep:
                        entry.raw = match.group(0)
                    add(entry, index, pos, end, match_end)
                    index = end
                    pos = match_end
                    continue
        nl = text.find("\n", pos)
        if nl < 0:
            nl = size
        line = text[pos:nl]
        line_pos = pos
        pos = nl + 1
        i = index
        index += 1
        s = line
        if s.endswith("\\") and index < count and ends_lf(i):
            s = joined(s)
        if s.endswith("\r"):  # the last line of a file ending in CR without LF
            s = s.rstrip("\r")
        c = s[:1]
        if c == " " or c == "\t":
            s = s.lstrip(" \t")
            c = s[:1]
        if not c:
            # GNU ignores blank lines: after a msgstr one usually ends the entry,
            # unless a string follows it (which continues the msgstr)
            if cur is not None and cur.phase == _MSGSTR and blank_from < 0:
                blank_from = i
                blank_from_pos = line_pos
            continue
        if blank_from >= 0:
            assert cur is not None
            if c != '"' and not (s[:2] == "#~" and s[2:].lstrip(" \t")[:1] == '"'):
                finish(cur, blank_from, blank_from_pos)
                cur = None
            blank_from = -1
        if awaiting >= 0 and s.lstrip("#~| \t")[:1] != '"':
            # GNU reads tokens, so a keyword's string may come on a later line, but it
            # must come
            raise _Fail(awaiting, "syntax error: a keyword must be followed by a string")
        obsolete = False
        previous = False
        if c == "#":
            c2 = s[1:2]
            if c2 == "~":
                obsolete = True
                s = s[2:]
                if s[:1] == "|":
                    previous = True
                    s = s[1:]
                s = s.lstrip(" \t")
                c = s[:1]
                if not c:
                    # a bare "#~": GNU reads nothing there (a string after it still
                    # continues the msgstr); it stays with the entry
                    if cur is None:
                        cur = _Builder(i, line_pos)
                    continue
            elif c2 == "|":
                previous = True
                s = s[2:].lstrip(" \t")
                c = s[:1]
                if not c:  # a bare "#|": nothing for GNU either; it stays with the entry
                    if cur is None:
                        cur = _Builder(i, line_pos)
                    continue
            else:
                # a comment line
                if cur is None:
                    cur = _Builder(i, line_pos)
                elif cur.phase == _MSGSTR:
                    finish(cur, i, line_pos)
                    cur = _Builder(i, line_pos)
                elif cur.phase == _PREVIOUS:
                    raise _Fail(i, "syntax error: comment line after '#|' lines")
                elif cur.phase > _PREVIOUS:
                    raise _Fail(i, "syntax error: comment line before the message's msgstr")
                body = s[2:]
                if c2 == ".":
                    cur.xcomments.append(body[1:] if body[:1] == " " else body)
                elif c2 == ":":
                    cur.refs.extend(body.split())
                elif c2 == ",":
                    cur.flags.extend(f for f in (x.strip() for x in body.split(",")) if f)
                else:
                    body = s[1:]
                    cur.tcomments.append(body[1:] if body[:1] == " " else body)
                continue
        if c == '"':
            if cur is None or cur.target is None:
                raise _Fail(i, "syntax error: string without a keyword before it")
            if previous != (cur.phase == _PREVIOUS):
                raise _Fail(i, "syntax error: continuation line of the wrong kind")
            if not previous and obsolete != cur.obsolete:
                raise _Fail(i, "inconsistent use of #~")
            cur.target.extend(_strings(s, i))
            awaiting = -1
            continue
        match = _KEYWORD_RE.match(s)
        if match is None:
            if not s.strip():  # a bare "#|" (say, the last line of a truncated file)
                raise _Fail(i, "syntax error: '#|' without a keyword after it")
            word = s.split(None, 1)[0][:30]
            raise _Fail(i, f'keyword "{word}" unknown')
        keyword, number = match.group(1), match.group(2)
        rest = s[match.end():]
        if number is not None and keyword != "msgstr":
            raise _Fail(i, f"syntax error: {keyword} cannot have an index")
        if previous:
            if cur is None:
                cur = _Builder(i, line_pos)
            elif cur.phase == _MSGSTR:
                finish(cur, i, line_pos)
                cur = _Builder(i, line_pos)
            elif cur.phase > _PREVIOUS:
                raise _Fail(i, "syntax error: '#|' line after the message's keywords")
            order = _PREV_ORDER.get(keyword)
            if order is None or order <= cur.prev_phase:
                raise _Fail(i, f"syntax error: '#| {keyword}' out of order")
            cur.phase = _PREVIOUS
            cur.prev_phase = order
            cur.target = cur.prev[keyword] = _strings(rest, i) if rest else []
            awaiting = -1 if cur.target else i
            continue
        if keyword == "msgctxt" or keyword == "msgid":
            if cur is None:
                cur = _Builder(i, line_pos)
            elif cur.phase == _MSGSTR:
                finish(cur, i, line_pos)
                cur = _Builder(i, line_pos)
            elif cur.phase >= _MSGID:
                raise _Fail(cur.msgid_index, "missing 'msgstr' section")
            elif cur.phase == _MSGCTXT and keyword == "msgctxt":
                raise _Fail(i, "syntax error: a second 'msgctxt'")
            if cur.obsolete is not None and cur.obsolete != obsolete:
                raise _Fail(i, "inconsistent use of #~")
            cur.obsolete = obsolete
            strings = _strings(rest, i) if rest else []
            awaiting = -1 if strings else i
            if keyword == "msgctxt":
                cur.phase = _MSGCTXT
                cur.msgctxt = cur.target = strings
            else:
                cur.phase = _MSGID
                cur.msgid = cur.target = strings
                cur.msgid_index = i
            continue
        if cur is None or cur.phase < _MSGID:
            raise _Fail(i, f"syntax error: '{keyword}' without a 'msgid' before it")
        if obsolete != cur.obsolete:
            raise _Fail(i, "inconsistent use of #~")
        strings = _strings(rest, i) if rest else []
        awaiting = -1 if strings else i
        if keyword == "msgid_plural":
            if cur.phase != _MSGID:
                raise _Fail(i, "syntax error: 'msgid_plural' out of order")
            cur.phase = _MSGID_PLURAL
            cur.msgid_plural = cur.target = strings
            continue
        # msgstr or msgstr[N]
        if number is None:
            if cur.phase == _MSGSTR:
                raise _Fail(i, "syntax error: a second 'msgstr'")
            if cur.msgid_plural is not None:
                raise _Fail(i, "missing 'msgstr[]' section (the message has a msgid_plural)")
            cur.phase = _MSGSTR
            cur.msgstr_index = i
            cur.msgstr = cur.target = strings
        else:
            if cur.msgid_plural is None:
                raise _Fail(cur.msgid_index, "missing 'msgid_plural' section")
            if cur.phase == _MSGSTR and cur.msgstr is not None:
                raise _Fail(i, "syntax error: 'msgstr[N]' after 'msgstr'")
            n = int(number)
            if n != len(cur.plural):
                if not cur.plural:
                    raise _Fail(i, "first plural form has nonzero index")
                raise _Fail(i, "plural form has wrong index")
            if cur.phase != _MSGSTR:
                cur.phase = _MSGSTR
                cur.msgstr_index = i
            cur.plural[n] = cur.target = strings
    if awaiting >= 0:
        raise _Fail(awaiting, "syntax error: a keyword must be followed by a string")
    if cur is not None and cur.phase != _COMMENTS:
        if cur.phase == _PREVIOUS:
            raise _Fail(cur.start, "missing 'msgid' and 'msgstr' sections after '#|' lines")
        if cur.phase == _MSGCTXT:
            raise _Fail(cur.start, "missing 'msgid' and 'msgstr' sections after 'msgctxt'")
        if blank_from >= 0:
            finish(cur, blank_from, blank_from_pos)
        else:
            finish(cur, count, pos)
    # what follows the last entry (blank lines, comments without a message) is kept
    catalog.epilogue = text_of(last_end, last_end_pos, count, pos)
    catalog.entries = entries
    catalog.header = header
    if header is not None:
        match = _CHARSET_RE.search(header.msgstr)
        if match:
            try:
                _codec_for(match.group(1))
            except LookupError as exc:
                raise _Fail(
                    header.msgstr_lineno - 1, _charset_problem(match.group(1), exc)
                ) from None
            catalog.charset = match.group(1)
    return catalog


_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # written "unrolled": several times faster
_STRINGS = rf"({_STRING}\n(?:{_STRING}\n)*)"
# An entry as nearly every tool writes it: comments (no "#~", no "#|"), keywords at
# the start of their line, one string per line.  Anything else takes the line parser.
_FAST_ENTRY_RE = re.compile(
    r"((?:#(?![~|])[^\n]*\n)*)"
    rf"(?:msgctxt {_STRINGS})?"
    rf"msgid {_STRINGS}"
    rf"(?:msgstr {_STRINGS}"
    rf"|msgid_plural {_STRINGS}((?:msgstr\[[0-9]+\] {_STRING}\n(?:{_STRING}\n)*)+))"
    # (not before a bare "#~": a string after it would continue this entry's msgstr)
    r"(?=\n*(?:#(?!~[ \t]*(?:\n|\Z))|msgid |msgctxt |\Z))"
)
_FAST_PLURAL_RE = re.compile(rf"msgstr\[([0-9]+)\] {_STRINGS}")
_FAST_STARTS = frozenset("#m")


def _fast_value(group: str) -> str:
    """The value of ``"..."\\n`` lines matched by ``_STRINGS``; ValueError on a bad escape."""
    value = group[1:-2]
    if '"\n"' in value:
        value = value.replace('"\n"', "")
    if "\\" in value:
        value = _unescape(value)
    return value


_FastFields = tuple[str, str, str | None, str | None, dict[int, str] | None,
                    tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _fast_fields(match: re.Match[str]) -> _FastFields | None:
    """msgid, msgstr, msgctxt, msgid_plural, plural forms (None for a singular entry)
    and the four kinds of comment of a ``_FAST_ENTRY_RE`` match, or None to let the
    line parser read it (and report its error)."""
    comments, ctxt, msgid, msgstr, plural, forms = match.groups()
    translator: tuple[str, ...] = ()
    extracted: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    if comments:
        lists: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
        tlist, xlist, rlist, flist = lists
        for line in comments[:-1].split("\n"):
            kind = line[1:2]
            if kind == ".":
                body = line[2:]
                xlist.append(body[1:] if body[:1] == " " else body)
            elif kind == ":":
                rlist.extend(line[2:].split())
            elif kind == ",":
                flist.extend(f for f in (x.strip() for x in line[2:].split(",")) if f)
            else:
                body = line[1:]
                tlist.append(body[1:] if body[:1] == " " else body)
        # tuples: no room kept for growth, and an empty one is shared
        translator, extracted, refs, flags = map(tuple, lists)
    try:
        context = _fast_value(ctxt) if ctxt is not None else None
        if msgstr is not None:
            return (_fast_value(msgid), _fast_value(msgstr), context, None, None,
                    translator, extracted, refs, flags)
        msgstr_plural: dict[int, str] = {}
        for number, form in enumerate(_FAST_PLURAL_RE.findall(forms)):
            if int(form[0]) != number:
                return None
            msgstr_plural[number] = _fast_value(form[1])
        return (_fast_value(msgid), "", context, _fast_value(plural), msgstr_plural,
                translator, extracted, refs, flags)
    except ValueError:
        return None


def _fast_entry(match: re.Match[str], index: int) -> Entry | None:
    """The entry of a ``_FAST_ENTRY_RE`` match at line ``index``, or None (see
    :func:`_fast_fields`)."""
    fields = _fast_fields(match)
    if fields is None:
        return None
    msgid, msgstr, msgctxt, msgid_plural, forms, translator, extracted, refs, flags = fields
    comments, ctxt, msgid_text, _, plural_text, _ = match.groups()
    # line numbers: the msgid's follows the comments and msgctxt lines, the msgstr's
    # follows the msgid's lines (and msgid_plural's)
    lineno = index + 1 + (comments.count("\n") if comments else 0)
    if ctxt is not None:
        lineno += ctxt.count("\n")
    msgstr_lineno = lineno + msgid_text.count("\n")
    if forms is None:
        return Entry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt,
                     translator_comments=translator, extracted_comments=extracted,
                     references=refs, flags=flags, lineno=lineno, msgstr_lineno=msgstr_lineno)
    return Entry(msgid=msgid, msgctxt=msgctxt, msgid_plural=msgid_plural, msgstr_plural=forms,
                 translator_comments=translator, extracted_comments=extracted,
                 references=refs, flags=flags, lineno=lineno,
                 msgstr_lineno=msgstr_lineno + plural_text.count("\n"))


def _make_entry(b: _Builder) -> Entry:
    prev = b.prev
    entry = Entry(
        msgid="".join(b.msgid),
        msgstr="".join(b.msgstr) if b.msgstr is not None else "",
        msgctxt="".join(b.msgctxt) if b.msgctxt is not None else None,
        msgid_plural="".join(b.msgid_plural) if b.msgid_plural is not None else None,
        msgstr_plural={n: "".join(v) for n, v in b.plural.items()} if b.plural else NO_FORMS,
        translator_comments=tuple(b.tcomments),
        extracted_comments=tuple(b.xcomments),
        references=tuple(b.refs),
        flags=tuple(b.flags),
        previous_msgctxt="".join(prev["msgctxt"]) if "msgctxt" in prev else None,
        previous_msgid="".join(prev["msgid"]) if "msgid" in prev else None,
        previous_msgid_plural="".join(prev["msgid_plural"]) if "msgid_plural" in prev else None,
        obsolete=bool(b.obsolete),
        lineno=b.msgid_index + 1,
        msgstr_lineno=b.msgstr_index + 1,
    )
    return entry


# ---------------------------------------------------------------------------
# line breaking (GNU's: libunistring's width line breaking)
# ---------------------------------------------------------------------------

_UC_BREAK_PROHIBITED = 1
_UC_BREAK_POSSIBLE = 2


def _load_unistring() -> Callable[[bytes, int, int, bytes, str], bytes] | None:
    name = ctypes.util.find_library("unistring")
    candidates = [name] if name else []
    candidates += ["libunistring.so.5", "libunistring.so.2", "libunistring.dylib"]
    for candidate in candidates:
        try:
            lib = ctypes.CDLL(candidate)
            func = lib.u8_width_linebreaks
        except (OSError, AttributeError):
            continue
        func.restype = ctypes.c_int
        func.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_char_p,
        ]

        return _unistring_caller(func)
    return None


def _unistring_caller(
    func: Callable[..., int],
) -> Callable[[bytes, int, int, bytes, str], bytes]:
    def breaks(text: bytes, width: int, start: int, overrides: bytes, encoding: str) -> bytes:
        out = ctypes.create_string_buffer(len(text))
        func(text, len(text), width, start, 0, overrides, encoding.encode("ascii"), out)
        return out.raw

    return breaks


_unistring_breaks = _load_unistring()


# A small part of the Unicode line breaking classes (UAX #14), for the fallback.
_NO_BREAK_BEFORE = frozenset(")]}!?,.:;/\u00bb\u2019\u201d\u3001\u3002\uff0c\uff0e\uff1a"
                             "\uff1b\uff01\uff1f\uff09\u300d\u300f\u3011\u3015\u3009"
                             "\u300b\u30fc\u3005\u309d\u309e\u30fd\u30fe\u30fb\u2026"
                             "\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087"
                             "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7")
_NO_BREAK_AFTER = frozenset("([{\\$\u00ab\u2018\u201c\uff08\u300c\u300e\u3010\u3014\u3008\u300a")
_QUOTES = frozenset("\"'")
_ALPHABETIC_SYMBOLS = frozenset("`#&*@^_~<>=")


def _python_break_before(prev: str, char: str, prev_wide: bool, wide: bool) -> bool:
    """Whether a line may break between ``prev`` and ``char`` (a subset of UAX #14)."""
    if char == " " or char in _NO_BREAK_BEFORE or prev in _NO_BREAK_AFTER:
        return False
    if prev == " ":
        return True
    if char in _QUOTES or prev in _QUOTES:
        return False
    if wide or prev_wide:
        return True
    if prev in "-/.,:;!?":  # before a letter, as libunistring does (e.g. "e." | "g.")
        return char.isalpha() or char in _ALPHABETIC_SYMBOLS
    return False


def _python_breaks(text: bytes, width: int, start: int, overrides: bytes, encoding: str) -> bytes:
    """Line breaking when libunistring is missing: libunistring's greedy algorithm
    over a subset of the Unicode line breaking rules, display width by wcwidth.
    Same as GNU for ordinary text; CJK and punctuation-heavy text may differ."""
    from wcwidth import wcwidth

    chars = text.decode("utf-8")
    result = bytearray(_PROHIBITED_BYTE * len(text))
    last_column = start
    piece_width = 0
    last_break = -1  # byte offset where the current piece starts (a break opportunity)
    offset = 0
    prev = ""
    prev_wide = False
    for char in chars:
        char_width = max(wcwidth(char), 0)
        wide = char_width == 2
        possible = (
            offset > 0
            and overrides[offset] != _UC_BREAK_PROHIBITED
            and _python_break_before(prev, char, prev_wide, wide)
        )
        if possible:
            if last_break >= 0 and last_column + piece_width > width:
                result[last_break] = _UC_BREAK_POSSIBLE
                last_column = 0
            last_break = offset
            last_column += piece_width
            piece_width = 0
        piece_width += char_width
        offset += len(char.encode("utf-8"))
        prev, prev_wide = char, wide
    if last_break >= 0 and last_column + piece_width > width:
        result[last_break] = _UC_BREAK_POSSIBLE
    return bytes(result)


_ESCAPE_OUT = {
    "\\": "\\\\",
    '"': '\\"',
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}
_NEEDS_ESCAPE_RE = re.compile('[\\\\"\a\b\f\n\r\t\v]')
_PORTION_RE = re.compile(r"[^\n]*\n|[^\n]+")
_ESCAPE_BYTES_RE = re.compile(rb"\\.", re.DOTALL)


def _escape(text: str) -> str:
    if _NEEDS_ESCAPE_RE.search(text) is None:
        return text
    return _NEEDS_ESCAPE_RE.sub(lambda m: _ESCAPE_OUT[m.group(0)], text)


def _wrap(
    out: list[str],
    prefix: str,
    name: str,
    value: str,
    page_width: int,
    encoding: str,
    no_wrap: bool,
    fmt: str | None = None,
) -> None:
    """Append the lines of ``name "value"`` as GNU's ``wrap()`` (write-po.c) prints them.

    ``fmt`` is the entry's format language: GNU never breaks a line inside one of
    its format directives.
    """
    portions = _PORTION_RE.findall(value) if value else [""]
    mask = _directive_mask(value, fmt) if fmt is not None else None
    first_line = True
    last = len(portions) - 1
    after_break = len(prefix) + 1  # column after the opening quote of a continuation line
    offset = 0
    for number, raw_portion in enumerate(portions):
        portion = _escape(raw_portion)
        protect = None
        if mask is not None:
            protect = mask[offset : offset + len(raw_portion)]
            if not any(protect):
                protect = None
        offset += len(raw_portion)
        ends_line = raw_portion.endswith("\n")
        width = page_width - 1 - after_break
        start = len(name) + 1 if first_line else 0
        ascii_only = portion.isascii()
        # no-wrap: GNU breaks only after "\n", the portion goes on one line
        fits = no_wrap or (ascii_only and start + len(portion) <= width)
        breaks: bytes | None = None
        encoded = b""
        if not fits:
            encoded = portion.encode("utf-8")
            overrides = _overrides(encoded, ends_line, raw_portion, protect)
            more = first_line and number < last  # then GNU starts with "" in any case
            breaks = b"" if more else _breaks(encoded, width, start, encoding, overrides)
            if first_line and portion and (
                more or start > width or _UC_BREAK_POSSIBLE in breaks
            ):
                out.append(f'{prefix}{name} ""')
                first_line = False
                start = 0
                fits = ascii_only and len(portion) <= width
                breaks = None if fits else _breaks(encoded, width, 0, encoding, overrides)
        elif first_line and portion and number < last:
            out.append(f'{prefix}{name} ""')
            first_line = False
        head = f"{prefix}{name} " if first_line else prefix
        if breaks is None or _UC_BREAK_POSSIBLE not in breaks:
            out.append(f'{head}"{portion}"')
        else:
            pieces = []
            begin = 0
            pos = breaks.find(_UC_BREAK_POSSIBLE)
            while pos >= 0:
                pieces.append(encoded[begin:pos].decode("utf-8"))
                begin = pos
                pos = breaks.find(_UC_BREAK_POSSIBLE, pos + 1)
            pieces.append(encoded[begin:].decode("utf-8"))
            out.append(f'{head}"{pieces[0]}"')
            out.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
        first_line = False


def _overrides(
    encoded: bytes, ends_line: bool, raw_portion: str, protect: bytes | None
) -> bytes:
    """Where GNU forbids a break: inside an escape sequence, before a final ``\\n``,
    and inside a format directive (``protect``: one flag per character)."""
    overrides = bytearray(len(encoded))
    for match in _ESCAPE_BYTES_RE.finditer(encoded):
        overrides[match.start() + 1] = _UC_BREAK_PROHIBITED
    if ends_line:
        overrides[-2] = _UC_BREAK_PROHIBITED
    if protect is not None:
        for run in _RUN_RE.finditer(protect):
            begin = len(_escape(raw_portion[: run.start()]).encode("utf-8"))
            end = len(_escape(raw_portion[: run.end()]).encode("utf-8"))
            overrides[begin:end] = _PROHIBITED_BYTE * (end - begin)
    return bytes(overrides)


_RUN_RE = re.compile(b"\x01+")
_PROHIBITED_BYTE = bytes([_UC_BREAK_PROHIBITED])


def _breaks(encoded: bytes, width: int, start: int, encoding: str, overrides: bytes) -> bytes:
    func = _unistring_breaks or _python_breaks
    return func(encoded, width, start, overrides, encoding)


# -- format directives, as GNU's parsers delimit them ------------------------

_PY_SPEC_RE = re.compile(r"[-+ #0]*(?P<w>\*|[0-9]+)?(?:\.(?P<p>\*|[0-9]+)?)?[hlL]*")
_PY_CONVERSIONS = frozenset("%csrdiuoxXeEfgG")  # gettext 0.21: no %a, %F
_C_SPEC_RE = re.compile(
    r"(?P<pos>[0-9]+\$)?[-+ #0'I]*"
    r"(?P<w>\*(?P<wpos>[0-9]+\$)?|[0-9]+)?"
    r"(?:\.(?P<p>\*(?P<ppos>[0-9]+\$)?|[0-9]+)?)?"
    r"[hlLqjzZt]*"
    r"(?P<conv><PRI[diouxX](?:8|16|32|64|LEAST8|LEAST16|LEAST32|LEAST64|FAST8|FAST16"
    r"|FAST32|FAST64|MAX|PTR)>|[diouxXcCsSeEfFgGaApnm%])?"
)


def _format_language(flags: Sequence[str]) -> str | None:
    """The format GNU uses to find directives: the first possible one in its order."""
    best: int | None = None
    for flag in flags:
        if flag.endswith("-format") and not flag.startswith(("no-", "impossible-")):
            lang = flag.removeprefix("possible-").removesuffix("-format")
            rank = _FORMAT_RANK.get(lang)
            if rank is not None and (best is None or rank < best):
                best = rank
    return _FORMAT_LANGUAGES[best] if best is not None else None


def _directive_mask(value: str, fmt: str) -> bytes | None:
    """One flag per character of ``value``: 1 where GNU forbids a line break
    (inside a well-formed directive, after its first character)."""
    if fmt == "python":
        spans = _python_directives(value)
    elif fmt == "c":
        spans = _c_directives(value)
    elif fmt == "python-brace":
        spans = _brace_directives(value)
    else:
        return None
    if not spans:
        return None
    mask = bytearray(len(value))
    for begin, end in spans:
        mask[begin + 1 : end] = b"\1" * (end - begin - 1)
    return bytes(mask)


def _python_directives(value: str) -> list[tuple[int, int]]:
    """Spans of Python ``%`` directives up to the first error (format-python.c)."""
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    pos = value.find("%")
    while pos >= 0:
        i = pos + 1
        name = False
        if value[i : i + 1] == "(":
            depth = 0
            i += 1
            while i < len(value):
                if value[i] == "(":
                    depth += 1
                elif value[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= len(value):
                return spans
            name = True
            i += 1
        spec = _PY_SPEC_RE.match(value, i)
        assert spec is not None  # every part of the pattern is optional
        stars = (spec.group("w") == "*") + (spec.group("p") == "*")
        if stars and named:
            return spans
        unnamed += stars
        i = spec.end()
        if i >= len(value) or value[i] not in _PY_CONVERSIONS:
            return spans
        if name:
            if unnamed:
                return spans
            named += 1
        elif value[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((pos, i + 1))
        pos = value.find("%", i + 1)
    return spans


_BRACE_RE = re.compile(rb"[{}]")


def _brace_directives(value: str) -> list[tuple[int, int]]:
    """The span GNU 0.21 protects in a python-brace-format string.

    GNU's brace parser records each directive's start and end relative to the
    directive itself instead of to the string, so what gettext 0.21 keeps unbroken
    is the stretch at the *start of the string* as long as the shortest directive
    (none when the first mark it meets is an error).  Reproduced here as is.
    """
    marks: list[tuple[int, bool]] = []  # (byte offset, is_error)
    data = value.encode("utf-8")
    n = len(data)

    def directive(start: int, toplevel: bool) -> int | None:
        i = start + 1
        if i < n and data[i : i + 1].isdigit():
            while i < n and data[i : i + 1].isdigit():
                i += 1
        elif i < n and (data[i : i + 1].isalpha() or data[i] == 0x5F):
            while i < n and (data[i : i + 1].isalnum() or data[i] == 0x5F):
                i += 1
        else:
            marks.append((min(i, n - 1) - start, True))
            return None
        while i < n and data[i] in b".[":
            opener = data[i]
            i += 1
            begin = i
            while i < n and (data[i : i + 1].isalnum() or data[i] == 0x5F):
                i += 1
            if i == begin or (opener == 0x5B and data[i : i + 1] != b"]"):
                marks.append((min(i, n - 1) - start, True))
                return None
            if opener == 0x5B:
                i += 1
        if i < n and data[i] == 0x3A and toplevel:  # ':' then a format spec
            i += 1
            while i < n and data[i] != 0x7D:
                if data[i] == 0x7B:
                    end = directive(i, False)
                    if end is None:
                        return None
                    i = end
                else:
                    i += 1
        if i >= n or data[i] != 0x7D:
            marks.append((min(i, n - 1) - start, True))
            return None
        marks.append((i - start, False))
        return i + 1

    brace = _BRACE_RE.search(data)
    while brace is not None:
        i = brace.start()
        if data[i] == 0x7B and data[i + 1 : i + 2] != b"{":
            end = directive(i, True)
            if end is None:
                break
        else:
            # "{{" and "}}" are literal braces; a lone "}" does not stop GNU's scan
            end = i + 2 if data[i + 1 : i + 2] == data[i : i + 1] else i + 1
        brace = _BRACE_RE.search(data, end)
    if not marks:
        return []
    offset, is_error = min(marks, key=lambda m: (m[0], not m[1]))
    if is_error or offset == 0:
        return []
    # the protected bytes [1, offset] as a character span starting at 0
    chars = len(data[: offset + 1].decode("utf-8", "ignore"))
    return [(0, chars)]


def _c_directives(value: str) -> list[tuple[int, int]]:
    """Spans of C ``printf`` directives up to the first error (format-c.c)."""
    spans: list[tuple[int, int]] = []
    numbered = unnumbered = False
    pos = value.find("%")
    while pos >= 0:
        match = _C_SPEC_RE.match(value, pos + 1)
        assert match is not None
        conv = match.group("conv")
        if conv is None:
            return spans
        if conv != "%":
            uses_numbers = any(match.group(g) for g in ("pos", "wpos", "ppos"))
            uses_plain = not match.group("pos") or (
                match.group("w") == "*" and not match.group("wpos")
            ) or (match.group("p") == "*" and not match.group("ppos"))
            numbered = numbered or uses_numbers
            unnumbered = unnumbered or uses_plain
            if numbered and unnumbered:
                return spans
        spans.append((pos, match.end()))
        pos = value.find("%", match.end())
    return spans


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def _width_encoding(charset: str) -> str:
    """The charset name libunistring expects (it widens ambiguous characters in CJK ones)."""
    upper = charset.upper()
    if upper == "CHARSET":
        return "UTF-8"
    return {"UTF8": "UTF-8", "EUCKR": "EUC-KR", "EUCJP": "EUC-JP", "SJIS": "SHIFT_JIS"}.get(
        upper, upper
    )


def format_entry(entry: Entry, *, width: int = 79) -> str:
    """The entry as GNU msgcat/msgmerge print it (``\\n`` newlines, no separator line)."""
    return _format_entry(entry, width, "UTF-8", "utf-8")


def _format_entry(entry: Entry, width: int, encoding: str, codec: str) -> str:
    out: list[str] = []
    for comment in entry.translator_comments:
        out.append(f"# {comment}" if comment else "#")
    for comment in entry.extracted_comments:
        out.append(f"#. {comment}" if comment else "#.")
    if entry.references:
        line = "#:"
        column = 2
        for ref in entry.references:
            while ref.startswith("./"):
                ref = ref[2:]
            # GNU counts the bytes of the file name, in the catalog's charset
            size = len(ref) + 1 if ref.isascii() else len(ref.encode(codec, "replace")) + 1
            if column > 2 and column + size > width:
                out.append(line)
                line = "#:"
                column = 2
            line += " " + ref
            column += size
        out.append(line)
    flags, no_wrap = _gnu_flags(entry.flags)
    if flags and flags[0] == "fuzzy" and not entry.translations()[0]:
        # GNU never prints "fuzzy" on an untranslated message (msgfmt ignores it too)
        flags = flags[1:]
    fmt = _format_language(entry.flags)
    if flags:
        out.append("#, " + ", ".join(flags))
    obsolete = entry.obsolete
    prev_prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        _wrap(out, prev_prefix, "msgctxt", entry.previous_msgctxt, width, encoding, no_wrap, fmt)
    if entry.previous_msgid is not None:
        _wrap(out, prev_prefix, "msgid", entry.previous_msgid, width, encoding, no_wrap, fmt)
    if entry.previous_msgid_plural is not None:
        previous_plural = entry.previous_msgid_plural
        _wrap(out, prev_prefix, "msgid_plural", previous_plural, width, encoding, no_wrap, fmt)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        _wrap(out, prefix, "msgctxt", entry.msgctxt, width, encoding, no_wrap, fmt)
    _wrap(out, prefix, "msgid", entry.msgid, width, encoding, no_wrap, fmt)
    if entry.msgid_plural is not None:
        _wrap(out, prefix, "msgid_plural", entry.msgid_plural, width, encoding, no_wrap, fmt)
        forms = entry.msgstr_plural or {0: "", 1: ""}
        for n in sorted(forms):
            _wrap(out, prefix, f"msgstr[{n}]", forms[n], width, encoding, no_wrap, fmt)
    else:
        _wrap(out, prefix, "msgstr", entry.msgstr, width, encoding, no_wrap, fmt)
    out.append("")
    return "\n".join(out)


# GNU's order of format flags (format_language[] in gettext-tools/src/message.c).
_FORMAT_LANGUAGES = (
    *("c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript"),
    *("scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal"),
    *("smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace"),
    *("php", "gcc-internal", "gfc-internal", "ycp"),
)
_FORMAT_RANK = {lang: rank for rank, lang in enumerate(_FORMAT_LANGUAGES)}
_FORMAT_FLAG_RE = re.compile(r"(no-|possible-|impossible-)?(.+)-format\Z")


def _gnu_flags(flags: Sequence[str]) -> tuple[Sequence[str], bool]:
    """The flags in the order GNU prints them, and whether the entry is no-wrap.

    GNU prints ``fuzzy``, then format flags in its language order (the last of
    ``x-format``/``no-x-format`` wins), then ``range:``, then ``no-wrap``.  Flags
    GNU does not know are kept, after those (GNU would drop them).
    """
    if len(flags) == 1 and flags[0] != "wrap":
        return flags, flags[0] == "no-wrap"
    formats: dict[int, str] = {}
    fuzzy = False
    wrap: bool | None = None
    range_flag: str | None = None
    unknown: list[str] = []
    for flag in flags:
        if flag == "fuzzy":
            fuzzy = True
        elif flag == "no-wrap":
            wrap = False
        elif flag == "wrap":
            wrap = True
        elif flag.startswith("range:"):
            range_flag = flag
        else:
            match = _FORMAT_FLAG_RE.match(flag)
            rank = _FORMAT_RANK.get(match.group(2)) if match else None
            if match is None or rank is None:
                if flag not in unknown:
                    unknown.append(flag)
            elif match.group(1) == "impossible-":
                formats.pop(rank, None)
            else:
                negative = match.group(1) == "no-"
                formats[rank] = f"{'no-' if negative else ''}{_FORMAT_LANGUAGES[rank]}-format"
    out = ["fuzzy"] if fuzzy else []
    out.extend(formats[rank] for rank in sorted(formats))
    if range_flag is not None:
        out.append(range_flag)
    if wrap is False:
        out.append("no-wrap")
    out.extend(unknown)
    return out, wrap is False


def _entries_text(catalog: Catalog, width: int) -> Iterator[str]:
    newline = catalog.newline
    encoding = _width_encoding(catalog.charset)
    codec = _codec_for(catalog.charset)
    yield catalog.prologue
    items = list(catalog.entries)
    if catalog.header is not None:
        items.insert(min(catalog.header_position, len(items)), catalog.header)
    for number, entry in enumerate(items):
        if number:
            yield entry.leading if entry.leading is not None else newline
        raw = entry.raw
        if raw is not None and raw_still_holds(entry, newline=newline, charset=catalog.charset):
            if entry.raw_eols is not None:
                yield "".join(
                    line + eol
                    for line, eol in zip(raw[:-1].split("\n"), entry.raw_eols, strict=True)
                )
            elif newline != "\n":
                yield raw.replace("\n", newline)
            else:
                yield raw
        else:
            text = None
            if entry is catalog.header and raw is not None and entry.raw_eols is None:
                text = _patched_header(entry, raw, width, encoding, catalog.charset)
            if text is None:
                text = _format_entry(entry, width, encoding, codec)
            yield text.replace("\n", newline) if newline != "\n" else text
    yield catalog.epilogue


def _patched_header(entry: Entry, raw: str, width: int, encoding: str,
                    charset: str) -> str | None:
    """The header as it was read, with only the lines of its changed fields rewritten.

    A header field (``Name: value\n``) is one portion of the header's msgstr; tools
    lay its lines out their own way (Weblate and translate-toolkit break a long
    ``Language-Team`` after 77 columns, GNU at a space), so rewriting the whole header
    when one field changed would re-wrap the others and start a tug-of-war in git.
    A field whose text is unchanged keeps its lines byte for byte; a new or changed
    one is written as GNU writes it.  None when the header cannot be patched so
    (a change outside the msgstr, a msgstr that begins on its keyword line): then
    the whole entry is formatted.
    """
    lines = raw[:-1].split("\n") if raw.endswith("\n") else raw.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("msgstr ")), None)
    if start is None or lines[start].rstrip() != 'msgstr ""':
        return None
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    old: dict[str, list[list[str]]] = {}
    group: list[str] = []
    text = ""
    try:
        for line in lines[start + 1 : end]:
            group.append(line)
            text += "".join(_strings(line, 0))
            if text.endswith("\n"):
                old.setdefault(text, []).append(group)
                group, text = [], ""
    except _Fail:
        return None
    no_wrap = _gnu_flags(entry.flags)[1]
    out = [lines[start]]
    for portion in _PORTION_RE.findall(entry.msgstr):
        kept = old.get(portion)
        if kept:
            out.extend(kept.pop(0))
            continue
        formatted: list[str] = []
        # as a continuation of a multi-line msgstr: after 'msgstr ""' and a first portion
        _wrap(formatted, "", "msgstr", "\n" + portion, width, encoding, no_wrap)
        out.extend(formatted[2:])
    candidate = "\n".join([*lines[:start], *out, *lines[end:]]) + "\n"
    try:
        read = _parse_lines(candidate, None, "\n", True, charset, "<header>", False)
    except _Fail:
        return None
    if read.header is None or read.entries or read.header.fingerprint() != entry.fingerprint():
        return None
    return candidate


def raw_still_holds(entry: Entry, *, newline: str = "\n", charset: str = "UTF-8") -> bool:
    """True when the text the entry was read from (``raw``) still says exactly what
    the entry says: then the writer prints that text as it was.

    The text is read again and the two meanings compared (:meth:`Entry.fingerprint`),
    so a change made in any way — a field assigned, then perhaps assigned back — is
    seen, and nothing of the meaning is kept per entry between reading and writing
    (a snapshot took a tenth of a large update's memory; reading again takes a few
    microseconds an entry, when writing).  ``newline`` and ``charset`` are the
    catalog's: a backslash before CR-LF does not join lines, as when it was read.
    """
    raw = entry.raw
    if raw is None:
        return False
    mine = entry.fingerprint()
    if entry.raw_eols is None and newline == "\n" and "\\\n" not in raw:
        match = _FAST_ENTRY_RE.match(raw)
        if match is not None and match.end() == len(raw):
            fields = _fast_fields(match)
            if fields is not None:
                msgid, msgstr, msgctxt, msgid_plural, forms, tc, ec, refs, flags = fields
                return mine == meaning(msgid, msgstr, msgctxt, msgid_plural, forms or NO_FORMS,
                                       tc, ec, refs, flags, None, None, None, False)
    eols = entry.raw_eols
    crlf = None if eols is None else {i for i, eol in enumerate(eols) if eol == "\r\n"}
    try:
        read = _parse_lines(raw, crlf, newline if eols is None else "\n", True, charset,
                            "<entry>", False)
    except _Fail:
        return False
    found = read.entries if read.header is None else [read.header, *read.entries]
    return len(found) == 1 and found[0].fingerprint() == mine


def format_po(catalog: Catalog, *, width: int = 79) -> bytes:
    """The catalog's bytes: unchanged entries as read, the others as GNU formats them."""
    out = io.BytesIO()
    for piece in iter_po_bytes(catalog, width=width):
        out.write(piece)
    return out.getvalue()


def iter_po_bytes(catalog: Catalog, *, width: int = 79) -> Iterator[bytes]:
    """:func:`format_po`'s bytes in pieces of about a megabyte, as they are encoded."""
    if not catalog.source_kept:
        raise ValueError(f"{catalog.path}: read with keep_source=False, cannot be written")
    # Memory: the pieces (mostly the entries' own ``raw`` strings) are encoded one by
    # one, never joined into one text beside its bytes.
    chunks = list(_entries_text(catalog, width))
    if not catalog.final_newline:
        _strip_final_newline(chunks)
    try:
        codec = _codec_for(catalog.charset)
    except LookupError as exc:
        raise SourceError(
            catalog.path or "<catalog>", None,
            _charset_problem(catalog.charset, exc).removesuffix(" in the header")
        ) from None
    # an incremental encoder gives the bytes a one-shot encode gives, stateful codecs too
    encoder = codecs.getincrementalencoder(codec)("surrogateescape")  # bytes from comments
    pending: list[bytes] = []
    size = 0
    lines = 0
    for chunk in chunks:
        try:
            data = encoder.encode(chunk)
        except UnicodeEncodeError as exc:
            raise SourceError(
                catalog.path or "<catalog>",
                lines + chunk.count("\n", 0, exc.start) + 1,
                f"character {chunk[exc.start]!r} cannot be written in the catalog's charset "
                f"{catalog.charset}",
            ) from None
        lines += chunk.count("\n")
        pending.append(data)
        size += len(data)
        if size >= _PIECE:
            yield b"".join(pending)
            pending.clear()
            size = 0
    pending.append(encoder.encode("", final=True))
    yield b"".join(pending)


_PIECE = 2**20


def _strip_final_newline(chunks: list[str]) -> None:
    """Remove the final newline (``\r\n`` or ``\n``) of the text ``chunks`` make up."""
    last = [i for i in range(len(chunks) - 1, -1, -1) if chunks[i]][:2]
    if not last:
        return
    tail = chunks[last[0]]
    if tail.endswith("\r\n"):
        chunks[last[0]] = tail[:-2]
    elif tail.endswith("\n"):
        chunks[last[0]] = tail[:-1]
        if tail == "\n" and len(last) > 1 and chunks[last[1]].endswith("\r"):
            chunks[last[1]] = chunks[last[1]][:-1]  # a "\r\n" across two pieces


def write_po(catalog: Catalog, path: Path, *, width: int = 79) -> bool:
    """Write the catalog atomically; return False when the file already had these bytes.

    The bytes go to the file as they are encoded: a large catalog's are never all
    in memory.  Nothing is written when encoding fails (the file stays as it was).
    """
    return fsutil.atomic_write_chunks(path, iter_po_bytes(catalog, width=width))

