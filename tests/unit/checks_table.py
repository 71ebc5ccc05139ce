"""Helpers that make check tests read like tables: ``passes()`` / ``fails()``."""

from __future__ import annotations

from pathlib import Path

from summit_i18n.catalog import Entry
from summit_i18n.checks import REGISTRY, Context
from summit_i18n.glossary import Glossary
from summit_i18n.po import read_po


def findings(check_id: str, english: str, translation: str, *, lang: str = "fr",
             flags: tuple[str, ...] = (), glossary: Glossary | None = None,
             alternate: str | None = None, lenient: bool = False) -> list[str]:
    check = REGISTRY[check_id]
    assert check.scope == "text", check_id
    ctx = Context(lang=lang, glossary=glossary, flags=flags, alternate=alternate,
                  lenient=lenient)
    return list(check.func(english, translation, ctx))


def passes(check_id: str, english: str, translation: str, **kwargs: object) -> bool:
    found = findings(check_id, english, translation, **kwargs)  # type: ignore[arg-type]
    assert not found, found
    return True


def fails(check_id: str, english: str, translation: str, **kwargs: object) -> bool:
    found = findings(check_id, english, translation, **kwargs)  # type: ignore[arg-type]
    assert found, f"{check_id} found nothing in {translation!r}"
    return True


_CACHE: dict[Path, list[Entry]] = {}


def corpus_entry(corpus_dir: Path, name: str, msgid: str) -> Entry:
    """The entry of ``po/<name>`` whose msgid is ``msgid`` (read in place)."""
    path = corpus_dir / "po" / name
    if path not in _CACHE:
        _CACHE[path] = read_po(path).entries
    for entry in _CACHE[path]:
        if entry.msgid == msgid and not entry.obsolete:
            return entry
    raise AssertionError(f"{msgid!r} not in {name}")
