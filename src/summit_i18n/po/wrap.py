"""Line wrapping: where GNU msgcat/msgmerge break a string's lines.

Principles: the same lines as GNU gettext 0.21 at the same width, byte for byte.
GNU takes its break opportunities from libunistring's ``u8_width_linebreaks`` (the
Unicode line breaking algorithm, UAX #14, with display widths), so that function
is called here directly when the system has the library (it comes with GNU
gettext): CJK text breaks between ideographs just as GNU breaks it.  Without it,
:func:`_python_breaks` runs libunistring's greedy algorithm over a subset of the
Unicode rules (the same lines as GNU for 99.9% of the corpus entries; a test
compares the two).

GNU never breaks inside an escape sequence, before a final ``\\n``, or inside a
format directive of the entry's format language; which characters a directive
covers is asked of :func:`summit_i18n.formats.directive_spans`, the one place
that knows the directive grammars.  Which entries, flags and comments are written
is :mod:`summit_i18n.po.write`'s job; this module only lays out one string.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from collections.abc import Callable

from summit_i18n.formats import directive_spans

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



def _directive_mask(value: str, fmt: str) -> bytes | None:
    """One flag per character of ``value``: 1 where GNU forbids a line break
    (inside a well-formed directive of format language ``fmt``, after its first
    character)."""
    spans = directive_spans(value, fmt)
    if not spans:
        return None
    mask = bytearray(len(value))
    for begin, end in spans:
        mask[begin + 1 : end] = b"\1" * (end - begin - 1)
    return bytes(mask)
