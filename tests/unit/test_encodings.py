"""Legacy CJK charsets and line endings: read, merged, written back without loss.

Catalogs in Shift_JIS (ja), EUC-KR (ko), Big5 (zh_Hant) and GB18030 (zh_Hans),
normalised by GNU ``msgcat`` so they look as GNU tools write them.  Their texts
include the double-byte characters whose second byte is ``0x5C`` (a backslash in
ASCII: 表, ソ in Shift_JIS; 功, 許 in Big5) and a GB18030 four-byte character, the
classic ways a byte-oriented reader breaks these files.  Line endings: CRLF files
stay CRLF, files with mixed endings keep each unchanged entry's own endings.
``update --charset UTF-8`` converts a catalog and its header.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.catalog import Catalog
from summit_i18n.cli import app
from summit_i18n.config import find_project
from summit_i18n.po import format_po, parse_po
from summit_i18n.update import update_project

runner = CliRunner()


@dataclass(frozen=True)
class Case:
    lang: str
    charset: str
    plural_forms: str
    first_day: str
    display: str  #: has double-byte characters with a 0x5C trail byte (or a 4-byte one)
    paragraph: str
    registration: str
    speakers: str
    old: str


CASES = [
    Case("ja", "Shift_JIS", "nplurals=1; plural=0;", "サミットは初日に開幕します。",
         "表示設定とソフトウェア",
         "臓器の強制摘出を阻止し防止するための世界サミットには、多くの国から医師、弁護士、"
         "倫理学者、人権擁護者が集まります。表示とソフトウェアの予定表も公開されます。",
         "登録は無料です。", "%d 人の講演者", "古い行"),
    Case("ko", "EUC-KR", "nplurals=1; plural=0;", "정상회의는 첫날 개막합니다.", "표시 설정",
         "강제 장기적출 저지 및 예방을 위한 세계 정상회의에는 여러 나라의 의사, 변호사, "
         "윤리학자, 인권 운동가들이 모입니다. 일정표도 공개됩니다.",
         "등록은 무료입니다.", "연사 %d명", "오래된 줄"),
    Case("zh_Hant", "Big5", "nplurals=1; plural=0;", "峰會於第一天開幕。", "法輪功與許可設定",
         "制止和預防強摘器官世界峰會匯集了來自許多國家的醫生、律師、倫理學家和人權倡導者。"
         "法輪功學員的證詞也將公開。",
         "免費登記。", "%d 位講者", "舊的一行"),
    Case("zh_Hans", "GB18030", "nplurals=1; plural=0;", "峰会于第一天开幕。", "显示设置𠮷",
         "制止和预防强摘器官世界峰会汇集了来自许多国家的医生、律师、伦理学家和人权倡导者。"
         "日程表也将公开。",
         "免费登记。", "%d 位讲者", "旧的一行"),
]
IDS = [c.charset for c in CASES]

PARAGRAPH = ("The World Summit on Combating and Preventing Forced Organ Harvesting brings "
             "together doctors, lawyers, ethicists and human rights advocates from many "
             "countries.")


def _header(lang: str | None, charset: str, plural_forms: str | None) -> str:
    fields = ["Project-Id-Version: summit", "POT-Creation-Date: 2026-01-01 00:00+0000",
              "PO-Revision-Date: 2026-01-02 00:00+0000"]
    if lang:
        fields += ["Last-Translator: A Translator <a@example.org>",
                   f"Language-Team: {lang} <team@example.org>", f"Language: {lang}"]
    fields += ["MIME-Version: 1.0", f"Content-Type: text/plain; charset={charset}",
               "Content-Transfer-Encoding: 8bit"]
    if plural_forms:
        fields.append(f"Plural-Forms: {plural_forms}")
    return 'msgid ""\nmsgstr ""\n' + "".join(f'"{f}\\n"\n' for f in fields) + "\n"


def _po_text(case: Case) -> str:
    return _header(case.lang, case.charset, case.plural_forms) + f'''\
#: source/a.md:1
msgid "The summit opens on the first day."
msgstr "{case.first_day}"

# checked by the organizers
#: source/a.md:3
msgid "Display settings"
msgstr "{case.display}"

#: source/a.md:5
msgid "{PARAGRAPH}"
msgstr "{case.paragraph}"

#, fuzzy
#: source/a.md:7
msgid "Registration is free."
msgstr "{case.registration}"

#: source/a.md:9
#, c-format
msgid "one speaker"
msgid_plural "%d speakers"
msgstr[0] "{case.speakers}"

#~ msgid "Old line"
#~ msgstr "{case.old}"
'''


def _template_text(*, next_release: bool) -> str:
    """The template the catalogs came from, or the next one: one msgid edited, one
    removed, one added."""
    first = "second" if next_release else "first"
    text = _header(None, "UTF-8", None).replace("2026-01-01", "2026-02-01" if next_release
                                                else "2026-01-01") + f'''\
#: source/a.md:1
msgid "The summit opens on the {first} day."
msgstr ""

#: source/a.md:3
msgid "Display settings"
msgstr ""

#: source/a.md:5
msgid "{PARAGRAPH}"
msgstr ""
'''
    if not next_release:
        text += '\n#: source/a.md:7\nmsgid "Registration is free."\nmsgstr ""\n'
    text += '''
#: source/a.md:9
#, c-format
msgid "one speaker"
msgid_plural "%d speakers"
msgstr[0] ""
'''
    if next_release:
        text += '\n#: source/a.md:11\nmsgid "Doors open at nine."\nmsgstr ""\n'
    return text


def _gnu(path: Path) -> None:
    """Rewrite ``path`` as GNU gettext writes it."""
    subprocess.run([_tool("msgcat"), "--width=79", "-o", str(path), str(path)], check=True,
                   capture_output=True)


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} missing: `make test` installs Debian's gettext"
    return path


def _catalog_file(tmp_path: Path, case: Case, *, newline: str = "\n") -> Path:
    path = tmp_path / f"{case.lang}.po"
    path.write_bytes(_po_text(case).encode(case.charset))
    _gnu(path)
    if newline != "\n":
        path.write_bytes(path.read_bytes().replace(b"\n", newline.encode()))
    return path


def _project(tmp_path: Path, case: Case, catalog: Path) -> Path:
    root = tmp_path / "proj"
    (root / "locale" / case.lang / "LC_MESSAGES").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text(f'languages = ["{case.lang}"]\n', encoding="utf-8")
    pot = root / "locale" / "a.pot"
    pot.write_text(_template_text(next_release=True), encoding="utf-8")
    _gnu(pot)
    shutil.copyfile(catalog, root / "locale" / case.lang / "LC_MESSAGES" / "a.po")
    return root


def _translations(catalog: Catalog) -> dict[tuple[str | None, str], tuple[list[str], bool, bool]]:
    return {e.key: (e.translations(), e.fuzzy, e.obsolete) for e in catalog.entries}


def _entry_chunks(data: bytes) -> list[bytes]:
    """The entries of a GNU-written file, as bytes (separated by one empty line)."""
    sep = b"\r\n\r\n" if b"\r\n" in data else b"\n\n"
    return data.split(sep)


# -- reading and writing back ---------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_round_trip_is_byte_for_byte(tmp_path: Path, case: Case, newline: str,
                                     msgfmt_check: Callable[..., None]) -> None:
    path = _catalog_file(tmp_path, case, newline=newline)
    msgfmt_check(path)
    data = path.read_bytes()
    catalog = parse_po(data, path=str(path))
    assert catalog.charset == case.charset
    assert catalog.newline == newline
    assert format_po(catalog) == data
    by_id = {e.msgid: e for e in catalog.entries}
    assert by_id["Display settings"].msgstr == case.display
    assert by_id[PARAGRAPH].msgstr == case.paragraph
    assert by_id["one speaker"].msgstr_plural == {0: case.speakers}
    assert by_id["Old line"].obsolete
    assert by_id["Old line"].msgstr == case.old


def test_trail_bytes_that_look_like_backslashes_are_read_as_characters() -> None:
    """表 is 0x95 0x5C in Shift_JIS, 功 is 0xA5 0x5C in Big5: not escapes."""
    assert "表".encode("shift_jis")[1:] == b"\\"
    assert "功".encode("big5")[1:] == b"\\"
    for case in (CASES[0], CASES[2]):
        data = _po_text(case).encode(case.charset)
        catalog = parse_po(data, path="x.po")
        assert {e.msgid: e.msgstr for e in catalog.entries}["Display settings"] == case.display
        assert format_po(catalog) == data


# -- merging ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_update_keeps_charset_line_endings_and_translations(
        tmp_path: Path, case: Case, newline: str, msgfmt_check: Callable[..., None]) -> None:
    original = _catalog_file(tmp_path, case, newline=newline)
    root = _project(tmp_path, case, original)
    po_path = root / "locale" / case.lang / "LC_MESSAGES" / "a.po"
    report = update_project(find_project(explicit=root))
    assert [c.status for c in report.catalogs] == ["updated"]
    data = po_path.read_bytes()
    msgfmt_check(po_path)
    catalog = parse_po(data, path=str(po_path))
    assert catalog.charset == case.charset
    assert f"charset={case.charset}".encode() in data
    data.decode(case.charset)  # the whole file is in its charset
    if newline == "\r\n":
        assert data.count(b"\n") == data.count(b"\r\n")
    else:
        assert b"\r" not in data
    # every entry the merge did not change is there byte for byte
    before = _entry_chunks(original.read_bytes())
    unchanged = [chunk for chunk in before if b"Display settings" in chunk
                 or b"Forced Organ" in chunk or b"one speaker" in chunk]
    assert len(unchanged) == 3
    for chunk in unchanged:
        assert chunk in data
    entries = {e.msgid: e for e in catalog.entries}
    edited = entries["The summit opens on the second day."]
    assert (edited.msgstr, edited.fuzzy) == (case.first_day, True)
    assert edited.previous_msgid == "The summit opens on the first day."
    gone = entries["Registration is free."]
    assert (gone.obsolete, gone.msgstr) == (True, case.registration)
    assert entries["Doors open at nine."].msgstr == ""
    # the same outcome as GNU msgmerge --previous on the same files (msgmerge writes
    # UTF-8 when the template is UTF-8; the translations are what must agree)
    gnu = tmp_path / "msgmerge.po"
    subprocess.run([_tool("msgmerge"), "--previous", "--quiet", "-o", str(gnu), str(original),
                    str(root / "locale" / "a.pot")], check=True, capture_output=True)
    theirs = parse_po(gnu.read_bytes(), path=str(gnu))
    assert _translations(catalog) == _translations(theirs)
    # and a second run changes nothing
    assert [c.status for c in update_project(find_project(explicit=root)).catalogs] == [
        "unchanged"]
    assert po_path.read_bytes() == data


def test_mixed_line_endings_survive_reading_and_merging(
        tmp_path: Path, msgfmt_check: Callable[..., None]) -> None:
    """Some lines CRLF, some LF (a file edited on two systems): unchanged entries keep
    their own endings, byte for byte."""
    case = CASES[0]
    path = _catalog_file(tmp_path, case)
    chunks = _entry_chunks(path.read_bytes())
    # every other entry with CRLF, the rest LF
    mixed = b"\n\n".join(c.replace(b"\n", b"\r\n") if i % 2 else c for i, c in enumerate(chunks))
    path.write_bytes(mixed)
    assert b"\r\n" in mixed
    assert b"\n\n" in mixed
    catalog = parse_po(mixed, path=str(path))
    assert format_po(catalog) == mixed
    assert {e.msgid: e.msgstr for e in catalog.entries}["Display settings"] == case.display
    root = _project(tmp_path, case, path)
    po_path = root / "locale" / case.lang / "LC_MESSAGES" / "a.po"
    update_project(find_project(explicit=root))
    data = po_path.read_bytes()
    msgfmt_check(po_path)
    for chunk in chunks:
        if b"Display settings" in chunk or b"Forced Organ" in chunk or b"one speaker" in chunk:
            index = chunks.index(chunk)
            expected = chunk.replace(b"\n", b"\r\n") if index % 2 else chunk
            assert expected in data
    merged = {e.msgid: e for e in parse_po(data, path=str(po_path)).entries}
    assert merged["The summit opens on the second day."].msgstr == case.first_day


# -- converting ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_update_charset_converts_to_utf8(tmp_path: Path, case: Case,
                                         msgfmt_check: Callable[..., None]) -> None:
    original = _catalog_file(tmp_path, case)
    root = _project(tmp_path, case, original)
    po_path = root / "locale" / case.lang / "LC_MESSAGES" / "a.po"
    result = runner.invoke(app, ["-C", str(root), "update", "--charset", "UTF-8"])
    assert result.exit_code == 0, result.stderr
    data = po_path.read_bytes()
    text = data.decode("utf-8")
    assert "Content-Type: text/plain; charset=UTF-8\\n" in text
    assert case.charset not in text
    msgfmt_check(po_path)
    catalog = parse_po(data, path=str(po_path))
    assert catalog.charset == "UTF-8"
    # the same translations as a merge without conversion
    kept = tmp_path / "kept"
    shutil.copytree(root, kept)
    shutil.copyfile(original, kept / "locale" / case.lang / "LC_MESSAGES" / "a.po")
    update_project(find_project(explicit=kept))
    plain = parse_po((kept / "locale" / case.lang / "LC_MESSAGES" / "a.po").read_bytes())
    assert _translations(catalog) == _translations(plain)
    # as GNU msgconv converts
    gnu = tmp_path / "msgconv.po"
    subprocess.run([_tool("msgconv"), "--to-code=UTF-8", "-o", str(gnu),
                    str(kept / "locale" / case.lang / "LC_MESSAGES" / "a.po")],
                   check=True, capture_output=True)
    assert _translations(parse_po(gnu.read_bytes())) == _translations(catalog)
    # afterwards an ordinary update leaves the converted file as it is
    again = runner.invoke(app, ["-C", str(root), "update"])
    assert again.exit_code == 0
    assert po_path.read_bytes() == data


def test_update_charset_to_a_legacy_charset(tmp_path: Path,
                                            msgfmt_check: Callable[..., None]) -> None:
    case = CASES[1]  # Korean, from UTF-8 to EUC-KR
    utf8 = Case(**{**case.__dict__, "charset": "UTF-8"})
    original = _catalog_file(tmp_path, utf8)
    root = _project(tmp_path, case, original)
    po_path = root / "locale" / case.lang / "LC_MESSAGES" / "a.po"
    result = runner.invoke(app, ["-C", str(root), "update", "--charset", "EUC-KR"])
    assert result.exit_code == 0, result.stderr
    data = po_path.read_bytes()
    assert b"charset=EUC-KR" in data
    msgfmt_check(po_path)
    entries = {e.msgid: e.msgstr for e in parse_po(data).entries}
    assert entries["Display settings"] == case.display


def test_update_charset_that_cannot_hold_the_text_is_refused(tmp_path: Path) -> None:
    case = CASES[1]  # Hangul has no Shift_JIS encoding
    original = _catalog_file(tmp_path, case)
    root = _project(tmp_path, case, original)
    po_path = root / "locale" / case.lang / "LC_MESSAGES" / "a.po"
    before = po_path.read_bytes()
    result = runner.invoke(app, ["-C", str(root), "update", "--charset", "Shift_JIS"])
    assert result.exit_code == 3
    assert "cannot be written in the catalog's charset Shift_JIS" in result.stderr
    assert po_path.read_bytes() == before


def test_update_charset_unknown_is_a_usage_error(tmp_path: Path) -> None:
    case = CASES[0]
    root = _project(tmp_path, case, _catalog_file(tmp_path, case))
    result = runner.invoke(app, ["-C", str(root), "update", "--charset", "no-such-code"])
    assert result.exit_code == 2
    assert "unknown encoding 'no-such-code'" in result.stderr
