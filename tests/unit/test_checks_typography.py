"""Typography checks: French no-break spaces, CJK full stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.checks_table import corpus_entry, fails, passes

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("translation", [
    f"Vraiment{NNBSP}?",
    f"Attention{NBSP}: danger",
    f"«{NNBSP}Bonjour{NNBSP}»",
    "Voir https://example.org/a?b",
    "Il est 10:30.",
    "Le rôle :ref:`x` est utile",
    f"Quoi{NNBSP}?!",
])
def test_french_passes(translation: str) -> None:
    assert passes("typography", "x", translation, lang="fr")


@pytest.mark.parametrize("translation", [
    "Vraiment?",
    "Vraiment ?",
    "Attention : danger",
    "Attention: danger",
    "« Bonjour »",
    f"«{NNBSP}Bonjour»",
])
def test_french_fails(translation: str) -> None:
    assert fails("typography", "x", translation, lang="fr")


def test_real_french_entries(corpus_dir: Path) -> None:
    good = corpus_entry(corpus_dir, "fr_django-allauth_django.po", "Trust this Browser?")
    assert passes("typography", good.msgid, good.msgstr, lang="fr")
    plain = corpus_entry(corpus_dir, "fr_django-allauth_django.po", "Forgot your password?")
    assert fails("typography", plain.msgid, plain.msgstr, lang="fr")  # ordinary space


@pytest.mark.parametrize(("lang", "translation"), [
    ("zh_Hans", "会议开始了。"),
    ("ja", "会議が始まります。"),
    ("ja", "バージョン 3.5 です"),
    ("ko", "회의가 시작됩니다."),  # Korean uses ASCII punctuation
])
def test_cjk_passes(lang: str, translation: str) -> None:
    assert passes("typography", "x", translation, lang=lang)


@pytest.mark.parametrize(("lang", "translation"), [
    ("zh_Hans", "会议开始了."),
    ("zh_Hant", "會議開始了, 然後"),
    ("ja", "会議が始まります."),
])
def test_cjk_fails(lang: str, translation: str) -> None:
    assert fails("typography", "x", translation, lang=lang)
