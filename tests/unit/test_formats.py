"""formats: msgfmt --check's verdicts for flagged entries, and the lenient placeholder scan."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from summit_i18n.catalog import Entry
from summit_i18n.formats import (
    check_format,
    entry_format_problems,
    parse_c_format,
    parse_python_brace_format,
    parse_python_format,
    placeholders,
)
from summit_i18n.plurals import parse_plural_forms
from summit_i18n.po import read_po

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n'
    '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
    '"Last-Translator: T <t@example.org>\\n"\n"Language-Team: fr\\n"\n"Language: fr\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)

# (flag, msgid, msgstr): each is compared with what GNU msgfmt --check says.
CASES = [
    ("c-format", "%s %d", "%s %d"),
    ("c-format", "%s %d", "%2$d %1$s"),
    ("c-format", "%s %d", "%2$d"),
    ("c-format", "%s", "%ls"),
    ("c-format", "%d", "%i"),
    ("c-format", "%u", "%d"),
    ("c-format", "%s", "%s %s"),
    ("c-format", "%d", "abc"),
    ("c-format", "%1$s", "%2$s"),
    ("c-format", "%'d", "%d"),
    ("c-format", "%zu", "%lu"),
    ("c-format", "%*d", "%*d"),
    ("c-format", "%5.2f%%", "%5.2f %%"),
    ("c-format", "%d", "%d %"),
    ("c-format", "%s", "%1$s %s"),
    ("python-format", "%(n)d", "%(n)s"),
    ("python-format", "%s", "%d"),
    ("python-format", "%s", "%r"),
    ("python-format", "%s %s", "%s"),
    ("python-format", "%(a)s %(b)s", "%(a)s"),
    ("python-format", "%(a)s", "%(a)s %(b)s"),
    ("python-format", "%(a)s", "%(a)s %(a)s"),
    ("python-format", "%d%%", "%d %"),
    ("python-format", "%s", "% s"),
    ("python-format", "%.*f", "%.*f"),
    ("python-format", "%s", "%1$s"),
    ("python-format", "%(a)s", "%s"),
    ("python-format", "%(count)d", "% (count)d"),
    ("python-format", "50% done", "50 % fait"),
    ("python-brace-format", "{x!r}", "{x!r}"),
    ("python-brace-format", "{}", "a"),
    ("python-brace-format", "{x}", "{}"),
    ("python-brace-format", "{x} {y}", "{y}"),
    ("python-brace-format", "{x:{w}}", "{x:{w}}"),
    ("python-brace-format", "{x[0]} {y.z}", "{x[0]} {y.z}"),
    ("python-brace-format", "{x}", "{x} }"),
    ("python-brace-format", "{x}", "{x} {z}"),
    ("python-brace-format", "{0} {1}", "{1} {0}"),
    ("python-brace-format", "{x}", "{x"),
]


def _msgfmt_accepts(tmp_path: Path, body: str) -> tuple[bool, str]:
    path = tmp_path / "case.po"
    path.write_text(HEADER + body, encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)
    return result.returncode == 0, result.stderr


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize(("flag", "msgid", "msgstr"), CASES)
def test_same_verdict_as_msgfmt(tmp_path: Path, flag: str, msgid: str, msgstr: str) -> None:
    body = f"#, {flag}\nmsgid {_quote(msgid)}\nmsgstr {_quote(msgstr)}\n"
    accepted, stderr = _msgfmt_accepts(tmp_path, body)
    ours = check_format(flag, msgid, msgstr)
    assert (ours == []) == accepted, (ours, stderr)
    if not accepted:  # same words as msgfmt
        assert ours[0] in stderr


PLURAL_CASES = [
    ("c-format", "one", "%d files", "un fichier", "%d fichiers"),
    ("c-format", "one", "%d files", "%d fichier", "fichiers"),
    ("c-format", "one", "%d files", "%d fichier", "%s fichiers"),
    ("python-format", "one", "%(n)d files", "x %(m)d", "%(n)d"),
    ("python-format", "one", "%(n)d files", "%s", "%(n)d"),
    ("python-brace-format", "{n} one", "{n} files", "un", "{n}"),
]


@pytest.mark.parametrize(("flag", "msgid", "plural", "form0", "form1"), PLURAL_CASES)
def test_plural_forms_same_verdict_as_msgfmt(tmp_path: Path, flag: str, msgid: str,
                                             plural: str, form0: str, form1: str) -> None:
    body = (f"#, {flag}\nmsgid {_quote(msgid)}\nmsgid_plural {_quote(plural)}\n"
            f"msgstr[0] {_quote(form0)}\nmsgstr[1] {_quote(form1)}\n")
    accepted, stderr = _msgfmt_accepts(tmp_path, body)
    entry = Entry(msgid=msgid, msgid_plural=plural, msgstr_plural={0: form0, 1: form1},
                  flags=[flag])
    ours = entry_format_problems(entry, parse_plural_forms("nplurals=2; plural=(n > 1);"))
    assert (ours == []) == accepted, (ours, stderr)
    for problem in ours:
        assert problem.message in stderr


def test_corpus_flagged_entries_match_msgfmt(corpus_dir: Path) -> None:
    """msgfmt --check accepts all twelve files; with --use-fuzzy it rejects three entries."""
    total = 0
    rejected: list[tuple[str, int]] = []
    for path in sorted((corpus_dir / "po").glob("*.po")):
        catalog = read_po(path)
        value = catalog.header_value("Plural-Forms")
        plural = parse_plural_forms(value) if value else None
        for entry in catalog.active_entries():
            total += bool(entry.flags)
            if entry_format_problems(entry, plural):
                assert entry.fuzzy, (path.name, entry.lineno)
                rejected.append((path.name, entry.msgstr_lineno))
    assert total > 500
    assert rejected == [("ko_python-docs_library-time.po", n) for n in (768, 866, 952)]


def test_parsers_report_arguments() -> None:
    assert parse_c_format("%2$d %1$s").unnamed == ["string", "int"]
    assert parse_python_format("%(a)s %(b)d").named == {"a": "any", "b": "int"}
    assert set(parse_python_brace_format("{a} {b.c} {0}").named) == {"a", "b", "0"}
    assert parse_python_format("%").invalid == "The string ends in the middle of a directive."


@pytest.mark.parametrize(("text", "expected"), [
    ("Hello %s and %(name)s", ["%s", "%(name)s"]),
    ("%1$s %2$d", ["%1$s", "%2$d"]),
    ("{name} {0} {}", ["{name}", "{0}", "{}"]),
    ("Hi {{ user.name }}!", ["{{ user.name }}"]),
    ("{% if x %}", ["{% if x %}"]),
    ("50% of 100%", []),
    ("100%% sure", []),
    ("{{ escaped }} in brace text", ["{{ escaped }}"]),
])
def test_placeholders_scan(text: str, expected: list[str]) -> None:
    assert [p.text for p in placeholders(text)] == expected


def test_sequential_directives_are_numbered_for_reordering() -> None:
    english = {p.signature for p in placeholders("%s of %d")}
    reordered = {p.signature for p in placeholders("%2$d の %1$s")}
    assert english == reordered
