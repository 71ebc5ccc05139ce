"""compile: .mo bytes as msgfmt writes them, msgfmt --check's refusals, statistics, skipping."""

from __future__ import annotations

import gettext
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.compile import (
    Statistics,
    check_catalog,
    compile_file,
    mo_bytes,
    select_messages,
)
from summit_i18n.config import find_project
from summit_i18n.po import parse_po
from summit_i18n.workspace import State

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2026-05-01 10:00+0000\\n"
"PO-Revision-Date: 2026-05-02 10:00+0000\\n"
"Last-Translator: Test <test@example.org>\\n"
"Language-Team: French <test@example.org>\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural}\\n"
"""

FR_PLURAL = "nplurals=2; plural=(n > 1);"
JA_PLURAL = "nplurals=1; plural=0;"

BODY = """
msgid "Hello"
msgstr "Bonjour"

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

msgid "Open"
msgstr "Ouvert"

#, fuzzy
msgid "Draft"
msgstr "Brouillon"

msgid "Untranslated"
msgstr ""

#, python-format
msgid "%(count)d file"
msgid_plural "%(count)d files"
msgstr[0] "%(count)d fichier"
msgstr[1] "%(count)d fichiers"

msgid "One page"
msgid_plural "%d pages"
msgstr[0] ""
msgstr[1] ""

#~ msgid "Old"
#~ msgstr "Vieux"
"""


def po_text(body: str = BODY, *, lang: str = "fr", plural: str = FR_PLURAL) -> str:
    return HEADER.format(lang=lang, plural=plural) + body


def msgfmt(data: bytes, *extra: str) -> subprocess.CompletedProcess[bytes]:
    """GNU msgfmt on a catalog given on stdin (the .mo on stdout)."""
    return subprocess.run(["msgfmt", *extra, "-o", "-", "-"], input=data, capture_output=True,
                          check=False)


def translations(mo: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(mo))


def test_mo_is_byte_identical_to_msgfmt() -> None:
    data = po_text().encode()
    catalog = parse_po(data, path="fr.po")
    assert mo_bytes(catalog, hash_table=True) == msgfmt(data).stdout
    assert mo_bytes(catalog, use_fuzzy=True, hash_table=True) == msgfmt(data, "--use-fuzzy").stdout


def test_lookups_answer_as_msgfmt_without_hash_table() -> None:
    data = po_text().encode()
    ours = translations(mo_bytes(parse_po(data, path="fr.po")))
    theirs = translations(msgfmt(data).stdout)
    for msgid in ("Hello", "Open", "Draft", "Untranslated", "Old", "missing"):
        assert ours.gettext(msgid) == theirs.gettext(msgid)
    assert ours.pgettext("menu", "Open") == theirs.pgettext("menu", "Open") == "Ouvrir"
    assert ours.gettext("Open") == "Ouvert"
    for n in (0, 1, 2, 5):
        assert ours.ngettext("%(count)d file", "%(count)d files", n) == theirs.ngettext(
            "%(count)d file", "%(count)d files", n)
        assert ours.ngettext("One page", "%d pages", n) == theirs.ngettext(
            "One page", "%d pages", n)


def test_untranslated_plural_is_left_out_so_n_5_gets_the_english_plural() -> None:
    # python-babel/babel#697: writing msgstr[0] = msgid would answer "One page" for n=5.
    data = po_text(lang="ja", plural=JA_PLURAL, body="""
