"""What a machine draft knows about itself: which English it translated, and what it wrote.

Principles: ``prefill`` writes one translator comment per draft::

    # machine: llm qwen2.5:7b 2026-12-01 msgid=3f2a9c1b msgstr=9b8c7d6e

— the backend (and model), the date, then a short digest of the English the draft
translated and of the translation it wrote.  A digest in this comment rather than
the English itself in ``#|`` lines, because the comment survives every tool a
translator uses: GNU ``msgmerge`` keeps translator comments verbatim with or
without ``--previous`` (and drops ``#|`` lines without it, as plain ``msgmerge``
runs in many scripts do), Poedit and Weblate (through translate-toolkit) keep them
when they save, while ``#|`` means "the English changed" to Poedit and Weblate —
false for a fresh draft — and Poedit removes it once an entry is no longer fuzzy.
(Tested: ``tests/unit/test_prefill_llm.py`` runs GNU msgmerge both ways and a
translate-toolkit save.)  The ``msgstr`` digest tells a draft a person edited (in any editor)
from one still as the machine wrote it.  When the English changes, ``update`` also
writes the English the draft translated as ``#|`` — the gettext convention for
"changed", which review shows as a word diff.

States (:func:`draft_state`): ``current`` (the draft translates today's English),
``stale`` (the English changed since), ``edited`` (a person changed the text:
never re-drafted), ``unknown`` (an older comment without digests), None (not a
machine draft: no comment, not fuzzy, or no translation).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from summit_i18n.catalog import Entry

__all__ = ["DraftState", "Provenance", "draft_state", "english_digest", "machine_comment",
           "parse_provenance", "translation_digest"]

DraftState = Literal["current", "stale", "edited", "unknown"]

_DIGEST_RE = re.compile(r"\s(msgid|msgstr)=([0-9a-f]{8})(?=\s|$)")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def english_digest(msgid: str, msgid_plural: str | None = None) -> str:
    """The digest of the English of an entry (its msgid, and plural when it has one)."""
    return _digest(msgid if msgid_plural is None else f"{msgid}\x00{msgid_plural}")


def translation_digest(forms: list[str]) -> str:
    """The digest of an entry's translation forms."""
    return _digest("\x00".join(forms))


def machine_comment(label: str, day: str, entry: Entry) -> str:
    """The ``machine: <label> <date> msgid=… msgstr=…`` comment for ``entry`` as filled."""
    return (f"machine: {label} {day} msgid={english_digest(entry.msgid, entry.msgid_plural)} "
            f"msgstr={translation_digest(entry.translations())}")


@dataclass(frozen=True)
class Provenance:
    """A parsed ``machine:`` comment."""

    service: str  #: what made it: backend and model, e.g. ``llm qwen2.5:7b``
    day: str | None
    msgid: str | None  #: digest of the English translated (None in older comments)
    msgstr: str | None  #: digest of the translation written


def parse_provenance(entry: Entry) -> Provenance | None:
    text = entry.machine_provenance()
    if text is None:
        return None
    digests = dict(_DIGEST_RE.findall(" " + text))
    words = _DIGEST_RE.sub("", " " + text).split()
    day = words[-1] if words and re.fullmatch(r"\d{4}-\d{2}-\d{2}", words[-1]) else None
    service = " ".join(words[:-1] if day else words)
    return Provenance(service, day, digests.get("msgid"), digests.get("msgstr"))


def draft_state(entry: Entry) -> DraftState | None:
    """Where a machine draft stands against today's English (see the module doc)."""
    if not entry.fuzzy or entry.obsolete or entry.is_header or not entry.has_any_translation():
        return None
    record = parse_provenance(entry)
    if record is None:
        return None
    if record.msgid is None or record.msgstr is None:
        return "unknown"
    if record.msgstr != translation_digest(entry.translations()):
        return "edited"
    if record.msgid != english_digest(entry.msgid, entry.msgid_plural):
        return "stale"
    return "current"
