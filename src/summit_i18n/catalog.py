"""The in-memory model of a gettext catalog (.po/.pot), apart from its file format.

Principles: an :class:`Entry` holds what gettext means by a message — context,
msgid, plural, translations, the four kinds of comments, flags and the previous
msgid — plus, when it was read from a file, the exact text it was read from
(``raw``).  The writer in :mod:`summit_i18n.po` prints an entry whose ``raw`` text
still says what the entry says (:meth:`Entry.fingerprint`) byte for byte, and
formats every other entry as GNU msgmerge would.  So a command changes a file only
where it changed a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from summit_i18n.plurals import MAX_NPLURALS

__all__ = [
    "HEADER_FIELD_ORDER", "NO_FORMS", "Catalog", "Entry", "EntryState", "HeaderField", "meaning",
    "parse_header",
    "plural_count", "set_header_field",
]

#: An entry's translation state (:attr:`Entry.state`).
EntryState = Literal["obsolete", "header", "untranslated", "fuzzy", "translated"]

#: The plural forms of every singular entry: empty, read-only, shared.
NO_FORMS: Mapping[int, str] = MappingProxyType({})


@dataclass(eq=False, slots=True)  # slots: a large catalog holds 10^5 of them
class Entry:
    """One message of a catalog (the header is the entry whose msgid is empty).

    Comments and flags are tuples: a change assigns a new one, an empty one costs
    nothing (a large catalog has 10^5 entries, most with two or three empty kinds of
    comment), and copies share them.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    #: plural translations by index; empty for a singular entry (one shared, read-only
    #: mapping: assign a new dict to change the forms)
    msgstr_plural: Mapping[int, str] = field(default_factory=lambda: NO_FORMS)
    #: ``# text`` lines, without the leading ``# `` (one space removed, the rest kept)
    translator_comments: tuple[str, ...] = ()
    #: ``#. text`` lines, without the leading ``#. ``
    extracted_comments: tuple[str, ...] = ()
    #: ``#: file:line`` tokens, one string each, in file order
    references: tuple[str, ...] = ()
    #: ``#, flag`` values in order, e.g. ``("fuzzy", "python-format")``
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    #: 1-based line of the ``msgid`` keyword in the file read (0 = not from a file)
    lineno: int = 0
    #: 1-based line of the (first) ``msgstr`` keyword in the file read
    msgstr_lineno: int = 0
    #: the exact text of the entry as read (comments included, line endings
    #: normalised to ``\n``; no blank separator lines), or None for a new entry
    raw: str | None = None
    #: the blank lines before the entry as read, exactly (line endings included);
    #: None = the usual single empty line
    leading: str | None = None
    #: line endings of ``raw``'s lines, only when they are not all the catalog's newline
    raw_eols: tuple[str, ...] | None = None

    # -- identity --------------------------------------------------------
    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies a message in a catalog: (msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    # -- state ------------------------------------------------------------
    # Three questions about an entry's translation, each answered here alone:
    # ``state``, msgfmt's view, which counts and compiles an entry by its first form
    # (an entry whose msgstr, or msgstr[0], is empty is untranslated, fuzzy or not);
    # ``has_translation()``, every form filled (a translation a reviewer can accept);
    # ``has_any_translation()``, some form filled (something of a translator's to
    # keep or check).
    @property
    def first_form(self) -> str:
        """The translation msgfmt looks at: ``msgstr``, or ``msgstr[0]`` ("" when absent)."""
        if self.msgid_plural is None:
            return self.msgstr
        forms = self.msgstr_plural
        return forms.get(0, "") if forms else ""

    @property
    def state(self) -> EntryState:
        """``obsolete``, ``header``, else msgfmt's count: ``untranslated`` (the first
        form is empty), ``fuzzy`` or ``translated``.  A header is never counted."""
        if self.obsolete:
            return "obsolete"
        if self.msgid == "" and self.msgctxt is None:
            return "header"
        if not self.first_form:
            return "untranslated"
        return "fuzzy" if "fuzzy" in self.flags else "translated"

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags = ("fuzzy", *self.flags)
        elif not value:
            self.flags = tuple(f for f in self.flags if f != "fuzzy")

    def translated(self) -> bool:
        """True when every form is non-empty and the entry is not fuzzy (msgfmt's rule)."""
        return self.has_translation() and not self.fuzzy and not self.obsolete

    def has_translation(self) -> bool:
        """True when every translation form is non-empty (fuzzy or not)."""
        if self.is_plural:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    def has_any_translation(self) -> bool:
        """True when some translation form is non-empty (fuzzy or not)."""
        if self.is_plural:
            return any(self.msgstr_plural.values())
        return bool(self.msgstr)

    def translations(self) -> list[str]:
        """The translation forms in order: ``[msgstr]`` or the plural forms."""
        if self.is_plural:
            return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]
        return [self.msgstr]

    def clear_translation(self) -> None:
        self.msgstr = ""
        self.msgstr_plural = dict.fromkeys(self.msgstr_plural, "")

    def fingerprint(self) -> tuple[object, ...]:
        """Everything the writer prints; equal fingerprints print the same text."""
        return meaning(self.msgid, self.msgstr, self.msgctxt, self.msgid_plural,
                       self.msgstr_plural, self.translator_comments, self.extracted_comments,
                       self.references, self.flags, self.previous_msgctxt, self.previous_msgid,
                       self.previous_msgid_plural, self.obsolete)

    def machine_provenance(self) -> str | None:
        """The ``machine: <backend> <date>`` translator comment's text, if any."""
        for line in self.translator_comments:
            if line.startswith("machine:"):
                return line.removeprefix("machine:").strip()
        return None


@dataclass(frozen=True)
class HeaderField:
    name: str
    value: str


