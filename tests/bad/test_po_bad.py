"""Malformed catalogs are refused as msgfmt refuses them: one ``path:line: error:`` line.

Compared with msgfmt 0.21 on the same files: the same verdict and the same line,
with the wording of msgfmt where it has one, except that (a) an unterminated string
is reported on its own line (msgfmt names the next one), (b) a duplicate names the
first definition's msgid line (msgfmt names its msgstr line), (c) a BOM, a .mo file
and bytes that are not text get a message saying what they are (msgfmt says
"syntax error"), (d) a NUL byte is refused (msgfmt accepts it and cuts the
string there), and (e) an unknown charset is refused as msgcat and msgmerge refuse
it (msgfmt only warns): its text could be neither read nor written back.  As in
msgfmt, bytes that do not decode are refused in strings but kept in comments.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from summit_i18n.errors import SourceError
from summit_i18n.po import read_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# name -> (file bytes, expected line, expected message); msgfmt 0.21 rejects each one
CASES: dict[str, tuple[bytes, int | None, str]] = {
    "unterminated_string": (
        (HEADER + 'msgid "abc\nmsgstr "x"\n').encode(),
        5,
        "end-of-line within string (missing closing quote)",
    ),
    "unterminated_continuation": (
        (HEADER + 'msgid ""\n"abc\nmsgstr "x"\n').encode(),
        6,
        "end-of-line within string (missing closing quote)",
    ),
    "invalid_escape": (
        (HEADER + 'msgid "a\\qb"\nmsgstr "x"\n').encode(),
        5,
        "invalid control sequence \\q",
    ),
    "duplicate_msgid": (
        (HEADER + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n').encode(),
        8,
        "duplicate message definition (first defined at line 5)",
    ),
    "duplicate_in_context": (
        (HEADER + 'msgctxt "c"\nmsgid "a"\nmsgstr "x"\n\n').encode()
        + b'msgctxt "c"\nmsgid "a"\nmsgstr "y"\n',
        10,
        "duplicate message definition (first defined at line 6)",
    ),
    "missing_msgstr": (
        (HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "y"\n').encode(),
        5,
        "missing 'msgstr' section",
    ),
    "missing_msgstr_at_end": ((HEADER + 'msgid "a"\n').encode(), 5, "missing 'msgstr' section"),
    "plural_index_gap": (
        (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n').encode(),
        8,
        "plural form has wrong index",
    ),
    "plural_starting_at_one": (
        (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n').encode(),
        7,
        "first plural form has nonzero index",
    ),
    "msgstr_index_without_msgid_plural": (
        (HEADER + 'msgid "a"\nmsgstr[0] "x"\n').encode(),
        5,
        "missing 'msgid_plural' section",
    ),
    "plain_msgstr_with_msgid_plural": (
        (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n').encode(),
        7,
        "missing 'msgstr[]' section (the message has a msgid_plural)",
    ),
    "msgstr_before_msgid": (
        (HEADER + 'msgstr "x"\nmsgid "a"\n').encode(),
        5,
        "syntax error: 'msgstr' without a 'msgid' before it",
    ),
    "msgctxt_after_msgid": (
        (HEADER + 'msgid "a"\nmsgctxt "c"\nmsgstr "x"\n').encode(),
        5,
        "missing 'msgstr' section",
    ),
    "unknown_keyword": (
        (HEADER + 'msgid "a"\nmsgtr "x"\n').encode(),
        6,
        'keyword "msgtr" unknown',
    ),
    "inconsistent_obsolete": (
        (HEADER + '#~ msgid "a"\nmsgstr "x"\n').encode(),
        6,
        "inconsistent use of #~",
    ),
    "keyword_without_string": (
        (HEADER + 'msgid\nmsgstr "b"\n').encode(),
        5,
        "syntax error: a keyword must be followed by a string",
    ),
    "msgctxt_at_end_of_file": (
        (HEADER + 'msgid "a"\nmsgstr "b"\n\n# c\nmsgctxt "x"\n').encode(),
        8,
        "missing 'msgid' and 'msgstr' sections after 'msgctxt'",
    ),
    "comment_after_previous": (
        (HEADER + '#| msgid "p"\n#. extracted\nmsgid "c"\nmsgstr "d"\n').encode(),
        6,
        "syntax error: comment line after '#|' lines",
    ),
    "invalid_utf8_in_obsolete_string": (
        HEADER.encode() + b'# a comment may hold \xff\n#~ msgid "x\xff"\n#~ msgstr "y"\n',
        6,
        "invalid multibyte sequence: byte 0xff is not valid UTF-8",
    ),
    "byte_order_mark": (
        b"\xef\xbb\xbf" + (HEADER + 'msgid "a"\nmsgstr "x"\n').encode(),
        1,
        "file starts with a UTF-8 byte order mark (BOM), which msgfmt and msgmerge reject; "
        "save the file as UTF-8 without BOM",
    ),
    "invalid_utf8": (
        HEADER.encode() + b'msgid "a"\nmsgstr "x\xff"\n',
        6,
        "invalid multibyte sequence: byte 0xff is not valid UTF-8",
    ),
    "invalid_shift_jis": (
        HEADER.replace("UTF-8", "Shift_JIS").encode() + b'msgid "a"\nmsgstr "x\x82"\n',
        6,
        "invalid multibyte sequence: byte 0x82 is not valid Shift_JIS",
    ),
    "mo_file": (
        b"\xde\x12\x04\x95" + bytes(24) + b"compiled catalog",
        None,
        "this is a compiled .mo file, not a .po catalog",
    ),
    "mo_file_big_endian": (
        b"\x95\x04\x12\xde" + bytes(24),
        None,
        "this is a compiled .mo file, not a .po catalog",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_catalog_is_refused_like_msgfmt(tmp_path: Path, name: str) -> None:
    data, line, message = CASES[name]
    path = tmp_path / f"{name}.po"
    path.write_bytes(data)
    msgfmt = subprocess.run(
        ["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    assert msgfmt.returncode != 0, f"msgfmt accepts {name}: the case is not malformed"
    with pytest.raises(SourceError) as info:
        read_po(path)
    where = f"{path}:{line}" if line else str(path)
    assert str(info.value) == f"{where}: error: {message}"
    assert info.value.exit_code == 3
    assert (info.value.path, info.value.line) == (str(path), line)
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    # msgfmt truncates the string at the NUL (silently losing the rest): refuse it
    path = tmp_path / "nul.po"
    path.write_bytes(HEADER.encode() + b'msgid "a"\nmsgstr "x\0y"\n')
    with pytest.raises(SourceError) as info:
        read_po(path)
    assert str(info.value) == (
        f"{path}:6: error: NUL byte in the file (binary content, not a .po catalog)"
    )


def test_unknown_charset_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "klingon.po"
    path.write_bytes(HEADER.replace("UTF-8", "KLINGON-8").encode() + b'msgid "a"\nmsgstr "x"\n')
    with pytest.raises(SourceError) as info:
        read_po(path)
    assert str(info.value) == f"{path}:3: error: unknown charset 'KLINGON-8' in the header"


def test_random_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.po"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(SourceError, match=r"image\.po:3: error: NUL byte"):
        read_po(path)
