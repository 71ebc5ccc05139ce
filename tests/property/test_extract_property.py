"""Hypothesis: any text extracts to segments or a located SourceError, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_i18n.errors import SourceError
from summit_i18n.extract.markdown import parse_document

# Markdown-ish lines, so the parser meets every block kind and the front-matter fences.
LINES = st.sampled_from([
    "---", "...", "# Heading", "Setext", "===", "- item", "  - nested", "1. one", "> quote",
    "| a | b |", "|---|---|", "```", "    code", "<div>", "</div>", "<!-- i18n: note -->",
    "<!-- i18n: skip -->", "title: T", "summary: [x", "date: 2024-02-30", "slug: s", "",
    "text with **bold** and `code`", "trailing  ", "back\\", "\t", "日本語", "\r", "\u2028",
])
TEXT = st.lists(st.one_of(LINES, st.text(max_size=12)), max_size=25).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_parse_document_gives_segments_or_a_source_error(text: str) -> None:
    n_lines = text.count("\n") + text.count("\r") + 1
    error: SourceError | None = None
    try:
        doc = parse_document(text, path="source/x.md")
    except SourceError as exc:
        error = exc
    if error is not None:
        assert error.path == "source/x.md"
        assert error.line is not None
        assert 1 <= error.line <= n_lines + 1
        return
    for seg in doc.segments:
        assert seg.msgid
        assert seg.msgid == seg.msgid.strip()
        assert 1 <= seg.line <= n_lines
        if seg.token_index is not None:
            assert doc.tokens[seg.token_index].type == "inline"
        else:
            assert seg.kind == "front_matter"
