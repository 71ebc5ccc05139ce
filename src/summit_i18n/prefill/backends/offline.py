"""Backends that need no network: memory, opencc and pseudo.

Principles: ``memory`` reuses a reviewed translation of the same English from any
catalog of the project in the same language; ``opencc`` converts the reviewed
translation of the same entry from the other Chinese script with OpenCC's Taiwan
phrase configurations (``s2twp`` Simplified -> Taiwan Traditional, ``tw2sp`` back);
``pseudo`` writes pseudo-localized text to test layouts — accented, a third longer,
bracketed — which ``build`` refuses to publish (its provenance comment says pseudo).
Only reviewed (non-fuzzy) translations are ever reused.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from summit_i18n.prefill.backends import BackendOptions, CatalogSource
from summit_i18n.prefill.masking import TOKEN_RE

if TYPE_CHECKING:
    from summit_i18n.catalog import Entry
    from summit_i18n.config import Language

__all__ = ["MemoryBackend", "OpenccBackend", "PseudoBackend", "convert", "memory", "opencc",
           "pseudo", "pseudo_localize"]

_opencc_lock = threading.Lock()


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert Chinese script with an OpenCC configuration (``s2twp`` or ``tw2sp``)."""
    with _opencc_lock:
        return str(_converter(config).convert(text))


_Key = tuple[str, str | None]  # (msgid, msgid_plural): "the same English"
_Found = tuple[str, str | None, list[str]]  # (domain, msgctxt, forms)


class _ReviewedIndex:
    """Reviewed translations by English, per language, built once per run."""

    def __init__(self) -> None:
        self._by_lang: dict[tuple[int, str], dict[_Key, list[_Found]]] = {}
        self._lock = threading.Lock()

    def get(self, project: CatalogSource, lang: str, entry: Entry) -> list[_Found]:
        key = (id(project), lang)
        with self._lock:
            index = self._by_lang.get(key)
            if index is None:
                index = self._by_lang[key] = self._build(project, lang)
        return index.get((entry.msgid, entry.msgid_plural), [])

    @staticmethod
    def _build(project: CatalogSource, lang: str) -> dict[_Key, list[_Found]]:
        index: dict[_Key, list[_Found]] = {}
        for domain, catalog in project.catalogs(lang):
            for other in catalog.active_entries():
                if other.translated():  # reviewed: every form filled, not fuzzy
                    found = (domain, other.msgctxt, other.translations())
                    index.setdefault((other.msgid, other.msgid_plural), []).append(found)
        return index


def _best(found: list[_Found], entry: Entry, domain: str) -> list[str] | None:
    """The same message in the same catalog first, else the first one found."""
    for other_domain, msgctxt, forms in found:
        if other_domain == domain and msgctxt == entry.msgctxt:
            return forms
    return found[0][2] if found else None


@dataclass(frozen=True)
class MemoryBackend:
    """Reviewed translations of the same English, from any catalog of the language."""

    name: str = "memory"
    _index: _ReviewedIndex = field(default_factory=_ReviewedIndex, repr=False, compare=False)

    def lookup(self, entry: Entry, domain: str, target: Language,
               project: CatalogSource) -> list[str] | None:
        wanted = max(1, len(entry.msgstr_plural)) if entry.is_plural else 1
        found = [f for f in self._index.get(project, target.locale, entry) if len(f[2]) == wanted]
        return _best(found, entry, domain)


_OTHER_SCRIPT = {"zh_Hant": ("zh_Hans", "s2twp"), "zh_Hans": ("zh_Hant", "tw2sp")}


@dataclass(frozen=True)
class OpenccBackend:
    """zh_Hant from the reviewed zh_Hans text of the same entry, and back."""

    name: str = "opencc"
    _index: _ReviewedIndex = field(default_factory=_ReviewedIndex, repr=False, compare=False)

    def lookup(self, entry: Entry, domain: str, target: Language,
               project: CatalogSource) -> list[str] | None:
        if target.locale not in _OTHER_SCRIPT:
            return None
        other_lang, config = _OTHER_SCRIPT[target.locale]
        found = _best(self._index.get(project, other_lang, entry), entry, domain)
        if found is None:
            return None
        wanted = max(1, len(entry.msgstr_plural)) if entry.is_plural else 1
        if len(found) != wanted:  # both scripts have one form; keep it safe anyway
            found = [found[min(i, len(found) - 1)] for i in range(wanted)]
        return [convert(form, config) for form in found]


_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþʠŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
)


def pseudo_localize(text: str) -> str:
    """Accent every Latin letter outside tokens, lengthen by a third, and bracket."""
    out: list[str] = []
    pos = 0
    letters = 0
    for match in TOKEN_RE.finditer(text):
        chunk = text[pos:match.start()]
        out.append(chunk.translate(_PSEUDO))
        letters += sum(c.isalpha() for c in chunk)
        out.append(match.group(0))
        pos = match.end()
    chunk = text[pos:]
    out.append(chunk.translate(_PSEUDO))
    letters += sum(c.isalpha() for c in chunk)
    padding = "·" * max(1, letters // 3)
    return f"[!! {''.join(out)} {padding} !!]"


@dataclass(frozen=True)
class PseudoPair:
    cache_key: tuple[str, str, str]
    online: bool = False
    joiner: str = " "

    def fits(self, text: str) -> bool:
        return True

    def translate(self, text: str) -> str | None:
        return pseudo_localize(text)

    def finish(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class PseudoBackend:
    name: str = "pseudo"
    default_rate: float | None = None

    def pair(self, source: Language, target: Language) -> PseudoPair:
        return PseudoPair(cache_key=("pseudo", source.locale, target.locale))


def memory(options: BackendOptions) -> MemoryBackend:
    return MemoryBackend()


def opencc(options: BackendOptions) -> OpenccBackend:
    return OpenccBackend()


def pseudo(options: BackendOptions) -> PseudoBackend:
    return PseudoBackend()
