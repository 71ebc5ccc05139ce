"""Merge templates (.pot) into translation catalogs (.po), the way ``msgmerge --previous`` does.

Principles: a translator's work is never lost and never churned.  The output lists
the template's messages in the template's order, then the obsolete ones.  A message
whose English did not change keeps its translation, translator comments, fuzzy state
and ``#|`` previous msgid, and takes its extracted comments, references and format
flags from the template — and when none of that differs, the very entry object read
from the file is reused, so :mod:`summit_i18n.po` writes its original bytes.  English
that changed gets the translation of the closest old message (similarity >= 0.6, the
threshold of msgmerge and Babel), marked ``fuzzy`` with the old English as ``#|``.
English that vanished becomes an obsolete ``#~`` entry with its translation and state,
and comes back to life when the English returns.  Only messages without an exact match
are searched for a fuzzy one, so an update where nothing changed costs a dictionary
lookup per message — and a catalog whose template, bytes and options are those of a
merge that changed nothing is not even parsed again.
"""

from __future__ import annotations

import bisect
import codecs
import copy
import functools
import hashlib
import itertools
import json
import os
import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from summit_i18n import __version__, fsutil, po
from summit_i18n import catalog as catalog_module
from summit_i18n import provenance as provenance_module
from summit_i18n._gc import gc_paused
from summit_i18n.catalog import HEADER_FIELD_ORDER, NO_FORMS, Catalog, Entry, set_header_field
from summit_i18n.config import Language, Project
from summit_i18n.errors import UsageError
from summit_i18n.plurals import header_problem
from summit_i18n.provenance import draft_state

__all__ = [
    "FUZZY_THRESHOLD",
    "CatalogUpdate",
    "MergeResult",
    "UpdateReport",
    "merge",
    "new_catalog_header",
    "update_project",
]

#: msgmerge's and Babel's: a translation is proposed for English this similar or more.
FUZZY_THRESHOLD = 0.6

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


