"""Markdown + front matter → segments (summit_i18n.extract.markdown)."""

from __future__ import annotations

import textwrap

import pytest

from summit_i18n.errors import SourceError
from summit_i18n.extract.markdown import (
    Segment,
    decode_source,
    make_parser,
    parse_document,
)

PATH = "source/doc.md"


def segments(text: str) -> list[Segment]:
    return list(parse_document(textwrap.dedent(text), path=PATH).segments)


def msgids(text: str) -> list[str]:
    return [s.msgid for s in segments(text)]


def table(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, msgid) rows, to compare against a table."""
    return [(s.line, s.kind, s.msgid) for s in segments(text)]


def test_blocks_in_order_with_kind_and_line() -> None:
    assert table("""\
        # Title

        Setext heading
        --------------

        A paragraph.

        - item one
        - item two

        > quoted
    """) == [
        (1, "heading", "Title"),
        (3, "heading", "Setext heading"),
        (6, "paragraph", "A paragraph."),
        (8, "list_item", "item one"),
        (9, "list_item", "item two"),
        (11, "blockquote", "quoted"),
    ]


def test_soft_breaks_join_with_one_space_and_indentation_is_dropped() -> None:
    assert msgids("""\
        First line
           second line,\t
        third `code
        span` end.
    """) == ["First line second line, third `code span` end."]


def test_hard_breaks_are_kept_as_written() -> None:
    text = "one  \n  two\\\nthree\nfour\n"
    assert msgids(text) == ["one  \ntwo\\\nthree four"]


def test_escaped_backslash_at_line_end_is_a_soft_break() -> None:
    assert msgids("a \\\\\nb\n") == ["a \\\\ b"]


def test_inline_markup_is_kept_from_the_source() -> None:
    text = ('Some **bold**, _em_, [a link](https://x.org "t"), `a | b`, ![alt *x*](i.png), '
            "<kbd>K</kbd>.\n")
    assert msgids(text) == [text.strip()]


def test_reference_links_stay_and_definitions_are_not_messages() -> None:
    doc = parse_document("See [the docs][ref] and [ref].\n\n[ref]: https://example.org\n",
                         path=PATH)
    assert [s.msgid for s in doc.segments] == ["See [the docs][ref] and [ref]."]
    assert doc.env["references"]["REF"]["href"] == "https://example.org"


def test_nested_lists_and_multi_paragraph_items() -> None:
    assert table("""\
        1. first

           second paragraph of first
           - nested *a*
             - deeper
        2. last
    """) == [
        (1, "list_item", "first"),
        (3, "list_item", "second paragraph of first"),
        (4, "list_item", "nested *a*"),
        (5, "list_item", "deeper"),
        (6, "list_item", "last"),
    ]


def test_table_cells_header_and_body_empty_cells_left_out() -> None:
    assert table("""\
        | Name | Role |
        |------|:----:|
        | Ann  | `x`  |
        |      | Two  |
    """) == [
        (1, "table_cell", "Name"),
        (1, "table_cell", "Role"),
        (3, "table_cell", "Ann"),
        (3, "table_cell", "`x`"),
        (4, "table_cell", "Two"),
    ]


def test_block_quotes_with_inner_blocks() -> None:
    assert table("""\
        > Quote line
        > continued.
        >
        > # Inner heading
        > - inner item
    """) == [
        (1, "blockquote", "Quote line continued."),
        (4, "heading", "Inner heading"),
        (5, "list_item", "inner item"),
    ]


def test_code_and_html_blocks_are_not_extracted() -> None:
    assert msgids("""\
        Before.

        ```python
        print("fenced")
        ```

            indented code

        <div class="x">
        <p>raw html</p>
        </div>

        <!-- a plain comment -->

        After.
    """) == ["Before.", "After."]


def test_empty_headings_and_thematic_breaks_give_nothing() -> None:
    assert msgids("#\n\n---\n\n***\n") == []


def test_token_index_points_at_the_inline_token() -> None:
    doc = parse_document("# T\n\nwrapped\nline\n\n| a |\n|---|\n| b |\n", path=PATH)
    for seg in doc.segments:
        assert seg.token_index is not None
        token = doc.tokens[seg.token_index]
        assert token.type == "inline"
        assert " ".join(token.content.split()) == seg.msgid


def test_make_parser_has_tables_and_raw_html() -> None:
    md = make_parser()
    html = md.render("| a |\n|---|\n| b |\n\n<span>x</span>\n")
    assert "<table>" in html
    assert "<span>x</span>" in html


# -- front matter -------------------------------------------------------------------


FRONT = """\
---
title: The Title
slug: the-slug
date: 2024-05-01
layout: page
summary: >-
  A folded
  summary.
description: ""
subtitle:
  - One
  - 2
  - Two
sources: [a, b]
---

# Heading

