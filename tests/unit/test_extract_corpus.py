"""Every corpus Markdown file extracts: no code or HTML in msgids, front matter by key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from summit_i18n.config import find_project
from summit_i18n.extract import extract_project
from summit_i18n.extract.markdown import TRANSLATABLE_KEYS, make_parser, parse_document
from summit_i18n.po import read_po

TEXT_BLOCKS = {"paragraph_open", "heading_open", "th_open", "td_open"}
SKIPPED_BLOCKS = {"fence", "code_block", "html_block"}


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "md").glob("*.md"))
    assert files, f"no Markdown files in {corpus / 'md'}"
    return files


def test_every_corpus_file_extracts(corpus_dir: Path) -> None:
    for file in corpus_files(corpus_dir):
        doc = parse_document(file.read_text(encoding="utf-8"), path=file.name)
        assert doc.segments, file.name
        body_text = file.read_text(encoding="utf-8").splitlines()[doc.body_line_offset:]
        # markdown-it's own view of the body, independent of our walk
        reference = make_parser().parse("\n".join(body_text) + "\n")
        expected = []
        for i, token in enumerate(reference):
            if (token.type == "inline" and reference[i - 1].type in TEXT_BLOCKS
                    and token.content.strip()):
                expected.append(token.map)
        got = [doc.tokens[s.token_index].map for s in doc.segments if s.token_index is not None]
        assert got == expected, f"{file.name}: a text block is missing or extra"


def test_no_code_or_html_block_content_in_msgids(corpus_dir: Path) -> None:
    checked = 0
    for file in corpus_files(corpus_dir):
        doc = parse_document(file.read_text(encoding="utf-8"), path=file.name)
        text = "\n".join(s.msgid for s in doc.segments)
        for token in doc.tokens:
            if token.type not in SKIPPED_BLOCKS:
                continue
            for line in token.content.splitlines():
                # long enough not to be a word that prose also uses
                if len(line.strip()) >= 25:
                    checked += 1
                    assert line.strip() not in text, f"{file.name}: {token.type} in a msgid"
    assert checked > 50  # the corpus does have code and HTML blocks


def test_front_matter_only_by_key(corpus_dir: Path) -> None:
    with_front_matter = 0
    for file in corpus_files(corpus_dir):
        doc = parse_document(file.read_text(encoding="utf-8"), path=file.name)
        with_front_matter += bool(doc.front_matter)
        keys = {s.front_matter_key for s in doc.segments if s.kind == "front_matter"}
        assert keys == {k for k in TRANSLATABLE_KEYS if doc.front_matter.get(k)}
        # values of other keys (source lists, hide: navigation) are not messages
        others = {str(v) for k, vs in doc.front_matter.items() if k not in TRANSLATABLE_KEYS
                  for v in (vs if isinstance(vs, list) else [vs])}
        assert not others & {s.msgid for s in doc.segments}
    assert with_front_matter >= 2


def test_corpus_as_a_project_gives_valid_templates(
    corpus_dir: Path, make_project: Callable[..., Path], msgfmt_check: Callable[[Path], None]
) -> None:
    root = make_project({})
    (root / "source").symlink_to(corpus_dir / "md", target_is_directory=True)
    report = extract_project(find_project(explicit=root),
                             now=datetime(2024, 1, 1, tzinfo=UTC))
    # one template per document, plus site.pot from the built-in page templates
    assert len(report.domains) == len(corpus_files(corpus_dir)) + 1
    assert [r.domain for r in report.domains].count("site") == 1
    for row in report.domains:
        assert row.status == "written"
        msgfmt_check(root / row.pot)
        catalog = read_po(root / row.pot)
        assert len(catalog) == row.messages > 0
        # site.pot: the page templates' strings, and the site name from the configuration
        where = ("templates/", "summit-i18n.toml") if row.domain == "site" else (
            f"source/{row.domain}.md:",)
        assert all(ref.startswith(where) for e in catalog for ref in e.references)


def test_extraction_without_inline_parsing_gives_the_same_segments(corpus_dir: Path) -> None:
    for file in corpus_files(corpus_dir):
        text = file.read_text(encoding="utf-8")
        full = parse_document(text, path=file.name)
        fast = parse_document(text, path=file.name, inline=False)
        assert fast.segments == full.segments
        assert all(not fast.tokens[s.token_index].children for s in fast.segments
                   if s.token_index is not None)
        assert all(full.tokens[s.token_index].children for s in full.segments
                   if s.token_index is not None)
