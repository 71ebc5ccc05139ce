"""Markup checks: Markdown links and code spans, emphasis, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.checks_table import corpus_entry, fails, passes

MARKDOWN_PASSES = [
    ("See [the site](https://a.org/x).", "Voir [le site](https://a.org/x)."),
    ("![Logo](img/logo.png)", "![Le logo](img/logo.png)"),
    ("Read [the guide][guide].", "Lisez [le guide][guide]."),
    ("[guide]: https://a.org/g", "[guide]: https://a.org/g"),
    ("Run `make html` now.", "Lancez `make html` maintenant."),
    ("Use ``venv``.", "Utilisez ``venv``."),
    ("The :mod:`!venv` module", "Le module :mod:`venv`"),  # RST role prefix
    ("Click :guilabel:`Save`.", "Cliquez sur :guilabel:`Enregistrer`."),  # prose role
    ("a `leap second`_ here", "un `saut <leap second_>`_ ici"),  # RST reference
    ("the config value `name' is bad", "la valeur `name' est mauvaise"),  # TeX quotes
    ("Plain text", "Texte simple"),
]
MARKDOWN_FAILS = [
    ("See [the site](https://a.org/x).", "Voir [le site](https://a.org/y)."),
    ("See [the site](https://a.org/x).", "Voir [le site] (https://a.org/x)."),
    ("See [the site](https://a.org/x).", "サイトは［こちら］（https://a.org/x）"),
    ("See [the site](https://a.org/x).", "Voir le site."),
    ("![Logo](img/logo.png)", "![Le logo](img/autre.png)"),
    ("Read [the guide][guide].", "Lisez [le guide][manuel]."),
    ("Run `make html` now.", "Lancez `make site` maintenant."),
    ("Plain text", "[Texte](javascript:alert(1))"),
]


@pytest.mark.parametrize(("english", "translation"), MARKDOWN_PASSES)
def test_markdown_passes(english: str, translation: str) -> None:
    assert passes("markdown", english, translation)


@pytest.mark.parametrize(("english", "translation"), MARKDOWN_FAILS)
def test_markdown_fails(english: str, translation: str) -> None:
    assert fails("markdown", english, translation)


def test_real_rst_reference_with_translated_text_passes(corpus_dir: Path) -> None:
    msgid = ("The range really is ``0`` to ``61``; value ``60`` is valid in timestamps "
             "representing `leap seconds`_ and value ``61`` is supported for historical reasons.")
    entry = corpus_entry(corpus_dir, "ko_python-docs_library-time.po", msgid)
    assert passes("markdown", entry.msgid, entry.msgstr, lang="ko")
    assert passes("html", entry.msgid, entry.msgstr, lang="ko")
    assert fails("markdown", entry.msgid, entry.msgstr.replace("``61``", "``62``"), lang="ko")


EMPHASIS_PASSES = [
    ("A **bold** move", "Un coup **audacieux**"),
    ("An *emphasised* word", "Un mot *souligné*"),
    ("* a list item", "* un élément"),
    ("2 * 3 = 6", "2 * 3 = 6"),
    ("Use `a*b`", "Utilisez `a*b`"),
]
EMPHASIS_FAILS = [
    ("A **bold** move", "Un coup **audacieux"),
    ("A **bold** move", "Un coup audacieux"),
    ("An *emphasised* word", "Un mot *souligné"),
]


@pytest.mark.parametrize(("english", "translation"), EMPHASIS_PASSES)
def test_emphasis_passes(english: str, translation: str) -> None:
    assert passes("emphasis", english, translation)


@pytest.mark.parametrize(("english", "translation"), EMPHASIS_FAILS)
def test_emphasis_fails(english: str, translation: str) -> None:
    assert fails("emphasis", english, translation)


HTML_PASSES = [
    ("Press <b>OK</b>", "Appuyez sur <b>OK</b>"),
    ('<a href="/x" title="Help">Help</a>', '<a title="Aide" href="/x">Aide</a>'),
    ('<img src="a.png" alt="A cat">', '<img src="a.png" alt="Un chat">'),
    ("a < b and c > d", "a < b et c > d"),
    ("Write `<b>` for bold", "Écrivez `<b>` pour le gras"),  # code is text
    ("Mail <a@b.org>", "Courriel <a@b.org>"),
]
HTML_FAILS = [
    ("Press <b>OK</b>", "Appuyez sur OK"),
    ("Press OK", "Appuyez sur <b>OK</b>"),  # none added where the English has none
    ('<a href="/x">Help</a>', '<a href="/y">Aide</a>'),
    ('<a href="/x">Help</a>', '<a href="/x" onclick="steal()">Aide</a>'),
    ('<a href="/x">Help</a>', '<a href="/x" ONMOUSEOVER=steal()>Aide</a>'),
    ('<a href="/x">Help</a>', '<a href="jav&#x61;script:alert(1)">Aide</a>'),
    ('<a href="/x">Help</a>', '<a href=" JavaScript:alert(1)">Aide</a>'),
    ('<img src="a.png">', '<img src="data:image/svg+xml;base64,PHN2Zz4=">'),
    ("Text", "Texte <script>alert(1)</script>"),
]


@pytest.mark.parametrize(("english", "translation"), HTML_PASSES)
def test_html_passes(english: str, translation: str) -> None:
    assert passes("html", english, translation)


@pytest.mark.parametrize(("english", "translation"), HTML_FAILS)
def test_html_fails(english: str, translation: str) -> None:
    assert fails("html", english, translation)


def test_real_mallard_markup(corpus_dir: Path) -> None:
    msgid = ("To solve, press the <gui>=</gui> button with your mouse or the "
             "<key>Enter</key> key on your keyboard.")
    entry = corpus_entry(corpus_dir, "zh_CN_gnome-calculator-help.po", msgid)
    # the real translation drops the <key> markup: a genuine finding
    assert fails("html", entry.msgid, entry.msgstr, lang="zh_Hans")
    fixed = entry.msgstr.replace("回车键", "<key>回车</key>键")
    assert passes("html", entry.msgid, fixed, lang="zh_Hans")