msgid "One page"
msgid_plural "%d pages"
msgstr[0] ""
""").encode()
    ours = translations(mo_bytes(parse_po(data, path="ja.po")))
    assert ours.ngettext("One page", "%d pages", 5) == "%d pages"
    assert ours.ngettext("One page", "%d pages", 1) == "One page"


def test_fuzzy_only_with_use_fuzzy_and_fuzzy_header_always_kept() -> None:
    data = po_text().replace('msgid ""\nmsgstr ""', '#, fuzzy\nmsgid ""\nmsgstr ""', 1).encode()
    catalog = parse_po(data, path="fr.po")
    assert translations(mo_bytes(catalog)).gettext("Draft") == "Draft"
    assert translations(mo_bytes(catalog, use_fuzzy=True)).gettext("Draft") == "Brouillon"
    assert translations(mo_bytes(catalog)).info()["language"] == "fr"


def test_header_drops_pot_creation_date_like_msgfmt() -> None:
    info = translations(mo_bytes(parse_po(po_text().encode(), path="fr.po"))).info()
    assert "pot-creation-date" not in info
    assert info["po-revision-date"] == "2026-05-02 10:00+0000"


def test_statistics_follow_msgfmt_rules() -> None:
    catalog = parse_po(po_text().encode(), path="fr.po")
    _, stats = select_messages(catalog)
    assert stats == Statistics(translated=4, fuzzy=1, untranslated=2)
    _, with_fuzzy = select_messages(catalog, use_fuzzy=True)
    assert with_fuzzy == Statistics(translated=4, fuzzy=1, untranslated=2)


@pytest.mark.parametrize(("stats", "line"), [
    (Statistics(0, 0, 0), "0 translated messages."),
    (Statistics(1, 0, 0), "1 translated message."),
    (Statistics(4, 1, 2), "4 translated messages, 1 fuzzy translation, 2 untranslated messages."),
    (Statistics(2, 3, 1), "2 translated messages, 3 fuzzy translations, 1 untranslated message."),
])
def test_statistics_line(stats: Statistics, line: str) -> None:
    assert stats.line() == line


def test_statistics_line_is_msgfmts() -> None:
    data = po_text().encode()
    result = msgfmt(data, "--statistics")
    _, stats = select_messages(parse_po(data, path="fr.po"))
    assert result.stderr.decode().strip() == stats.line()


# -- refusals -----------------------------------------------------------------------

BAD_CASES = {
    "c-format count": ('#, c-format\nmsgid "%s of %d"\nmsgstr "%d"\n',
                       "number of format specifications"),
    "python-format name": ('#, python-format\nmsgid "Hi %(name)s"\nmsgstr "Salut %(nom)s"\n',
                           "'nom'"),
    "python-brace-format name": ('#, python-brace-format\nmsgid "Hi {name}"\n'
                                 'msgstr "Salut {nom}"\n', "'nom'"),
    "plural count": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\n',
                     "nplurals = 2 in the header, but this message has 1 plural form"),
    "trailing newline": ('msgid "line\\n"\nmsgstr "ligne"\n', "do not both end with '\\n'"),
    "leading newline": ('msgid "\\nline"\nmsgstr "ligne"\n', "do not both begin with '\\n'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_refuses_what_msgfmt_check_refuses(case: str) -> None:
    body, expected = BAD_CASES[case]
    data = po_text("\n" + body).encode()
    assert msgfmt(data, "--check").returncode != 0
    findings = check_catalog(parse_po(data, path="fr.po"))
    assert len(findings) == 1
    assert expected in findings[0].message
    assert str(findings[0]).startswith(f"fr.po:{findings[0].line}: error: ")
    # The line is the msgstr's, where msgfmt reports it.
    assert data.decode().splitlines()[findings[0].line - 1].startswith("msgstr")


@pytest.mark.parametrize(("plural", "expected"), [
    ("nplurals=2; plural=n>2?3:1;", "can produce values as large as 3"),
    ("nplurals=x; plural=n;", "nplurals"),
    ("nplurals=2; plural=n+;", "ends too early"),
])
def test_refuses_bad_plural_forms_header(plural: str, expected: str) -> None:
    data = po_text('\nmsgid "a"\nmsgstr "b"\n', plural=plural).encode()
    assert msgfmt(data, "--check").returncode != 0
    findings = check_catalog(parse_po(data, path="fr.po"))
    assert [expected in f.message for f in findings] == [True]
    assert findings[0].line == 2  # the header's msgstr, as msgfmt says


def test_refuses_plural_entries_without_plural_forms() -> None:
    data = po_text('\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n')
    data_no_header = data.replace('"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n', "").encode()
    assert msgfmt(data_no_header, "--check").returncode != 0
    findings = check_catalog(parse_po(data_no_header, path="fr.po"))
    assert ["lacks" in f.message for f in findings] == [True]


def test_refuses_catalog_without_header() -> None:
    data = b'msgid "a"\nmsgstr "b"\n'
    assert msgfmt(data, "--check").returncode != 0
    assert [f.message for f in check_catalog(parse_po(data, path="x.po"))] == [
        "PO file header missing or invalid"]


def test_fuzzy_entries_are_checked_only_when_used() -> None:
    data = po_text('\n#, fuzzy, c-format\nmsgid "%s"\nmsgstr "%d"\n').encode()
    assert msgfmt(data, "--check").returncode == 0
    assert msgfmt(data, "--check", "--use-fuzzy").returncode != 0
    catalog = parse_po(data, path="fr.po")
    assert check_catalog(catalog) == []
    assert len(check_catalog(catalog, use_fuzzy=True)) == 1


def test_valid_catalog_has_no_findings() -> None:
    data = po_text().encode()
    assert msgfmt(data, "--check").returncode == 0
    assert check_catalog(parse_po(data, path="fr.po")) == []


# -- files and skipping ------------------------------------------------------------


@pytest.fixture
def po_file(tmp_path: Path, msgfmt_check: Callable[..., None]) -> Path:
    path = tmp_path / "fr.po"
    path.write_text(po_text(), encoding="utf-8")
    msgfmt_check(path)
    return path


def _state(tmp_path: Path) -> State:
    (tmp_path / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    return State(find_project(explicit=tmp_path))


def test_compile_file_then_skip_when_unchanged(po_file: Path, tmp_path: Path) -> None:
    mo, state = tmp_path / "fr.mo", _state(tmp_path)
    first = compile_file(po_file, mo, state=state, key="fr")
    assert first.status == "compiled"
    assert translations(mo.read_bytes()).gettext("Hello") == "Bonjour"
    second = compile_file(po_file, mo, state=state, key="fr")
    assert second.status == "unchanged"
    assert second.statistics == first.statistics


def test_recompiles_when_content_options_or_mo_change(po_file: Path, tmp_path: Path) -> None:
    mo, state = tmp_path / "fr.mo", _state(tmp_path)

    def status(**options: bool) -> str:
        # A new State per run, as per command: nothing is remembered but the saved file.
        nonlocal state
        result = compile_file(po_file, mo, state=state, key="fr", **options).status
        state.save()
        state = State(find_project(explicit=tmp_path))
        return result

    status()
    assert status(use_fuzzy=True) == "compiled"
    assert status(use_fuzzy=True) == "unchanged"
    po_file.write_text(po_text().replace("Bonjour", "Salut"), encoding="utf-8")
    assert status(use_fuzzy=True) == "compiled"
    assert translations(mo.read_bytes()).gettext("Hello") == "Salut"
    mo.write_bytes(b"garbage")
    assert status(use_fuzzy=True) == "compiled"
    assert translations(mo.read_bytes()).gettext("Hello") == "Salut"


def test_refused_file_writes_no_mo(tmp_path: Path) -> None:
    # Deliberately invalid: msgfmt --check refuses it too (asserted).
    path = tmp_path / "bad.po"
    path.write_text(po_text('\n#, c-format\nmsgid "%s"\nmsgstr "%d"\n'), encoding="utf-8")
    assert msgfmt(path.read_bytes(), "--check").returncode != 0
    result = compile_file(path, tmp_path / "bad.mo")
    assert result.status == "refused"
    assert not (tmp_path / "bad.mo").exists()
    assert str(result.findings[0]).startswith(f"{path}:")


def test_duplicate_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "dup.po"
    path.write_text(po_text('\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'), encoding="utf-8")
    assert msgfmt(path.read_bytes(), "--check").returncode != 0
    result = compile_file(path, tmp_path / "dup.mo")
    assert result.status == "refused"
    assert "duplicate" in result.findings[0].message


def test_touched_but_unchanged_catalog_is_still_skipped(po_file: Path, tmp_path: Path) -> None:
    import os

    mo, state = tmp_path / "fr.mo", _state(tmp_path)
    compile_file(po_file, mo, state=state, key="fr")
    state.save()
    os.utime(po_file, ns=(1, 1))  # as after a fresh checkout: new mtime, same bytes
    state = State(find_project(explicit=tmp_path))
    assert compile_file(po_file, mo, state=state, key="fr").status == "unchanged"
    assert compile_file(po_file, mo, state=state, key="fr").status == "unchanged"
    assert compile_file(po_file, mo, state=state, key="fr", force=True).status == "compiled"
