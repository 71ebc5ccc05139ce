"""Round trips of generated catalogs through summit_i18n.po (Hypothesis)."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summit_i18n import po
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.po import format_po, parse_po

ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(list('\n\t"\\\r\a\x01éà€…«»日本語中文한국어「」（）ｶﾀ🙂\u00a0')),
)
TEXT = st.text(ALPHABET, max_size=120)
WORDS = ["word", "a", "the", "%s", "%(name)s", "{x}", "-", "/", "日本語", "한국어 ", "\n"]
WORDY = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
VALUE = st.one_of(TEXT, WORDY)
COMMENT_CHARS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E), st.sampled_from(list("éà日本"))
)
# GNU reads a trailing backslash as a line continuation, even in a comment
COMMENT = st.text(COMMENT_CHARS, max_size=90).map(lambda s: s.rstrip("\\"))
REFERENCE = st.builds(
    "{}/{}.md:{}".format,
    st.sampled_from(["docs", "source", "a/very/long/directory/name", "x"]),
    st.text("abcdefghij_-", min_size=1, max_size=20),
    st.integers(1, 9999),
)
FLAG_NAMES = ["fuzzy", "c-format", "python-format", "no-python-format", "python-brace-format"]
FLAGS = st.lists(
    st.sampled_from(FLAG_NAMES),
    unique=True,
    max_size=3,
).map(lambda flags: po.write._gnu_flags(flags)[0])


@st.composite
def entries(draw: st.DrawFn, *, msgfmt_safe: bool = False) -> Entry:
    value = VALUE.filter(lambda v: "\r" not in v and "\x01" not in v) if msgfmt_safe else VALUE
    msgid = draw(value.filter(bool))
    entry = Entry(
        msgid=msgid,
        msgctxt=draw(st.none() | value),
        translator_comments=draw(st.lists(COMMENT, max_size=3)),
        extracted_comments=draw(st.lists(COMMENT, max_size=2)),
        references=draw(st.lists(REFERENCE, max_size=12, unique=True)),  # GNU merges duplicates
        flags=draw(st.sampled_from([[], ["fuzzy"]]) if msgfmt_safe else FLAGS),
        obsolete=draw(st.booleans()) if not msgfmt_safe else False,
    )
    if draw(st.booleans()):
        entry.previous_msgid = draw(value)
        entry.previous_msgctxt = draw(st.none() | value)
    if draw(st.integers(0, 4)) == 0:
        entry.msgid_plural = draw(value)
        entry.msgstr_plural = {0: draw(value), 1: draw(value)}
        if entry.previous_msgid is not None:
            entry.previous_msgid_plural = draw(st.none() | value)
    else:
        entry.msgstr = draw(value)
    if msgfmt_safe:
        # msgfmt --check: a translation starts and ends with "\n" when the msgid does
        def like_msgid(text: str) -> str:
            text = text.strip("\n")
            if text and msgid.startswith("\n"):
                text = "\n" + text
            if text and msgid.endswith("\n"):
                text += "\n"
            return text

        entry.msgstr = like_msgid(entry.msgstr)
        entry.msgstr_plural = {n: like_msgid(v) for n, v in entry.msgstr_plural.items()}
        if entry.msgid_plural is not None:
            entry.msgid_plural = like_msgid(entry.msgid_plural) or like_msgid("plural")
        if entry.msgid_plural is not None and not all(entry.msgstr_plural.values()):
            entry.msgstr_plural = {0: "", 1: ""}
    if not entry.translations()[0]:
        entry.fuzzy = False  # GNU does not print "fuzzy" on an untranslated message
    return entry


def unique(items: list[Entry]) -> list[Entry]:
    # msgfmt refuses a message defined twice, even when one definition is obsolete
    seen: set[tuple[str | None, str]] = set()
    out = []
    for entry in items:
        key = (entry.msgctxt, entry.msgid)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def header() -> Entry:
    return Entry(
        msgid="",
        msgstr=(
            "Project-Id-Version: demo\nPO-Revision-Date: 2026-01-01 00:00+0000\n"
            "Last-Translator: A <a@example.org>\nLanguage-Team: French\nLanguage: fr\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=2; plural=(n > 1);\n"
        ),
    )


CATALOGS = st.lists(entries(), max_size=12).map(
    lambda items: Catalog(entries=unique(items), header=header())
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(CATALOGS, st.sampled_from([79, 40, 120]))
def test_format_then_parse_gives_the_same_messages(catalog: Catalog, width: int) -> None:
    data = format_po(catalog, width=width)
    back = parse_po(data, path="generated.po")
    assert [e.fingerprint() for e in back.entries] == [e.fingerprint() for e in catalog.entries]
    assert back.header is not None
    assert catalog.header is not None
    assert back.header.fingerprint() == catalog.header.fingerprint()
    assert format_po(back, width=width) == data
    for entry in back.entries:
        entry.raw = None  # formatting afresh gives the same text again
    assert format_po(back, width=width) == data


def _quote(text: str, cuts: list[int]) -> list[str]:
    """A string as quoted pieces split at arbitrary points (any tool's wrapping)."""
    escaped = [po.wrap._escape(c) for c in text]
    points = sorted({c % (len(escaped) + 1) for c in cuts} | {0, len(escaped)})
    return ['"' + "".join(escaped[a:b]) + '"' for a, b in itertools.pairwise(points)] or ['""']


@st.composite
def foreign_files(draw: st.DrawFn) -> tuple[bytes, list[tuple[object, ...]]]:
    """A catalog as some other tool might write it: odd wrapping, spacing, newlines."""
    items = unique(draw(st.lists(entries(), max_size=8)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    cuts = st.lists(st.integers(0, 200), max_size=4)
    blocks = ['msgid ""\nmsgstr ""\n' + "\n".join(_quote(header().msgstr, [30, 90, 160]))]
    for entry in items:
        lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
        lines += [f"#. {c}" for c in entry.extracted_comments]
        if entry.references:
            spaces = [" " * draw(st.integers(1, 3)) for _ in entry.references]
            pairs = zip(spaces, entry.references, strict=True)
            lines.append("#:" + "".join(space + ref for space, ref in pairs))
        if entry.flags:
            lines.append("#," + ",".join(" " + f for f in entry.flags))
        obsolete = "#~ " if entry.obsolete else ""
        previous = "#~| " if entry.obsolete else "#| "
        fields: list[tuple[str, str, str | None]] = [
            (previous, "msgctxt", entry.previous_msgctxt),
            (previous, "msgid", entry.previous_msgid),
            (previous, "msgid_plural", entry.previous_msgid_plural),
            (obsolete, "msgctxt", entry.msgctxt),
            (obsolete, "msgid", entry.msgid),
            (obsolete, "msgid_plural", entry.msgid_plural),
        ]
        if entry.msgid_plural is None:
            fields.append((obsolete, "msgstr", entry.msgstr))
        else:
            fields += [(obsolete, f"msgstr[{n}]", v) for n, v in entry.msgstr_plural.items()]
        for prefix, keyword, value in fields:
            if value is None:
                continue
            pieces = _quote(value, draw(cuts))
            lines.append(f"{prefix}{keyword} {pieces[0]}")
            lines += [prefix + piece for piece in pieces[1:]]
        blocks.append("\n".join(lines))
    separators = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n"])) for _ in blocks]
    text = "".join(block + sep for block, sep in zip(blocks, separators, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\n ")
    fingerprints = [e.fingerprint() for e in items]
    return text.replace("\n", newline).encode("utf-8"), fingerprints


@SETTINGS
@given(foreign_files())
def test_parse_then_format_gives_back_the_same_bytes(
    case: tuple[bytes, list[tuple[object, ...]]],
) -> None:
    data, fingerprints = case
    catalog = parse_po(data, path="foreign.po")
    assert [e.fingerprint() for e in catalog.entries] == fingerprints
    assert format_po(catalog) == data


MSGFMT_CATALOGS = st.lists(entries(msgfmt_safe=True), max_size=10).map(
    lambda items: Catalog(entries=unique(items), header=header())
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(catalog=MSGFMT_CATALOGS)
def test_msgfmt_accepts_what_we_write(
    catalog: Catalog, tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    path = tmp_path / "generated.po"
    path.write_bytes(format_po(catalog))
    msgfmt_check(path)
    if catalog.entries:  # (msgcat prints nothing for a header alone)
        gnu = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert gnu == path.read_bytes()  # and it is exactly GNU's own formatting
