"""summit_i18n.po: parsing every construct, GNU formatting, round trips, charsets, newlines."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n import po
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.errors import SourceError
from summit_i18n.po import format_entry, format_po, parse_po, read_po, write_po

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: demo 1.0\\n"\n'
    '"Language: fr\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
)

EVERYTHING = HEADER + (
    "\n"
    "# translator comment\n"
    "#  * indented translator comment\n"
    "#\n"
    "#. extracted comment\n"
    "#: src/a.py:10 src/b.py:20\n"
    "#: templates/page.html:3\n"
    "#, fuzzy, python-format\n"
    '#| msgctxt "old context"\n'
    '#| msgid "Old %(name)s"\n'
    'msgctxt "menu"\n'
    'msgid "Hello %(name)s"\n'
    'msgstr "Bonjour %(name)s"\n'
    "\n"
    'msgid "One file"\n'
    'msgid_plural "%d files"\n'
    'msgstr[0] "Un fichier"\n'
    'msgstr[1] "%d fichiers"\n'
    "\n"
    'msgid ""\n'
    '"A long message on "\n'
    '"two lines\\n"\n'
    '"and an escape: \\\\ \\" \\t"\n'
    'msgstr ""\n'
    "\n"
    "# an obsolete translation\n"
    '#~| msgid "Older"\n'
    '#~ msgid "Gone"\n'
    '#~ msgstr "Parti"\n'
)


def parse(text: str) -> Catalog:
    return parse_po(text.encode("utf-8"), path="test.po")


# -- parsing -------------------------------------------------------------------


def test_parse_every_construct() -> None:
    catalog = parse(EVERYTHING)
    assert catalog.header is not None
    assert catalog.header_value("Language") == "fr"
    assert catalog.charset == "UTF-8"
    assert catalog.nplurals == 2
    first, plural, long, gone = catalog.entries
    assert first.msgctxt == "menu"
    assert first.msgid == "Hello %(name)s"
    assert first.msgstr == "Bonjour %(name)s"
    assert first.translator_comments == ("translator comment", " * indented translator comment", "")
    assert first.extracted_comments == ("extracted comment",)
    assert first.references == ("src/a.py:10", "src/b.py:20", "templates/page.html:3")
    assert first.flags == ("fuzzy", "python-format")
    assert first.fuzzy
    assert first.previous_msgctxt == "old context"
    assert first.previous_msgid == "Old %(name)s"
    assert (first.lineno, first.msgstr_lineno) == (20, 21)
    assert plural.msgid_plural == "%d files"
    assert plural.msgstr_plural == {0: "Un fichier", 1: "%d fichiers"}
    assert (plural.lineno, plural.msgstr_lineno) == (23, 25)
    assert long.msgid == 'A long message on two lines\nand an escape: \\ " \t'
    assert long.msgstr == ""
    assert gone.obsolete
    assert gone.previous_msgid == "Older"
    assert gone.translator_comments == ("an obsolete translation",)
    assert (gone.msgid, gone.msgstr) == ("Gone", "Parti")
    assert (gone.lineno, gone.msgstr_lineno) == (36, 37)


def test_statistics_follow_msgfmt_rules() -> None:
    catalog = parse(EVERYTHING)
    assert len(catalog.translated_entries()) == 1  # the plural one; the first is fuzzy
    assert len(catalog.fuzzy_entries()) == 1
    assert len(catalog.untranslated_entries()) == 1
    assert len(catalog.obsolete_entries()) == 1


@pytest.mark.parametrize(
    ("escaped", "value"),
    [
        (r"\n\t\r\a\b\f\v", "\n\t\r\a\b\f\v"),
        (r"\\ \"", '\\ "'),
        (r"\101\x42\0", "AB\0"),
        (r"\x41x", "Ax"),
        (r"caf\303\251 \xc3\xa9", "café é"),
    ],
)
def test_escapes(escaped: str, value: str) -> None:
    catalog = parse(HEADER + f'\nmsgid "{escaped}"\nmsgstr ""\n')
    assert catalog.entries[0].msgid == value


def test_the_fast_reader_and_the_line_reader_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    text = EVERYTHING + '\n#, c-format\nmsgid "x\\101"\nmsgstr "y"\n'

    def snapshot() -> list[object]:
        catalog = parse(text)
        assert catalog.header is not None
        return [
            (e.fingerprint(), e.lineno, e.msgstr_lineno, e.raw, e.leading)
            for e in [catalog.header, *catalog.entries]
        ]

    fast = snapshot()
    monkeypatch.setattr(po.parse, "_FAST_STARTS", frozenset())
    assert snapshot() == fast


def test_leading_whitespace_multiple_strings_and_blank_lines_inside_an_entry() -> None:
    text = HEADER + '\n  msgid "a" "b"\n\nmsgstr "c"\n\n"d"\n'
    catalog = parse(text)
    assert (catalog.entries[0].msgid, catalog.entries[0].msgstr) == ("ab", "cd")
    assert format_po(catalog) == text.encode()


def test_backslash_newline_joins_lines_as_in_gnu() -> None:
    # GNU's reader deletes a backslash followed by LF anywhere (not before CRLF)
    text = HEADER + '\n# note \\\n#, fuzzy\nmsgid "ab\\\ncd"\nms\\\ngstr "x"\n\\\n\n'
    catalog = parse(text)
    entry = catalog.entries[0]
    assert (entry.translator_comments, entry.flags) == (("note #, fuzzy",), ())
    assert (entry.msgid, entry.msgstr, entry.msgstr_lineno) == ("abcd", "x", 14)
    assert format_po(catalog) == text.encode()
    crlf = b'msgid "ab\\\r\ncd"\r\nmsgstr "x"\r\n'
    with pytest.raises(SourceError, match=r"crlf\.po:1: error: end-of-line within string"):
        parse_po(crlf, path="crlf.po")


def test_undecodable_bytes_in_comments_are_kept_as_msgfmt_allows(
    tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    data = HEADER.encode() + b'\n# caf\xe9 (Latin-1)\n#: a\xffb.md:1\nmsgid "a"\nmsgstr "b"\n'
    path = tmp_path / "latin1-comment.po"
    path.write_bytes(data)
    msgfmt_check(path)
    catalog = read_po(path)
    assert catalog.entries[0].references == ("a\udcffb.md:1",)
    assert format_po(catalog) == data
    catalog.entries[0].msgstr = "changed"
    assert b"# caf\xe9 (Latin-1)\n#: a\xffb.md:1\n" in format_po(catalog)


def test_a_bare_obsolete_marker_is_ignored_as_gnu_does() -> None:
    text = HEADER + '\n#~\nmsgid "a"\nmsgstr "b"\n\n#~\n'
    catalog = parse(text)
    assert [e.msgid for e in catalog.entries] == ["a"]
    assert format_po(catalog) == text.encode()


def test_a_keyword_s_string_may_come_on_a_later_line() -> None:
    text = HEADER + '\nmsgid\n\n"a"\nmsgstr\n"b"\n'
    catalog = parse(text)
    assert [(e.msgid, e.msgstr, e.lineno, e.msgstr_lineno) for e in catalog.entries] == [
        ("a", "b", 10, 13)
    ]
    assert format_po(catalog) == text.encode()


def test_comments_after_the_last_entry_are_kept() -> None:
    text = HEADER + "\n# orphan comment\n\n"
    catalog = parse(text)
    assert catalog.entries == []
    assert catalog.epilogue == "\n# orphan comment\n\n"
    assert format_po(catalog) == text.encode()


def test_a_header_after_other_entries_stays_there() -> None:
    text = 'msgid "a"\nmsgstr "b"\n\n' + HEADER
    catalog = parse(text)
    assert catalog.header is not None
    assert catalog.header_position == 1
    assert format_po(catalog) == text.encode()


def test_empty_file() -> None:
    catalog = parse_po(b"", path="empty.po")
    assert catalog.header is None
    assert catalog.entries == []
    assert format_po(catalog) == b""


# -- round trip ----------------------------------------------------------------

ODD_BUT_VALID = HEADER + (
    "\n\n\n"
    "#:    src/x.py:1\n"
    "#,fuzzy\n"
    'msgid "Babel wraps at 76 columns, so this sentence is split in a place that "\n'
    '"GNU would not choose"\n'
    'msgstr "x"\n'
    "msgid \"no blank line before me\"\n"
    'msgstr "y"\n'
    "   \n"
    '#~ msgid "obsolete without blank before the end"\n'
    '#~ msgstr "z"'
)


def test_untouched_entries_come_back_byte_for_byte() -> None:
    catalog = parse(ODD_BUT_VALID)
    assert not catalog.final_newline
    assert format_po(catalog) == ODD_BUT_VALID.encode()


def test_a_changed_entry_is_formatted_as_gnu_and_the_rest_is_kept() -> None:
    catalog = parse(ODD_BUT_VALID)
    catalog.entries[0].msgstr = "changed"
    catalog.entries[0].fuzzy = False
    out = format_po(catalog).decode()
    before = (
        "#:    src/x.py:1\n#,fuzzy\n"
        'msgid "Babel wraps at 76 columns, so this sentence is split in a place that "\n'
        '"GNU would not choose"\nmsgstr "x"\n'
    )
    after = (
        "#: src/x.py:1\n"
        'msgid ""\n"Babel wraps at 76 columns, so this sentence is split in a place that GNU "\n'
        '"would not choose"\nmsgstr "changed"\n'
    )
    assert out == ODD_BUT_VALID.replace(before, after)


def test_new_entries_are_appended_with_one_blank_line() -> None:
    catalog = parse(EVERYTHING)
    catalog.entries.append(Entry(msgid="New", msgstr="Nouveau", references=["new.md:1"]))
    out = format_po(catalog).decode()
    assert out == EVERYTHING + '\n#: new.md:1\nmsgid "New"\nmsgstr "Nouveau"\n'


def test_write_po_is_atomic_and_skips_unchanged_files(
    tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    path = tmp_path / "fr.po"
    path.write_text(EVERYTHING, encoding="utf-8")
    catalog = read_po(path)
    assert write_po(catalog, path) is False
    catalog.entries[1].msgstr_plural[1] = "%d fichiers en tout"
    assert write_po(catalog, path) is True
    assert read_po(path).entries[1].msgstr_plural[1] == "%d fichiers en tout"
    msgfmt_check(path)
    assert [p.name for p in tmp_path.iterdir()] == ["fr.po"]


def test_read_po_refuses_a_file_over_the_limit(
    tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    path = tmp_path / "big.po"
    path.write_text(EVERYTHING, encoding="utf-8")
    msgfmt_check(path)
    with pytest.raises(SourceError, match="max_catalog_mb") as info:
        read_po(path, max_bytes=100)
    assert info.value.exit_code == 3
    assert read_po(path, max_bytes=10_000).header is not None


def test_read_po_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read catalog"):
        read_po(tmp_path / "missing.po")


# -- GNU formatting -------------------------------------------------------------


def msgcat(path: Path, width: int = 79) -> str:
    result = subprocess.run(
        ["msgcat", f"--width={width}", str(path)], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


FORMATTING_CASES = [
    Entry(msgid="short", msgstr="court"),
    Entry(msgid="word " * 40, msgstr="mot " * 45),
    Entry(msgid="line one\nline two\n", msgstr="ligne un\nligne deux\n"),
    Entry(msgid="escapes \\ \" \t \r \a \b \f \v \x01 end", msgstr=""),
    Entry(msgid="https://example.org/" + "a/" * 60, msgstr=""),
    Entry(
        msgid="日本語の文章です。" * 12,
        msgstr="これは長い日本語の文で、表意文字の間で折り返されるはずです。" * 4,
    ),
    Entry(msgid="한국어 문장입니다. " * 12, msgstr="中文句子，测试换行。" * 12),
    Entry(
        msgid="A %(very_long_named_placeholder_with/slashes/in/it)s " * 3,
        msgstr="",
        flags=["python-format"],
    ),
    Entry(msgid="printf %1$-20s and % -+d " * 5, msgstr="", flags=["c-format"]),
    Entry(msgid="{field} and {other.attr[0]:>10} " * 5, flags=["python-brace-format"]),
    Entry(msgid="no wrap " * 20 + "\nsecond line", flags=["no-wrap"]),
    Entry(
        msgid="flags",
        msgstr="drapeaux",
        flags=["python-format", "fuzzy", "no-wrap", "python-brace-format"],
    ),
    Entry(msgid="refs", references=[f"docs/a/long/path/file{i}.md:{i * 10}" for i in range(9)]),
    Entry(
        msgid="previous",
        msgstr="précédent",
        flags=["fuzzy"],
        previous_msgctxt="ctx",
        previous_msgid="the previous " * 10,
        previous_msgid_plural="plural",
        msgid_plural="previouses",
        msgstr_plural={0: "a", 1: "b"},
    ),
    Entry(msgid="ctx", msgctxt="a context " * 10, msgstr="x"),
    Entry(
        msgid="obsolete " * 12,
        msgstr="désuet",
        obsolete=True,
        flags=["fuzzy"],
        previous_msgid="old " * 25,
        translator_comments=["kept"],
    ),
]


def test_fresh_formatting_equals_msgcat(
    tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    header = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    catalog = Catalog(entries=FORMATTING_CASES, header=header)
    path = tmp_path / "cases.po"
    path.write_bytes(format_po(catalog))
    msgfmt_check(path)
    assert msgcat(path) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [40, 60, 100])
def test_other_widths_equal_msgcat(
    tmp_path: Path, width: int, msgfmt_check: Callable[..., None]
) -> None:
    header = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    catalog = Catalog(entries=FORMATTING_CASES, header=header)
    path = tmp_path / "cases.po"
    path.write_bytes(format_po(catalog, width=width))
    msgfmt_check(path)
    assert msgcat(path, width) == path.read_text(encoding="utf-8")


def test_format_entry_examples() -> None:
    assert format_entry(Entry(msgid="a", msgstr="b")) == 'msgid "a"\nmsgstr "b"\n'
    text = format_entry(Entry(msgid="x " * 50, msgstr="y", flags=["python-format", "fuzzy"]))
    assert text.splitlines()[:3] == [
        "#, fuzzy, python-format",
        'msgid ""',
        '"' + "x " * 38 + '"',
    ]
    cjk = format_entry(Entry(msgid="", msgstr="漢字" * 40)).splitlines()
    assert cjk[1] == 'msgstr ""'
    assert all(len(line.encode("utf-8")) <= 2 + 3 * 76 for line in cjk)
    assert cjk[2] == '"' + "漢字" * 19 + '"'  # 76 columns of double-width characters


def test_fuzzy_is_not_printed_on_an_untranslated_message() -> None:
    assert format_entry(Entry(msgid="a", flags=["fuzzy", "c-format"])).startswith("#, c-format\n")
    plural = Entry(msgid="a", msgid_plural="b", msgstr_plural={0: "", 1: "x"}, flags=["fuzzy"])
    assert format_entry(plural).startswith("msgid")
    plural.msgstr_plural = {0: "x", 1: ""}
    assert format_entry(plural).startswith("#, fuzzy\n")


def test_unknown_flags_are_kept_after_gnu_ones() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=["my-tool-flag", "c-format", "fuzzy"])
    text = format_entry(entry)
    assert text.splitlines()[0] == "#, fuzzy, c-format, my-tool-flag"


def test_python_fallback_breaks_like_libunistring_on_ordinary_text() -> None:
    text = ("Some ordinary English text, with punctuation; numbers 1,000 and 3.14. " * 5).encode()
    overrides = bytes(len(text))
    assert po.wrap._unistring_breaks is not None
    for width, start in [(77, 6), (77, 0), (40, 0)]:
        expected = po.wrap._unistring_breaks(text, width, start, overrides, "UTF-8")
        assert po.wrap._python_breaks(text, width, start, overrides, "UTF-8") == expected


# -- charsets and newlines -------------------------------------------------------

CHARSET_TEXTS = {
    "Shift_JIS": "日本語の翻訳です。半角ｶﾀｶﾅも「括弧」も使います。",
    "EUC-JP": "日本語の翻訳です。「括弧」も使います。",
    "EUC-KR": "한국어 번역입니다. 온도는 20°C… 입니다.",
    "Big5": "繁體中文翻譯，測試「引號」。",
    "GB2312": "简体中文翻译，测试“引号”。",
    "GB18030": "简体中文翻译，测试“引号”与欧元€。",
    "ISO-8859-1": "Traduction française « guillemets », 20 °C.",
}


@pytest.mark.parametrize("charset", sorted(CHARSET_TEXTS))
def test_legacy_charsets_are_decoded_and_written_back(
    tmp_path: Path, charset: str, msgfmt_check: Callable[..., None]
) -> None:
    translation = CHARSET_TEXTS[charset]
    text = (
        'msgid ""\nmsgstr ""\n"MIME-Version: 1.0\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
        f'msgid "Hello"\nmsgstr "{translation}"\n\n'
        'msgid "Long"\nmsgstr ""\n'
        f'"{translation}"\n"{translation}"\n'
    )
    data = text.encode(charset)
    path = tmp_path / "legacy.po"
    path.write_bytes(data)
    msgfmt_check(path)
    catalog = read_po(path)
    assert catalog.charset == charset
    assert catalog.entries[0].msgstr == translation
    assert format_po(catalog) == data
    catalog.entries[0].msgstr = translation * 3
    catalog.entries[1].msgstr = translation * 4
    assert write_po(catalog, path)
    msgfmt_check(path)
    assert read_po(path).entries[0].msgstr == translation * 3
    # msgcat keeps a single file's charset: its output must be our bytes
    gnu = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert gnu == path.read_bytes()


def test_charset_named_on_a_split_content_type_line() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; "\n"charset=EUC-KR\\n"\n\n'
        'msgid "Hello"\nmsgstr "안녕하세요"\n'
    )
    data = text.encode("euc-kr")
    catalog = parse_po(data, path="split.po")
    assert catalog.charset == "EUC-KR"
    assert catalog.entries[0].msgstr == "안녕하세요"
    assert format_po(catalog) == data


def test_a_character_the_charset_cannot_hold_is_reported() -> None:
    catalog = parse_po(
        HEADER.replace("UTF-8", "ISO-8859-1").encode("latin-1")
        + b'\nmsgid "a"\nmsgstr "b"\n',
        path="latin.po",
    )
    catalog.entries[0].msgstr = "日本"
    with pytest.raises(SourceError, match="cannot be written in the catalog's charset"):
        format_po(catalog)


def test_charset_placeholder_reads_as_utf8() -> None:
    text = HEADER.replace("UTF-8", "CHARSET") + '\nmsgid "café"\nmsgstr ""\n'
    catalog = parse(text)
    assert catalog.charset == "CHARSET"
    assert catalog.entries[0].msgid == "café"
    assert format_po(catalog) == text.encode()


def test_crlf_files_stay_crlf(tmp_path: Path, msgfmt_check: Callable[..., None]) -> None:
    data = EVERYTHING.replace("\n", "\r\n").encode()
    catalog = parse_po(data, path="crlf.po")
    assert catalog.newline == "\r\n"
    assert catalog.entries[0].msgid == "Hello %(name)s"
    assert format_po(catalog) == data
    catalog.entries[2].msgstr = "traduit"
    catalog.entries.append(Entry(msgid="new", msgstr="nouveau"))
    out = format_po(catalog)
    assert b"\n" not in out.replace(b"\r\n", b"")
    assert out.endswith(b'\r\n\r\nmsgid "new"\r\nmsgstr "nouveau"\r\n')
    path = tmp_path / "crlf.po"
    path.write_bytes(out)
    msgfmt_check(path)


def test_a_file_ending_in_a_lone_cr() -> None:
    data = EVERYTHING.replace("\n", "\r\n").encode()[:-1]
    catalog = parse_po(data, path="cr.po")
    assert catalog.entries[-1].msgstr == "Parti"
    assert format_po(catalog) == data


def test_mixed_line_endings_are_kept_for_untouched_entries() -> None:
    lf_entry = 'msgid "a"\nmsgstr "b"\n'
    crlf_entry = 'msgid "c"\r\nmsgstr "d"\r\n'
    mixed_entry = 'msgid "e"\r\nmsgstr "f"\n'
    data = (HEADER + "\n" + lf_entry + "\r\n" + crlf_entry + "\n" + mixed_entry).encode()
    catalog = parse_po(data, path="mixed.po")
    assert catalog.newline == "\n"  # most lines end with LF
    assert [e.msgstr for e in catalog.entries] == ["b", "d", "f"]
    assert format_po(catalog) == data
    catalog.entries[2].msgstr = "changed"
    catalog.entries.append(Entry(msgid="g", msgstr="h"))
    out = format_po(catalog).decode()
    assert out.endswith(crlf_entry + '\nmsgid "e"\nmsgstr "changed"\n\nmsgid "g"\nmsgstr "h"\n')
