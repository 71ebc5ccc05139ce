"""summit_i18n.update: each msgmerge rule, new catalog headers, the project-level update."""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summit_i18n import fsutil, po, workspace
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import find_project, language
from summit_i18n.update import merge, new_catalog_header, update_project

NOW = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)
FR = language("fr")

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Report-Msgid-Bugs-To: old@example.org\\n"
"POT-Creation-Date: 2020-01-01 00:00+0000\\n"
"PO-Revision-Date: 2020-02-02 00:00+0000\\n"
"Last-Translator: T <t@example.org>\\n"
"Language-Team: French\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""

POT_HEADER = """\
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: demo 2.0\\n"
"Report-Msgid-Bugs-To: new@example.org\\n"
"POT-Creation-Date: 2021-01-01 00:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def catalog(body: str, *, header: str = HEADER) -> Catalog:
    return po.parse_po((header + "\n" + body).encode(), path="test.po")


def template(body: str) -> Catalog:
    return catalog(body, header=POT_HEADER)


def active(c: Catalog, msgid: str, msgctxt: str | None = None) -> Entry:
    entry = c.find(msgid, msgctxt)
    assert entry is not None, f"no active entry {msgid!r}"
    return entry


def dead(c: Catalog, msgid: str) -> Entry:
    entry = c.find(msgid, obsolete=True)
    assert entry is not None, f"no obsolete entry {msgid!r}"
    return entry


@pytest.fixture
def written(tmp_path: Path, msgfmt_check: Callable[..., None]) -> Callable[[Catalog], bytes]:
    """Write a merged catalog, check it with msgfmt, return its bytes."""
    counter = iter(range(1000))

    def write(c: Catalog) -> bytes:
        path = tmp_path / f"out{next(counter)}.po"
        po.write_po(c, path)
        msgfmt_check(path)
        return path.read_bytes()

    return write


# -- exact matches -------------------------------------------------------------------


OLD_REVIEWED = """\
# translator note
#. old note
#: old.c:1
#, c-format
msgid "Save %s"
msgstr "Enregistrer %s"
"""


def test_nothing_changed_reuses_every_entry_and_every_byte(
    written: Callable[[Catalog], bytes],
) -> None:
    old = catalog(OLD_REVIEWED)
    tmpl = template("#. old note\n#: old.c:1\n#, c-format\nmsgid \"Save %s\"\nmsgstr \"\"\n")
    tmpl.set_header_value("POT-Creation-Date", "2020-01-01 00:00+0000")
    tmpl.set_header_value("Report-Msgid-Bugs-To", "old@example.org")
    result = merge(tmpl, old, language=FR, now=NOW)
    assert result.catalog.entries[0] is old.entries[0]
    assert result.catalog.header is old.header
    assert written(result.catalog) == po.format_po(old)
    assert (result.exact, result.fuzzy, result.new, result.obsolete) == (1, 0, 0, 0)


def test_exact_match_keeps_translation_and_takes_comments_from_template(
    written: Callable[[Catalog], bytes],
) -> None:
    old = catalog(OLD_REVIEWED)
    tmpl = template('#. new note\n#: new.c:7 new.c:9\n#, c-format\nmsgid "Save %s"\nmsgstr ""\n')
    result = merge(tmpl, old, language=FR, now=NOW)
    entry = active(result.catalog, "Save %s")
    assert entry.msgstr == "Enregistrer %s"
    assert entry.translator_comments == ("translator note",)
    assert entry.extracted_comments == ("new note",)
    assert entry.references == ("new.c:7", "new.c:9")
    assert entry.flags == ("c-format",)
    assert not entry.fuzzy
    assert old.entries[0].references == ("old.c:1",), "the old catalog is not modified"
    assert b"#: new.c:7 new.c:9" in written(result.catalog)


def test_exact_match_keeps_fuzzy_state_and_previous_msgid() -> None:
    old = catalog('#, fuzzy\n#| msgid "Save it"\nmsgid "Save"\nmsgstr "Enregistrer"\n')
    result = merge(template('msgid "Save"\nmsgstr ""\n'), old, language=FR, now=NOW)
    entry = active(result.catalog, "Save")
    assert entry.fuzzy
    assert entry.previous_msgid == "Save it"
    assert result.fuzzy == 0, "already fuzzy before this merge"


def test_format_flags_come_from_the_template_fuzzy_from_the_catalog() -> None:
    old = catalog('#, fuzzy, c-format, no-wrap\nmsgid "Size %d"\nmsgstr "Taille %d"\n')
    result = merge(template('#, python-format\nmsgid "Size %d"\nmsgstr ""\n'), old,
                   language=FR, now=NOW)
    assert active(result.catalog, "Size %d").flags == ("fuzzy", "python-format")


def test_flags_in_another_order_are_not_a_change() -> None:
    old = catalog('#, c-format, fuzzy\nmsgid "Size %d"\nmsgstr "Taille %d"\n')
    result = merge(template('#, c-format\nmsgid "Size %d"\nmsgstr ""\n'), old,
                   language=FR, now=NOW)
    assert result.catalog.entries[0] is old.entries[0]


def test_output_follows_template_order_then_obsolete() -> None:
    old = catalog('msgid "B"\nmsgstr "b"\n\nmsgid "Gone"\nmsgstr "parti"\n\n'
                  'msgid "A"\nmsgstr "a"\n')
    result = merge(template('msgid "A"\nmsgstr ""\n\nmsgid "New"\nmsgstr ""\n\n'
                            'msgid "B"\nmsgstr ""\n'), old, language=FR, fuzzy_matching=False)
    got = [(e.msgid, e.obsolete) for e in result.catalog.entries]
    assert got == [("A", False), ("New", False), ("B", False), ("Gone", True)]


# -- changed English -----------------------------------------------------------------

PARAGRAPH = "The summit brings together doctors, lawyers and journalists from five countries."


def test_changed_english_takes_the_closest_translation_as_fuzzy(
    written: Callable[[Catalog], bytes],
) -> None:
    old = catalog(f'# reviewed by Anne\n#: a.md:3\nmsgid "{PARAGRAPH}"\nmsgstr "Le sommet."\n')
    edited = PARAGRAPH.replace("five", "six")
    result = merge(template(f'#: a.md:4\nmsgid "{edited}"\nmsgstr ""\n'), old, language=FR)
    entry = active(result.catalog, edited)
    assert entry.fuzzy
    assert entry.msgstr == "Le sommet."
    assert entry.previous_msgid == PARAGRAPH
    assert entry.translator_comments == ("reviewed by Anne",)
    assert entry.references == ("a.md:4",)
    assert result.catalog.obsolete_entries() == [], "the old message lives on as the fuzzy one"
    assert (result.fuzzy, result.obsolete, result.new) == (1, 0, 0)
    data = written(result.catalog)
    assert b"#| msgid " in data
    assert active(po.parse_po(data), edited).previous_msgid == PARAGRAPH


def test_a_fuzzy_source_keeps_showing_the_english_last_reviewed() -> None:
    old = catalog('#, fuzzy\n#| msgid "Reviewed english text here"\n'
                  'msgid "Draft english text here"\nmsgstr "Brouillon"\n')
    result = merge(template('msgid "Draft english text here!"\nmsgstr ""\n'), old, language=FR)
    assert active(result.catalog, "Draft english text here!").previous_msgid == (
        "Reviewed english text here"
    )


def test_dissimilar_english_gets_no_proposal() -> None:
    old = catalog('msgid "Organ transplant ethics"\nmsgstr "Éthique"\n')
    result = merge(template('msgid "Share by email"\nmsgstr ""\n'), old, language=FR)
    assert active(result.catalog, "Share by email").msgstr == ""
    assert dead(result.catalog, "Organ transplant ethics").msgstr == "Éthique"
    assert (result.new, result.obsolete, result.fuzzy) == (1, 1, 0)


def test_threshold_is_sixty_percent_similarity() -> None:
    # Indel similarity: "abcdefghij" vs "abcdefxyzw" = 2*6/20 = 0.6 exactly -> proposed;
    # vs "abcdexyzwv" = 0.5 -> not.
    old = catalog('msgid "abcdefghij"\nmsgstr "ok"\n')
    hit = merge(template('msgid "abcdefxyzw"\nmsgstr ""\n'), old, language=FR)
    miss = merge(template('msgid "abcdexyzwv"\nmsgstr ""\n'), old, language=FR)
    assert active(hit.catalog, "abcdefxyzw").msgstr == "ok"
    assert active(miss.catalog, "abcdexyzwv").msgstr == ""


def test_no_fuzzy_matching_makes_changed_english_new() -> None:
    old = catalog(f'msgid "{PARAGRAPH}"\nmsgstr "Le sommet."\n')
    edited = PARAGRAPH.replace("five", "six")
    result = merge(template(f'msgid "{edited}"\nmsgstr ""\n'), old, language=FR,
                   fuzzy_matching=False)
    assert active(result.catalog, edited).msgstr == ""
    assert dead(result.catalog, PARAGRAPH).msgstr == "Le sommet."
    assert (result.new, result.obsolete, result.fuzzy) == (1, 1, 0)


def test_only_translated_old_messages_are_proposed() -> None:
    old = catalog(f'msgid "{PARAGRAPH}"\nmsgstr ""\n')
    edited = PARAGRAPH.replace("five", "six")
    result = merge(template(f'msgid "{edited}"\nmsgstr ""\n'), old, language=FR)
    assert not active(result.catalog, edited).fuzzy
    assert result.dropped == 1


# -- msgctxt ---------------------------------------------------------------------------


def test_msgctxt_is_part_of_the_key() -> None:
    old = catalog('msgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n\n'
                  'msgctxt "door"\nmsgid "Open"\nmsgstr "Ouvert"\n')
    result = merge(template('msgctxt "door"\nmsgid "Open"\nmsgstr ""\n\n'
                            'msgctxt "menu"\nmsgid "Open"\nmsgstr ""\n'), old, language=FR)
    assert active(result.catalog, "Open", "door").msgstr == "Ouvert"
    assert active(result.catalog, "Open", "menu").msgstr == "Ouvrir"
    assert result.exact == 2


def test_fuzzy_match_across_contexts_shows_the_previous_context() -> None:
    old = catalog('msgctxt "menu"\nmsgid "Open the selected document"\nmsgstr "Ouvrir"\n')
    result = merge(template('msgctxt "toolbar"\nmsgid "Open the selected document!"\n'
                            'msgstr ""\n'), old, language=FR)
    entry = active(result.catalog, "Open the selected document!", "toolbar")
    assert entry.fuzzy
    assert (entry.previous_msgctxt, entry.previous_msgid) == ("menu", "Open the selected document")


def test_of_equally_close_candidates_the_same_context_wins() -> None:
    old = catalog('msgctxt "a"\nmsgid "Delete the file"\nmsgstr "A"\n\n'
                  'msgctxt "b"\nmsgid "Delete the file"\nmsgstr "B"\n')
    result = merge(template('msgctxt "b"\nmsgid "Delete the files"\nmsgstr ""\n'), old,
                   language=FR)
    assert active(result.catalog, "Delete the files", "b").msgstr == "B"


# -- plurals ---------------------------------------------------------------------------


def test_new_plural_entry_gets_nplurals_empty_forms() -> None:
    ja = catalog("", header=HEADER.replace("nplurals=2; plural=(n > 1);", "nplurals=1; plural=0;"))
    result = merge(template('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n'
                            'msgstr[1] ""\n'), ja, language=language("ja"))
    assert active(result.catalog, "%d file").msgstr_plural == {0: ""}


def test_singular_becoming_plural_copies_the_translation_into_every_form(
    written: Callable[[Catalog], bytes],
) -> None:
    old = catalog('msgid "One file"\nmsgstr "Un fichier"\n')
    result = merge(template('msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n'
                            'msgstr[1] ""\n'), old, language=FR)
    entry = active(result.catalog, "One file")
    assert entry.msgstr_plural == {0: "Un fichier", 1: "Un fichier"}
    assert entry.fuzzy
    assert (entry.previous_msgid, entry.previous_msgid_plural) == ("One file", None)
    written(result.catalog)


def test_plural_becoming_singular_keeps_the_first_form() -> None:
    old = catalog('msgid "%d apple"\nmsgid_plural "%d apples"\nmsgstr[0] "%d pomme"\n'
                  'msgstr[1] "%d pommes"\n')
    result = merge(template('msgid "%d apples"\nmsgstr ""\n'), old, language=FR)
    entry = active(result.catalog, "%d apples")
    assert entry.msgstr == "%d pomme"
    assert entry.fuzzy
    assert (entry.previous_msgid, entry.previous_msgid_plural) == ("%d apple", "%d apples")


def test_changed_msgid_plural_makes_the_entry_fuzzy() -> None:
    old = catalog('msgid "Same plural"\nmsgid_plural "Same plurals"\nmsgstr[0] "P"\n'
                  'msgstr[1] "Ps"\n')
    result = merge(template('msgid "Same plural"\nmsgid_plural "Same plurals!"\n'
                            'msgstr[0] ""\nmsgstr[1] ""\n'), old, language=FR)
    entry = active(result.catalog, "Same plural")
    assert entry.fuzzy
    assert entry.msgstr_plural == {0: "P", 1: "Ps"}
    assert entry.previous_msgid_plural == "Same plurals"
    assert result.fuzzy == 1


def test_untranslated_entry_changing_shape_is_not_fuzzy() -> None:
    old = catalog('msgid "Untranslated"\nmsgstr ""\n')
    result = merge(template('msgid "Untranslated"\nmsgid_plural "Untranslateds"\n'
                            'msgstr[0] ""\nmsgstr[1] ""\n'), old, language=FR)
    entry = active(result.catalog, "Untranslated")
    assert not entry.fuzzy
    assert entry.msgstr_plural == {0: "", 1: ""}


# -- obsolete and revival ------------------------------------------------------------------


def test_vanished_english_becomes_obsolete_with_its_translation_and_state(
    written: Callable[[Catalog], bytes],
) -> None:
    old = catalog('# note\n#. extracted\n#: a.md:1\n#, fuzzy, c-format\n#| msgid "Prev %s"\n'
                  'msgid "Gone %s"\nmsgstr "Parti %s"\n\n'
                  'msgid "Vanishing untranslated"\nmsgstr ""\n')
    result = merge(template(""), old, language=FR)
    entry = dead(result.catalog, "Gone %s")
    assert entry.msgstr == "Parti %s"
    assert entry.translator_comments == ("note",)
    assert entry.flags == ("fuzzy", "c-format")
    assert entry.previous_msgid == "Prev %s"
    assert entry.references == ()
    assert entry.extracted_comments == ()
    assert result.catalog.find("Vanishing untranslated") is None
    assert result.catalog.find("Vanishing untranslated", obsolete=True) is None
    assert (result.obsolete, result.dropped) == (1, 1)
    assert b'#~ msgid "Gone %s"' in written(result.catalog)


def test_obsolete_entries_already_there_stay_byte_for_byte() -> None:
    old = catalog('# obs\n#: z.c:9\n#~ msgid "Old obsolete"\n#~ msgstr "Vieux"\n')
    result = merge(template('msgid "Unrelated thing"\nmsgstr ""\n'), old, language=FR)
    assert result.catalog.entries[-1] is old.entries[0]


def test_returning_english_revives_the_obsolete_entry_with_its_state() -> None:
    old = catalog('# kept comment\n#~ msgid "Returning"\n#~ msgstr "Revenant"\n\n'
                  '#, fuzzy\n#~| msgid "Old old"\n#~ msgid "Obsolete fuzzy"\n#~ msgstr "Flou"\n')
    result = merge(template('#: a.md:1\nmsgid "Returning"\nmsgstr ""\n\n'
                            '#: a.md:2\nmsgid "Obsolete fuzzy"\nmsgstr ""\n'), old, language=FR)
    reviewed = active(result.catalog, "Returning")
    assert (reviewed.msgstr, reviewed.fuzzy, reviewed.obsolete) == ("Revenant", False, False)
    assert reviewed.translator_comments == ("kept comment",)
    assert reviewed.references == ("a.md:1",)
    draft = active(result.catalog, "Obsolete fuzzy")
    assert draft.fuzzy
    assert draft.previous_msgid == "Old old"
    assert result.catalog.obsolete_entries() == []
    assert (result.revived, result.exact) == (2, 2)


def test_exact_revival_wins_over_a_fuzzy_match() -> None:
    old = catalog(f'msgid "{PARAGRAPH}!"\nmsgstr "Similaire"\n\n'
                  f'#~ msgid "{PARAGRAPH}"\n#~ msgstr "Exact"\n')
    result = merge(template(f'msgid "{PARAGRAPH}"\nmsgstr ""\n'), old, language=FR)
    entry = active(result.catalog, PARAGRAPH)
    assert (entry.msgstr, entry.fuzzy) == ("Exact", False)
    assert dead(result.catalog, f"{PARAGRAPH}!").msgstr == "Similaire"


def test_an_obsolete_translation_is_proposed_for_similar_english() -> None:
    old = catalog(f'#~ msgid "{PARAGRAPH}"\n#~ msgstr "Le sommet."\n')
    edited = PARAGRAPH.replace("five", "six")
    result = merge(template(f'msgid "{edited}"\nmsgstr ""\n'), old, language=FR)
    entry = active(result.catalog, edited)
    assert entry.fuzzy
    assert entry.msgstr == "Le sommet."
    assert (result.revived, result.fuzzy) == (1, 1)


# -- headers -----------------------------------------------------------------------------


def test_header_takes_pot_creation_date_and_bug_address_but_keeps_the_rest() -> None:
    result = merge(template(""), catalog(""), language=FR, now=NOW)
    c = result.catalog
    assert c.header_value("POT-Creation-Date") == "2021-01-01 00:00+0000"
    assert c.header_value("Report-Msgid-Bugs-To") == "new@example.org"
    assert c.header_value("Project-Id-Version") == "demo 1.0"
    assert c.header_value("PO-Revision-Date") == "2020-02-02 00:00+0000"
    assert c.header_value("Last-Translator") == "T <t@example.org>"


def test_missing_pot_creation_date_is_inserted_where_msgmerge_puts_it() -> None:
    header = HEADER.replace('"POT-Creation-Date: 2020-01-01 00:00+0000\\n"\n', "")
    result = merge(template(""), catalog("", header=header), language=FR)
    assert result.catalog.header is not None
    names = [line.split(":")[0] for line in result.catalog.header.msgstr.splitlines()]
    assert names[:3] == ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date"]


PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "zh_Hant": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
}


@pytest.mark.parametrize(("code", "plural_forms"), sorted(PLURAL_FORMS.items()))
def test_new_catalog_has_a_msginit_header(
    code: str, plural_forms: str, written: Callable[[Catalog], bytes]
) -> None:
    tmpl = template('#: a.md:1\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n'
                    'msgstr[1] ""\n\n#, fuzzy\nmsgid "Hello"\nmsgstr ""\n')
    lang = language(code)
    result = merge(tmpl, None, language=lang, now=NOW)
    c = result.catalog
    assert c.header_value("Language") == code
    assert c.header_value("Plural-Forms") == plural_forms
    assert c.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert c.header_value("Content-Transfer-Encoding") == "8bit"
    assert c.header_value("MIME-Version") == "1.0"
    assert c.header_value("POT-Creation-Date") == "2021-01-01 00:00+0000"
    assert c.header_value("PO-Revision-Date") == "2026-03-04 05:06+0000"
    assert c.header_value("Project-Id-Version") == "demo 2.0"
    assert c.header_value("Report-Msgid-Bugs-To") == "new@example.org"
    assert c.header is not None
    assert not c.header.fuzzy
    plural = active(c, "%d file")
    assert plural.msgstr_plural == dict.fromkeys(range(lang.nplurals), "")
    assert not active(c, "Hello").fuzzy, "a template's fuzzy flag is not a translation state"
    assert (result.new, result.exact) == (2, 0)
    data = written(c)
    stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", "-"], input=data,
                           capture_output=True, check=True).stderr
    assert b"2 untranslated messages" in stats


def test_new_catalog_header_alone() -> None:
    header = new_catalog_header(Catalog(), language("zh_Hant"), now=NOW)
    assert "Language: zh_Hant\n" in header.msgstr
    assert header.msgstr.startswith("Project-Id-Version: PACKAGE VERSION\n")
    assert "POT-Creation-Date: 2026-03-04 05:06+0000\n" in header.msgstr


# -- matches GNU msgmerge --------------------------------------------------------------------

MSGMERGE_OLD = HEADER + """
# translator note
#: old.c:1
#, fuzzy, c-format
#| msgid "Keep %s prev"
msgid "Keep %s"
msgstr "Garder %s"

