"""Charsets a .po cannot be in, front matter bombs, slugs and file names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.errors import SourceError, UsageError
from summit_i18n.extract import MAX_SLUG_LENGTH, extract_project
from summit_i18n.extract.markdown import parse_document
from summit_i18n.po import charset_problem, parse_po

MakeProject = Callable[..., Path]


def _po(charset: str, body: bytes = b'msgid "a"\nmsgstr "b"\n') -> bytes:
    return (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=' + charset.encode()
            + b'\\n"\n\n' + body)


@pytest.mark.parametrize("charset", ["UTF-16", "utf-16-le", "UTF-16BE", "UTF-32", "utf_32_be",
                                     "UTF-7", "cp037", "unicode_escape", "raw_unicode_escape",
                                     "base64", "hex", "rot13", "punycode", "idna", "utf-8-sig",
                                     "zlib", "hz"])
def test_a_charset_that_is_not_ascii_compatible_is_one_clear_error(charset: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_po(_po(charset), path="x.po")
    message = str(info.value)
    assert message.startswith("x.po:3: error: charset ")
    assert "not ASCII-compatible" in message
    assert charset_problem(charset) is not None


def test_the_same_header_over_utf16_bytes_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^x\.po:"):
        parse_po(_po("UTF-16").decode().encode("utf-16"), path="x.po")


@pytest.mark.parametrize("charset", ["UTF-8", "ISO-8859-1", "Shift_JIS", "EUC-KR", "GB18030",
                                     "Big5", "KOI8-R", "CP1252", "ASCII", "EUC-JP"])
def test_real_catalog_charsets_still_read(charset: str) -> None:
    assert parse_po(_po(charset), path="x.po").charset == charset
    assert charset_problem(charset) is None


def test_update_charset_option_refuses_them_too(make_project: MakeProject) -> None:
    from summit_i18n.update import update_project

    root = make_project({"locale/a.pot": _po("UTF-8").decode()})
    with pytest.raises(UsageError, match="not ASCII-compatible"):
        update_project(find_project(explicit=root), charset="UTF-16")


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize(("front_matter", "message"), [
    (_laughs() + "\ntitle: *a8", "aliases expand to more than 10,000 values"),
    (_laughs() + "\nslug: *a8", "aliases expand to more than 10,000 values"),
    ("title: " + "[" * 10_000 + "]" * 10_000, "nested more than 20 levels deep"),
    ("\n".join(" " * i + f"k{i}:" for i in range(2_000)) + " x", "nested more than 20"),
    ("a: &a [*a]", "refers to itself through an alias"),
    ("a: &a {b: *a}", "refers to itself through an alias"),
])
def test_front_matter_bombs(front_matter: str, message: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_document(f"---\n{front_matter}\n---\n\n# T\n", path="source/a.md")
    assert message in str(info.value)
    assert str(info.value).startswith("source/a.md:")
    assert len(str(info.value)) < 200


def test_front_matter_nesting_within_bounds_is_fine() -> None:
    doc = parse_document("---\ntitle: T\nextra: " + "[" * 10 + "]" * 10 + "\n---\n# T\n",
                         path="a.md")
    assert doc.front_matter["title"] == "T"


@pytest.mark.parametrize(("files", "expected"), [
    ({"source/a.md": "---\nslug: " + "x" * 300 + "\n---\n"},
     f"at most {MAX_SLUG_LENGTH}"),
    ({"source/" + "y" * 200 + ".md": "# Long\n"}, "the file name gives the slug"),
    ({"source/<b>bold</b>.md": "# Markup\n"}, "must be letters, digits"),
    ({"source/a b.md": "# Space\n"}, "must be letters, digits"),
    ({"source/site.md": "# Collides with the site domain\n"}, "reserved"),
    ({"source/SITE.md": "# Collides with the site domain\n"}, "reserved"),
    ({"source/a.md": "---\nslug: 'abc\\n'\n---\n"}, "must be letters, digits"),
    ({"source/About.md": "# A\n", "source/about.md": "# B\n"}, "is also the domain of"),
    ({"source/a.md": "---\nslug: [" + "'x', " * 5000 + "]\n---\n"}, "must be letters"),
])
def test_slugs_are_validated_from_front_matter_and_file_names(
        make_project: MakeProject, files: dict[str, str], expected: str) -> None:
    root = make_project(files)
    with pytest.raises(SourceError) as info:
        extract_project(find_project(explicit=root))
    assert expected in str(info.value)
    where = info.value.path  # (a long file name is the location: shown whole, once)
    assert len(str(info.value)) - len(where) < 300
    assert "\n" not in str(info.value)
    assert not (root / "locale").exists()


@pytest.mark.parametrize("name", ['a\nmsgid "evil".md', "a\rb.md", "a\x1b[2Jb.md", "a\u202eb.md",
                                  "sub\ndir/a.md"])
def test_a_file_name_with_a_line_break_or_control_is_one_line_error(
        make_project: MakeProject, name: str) -> None:
    root = make_project({f"source/{name}": "---\nslug: fine\n---\n# Hello\n"})
    with pytest.raises(SourceError) as info:
        extract_project(find_project(explicit=root))
    message = str(info.value)
    assert "\n" not in message
    assert "\r" not in message
    assert "\x1b" not in message
    assert "the file name holds a line break" in message
    assert not (root / "locale").exists()
