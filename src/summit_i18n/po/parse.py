"""Parsing: the text of a .po/.pot file to a :class:`~summit_i18n.catalog.Catalog`.

Principles: read what GNU's reader reads, refuse what msgfmt refuses (with its
wording, as :class:`SourceError` ``path:line: error: message``), and keep what a
writer needs to print an unchanged entry byte for byte: the entry's exact text
(``Entry.raw``), the blank lines before it (``Entry.leading``), the text before the
first entry and after the last (``prologue``, ``epilogue``) and, when line endings
are mixed, each line's ending.  Nothing is ever written from a catalog that did not
parse.

Two readers give the same entries (a test checks it):

* the fast path, :data:`_FAST_ENTRY_RE`: one regular expression matches an entry
  as nearly every tool writes it (comments, then keywords at the start of their
  lines, one string per line, no ``#~`` or ``#|``) and :func:`_fast_entry` builds
  it.  It is tried at the start of every entry; most entries are read by it alone.
  It never reports an error: when it does not match, or the match holds something
  it does not handle (a bad escape, plural forms out of order), it declines.
* the line reader, :class:`_LineReader`: a state machine over the lines of one
  entry, for everything the fast path declines (obsolete and ``#|`` entries, odd
  spacing, strings on later lines, backslash-newlines, mixed line endings) and for
  every error.  Its states and transitions are tabled in its docstring.

Bytes to text (charset, BOM, size limit) is :mod:`summit_i18n.po.decode`'s job;
:func:`parse_po` (and :func:`read_po`, which reads the file first) runs it, then the
readers, and reads the text again in the header's charset in the rare case the
header names one the first sniffing of the bytes missed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from summit_i18n._gc import gc_paused
from summit_i18n.catalog import NO_FORMS, Catalog, Entry
from summit_i18n.errors import SourceError
from summit_i18n.po.decode import (
    _SURROGATE_RE,
    _charset_problem,
    _check_bytes,
    _codec_for,
    _decode,
    _sniff_charset,
    _split_text,
    read_bytes,
)

__all__ = ["parse_po", "read_po"]

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
    charset, offset = _sniff_charset(data)
    try:
        utf8 = _codec_for(charset) == "utf-8"
    except LookupError:
        utf8 = False  # _decode says so, with the line
    # The rare second reading in the header's charset needs the bytes again: LF-only
    # UTF-8 text gives them back exactly (surrogateescape); anything else keeps them.
    kept = None if utf8 and b"\r" not in data else data
    box.append(data)
    del data
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



def _parse_lines(
    text: str,
    crlf: set[int] | None,
    newline: str,
    final_newline: bool,
    charset: str,
    path: str,
    keep: bool,
) -> Catalog:
    """The catalog of ``text`` (``\\n`` newlines; ``crlf``: the lines that ended in
    CRLF when line endings are mixed, else None); :class:`_Fail` on a syntax error."""
    return _LineReader(text, crlf, newline, final_newline, charset, path, keep).read()


class _LineReader:
    """The reader of one file's text: entry by entry, the fast path first, then
    line by line.

    The state is the entry being read (``cur``, a :class:`_Builder`, or None between
    entries) and, when there is one, its phase: the part of the entry its lines
    have reached, in the order the keywords must come.  Each line is of one kind
    and goes to the method of that kind (:meth:`blank`, :meth:`comment`,
    :meth:`mark`, :meth:`string`, :meth:`previous`, :meth:`keyword`); a ``#~``
    prefix makes any line but a comment obsolete, and marks an entry as such.

    Phases, in the order an entry's lines reach them: (none) → COMMENTS →
    PREVIOUS → MSGCTXT → MSGID → MSGID_PLURAL → MSGSTR.  The transitions, where
    "new" is a new entry (the one in MSGSTR is finished first); any other line in
    any other phase is a syntax error, reported with msgfmt's message:

    ====================  ==========================  =============================
    line                  in phase                    goes to
    ====================  ==========================  =============================
    ``# …`` comment       none, COMMENTS              COMMENTS (same entry)
    ``# …`` comment       MSGSTR                      COMMENTS (new)
    ``#| keyword "…"``    none, COMMENTS, PREVIOUS    PREVIOUS (keywords in order)
    ``#| keyword "…"``    MSGSTR                      PREVIOUS (new)
    ``msgctxt "…"``       none, COMMENTS, PREVIOUS    MSGCTXT
    ``msgctxt "…"``       MSGSTR                      MSGCTXT (new)
    ``msgid "…"``         none .. MSGCTXT             MSGID
    ``msgid "…"``         MSGSTR                      MSGID (new)
    ``msgid_plural "…"``  MSGID                       MSGID_PLURAL
    ``msgstr "…"``        MSGID                       MSGSTR
    ``msgstr[N] "…"``     MSGID_PLURAL, MSGSTR        MSGSTR (form N: 0, 1, …)
    ``"…"`` string        PREVIOUS .. MSGSTR          same (the last keyword's)
    bare ``#~``, ``#|``   any                         same (none: COMMENTS)
    blank line            any                         same (MSGSTR: see below)
    ====================  ==========================  =============================

    After a msgstr a blank line usually ends the entry, but GNU ignores blank lines,
    so a string after it still continues the msgstr: the blank line is remembered
    (``blank_from``) and the entry finished there when the next non-blank line is
    not a string.  GNU reads tokens, so a keyword's string may come on a later line
    (``awaiting``), but it must come.  A bare ``#~`` or ``#|`` line holds nothing and
    stays with the entry.  At the end of the text the entry being read must have
    reached MSGSTR (or be comments only, which are kept as the epilogue).
    """

    def __init__(self, text: str, crlf: set[int] | None, newline: str, final_newline: bool,
                 charset: str, path: str, keep: bool) -> None:
        self.text = text
        self.crlf = crlf
        self.newline = newline
        self.final_newline = final_newline
        self.keep = keep
        self.catalog = Catalog(charset=charset, newline=newline, path=path,
                               final_newline=final_newline, source_kept=keep)
        self.entries: list[Entry] = []
        self.seen: dict[Any, int] = {}
        self.seen_msgid: dict[Any, int] = {}
        self.header: Entry | None = None
        self.cur: _Builder | None = None  # the entry being read
        self.last_end = 0  # index after the last line of the last finished entry
        self.last_end_pos = 0  # its offset in text
        self.first = True
        # Lines are numbered from 0 and found by offset; a line that starts at ``pos``
        # ends at the next "\n" (or at the end of a text without a final newline).
        self.count = text.count("\n") + (0 if final_newline else 1)
        self.size = len(text)
        self.blank_from = -1  # first blank line after a msgstr, while the entry may go on
        self.blank_from_pos = 0  # its offset
        self.awaiting = -1  # a keyword whose string is still to come (on a later line)
        self.index = 0  # the next line
        self.pos = 0  # its offset in text

    # -- the text ---------------------------------------------------------
    def eol(self, i: int) -> str:
        """The line ending of line ``i`` (mixed line endings only)."""
        assert self.crlf is not None
        if i == self.count - 1 and not self.final_newline:
            return self.eol(i - 1) if i > 0 else self.newline  # kept on write
        return "\r\n" if i in self.crlf else "\n"

    def ends_lf(self, i: int) -> bool:
        return (self.eol(i) if self.crlf is not None else self.newline) == "\n"

    def text_of(self, start: int, start_pos: int, end: int, end_pos: int) -> str:
        """Lines ``start`` to ``end`` (excluded) with their line endings."""
        if end <= start:
            return ""
        chunk = self.text[start_pos:end_pos]
        if not chunk.endswith("\n"):
            chunk += "\n"
        if self.crlf is None:
            return chunk if self.newline == "\n" else chunk.replace("\n", self.newline)
        eol = self.eol
        return "".join(line + eol(i) for i, line in enumerate(chunk[:-1].split("\n"), start))

    def joined(self, s: str) -> str:
        """The line ``s`` with the lines its backslash-newlines join to it (GNU deletes
        every backslash-newline, LF only, wherever it is)."""
        text = self.text
        while s.endswith("\\") and self.index < self.count and self.ends_lf(self.index - 1):
            nl = text.find("\n", self.pos)
            if nl < 0:
                nl = self.size
            s = s[:-1] + text[self.pos:nl]
            self.index += 1
            self.pos = nl + 1
        return s

    # -- entries ----------------------------------------------------------
    def begin(self, i: int, line_pos: int) -> _Builder:
        """A new entry at line ``i``, after finishing the one in MSGSTR (the caller
        has refused every other phase)."""
        if self.cur is not None:
            self.finish(self.cur, i, line_pos)
        self.cur = _Builder(i, line_pos)
        return self.cur

    def finish(self, b: _Builder, end: int, end_pos: int) -> None:
        """Add the entry of ``b``, whose last line is ``end - 1``."""
        if b.phase < _MSGSTR:
            raise _Fail(b.msgid_index, "missing 'msgstr' section")
        entry = _make_entry(b)
        if self.keep:
            raw = self.text[b.start_pos : end_pos]
            entry.raw = raw if raw.endswith("\n") else raw + "\n"
        if self.keep and self.crlf is not None:
            entry_eols = tuple(self.eol(i) for i in range(b.start, end))
            if any(e != self.newline for e in entry_eols):
                entry.raw_eols = entry_eols
        self.add(entry, b.start, b.start_pos, end, end_pos)
        self.cur = None

    def add(self, entry: Entry, start: int, start_pos: int, end: int, end_pos: int) -> None:
        """Add a finished entry (lines ``start`` to ``end``, excluded) to the catalog."""
        if self.first:
            self.catalog.prologue = self.text_of(0, 0, start, start_pos)
            self.first = False
        elif not self.keep:
            pass
        elif start_pos == self.last_end_pos + 1 and self.crlf is None and self.newline == "\n":
            entry.leading = "\n"  # the usual single blank line, without slicing
        else:
            entry.leading = self.text_of(self.last_end, self.last_end_pos, start, start_pos)
        self.last_end = end
        self.last_end_pos = end_pos
        # msgfmt refuses a message defined twice, obsolete (#~) definitions included;
        # messages without a context are looked up by msgid alone (no tuple each)
        msgctxt = entry.msgctxt
        known = self.seen_msgid if msgctxt is None else self.seen
        key = entry.msgid if msgctxt is None else (msgctxt, entry.msgid)
        if key in known:
            raise _Fail(
                entry.lineno - 1,
                f"duplicate message definition (first defined at line {known[key]})",
            )
        known[key] = entry.lineno
        if entry.obsolete:
            self.entries.append(entry)
            return
        if self.header is None and entry.msgid == "" and msgctxt is None:
            self.header = entry
            self.catalog.header_position = len(self.entries)
        else:
            self.entries.append(entry)

    # -- the whole text ---------------------------------------------------
    def read(self) -> Catalog:
        text = self.text
        count = self.count
        # a backslash-newline is rare: the line reader alone deals with it
        fast = None
        if self.crlf is None and not (self.newline == "\n" and "\\\n" in text):
            fast = _FAST_ENTRY_RE.match
        keep = self.keep
        index, pos = self.index, self.pos  # (locals in this loop: it runs for every entry)
        while index < count:
            if self.cur is None and text[pos : pos + 1] == "\n":
                # a blank line between entries: nothing to read (see blank())
                index += 1
                pos += 1
                continue
            if self.cur is None and fast is not None and text[pos : pos + 1] in _FAST_STARTS:
                # the common shape of an entry, read by one regular expression
                match = fast(text, pos)
                if match is not None:
                    entry = _fast_entry(match, index)
                    if entry is not None:
                        match_end = match.end()
                        end = index + text.count("\n", pos, match_end)
                        if keep:
                            entry.raw = match.group(0)
                        self.add(entry, index, pos, end, match_end)
                        index = end
                        pos = match_end
                        continue
            self.index, self.pos = index, pos
            self.line()
            index, pos = self.index, self.pos
        self.index, self.pos = index, pos
        return self.end()

    def line(self) -> None:
        """Read the next line and hand it to the method of its kind."""
        text = self.text
        nl = text.find("\n", self.pos)
        if nl < 0:
            nl = self.size
        s = text[self.pos:nl]
        line_pos = self.pos
        self.pos = nl + 1
        i = self.index
        self.index += 1
        if s.endswith("\\") and self.index < self.count and self.ends_lf(i):
            s = self.joined(s)
        if s.endswith("\r"):  # the last line of a file ending in CR without LF
            s = s.rstrip("\r")
        c = s[:1]
        if c == " " or c == "\t":
            s = s.lstrip(" \t")
            c = s[:1]
        if not c:
            self.blank(i, line_pos)
            return
        if self.blank_from >= 0:
            cur = self.cur
            assert cur is not None
            if c != '"' and not (s[:2] == "#~" and s[2:].lstrip(" \t")[:1] == '"'):
                self.finish(cur, self.blank_from, self.blank_from_pos)
            self.blank_from = -1
        if self.awaiting >= 0 and s.lstrip("#~| \t")[:1] != '"':
            raise _Fail(self.awaiting, "syntax error: a keyword must be followed by a string")
        obsolete = previous = False
        if c == "#":
            c2 = s[1:2]
            if c2 == "~":
                obsolete = True
                s = s[2:]
                if s[:1] == "|":
                    previous = True
                    s = s[1:]
                s = s.lstrip(" \t")
            elif c2 == "|":
                previous = True
                s = s[2:].lstrip(" \t")
            else:
                self.comment(i, line_pos, s)
                return
            c = s[:1]
            if not c:
                self.mark(i, line_pos)
                return
        if c == '"':
            self.string(i, s, obsolete, previous)
            return
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
            self.previous(i, line_pos, keyword, rest)
        else:
            self.keyword(i, line_pos, keyword, number, rest, obsolete)

    def end(self) -> Catalog:
        """After the last line: the last entry must be complete; the catalog."""
        if self.awaiting >= 0:
            raise _Fail(self.awaiting, "syntax error: a keyword must be followed by a string")
        cur = self.cur
        if cur is not None and cur.phase != _COMMENTS:
            if cur.phase == _PREVIOUS:
                raise _Fail(cur.start, "missing 'msgid' and 'msgstr' sections after '#|' lines")
            if cur.phase == _MSGCTXT:
                raise _Fail(cur.start, "missing 'msgid' and 'msgstr' sections after 'msgctxt'")
            if self.blank_from >= 0:
                self.finish(cur, self.blank_from, self.blank_from_pos)
            else:
                self.finish(cur, self.count, self.pos)
        catalog = self.catalog
        # what follows the last entry (blank lines, comments without a message) is kept
        catalog.epilogue = self.text_of(self.last_end, self.last_end_pos, self.count, self.pos)
        catalog.entries = self.entries
        catalog.header = header = self.header
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

    # -- one method per kind of line --------------------------------------
    def blank(self, i: int, line_pos: int) -> None:
        """A blank line: GNU ignores it, but after a msgstr it usually ends the entry."""
        cur = self.cur
        if cur is not None and cur.phase == _MSGSTR and self.blank_from < 0:
            self.blank_from = i
            self.blank_from_pos = line_pos

    def mark(self, i: int, line_pos: int) -> None:
        """A bare ``#~`` or ``#|``: GNU reads nothing there (a string after it still
        continues the msgstr); it stays with the entry."""
        if self.cur is None:
            self.cur = _Builder(i, line_pos)

    def comment(self, i: int, line_pos: int, s: str) -> None:
        """A ``#``, ``#.``, ``#:`` or ``#,`` line (not ``#~``, not ``#|``)."""
        cur = self.cur
        if cur is None or cur.phase == _MSGSTR:
            cur = self.begin(i, line_pos)
        elif cur.phase == _PREVIOUS:
            raise _Fail(i, "syntax error: comment line after '#|' lines")
        elif cur.phase > _PREVIOUS:
            raise _Fail(i, "syntax error: comment line before the message's msgstr")
        c2 = s[1:2]
        body = s[2:]
        if c2 == ".":
            cur.xcomments.append(body[1:] if body[:1] == " " else body)
        elif c2 == ":":
            cur.refs.extend(body.split())
        elif c2 == ",":
            cur.flags.extend(_flags(body))
        else:
            body = s[1:]
            cur.tcomments.append(body[1:] if body[:1] == " " else body)

    def string(self, i: int, s: str, obsolete: bool, previous: bool) -> None:
        """A string on a line of its own: more of the last keyword's value."""
        cur = self.cur
        if cur is None or cur.target is None:
            raise _Fail(i, "syntax error: string without a keyword before it")
        if previous != (cur.phase == _PREVIOUS):
            raise _Fail(i, "syntax error: continuation line of the wrong kind")
        if not previous and obsolete != cur.obsolete:
            raise _Fail(i, "inconsistent use of #~")
        cur.target.extend(_strings(s, i))
        self.awaiting = -1

    def previous(self, i: int, line_pos: int, keyword: str, rest: str) -> None:
        """A ``#|`` (or ``#~|``) line: the previous msgctxt, msgid or msgid_plural."""
        cur = self.cur
        if cur is None or cur.phase == _MSGSTR:
            cur = self.begin(i, line_pos)
        elif cur.phase > _PREVIOUS:
            raise _Fail(i, "syntax error: '#|' line after the message's keywords")
        order = _PREV_ORDER.get(keyword)
        if order is None or order <= cur.prev_phase:
            raise _Fail(i, f"syntax error: '#| {keyword}' out of order")
        cur.phase = _PREVIOUS
        cur.prev_phase = order
        cur.target = cur.prev[keyword] = _strings(rest, i) if rest else []
        self.awaiting = -1 if cur.target else i

    def keyword(self, i: int, line_pos: int, keyword: str, number: str | None, rest: str,
                obsolete: bool) -> None:
        """A ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` or ``msgstr[N]`` line."""
        cur = self.cur
        if keyword == "msgctxt" or keyword == "msgid":
            if cur is None or cur.phase == _MSGSTR:
                cur = self.begin(i, line_pos)
            elif cur.phase >= _MSGID:
                raise _Fail(cur.msgid_index, "missing 'msgstr' section")
            elif cur.phase == _MSGCTXT and keyword == "msgctxt":
                raise _Fail(i, "syntax error: a second 'msgctxt'")
            if cur.obsolete is not None and cur.obsolete != obsolete:
                raise _Fail(i, "inconsistent use of #~")
            cur.obsolete = obsolete
            strings = _strings(rest, i) if rest else []
            self.awaiting = -1 if strings else i
            if keyword == "msgctxt":
                cur.phase = _MSGCTXT
                cur.msgctxt = cur.target = strings
            else:
                cur.phase = _MSGID
                cur.msgid = cur.target = strings
                cur.msgid_index = i
            return
        if cur is None or cur.phase < _MSGID:
            raise _Fail(i, f"syntax error: '{keyword}' without a 'msgid' before it")
        if obsolete != cur.obsolete:
            raise _Fail(i, "inconsistent use of #~")
        strings = _strings(rest, i) if rest else []
        self.awaiting = -1 if strings else i
        if keyword == "msgid_plural":
            if cur.phase != _MSGID:
                raise _Fail(i, "syntax error: 'msgid_plural' out of order")
            cur.phase = _MSGID_PLURAL
            cur.msgid_plural = cur.target = strings
        elif number is None:  # msgstr
            if cur.phase == _MSGSTR:
                raise _Fail(i, "syntax error: a second 'msgstr'")
            if cur.msgid_plural is not None:
                raise _Fail(i, "missing 'msgstr[]' section (the message has a msgid_plural)")
            cur.phase = _MSGSTR
            cur.msgstr_index = i
            cur.msgstr = cur.target = strings
        else:  # msgstr[N]
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


