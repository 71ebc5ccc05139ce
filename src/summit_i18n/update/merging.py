"""One merge: a template and an old catalog → the new catalog, as ``msgmerge --previous``.

Principles: a translator's work is never lost and never churned.  The output lists
the template's messages in the template's order, then the obsolete ones.  A message
whose English did not change keeps its translation, translator comments, fuzzy state
and ``#|`` previous msgid, and takes its extracted comments, references and format
flags from the template — and when none of that differs, the very entry object read
from the file is reused, so :mod:`summit_i18n.po` writes its original bytes.  English
that changed gets the translation of the closest old message
(:mod:`summit_i18n.update.fuzzy`), marked ``fuzzy`` with the old English as ``#|``.
English that vanished becomes an obsolete ``#~`` entry with its translation and state,
and comes back to life when the English returns.  A pure function: nothing is read or
written here.
"""

from __future__ import annotations

import copy
from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from summit_i18n.catalog import NO_FORMS, Catalog, Entry
from summit_i18n.config import Language
from summit_i18n.provenance import draft_state
from summit_i18n.update.fuzzy import closest
from summit_i18n.update.headers import merged_header, new_catalog_header

__all__ = ["Key", "MergeResult", "lookup_key", "merge"]

Key = tuple[str | None, str]


@dataclass
class MergeResult:
    """The merged catalog and what happened to its messages."""

    catalog: Catalog
    exact: int = 0  #: template messages whose English was found unchanged
    fuzzy: int = 0  #: messages that took a similar old translation and became fuzzy
    new: int = 0  #: messages without any translation yet
    obsolete: int = 0  #: translated messages whose English vanished in this merge
    revived: int = 0  #: obsolete messages whose English returned
    dropped: int = 0  #: vanished messages without a translation (nothing to keep)





def merge(
    template: Catalog,
    old: Catalog | None,
    *,
    language: Language,
    fuzzy_matching: bool = True,
    now: datetime | None = None,
) -> MergeResult:
    """Merge ``template`` into ``old`` (None: create a new catalog for ``language``).

    ``old`` is not modified: entries that stay as they were are shared with the
    result, every other one is a copy or a new entry.
    """
    templates = [t for t in template.entries if not t.obsolete and not t.is_header]
    if old is None:
        nplurals = language.nplurals
        catalog = Catalog(header=new_catalog_header(template, language, now=now))
        catalog.entries = [_new_entry(t, nplurals) for t in templates]
        return MergeResult(catalog, new=len(templates))

    nplurals = old.nplurals or language.nplurals
    catalog = Catalog(
        header=merged_header(old.header, template.header),
        charset=old.charset,
        newline=old.newline,
        prologue=old.prologue,
        path=old.path,
        epilogue=old.epilogue,
        final_newline=old.final_newline,
    )
    result = MergeResult(catalog)
    olds = [e for e in old.entries if not e.is_header]
    # Positions in olds, keyed by msgid alone when there is no context (no tuple each);
    # memory: a flag per old entry says it was taken, where a set of 10^5 ids took 14 MB.
    active: dict[str | Key, int] = {}
    dead: dict[str | Key, int] = {}
    for i, e in enumerate(olds):
        (dead if e.obsolete else active).setdefault(lookup_key(e), i)

    used = bytearray(len(olds))  # taken by an exact match
    merged: list[Entry | None] = []
    pending: list[int] = []
    for t in templates:
        key = lookup_key(t)
        found_at = active.get(key)
        if found_at is None:
            found_at = dead.get(key)
        if found_at is None:
            pending.append(len(merged))
            merged.append(None)
            continue
        used[found_at] = 1
        o = olds[found_at]
        entry, refuzzed = _merge_exact(o, t, nplurals)
        merged.append(entry)
        result.exact += 1
        result.revived += o.obsolete
        result.fuzzy += refuzzed
    del active, dead  # memory: the fuzzy search's indexes come next

    taken: set[int] = set()  # ids of the old entries a fuzzy match took
    if pending:
        positions = array("i", (i for i, e in enumerate(olds) if e.has_any_translation()))
        candidates = [olds[i] for i in positions]
        queries = [templates[i] for i in pending]
        found = (
            closest(queries, candidates, matched=bytes(used[i] for i in positions))
            if fuzzy_matching and candidates
            else [None] * len(queries)
        )
        del positions
        for i, t, match in zip(pending, queries, found, strict=True):
            if match is None:
                merged[i] = _new_entry(t, nplurals)
                result.new += 1
            else:
                taken.add(id(match))
                merged[i] = _fuzzy_entry(match, t, nplurals)
                result.fuzzy += 1
                result.revived += match.obsolete

    entries: list[Entry] = [e for e in merged if e is not None]
    for i, e in enumerate(olds):
        if used[i] or id(e) in taken:
            continue
        if not e.has_any_translation():
            result.dropped += 1  # msgmerge drops them too: nothing of a translator's is lost
        elif e.obsolete:
            entries.append(e)  # kept exactly as it was, comments and all
        else:
            entries.append(_obsoleted(e))
            result.obsolete += 1
    catalog.entries = entries
    return result