def parse_header(text: str) -> list[HeaderField]:
    """Split a header msgstr into ``Name: value`` fields (order kept)."""
    fields: list[HeaderField] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if sep:
            fields.append(HeaderField(name.strip(), value.strip()))
    return fields


#: The header fields in the order msgmerge and msginit write them.
HEADER_FIELD_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Plural-Forms",
)


def set_header_field(text: str, name: str, value: str) -> str:
    """Header msgstr ``text`` with field ``name`` set to ``value``; every other line as
    it was.  A missing field is inserted where msgmerge puts it."""
    lines = text.split("\n")
    names = [line.partition(":")[0].strip().lower() for line in lines]
    if name.lower() in names:
        lines[names.index(name.lower())] = f"{name}: {value}"
        return "\n".join(lines)
    before = {n.lower() for n in HEADER_FIELD_ORDER[:HEADER_FIELD_ORDER.index(name)]} \
        if name in HEADER_FIELD_ORDER else set(names)
    at = max((i + 1 for i, n in enumerate(names) if n in before and lines[i]), default=0)
    lines.insert(at, f"{name}: {value}")
    return "\n".join(lines)


def meaning(msgid: str, msgstr: str, msgctxt: str | None, msgid_plural: str | None,
            msgstr_plural: Mapping[int, str], translator_comments: Iterable[str],
            extracted_comments: Iterable[str], references: Iterable[str], flags: Iterable[str],
            previous_msgctxt: str | None, previous_msgid: str | None,
            previous_msgid_plural: str | None, obsolete: bool) -> tuple[object, ...]:
    """:meth:`Entry.fingerprint` of these fields (the reader compares one without
    building an entry)."""
    return (
        msgid, msgstr, msgctxt, msgid_plural, tuple(sorted(msgstr_plural.items())),
        tuple(translator_comments), tuple(extracted_comments), tuple(references), tuple(flags),
        previous_msgctxt, previous_msgid, previous_msgid_plural, obsolete,
    )


_NPLURALS_RE = re.compile(r"nplurals\s*=\s*([0-9]{1,20})(?![0-9])")


def plural_count(plural_forms: str | None) -> int | None:
    """The ``nplurals`` of a Plural-Forms value, or None when absent, unparsable or absurd."""
    if not plural_forms:
        return None
    match = _NPLURALS_RE.search(plural_forms)
    if match is None:
        return None
    count = int(match.group(1))
    return count if 1 <= count <= MAX_NPLURALS else None


@dataclass(eq=False)
class Catalog:
    """A .po or .pot file: its header, its entries, and how it was encoded."""

    entries: list[Entry] = field(default_factory=list)
    header: Entry | None = None
    #: the charset the file is written in (from the header's Content-Type)
    charset: str = "UTF-8"
    #: ``"\n"`` or ``"\r\n"``: the newline the file is written with
    newline: str = "\n"
    #: text before the header that is not part of any entry (rare), kept as is
    prologue: str = ""
    #: path the catalog was read from, for messages
    path: str | None = None
    #: text after the last entry (blank lines, comments without a message), kept as is
    epilogue: str = ""
    #: False when the file read did not end with a newline (kept that way on write)
    final_newline: bool = True
    #: how many entries came before the header in the file read (almost always 0)
    header_position: int = 0
    #: False when read without each entry's source text (``keep_source=False``): such
    #: a catalog is for reading only, the writer refuses it
    source_kept: bool = True

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    # -- lookup -----------------------------------------------------------
    def active_entries(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    def obsolete_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    def find(
        self, msgid: str, msgctxt: str | None = None, *, obsolete: bool = False
    ) -> Entry | None:
        for entry in self.entries:
            if entry.msgid == msgid and entry.msgctxt == msgctxt and entry.obsolete == obsolete:
                return entry
        return None

    def index(self) -> dict[tuple[str | None, str], Entry]:
        """Active entries by (msgctxt, msgid)."""
        return {e.key: e for e in self.entries if not e.obsolete}

    # -- statistics (msgfmt --statistics semantics: see Entry.state) -----
    def translated_entries(self) -> list[Entry]:
        return [e for e in self.active_entries() if e.first_form and not e.fuzzy]

    def fuzzy_entries(self) -> list[Entry]:
        return [e for e in self.active_entries() if e.first_form and e.fuzzy]

    def untranslated_entries(self) -> list[Entry]:
        return [e for e in self.active_entries() if not e.first_form]

    def percent_translated(self) -> float:
        total = len(self.active_entries())
        return 100.0 * len(self.translated_entries()) / total if total else 100.0

    # -- header -----------------------------------------------------------
    def header_fields(self) -> list[HeaderField]:
        return parse_header(self.header.msgstr) if self.header else []

    def header_value(self, name: str) -> str | None:
        for f in self.header_fields():
            if f.name.lower() == name.lower():
                return f.value
        return None

    def set_header_value(self, name: str, value: str) -> None:
        """Set one header field, keeping the others and their order."""
        if self.header is None:
            self.header = Entry(msgid="")
        lines = self.header.msgstr.split("\n")
        for i, line in enumerate(lines):
            existing = line.partition(":")[0].strip()
            if existing.lower() == name.lower():
                lines[i] = f"{existing}: {value}"  # keep the file's spelling of the name
                break
        else:
            if lines and lines[-1] == "":
                lines.insert(len(lines) - 1, f"{name}: {value}")
            else:
                lines.append(f"{name}: {value}")
                lines.append("")
        self.header.msgstr = "\n".join(lines)

    @property
    def language(self) -> str | None:
        return self.header_value("Language") or None

    @property
    def nplurals(self) -> int | None:
        return plural_count(self.header_value("Plural-Forms"))

    def extend(self, entries: Iterable[Entry]) -> None:
        self.entries.extend(entries)
