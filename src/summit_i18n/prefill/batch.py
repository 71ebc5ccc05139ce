"""Context for a language model: what each segment is sent with, and how segments are batched.

Principles: a segment goes to a model with its document's title, the English just
before and after it in the catalog, its ``#.`` notes, the glossary terms that occur
in it with the rendering the language requires, and as examples the closest
reviewed translations of the project's catalogs in that language (rapidfuzz over
every reviewed entry: the translation memory).  :class:`SegmentContext` is that
context; its :meth:`~SegmentContext.digest` goes into the cache key, so a changed
neighbour, note, term or example asks again.  :func:`batches` cuts the segments of
one document, in document order, into requests of at most ``max_segments``
segments and ``max_chars`` characters.  Pure but for the index it builds once per
language; no I/O.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from summit_i18n.prefill.backends.llm import Batch, Example, Segment

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.glossary import Glossary
    from summit_i18n.prefill.backends import CatalogSource

__all__ = ["BatchPlanner", "SegmentContext", "batches", "document_title", "request"]

MAX_SEGMENTS = 20
MAX_CHARS = 6000
EXAMPLES_PER_SEGMENT = 2
EXAMPLES_PER_BATCH = 8
_EXAMPLE_MIN_SCORE = 60.0
_EXAMPLE_MAX_LEN = 400


@dataclass(frozen=True)
class SegmentContext:
    title: str
    before: str | None
    after: str | None
    notes: tuple[str, ...]
    terms: tuple[tuple[str, str], ...]  #: (English term, required rendering)
    examples: tuple[Example, ...]

    def digest(self, conventions: str) -> str:
        """A short digest of everything sent with the segment (part of the cache key)."""
        data = [self.title, self.before, self.after, list(self.notes),
                [list(t) for t in self.terms],
                [[e.english, e.translation] for e in self.examples], conventions]
        text = json.dumps(data, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_title(catalog: Catalog, domain: str) -> str:
    """The title extract writes in the header's first comment (``<title> (<source>) — …``)."""
    header = catalog.header
    if header is not None and header.translator_comments:
        first = header.translator_comments[0].partition(" — ")[0].strip()
        if first.endswith(")") and " (" in first:
            first = first[:first.rindex(" (")]
        if first:
            return first
    return domain


class BatchPlanner:
    """Builds :class:`SegmentContext` for entries of one run (thread-safe, indexes cached)."""

    def __init__(self, project: CatalogSource, glossary: Glossary) -> None:
        self.project = project
        self.glossary = glossary
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[list[str], list[str]]] = {}
        self._neighbours: dict[int, dict[int, tuple[str | None, str | None]]] = {}
        self._titles: dict[int, str] = {}

    def _memory_of(self, lang: str) -> tuple[list[str], list[str]]:
        with self._lock:
            found = self._memory.get(lang)
            if found is None:
                english: list[str] = []
                translations: list[str] = []
                for _, catalog in self.project.catalogs(lang):
                    for entry in catalog.active_entries():
                        if (entry.translated() and not entry.is_plural
                                and len(entry.msgid) <= _EXAMPLE_MAX_LEN):
                            english.append(entry.msgid)
                            translations.append(entry.msgstr)
                found = self._memory[lang] = (english, translations)
            return found

    def _around(self, catalog: Catalog, entry: Entry) -> tuple[str | None, str | None]:
        with self._lock:
            table = self._neighbours.get(id(catalog))
            if table is None:
                active = [e for e in catalog.active_entries() if not e.is_header]
                table = {}
                for i, e in enumerate(active):
                    table[id(e)] = (active[i - 1].msgid if i else None,
                                    active[i + 1].msgid if i + 1 < len(active) else None)
                self._neighbours[id(catalog)] = table
        return table.get(id(entry), (None, None))

    def context(self, catalog: Catalog, domain: str, entry: Entry, english: str,
                lang: str) -> SegmentContext:
        with self._lock:
            title = self._titles.get(id(catalog))
            if title is None:
                title = self._titles[id(catalog)] = document_title(catalog, domain)
        before, after = self._around(catalog, entry)
        terms: dict[str, str] = {}
        for _, _, term in self.glossary.spans(english, lang=lang):
            rendering = term.rendering(lang)
            if rendering is not None:
                terms.setdefault(term.english, rendering)
        memory_en, memory_tr = self._memory_of(lang)
        examples: list[Example] = []
        if memory_en:
            for _, score, index in process.extract(english, memory_en, scorer=fuzz.ratio,
                                                   limit=EXAMPLES_PER_SEGMENT,
                                                   score_cutoff=_EXAMPLE_MIN_SCORE):
                if score:
                    examples.append(Example(memory_en[index], memory_tr[index]))
        return SegmentContext(title, before, after, tuple(entry.extracted_comments),
                              tuple(terms.items()), tuple(examples))


def batches(items: Sequence[tuple[str, SegmentContext]], *, max_segments: int = MAX_SEGMENTS,
            max_chars: int = MAX_CHARS) -> list[list[int]]:
    """Indexes of ``items`` (masked text, context), in order, cut into requests."""
    out: list[list[int]] = []
    size = 0
    for index, (text, _) in enumerate(items):
        if out and len(out[-1]) < max_segments and size + len(text) <= max_chars:
            out[-1].append(index)
            size += len(text)
        else:
            out.append([index])
            size = len(text)
    return out


def request(items: Sequence[tuple[str, SegmentContext]]) -> Batch:
    """One request for these segments (ids 1…n in order) with their shared context."""
    first, last = items[0][1], items[-1][1]
    terms: dict[str, str] = {}
    examples: dict[str, Example] = {}
    for _, ctx in items:
        for en, rendering in ctx.terms:
            terms.setdefault(en, rendering)
        for example in ctx.examples:
            if len(examples) < EXAMPLES_PER_BATCH:
                examples.setdefault(example.english, example)
    segments = tuple(Segment(str(i + 1), text, ctx.notes) for i, (text, ctx) in enumerate(items))
    return Batch(title=first.title, segments=segments, before=first.before, after=last.after,
                 terms=tuple(sorted(terms.items())), examples=tuple(examples.values()))
