"""The real-world corpus: byte-identical round trip, GNU formatting, msgfmt statistics.

Conformance: every entry of the twelve files formatted afresh (its ``raw`` text
ignored) is what ``msgcat F`` prints, line for line.  msgcat moves obsolete entries
after the active ones (all twelve files already have them there; the test orders
them so anyway) and prints flags in its own order: one entry of ja_sphinx.po says
``python-brace-format, python-format`` and comes out of msgcat, and of our
formatter, as ``python-format, python-brace-format``.  None of the files has
duplicate references, unknown flags or ``fuzzy`` on an untranslated message, the
other cases where GNU normalises what it reads.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from summit_i18n import po
from summit_i18n.catalog import Catalog
from summit_i18n.po import format_entry, format_po, parse_po

CORPUS_FILES = sorted(
    (Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "po").glob("*.po")
)


def test_corpus_is_there(corpus_dir: Path) -> None:
    # corpus_dir skips, with the reason, in a clone without ../shared
    assert sorted((corpus_dir / "po").glob("*.po")) == CORPUS_FILES
    assert len(CORPUS_FILES) == 12


# without ../shared, one "corpus-absent" case skips with the reason (corpus_dir says it)
@pytest.fixture(params=CORPUS_FILES or [Path("corpus-absent")], ids=lambda p: p.name)
def corpus_file(request: pytest.FixtureRequest, corpus_dir: Path) -> Path:
    path: Path = request.param
    assert path.parent == corpus_dir / "po"
    return path


def test_round_trip_is_byte_identical(corpus_file: Path) -> None:
    data = corpus_file.read_bytes()
    catalog = parse_po(data, path=str(corpus_file))
    assert catalog.header is not None
    newline, charset = catalog.newline, catalog.charset
    assert all(po.raw_still_holds(e, newline=newline, charset=charset) for e in catalog.entries)
    assert format_po(catalog) == data


def _fresh(catalog: Catalog) -> Catalog:
    """The catalog with every entry formatted anew, in msgcat's order (obsolete last)."""
    for entry in [catalog.header, *catalog.entries]:
        assert entry is not None
        entry.raw = None
        entry.leading = None
    catalog.prologue = catalog.epilogue = ""
    catalog.entries = catalog.active_entries() + catalog.obsolete_entries()
    return catalog


def test_fresh_formatting_equals_msgcat(corpus_file: Path) -> None:
    catalog = _fresh(parse_po(corpus_file.read_bytes(), path=str(corpus_file)))
    expected = subprocess.run(
        ["msgcat", str(corpus_file)], capture_output=True, check=True
    ).stdout
    assert format_po(catalog).decode().splitlines() == expected.decode().splitlines()


_STATS_RE = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def test_statistics_equal_msgfmt(corpus_file: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(corpus_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for count, kind in _STATS_RE.findall(result.stderr):
        expected[kind] = int(count)
    catalog = parse_po(corpus_file.read_bytes(), path=str(corpus_file))
    assert {
        "translated": len(catalog.translated_entries()),
        "fuzzy": len(catalog.fuzzy_entries()),
        "untranslated": len(catalog.untranslated_entries()),
    } == expected


def test_line_numbers_point_at_keywords(corpus_file: Path) -> None:
    lines = corpus_file.read_text(encoding="utf-8").split("\n")
    catalog = parse_po(corpus_file.read_bytes(), path=str(corpus_file))
    for entry in catalog.entries:
        prefix = "#~ " if entry.obsolete else ""
        assert lines[entry.lineno - 1].startswith(prefix + "msgid ")
        assert lines[entry.msgstr_lineno - 1].startswith(prefix + "msgstr")


def test_line_breaking_without_libunistring_is_close_to_gnu(
    monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    entries = [
        e for f in CORPUS_FILES for e in parse_po(f.read_bytes(), path=str(f)).entries
    ]
    gnu = [format_entry(e) for e in entries]
    monkeypatch.setattr(po.wrap, "_unistring_breaks", None)
    fallback = [format_entry(e) for e in entries]
    same = sum(a == b for a, b in zip(gnu, fallback, strict=True))
    assert same / len(entries) >= 0.995, f"{len(entries) - same} of {len(entries)} differ"


def test_read_only_parse_means_the_same_and_cannot_be_written(corpus_file: Path) -> None:
    """keep_source=False (compile, check, status, build) drops only the source text."""
    data = corpus_file.read_bytes()
    full = parse_po(data, path=str(corpus_file))
    lean = parse_po(data, path=str(corpus_file), keep_source=False)
    assert [e.fingerprint() for e in lean.entries] == [e.fingerprint() for e in full.entries]
    assert [(e.lineno, e.msgstr_lineno) for e in lean.entries] == [
        (e.lineno, e.msgstr_lineno) for e in full.entries]
    assert lean.header is not None
    assert full.header is not None
    assert lean.header.fingerprint() == full.header.fingerprint()
    assert (lean.charset, lean.newline, lean.header_position) == (
        full.charset, full.newline, full.header_position)
    assert all(e.raw is None for e in lean.entries)
    with pytest.raises(ValueError, match="keep_source=False"):
        format_po(lean)
    assert format_po(full) == data
