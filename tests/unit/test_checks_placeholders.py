"""Placeholder checks: %-formats, {x} fields, Jinja, plural forms, mangled variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.catalog import Catalog, Entry
from summit_i18n.checks import check_catalog
from tests.unit.checks_table import corpus_entry, fails, findings, passes

PASSES = [
    ("Hello %s", "Bonjour %s"),
    ("%s of %d", "%s sur %d"),
    ("%s of %s", "%2$s の %1$s"),  # positional reordering
    ("%(count)d files", "%(count)d fichiers"),
    ("%(a)s and %(b)s", "%(b)s et %(a)s"),
    ("Hello {name}", "Bonjour {name}"),
    ("{0} of {1}", "{1} の {0}"),
    ("Hi {{ user.name }}", "Salut {{user.name}}"),
    ("{% trans %}x{% endtrans %}", "{%trans%}y{%endtrans%}"),
    ("50% done", "50 % fait"),  # prose percent, not a directive
    ("100%", "100 %"),
    ("%d%% done", "%d %% fait"),
]

FAILS = [
    ("Hello %s", "Bonjour"),
    ("Hello %s", "Bonjour %d"),
    ("%(count)d files", "%(nombre)d fichiers"),
    ("%(count)d files", "% (count)d fichiers"),  # spaced variant
    ("%(count)d files", "%（count）d fichiers"),  # full-width parentheses
    ("Hello {name}", "Bonjour ｛name｝"),  # full-width braces
    ("Hello {name}", "Bonjour { name }"),
    ("Hello {name}", "Bonjour {nom}"),
    ("Hello", "Bonjour {name}"),  # added
    ("Hi {{ user }}", "Salut"),
    ("Hi {{ user }}", "Salut ｛｛ user ｝｝"),
    ("%s and %s", "%s"),
]


@pytest.mark.parametrize(("english", "translation"), PASSES)
def test_passes(english: str, translation: str) -> None:
    assert passes("placeholders", english, translation)


@pytest.mark.parametrize(("english", "translation"), FAILS)
def test_fails(english: str, translation: str) -> None:
    assert fails("placeholders", english, translation)


def test_mangled_variant_is_named_in_the_message() -> None:
    (message,) = findings("placeholders", "%(count)d files", "% (count)d fichiers")
    assert "'% (count)d'" in message
    assert "'%(count)d'" in message


def test_lenient_form_may_leave_the_number_out() -> None:
    assert passes("placeholders", "One file", "Un fichier", alternate="%d files", lenient=True)
    assert passes("placeholders", "One file", "%d fichier", alternate="%d files", lenient=True)
    assert fails("placeholders", "One file", "%s fichier", alternate="%d files", lenient=True)


def test_no_format_flag_switches_printf_off() -> None:
    assert passes("placeholders", "50%s off", "50 %", flags=("no-python-format",))


def test_real_mkdocs_theme_entry_passes(corpus_dir: Path) -> None:
    entry = corpus_entry(corpus_dir, "zh_CN_mkdocs-readthedocs-theme_messages.po",
                         "Built with %(mkdocs_link)s using a %(sphinx_link)s provided by "
                         "%(rtd_link)s.")
    assert passes("placeholders", entry.msgid, entry.msgstr, lang="zh_Hans")
    broken = entry.msgstr.replace("%(rtd_link)s", "%(rtd)s")
    assert fails("placeholders", entry.msgid, broken, lang="zh_Hans")


def test_real_brace_format_entry(corpus_dir: Path) -> None:
    msgid = ("The config value `{name}' has type `{current.__name__}'; expected "
             "{permitted}.")
    entry = corpus_entry(corpus_dir, "ja_sphinx.po", msgid)
    assert passes("placeholders", entry.msgid, entry.msgstr, lang="ja")
    assert fails("placeholders", entry.msgid, entry.msgstr.replace("{permitted}", "｛permitted｝"),
                 lang="ja")


def test_real_c_format_entry(corpus_dir: Path) -> None:
    entry = corpus_entry(corpus_dir, "ko_gnome-clocks.po", "%s: Snoozed until %s")
    assert passes("placeholders", entry.msgid, entry.msgstr, lang="ko")
    assert fails("placeholders", entry.msgid, entry.msgstr.replace("%s까지", "까지"), lang="ko")


def _plural(msgstr0: str, msgstr1: str) -> Catalog:
    header = Entry(msgid="", msgstr="Language: fr\nPlural-Forms: nplurals=2; plural=(n > 1);\n")
    entry = Entry(msgid="One key", msgid_plural="%(count)s keys",
                  msgstr_plural={0: msgstr0, 1: msgstr1}, flags=["python-format"],
                  msgstr_lineno=7)
    return Catalog(entries=[entry], header=header)


def test_plural_forms_are_checked_against_their_english() -> None:
    ok = check_catalog(_plural("Une clé", "%(count)s clés"), path="x.po")
    assert [f for f in ok if f.severity == "error"] == []
    bad = check_catalog(_plural("Une clé", "%(nombre)s clés"), path="x.po")
    messages = [f.message for f in bad if f.check in {"placeholders", "format"}]
    assert any("msgstr[1]" in m for m in messages)
    assert all(f.line == 7 for f in bad)


def test_format_check_reports_what_msgfmt_rejects(corpus_dir: Path) -> None:
    entry = corpus_entry(corpus_dir, "ko_python-docs_library-time.po", "``%f``")
    catalog = Catalog(entries=[entry], header=None)
    found = check_catalog(catalog, path="time.po", lang="ko")
    errors = [f for f in found if f.severity == "error"]
    assert "format" in {f.check for f in errors}
    assert "placeholders" not in {f.check for f in errors}  # reported once, by "format"
    (fmt,) = [f for f in errors if f.check == "format"]
    assert "is not a valid Python format string" in fmt.message
