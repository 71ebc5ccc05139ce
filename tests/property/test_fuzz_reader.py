"""Fuzzing the catalog reader: generated .po files, valid and broken, beside GNU msgfmt.

For every generated file: :func:`summit_i18n.po.parse_po` either returns a catalog
or raises :class:`SourceError` (nothing else), a catalog it accepts is written
back byte for byte, and ``summit-i18n check`` on the file exits 0, 1 or 3 with no
traceback.  Accept/refuse is compared with ``msgfmt --check-format`` on the same
bytes; the agreement rate over the generated files must stay at or above
:data:`AGREEMENT_FLOOR` (the rate measured below, minus a margin).

Disagreements kept on purpose (each is counted by kind; no other kind may occur):

* ``format`` — msgfmt refuses an entry whose ``c-format``/``python-format``/
  ``python-brace-format`` directives differ between msgid and msgstr.  The reader
  reads syntax; format strings are judged by ``summit-i18n check`` and refused by
  ``compile``, so a translator can still open, merge and fix such a catalog.
* ``plural-header`` — msgfmt refuses plural entries when the header has no
  ``Plural-Forms``, or an entry with another number of forms than its ``nplurals``:
  again a ``check`` finding and a ``compile`` refusal, not a syntax error.
* ``newlines`` — ``--check-format`` also wants msgid and msgstr to begin and end
  with a newline alike: a ``check`` finding (``compile`` refuses it too).
* ``unknown-charset`` — msgfmt warns about a charset it does not know and goes on;
  the reader refuses it, because text it cannot decode it could not write back.
* ``nul-byte`` — msgfmt skips a NUL byte in a comment; the reader refuses any NUL
  byte as binary content (a .mo or a damaged file), as the backbone issue asks.

Measured (seeds from 20261126, batches of 400 files): 89.8 % agreement over the
suite's 400 files (121 valid, 279 broken: 359 agree, 21 unknown-charset,
16 format, 4 nul-byte) and 93.5 % over 2,000 (``make bench``).  Refusals always
carry the path and a line inside the file.  ``SUMMIT_I18N_FUZZ_EXAMPLES`` sets the
number of files.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from typer.testing import CliRunner

from summit_i18n.catalog import Catalog
from summit_i18n.errors import SourceError
from summit_i18n.po import format_po, parse_po
from tests.property.strategies import PoFile, po_files

EXAMPLES = int(os.environ.get("SUMMIT_I18N_FUZZ_EXAMPLES", "400"))
AGREEMENT_FLOOR = 0.87  #: measured 0.898 (see above), minus a margin
#: disagreements kept on purpose: kind -> (who accepts, what the refusal says)
KEPT_ON_PURPOSE: dict[str, tuple[str, tuple[str, ...]]] = {
    "format": ("ours", ("format specification", "is not a valid C format",
                        "is not a valid Python", "format specifications")),
    "plural-header": ("ours", ("plural form", "nplurals", "Plural-Forms")),
    "newlines": ("ours", ("begin with '\\n'", "end with '\\n'")),
    "unknown-charset": ("msgfmt", ("unknown charset",)),
    "nul-byte": ("msgfmt", ("NUL byte",)),
}

runner = CliRunner()


def _msgfmt(path: Path) -> tuple[bool, str]:
    done = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    return done.returncode == 0, done.stderr


def _read(data: bytes, path: str) -> tuple[Catalog | None, SourceError | None]:
    """The catalog, or the SourceError (any other exception propagates: a failure)."""
    try:
        return parse_po(data, path=path), None
    except SourceError as exc:
        return None, exc


def _classify(ours: bool, refusal: str) -> str | None:
    """The kept-on-purpose kind of a disagreement, from the refusal's message."""
    accepting = "ours" if ours else "msgfmt"
    for kind, (who, needles) in KEPT_ON_PURPOSE.items():
        if who == accepting and any(n in refusal for n in needles):
            return kind
    return None


