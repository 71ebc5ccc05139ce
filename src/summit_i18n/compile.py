"""Compile .po catalogs into GNU .mo files, refusing what ``msgfmt --check`` refuses.

Principles: the .mo is what GNU msgfmt 0.21 writes for the same catalog, so every
lookup through Python's :mod:`gettext` (or glibc) answers the same — the same entries
(no untranslated ones: msgfmt leaves out an entry whose first form is empty, where
Babel would write the English singular, python-babel/babel#697; fuzzy ones only on
request; never obsolete ones), the same keys (``msgctxt EOT msgid``, plural forms joined
by NUL), the same order (byte order of the keys) and the same header (msgfmt drops
``POT-Creation-Date`` so that rebuilding a release gives the same bytes).  The checks
are msgfmt's ``--check``: newlines at both ends, format strings of entries flagged
``c-format``/``python-format``/``python-brace-format``, plural forms against the
header's ``Plural-Forms``, duplicates.  A catalog with an error gets no .mo; each
error is a finding ``path:line: error: message``.  Content, not mtimes, decides
whether a .mo is current: the workspace's state records the hash of the .po it was
built from and of the .mo written (a fresh git checkout gives every file a new mtime).
"""

from __future__ import annotations

import itertools
import operator
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from summit_i18n import workspace
from summit_i18n._gc import gc_paused
from summit_i18n.config import Config, Language, Project
from summit_i18n.errors import SourceError
from summit_i18n.fsutil import atomic_write_bytes

if TYPE_CHECKING:  # the checks' modules: imported when a catalog is compiled
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.plurals import PluralForms
    from summit_i18n.workspace import State

__all__ = [
    "CompileResult",
    "Finding",
    "Statistics",
    "check_catalog",
    "compile_file",
    "compile_project",
    "mo_bytes",
    "select_messages",
]

_MAGIC = 0x950412DE
_DROPPED_HEADER_FIELDS = ("pot-creation-date",)


@dataclass(frozen=True)
class Finding:
    """One reason msgfmt --check would refuse a catalog."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"


@dataclass(frozen=True)
class Statistics:
    """msgfmt's counts: what went into the .mo, and what did not."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    def line(self) -> str:
        """The line of ``msgfmt --statistics``: ``3 translated messages, 1 fuzzy translation.``"""
        parts = [_count(self.translated, "translated message", "translated messages")]
        if self.fuzzy:
            parts.append(_count(self.fuzzy, "fuzzy translation", "fuzzy translations"))
        if self.untranslated:
            parts.append(_count(self.untranslated, "untranslated message", "untranslated messages"))
        return ", ".join(parts) + "."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- selection -----------------------------------------------------------------------


def select_messages(catalog: Catalog, *, use_fuzzy: bool = False) -> tuple[list[Entry], Statistics]:
    """The entries msgfmt writes into the .mo (header included) and its statistics.

    msgfmt's rule: an entry is left out when its first form is empty, or when it is
    fuzzy and fuzzy entries are not wanted — except the header, whose fuzziness is
    ignored.  The header is not counted (an empty one counts as untranslated).
    States: :attr:`Entry.state`.
    """
    kept: list[Entry] = []
    translated = fuzzy = untranslated = 0
    entries: Iterable[Entry] = catalog.entries
    if catalog.header is not None and catalog.header not in catalog.entries:
        entries = [catalog.header, *catalog.entries]
    for entry in entries:
        state = entry.state
        if state == "translated":
            kept.append(entry)
            translated += 1
        elif state == "fuzzy":
            fuzzy += 1
            if use_fuzzy:
                kept.append(entry)
        elif state == "untranslated":
            untranslated += 1
        elif state == "header":  # kept when it says something, fuzzy or not; not counted
            if entry.first_form:
                kept.append(entry)
            else:
                untranslated += 1
    return kept, Statistics(translated, fuzzy, untranslated)


def _forms(entry: Entry) -> list[str]:
    if not entry.is_plural:
        return [entry.msgstr]
    if not entry.msgstr_plural:
        return [""]
    top = max(entry.msgstr_plural)
    return [entry.msgstr_plural.get(i, "") for i in range(top + 1)]


