"""Writing: a :class:`~summit_i18n.catalog.Catalog` back to the bytes of a .po file.

Principles: a command must change a catalog only where it changed a message.  An
entry whose text as read (``Entry.raw``) still says what the entry says
(:func:`raw_still_holds`) is printed from that text byte for byte, whatever tool
wrote it (Transifex, Babel, Sphinx, Weblate, an editor); a changed header keeps the
lines of its unchanged fields (:func:`_patched_header`); every other entry is
formatted exactly as GNU msgcat/msgmerge 0.21 do at width 79 (line breaking:
:mod:`summit_i18n.po.wrap`).  The file is written back in the charset it was read
in, with its newline (CRLF stays CRLF) and its final newline or lack of one, and
atomically: nothing is written when encoding fails.

Formatting follows gettext 0.21 exactly, quirks included: flags in GNU's order
(``fuzzy`` first, then format flags in its language order; ``fuzzy`` is not printed
on an untranslated message), ``#:`` lines wrapped by bytes, no line break inside a
C or Python format directive, and for ``python-brace-format`` the stretch GNU
protects by mistake at the start of the string.  Where we knowingly differ: flags
GNU does not know are kept (GNU drops them), duplicate references are written as
given (GNU merges them).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from summit_i18n import fsutil
from summit_i18n.catalog import NO_FORMS, Catalog, Entry, meaning
from summit_i18n.errors import SourceError
from summit_i18n.po.decode import _charset_problem, _codec_for
from summit_i18n.po.parse import _FAST_ENTRY_RE, _Fail, _fast_fields, _parse_lines, _strings
from summit_i18n.po.wrap import _PORTION_RE, _wrap

__all__ = ["format_entry", "format_po", "iter_po_bytes", "raw_still_holds", "write_po"]


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