def test_reader_against_msgfmt() -> None:
    from summit_i18n.cli import app

    tally: Counter[str] = Counter()
    unexplained: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="fuzz-po-"))

    def one(po: PoFile) -> None:
        path = folder / "fuzz.po"
        path.write_bytes(po.data)
        catalog, error = _read(po.data, str(path))
        ours = catalog is not None
        refusal = error.detail if error is not None else ""
        if error is not None:
            assert error.path == str(path)
            assert error.line is None or 1 <= error.line <= po.data.count(b"\n") + 1
        if catalog is not None:
            assert format_po(catalog) == po.data, "accepted but not written back as read"
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code in (0, 1, 3), (result.exit_code, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            repr(result.exception)
        theirs, stderr = _msgfmt(path)
        tally["files"] += 1
        tally["valid" if po.mutation == "none" else "broken"] += 1
        if ours == theirs:
            tally["agree"] += 1
            return
        kind = _classify(ours, stderr if ours else refusal)
        if kind is None:
            unexplained.append(f"{po.mutation}: ours={'accept' if ours else 'refuse'} "
                               f"{refusal}, msgfmt={'accept' if theirs else 'refuse'}: "
                               f"{stderr[:300]}\n{po.data[:600]!r}")
        tally[f"disagree:{kind}"] += 1

    # batches of 400 with their own seeds: one long Hypothesis run slows down as it
    # goes (it remembers every example); the first batch is the suite's 400 files
    for batch in range(max(1, -(-EXAMPLES // 400))):
        size = min(400, EXAMPLES - 400 * batch) if EXAMPLES > 400 else EXAMPLES
        seed(20261126 + batch)(  # the same files every run, so the rate is comparable
            settings(max_examples=size, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])(
                given(po_files())(one)))()
    rate = tally["agree"] / tally["files"]
    print(f"agreement with msgfmt --check-format: {rate:.1%} of {tally['files']} files "
          f"({tally['valid']} valid, {tally['broken']} broken); {dict(tally)}")
    assert not unexplained, "\n\n".join(unexplained)
    assert rate >= AGREEMENT_FLOOR, dict(tally)
    assert tally["valid"] > EXAMPLES // 8
    assert tally["broken"] > EXAMPLES // 3


def test_duplicates_with_obsolete_definitions_refused_like_msgfmt(tmp_path: Path) -> None:
    """msgfmt refuses a message defined twice even when a definition is obsolete."""
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cases = {
        "two obsolete": '#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
        "active and obsolete": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
        "other context": '#~ msgctxt "x"\n#~ msgid "a"\n#~ msgstr "b"\n\n'
                         'msgid "a"\nmsgstr "c"\n',
    }
    for name, body in cases.items():
        path = tmp_path / "dup.po"
        path.write_text(head + body, encoding="utf-8")
        theirs, _ = _msgfmt(path)
        catalog, error = _read(path.read_bytes(), str(path))
        ours = catalog is not None
        assert ours or (error is not None and "duplicate message definition" in error.detail)
        assert ours == theirs, name
        assert ours == (name == "other context")


def test_undecodable_comment_bytes_are_printed_without_a_traceback(tmp_path: Path) -> None:
    """msgfmt keeps bytes that do not decode in comments; so does the reader, and
    every command that shows them (a finding's reference, the report) escapes them."""
    from summit_i18n.cli import app

    root = tmp_path / "proj"
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    head = (b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
            b'"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    (root / "locale" / "doc.pot").write_bytes(head + b'#: doc.md:1\nmsgid "0"\nmsgstr ""\n')
    po = root / "locale" / "fr" / "LC_MESSAGES" / "doc.po"
    po.write_bytes(head + b'# note \xff\n#: doc.md:1\xff\xfe\n#, fuzzy\nmsgid "0"\nmsgstr "00"\n')
    assert _msgfmt(po)[0]
    for args in (["check", str(po)], ["-C", str(root), "check"], ["-C", str(root), "status"],
                 ["-C", str(root), "report", "-o", str(tmp_path / "r.html")]):
        result = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (args, repr(result.exception))
        assert result.exit_code in (0, 1), (args, result.output)
    assert "doc.md:1\\udcff\\udcfe" in runner.invoke(app, ["check", str(po)]).stdout