# -- merge ---------------------------------------------------------------------------


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
        header=_merged_header(old.header, template.header),
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
        (dead if e.obsolete else active).setdefault(_lookup_key(e), i)

    used = bytearray(len(olds))  # taken by an exact match
    merged: list[Entry | None] = []
    pending: list[int] = []
    for t in templates:
        key = _lookup_key(t)
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
        positions = array("i", (i for i, e in enumerate(olds) if _has_any_translation(e)))
        candidates = [olds[i] for i in positions]
        queries = [templates[i] for i in pending]
        found = (
            _closest(queries, candidates, matched=bytes(used[i] for i in positions))
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
        if not _has_any_translation(e):
            result.dropped += 1  # msgmerge drops them too: nothing of a translator's is lost
        elif e.obsolete:
            entries.append(e)  # kept exactly as it was, comments and all
        else:
            entries.append(_obsoleted(e))
            result.obsolete += 1
    catalog.entries = entries
    return result


def _lookup_key(e: Entry) -> str | Key:
    return e.msgid if e.msgctxt is None else (e.msgctxt, e.msgid)


def _has_any_translation(e: Entry) -> bool:
    if e.is_plural:
        return any(e.msgstr_plural.values())
    return bool(e.msgstr)


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
        e.msgstr = o.msgstr_plural.get(0, "") if o.is_plural else o.msgstr
        e.msgstr_plural = NO_FORMS


def _merge_exact(o: Entry, t: Entry, nplurals: int) -> tuple[Entry, bool]:
    """The old entry ``o`` updated from its template ``t``; True when it became fuzzy."""
    shape_changed = o.msgid_plural != t.msgid_plural
    fuzzy = o.fuzzy or (shape_changed and _has_any_translation(o))
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


# -- fuzzy search --------------------------------------------------------------------

_WORD_RE = re.compile(r"\w+")
#: Queries this short are compared with every candidate of a compatible length
#: (rapidfuzz compares strings of up to 64 characters a machine word at a time).
_SHORT = 64
#: Below this many comparisons the search is exhaustive for every query.
_EXHAUSTIVE_PAIRS = 300_000
#: Short queries are compared in blocks of this many, on every core.
_BLOCK = 64
#: A word pair in more candidates than this says nothing about which one is closest.
_COMMON_BIGRAM = 200
#: How many candidates sharing the most word pairs with a long query are compared in full.
_TOP = 12
#: Indel similarity s >= 0.6 needs the shorter string to be at least s/(2-s) of the longer.
_LENGTH_RATIO = FUZZY_THRESHOLD / (2 - FUZZY_THRESHOLD)
_CUTOFF = 100 * FUZZY_THRESHOLD  # fuzz.ratio is the Indel similarity in percent
_THRESHOLD = Fraction(FUZZY_THRESHOLD).limit_denominator(1000)  # 3/5
# (rapidfuzz's Indel.normalized_similarity misses a score exactly at its cutoff)


def _bigrams(text: str) -> set[str]:
    """The text's word pairs, each one string ``"a b"`` (words have no spaces): a third
    of the memory of a tuple of two words, in an index of 10^5 of them."""
    words = _WORD_RE.findall(text.lower())
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _compared(text: str) -> bytes:
    """What the similarity compares: GNU's fstrcmp compares UTF-8 bytes.  (Bytes are
    also what rapidfuzz compares fastest: two and a half times faster than str.)"""
    return text.encode()


def _trigrams(data: bytes) -> set[bytes]:
    return {data[i:i + 3] for i in range(len(data) - 2)}


class _Pool:
    """The old messages a changed one may take its translation from, sorted by length."""

    def __init__(self, candidates: Sequence[Entry], matched: bytes) -> None:
        self.candidates = candidates
        # (positions and lengths in arrays of 4-byte ints: 10^5 int objects each, else)
        self.order = array("i", sorted(range(len(candidates)),
                                       key=lambda i: len(candidates[i].msgid)))
        self.texts = [candidates[i].msgid for i in self.order]
        #: what is compared: the UTF-8 bytes, as GNU fstrcmp compares them
        self.data = [_compared(text) for text in self.texts]
        self.lengths = array("i", map(len, self.data))
        #: non-zero for the candidates an exact match kept (unchanged English)
        self.matched = matched
        self._index: _KeyIndex | None = None
        self._affixes: _KeyIndex | None = None

    def window(self, low: float, high: float) -> tuple[int, int]:
        """The positions of the candidates whose length is in [low, high]."""
        return (bisect.bisect_left(self.lengths, low), bisect.bisect_right(self.lengths, high))

    def choose(self, q: Entry, data: bytes, positions: Iterable[int]) -> Entry:
        """Of equally close candidates, the one msgmerge takes.

        It prefers the query's msgctxt, then — its index visits candidates by the
        number of 3-byte sequences they share with the query — the one sharing most,
        then the first in the file.
        """
        positions = list(positions)
        if len(positions) == 1:
            return self.candidates[self.order[positions[0]]]
        grams = _trigrams(data)

        def rank(k: int) -> tuple[bool, int, int]:
            i = self.order[k]
            shared = len(grams & _trigrams(self.data[k]))
            return (self.candidates[i].msgctxt != q.msgctxt, -shared, i)

        return self.candidates[self.order[min(positions, key=rank)]]

    def best(self, q: Entry, data: bytes, positions: Sequence[int]) -> Entry | None:
        """The closest candidate among ``positions`` (one query, few candidates)."""
        from rapidfuzz import fuzz, process  # only when merging: keeps start-up fast

        choices = [self.data[k] for k in positions]
        found = process.extractOne(data, choices, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
        if found is None:
            return None
        # rapidfuzz can miss a score exactly at its cutoff: ask a little lower.
        ties = process.extract(data, choices, scorer=fuzz.ratio,
                               score_cutoff=found[1] - 0.5, limit=None)
        top = found[1] - 1e-9
        return self.choose(q, data, [positions[k] for _, score, k in ties if score >= top])

    def similar_long(self, text: str, low: float, high: float) -> list[int]:
        """Candidates in the length window likely to be close to the long ``text``.

        Among messages whose English changed or vanished (few), those sharing the
        most word pairs with it; among unchanged ones (many), those that begin or
        end with the same three words — how a copied-and-edited paragraph looks —
        found through an index that costs one lookup per message to build.
        """
        import numpy

        if self._index is None or self._affixes is None:
            self._index, self._affixes = self._build_indexes()
        lo, hi = self.window(low, high)
        postings = [p for p in self._index.lookup(sorted(_bigrams(text)))
                    if 0 < len(p) <= _COMMON_BIGRAM]
        found: set[int] = set()
        if postings:
            hits = numpy.concatenate(postings)
            hits = hits[(hits >= lo) & (hits < hi)]
            ks, counts = numpy.unique(hits, return_counts=True)  # ks ascending
            # most shared pairs first; of equal counts, the shorter (earlier) candidate
            top = numpy.argsort(-counts, kind="stable")[:_TOP]
            found.update(int(k) for k in ks[top])
        for posting in self._affixes.lookup(_affixes(text)):
            if len(posting) <= _COMMON_BIGRAM:
                found.update(int(k) for k in posting if lo <= k < hi)
        return sorted(found)

    def _build_indexes(self) -> tuple[_KeyIndex, _KeyIndex]:
        index = _KeyIndex()
        affixes = _KeyIndex()
        first = bisect.bisect_left(self.lengths, _SHORT * _LENGTH_RATIO)
        for k in range(first, len(self.texts)):
            if self.matched[self.order[k]]:
                for key in _affixes(self.texts[k]):
                    affixes.add(key, k)
            else:
                for gram in _bigrams(self.texts[k]):
                    index.add(gram, k)
        index.freeze()
        affixes.freeze()
        return index, affixes


class _KeyIndex:
    """Candidate positions by key (a word pair, the first or last three words).

    A large update indexes 10^6 (key, position) pairs: kept as two sorted arrays —
    a 64-bit hash of each key (CRC-32 and Adler-32 of its UTF-8: the same on every
    run) and the position — 12 bytes a pair, where a dict of strings and lists took
    a tenth of the update's memory.  Two keys with the same hash only add a
    candidate, which the similarity then judges like any other.
    """

    def __init__(self) -> None:
        self._hashes = array("Q")
        self._positions = array("i")
        self.hashes: Any = None  # numpy arrays once frozen
        self.positions: Any = None

    def add(self, key: str, position: int) -> None:
        self._hashes.append(_key_hash(key))
        self._positions.append(position)

    def freeze(self) -> None:
        import numpy

        hashes = numpy.frombuffer(self._hashes, dtype=numpy.uint64) if self._hashes else (
            numpy.zeros(0, dtype=numpy.uint64))
        positions = numpy.frombuffer(self._positions, dtype=numpy.int32) if self._positions else (
            numpy.zeros(0, dtype=numpy.int32))
        order = numpy.argsort(hashes, kind="stable")  # positions stay ascending per key
        self.hashes, self.positions = hashes[order], positions[order]
        self._hashes, self._positions = array("Q"), array("i")

    def lookup(self, keys: Sequence[str]) -> list[Any]:
        """The positions of each key (an ascending array each, empty when unknown)."""
        import numpy

        wanted = numpy.array([_key_hash(key) for key in keys], dtype=numpy.uint64)
        starts = numpy.searchsorted(self.hashes, wanted, side="left")
        ends = numpy.searchsorted(self.hashes, wanted, side="right")
        return [self.positions[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]


def _key_hash(key: str) -> int:
    data = key.encode()
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def _affixes(text: str) -> tuple[str, str]:
    words = text.split(None, 3)
    tail = text.rsplit(None, 3)
    return ("^" + " ".join(words[:3]), " ".join(tail[-3:]) + "$")


def _closest(
    queries: Sequence[Entry], candidates: Sequence[Entry], *, matched: bytes
) -> list[Entry | None]:
    """For each query, the candidate whose msgid is most similar (>= 0.6), or None.

    Similarity is GNU gettext's (fstrcmp: matched bytes of the UTF-8 text over total
    length, the Indel ratio).  Like msgmerge, every translated old message is a candidate, and of
    equally close ones the query's msgctxt wins, then the first in the file.  Small
    searches are exhaustive.  In large ones, short strings are still compared with
    every candidate of a compatible length (in blocks, on every core); a long string
    only with the likely candidates :meth:`_Pool.similar_long` finds — msgmerge too
    narrows its search with an index — so long paragraphs do not cost a square.
    """
    pool = _Pool(candidates, matched)
    found: dict[int, Entry | None] = {}
    exhaustive = len(queries) * len(candidates) <= _EXHAUSTIVE_PAIRS
    short: list[int] = []
    data = [_compared(q.msgid) for q in queries]
    for i, q in enumerate(queries):
        n = len(data[i])
        if exhaustive:
            lo, hi = pool.window(n * _LENGTH_RATIO, n / _LENGTH_RATIO)
            found[i] = pool.best(q, data[i], range(lo, hi))
        elif n <= _SHORT:
            short.append(i)
        else:
            found[i] = pool.best(q, data[i], pool.similar_long(q.msgid, n * _LENGTH_RATIO,
                                                               n / _LENGTH_RATIO))
    short.sort(key=lambda i: len(data[i]))
    for start in range(0, len(short), _BLOCK):
        block = short[start:start + _BLOCK]
        closest = _closest_block([queries[i] for i in block], [data[i] for i in block], pool)
        for i, entry in zip(block, closest, strict=True):
            found[i] = entry
    return [found[i] for i in range(len(queries))]


def _closest_block(
    block: Sequence[Entry], data: Sequence[bytes], pool: _Pool
) -> list[Entry | None]:
    """The closest candidate for each of a block of short queries sorted by length."""
    lo, hi = pool.window(len(data[0]) * _LENGTH_RATIO, len(data[-1]) / _LENGTH_RATIO)
    if lo >= hi:
        return [None] * len(block)
    import numpy  # only large searches need it; keeps every command's start-up fast
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    # Indel distances, one byte each (short queries and their window stay under 255
    # bytes together), then the similarity (l - d) / l of each row computed exactly:
    # a quarter of the memory of a matrix of float scores, the same ties.
    lengths = numpy.asarray(pool.lengths[lo:hi], dtype=numpy.int32)
    wide = len(data[-1]) + int(lengths[-1]) > 255
    distances = process.cdist(data, pool.data[lo:hi], scorer=Indel.distance,
                              dtype=numpy.uint16 if wide else numpy.uint8, workers=-1)
    out: list[Entry | None] = []
    for row, q in enumerate(block):
        total = lengths + len(data[row])
        d = distances[row].astype(numpy.int32)
        # (total - d) / total >= num / den, in integers
        num, den = _THRESHOLD.numerator, _THRESHOLD.denominator
        close = d * den <= total * (den - num)
        if not close.any():
            out.append(None)
            continue
        similarity = numpy.where(close, (total - d) / total, -1.0)
        ties = numpy.flatnonzero(similarity == similarity.max())
        out.append(pool.choose(q, data[row], (lo + int(k) for k in ties)))
    return out


# -- headers -------------------------------------------------------------------------

#: What msgmerge takes from the template's header; everything else is the translators'.
_FROM_TEMPLATE = ("Report-Msgid-Bugs-To", "POT-Creation-Date")


def _header_fields(header: Entry | None) -> dict[str, str]:
    if header is None:
        return {}
    fields: dict[str, str] = {}
    for line in header.msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _merged_header(old: Entry | None, template: Entry | None) -> Entry | None:
    """The old header with the template's POT-Creation-Date and Report-Msgid-Bugs-To."""
    if old is None:
        return None
    ours = _header_fields(old)
    theirs = _header_fields(template)
    text = old.msgstr
    for name in _FROM_TEMPLATE:
        value = theirs.get(name.lower())
        if value is not None and ours.get(name.lower()) != value:
            text = set_header_field(text, name, value)
    if text == old.msgstr:
        return old  # untouched: PO-Revision-Date and every byte stay as they were
    header = copy.copy(old)
    header.msgstr = text
    return header


def new_catalog_header(
    template: Catalog, language: Language, *, now: datetime | None = None
) -> Entry:
    """The header of a new catalog, as ``msginit --no-translator`` writes it.

    Project-Id-Version, Report-Msgid-Bugs-To and POT-Creation-Date come from the
    template; Language is the locale directory name (e.g. ``zh_Hant``) and
    Plural-Forms the gettext rule of the language.
    """
    now = (now or _default_now()).astimezone(UTC)
    theirs = _header_fields(template.header)
    project = theirs.get("project-id-version") or "PACKAGE VERSION"
    values = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": theirs.get("report-msgid-bugs-to", ""),
        "POT-Creation-Date": theirs.get("pot-creation-date") or now.strftime("%Y-%m-%d %H:%M%z"),
        "PO-Revision-Date": now.strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": "Automatically generated",
        "Language-Team": "none",
        "Language": language.locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms,
    }
    msgstr = "".join(f"{name}: {values[name]}\n" for name in HEADER_FIELD_ORDER)
    # The domain (the template's file name) says which messages these are.
    if template.path:
        title = f"the {Path(template.path).stem} messages"
    else:
        title = project.split(" ")[0] if project != "PACKAGE VERSION" else "these messages"
    comments = (
        f"{language.english_name} translation of {title}.",
        f"Automatically generated, {now.year}.",
        "",
    )
    return Entry(msgid="", msgstr=msgstr, translator_comments=comments)


def _default_now() -> datetime:
    """The current time, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


# -- the project -----------------------------------------------------------------------


@dataclass
class CatalogUpdate:
    """What ``update`` did (or would do, with ``check``) to one catalog."""

    domain: str
    language: str
    path: Path
    status: str  #: "created", "updated" or "unchanged"
    #: the merge; None when the catalog was known to be up to date and not even read
    result: MergeResult | None

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass
class UpdateReport:
    """Every catalog ``update`` looked at, in domain then language order."""

    catalogs: list[CatalogUpdate] = field(default_factory=list)
    #: ``path:line: warning: …`` lines (a catalog's unusable Plural-Forms header)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[CatalogUpdate]:
        return [c for c in self.catalogs if c.changed]


def update_project(
    project: Project,
    *,
    languages: list[str] | None = None,
    fuzzy_matching: bool = True,
    check: bool = False,
    now: datetime | None = None,
    charset: str | None = None,
) -> UpdateReport:
    """Merge every template (``locale/*.pot``) into each language's catalog.

    Writes ``locale/<lang>/LC_MESSAGES/<domain>.po`` atomically under the project
    lock, leaving files whose bytes would not change untouched.  With ``check``,
    writes nothing and reports which catalogs would change.  With ``charset``,
    every catalog is written in that encoding, its header saying so.
    """
    if charset is not None:
        _check_charset(charset)
    langs = project.languages(languages)
    domains = project.domains()
    if not domains:
        raise UsageError(
            f"error: no templates in {project.relative(project.locale_dir)}/ "
            "(run `summit-i18n extract` first)"
        )
    if check:
        return _update(project, domains, langs, fuzzy_matching=fuzzy_matching, check=True, now=now,
                       charset=charset)
    with fsutil.project_lock(project.root):
        return _update(project, domains, langs, fuzzy_matching=fuzzy_matching, check=False,
                       now=now, charset=charset)


def _check_charset(charset: str) -> None:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise UsageError(f"error: --charset: unknown encoding {charset!r}") from None
    problem = po.charset_problem(charset)
    if problem is not None:
        raise UsageError(f"error: --charset: {problem}")


_CONTENT_TYPE_CHARSET_RE = re.compile(r"(Content-Type:[^\n]*?charset=)([^\s;]+)", re.IGNORECASE)


def convert_charset(catalog: Catalog, charset: str) -> None:
    """Have ``catalog`` written in ``charset``; its header's Content-Type says so.

    Unchanged entries keep their text (only its encoding changes); the header is
    the one entry whose text changes, so it is formatted anew.
    """
    if catalog.charset == charset:
        return
    catalog.charset = charset
    header = catalog.header
    if header is None:
        return
    if _CONTENT_TYPE_CHARSET_RE.search(header.msgstr):
        header.msgstr = _CONTENT_TYPE_CHARSET_RE.sub(
            lambda m: m.group(1) + charset, header.msgstr, count=1)
    else:
        header.msgstr += f"Content-Type: text/plain; charset={charset}\n"


def _update(
    project: Project,
    domains: list[str],
    langs: list[Language],
    *,
    fuzzy_matching: bool,
    check: bool,
    now: datetime | None,
    charset: str | None = None,
) -> UpdateReport:
    report = UpdateReport()
    width = project.config.wrap_width
    max_bytes = project.config.max_catalog_mb * 2**20
    state = _UpToDate(project.state_dir / STATE_FILE)
    for domain in domains:
        pot = project.pot_path(domain)
        pot_digest = po.sha256_of(pot, max_bytes=max_bytes)
        template: Catalog | None = None
        for lang in langs:
            path = project.po_path(lang.locale, domain)
            exists = path.exists()
            key = ""
            # The catalog's bytes are read once: for the fingerprint, then parsed.
            box: list[bytes] = [po.read_bytes(path, max_bytes=max_bytes)] if exists else []
            if exists:
                key = _fingerprint(pot_digest, box[0], lang,
                                   fuzzy_matching=fuzzy_matching, width=width)
                if state.has(path, key) and charset is None:
                    report.catalogs.append(CatalogUpdate(domain, lang.locale, path, "unchanged",
                                                         None))
                    continue
            with gc_paused():
                # box.pop(): no other reference, so the bytes are freed once decoded
                old = po.parse_po(box.pop(), path=str(path)) if exists else None
                if old is not None:
                    _warn_plural_header(project, old, lang, report.warnings)
                if template is None:
                    # Memory: read after the catalog (usually the larger file), so only
                    # the template's text is held beside both catalogs while it is parsed.
                    template = po.parse_po(po.read_bytes(pot, max_bytes=max_bytes),
                                           path=str(pot), keep_source=False)
                    if old is not None:
                        _share_equal_values(template, old)
                result = merge(template, old, language=lang, fuzzy_matching=fuzzy_matching,
                               now=now)
                if charset is not None:
                    convert_charset(result.catalog, charset)
                if check:
                    changed = not fsutil.has_chunks(path, po.iter_po_bytes(result.catalog,
                                                                           width=width))
                else:
                    changed = po.write_po(result.catalog, path, width=width)
            if exists and not changed:
                state.remember(path, key)
            else:
                state.forget(path)
            status = "unchanged" if not changed else "updated" if exists else "created"
            report.catalogs.append(CatalogUpdate(domain, lang.locale, path, status, result))
    if not check:
        state.save()
    return report


def _warn_plural_header(project: Project, old: Catalog, lang: Language,
                        warnings: list[str]) -> None:
    problem = header_problem(old.header_value("Plural-Forms"))
    if problem is None:
        return
    header = old.header
    line = (header.msgstr_lineno or header.lineno or 1) if header else 1
    where = project.relative(Path(old.path)) if old.path else lang.locale
    warnings.append(f"{where}:{line}: warning: {problem} (kept as it is; plural messages get "
                    f"{lang.nplurals} forms, as {lang.locale} has)")


# -- remembering up-to-date catalogs ------------------------------------------------------

#: In the project's state folder (``.summit-i18n/``, out of git).
STATE_FILE = "update-state.json"


@functools.cache
def _code_version() -> str:
    """What the output depends on besides the inputs: this code and the I/O code."""
    digest = hashlib.sha256(__version__.encode())
    for module in (catalog_module, po, provenance_module, sys.modules[__name__]):
        if module.__file__:
            digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _share_equal_values(template: Catalog, old: Catalog) -> None:
    """Have the template's entries use the old catalog's strings and tuples where they
    are equal (the same English, the same references): one copy of each in memory
    instead of two.  Only objects are swapped for equal ones: nothing changes."""
    known = {_lookup_key(e): e for e in old.entries}
    for t in template.entries:
        o = known.get(_lookup_key(t))
        if o is None:
            continue
        t.msgid = o.msgid
        if t.msgctxt is not None:
            t.msgctxt = o.msgctxt
        if t.references == o.references:
            t.references = o.references
        if t.extracted_comments == o.extracted_comments:
            t.extracted_comments = o.extracted_comments


def _fingerprint(
    template_sha256: bytes, catalog: bytes, lang: Language, *, fuzzy_matching: bool, width: int
) -> str:
    """Everything a merge's output depends on, in one digest."""
    digest = hashlib.sha256()
    for part in (_code_version(), lang.locale, lang.plural_forms, str(fuzzy_matching),
                 str(width)):
        digest.update(part.encode() + b"\0")
    digest.update(template_sha256)  # computed once for every language
    digest.update(hashlib.sha256(catalog).digest())
    return digest.hexdigest()


class _UpToDate:
    """Catalogs a merge left byte for byte as they were, with what it merged them from.

    A merge is a function of the template, the catalog, the language and the options:
    when all of them are what they were the last time a merge changed nothing, it
    would change nothing again, and the catalogs need not even be parsed.  Any
    difference (a translator's edit, a new template, another version of this code)
    changes the fingerprint and the merge runs.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.dirty = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.known: dict[str, str] = data if isinstance(data, dict) else {}

    def has(self, catalog: Path, key: str) -> bool:
        return self.known.get(str(catalog.resolve())) == key

    def remember(self, catalog: Path, key: str) -> None:
        name = str(catalog.resolve())
        if self.known.get(name) != key:
            self.known[name] = key
            self.dirty = True

    def forget(self, catalog: Path) -> None:
        if self.known.pop(str(catalog.resolve()), None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            text = json.dumps(self.known, indent=0, sort_keys=True) + "\n"
            fsutil.atomic_write_text(self.path, text)
            self.dirty = False
