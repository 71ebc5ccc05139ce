"""The doubled check: a word or character typed twice, in every script."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from summit_i18n.checks import REGISTRY, check_catalog
from summit_i18n.checks.repeats import doubled
from summit_i18n.po import read_po
from tests.unit.checks_table import fails, findings, passes


@pytest.mark.parametrize(("lang", "translation"), [
    ("fr", "Le le sommet commence"),
    ("fr", "Les ONG ont ont invité des experts"),
    ("en", "the the summit"),
    ("ru", "Саммит саммит начинается"),
    ("ko", "세계 서밋은 서밋은 전례가 없습니다"),  # an eojeol twice
    ("zh_Hant", "有超過30位講者與與談人參與"),  # the review's typo
    ("zh_Hans", "此函数的参数是是格式字符串"),
    ("zh_Hans", "包括任何任何前缀"),
    ("zh_Hant", "這是的的一個問題"),
    ("zh_Hans", "他们在在会议上发言"),
    ("ja", "ログイン時ににエラーが発生しました"),
    ("ja", "臓器をを摘出する"),
    ("ja", "医師団のの声明"),
    ("ko", "파일를를 저장합니다"),
    ("ko", "회의에에 참석하는 연사"),
])
def test_doubled_fails(lang: str, translation: str) -> None:
    assert fails("doubled", "The summit begins", translation, lang=lang)


@pytest.mark.parametrize(("lang", "translation"), [
    ("fr", "nous nous sommes réunis"),
    ("fr", "Le sommet, le plus grand"),
    ("en", "that that is"),
    # CJK reduplication and words that meet
    ("zh_Hant", "人人享有人性尊嚴"),
    ("zh_Hant", "常常、漸漸、往往、紛紛"),
    ("zh_Hans", "标识符的占位符等等。"),
    ("zh_Hans", "中国国际器官移植关怀协会"),
    ("zh_Hans", "输入一个非数字字符时"),
    ("zh_Hans", "为了了解真相"),
    ("zh_Hans", "事情不了了之"),
    ("zh_Hans", "实实在在地说，是是非非，的的确确"),
    ("zh_Hans", "现在在会上发言的是达到目的的手段"),
    ("zh_Hans", "一个一个地介绍"),
    ("ja", "人々、時々、一人一人"),
    ("ja", "今日ははじめて、友人とともに、自分でできる"),
    ("ja", "ログインしたままにする"),
    ("ja", "ミリリットル、キビビット、リリース"),
    ("ja", "相手をののしる"),
    ("ko", "목적지에 다다르다"),
    ("ko", "역사적 의의가 크다"),
    ("ko", "임의의 지점, 경로로 설정, 두 문자 길이이며"),
    ("ko", "종종, 삑삑"),
    ("ko", "마을을 지나 국가가 나서다"),
])
def test_doubled_passes(lang: str, translation: str) -> None:
    assert passes("doubled", "The summit begins", translation, lang=lang)


def test_doubled_leaves_code_urls_and_placeholders_alone() -> None:
    assert doubled("Lancez `the the` puis %s %s, https://a.org/le/le") == []
    assert doubled("le {x} le") == []


def test_doubling_the_english_has_is_not_reported() -> None:
    assert passes("doubled", "Beep Beep", "Bip Bip", lang="fr")


def test_messages_say_what_and_where() -> None:
    assert findings("doubled", "x", "講者與與談人", lang="zh_Hant") == [
        "doubled character '與與' in '講者與與談人'"]
    assert findings("doubled", "x", "Le le sommet", lang="fr") == ["doubled word 'Le le'"]


def test_the_check_is_a_warning() -> None:
    assert REGISTRY["doubled"].severity == "warning"


def test_few_warnings_on_the_real_corpus(corpus_dir: Path) -> None:
    """Twelve real catalogs (4,131 translated entries): three warnings, all genuine typos."""
    seen: Counter[tuple[str, int, str]] = Counter()
    for path in sorted((corpus_dir / "po").glob("*.po")):
        for f in check_catalog(read_po(path), path=path.name, checks=[REGISTRY["doubled"]]):
            seen[(f.path, f.line, f.message)] += 1
    assert sorted(seen) == [
        ("ja_django-allauth_django.po", 1785, "doubled particle 'にに' in 'イン時ににエラー'"),
        ("zh_CN_python-docs_library-string.po", 254,
         "doubled character '是是' in '的参数是是格式字'"),
        ("zh_CN_python-docs_library-string.po", 633, "doubled characters '任何任何'"),
    ]