# -- .mo writer ----------------------------------------------------------------------


def mo_bytes(
    catalog: Catalog, *, use_fuzzy: bool = False, hash_table: bool = False
) -> bytes:
    """The .mo file msgfmt writes for ``catalog`` (without ``--check``; see :func:`check_catalog`).

    ``hash_table=True`` adds GNU's lookup hash table, making the bytes identical to
    msgfmt's; without it (msgfmt's ``--no-hash``) glibc and Python look messages up
    by binary search and answer the same.  The table costs a Python loop over every
    byte of every msgid, so it is off by default.
    """
    kept, _ = select_messages(catalog, use_fuzzy=use_fuzzy)
    return _mo_of(kept, catalog.charset, hash_table=hash_table)


def _mo_of(kept: Sequence[Entry], charset: str, *, hash_table: bool) -> bytes:
    """The .mo of the entries :func:`select_messages` kept."""
    encoding = _python_encoding(charset)
    pairs: list[tuple[bytes, bytes]] = []
    for entry in kept:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            key = f"{key}\x00{entry.msgid_plural}"
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:  # the header
            value = _header_for_mo(entry.msgstr)
        elif entry.msgid_plural is None:
            value = entry.msgstr
        else:
            value = "\x00".join(_forms(entry))
        pairs.append((key.encode(encoding), value.encode(encoding)))
    # msgfmt sorts with strcmp, which stops at a plural key's NUL; plain byte order
    # agrees, because NUL sorts before every other byte and keys are unique (so the
    # pairs sort by key alone, and comparing keys alone is faster than tuples).
    pairs.sort(key=_KEY)
    return _layout(pairs, hash_table=hash_table)


_KEY = operator.itemgetter(0)
_VALUE = operator.itemgetter(1)


def _header_for_mo(text: str) -> str:
    lines = text.split("\n")
    kept = [ln for ln in lines
            if ln.partition(":")[0].strip().lower() not in _DROPPED_HEADER_FIELDS]
    return "\n".join(kept)


def _python_encoding(charset: str) -> str:
    name = charset.strip() or "UTF-8"
    if name.upper() == "CHARSET":  # the template's placeholder: msgfmt treats it as ASCII
        return "ascii"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def _layout(pairs: Sequence[tuple[bytes, bytes]], *, hash_table: bool) -> bytes:
    n = len(pairs)
    size = _hash_size(n) if hash_table else 0
    orig_table = 28
    trans_table = orig_table + 8 * n
    hash_offset = trans_table + 8 * n
    offset = hash_offset + 4 * size
    # (length, offset) of every key, then of every value; each string ends in NUL
    # (built with list slices rather than a Python loop: a .mo has 10^5 strings)
    table = [0] * (4 * n)
    blobs: list[bytes] = []
    for half, strings in enumerate((list(map(_KEY, pairs)), list(map(_VALUE, pairs)))):
        lengths = list(map(len, strings))
        offsets = list(itertools.accumulate((length + 1 for length in lengths), initial=offset))
        base = 2 * n * half
        table[base : base + 2 * n : 2] = lengths
        table[base + 1 : base + 2 * n : 2] = offsets[:-1]
        offset = offsets[-1]
        if strings:
            blobs += (b"\x00".join(strings), b"\x00")
    header = struct.pack("<7I", _MAGIC, 0, n, orig_table, trans_table, size, hash_offset)
    tables = struct.pack(f"<{4 * n}I", *table)
    hashes = struct.pack(f"<{size}I", *_hash_table(pairs, size)) if size else b""
    return b"".join([header, tables, hashes, *blobs])


def _is_prime(candidate: int) -> bool:
    # GNU's test, kept as is (it calls 3 composite, so tiny tables have 5 slots).
    divn = 3
    sq = divn * divn
    while sq < candidate and candidate % divn != 0:
        divn += 1
        sq += 4 * divn
        divn += 1
    return candidate % divn != 0


