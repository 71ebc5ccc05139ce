"""Fuzzing ``extract`` with random Markdown, and mask/restore with what services do.

``extract`` runs as a user runs it (the CLI, on a project): it writes a template
msgfmt accepts, or refuses the file with ``path:line: error:`` (exit 3) — and only
for bad front matter, or for U+0004, the character gettext uses to separate a
context from its msgid (msgfmt refuses it in any string).  Never a traceback.
The mask/restore identity itself is in ``test_masking_property.py``; here a
"service" changes the text between the tokens,
pads it with whitespace, or damages a token, and restore must cope or say so with
:class:`TokenDamage` (never another exception, never a silently wrong result).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summit_i18n.cli import app
from summit_i18n.prefill.masking import TokenDamage, mask, restore
from summit_i18n.prefill.testing import fake_translate
from tests.property.strategies import markdown_documents
from tests.property.test_masking_property import TEXT

runner = CliRunner()
_ERROR = re.compile(r"^source/doc\.md:(\d+): error: (.+)$", re.MULTILINE)


def _front_matter_lines(text: str) -> int | None:
    """Lines the front matter takes (fences included), None when the text has none;
    0 when it is not closed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return number
    return 0


def test_extract_never_fails_but_for_front_matter() -> None:
    root = Path(tempfile.mkdtemp(prefix="fuzz-md-"))
    (root / "source").mkdir()
    (root / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    outcomes: dict[int, int] = {}

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(markdown_documents())
    def one(text: str) -> None:
        (root / "source" / "doc.md").write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["-C", str(root), "extract"])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            repr(result.exception)
        outcomes[result.exit_code] = outcomes.get(result.exit_code, 0) + 1
        if result.exit_code == 3:
            match = _ERROR.search(result.stderr)
            assert match, result.stderr
            if "U+0004" in match.group(2):  # gettext's context separator: no catalog holds it
                assert "\x04" in text
                return
            front = _front_matter_lines(text)
            assert front is not None, f"refused a file without front matter: {result.stderr}"
            assert int(match.group(1)) <= (front or 1), result.stderr
            return
        assert result.exit_code == 0, (result.exit_code, result.output)
        for pot in (root / "locale").glob("*.pot"):
            done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(pot)],
                                  capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr

    one()
    assert outcomes.get(0, 0) > 50  # the fuzzing reached extraction, not only errors
    assert outcomes.get(3, 0) > 5  # and bad front matter was generated and refused


def _tokens_in(text: str) -> list[str]:
    return re.findall(r"⟦\d+⟧", text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["", " ", "\n", "  \n\t"]), st.sampled_from(["", " ", "\n "]))
def test_restore_after_a_service_changed_the_prose(text: str, before: str, after: str) -> None:
    masked = mask(text)
    # what a service does: new words around the tokens, case changed, whitespace
    # stripped or added at the ends
    translated = before + fake_translate(masked.text, "fr") + after
    result = restore(masked, translated)
    assert result.startswith(masked.leading)
    assert result.endswith(masked.trailing)
    for token in masked.tokens:
        if token.kind != "emph":  # emphasis markers may move to stick to their words
            assert token.output in result


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_damaged_tokens_are_reported(text: str, data: st.DataObject) -> None:
    masked = mask(text)
    found = _tokens_in(masked.text)
    if not found:
        assert restore(masked, masked.text + " x") .startswith(masked.leading)
        return
    victim = data.draw(st.sampled_from(found))
    damage = data.draw(st.sampled_from(["lose", "double", "alter"]))
    if damage == "lose":
        translated = masked.text.replace(victim, "", 1)
    elif damage == "double":
        translated = masked.text + " " + victim
    else:
        translated = masked.text.replace(victim, victim[:-1] + " ", 1)
    try:
        restore(masked, translated)
    except TokenDamage:
        return
    raise AssertionError(f"{damage} of {victim} in {masked.text!r} went unnoticed")


def test_eot_in_the_text_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    (tmp_path / "source" / "doc.md").write_text("# Title\n\nOne\x04two.\n", encoding="utf-8")
    result = runner.invoke(app, ["-C", str(tmp_path), "extract"])
    assert result.exit_code == 3
    assert result.stderr.startswith("source/doc.md:3: error: control character U+0004")
    assert not (tmp_path / "locale" / "doc.pot").exists()