#: old.c:3
msgid "The quick brown fox jumps over the lazy dog"
msgstr "Le renard"

#: old.c:4
msgid "Vanishing translated"
msgstr "Disparu"

#: old.c:5
msgid "Vanishing untranslated"
msgstr ""

#: old.c:7
msgid "One file"
msgstr "Un fichier"

#: old.c:8
msgid "%d apple"
msgid_plural "%d apples"
msgstr[0] "%d pomme"
msgstr[1] "%d pommes"

#: old.c:9
msgctxt "menu"
msgid "Open the selected document now"
msgstr "Ouvrir"

# obs comment
#~ msgid "Returning obsolete"
#~ msgstr "Revenant"

#, fuzzy
#~| msgid "Old old"
#~ msgid "Obsolete fuzzy"
#~ msgstr "Obs flou"
"""

MSGMERGE_REF = POT_HEADER + """
#. new extracted
#: new.c:1
#, c-format
msgid "Keep %s"
msgstr ""

#: new.c:3
msgid "The quick brown fox jumped over the lazy dog"
msgstr ""

#: new.c:5
msgid "Returning obsolete"
msgstr ""

#: new.c:6
msgid "Obsolete fuzzy"
msgstr ""

#: new.c:7
msgid "One file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""

#: new.c:8
msgid "%d apples"
msgstr ""