def lookup_key(e: Entry) -> str | Key:
    return e.msgid if e.msgctxt is None else (e.msgctxt, e.msgid)


def _template_flags(t: Entry) -> tuple[str, ...]:
    return tuple(f for f in t.flags if f != "fuzzy") if "fuzzy" in t.flags else t.flags


def _same_flags(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return a == b or Counter(a) == Counter(b)


def _reshaped(e: Entry, o: Entry, t: Entry, nplurals: int) -> None:
    """Give ``e`` the translation of ``o`` in the shape (singular/plural) of ``t``."""
    if t.is_plural:
        if o.is_plural:
            e.msgstr_plural = dict(o.msgstr_plural)
        else:  # one translation for every form: a start the translator will refine
            e.msgstr_plural = dict.fromkeys(range(nplurals), o.msgstr)
        e.msgstr = ""
    else:
        e.msgstr = o.first_form
        e.msgstr_plural = NO_FORMS


def _merge_exact(o: Entry, t: Entry, nplurals: int) -> tuple[Entry, bool]:
    """The old entry ``o`` updated from its template ``t``; True when it became fuzzy."""
    shape_changed = o.msgid_plural != t.msgid_plural
    fuzzy = o.fuzzy or (shape_changed and o.has_any_translation())
    flags = (("fuzzy",) if fuzzy else ()) + _template_flags(t)
    if (
        not o.obsolete
        and not shape_changed
        and o.extracted_comments == t.extracted_comments
        and o.references == t.references
        and _same_flags(o.flags, flags)
    ):
        return o, False  # untouched: the writer prints its original bytes
    e = _changed_copy(o)
    e.obsolete = False
    # (comments and flags are tuples: shared, never copied)
    e.extracted_comments = t.extracted_comments
    e.references = t.references
    e.flags = o.flags if _same_flags(o.flags, flags) else flags
    refuzzed = fuzzy and not o.fuzzy
    if shape_changed:
        e.msgid_plural = t.msgid_plural
        _reshaped(e, o, t, nplurals)
        if refuzzed:  # msgmerge shows the old singular/plural English as #|
            e.previous_msgctxt, e.previous_msgid = o.msgctxt, o.msgid
            e.previous_msgid_plural = o.msgid_plural
    else:
        e.msgstr_plural = dict(o.msgstr_plural)
    return e, refuzzed


def _changed_copy(o: Entry) -> Entry:
    """A copy of ``o`` about to change: its original text no longer applies (the
    writer would only find that out by reading it again)."""
    e = copy.copy(o)
    e.raw = e.raw_eols = None
    return e


def _fuzzy_entry(o: Entry, t: Entry, nplurals: int) -> Entry:
    """A new entry for ``t`` carrying the translation of the similar old entry ``o``."""
    e = Entry(
        msgid=t.msgid,
        msgctxt=t.msgctxt,
        msgid_plural=t.msgid_plural,
        translator_comments=o.translator_comments,
        extracted_comments=t.extracted_comments,
        references=t.references,
        flags=("fuzzy", *_template_flags(t)),
    )
    _reshaped(e, o, t, nplurals)
    if o.fuzzy and o.previous_msgid is None and draft_state(o) == "current":
        # A machine draft of exactly this old English (its digest says so): #| shows
        # what it translated, so review can show the change (msgmerge writes no #|
        # for an entry that was fuzzy already; the digest stays in the comment).
        e.previous_msgctxt, e.previous_msgid = o.msgctxt, o.msgid
        e.previous_msgid_plural = o.msgid_plural
    elif o.fuzzy:
        # An unreviewed translation: #| keeps showing the English last reviewed.
        e.previous_msgctxt = o.previous_msgctxt
        e.previous_msgid = o.previous_msgid
        e.previous_msgid_plural = o.previous_msgid_plural
    else:
        e.previous_msgctxt, e.previous_msgid = o.msgctxt, o.msgid
        e.previous_msgid_plural = o.msgid_plural
    return e


def _new_entry(t: Entry, nplurals: int) -> Entry:
    return Entry(
        msgid=t.msgid,
        msgctxt=t.msgctxt,
        msgid_plural=t.msgid_plural,
        msgstr_plural=dict.fromkeys(range(nplurals), "") if t.is_plural else NO_FORMS,
        translator_comments=t.translator_comments,
        extracted_comments=t.extracted_comments,
        references=t.references,
        flags=_template_flags(t),
    )


def _obsoleted(o: Entry) -> Entry:
    """``o`` as an obsolete ``#~`` entry: translation, comments and state kept."""
    e = _changed_copy(o)
    e.obsolete = True
    # Like msgmerge: where the English was and what the extractor said no longer apply.
    e.references = ()
    e.extracted_comments = ()
    e.msgstr_plural = dict(o.msgstr_plural)
    return e
