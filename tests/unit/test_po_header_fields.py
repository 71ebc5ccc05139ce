"""A header field a command changes is the only header line the writer rewrites."""

from __future__ import annotations

from summit_i18n.catalog import set_header_field
from summit_i18n.po import format_po, parse_po

WEBLATE_HEADER = """\
# French translation of the summit-announcement messages.
#
msgid ""
msgstr ""
"Project-Id-Version: summit\\n"
"POT-Creation-Date: 2026-11-01 10:00+0000\\n"
"PO-Revision-Date: 2026-11-20 09:00+0000\\n"
"Last-Translator: Camille <c@example.org>\\n"
"Language-Team: French <https://weblate.example.org/projects/summit-i18n/summit-announcement/fr/>\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=n > 1;\\n"
"X-Generator: Weblate 5.14.3\\n"

msgid "Hello"
msgstr "Bonjour"
"""


def _changed(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
            if a != b]


def test_only_the_changed_fields_lines_change() -> None:
    catalog = parse_po(WEBLATE_HEADER.encode())
    assert catalog.header is not None
    text = set_header_field(catalog.header.msgstr, "POT-Creation-Date", "2026-12-01 10:00+0000")
    catalog.header.msgstr = set_header_field(text, "Last-Translator", "Ada <ada@example.org>")
    after = format_po(catalog).decode()
    # the 90-column Language-Team line (Weblate's "only wrap at newlines") is kept
    assert _changed(WEBLATE_HEADER, after) == [
        ('"POT-Creation-Date: 2026-11-01 10:00+0000\\n"',
         '"POT-Creation-Date: 2026-12-01 10:00+0000\\n"'),
        ('"Last-Translator: Camille <c@example.org>\\n"',
         '"Last-Translator: Ada <ada@example.org>\\n"'),
    ]


def test_a_new_or_long_field_is_written_as_gnu_writes_it() -> None:
    catalog = parse_po(WEBLATE_HEADER.encode())
    assert catalog.header is not None
    catalog.header.msgstr = set_header_field(
        catalog.header.msgstr, "Report-Msgid-Bugs-To",
        "https://github.com/example/summit-i18n/issues/new?labels=translation,french")
    lines = format_po(catalog).decode().splitlines()
    at = lines.index('"Project-Id-Version: summit\\n"') + 1
    assert lines[at:at + 2] == ['"Report-Msgid-Bugs-To: https://github.com/example/summit-i18n/'
                                'issues/new?"', '"labels=translation,french\\n"']
    assert lines[at + 2] == '"POT-Creation-Date: 2026-11-01 10:00+0000\\n"'
    assert len(lines) == len(WEBLATE_HEADER.splitlines()) + 2


def test_a_change_outside_the_msgstr_formats_the_whole_header() -> None:
    catalog = parse_po(WEBLATE_HEADER.encode())
    assert catalog.header is not None
    catalog.header.translator_comments = ("Another comment.",)
    catalog.header.msgstr = set_header_field(catalog.header.msgstr, "Language", "fr_FR")
    after = format_po(catalog).decode()
    assert after.startswith('# Another comment.\nmsgid ""\nmsgstr ""\n')
    assert '"Language: fr_FR\\n"' in after
    assert parse_po(after.encode()).header.msgstr == catalog.header.msgstr  # type: ignore[union-attr]


def test_set_header_field_inserts_where_msgmerge_would() -> None:
    text = "Project-Id-Version: x\nLanguage: fr\nPlural-Forms: nplurals=2; plural=n > 1;\n"
    assert set_header_field(text, "Last-Translator", "Ada") == (
        "Project-Id-Version: x\nLast-Translator: Ada\nLanguage: fr\n"
        "Plural-Forms: nplurals=2; plural=n > 1;\n")
    assert set_header_field(text, "X-Custom", "1").endswith("plural=n > 1;\nX-Custom: 1\n")
    assert set_header_field(text, "language", "ja") == text.replace(
        "Language: fr", "language: ja")
