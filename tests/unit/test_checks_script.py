"""Script checks: Simplified vs Traditional Chinese (OpenCC), kana, Hangul."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.checks_table import corpus_entry, fails, findings, passes


@pytest.mark.parametrize(("lang", "translation"), [
    ("zh_Hans", "强制摘取器官是不道德的"),
    ("zh_Hans", "著作权和显著的进展"),  # 著 is Simplified too, in these words
    ("zh_Hant", "強制摘取器官是不道德的"),
    ("zh_Hant", "台灣國際器官移植關懷協會"),  # 台 is standard in Taiwan
    ("zh_Hant", "在這裡"),
    ("zh_Hant", "打擊與預防強制摘取器官世界峰會"),  # 峰, 群: Taiwan's standard forms
    ("zh_Hant", "弱勢群體"),
    ("ja", "世界サミット"),
    ("ja", "UID"),  # one Latin word: an acronym, not prose
    ("ko", "세계 정상 회의"),
    ("fr", "Sommet mondial"),
])
def test_script_passes(lang: str, translation: str) -> None:
    assert passes("script", "World Summit on this", translation, lang=lang)


@pytest.mark.parametrize(("lang", "translation"), [
    ("zh_Hans", "強制摘取器官是不道德的"),  # Traditional in Simplified
    ("zh_Hant", "强制摘取器官是不道德的"),  # Simplified in Traditional
    ("zh_Hant", "在这里"),
    ("ja", "World summit in English words"),
    ("ja", "세계 정상 회의"),
    ("ko", "World summit in English words"),
    ("ko", "世界サミット"),
])
def test_script_fails(lang: str, translation: str) -> None:
    assert fails("script", "World Summit on this", translation, lang=lang)


def test_message_names_the_characters() -> None:
    (message,) = findings("script", "x", "强制摘取器官", lang="zh_Hant")
    assert "Simplified" in message
    assert "强" in message


def test_region_codes_map_to_scripts() -> None:
    assert fails("script", "x y", "這裡", lang="zh_CN")
    assert fails("script", "x y", "这里", lang="zh_TW")


def test_real_simplified_catalog_passes(corpus_dir: Path) -> None:
    msgid = ("Absolute values are calculated using the | symbol or abs <link "
             "xref=\"function\">function</link>.")
    entry = corpus_entry(corpus_dir, "zh_CN_gnome-calculator-help.po", msgid)
    assert passes("script", entry.msgid, entry.msgstr, lang="zh_Hans")
    assert fails("script", entry.msgid, entry.msgstr.replace("绝对值运算", "絕對值運算"),
                 lang="zh_Hans")


def test_real_korean_and_japanese_pass(corpus_dir: Path) -> None:
    ko = corpus_entry(corpus_dir, "ko_gnome-clocks.po", "Clocks")
    assert passes("script", ko.msgid, ko.msgstr, lang="ko")
    ja = corpus_entry(corpus_dir, "ja_django-allauth_django.po", "Sign In")
    assert passes("script", ja.msgid, ja.msgstr, lang="ja")