Body.
"""


def test_front_matter_translatable_keys_by_key_with_lines() -> None:
    doc = parse_document(FRONT, path=PATH)
    front = [(s.line, s.front_matter_key, s.msgid, s.token_index) for s in doc.segments
             if s.kind == "front_matter"]
    assert front == [
        (2, "title", "The Title", None),
        (6, "summary", "A folded summary.", None),
        (11, "subtitle", "One", None),
        (13, "subtitle", "Two", None),
    ]
    assert doc.front_matter["slug"] == "the-slug"
    assert doc.body_line_offset == 15


def test_body_lines_are_offset_by_the_front_matter() -> None:
    doc = parse_document(FRONT, path=PATH)
    body = [(s.line, s.msgid) for s in doc.segments if s.kind != "front_matter"]
    assert body == [(17, "Heading"), (19, "Body.")]
    heading = doc.tokens[doc.segments[4].token_index or 0]
    assert heading.map is not None
    assert heading.map[0] + 1 + doc.body_line_offset == 17


def test_front_matter_closed_with_dots_and_crlf() -> None:
    doc = parse_document("---\r\ntitle: T\r\n...\r\nText\r\nmore\r\n", path=PATH)
    assert [(s.line, s.msgid) for s in doc.segments] == [(2, "T"), (4, "Text more")]


def test_empty_front_matter() -> None:
    doc = parse_document("---\n---\nText\n", path=PATH)
    assert doc.front_matter == {}
    assert [(s.line, s.msgid) for s in doc.segments] == [(3, "Text")]


NOT_YAML = "front matter is not valid YAML"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: a\nsummary: [unclosed\n---\n",
         f"source/doc.md:3: error: {NOT_YAML} (expected ',' or ']', but got '<stream end>')"),
        ("---\ntitle: ok\n  bad: indent\n---\n",
         f"source/doc.md:3: error: {NOT_YAML} (mapping values are not allowed here)"),
        ("---\na: 1\n\tb: 2\n---\n",
         f"source/doc.md:3: error: {NOT_YAML} (found character '\\t' that cannot start any token)"),
        ("---\ntitle: a\nsummary: \"\x0c\"\n---\n",
         f"source/doc.md:3: error: {NOT_YAML} (control character U+000C is not allowed)"),
        ("---\ntitle: a\n\ndate: 2024-13-45\n---\n",
         f"source/doc.md:4: error: {NOT_YAML} ('2024-13-45' is not a valid date "
         "(month must be in 1..12))"),
        ("---\n- a list\n---\n",
         "source/doc.md:2: error: front matter must be a mapping of keys to values"),
        ("---\ntitle: x\n",
         "source/doc.md:1: error: front matter is not closed (no '---' line after the first)"),
        ("---\ntitle: a\ntitle: b\n---\n",
         "source/doc.md:3: error: front matter has the key 'title' twice"),
    ],
)
def test_bad_front_matter(text: str, message: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_document(text, path=PATH)
    assert str(info.value) == message
    assert info.value.path == PATH


def test_undecodable_bytes_name_the_line() -> None:
    with pytest.raises(SourceError) as info:
        decode_source(b"fine\nstill fine\nbad \xff here\n", path=PATH)
    assert str(info.value) == "source/doc.md:3: error: not valid UTF-8 (byte 0xff at column 5)"


def test_bom_is_dropped() -> None:
    assert decode_source("\ufeff# T\n".encode(), path=PATH) == "# T\n"


# -- notes and skip markers --------------------------------------------------------


def test_note_applies_to_the_next_block_only() -> None:
    segs = segments("""\
        <!-- i18n: A note
             over two lines. -->
        # Heading

        Paragraph.
    """)
    assert [(s.msgid, s.notes) for s in segs] == [
        ("Heading", ("A note over two lines.",)),
        ("Paragraph.", ()),
    ]


def test_several_notes_accumulate() -> None:
    segs = segments("<!-- i18n: one -->\n<!-- i18n: two -->\nText\n")
    assert segs[0].notes == ("one", "two")


def test_skip_leaves_out_the_next_block_only() -> None:
    assert msgids("""\
        <!-- i18n: skip -->
        Skipped.

        Kept.
    """) == ["Kept."]


def test_markers_on_a_container_cover_all_its_segments() -> None:
    segs = segments("""\
        <!-- i18n: skip -->
        - a
        - b

        <!-- i18n: cell note -->
        | x | y |
        |---|---|
        | 1 | 2 |

        after
    """)
    assert [(s.msgid, s.notes) for s in segs] == [
        ("x", ("cell note",)), ("y", ("cell note",)), ("1", ("cell note",)),
        ("2", ("cell note",)), ("after", ()),
    ]


def test_marker_inside_a_list_item_applies_within_the_item() -> None:
    segs = segments("""\
        - first

          <!-- i18n: inner -->
          second

        - third
    """)
    assert [(s.msgid, s.notes) for s in segs] == [
        ("first", ()), ("second", ("inner",)), ("third", ()),
    ]


def test_marker_at_the_end_of_a_container_applies_to_nothing() -> None:
    segs = segments("""\
        > quoted
        >
        > <!-- i18n: dangling -->

        outside
    """)
    assert [(s.msgid, s.notes) for s in segs] == [("quoted", ()), ("outside", ())]


def test_marker_before_a_code_block_is_used_up_by_it() -> None:
    segs = segments("""\
        <!-- i18n: skip -->
        ```
        code
        ```

        Kept.
    """)
    assert [(s.msgid, s.notes) for s in segs] == [("Kept.", ())]


def test_cjk_text_is_kept_and_soft_breaks_still_join() -> None:
    assert msgids("# 世界サミット\n\n臓器の強制摘出に\n反対する。\n") == [
        "世界サミット", "臓器の強制摘出に 反対する。",
    ]


def test_line_numbers_count_only_line_feeds_like_markdown_it() -> None:
    doc = parse_document('---\r\ntitle: "a\u2028b"\r---\n# H\u2028x\n\ntext\n', path=PATH)
    assert [(s.line, s.msgid) for s in doc.segments] == [
        (2, "a\u2028b"), (4, "H\u2028x"), (6, "text")]
    assert doc.body_line_offset == 3
