"""Header checks: Plural-Forms by grammar, plural counts, Language."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.catalog import Catalog, Entry
from summit_i18n.checks import check_catalog
from summit_i18n.po import read_po


def _catalog(header: str, *entries: Entry) -> Catalog:
    return Catalog(entries=list(entries), header=Entry(msgid="", msgstr=header, msgstr_lineno=2))


def _plural(forms: int) -> Entry:
    return Entry(msgid="a file", msgid_plural="%d files",
                 msgstr_plural={i: f"{i} fichier" for i in range(forms)}, msgstr_lineno=9)


def _ids(catalog: Catalog, *, expected_lang: str | None = None) -> list[tuple[str, int]]:
    return [(f.check, f.line) for f in check_catalog(catalog, path="x.po", lang="fr",
                                                       expected_lang=expected_lang)
            if f.check in {"header", "header-language", "plurals"}]


@pytest.mark.parametrize("plural_forms", [
    "nplurals=2; plural=(n > 1);",
    "nplurals=2; plural=n != 1;",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
])
def test_header_passes(plural_forms: str) -> None:
    nplurals = int(plural_forms.split(";")[0].split("=")[1])
    cat = _catalog(f"Language: fr\nPlural-Forms: {plural_forms}\n", _plural(nplurals))
    assert _ids(cat) == []


@pytest.mark.parametrize(("plural_forms", "forms"), [
    ("nplurals=2; plural=(n > 1);", 3),  # wrong count
    ("nplurals=1; plural=(n > 1);", 1),  # value too large
    ("nplurals=2; plural=n / 0;", 2),  # division by zero
    ("nplurals=2; plural=__import__('os').system('x');", 2),  # not the grammar: never run
    ("nplurals=two; plural=(n > 1);", 2),
])
def test_header_fails(plural_forms: str, forms: int) -> None:
    cat = _catalog(f"Language: fr\nPlural-Forms: {plural_forms}\n", _plural(forms))
    assert _ids(cat), plural_forms


def test_plural_entries_need_plural_forms() -> None:
    assert ("header", 2) in _ids(_catalog("Language: fr\n", _plural(2)))
    assert _ids(_catalog("Language: fr\n")) == []  # no plural entries: not needed


def test_plural_count_is_reported_at_the_msgstr_line() -> None:
    cat = _catalog("Language: fr\nPlural-Forms: nplurals=2; plural=(n > 1);\n", _plural(1))
    assert ("plurals", 9) in _ids(cat)


def test_language_header() -> None:
    assert ("header-language", 2) in _ids(_catalog(""))
    assert _ids(_catalog("Language: zh_TW\n"), expected_lang="zh_Hant") == []
    assert ("header-language", 2) in _ids(_catalog("Language: ja\n"), expected_lang="fr")


def test_real_header_without_language(corpus_dir: Path) -> None:
    path = corpus_dir / "po" / "ko_python-docs_library-time.po"
    found = check_catalog(read_po(path), path=path)
    assert [f.check for f in found if f.check.startswith("header")] == ["header-language"]


def test_real_headers_are_sound(corpus_dir: Path) -> None:
    for path in sorted((corpus_dir / "po").glob("*.po")):
        found = check_catalog(read_po(path), path=path)
        assert [f for f in found if f.check in {"header", "plurals"}] == [], path.name
