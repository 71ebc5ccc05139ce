"""Content checks: URLs and e-mail addresses, numbers, glossary terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.glossary import Glossary, Term
from tests.unit.checks_table import corpus_entry, fails, findings, passes

URL_PASSES = [
    ("See https://example.org/a?b=1.", "Voir https://example.org/a?b=1."),
    ("Write to info@example.org", "Écrivez à info@example.org"),
    ("Visit <https://a.org>", "Visitez <https://a.org>"),
    ("访问 https://a.org/x。", "访问 https://a.org/x。"),
    ("No links here", "Pas de liens"),
]
URL_FAILS = [
    ("See https://example.org/a", "Voir https://example.com/a"),
    ("See https://example.org/a", "Voir le site"),
    ("Write to info@example.org", "Écrivez à contact@example.org"),
    ("No links", "Pas de liens https://evil.example"),
]


@pytest.mark.parametrize(("english", "translation"), URL_PASSES)
def test_urls_pass(english: str, translation: str) -> None:
    assert passes("urls", english, translation)


@pytest.mark.parametrize(("english", "translation"), URL_FAILS)
def test_urls_fail(english: str, translation: str) -> None:
    assert fails("urls", english, translation)


def test_real_sphinx_url_kept(corpus_dir: Path) -> None:
    msgid = ("If the documents are to be written in a language other than English,\n"
             "you can select a language here by its language code. Sphinx will then\n"
             "translate text that it generates into that language.\n\n"
             "For a list of supported codes, see\n"
             "https://www.sphinx-doc.org/en/master/usage/configuration.html#confval-language.")
    entry = corpus_entry(corpus_dir, "ja_sphinx.po", msgid)
    assert passes("urls", entry.msgid, entry.msgstr, lang="ja")
    assert fails("urls", entry.msgid, entry.msgstr.replace("en/master", "ja/master"), lang="ja")


NUMBER_PASSES = [
    ("Founded in 2006", "Fondée en 2006"),
    ("Over 30 speakers", "Plus de 30 intervenants"),
    ("1,000 people", "1 000 personnes"),
    ("1,000 people", "1\u202f000 personnes"),
    ("3.5 days", "3,5 jours"),
    ("In 2016 and 2018", "２０１６年と２０１８年"),  # full-width digits
    ("Use %(count)d items", "Utilisez %(count)d éléments"),
    ("See https://a.org/2019", "Voir https://a.org/2019"),
    ("solves to 1 (3×2 = 6, 7−6 = 1).", "结果为 1 (3×2 = 6，7−6 = 1)。"),  # full-width comma
]
NUMBER_FAILS = [
    ("Founded in 2006", "Fondée en 2007"),
    ("nominated in 2016 and 2018", "nommée en 2016"),
    ("Over 30 speakers", "Plus de trente intervenants"),
]


@pytest.mark.parametrize(("english", "translation"), NUMBER_PASSES)
def test_numbers_pass(english: str, translation: str) -> None:
    assert passes("numbers", english, translation)


@pytest.mark.parametrize(("english", "translation"), NUMBER_FAILS)
def test_numbers_fail(english: str, translation: str) -> None:
    assert fails("numbers", english, translation)


GLOSSARY = Glossary((
    Term("Falun Gong", {"fr": "keep", "ja": "法輪功", "zh_Hans": "法轮功"}),
    Term("forced organ harvesting", {"fr": "prélèvement forcé d’organes"},
         case_sensitive=False),
))


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", "Falun Gong practitioners", "法輪功の学習者"),
    ("fr", "Falun Gong practitioners", "les pratiquants de Falun Gong"),
    ("fr", "Forced organ harvesting must end", "Le prélèvement forcé d’organes doit cesser"),
    ("ko", "Falun Gong practitioners", "파룬궁 수련자"),  # no rendering for ko: no finding
])
def test_glossary_passes(lang: str, english: str, translation: str) -> None:
    assert passes("glossary", english, translation, lang=lang, glossary=GLOSSARY)


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", "Falun Gong practitioners", "ファルンゴンの学習者"),
    ("fr", "Falun Gong practitioners", "les pratiquants du Fa Lun Gong"),
    ("fr", "Forced organ harvesting must end", "Le trafic d’organes doit cesser"),
])
def test_glossary_fails(lang: str, english: str, translation: str) -> None:
    assert fails("glossary", english, translation, lang=lang, glossary=GLOSSARY)


def test_glossary_needs_a_glossary() -> None:
    assert findings("glossary", "Falun Gong", "Fa Lun Gong", lang="fr") == []


def test_link_targets_are_left_to_the_markdown_check() -> None:
    english = "See [the site](https://a.org/x) or https://a.org/y"
    assert passes("urls", english, "Voir [le site](https://a.org/z) ou https://a.org/y")
    assert fails("markdown", english, "Voir [le site](https://a.org/z) ou https://a.org/y")
    assert fails("urls", english, "Voir [le site](https://a.org/x) ou https://a.org/z")
