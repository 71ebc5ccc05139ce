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
from dataclasses import dataclass
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


def _reviewed_forms(entry: Entry) -> list[str] | None:
    return entry.translations() if entry.translated() else None


def _same_english(a: Entry, b: Entry) -> bool:
    return a.msgid == b.msgid and a.msgid_plural == b.msgid_plural


@dataclass(frozen=True)
class MemoryBackend:
    """Reviewed translations of the same English, from any catalog of the language."""

    name: str = "memory"

    def lookup(self, entry: Entry, domain: str, target: Language,
               project: CatalogSource) -> list[str] | None:
        fallback: list[str] | None = None
        for other_domain, catalog in project.catalogs(target.locale):
            for other in catalog.active_entries():
                if other is entry or not _same_english(other, entry):
                    continue
                forms = _reviewed_forms(other)
                if forms and len(forms) == max(1, len(entry.msgstr_plural)):
                    if other_domain == domain and other.msgctxt == entry.msgctxt:
                        return forms
                    fallback = fallback or forms
        return fallback


_OTHER_SCRIPT = {"zh_Hant": ("zh_Hans", "s2twp"), "zh_Hans": ("zh_Hant", "tw2sp")}


@dataclass(frozen=True)
class OpenccBackend:
    """zh_Hant from the reviewed zh_Hans text of the same entry, and back."""

    name: str = "opencc"

    def lookup(self, entry: Entry, domain: str, target: Language,
               project: CatalogSource) -> list[str] | None:
        if target.locale not in _OTHER_SCRIPT:
            return None
        other_lang, config = _OTHER_SCRIPT[target.locale]
        found: list[str] | None = None
        for other_domain, catalog in project.catalogs(other_lang):
            for other in catalog.active_entries():
                if not _same_english(other, entry):
                    continue
                forms = _reviewed_forms(other)
                if forms and other_domain == domain and other.msgctxt == entry.msgctxt:
                    found = forms
                    break
                found = found or forms
        if found is None:
            return None
        wanted = max(1, len(entry.msgstr_plural))
        if len(found) != wanted:
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
