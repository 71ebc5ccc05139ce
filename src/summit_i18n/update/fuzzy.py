"""The fuzzy search: for English without an exact match, the closest old English.

Principles: the similarity is GNU gettext's (fstrcmp, the Indel ratio of the UTF-8
bytes, >= 0.6 like msgmerge and Babel), computed by rapidfuzz; only messages without
an exact match are searched.  Of equally close candidates the query's msgctxt wins,
then the first in the file, so the result never depends on timing.  Short queries are
compared with every candidate of a compatible length, in blocks, on every core; long
ones only with the few candidates sharing the most word pairs, then in full.
"""

from __future__ import annotations

import bisect
import itertools
import re
import zlib
from array import array
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from summit_i18n.catalog import Entry

__all__ = ["FUZZY_THRESHOLD", "closest"]

#: msgmerge's and Babel's: a translation is proposed for English this similar or more.
FUZZY_THRESHOLD = 0.6


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


def closest(
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
        nearest = _closest_block([queries[i] for i in block], [data[i] for i in block], pool)
        for i, entry in zip(block, nearest, strict=True):
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