#: new.c:9
msgctxt "toolbar"
msgid "Open the selected document now!"
msgstr ""

#: new.c:11
msgid "Brand new"
msgstr ""
"""


def _meaning(e: Entry) -> tuple[object, ...]:
    return (e.msgctxt, e.msgid, e.msgid_plural, tuple(e.translations()), e.obsolete,
            tuple(e.translator_comments), tuple(e.flags), e.previous_msgctxt,
            e.previous_msgid, e.previous_msgid_plural,
            () if e.obsolete else (tuple(e.references), tuple(e.extracted_comments)))


def test_same_result_as_gnu_msgmerge_previous(tmp_path: Path) -> None:
    old_path, ref_path, out = tmp_path / "old.po", tmp_path / "ref.pot", tmp_path / "mm.po"
    old_path.write_text(MSGMERGE_OLD, encoding="utf-8")
    ref_path.write_text(MSGMERGE_REF, encoding="utf-8")
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(out), str(old_path),
                    str(ref_path)], check=True)
    theirs = po.read_po(out)
    ours = merge(po.read_po(ref_path), po.read_po(old_path), language=FR, now=NOW).catalog
    assert [_meaning(e) for e in ours.entries] == [_meaning(e) for e in theirs.entries]
    assert ours.header is not None
    assert theirs.header is not None
    assert ours.header.msgstr == theirs.header.msgstr


def test_large_searches_still_find_edited_messages() -> None:
    """Past the exhaustive size the index must still find every lightly edited message."""
    rng = random.Random(7)
    words = [f"w{i}x" for i in range(3000)]

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    olds = [sentence(rng.choice([3, 20])) for _ in range(700)]
    edited = []
    for text in olds:
        parts = text.split(" ")
        parts[len(parts) // 2] = "changed"
        edited.append(" ".join(parts))
    old = catalog("\n".join(f'msgid "{t}"\nmsgstr "T{i}"\n' for i, t in enumerate(olds)))
    new = template("\n".join(f'msgid "{t}"\nmsgstr ""\n' for t in edited))
    result = merge(new, old, language=FR)
    assert result.fuzzy == len(olds)
    for i, text in enumerate(edited):
        assert active(result.catalog, text).msgstr == f"T{i}"


# -- the project ---------------------------------------------------------------------------------


def _project(make_project: Callable[..., Path], pot: str) -> Path:
    return make_project({"locale/demo.pot": POT_HEADER + "\n" + pot},
                        config='languages = ["fr", "ja"]\n')


def test_update_project_creates_then_leaves_catalogs_alone(
    make_project: Callable[..., Path], check_all_catalogs: Callable[[Path], int]
) -> None:
    root = _project(make_project, '#: a.md:1\nmsgid "Hello"\nmsgstr ""\n')
    project = find_project(explicit=root)
    first = update_project(project, now=NOW)
    assert [(c.language, c.status) for c in first.catalogs] == [("fr", "created"),
                                                                 ("ja", "created")]
    assert check_all_catalogs(root / "locale") == 3
    stamps = {p: p.stat().st_mtime_ns for p in root.rglob("*.po")}
    second = update_project(project, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert [c.status for c in second.catalogs] == ["unchanged", "unchanged"]
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*.po")} == stamps
    assert not update_project(project, check=True).changed


def test_update_project_check_writes_nothing(make_project: Callable[..., Path]) -> None:
    root = _project(make_project, 'msgid "Hello"\nmsgstr ""\n')
    report = update_project(find_project(explicit=root), languages=["ja"], check=True)
    assert [(c.language, c.status) for c in report.catalogs] == [("ja", "created")]
    assert list(root.rglob("*.po")) == []
    assert not (root / workspace.STATE_DIR).exists(), "a check takes no lock"


def test_interrupted_update_leaves_each_file_as_it_was_or_complete(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
    check_all_catalogs: Callable[[Path], int],
) -> None:
    root = _project(make_project, 'msgid "Hello"\nmsgstr ""\n')
    project = find_project(explicit=root)
    update_project(project, now=NOW)
    before = {p: p.read_bytes() for p in root.rglob("*.po")}
    pot = root / "locale" / "demo.pot"
    pot.write_text(pot.read_text() + '\nmsgid "World"\nmsgstr ""\n')
    real_replace = os.replace
    calls = []

    def replace_then_die(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:  # the second catalog: its temp file is complete, not yet renamed
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        update_project(project, now=NOW)
    monkeypatch.undo()
    fr, ja = root / "locale/fr/LC_MESSAGES/demo.po", root / "locale/ja/LC_MESSAGES/demo.po"
    assert b'msgid "World"' in fr.read_bytes(), "the first catalog is complete"
    assert ja.read_bytes() == before[ja], "the second is as it was"
    assert sorted(p.name for p in ja.parent.iterdir()) == ["demo.po"], "no temp file left"
    assert check_all_catalogs(root / "locale") == 3
    update_project(project, now=NOW)
    assert b'msgid "World"' in ja.read_bytes()


def test_large_searches_propose_a_kept_message_for_a_copied_paragraph() -> None:
    """Like msgmerge, an unchanged message may seed a new similar one (here: past the
    exhaustive size, a long paragraph copied and edited keeps its first words)."""
    rng = random.Random(11)
    words = [f"v{i}y" for i in range(3000)]
    olds = [" ".join(rng.choice(words) for _ in range(20)) for _ in range(700)]
    copied = olds[350].split(" ")
    copied[10:13] = ["one", "two", "three"]
    news = [" ".join(rng.choice(words) for _ in range(20)) for _ in range(699)]
    new_text = " ".join(copied)
    old = catalog("\n".join(f'msgid "{t}"\nmsgstr "T{i}"\n' for i, t in enumerate(olds)))
    tmpl = template("\n".join(f'msgid "{t}"\nmsgstr ""\n' for t in [*olds, new_text, *news]))
    result = merge(tmpl, old, language=FR)
    entry = active(result.catalog, new_text)
    assert entry.fuzzy
    assert entry.msgstr == "T350"
    assert entry.previous_msgid == olds[350]
    assert active(result.catalog, olds[350]).msgstr == "T350"
    assert result.exact == 700


def test_an_up_to_date_catalog_is_not_parsed_again_until_something_changes(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _project(make_project, '#: a.md:1\nmsgid "Hello"\nmsgstr ""\n')
    project = find_project(explicit=root)
    update_project(project, now=NOW)  # creates
    assert [c.result is not None for c in update_project(project).catalogs] == [True, True]
    parsed: list[str] = []
    real_parse = po.parse_po

    def counting_parse(data: bytes, *, path: str = "<string>", keep_source: bool = True
                       ) -> Catalog:
        parsed.append(Path(path).name)
        return real_parse(data, path=path, keep_source=keep_source)

    monkeypatch.setattr(po, "parse_po", counting_parse)
    third = update_project(project)
    assert [(c.status, c.result) for c in third.catalogs] == [("unchanged", None)] * 2
    assert parsed == []
    # A translator's edit (or any other byte) makes update look again.
    fr = root / "locale/fr/LC_MESSAGES/demo.po"
    fr.write_bytes(fr.read_bytes().replace(b'msgid "Hello"\nmsgstr ""',
                                           b'msgid "Hello"\nmsgstr "Bonjour"'))
    fourth = update_project(project)
    assert [c.status for c in fourth.catalogs] == ["unchanged", "unchanged"]
    assert sorted(parsed) == ["demo.po", "demo.pot"]
    assert b'msgstr "Bonjour"' in fr.read_bytes()
    # A damaged record is ignored, never trusted.
    (root / workspace.STATE_DIR / workspace.STATE_NAME).write_text("{not json")
    parsed.clear()
    update_project(project)
    assert sorted(parsed) == ["demo.po", "demo.po", "demo.pot"]
