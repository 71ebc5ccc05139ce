"""The catalog model: states and statistics as msgfmt counts them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from summit_i18n.catalog import Entry
from summit_i18n.po import raw_still_holds, read_po

CASES = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#, fuzzy
msgid "fuzzy but empty"
msgstr ""

#, fuzzy
msgid "fuzzy plural"
msgid_plural "fuzzy plurals"
msgstr[0] "x"
msgstr[1] ""

msgid "second form empty"
msgid_plural "second forms empty"
msgstr[0] "x"
msgstr[1] ""

msgid "done"
msgstr "fait"

msgid "empty"
msgstr ""

#~ msgid "gone"
#~ msgstr "parti"
'''


def test_statistics_agree_with_msgfmt(tmp_path: Path) -> None:
    po = tmp_path / "fr.po"
    po.write_text(CASES, encoding="utf-8")
    catalog = read_po(po)
    ours = (
        len(catalog.translated_entries()),
        len(catalog.fuzzy_entries()),
        len(catalog.untranslated_entries()),
    )
    out = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                         capture_output=True, text=True, check=True).stderr
    assert out.strip() == "2 translated messages, 1 fuzzy translation, 2 untranslated messages."
    assert ours == (2, 1, 2)
    assert round(catalog.percent_translated()) == 40


def test_fuzzy_property_adds_and_removes_the_flag_only() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=["python-format"])
    entry.fuzzy = True
    assert entry.flags == ("fuzzy", "python-format")
    entry.fuzzy = False
    assert entry.flags == ("python-format",)


def test_raw_text_holds_only_while_it_says_what_the_entry_says() -> None:
    raw = '#: a.md:1\n#, fuzzy\nmsgid "a"\nmsgstr ""\n"b"\n'
    entry = Entry(msgid="a", msgstr="b", references=("a.md:1",), flags=("fuzzy",), raw=raw)
    assert raw_still_holds(entry)
    entry.msgstr = "c"
    assert not raw_still_holds(entry)
    entry.msgstr = "b"  # changed back: the original text is right again
    assert raw_still_holds(entry)
    entry.fuzzy = False
    assert not raw_still_holds(entry)
    assert not raw_still_holds(Entry(msgid="new"))
    obsolete = Entry(msgid="x", msgstr="y", obsolete=True, raw='#~ msgid "x"\n#~ msgstr "y"\n')
    assert raw_still_holds(obsolete)
    obsolete.obsolete = False
    assert not raw_still_holds(obsolete)
    # GNU joins a backslash-newline before LF only: not in a CR-LF catalog
    joined = Entry(msgid="ab", msgstr="x", raw='msgid "a\\\nb"\nmsgstr "x"\n')
    assert raw_still_holds(joined)
    assert not raw_still_holds(joined, newline="\r\n")


def test_header_values_are_set_in_place() -> None:
    from summit_i18n.catalog import Catalog

    catalog = Catalog(header=Entry(msgid="", msgstr="Language: fr\nX-A: 1\n"))
    catalog.set_header_value("language", "ja")
    catalog.set_header_value("Plural-Forms", "nplurals=1; plural=0;")
    assert catalog.header is not None
    assert catalog.header.msgstr == "Language: ja\nX-A: 1\nPlural-Forms: nplurals=1; plural=0;\n"
    assert catalog.language == "ja"
    assert catalog.nplurals == 1


def test_entry_state_is_msgfmts_first_form_rule() -> None:
    forms = {0: "", 1: "des fichiers"}
    assert Entry(msgid="x", msgstr="y").state == "translated"
    assert Entry(msgid="x", msgstr="y", flags=("fuzzy",)).state == "fuzzy"
    assert Entry(msgid="x", flags=("fuzzy",)).state == "untranslated"
    assert Entry(msgid="x", msgstr="y", obsolete=True).state == "obsolete"
    assert Entry(msgid="", msgstr="Language: fr\n").state == "header"
    assert Entry(msgid="", msgctxt="c", msgstr="y").state == "translated"
    plural = Entry(msgid="file", msgid_plural="files", msgstr_plural=forms)
    assert plural.first_form == ""
    assert plural.state == "untranslated"
    assert plural.has_any_translation()
    assert not plural.has_translation()
    assert Entry(msgid="file", msgid_plural="files").first_form == ""
    assert not Entry(msgid="file", msgid_plural="files").has_any_translation()
