"""Draft-quality checks: unchanged English, machine-translation residue."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.glossary import Glossary, Term
from tests.unit.checks_table import corpus_entry, fails, passes


@pytest.mark.parametrize(("english", "translation"), [
    ("Calculator", "Calculator"),  # one word: a name
    ("DAFOH", "DAFOH"),
    ("`make html`", "`make html`"),  # only code
    ("Save the file", "Enregistrer le fichier"),
])
def test_unchanged_passes(english: str, translation: str) -> None:
    assert passes("unchanged", english, translation)


def test_unchanged_fails() -> None:
    assert fails("unchanged", "Save the file", "Save the file")


def test_unchanged_allows_kept_glossary_names() -> None:
    glossary = Glossary((Term("CAP Freedom of Conscience", {"fr": "keep"}),))
    assert passes("unchanged", "CAP Freedom of Conscience", "CAP Freedom of Conscience",
                  glossary=glossary)


def test_real_unchanged_entry(corpus_dir: Path) -> None:
    entry = corpus_entry(corpus_dir, "ja_sphinx.po", "Python Enhancement Proposals; PEP %s")
    assert fails("unchanged", entry.msgid, entry.msgstr, lang="ja")


@pytest.mark.parametrize(("english", "translation"), [
    ("Tom & Jerry", "Tom et Jerry"),
    ("Use &amp; in HTML", "Utilisez &amp; en HTML"),
    ("Returns ``None``", "Renvoie ``None``"),
])
def test_residue_passes(english: str, translation: str) -> None:
    assert passes("residue", english, translation)


@pytest.mark.parametrize(("english", "translation"), [
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("It's here", "C&#39;est ici"),
    ("The summit", "None"),
    ("The summit", "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY."),
    ("The summit", "Le sommet (Translated by Google)"),
])
def test_residue_fails(english: str, translation: str) -> None:
    assert fails("residue", english, translation)


def test_unchanged_allows_sentences_made_of_kept_names() -> None:
    glossary = Glossary((
        Term("Coordination des Associations et des Particuliers pour la Liberté de Conscience",
             {"ko": "keep"}),
        Term("CAP Freedom of Conscience", {"ko": "keep"}),
    ))
    name = ("Coordination des Associations et des Particuliers pour la Liberté de Conscience "
            "(CAP Freedom of Conscience)")
    assert passes("unchanged", name, name, lang="ko", glossary=glossary)
    sentence = "CAP Freedom of Conscience protects the right of belief"
    assert fails("unchanged", sentence, sentence, lang="ko", glossary=glossary)