_Comments = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_NO_COMMENTS: _Comments = ((), (), (), ())


def _fast_comments(comments: str) -> _Comments:
    """The translator and extracted comments, references and flags of the comment
    lines of a ``_FAST_ENTRY_RE`` match (tuples: no room kept for growth, and an
    empty one is shared)."""
    end = len(comments) - 1
    if comments[1:2] == ":":
        # the usual shape: one "#:" line, perhaps one "#," line after it
        nl = comments.find("\n")
        if nl == end:
            return (), (), tuple(comments[2:nl].split()), ()
        if comments[nl + 2 : nl + 3] == "," and comments.find("\n", nl + 1) == end:
            return (), (), tuple(comments[2:nl].split()), _flags(comments[nl + 3 : end])
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
            flist.extend(_flags(line[2:]))
        else:
            body = line[1:]
            tlist.append(body[1:] if body[:1] == " " else body)
    translator, extracted, refs, flags = map(tuple, lists)
    return translator, extracted, refs, flags


def _flags(body: str) -> tuple[str, ...]:
    """The flags of a ``#,`` line's text after the ``#,``."""
    if "," not in body:
        flag = body.strip()
        return (flag,) if flag else ()
    return tuple(f for f in (x.strip() for x in body.split(",")) if f)


def _fast_fields(match: re.Match[str]) -> _FastFields | None:
    """msgid, msgstr, msgctxt, msgid_plural, plural forms (None for a singular entry)
    and the four kinds of comment of a ``_FAST_ENTRY_RE`` match, or None to let the
    line parser read it (and report its error)."""
    comments, ctxt, msgid, msgstr, plural, forms = match.groups()
    translator, extracted, refs, flags = _fast_comments(comments) if comments else _NO_COMMENTS
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