def _hash_size(n: int) -> int:
    seed = (n * 4 // 3) | 1
    while not _is_prime(seed):
        seed += 2
    return max(seed, 3)


def _hashpjw(data: bytes) -> int:
    hval = 0
    for byte in data:
        hval = ((hval << 4) + byte) & 0xFFFFFFFF
        g = hval & 0xF0000000
        if g:
            hval ^= g >> 24
            hval ^= g
    return hval


def _hash_table(pairs: Sequence[tuple[bytes, bytes]], size: int) -> list[int]:
    table = [0] * size
    for index, (key, _) in enumerate(pairs):
        hval = _hashpjw(key.split(b"\x00", 1)[0])
        slot = hval % size
        if table[slot]:
            incr = 1 + hval % (size - 2)
            while table[slot]:
                slot = slot - (size - incr) if slot >= size - incr else slot + incr
        table[slot] = index + 1
    return table


# -- checks --------------------------------------------------------------------------


def check_catalog(
    catalog: Catalog, *, path: str | None = None, use_fuzzy: bool = False
) -> list[Finding]:
    """What ``msgfmt --check`` reports as errors for the entries that go into the .mo."""
    kept, _ = select_messages(catalog, use_fuzzy=use_fuzzy)
    return _check_kept(catalog, kept, path=path)


def _check_kept(catalog: Catalog, kept: Sequence[Entry], *, path: str | None) -> list[Finding]:
    """:func:`check_catalog` of the entries :func:`select_messages` kept."""
    from summit_i18n.plurals import PluralForms

    where = path or catalog.path or "<catalog>"
    findings: list[Finding] = []
    findings += _check_duplicates(catalog, where)
    findings += _check_header(kept, where)
    findings += _check_plurals(catalog, kept, where)
    parsed = _plural_forms(catalog.header_value("Plural-Forms") if catalog.header else None)
    plural = parsed if isinstance(parsed, PluralForms) else None
    for entry in kept:
        if entry.is_header:
            continue
        findings += _check_newlines(entry, where)
        findings += _check_formats(entry, plural, where)
    findings.sort(key=lambda f: f.line)
    return findings


def _check_duplicates(catalog: Catalog, where: str) -> list[Finding]:
    active = [(e.msgctxt, e.msgid) for e in catalog.entries if not e.obsolete]
    if len(set(active)) == len(active):
        return []
    seen: dict[tuple[str | None, str], Entry] = {}
    findings: list[Finding] = []
    for entry in catalog.entries:
        if entry.obsolete or entry.is_header:
            continue
        first = seen.setdefault(entry.key, entry)
        if first is not entry:
            findings.append(Finding(where, entry.lineno, "duplicate message definition "
                                    f"(first defined at line {first.lineno})"))
    return findings


def _begins(text: str) -> bool:
    return text[:1] == "\n"


def _ends(text: str) -> bool:
    return text[-1:] == "\n"


def _check_newlines(entry: Entry, where: str) -> list[Finding]:
    if entry.msgid_plural is None:
        # The common case, without building lists: both ends agree.
        msgid, msgstr = entry.msgid, entry.msgstr
        if (msgid[:1] == "\n") == (msgstr[:1] == "\n") and (
                (msgid[-1:] == "\n") == (msgstr[-1:] == "\n")):
            return []
    findings: list[Finding] = []
    line = entry.msgstr_lineno or entry.lineno
    for end, test in (("begin", _begins), ("end", _ends)):
        expected = test(entry.msgid)
        pairs: list[tuple[str, str]] = []
        if entry.msgid_plural is not None:
            pairs.append(("msgid_plural", entry.msgid_plural))
            pairs += [(f"msgstr[{j}]", form) for j, form in enumerate(_forms(entry))]
        else:
            pairs.append(("msgstr", entry.msgstr))
        for name, text in pairs:
            if test(text) != expected:
                findings.append(Finding(where, line, (
                    f"'msgid' and '{name}' entries do not both {end} with '\\n'")))
    return findings


def _check_header(kept: Sequence[Entry], where: str) -> list[Finding]:
    if any(e.is_header for e in kept):
        return []
    return [Finding(where, 1, "PO file header missing or invalid")]


def _check_plurals(catalog: Catalog, kept: Sequence[Entry], where: str) -> list[Finding]:
    header = catalog.header
    line = header.msgstr_lineno or header.lineno if header is not None else 1
    value = catalog.header_value("Plural-Forms") if header is not None else None
    plural_entries = [e for e in kept if e.is_plural]
    findings: list[Finding] = []
    nplurals = _check_plural_forms(value, line, where, findings) if value is not None else None
    if value is None or "nplurals" not in value or "plural=" not in value.replace(" ", ""):
        if plural_entries:
            first = plural_entries[0]
            findings.append(Finding(where, first.msgstr_lineno or first.lineno, (
                "message catalog has plural form translations, but the header lacks "
                '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;"')))
        return findings
    if nplurals is None:
        return findings
    for entry in plural_entries:
        count = len(_forms(entry))
        if count != nplurals:
            forms = "plural form" if count == 1 else "plural forms"
            findings.append(Finding(where, entry.msgstr_lineno or entry.lineno, (
                f"nplurals = {nplurals} in the header, but this message has {count} {forms}")))
    return findings


def _check_plural_forms(value: str, line: int, where: str, findings: list[Finding]) -> int | None:
    """Validate a Plural-Forms value as msgfmt does; return nplurals when usable."""
    plural = _plural_forms(value)
    if isinstance(plural, str):
        findings.append(Finding(where, line, plural))
        return None
    if plural is None:
        return None
    problems = plural.problems()
    findings.extend(Finding(where, line, p) for p in problems)
    return None if problems else plural.nplurals


def _plural_forms(value: str | None) -> PluralForms | str | None:
    """The parsed header value, its error message, or None when absent."""
    from summit_i18n.plurals import PluralFormsError, parse_plural_forms

    if value is None:
        return None
    try:
        return parse_plural_forms(value)
    except PluralFormsError as exc:
        return str(exc)


def _check_formats(entry: Entry, plural: PluralForms | None, where: str) -> list[Finding]:
    if not entry.flags:  # most entries: no call at all
        return []
    # No pre-scan for '%' or braces: an entry with a format flag nearly always has a
    # directive, so such a scan only added work (a sixth of the checks' time).
    from summit_i18n.formats import entry_format_problems

    problems = entry_format_problems(entry, plural)
    if not problems:
        return []
    line = entry.msgstr_lineno or entry.lineno
    return [Finding(where, line, str(p)) for p in problems]


# -- files ---------------------------------------------------------------------------

Status = Literal["compiled", "unchanged", "refused"]


@dataclass
class CompileResult:
    """What happened to one catalog."""

    po_path: Path
    mo_path: Path
    status: Status
    statistics: Statistics
    findings: list[Finding] = field(default_factory=list)


def compile_file(
    po_path: Path,
    mo_path: Path,
    *,
    use_fuzzy: bool = False,
    state: State | None = None,
    key: str = "",
    force: bool = False,
    display_path: str | None = None,
    max_bytes: int | None = None,
) -> CompileResult:
    """Compile one .po into ``mo_path`` unless ``state`` shows it is already current.

    Current means (the workspace's one rule): the record ``key`` was left by this code,
    with this configuration and these options, from a .po with the same content, and
    the .mo is still the one written then.
    """
    options = _options(use_fuzzy)
    shown = display_path or str(po_path)
    if state is not None and not force:
        known = state.current(key, inputs=[po_path], outputs=[mo_path], options=options)
        stats = _recorded_statistics(known)
        if stats is not None:
            return CompileResult(po_path, mo_path, "unchanged", stats)
    from summit_i18n.po import parse_po, read_bytes  # only when there is something to compile

    box = [read_bytes(po_path, max_bytes=max_bytes)]  # only reference: freed once decoded
    with gc_paused():
        try:
            catalog = parse_po(box.pop(), path=shown, keep_source=False)
        except SourceError as exc:  # e.g. a duplicate definition: msgfmt refuses it too
            finding = Finding(shown, exc.line or 1, exc.detail)
            return CompileResult(po_path, mo_path, "refused", Statistics(), [finding])
        kept, stats = select_messages(catalog, use_fuzzy=use_fuzzy)  # once for all three
        findings = _check_kept(catalog, kept, path=shown)
        if findings:
            return CompileResult(po_path, mo_path, "refused", stats, findings)
        mo = _mo_of(kept, catalog.charset, hash_table=False)
        del catalog, kept
    atomic_write_bytes(mo_path, mo)
    if state is not None:
        state.record(key, inputs=[po_path], outputs=[mo_path], options=options,
                     data={"statistics": [stats.translated, stats.fuzzy, stats.untranslated]},
                     written={mo_path: mo})
    return CompileResult(po_path, mo_path, "compiled", stats)


def _options(use_fuzzy: bool) -> dict[str, object]:
    """The options a compile's record depends on."""
    return {"use_fuzzy": use_fuzzy}


def _recorded_statistics(data: dict[str, object] | None) -> Statistics | None:
    counts = data.get("statistics") if data is not None else None
    if not isinstance(counts, list) or len(counts) != 3:
        return None
    if not all(isinstance(c, int) for c in counts):
        return None
    return Statistics(*counts)


def compile_files(
    paths: Sequence[Path], *, use_fuzzy: bool = False, max_bytes: int | None = None,
) -> tuple[list[CompileResult], list[SourceError]]:
    """Compile each ``x.po`` of ``paths`` into ``x.mo`` beside it, as ``msgfmt --check
    -o x.mo x.po`` does (no project, no stamp); and the files that could not be read."""
    results: list[CompileResult] = []
    unreadable: list[SourceError] = []
    for po in paths:
        mo = po.with_suffix(".mo")
        try:
            result = compile_file(po, mo, use_fuzzy=use_fuzzy, display_path=str(po),
                                  max_bytes=max_bytes if max_bytes is not None else
                                  Config.max_catalog_mb * 2**20)
        except SourceError as exc:
            unreadable.append(exc)
            continue
        if result.status == "refused":
            mo.unlink(missing_ok=True)  # no .mo that goes on answering with old text
        results.append(result)
    return results, unreadable


def compile_project(
    project: Project, languages: Sequence[Language], *, use_fuzzy: bool = False,
    force: bool = False,
) -> list[CompileResult]:
    """Compile every catalog of ``languages`` (those without a template too); a refused
    one keeps no stale .mo.  Catalogs that are current are not read (see
    :mod:`summit_i18n.workspace` for the rule); when every one is, the lock is not even
    taken: nothing is written."""
    if not force:
        current = _all_current(project, languages, use_fuzzy)
        if current is not None:
            return current
    results: list[CompileResult] = []
    with workspace.locked(project):
        state = workspace.State(project)
        for cat in workspace.catalogs(project, languages, existing=True):
            key = f"compile {cat.locale}/{cat.domain}"
            result = compile_file(cat.po, cat.mo, use_fuzzy=use_fuzzy, state=state, key=key,
                                  force=force, display_path=project.relative(cat.po),
                                  max_bytes=project.max_catalog_bytes)
            if result.status == "refused":
                # A .mo from an earlier, valid version would go on answering with old text.
                cat.mo.unlink(missing_ok=True)
                state.forget(key)
            results.append(result)
        state.save()
    return results


def _all_current(project: Project, languages: Sequence[Language],
                 use_fuzzy: bool) -> list[CompileResult] | None:
    """The "unchanged" results when the state shows every catalog's .mo current (and
    has nothing new to remember), else None.  Read without the lock: the state file
    and the catalogs are only ever replaced whole, so what is read is what some run
    left, and a run in progress can only make something look changed."""
    state = workspace.State(project)
    results: list[CompileResult] = []
    for cat in workspace.catalogs(project, languages, existing=True):
        data = state.current(f"compile {cat.locale}/{cat.domain}", inputs=[cat.po],
                             outputs=[cat.mo], options=_options(use_fuzzy))
        stats = _recorded_statistics(data)
        if stats is None:
            return None
        results.append(CompileResult(cat.po, cat.mo, "unchanged", stats))
    return None if state.changed else results
