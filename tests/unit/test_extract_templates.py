"""Jinja2 template strings through Babel's extractor (summit_i18n.extract.templates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from summit_i18n.errors import SourceError
from summit_i18n.extract.templates import (
    ENVIRONMENT_OPTIONS,
    TemplateMessage,
    extract_template,
    find_templates,
)

REL = "templates/page.html"


def extract(tmp_path: Path, text: str | bytes) -> list[TemplateMessage]:
    file = tmp_path / "page.html"
    if isinstance(text, str):
        file.write_text(text, encoding="utf-8")
    else:
        file.write_bytes(text)
    return extract_template(file, path=REL)


def test_gettext_calls_and_trans_blocks(tmp_path: Path) -> None:
    messages = extract(tmp_path, """\
<h1>{{ _("Summit announcement") }}</h1>
<p>{{ gettext("Read in English") }}</p>
<nav>{{ pgettext("menu", "Share") }}</nav>
<p>{{ ngettext("%(num)d speaker", "%(num)d speakers", n) }}</p>
{% trans %}Translate »{% endtrans %}
{% trans count=n %}One language{% pluralize %}{{ count }} languages{% endtrans %}
{% trans user=name %}Hello {{ user }}, 100% sure{% endtrans %}
{{ title }} {{ not_a_keyword("ignored") }}
""")
    assert messages == [
        TemplateMessage("Summit announcement", 1),
        TemplateMessage("Read in English", 2),
        TemplateMessage("Share", 3, msgctxt="menu"),
        TemplateMessage("%(num)d speaker", 4, msgid_plural="%(num)d speakers",
                        flags=("python-format",)),
        TemplateMessage("Translate »", 5),
        TemplateMessage("One language", 6, msgid_plural="%(count)s languages",
                        flags=("python-format",)),
        TemplateMessage("Hello %(user)s, 100%% sure", 7, flags=("python-format",)),
    ]


def test_translator_comments_become_notes(tmp_path: Path) -> None:
    messages = extract(tmp_path, """\
{# i18n: Label of the language menu. #}
<span>{{ _("Translate") }}</span>
{# Translators: heading of the share links #}
<h2>{% trans %}Share This{% endtrans %}</h2>
{# an ordinary comment #}
<p>{{ _("Plain") }}</p>
""")
    assert [(m.msgid, m.notes) for m in messages] == [
        ("Translate", ("Label of the language menu.",)),
        ("Share This", ("heading of the share links",)),
        ("Plain", ()),
    ]


def test_broken_template_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        extract(tmp_path, '<p>{{ _("ok") }}</p>\n{% if x %}\n<p>{{ _("a") }}</p>\n')
    assert str(info.value).startswith(
        "templates/page.html:3: error: Unexpected end of template. Jinja was looking for "
        "the following tags: 'elif' or 'else' or 'endif'."
    )
    assert info.value.exit_code == 3


def test_unknown_tag_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^templates/page\.html:2: error: .*'frobnicate'"):
        extract(tmp_path, "<p>ok</p>\n{% frobnicate %}\n")


def test_empty_msgid_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r'^templates/page\.html:2: error: _\(""\) has an '
                       "empty msgid"):
        extract(tmp_path, "<p></p>\n{{ _('') }}\n")


def test_undecodable_template_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        extract(tmp_path, b"<p>ok</p>\n<p>\xe9t\xe9</p>\n")
    assert str(info.value) == (
        "templates/page.html:2: error: not valid UTF-8 (byte 0xe9 at column 4)")


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        extract_template(tmp_path / "gone.html", path="templates/gone.html")
    assert str(info.value) == "templates/gone.html: error: cannot read (No such file or directory)"


def test_find_templates_skips_hidden_and_other_files(tmp_path: Path) -> None:
    for rel in ("base.html", "feeds/atom.xml", "mail.txt", ".hidden.html", ".git/x.html",
                "logo.png", "notes.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_templates(tmp_path)]
    assert found == ["base.html", "feeds/atom.xml", "mail.txt"]
    assert find_templates(tmp_path / "missing") == []


def test_msgids_are_what_the_rendered_template_looks_up(tmp_path: Path) -> None:
    source = """\
<ul>
  {% for n in [1, 2] %}
  <li>
    {% trans count=n %}
      One item,
      indented.
    {% pluralize %}
      {{ count }} items.
    {% endtrans %}
  </li>
  {% endfor %}
</ul>
<p>{% trans %}
Multi-line
block{% endtrans %}</p>
"""
    asked: list[str] = []

    def gettext(message: str) -> str:  # Jinja's newstyle wrapper substitutes variables
        asked.append(message)
        return message

    def ngettext(singular: str, plural: str, n: int) -> str:
        asked.extend((singular, plural))
        return singular if n == 1 else plural

    env = Environment(extensions=["jinja2.ext.i18n"], **ENVIRONMENT_OPTIONS)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.from_string(source).render()
    extracted = set()
    for m in extract(tmp_path, source):
        extracted.add(m.msgid)
        if m.msgid_plural:
            extracted.add(m.msgid_plural)
    assert set(asked) == extracted
    assert any("\n" in msgid for msgid in extracted)  # the options matter for these
